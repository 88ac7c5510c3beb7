<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>EasyNetConsole::Composer</name>
    <message>
        <source>a lone \ at the end</source>
        <translation>ein einzelnes \ am Ende</translation>
    </message>
    <message>
        <source>\x needs two hex digits, as in \x0a</source>
        <translation>\x braucht zwei Hex-Ziffern, wie in \x0a</translation>
    </message>
    <message>
        <source>unknown escape \%1 (use \n \r \t \0 \\ or \xHH)</source>
        <translation>unbekannte Escape-Sequenz \%1 (erlaubt: \n \r \t \0 \\ oder \xHH)</translation>
    </message>
    <message>
        <source>a byte needs two hex digits</source>
        <translation>ein Byte braucht zwei Hex-Ziffern</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a hex digit</source>
        <translation>„%1“ ist keine Hex-Ziffer</translation>
    </message>
    <message>
        <source>JSON syntax error at line %1, column %2: %3</source>
        <translation>JSON-Syntaxfehler in Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>the bytes are not valid UTF-8 text; send them in hex or with a byte-string protocol (raw, length)</source>
        <translation>die Bytes sind kein gültiger UTF-8-Text; senden Sie sie als Hex oder mit einem Byte-Protokoll (raw, length)</translation>
    </message>
    <message>
        <source>protocol: %1</source>
        <translation>Protokoll: %1</translation>
    </message>
    <message>
        <source>the protocol cannot send this packet: %1</source>
        <translation>das Protokoll kann dieses Paket nicht senden: %1</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::ComposerPanel</name>
    <message>
        <source>Packet as:</source>
        <translation>Paket als:</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Text (\n, \xHH escapes)</source>
        <translation>Text (Escapes \n, \xHH)</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Send credentials</source>
        <translation>Anmeldedaten senden</translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation>Dateien anhängen …</translation>
    </message>
    <message>
        <source>Pass these files&apos; descriptors with the next packet (Unix sockets)</source>
        <translation>Die Deskriptoren dieser Dateien mit dem nächsten Paket übergeben (Unix-Sockets)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>{&quot;cmd&quot;: &quot;ping&quot;}   — Ctrl+Enter sends, Up/Down: history</source>
        <translation>{&quot;cmd&quot;: &quot;ping&quot;}   — Strg+Eingabe sendet, Auf/Ab: Verlauf</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message numerus="yes">
        <source>On the wire (%n byte(s)): %1</source>
        <translation>
            <numerusform>Auf der Leitung (%n Byte): %1</numerusform>
            <numerusform>Auf der Leitung (%n Bytes): %1</numerusform>
        </translation>
    </message>
    <message>
        <source>With the next packet: %1</source>
        <translation>Mit dem nächsten Paket: %1</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::ConnectionPanel</name>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Connect (Ctrl+O)</source>
        <translation>Verbinden (Strg+O)</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>Send &amp;EOF</source>
        <translation>&amp;EOF senden</translation>
    </message>
    <message>
        <source>Close the write side (TCP and Unix stream)</source>
        <translation>Die Schreibseite schließen (TCP und Unix-Stream)</translation>
    </message>
    <message>
        <source>Start echo server</source>
        <translation>Echo-Server starten</translation>
    </message>
    <message>
        <source>Start the built-in echo server for the chosen transport and protocol, and point the connection at it</source>
        <translation>Den eingebauten Echo-Server für das gewählte Transportmittel und Protokoll starten und die Verbindung auf ihn richten</translation>
    </message>
    <message>
        <source>Recent connections</source>
        <translation>Letzte Verbindungen</translation>
    </message>
    <message>
        <source>Recent:</source>
        <translation>Zuletzt:</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>&amp;Transport:</source>
        <translation>T&amp;ransport:</translation>
    </message>
    <message>
        <source>host name or address</source>
        <translation>Hostname oder Adresse</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>/path/to/socket or @abstract</source>
        <translation>/pfad/zum/socket oder @abstrakt</translation>
    </message>
    <message>
        <source>Socket &amp;path:</source>
        <translation>Socket-&amp;Pfad:</translation>
    </message>
    <message>
        <source>none (address[:port], or a path)</source>
        <translation>keine (Adresse[:Port] oder ein Pfad)</translation>
    </message>
    <message>
        <source>&amp;Local bind:</source>
        <translation>&amp;Lokale Bindung:</translation>
    </message>
    <message>
        <source>Receive the peer&apos;s credentials</source>
        <translation>Anmeldedaten der Gegenstelle empfangen</translation>
    </message>
    <message>
        <source>system default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <source>Connect timeout:</source>
        <translation>Verbindungs-Zeitlimit:</translation>
    </message>
    <message>
        <source>How long a connection attempt has before the next address is tried as well (RFC 8305)</source>
        <translation>Wie lange ein Verbindungsversuch Zeit hat, bevor zusätzlich die nächste Adresse versucht wird (RFC 8305)</translation>
    </message>
    <message>
        <source>Happy Eyeballs delay:</source>
        <translation>Happy-Eyeballs-Verzögerung:</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>system CAs only</source>
        <translation>nur System-CAs</translation>
    </message>
    <message>
        <source>CA file:</source>
        <translation>CA-Datei:</translation>
    </message>
    <message>
        <source>Choose a CA certificate file</source>
        <translation>CA-Zertifikatsdatei wählen</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Client certificate:</source>
        <translation>Client-Zertifikat:</translation>
    </message>
    <message>
        <source>Choose the client certificate</source>
        <translation>Client-Zertifikat wählen</translation>
    </message>
    <message>
        <source>Client key:</source>
        <translation>Client-Schlüssel:</translation>
    </message>
    <message>
        <source>Choose the client key</source>
        <translation>Client-Schlüssel wählen</translation>
    </message>
    <message>
        <source>the host</source>
        <translation>der Host</translation>
    </message>
    <message>
        <source>Server name:</source>
        <translation>Servername:</translation>
    </message>
    <message>
        <source>Handshake timeout:</source>
        <translation>Handshake-Zeitlimit:</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>LF (\n)</source>
        <translation>LF (\n)</translation>
    </message>
    <message>
        <source>CR (\r)</source>
        <translation>CR (\r)</translation>
    </message>
    <message>
        <source>CRLF (\r\n)</source>
        <translation>CRLF (\r\n)</translation>
    </message>
    <message>
        <source>Line separator:</source>
        <translation>Zeilentrenner:</translation>
    </message>
    <message>
        <source>ASCII</source>
        <translation>ASCII</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>Latin-1</source>
        <translation>Latin-1</translation>
    </message>
    <message>
        <source>Line encoding:</source>
        <translation>Zeilenkodierung:</translation>
    </message>
    <message numerus="yes">
        <source>%1 byte(s)</source>
        <translation>
            <numerusform>%1 Byte</numerusform>
            <numerusform>%1 Bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>Length header:</source>
        <translation>Längenfeld:</translation>
    </message>
    <message>
        <source>Python struct format, e.g. !iqd</source>
        <translation>Python-struct-Format, z. B. !iqd</translation>
    </message>
    <message>
        <source>Struct format:</source>
        <translation>Struct-Format:</translation>
    </message>
    <message>
        <source>zlib</source>
        <translation>zlib</translation>
    </message>
    <message>
        <source>Base64</source>
        <translation>Base64</translation>
    </message>
    <message>
        <source>Wrapped in:</source>
        <translation>Verpackt in:</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> Bytes</translation>
    </message>
    <message>
        <source>Max packet size:</source>
        <translation>Max. Paketgröße:</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(auswählen)</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Echo server on %1</source>
        <translation>Echo-Server auf %1</translation>
    </message>
    <message>
        <source>certificate SHA-256: %1</source>
        <translation>Zertifikat SHA-256: %1</translation>
    </message>
    <message>
        <source>No echo server running</source>
        <translation>Kein Echo-Server läuft</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>T&amp;yp:</translation>
    </message>
    <message>
        <source>proxy host</source>
        <translation>Proxy-Host</translation>
    </message>
    <message>
        <source>Usually 1080 for SOCKS5, 8080 or 3128 for HTTP</source>
        <translation>Meist 1080 für SOCKS5, 8080 oder 3128 für HTTP</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Kept for this run only, never saved</source>
        <translation>Nur für diese Sitzung behalten, nie gespeichert</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Anmeldung:</translation>
    </message>
    <message>
        <source>Rule server on %1</source>
        <translation>Regelserver auf %1</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::ConnectionSettings</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>not a URL (tcp://host:port, tls://, udp://, unix:///path, unix:@name, unix-dgram://...)</source>
        <translation>keine URL (tcp://host:port, tls://, udp://, unix:///pfad, unix:@name, unix-dgram://...)</translation>
    </message>
    <message>
        <source>unknown scheme &quot;%1&quot; (tcp, tls, udp, unix, unix-dgram)</source>
        <translation>unbekanntes Schema „%1“ (tcp, tls, udp, unix, unix-dgram)</translation>
    </message>
    <message>
        <source>not a Unix socket path or @name</source>
        <translation>kein Unix-Socket-Pfad und kein @name</translation>
    </message>
    <message>
        <source>expected //host:port after the scheme</source>
        <translation>//host:port nach dem Schema erwartet</translation>
    </message>
    <message>
        <source>expected host:port with a port from 1 to 65535</source>
        <translation>host:port mit einem Port von 1 bis 65535 erwartet</translation>
    </message>
    <message>
        <source>the Unix socket address must be an absolute path or @name</source>
        <translation>die Unix-Socket-Adresse muss ein absoluter Pfad oder @name sein</translation>
    </message>
    <message>
        <source>the local address must be an absolute path or @name</source>
        <translation>die lokale Adresse muss ein absoluter Pfad oder @name sein</translation>
    </message>
    <message>
        <source>the host is empty</source>
        <translation>der Host ist leer</translation>
    </message>
    <message>
        <source>the port must be from 1 to 65535</source>
        <translation>der Port muss zwischen 1 und 65535 liegen</translation>
    </message>
    <message>
        <source>the local address must be an IP address, optionally with :port</source>
        <translation>die lokale Adresse muss eine IP-Adresse sein, optional mit :Port</translation>
    </message>
    <message>
        <source>timeouts must be positive</source>
        <translation>Zeitlimits müssen positiv sein</translation>
    </message>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>Unix stream</source>
        <translation>Unix-Stream</translation>
    </message>
    <message>
        <source>Unix datagram</source>
        <translation>Unix-Datagramm</translation>
    </message>
    <message>
        <source>None (direct)</source>
        <translation>Keiner (direkt)</translation>
    </message>
    <message>
        <source>System/application proxy</source>
        <translation>System-/Anwendungs-Proxy</translation>
    </message>
    <message>
        <source>SOCKS5</source>
        <translation>SOCKS5</translation>
    </message>
    <message>
        <source>HTTP (CONNECT)</source>
        <translation>HTTP (CONNECT)</translation>
    </message>
    <message>
        <source>not a proxy URL (socks5://[user[:password]@]host[:port], http://[user[:password]@]host[:port], none, system)</source>
        <translation>keine Proxy-URL (socks5://[benutzer[:passwort]@]host[:port], http://[benutzer[:passwort]@]host[:port], none, system)</translation>
    </message>
    <message>
        <source>unknown proxy scheme &quot;%1&quot; (socks5, http)</source>
        <translation>unbekanntes Proxy-Schema „%1“ (socks5, http)</translation>
    </message>
    <message>
        <source>a proxy URL has no path, query or fragment</source>
        <translation>eine Proxy-URL hat keinen Pfad, keine Query und kein Fragment</translation>
    </message>
    <message>
        <source>the proxy port must be from 1 to 65535</source>
        <translation>der Proxy-Port muss zwischen 1 und 65535 liegen</translation>
    </message>
    <message>
        <source>SOCKS5 proxy %1</source>
        <translation>SOCKS5-Proxy %1</translation>
    </message>
    <message>
        <source>HTTP proxy %1</source>
        <translation>HTTP-Proxy %1</translation>
    </message>
    <message>
        <source>the proxy host is empty</source>
        <translation>der Proxy-Host ist leer</translation>
    </message>
    <message>
        <source>The peer&apos;s certificate will not be verified: anyone between you and the server can read and change what you send. Use this only to inspect a test server.</source>
        <translation>Das Zertifikat der Gegenstelle wird nicht geprüft: Jeder zwischen Ihnen und dem Server kann lesen und ändern, was Sie senden. Nur zum Untersuchen eines Testservers verwenden.</translation>
    </message>
    <message>
        <source>Accept an invalid certificate</source>
        <translation>Ungültiges Zertifikat akzeptieren</translation>
    </message>
    <message>
        <source>Accept an invalid certificate?</source>
        <translation>Ungültiges Zertifikat akzeptieren?</translation>
    </message>
    <message>
        <source>DTLS</source>
        <translation>DTLS</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::ConsoleOptions</name>
    <message>
        <source>EasyNet Console: talk to a packet server by hand (TCP, TLS, UDP, Unix sockets), or, with --cli, a packet-aware netcat for scripts.</source>
        <translation>EasyNet-Konsole: mit einem Paketserver von Hand sprechen (TCP, TLS, UDP, Unix-Sockets) oder, mit --cli, ein paketbewusstes netcat für Skripte.</translation>
    </message>
    <message>
        <source>Show this help and exit.</source>
        <translation>Diese Hilfe zeigen und beenden.</translation>
    </message>
    <message>
        <source>Show the version and exit.</source>
        <translation>Die Version zeigen und beenden.</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The packet format: json (default), cbor, msgpack, line[:lf|cr|crlf][:ascii|utf8|latin1], length[:1|2|4], struct:FORMAT, datastream, raw; add +zlib and/or +base64 to wrap it.</source>
        <translation>Das Paketformat: json (Vorgabe), cbor, msgpack, line[:lf|cr|crlf][:ascii|utf8|latin1], length[:1|2|4], struct:FORMAT, datastream, raw; +zlib und/oder +base64 verpacken es.</translation>
    </message>
    <message>
        <source>SPEC</source>
        <translation>SPEZ</translation>
    </message>
    <message>
        <source>The largest packet accepted, in bytes.</source>
        <translation>Das größte angenommene Paket, in Bytes.</translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation>BYTES</translation>
    </message>
    <message>
        <source>TLS: trust the CA certificates of this PEM file too.</source>
        <translation>TLS: auch den CA-Zertifikaten dieser PEM-Datei vertrauen.</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>TLS: check the certificate against NAME.</source>
        <translation>TLS: das Zertifikat gegen NAME prüfen.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>TRANSPORT</source>
        <translation>TRANSPORT</translation>
    </message>
    <message>
        <source>The language of the user interface (de, en).</source>
        <translation>Die Sprache der Oberfläche (de, en).</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>SPRACHE</translation>
    </message>
    <message>
        <source>No window: read packets from stdin (one per line), send them, print every packet received as a JSON line.</source>
        <translation>Kein Fenster: Pakete von stdin lesen (eines je Zeile), senden und jedes empfangene Paket als JSON-Zeile ausgeben.</translation>
    </message>
    <message>
        <source>--cli: stop after N packets were received.</source>
        <translation>--cli: nach N empfangenen Paketen aufhören.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>--max-packet-size needs a positive number of bytes</source>
        <translation>--max-packet-size braucht eine positive Anzahl Bytes</translation>
    </message>
    <message>
        <source>--echo-server and --connect cannot be used together</source>
        <translation>--echo-server und --connect gehen nicht zusammen</translation>
    </message>
    <message>
        <source>--count needs a positive number</source>
        <translation>--count braucht eine positive Zahl</translation>
    </message>
    <message>
        <source>--timeout needs a number of seconds above 0</source>
        <translation>--timeout braucht eine Sekundenzahl über 0</translation>
    </message>
    <message>
        <source>--protocol: %1</source>
        <translation>--protocol: %1</translation>
    </message>
    <message>
        <source>--connect: %1</source>
        <translation>--connect: %1</translation>
    </message>
    <message>
        <source>--echo-server: %1</source>
        <translation>--echo-server: %1</translation>
    </message>
    <message>
        <source>TCP and TLS: connect through a proxy: socks5://[user[:password]@]host[:port] (port 1080 if not given), http://[user[:password]@]host[:port] (HTTP CONNECT, port 8080 if not given), none (direct) or system (the system/application proxy, the default). Percent-encode the user and password (%40 for @, %3A for :).</source>
        <translation>TCP und TLS: über einen Proxy verbinden: socks5://[benutzer[:passwort]@]host[:port] (ohne Port 1080), http://[benutzer[:passwort]@]host[:port] (HTTP CONNECT, ohne Port 8080), none (direkt) oder system (der System-/Anwendungs-Proxy, die Vorgabe). Benutzer und Passwort in Prozent-Kodierung (%40 für @, %3A für :).</translation>
    </message>
    <message>
        <source>--proxy: %1</source>
        <translation>--proxy: %1</translation>
    </message>
    <message>
        <source>--proxy goes with the tcp and tls transports only</source>
        <translation>--proxy gilt nur für die Transporte tcp und tls</translation>
    </message>
    <message>
        <source>EasyNet QML console: talk to a packet server by hand (TCP, TLS, UDP, Unix sockets).</source>
        <translation>EasyNet-QML-Konsole: von Hand mit einem Paket-Server sprechen (TCP, TLS, UDP, Unix-Sockets).</translation>
    </message>
    <message>
        <source>TLS: present the client certificate of this PEM file.</source>
        <translation>TLS: das Client-Zertifikat dieser PEM-Datei vorzeigen.</translation>
    </message>
    <message>
        <source>TLS: the private key of --cert (PEM, not encrypted).</source>
        <translation>TLS: der private Schlüssel zu --cert (PEM, nicht verschlüsselt).</translation>
    </message>
    <message>
        <source>TLS: accept a certificate that does not verify (a warning is printed).</source>
        <translation>TLS: ein Zertifikat annehmen, das sich nicht prüfen lässt (mit einer Warnung).</translation>
    </message>
    <message>
        <source>--cli: stop when nothing arrived for SECONDS: with --count an error (exit status 2), without it the normal end (also bounds connecting).</source>
        <translation>--cli: aufhören, wenn SEKUNDEN lang nichts ankam: mit --count ein Fehler (Exit-Status 2), ohne --count das normale Ende (begrenzt auch den Verbindungsaufbau).</translation>
    </message>
    <message>
        <source>warning: --insecure: the server&apos;s certificate is not checked, so anyone on the way can read and change the traffic</source>
        <translation>Warnung: --insecure: das Zertifikat des Servers wird nicht geprüft, also kann jeder auf dem Weg den Verkehr mitlesen und verändern</translation>
    </message>
    <message>
        <source>Connect to URL: tcp://host:port, tls://host:port, udp://host:port, dtls://host:port, unix:///path, unix:@name, unix-dgram:///path, unix-dgram:@name.</source>
        <translation>Mit URL verbinden: tcp://host:port, tls://host:port, udp://host:port, dtls://host:port, unix:///pfad, unix:@name, unix-dgram:///pfad, unix-dgram:@name.</translation>
    </message>
    <message>
        <source>Start the built-in echo server (tcp, tls, udp, dtls, unix, unix-dgram) and connect to it.</source>
        <translation>Den eingebauten Echo-Server starten (tcp, tls, udp, dtls, unix, unix-dgram) und sich mit ihm verbinden.</translation>
    </message>
    <message>
        <source>--echo-server takes tcp, tls, udp, dtls, unix or unix-dgram, not &quot;%1&quot;</source>
        <translation>--echo-server nimmt tcp, tls, udp, dtls, unix oder unix-dgram, nicht „%1“</translation>
    </message>
    <message>
        <source>The built-in server (--echo-server, --serve) answers by the rules of FILE (JSON) instead of echoing.</source>
        <translation>Der eingebaute Server (--echo-server, --serve) antwortet nach den Regeln aus DATEI (JSON), statt die Pakete zurückzuschicken.</translation>
    </message>
    <message>
        <source>--cli: no client; run the built-in server alone at URL (tcp://127.0.0.1:9000, port 0 for any free one; tls://, udp://, dtls://, unix:///path, unix:@name, unix-dgram:...) until stopped, and print a JSON line per packet answered.</source>
        <translation>--cli: kein Client; nur den eingebauten Server auf URL laufen lassen (tcp://127.0.0.1:9000, Port 0 für einen beliebigen freien; tls://, udp://, dtls://, unix:///pfad, unix:@name, unix-dgram:...), bis er gestoppt wird, und je beantwortetem Paket eine JSON-Zeile ausgeben.</translation>
    </message>
    <message>
        <source>--cli: send the sent packets of a session exported as JSON lines again, in order, instead of reading stdin.</source>
        <translation>--cli: die gesendeten Pakete einer als JSON-Zeilen exportierten Sitzung erneut senden, in ihrer Reihenfolge, statt stdin zu lesen.</translation>
    </message>
    <message>
        <source>--replay: original (the gaps between the packets as recorded, the default) or fast (as fast as the connection takes them).</source>
        <translation>--replay: original (die Abstände zwischen den Paketen wie aufgezeichnet, die Vorgabe) oder fast (so schnell, wie die Verbindung sie annimmt).</translation>
    </message>
    <message>
        <source>TIMING</source>
        <translation>TAKT</translation>
    </message>
    <message>
        <source>--cli: send the packet library&apos;s packet NAME (its variables filled in) instead of reading packets from stdin.</source>
        <translation>--cli: das Paket NAME der Paketbibliothek senden (mit ausgefüllten Variablen), statt Pakete von stdin zu lesen.</translation>
    </message>
    <message>
        <source>--cli: the packet library file --send takes NAME from (default: this console&apos;s library, %1).</source>
        <translation>--cli: die Paketbibliotheksdatei, aus der --send NAME nimmt (Vorgabe: die Bibliothek dieser Konsole, %1).</translation>
    </message>
    <message>
        <source>--cli: send each packet (--send&apos;s or each input line) N times, 0 for until the run ends. Input lines are sent as typed; --send&apos;s variables get fresh values each time. --count still ends the run once N packets were received, repeats left or not.</source>
        <translation>--cli: jedes Paket (das von --send oder jede Eingabezeile) N-mal senden, 0: bis der Lauf endet. Eingabezeilen werden so gesendet, wie sie getippt wurden; die Variablen von --send bekommen jedes Mal neue Werte. --count beendet den Lauf trotzdem, sobald N Pakete empfangen wurden, ob Wiederholungen übrig sind oder nicht.</translation>
    </message>
    <message>
        <source>--cli: milliseconds between repeated packets (default 1000, at least 1).</source>
        <translation>--cli: Millisekunden zwischen wiederholten Paketen (Vorgabe 1000, mindestens 1).</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <source>--cli and its options are easynet-console&apos;s</source>
        <translation>--cli und seine Optionen gibt es nur in easynet-console</translation>
    </message>
    <message>
        <source>--replay-timing takes original or fast, not &quot;%1&quot;</source>
        <translation>--replay-timing nimmt original oder fast, nicht „%1“</translation>
    </message>
    <message>
        <source>--replay-timing goes with --replay</source>
        <translation>--replay-timing gehört zu --replay</translation>
    </message>
    <message>
        <source>--replay sends a recorded session: not with --send or --repeat</source>
        <translation>--replay sendet eine aufgezeichnete Sitzung: nicht mit --send oder --repeat</translation>
    </message>
    <message>
        <source>--send needs the name of a packet of the library</source>
        <translation>--send braucht den Namen eines Pakets der Bibliothek</translation>
    </message>
    <message>
        <source>--library goes with --send</source>
        <translation>--library gehört zu --send</translation>
    </message>
    <message>
        <source>--repeat needs a number of times (0: until the run ends)</source>
        <translation>--repeat braucht eine Anzahl (0: bis der Lauf endet)</translation>
    </message>
    <message>
        <source>--interval needs a number of milliseconds, at least 1</source>
        <translation>--interval braucht eine Anzahl Millisekunden, mindestens 1</translation>
    </message>
    <message>
        <source>--count, --timeout, --send, --library, --repeat, --interval, --replay and --serve go with --cli</source>
        <translation>--count, --timeout, --send, --library, --repeat, --interval, --replay und --serve gehören zu --cli</translation>
    </message>
    <message>
        <source>--serve runs a server alone: not with --connect, --echo-server, --count, --timeout, --send, --repeat or --replay</source>
        <translation>--serve betreibt nur einen Server: nicht mit --connect, --echo-server, --count, --timeout, --send, --repeat oder --replay</translation>
    </message>
    <message>
        <source>--rules goes with --echo-server or --serve</source>
        <translation>--rules gehört zu --echo-server oder --serve</translation>
    </message>
    <message>
        <source>--cli needs --connect URL, --echo-server TRANSPORT or --serve URL</source>
        <translation>--cli braucht --connect URL, --echo-server TRANSPORT oder --serve URL</translation>
    </message>
    <message>
        <source>--serve takes a URL: tcp://host:port, tls://, udp://, dtls:// (a literal address; port 0 for any), unix:///path, unix:@name, unix-dgram:..., not &quot;%1&quot;</source>
        <translation>--serve nimmt eine URL: tcp://host:port, tls://, udp://, dtls:// (eine IP-Adresse; Port 0 für einen beliebigen), unix:///pfad, unix:@name, unix-dgram:..., nicht „%1“</translation>
    </message>
    <message>
        <source>--send: %1</source>
        <translation>--send: %1</translation>
    </message>
    <message>
        <source>--send: no packet named &quot;%1&quot; in %2</source>
        <translation>--send: kein Paket namens „%1“ in %2</translation>
    </message>
    <message>
        <source>--send: &quot;%1&quot; cannot be sent with the protocol %2: %3</source>
        <translation>--send: „%1“ ist mit dem Protokoll %2 nicht sendbar: %3</translation>
    </message>
    <message>
        <source>--rules: %1</source>
        <translation>--rules: %1</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::ConsoleSession</name>
    <message>
        <source>closed by the peer</source>
        <translation>von der Gegenstelle geschlossen</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>nicht verbunden</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbindet</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>wird geschlossen</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>cannot connect: %1</source>
        <translation>Verbinden nicht möglich: %1</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>verbinde mit %1</translation>
    </message>
    <message>
        <source>closed: %1</source>
        <translation>geschlossen: %1</translation>
    </message>
    <message>
        <source>connected to %1 from %2</source>
        <translation>verbunden mit %1 von %2</translation>
    </message>
    <message>
        <source>descriptor %1: %2</source>
        <translation>Deskriptor %1: %2</translation>
    </message>
    <message>
        <source>credentials: pid %1, uid %2, gid %3</source>
        <translation>Anmeldedaten: PID %1, UID %2, GID %3</translation>
    </message>
    <message>
        <source>the peer closed the connection</source>
        <translation>die Gegenstelle hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>end of stream sent (the write side is closed)</source>
        <translation>Stream-Ende gesendet (die Schreibseite ist geschlossen)</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>nicht gesendet: %1</translation>
    </message>
    <message>
        <source>descriptor of %1</source>
        <translation>Deskriptor von %1</translation>
    </message>
    <message>
        <source>with this process&apos;s credentials</source>
        <translation>mit den Anmeldedaten dieses Prozesses</translation>
    </message>
    <message>
        <source>connecting to %1 via %2</source>
        <translation>verbinde mit %1 über %2</translation>
    </message>
    <message>
        <source>%1 via %2</source>
        <translation>%1 über %2</translation>
    </message>
    <message>
        <source>closing, then connecting again</source>
        <translation>wird geschlossen, danach neu verbinden</translation>
    </message>
    <message>
        <source>connecting once the connection is closed</source>
        <translation>verbinde, sobald die Verbindung geschlossen ist</translation>
    </message>
    <message numerus="yes">
        <source>the peer closed the connection in the middle of a packet (%n byte(s) lost)</source>
        <translation>
            <numerusform>die Gegenstelle hat die Verbindung mitten in einem Paket geschlossen (%n Byte verloren)</numerusform>
            <numerusform>die Gegenstelle hat die Verbindung mitten in einem Paket geschlossen (%n Bytes verloren)</numerusform>
        </translation>
    </message>
    <message>
        <source>not connected (%1)</source>
        <translation>nicht verbunden (%1)</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>reconnecting in %1 ms (attempt %2)</source>
        <translation>neuer Verbindungsversuch in %1 ms (Versuch %2)</translation>
    </message>
    <message>
        <source>cannot reconnect: %1</source>
        <translation>keine neue Verbindung möglich: %1</translation>
    </message>
    <message>
        <source>cannot start the rule server: %1</source>
        <translation>der Regelserver lässt sich nicht starten: %1</translation>
    </message>
    <message>
        <source>rule server</source>
        <translation>Regelserver</translation>
    </message>
    <message>
        <source>echo server</source>
        <translation>Echo-Server</translation>
    </message>
    <message>
        <source>cannot start the %1: %2</source>
        <translation>%1 lässt sich nicht starten: %2</translation>
    </message>
    <message>
        <source>rule &quot;%1&quot; answered %2</source>
        <translation>Regel „%1“ hat %2 beantwortet</translation>
    </message>
    <message>
        <source>%1 listening on %2, certificate SHA-256 %3</source>
        <translation>%1 lauscht auf %2, Zertifikat SHA-256 %3</translation>
    </message>
    <message>
        <source>%1 listening on %2</source>
        <translation>%1 lauscht auf %2</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::DescriptorInfo</name>
    <message>
        <source>regular file</source>
        <translation>reguläre Datei</translation>
    </message>
    <message>
        <source>directory</source>
        <translation>Verzeichnis</translation>
    </message>
    <message>
        <source>character device</source>
        <translation>zeichenorientiertes Gerät</translation>
    </message>
    <message>
        <source>block device</source>
        <translation>blockorientiertes Gerät</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>Pipe</translation>
    </message>
    <message>
        <source>socket</source>
        <translation>Socket</translation>
    </message>
    <message>
        <source>symbolic link</source>
        <translation>symbolischer Link</translation>
    </message>
    <message>
        <source>unknown type</source>
        <translation>unbekannter Typ</translation>
    </message>
    <message>
        <source>descriptor %1: fstat failed: %2</source>
        <translation>Deskriptor %1: fstat fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>, 1 byte</source>
        <translation>, 1 Byte</translation>
    </message>
    <message>
        <source>, %1 bytes</source>
        <translation>, %1 Bytes</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::DtlsEchoServer</name>
    <message>
        <source>No certificate for DTLS: %1</source>
        <translation>Kein Zertifikat für DTLS: %1</translation>
    </message>
    <message>
        <source>DTLS handshake with %1 failed: %2</source>
        <translation>DTLS-Handshake mit %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Cannot answer %1: %2</source>
        <translation>Kann %1 nicht antworten: %2</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::EchoServer</name>
    <message>
        <source>No protocol: the server cannot decode packets</source>
        <translation>Kein Protokoll: der Server kann keine Pakete dekodieren</translation>
    </message>
    <message>
        <source>Invalid address &quot;%1&quot;: expected host:port with a literal IP address</source>
        <translation>Ungültige Adresse „%1“: host:port mit einer IP-Adresse erwartet</translation>
    </message>
    <message>
        <source>Invalid Unix socket address &quot;%1&quot;: expected a path or @name</source>
        <translation>Ungültige Unix-Socket-Adresse „%1“: ein Pfad oder @name erwartet</translation>
    </message>
    <message>
        <source>datagram larger than %1 bytes</source>
        <translation>Datagramm größer als %1 Bytes</translation>
    </message>
    <message>
        <source>Cannot answer a packet from %1: %2</source>
        <translation>Kann ein Paket von %1 nicht beantworten: %2</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::JsonPath</name>
    <message>
        <source>a JSON path starts with $</source>
        <translation>ein JSON-Pfad beginnt mit $</translation>
    </message>
    <message>
        <source>a key after &apos;.&apos; (letters, digits, _ and -; use [&apos;key&apos;] for others)</source>
        <translation>nach &apos;.&apos; ein Schlüssel erwartet (Buchstaben, Ziffern, _ und -; andere als [&apos;schlüssel&apos;] schreiben)</translation>
    </message>
    <message>
        <source>a quoted key ends with its quote and ]</source>
        <translation>ein Schlüssel in Anführungszeichen endet mit seinem Anführungszeichen und ]</translation>
    </message>
    <message>
        <source>[ takes an index (0, 1, ...) or a quoted key, then ]</source>
        <translation>[ nimmt einen Index (0, 1, ...) oder einen Schlüssel in Anführungszeichen, dann ]</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::LibraryPanel</name>
    <message>
        <source>Search names, notes and packets</source>
        <translation>Namen, Notizen und Pakete durchsuchen</translation>
    </message>
    <message>
        <source>Double-click a packet to send it</source>
        <translation>Doppelklick sendet ein Paket</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Notiz:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the composer&apos;s packet under this name (replaces one of the same name)</source>
        <translation>Das Paket des Editors unter diesem Namen speichern (ersetzt eines gleichen Namens)</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Put the selected packet into the composer</source>
        <translation>Das gewählte Paket in den Editor übernehmen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the selected packet</source>
        <translation>Das gewählte Paket senden</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete the selected packet</source>
        <translation>Das gewählte Paket löschen</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren …</translation>
    </message>
    <message>
        <source>Add the packets of a library file (same names are replaced)</source>
        <translation>Die Pakete einer Bibliotheksdatei hinzufügen (gleiche Namen werden ersetzt)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Save the library to a file</source>
        <translation>Die Bibliothek in eine Datei speichern</translation>
    </message>
    <message>
        <source>Import packets</source>
        <translation>Pakete importieren</translation>
    </message>
    <message>
        <source>Packet library (*.json)</source>
        <translation>Paketbibliothek (*.json)</translation>
    </message>
    <message>
        <source>Export packets</source>
        <translation>Pakete exportieren</translation>
    </message>
    <message>
        <source>%1, saved without a protocol</source>
        <translation>%1, ohne Protokoll gespeichert</translation>
    </message>
    <message>
        <source>%1, saved with the protocol %2</source>
        <translation>%1, mit dem Protokoll %2 gespeichert</translation>
    </message>
    <message>
        <source>Cannot be sent with this connection&apos;s protocol: %1</source>
        <translation>Mit dem Protokoll dieser Verbindung nicht sendbar: %1</translation>
    </message>
    <message>
        <source>saved &quot;%1&quot;</source>
        <translation>„%1“ gespeichert</translation>
    </message>
    <message>
        <source>loaded &quot;%1&quot; into the composer</source>
        <translation>„%1“ in den Editor geladen</translation>
    </message>
    <message>
        <source>sent &quot;%1&quot;</source>
        <translation>„%1“ gesendet</translation>
    </message>
    <message>
        <source>deleted &quot;%1&quot;</source>
        <translation>„%1“ gelöscht</translation>
    </message>
    <message>
        <source>imported %1</source>
        <translation>%1 importiert</translation>
    </message>
    <message>
        <source>exported to %1</source>
        <translation>nach %1 exportiert</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::MainWindow</name>
    <message>
        <source>EasyNet Console</source>
        <translation>EasyNet-Konsole</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Export session…</source>
        <translation>Sitzung &amp;exportieren …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>&amp;Verbindung</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>Send &amp;EOF</source>
        <translation>&amp;EOF senden</translation>
    </message>
    <message>
        <source>Start &amp;echo server</source>
        <translation>&amp;Echo-Server starten</translation>
    </message>
    <message>
        <source>&amp;Packet</source>
        <translation>&amp;Paket</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>&amp;Re-send selected</source>
        <translation>Auswahl &amp;erneut senden</translation>
    </message>
    <message>
        <source>&amp;Copy selected</source>
        <translation>Auswahl &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtern</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Über</translation>
    </message>
    <message>
        <source>About EasyNet Console</source>
        <translation>Über die EasyNet-Konsole</translation>
    </message>
    <message>
        <source>&lt;b&gt;EasyNet Console&lt;/b&gt; %1&lt;br&gt;Talk to packet servers by hand: TCP, TLS, UDP and Unix sockets, with JSON, CBOR, MessagePack, line, length-prefixed, struct and raw framing.</source>
        <translation>&lt;b&gt;EasyNet-Konsole&lt;/b&gt; %1&lt;br&gt;Mit Paketservern von Hand sprechen: TCP, TLS, UDP und Unix-Sockets, mit JSON, CBOR, MessagePack, Zeilen, Längenpräfix, Struct und rohen Bytes.</translation>
    </message>
    <message>
        <source>New tab (Ctrl+T)</source>
        <translation>Neuer Tab (Strg+T)</translation>
    </message>
    <message>
        <source>&amp;New tab</source>
        <translation>&amp;Neuer Tab</translation>
    </message>
    <message>
        <source>C&amp;lose tab</source>
        <translation>Tab sch&amp;ließen</translation>
    </message>
    <message>
        <source>&amp;Rule server…</source>
        <translation>&amp;Regelserver …</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketDetailView</name>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>He&amp;x</source>
        <translation>He&amp;x</translation>
    </message>
    <message>
        <source>&amp;Text</source>
        <translation>&amp;Text</translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Wert</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>TL&amp;S</source>
        <translation>TL&amp;S</translation>
    </message>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n Schlüssel}</numerusform>
            <numerusform>{%n Schlüssel}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n Element]</numerusform>
            <numerusform>[%n Elemente]</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a row of the log.</source>
        <translation>Eine Zeile des Protokolls auswählen.</translation>
    </message>
    <message>
        <source>(as this protocol writes the packet; the peer&apos;s own bytes may differ, e.g. in spacing)</source>
        <translation>(so, wie dieses Protokoll das Paket schreibt; die Bytes der Gegenstelle können abweichen, z. B. bei Leerzeichen)</translation>
    </message>
    <message>
        <source>packet</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Zeit: %1</translation>
    </message>
    <message>
        <source>Peer: %1</source>
        <translation>Gegenstelle: %1</translation>
    </message>
    <message>
        <source>Parse error: %1</source>
        <translation>Parse-Fehler: %1</translation>
    </message>
    <message>
        <source>The stream went on.</source>
        <translation>Der Stream ging weiter.</translation>
    </message>
    <message>
        <source>The stream could not go on: the connection was closed.</source>
        <translation>Der Stream konnte nicht weitergehen: die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>No TLS session</source>
        <translation>Keine TLS-Sitzung</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Cipher</source>
        <translation>Chiffre</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no: an invalid certificate was accepted</source>
        <translation>nein: ein ungültiges Zertifikat wurde akzeptiert</translation>
    </message>
    <message>
        <source>Certificate %1</source>
        <translation>Zertifikat %1</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>none (direct)</source>
        <translation>keiner (direkt)</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>über %1</translation>
    </message>
    <message numerus="yes">
        <source>At byte offset %1, %Ln byte(s)</source>
        <translation>
            <numerusform>Bei Byte-Offset %1, %Ln Byte</numerusform>
            <numerusform>Bei Byte-Offset %1, %Ln Bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketFormat</name>
    <message>
        <source>object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>array</source>
        <translation>Array</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>Wahrheitswert</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>Bytes</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>integer</source>
        <translation>Ganzzahl</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketLibrary</name>
    <message>
        <source>Cannot be sent with this connection&apos;s protocol: %1</source>
        <translation>Mit dem Protokoll dieser Verbindung nicht sendbar: %1</translation>
    </message>
    <message>
        <source>no packet at row %1</source>
        <translation>kein Paket in Zeile %1</translation>
    </message>
    <message>
        <source>a saved packet needs a name</source>
        <translation>ein gespeichertes Paket braucht einen Namen</translation>
    </message>
    <message>
        <source>no composer</source>
        <translation>kein Editor</translation>
    </message>
    <message>
        <source>no composer to load into</source>
        <translation>kein Editor zum Hineinladen</translation>
    </message>
    <message>
        <source>no session to send with</source>
        <translation>keine Sitzung zum Senden</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not sent: %2</source>
        <translation>„%1“ wurde nicht gesendet: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>%1 is not imported: %2</source>
        <translation>%1 wurde nicht importiert: %2</translation>
    </message>
    <message>
        <source>not JSON (%1 at byte %2)</source>
        <translation>kein JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>not a packet library (it has no &quot;format&quot;: &quot;%1&quot;)</source>
        <translation>keine Paketbibliothek (es fehlt &quot;format&quot;: &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a whole number from 1</source>
        <translation>&quot;version&quot; muss eine ganze Zahl ab 1 sein</translation>
    </message>
    <message>
        <source>version %1 is newer than this console reads (%2)</source>
        <translation>Version %1 ist neuer, als diese Konsole lesen kann (%2)</translation>
    </message>
    <message>
        <source>&quot;packets&quot; must be a list</source>
        <translation>&quot;packets&quot; muss eine Liste sein</translation>
    </message>
    <message>
        <source>packet %1: %2</source>
        <translation>Paket %1: %2</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>no &quot;name&quot;</source>
        <translation>kein &quot;name&quot;</translation>
    </message>
    <message>
        <source>a second packet named &quot;%1&quot;</source>
        <translation>ein zweites Paket namens „%1“</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no &quot;text&quot;</source>
        <translation>„%1“ hat kein &quot;text&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;mode&quot; must be json, text or hex, not &quot;%2&quot;</source>
        <translation>„%1“: &quot;mode&quot; muss json, text oder hex sein, nicht „%2“</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;%2&quot; must be text</source>
        <translation>„%1“: &quot;%2&quot; muss Text sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: protocol &quot;%2&quot;: %3</source>
        <translation>„%1“: Protokoll „%2“: %3</translation>
    </message>
    <message>
        <source>the packet library %1 cannot be read (%2); the next change keeps it as %1.broken</source>
        <translation>die Paketbibliothek %1 lässt sich nicht lesen (%2); die nächste Änderung bewahrt sie als %1.broken auf</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 lässt sich nicht schreiben: %2</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketLogEntry</name>
    <message>
        <source>not JSON: %1</source>
        <translation>kein JSON: %1</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>kein JSON-Objekt</translation>
    </message>
    <message>
        <source>&quot;time&quot; is not an ISO 8601 date and time</source>
        <translation>&quot;time&quot; ist kein Datum mit Uhrzeit nach ISO 8601</translation>
    </message>
    <message>
        <source>&quot;direction&quot; is not sent, received or event</source>
        <translation>&quot;direction&quot; ist nicht sent, received oder event</translation>
    </message>
    <message>
        <source>&quot;raw&quot; is not Base64</source>
        <translation>&quot;raw&quot; ist kein Base64</translation>
    </message>
    <message numerus="yes">
        <source>&quot;size&quot; is %1, but &quot;raw&quot; holds %n byte(s)</source>
        <translation>
            <numerusform>&quot;size&quot; ist %1, aber &quot;raw&quot; enthält %n Byte</numerusform>
            <numerusform>&quot;size&quot; ist %1, aber &quot;raw&quot; enthält %n Bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketLogModel</name>
    <message>
        <source>parse error</source>
        <translation>Parse-Fehler</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>received</source>
        <translation>empfangen</translation>
    </message>
    <message>
        <source>event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 lässt sich nicht schreiben: %2</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketLogPanel</name>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Filter (Strg+F)</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Clear the log (Ctrl+L)</source>
        <translation>Das Protokoll leeren (Strg+L)</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <source>Save the session as JSON lines</source>
        <translation>Die Sitzung als JSON-Zeilen speichern</translation>
    </message>
    <message>
        <source>&amp;Re-send</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <source>Export the session</source>
        <translation>Die Sitzung exportieren</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;All files (*)</source>
        <translation>JSON-Zeilen (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <source>Sent %Ln packet(s) (%1)</source>
        <translation>
            <numerusform>Gesendet: %Ln Paket (%1)</numerusform>
            <numerusform>Gesendet: %Ln Pakete (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>received %Ln packet(s) (%1)</source>
        <translation>
            <numerusform>empfangen: %Ln Paket (%1)</numerusform>
            <numerusform>empfangen: %Ln Pakete (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 packets/s</source>
        <translation>%1 Pakete/s</translation>
    </message>
    <message numerus="yes">
        <source>%Ln parse error(s)</source>
        <translation>
            <numerusform>%Ln Parse-Fehler</numerusform>
            <numerusform>%Ln Parse-Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>last round trip %1 ms</source>
        <translation>letzte Umlaufzeit %1 ms</translation>
    </message>
    <message numerus="yes">
        <source>%Ln older row(s) dropped</source>
        <translation>
            <numerusform>%Ln ältere Zeile verworfen</numerusform>
            <numerusform>%Ln ältere Zeilen verworfen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Wireshark…</source>
        <translation>&amp;Wireshark …</translation>
    </message>
    <message>
        <source>Export to Wireshark (pcapng): the session as a capture file, whose Follow Stream shows its bytes</source>
        <translation>Für Wireshark exportieren (pcapng): die Sitzung als Mitschnitt, dessen „Follow Stream“ ihre Bytes zeigt</translation>
    </message>
    <message>
        <source>Export to Wireshark</source>
        <translation>Für Wireshark exportieren</translation>
    </message>
    <message>
        <source>pcapng captures (*.pcapng);;All files (*)</source>
        <translation>pcapng-Mitschnitte (*.pcapng);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketNetcat</name>
    <message>
        <source>not sent: %1</source>
        <translation>nicht gesendet: %1</translation>
    </message>
    <message>
        <source>%1; they begin like a TLS record: is it a TLS port (tls://)?</source>
        <translation>%1; sie beginnen wie ein TLS-Record: ist es ein TLS-Port (tls://)?</translation>
    </message>
    <message>
        <source>the peer closed the connection without sending anything back; if it speaks TLS, connect with tls://</source>
        <translation>die Gegenstelle hat die Verbindung geschlossen, ohne etwas zurückzusenden; spricht sie TLS, mit tls:// verbinden</translation>
    </message>
    <message>
        <source>the peer closed the connection without sending anything back</source>
        <translation>die Gegenstelle hat die Verbindung geschlossen, ohne etwas zurückzusenden</translation>
    </message>
    <message numerus="yes">
        <source>the peer closed the connection after %1 of %n packet(s)</source>
        <translation>
            <numerusform>die Gegenstelle hat die Verbindung nach %1 von %n Paket geschlossen</numerusform>
            <numerusform>die Gegenstelle hat die Verbindung nach %1 von %n Paketen geschlossen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>timed out: nothing arrived for %1 ms, %2 of %n packet(s) came</source>
        <translation>
            <numerusform>Zeitlimit: %1 ms lang kam nichts an, %2 von %n Paket kamen an</numerusform>
            <numerusform>Zeitlimit: %1 ms lang kam nichts an, %2 von %n Paketen kamen an</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>repeat stopped after %n packet(s): %1</source>
        <translation>
            <numerusform>Wiederholung nach %n Paket gestoppt: %1</numerusform>
            <numerusform>Wiederholung nach %n Paketen gestoppt: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketTemplate</name>
    <message>
        <source>&apos;{{&apos; without &apos;}}&apos;: a variable is written {{name}}</source>
        <translation>&apos;{{&apos; ohne &apos;}}&apos;: eine Variable schreibt man {{name}}</translation>
    </message>
    <message>
        <source>%1: the time is {{time}}, {{time:iso}} or {{time:unix}}</source>
        <translation>%1: die Zeit schreibt man {{time}}, {{time:iso}} oder {{time:unix}}</translation>
    </message>
    <message>
        <source>%1: a random number is {{random:MIN:MAX}}, with integers</source>
        <translation>%1: eine Zufallszahl schreibt man {{random:MIN:MAX}}, mit ganzen Zahlen</translation>
    </message>
    <message>
        <source>%1: MIN is greater than MAX</source>
        <translation>%1: MIN ist größer als MAX</translation>
    </message>
    <message>
        <source>%1 takes no arguments</source>
        <translation>%1 nimmt keine Argumente</translation>
    </message>
    <message>
        <source>%1 is not a variable: use counter, time, random, uuid, or a rule&apos;s group (a number or a name)</source>
        <translation>%1 ist keine Variable: counter, time, random, uuid oder eine Gruppe der Regel verwenden (eine Nummer oder ein Name)</translation>
    </message>
    <message>
        <source>%1 is a rule&apos;s group: it has a value only in a rule&apos;s reply</source>
        <translation>%1 ist eine Gruppe einer Regel: sie hat nur in der Antwort einer Regel einen Wert</translation>
    </message>
    <message>
        <source>%1: the rule&apos;s pattern has no such group</source>
        <translation>%1: das Muster der Regel hat keine solche Gruppe</translation>
    </message>
    <message>
        <source>%1: the rule&apos;s pattern has no group of that name</source>
        <translation>%1: das Muster der Regel hat keine Gruppe dieses Namens</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::ProtocolSettings</name>
    <message>
        <source>unknown protocol &quot;%1&quot; (json, cbor, msgpack, line, length, struct, datastream, raw)</source>
        <translation>unbekanntes Protokoll „%1“ (json, cbor, msgpack, line, length, struct, datastream, raw)</translation>
    </message>
    <message>
        <source>unknown line option &quot;%1&quot; (lf, cr, crlf, ascii, utf8, latin1)</source>
        <translation>unbekannte Zeilenoption „%1“ (lf, cr, crlf, ascii, utf8, latin1)</translation>
    </message>
    <message>
        <source>length takes one option, the header size</source>
        <translation>length nimmt eine Option, die Größe des Längenfelds</translation>
    </message>
    <message>
        <source>struct needs a format, as in struct:!iqd</source>
        <translation>struct braucht ein Format, wie in struct:!iqd</translation>
    </message>
    <message>
        <source>%1 takes no options</source>
        <translation>%1 nimmt keine Optionen</translation>
    </message>
    <message>
        <source>unknown wrapper &quot;%1&quot; (zlib, base64)</source>
        <translation>unbekannte Verpackung „%1“ (zlib, base64)</translation>
    </message>
    <message>
        <source>the maximum packet size must be positive</source>
        <translation>die maximale Paketgröße muss positiv sein</translation>
    </message>
    <message>
        <source>the length header is 1, 2 or 4 bytes, not %1</source>
        <translation>das Längenfeld hat 1, 2 oder 4 Bytes, nicht %1</translation>
    </message>
    <message>
        <source>struct format &quot;%1&quot;: %2</source>
        <translation>struct-Format „%1“: %2</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>CBOR</source>
        <translation>CBOR</translation>
    </message>
    <message>
        <source>MessagePack</source>
        <translation>MessagePack</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Length-prefixed</source>
        <translation>Längenpräfix</translation>
    </message>
    <message>
        <source>Struct</source>
        <translation>Struct</translation>
    </message>
    <message>
        <source>QDataStream</source>
        <translation>QDataStream</translation>
    </message>
    <message>
        <source>Raw bytes</source>
        <translation>Rohe Bytes</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::RepeatPanel</name>
    <message>
        <source>Composer packet</source>
        <translation>Paket des Editors</translation>
    </message>
    <message>
        <source>Selected library packet</source>
        <translation>Gewähltes Bibliothekspaket</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Wiederholen:</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>bis zum Stopp</translation>
    </message>
    <message>
        <source>How many packets; 0: until stopped</source>
        <translation>Wie viele Pakete; 0: bis zum Stopp</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Milliseconds between packets (1 and up)</source>
        <translation>Millisekunden zwischen den Paketen (ab 1)</translation>
    </message>
    <message>
        <source>Times:</source>
        <translation>Anzahl:</translation>
    </message>
    <message>
        <source>Every:</source>
        <translation>Alle:</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message numerus="yes">
        <source>sent %n packet(s), %1/s</source>
        <translation>
            <numerusform>%n Paket gesendet, %1/s</numerusform>
            <numerusform>%n Pakete gesendet, %1/s</numerusform>
        </translation>
    </message>
    <message>
        <source> (waiting: the connection is not keeping up)</source>
        <translation> (wartet: die Verbindung kommt nicht nach)</translation>
    </message>
    <message>
        <source>%1; stopped: %2</source>
        <translation>%1; gestoppt: %2</translation>
    </message>
    <message>
        <source>not started: %1</source>
        <translation>nicht gestartet: %1</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::RepeatSender</name>
    <message>
        <source>not sent: %1</source>
        <translation>nicht gesendet: %1</translation>
    </message>
    <message>
        <source>no packet library</source>
        <translation>keine Paketbibliothek</translation>
    </message>
    <message>
        <source>not connected (%1)</source>
        <translation>nicht verbunden (%1)</translation>
    </message>
    <message>
        <source>no session</source>
        <translation>keine Sitzung</translation>
    </message>
    <message>
        <source>the session is gone</source>
        <translation>die Sitzung gibt es nicht mehr</translation>
    </message>
    <message>
        <source>the connection closed (%1)</source>
        <translation>die Verbindung wurde geschlossen (%1)</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::RuleEditorDialog</name>
    <message>
        <source>Rule server</source>
        <translation>Regelserver</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>H&amp;och</translation>
    </message>
    <message>
        <source>&amp;Down</source>
        <translation>&amp;Runter</translation>
    </message>
    <message>
        <source>Echo packets no rule matches (else leave them unanswered)</source>
        <translation>Pakete ohne passende Regel zurückschicken (sonst unbeantwortet lassen)</translation>
    </message>
    <message>
        <source>&amp;Load…</source>
        <translation>&amp;Laden …</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>&amp;Speichern …</translation>
    </message>
    <message>
        <source>S&amp;tart rule server</source>
        <translation>Regelserver s&amp;tarten</translation>
    </message>
    <message>
        <source>Serve these rules with the built-in server of the connection&apos;s transport, and connect to it</source>
        <translation>Mit diesen Regeln den eingebauten Server für den Transport der Verbindung starten und sich mit ihm verbinden</translation>
    </message>
    <message>
        <source>Load rules</source>
        <translation>Regeln laden</translation>
    </message>
    <message>
        <source>Rule files (*.json);;All files (*)</source>
        <translation>Regeldateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>Regeln speichern</translation>
    </message>
    <message>
        <source>Regular expression over the packet&apos;s text</source>
        <translation>Regulärer Ausdruck über den Text des Pakets</translation>
    </message>
    <message>
        <source>JSON path equality (PATH == VALUE)</source>
        <translation>JSON-Pfad-Gleichheit (PFAD == WERT)</translation>
    </message>
    <message>
        <source>^PING (\d+)$   or   $.cmd == &quot;ping&quot;</source>
        <translation>^PING (\d+)$   oder   $.cmd == &quot;ping&quot;</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Close the connection after replying</source>
        <translation>Nach der Antwort die Verbindung schließen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Match:</source>
        <translation>Tre&amp;ffer:</translation>
    </message>
    <message>
        <source>&amp;Pattern:</source>
        <translation>&amp;Muster:</translation>
    </message>
    <message>
        <source>Replies:</source>
        <translation>Antworten:</translation>
    </message>
    <message>
        <source>Delay:</source>
        <translation>Verzögerung:</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>{&quot;pong&quot;: {{counter}}}   ({{1}}, {{name}}: the match&apos;s groups)</source>
        <translation>{&quot;pong&quot;: {{counter}}}   ({{1}}, {{name}}: die Gruppen des Treffers)</translation>
    </message>
    <message>
        <source>Add reply</source>
        <translation>Antwort hinzufügen</translation>
    </message>
    <message>
        <source>Remove reply</source>
        <translation>Antwort entfernen</translation>
    </message>
    <message>
        <source>Not saved to a file</source>
        <translation>Nicht in einer Datei gespeichert</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Datei: %1</translation>
    </message>
    <message>
        <source>The built-in server listens on %1.</source>
        <translation>Der eingebaute Server lauscht auf %1.</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::RuleModel</name>
    <message>
        <source>regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <source>JSON path</source>
        <translation>JSON-Pfad</translation>
    </message>
    <message numerus="yes">
        <source>%n reply(ies)</source>
        <translation>
            <numerusform>%n Antwort</numerusform>
            <numerusform>%n Antworten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>close</source>
        <translation>schließen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>Regel %1</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::RuleResponder</name>
    <message>
        <source>%1, reply %2: %3</source>
        <translation>%1, Antwort %2: %3</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::RuleSet</name>
    <message>
        <source>not valid JSON at byte %1: %2</source>
        <translation>kein gültiges JSON bei Byte %1: %2</translation>
    </message>
    <message>
        <source>a rule file is a JSON object with &quot;rules&quot;</source>
        <translation>eine Regeldatei ist ein JSON-Objekt mit &quot;rules&quot;</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; (a rule file has &quot;fallback&quot; and &quot;rules&quot;)</source>
        <translation>unbekannter Schlüssel „%1“ (eine Regeldatei hat &quot;fallback&quot; und &quot;rules&quot;)</translation>
    </message>
    <message>
        <source>&quot;fallback&quot; is &quot;echo&quot; or &quot;none&quot;</source>
        <translation>&quot;fallback&quot; ist &quot;echo&quot; oder &quot;none&quot;</translation>
    </message>
    <message>
        <source>&quot;rules&quot; is a list of rules</source>
        <translation>&quot;rules&quot; ist eine Liste von Regeln</translation>
    </message>
    <message>
        <source>%1: a rule is a JSON object</source>
        <translation>%1: eine Regel ist ein JSON-Objekt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; (a rule has name, match, pattern, replies, delayMs and close)</source>
        <translation>unbekannter Schlüssel „%1“ (eine Regel hat name, match, pattern, replies, delayMs und close)</translation>
    </message>
    <message>
        <source>&quot;name&quot; is a string</source>
        <translation>&quot;name&quot; ist eine Zeichenkette</translation>
    </message>
    <message>
        <source>&quot;pattern&quot; is a string</source>
        <translation>&quot;pattern&quot; ist eine Zeichenkette</translation>
    </message>
    <message>
        <source>&quot;match&quot; is &quot;regex&quot; or &quot;jsonPath&quot;</source>
        <translation>&quot;match&quot; ist &quot;regex&quot; oder &quot;jsonPath&quot;</translation>
    </message>
    <message>
        <source>&quot;delayMs&quot; is a whole number of milliseconds</source>
        <translation>&quot;delayMs&quot; ist eine ganze Zahl von Millisekunden</translation>
    </message>
    <message>
        <source>&quot;close&quot; is true or false</source>
        <translation>&quot;close&quot; ist true oder false</translation>
    </message>
    <message>
        <source>&quot;replies&quot; is a list</source>
        <translation>&quot;replies&quot; ist eine Liste</translation>
    </message>
    <message>
        <source>reply %1: a reply is {&quot;mode&quot;: &quot;json&quot;, &quot;text&quot; or &quot;hex&quot;, &quot;text&quot;: &quot;...&quot;}</source>
        <translation>Antwort %1: eine Antwort ist {&quot;mode&quot;: &quot;json&quot;, &quot;text&quot; oder &quot;hex&quot;, &quot;text&quot;: &quot;...&quot;}</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 lässt sich nicht schreiben: %2</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>Regel %1</translation>
    </message>
    <message>
        <source>rule %1 &quot;%2&quot;</source>
        <translation>Regel %1 „%2“</translation>
    </message>
    <message>
        <source>rule %1 has this name too</source>
        <translation>Regel %1 hat auch diesen Namen</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::ServerRule</name>
    <message>
        <source>the rule has no name</source>
        <translation>die Regel hat keinen Namen</translation>
    </message>
    <message>
        <source>the delay is %1 ms: it must be from 0 to %2 ms</source>
        <translation>die Verzögerung ist %1 ms: sie muss zwischen 0 und %2 ms liegen</translation>
    </message>
    <message>
        <source>reply %1: %2</source>
        <translation>Antwort %1: %2</translation>
    </message>
    <message>
        <source>the pattern is empty</source>
        <translation>das Muster ist leer</translation>
    </message>
    <message>
        <source>bad regular expression at %1: %2</source>
        <translation>fehlerhafter regulärer Ausdruck bei %1: %2</translation>
    </message>
    <message>
        <source>bad JSON path at %1: %2</source>
        <translation>fehlerhafter JSON-Pfad bei %1: %2</translation>
    </message>
    <message>
        <source>a JSON path match is PATH == VALUE, as in $.cmd == &quot;ping&quot;</source>
        <translation>ein JSON-Pfad-Vergleich lautet PFAD == WERT, wie in $.cmd == &quot;ping&quot;</translation>
    </message>
    <message>
        <source>the value after == is not JSON: %1</source>
        <translation>der Wert nach == ist kein JSON: %1</translation>
    </message>
    <message>
        <source>{{%1}}: a JSON path match has no groups</source>
        <translation>{{%1}}: ein JSON-Pfad-Vergleich hat keine Gruppen</translation>
    </message>
    <message>
        <source>{{%1}}: the pattern has no such group</source>
        <translation>{{%1}}: das Muster hat keine solche Gruppe</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::SessionCapture</name>
    <message>
        <source>Unix socket records of the EasyNet console (see its README)</source>
        <translation>Unix-Socket-Datensätze der EasyNet-Konsole (siehe ihr README)</translation>
    </message>
    <message>
        <source>IP packets made up by the EasyNet console around its log</source>
        <translation>Von der EasyNet-Konsole um ihr Paketprotokoll herum erzeugte IP-Pakete</translation>
    </message>
    <message>
        <source>after the connection ended</source>
        <translation>nach dem Ende der Verbindung</translation>
    </message>
    <message>
        <source>no bytes recorded</source>
        <translation>keine Bytes aufgezeichnet</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>event: %1</source>
        <translation>Ereignis: %1</translation>
    </message>
    <message>
        <source>cut to %1 of %2 bytes: more than an IP packet holds</source>
        <translation>auf %1 von %2 Bytes gekürzt: mehr, als ein IP-Paket fasst</translation>
    </message>
    <message numerus="yes">
        <source>parse error at byte %1 of %n byte(s): %2</source>
        <translation>
            <numerusform>Parse-Fehler bei Byte %1 von %n Byte: %2</numerusform>
            <numerusform>Parse-Fehler bei Byte %1 von %n Bytes: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1… (%n characters)</source>
        <translation>
            <numerusform>%1… (%n Zeichen)</numerusform>
            <numerusform>%1… (%n Zeichen)</numerusform>
        </translation>
    </message>
    <message>
        <source>bytes the protocol wrote again from the value: the peer&apos;s own were not seen</source>
        <translation>Bytes, die das Protokoll aus dem Wert neu geschrieben hat: die Originalbytes der Gegenstelle lagen nicht vor</translation>
    </message>
    <message>
        <source>descriptors: %1</source>
        <translation>Deskriptoren: %1</translation>
    </message>
    <message>
        <source>EasyNet console session with %1, protocol %2</source>
        <translation>Sitzung der EasyNet-Konsole mit %1, Protokoll %2</translation>
    </message>
    <message>
        <source>The payload is the application data as the console sent and received it, decrypted.</source>
        <translation>Die Nutzdaten sind die Anwendungsdaten, wie die Konsole sie gesendet und empfangen hat, entschlüsselt.</translation>
    </message>
    <message numerus="yes">
        <source>The log had dropped %n older row(s) before this export.</source>
        <translation>
            <numerusform>Das Paketprotokoll hatte vor diesem Export %n ältere Zeile verworfen.</numerusform>
            <numerusform>Das Paketprotokoll hatte vor diesem Export %n ältere Zeilen verworfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 lässt sich nicht schreiben: %2</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::SessionPage</name>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::SessionReplay</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>a replay is running</source>
        <translation>eine Wiederholung läuft bereits</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, Zeile %2: %3</translation>
    </message>
    <message>
        <source>%1 holds no sent packet</source>
        <translation>%1 enthält kein gesendetes Paket</translation>
    </message>
    <message>
        <source>%1, line %2: the recorded bytes are not a packet of the current protocol (%3): %4; was the session recorded with another protocol?</source>
        <translation>%1, Zeile %2: die aufgezeichneten Bytes sind kein Paket des aktuellen Protokolls (%3): %4; wurde die Sitzung mit einem anderen Protokoll aufgezeichnet?</translation>
    </message>
    <message>
        <source>an unfinished packet</source>
        <translation>ein unvollständiges Paket</translation>
    </message>
    <message>
        <source>more than one packet</source>
        <translation>mehr als ein Paket</translation>
    </message>
    <message>
        <source>no session loaded</source>
        <translation>keine Sitzung geladen</translation>
    </message>
    <message>
        <source>no session to replay to</source>
        <translation>keine Sitzung, an die gesendet werden kann</translation>
    </message>
    <message>
        <source>not connected (%1)</source>
        <translation>nicht verbunden (%1)</translation>
    </message>
    <message>
        <source>%1, line %2: not sent: %3</source>
        <translation>%1, Zeile %2: nicht gesendet: %3</translation>
    </message>
    <message numerus="yes">
        <source>the connection ended after %1 of %n packet(s) (%2)</source>
        <translation>
            <numerusform>die Verbindung endete nach %1 von %n Paket (%2)</numerusform>
            <numerusform>die Verbindung endete nach %1 von %n Paketen (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s) to replay</source>
        <translation>
            <numerusform>%n Paket zu wiederholen</numerusform>
            <numerusform>%n Pakete zu wiederholen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>replaying %1 of %n packet(s)</source>
        <translation>
            <numerusform>wiederhole %1 von %n Paket</numerusform>
            <numerusform>wiederhole %1 von %n Paketen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>replayed %n packet(s)</source>
        <translation>
            <numerusform>%n Paket wiederholt</numerusform>
            <numerusform>%n Pakete wiederholt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stopped after %1 of %n packet(s)</source>
        <translation>
            <numerusform>nach %1 von %n Paket gestoppt</numerusform>
            <numerusform>nach %1 von %n Paketen gestoppt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::SessionReplayBar</name>
    <message>
        <source>Re&amp;play session…</source>
        <translation>Sitzung &amp;wiederholen …</translation>
    </message>
    <message>
        <source>Send the sent packets of a session exported as JSON lines again, in order</source>
        <translation>Die gesendeten Pakete einer als JSON-Zeilen exportierten Sitzung erneut senden, in ihrer Reihenfolge</translation>
    </message>
    <message>
        <source>With the original timing</source>
        <translation>Im ursprünglichen Takt</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>So schnell wie möglich</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Replay a session</source>
        <translation>Eine Sitzung wiederholen</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl);;All files (*)</source>
        <translation>JSON-Zeilen (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot replay the session</source>
        <translation>Die Sitzung lässt sich nicht wiederholen</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::TcpEchoServer</name>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>Kann nicht auf %1 lauschen: %2</translation>
    </message>
    <message>
        <source>Client %1: %2</source>
        <translation>Client %1: %2</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::TlsEchoServer</name>
    <message>
        <source>TLS handshake with %1 failed: %2</source>
        <translation>TLS-Handshake mit %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Client %1: %2</source>
        <translation>Client %1: %2</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::UdpEchoServer</name>
    <message>
        <source>Cannot bind %1: %2</source>
        <translation>Kann %1 nicht binden: %2</translation>
    </message>
    <message>
        <source>Cannot answer %1: %2</source>
        <translation>Kann %1 nicht antworten: %2</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::UnixDatagramEchoServer</name>
    <message>
        <source>Cannot receive on %1: %2</source>
        <translation>Kann auf %1 nicht empfangen: %2</translation>
    </message>
    <message>
        <source>Datagram from %1: its ancillary data did not fit; the descriptors were closed</source>
        <translation>Datagramm von %1: die Zusatzdaten passten nicht; die Deskriptoren wurden geschlossen</translation>
    </message>
    <message>
        <source>Cannot answer %1: the sender has no address to answer to</source>
        <translation>Kann %1 nicht antworten: der Absender hat keine Adresse, an die sich antworten ließe</translation>
    </message>
    <message>
        <source>Cannot answer %1: %2</source>
        <translation>Kann %1 nicht antworten: %2</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::UnixServerSocket</name>
    <message>
        <source>Cannot listen on %1: %2: %3</source>
        <translation>Kann nicht auf %1 lauschen: %2: %3</translation>
    </message>
    <message>
        <source>socket</source>
        <translation>Socket</translation>
    </message>
    <message>
        <source>SO_PASSCRED</source>
        <translation>SO_PASSCRED</translation>
    </message>
    <message>
        <source>bind</source>
        <translation>bind</translation>
    </message>
    <message>
        <source>listen</source>
        <translation>listen</translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::UnixStreamEchoServer</name>
    <message>
        <source>Cannot accept a connection on %1: %2</source>
        <translation>Kann auf %1 keine Verbindung annehmen: %2</translation>
    </message>
    <message>
        <source>Client %1: %2</source>
        <translation>Client %1: %2</translation>
    </message>
    <message>
        <source>Client %1: ancillary data did not fit; the descriptors were closed</source>
        <translation>Client %1: die Zusatzdaten passten nicht; die Deskriptoren wurden geschlossen</translation>
    </message>
</context>
</TS>
