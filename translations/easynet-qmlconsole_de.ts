<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ComposerPane</name>
    <message>
        <source>Compose</source>
        <translation>Verfassen</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Hex bytes</source>
        <translation>Hex-Bytes</translation>
    </message>
    <message>
        <source>on the wire, %1 B: %2</source>
        <translation>auf der Leitung, %1 B: %2</translation>
    </message>
    <message>
        <source>A JSON value, e.g. {&quot;cmd&quot;: &quot;ping&quot;, &quot;args&quot;: [1, 2]}</source>
        <translation>Ein JSON-Wert, z. B. {&quot;cmd&quot;: &quot;ping&quot;, &quot;args&quot;: [1, 2]}</translation>
    </message>
    <message>
        <source>Hex bytes, e.g. 7b 0a</source>
        <translation>Hex-Bytes, z. B. 7b 0a</translation>
    </message>
    <message>
        <source>%1 (at character %2)</source>
        <translation>%1 (bei Zeichen %2)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the packet (Ctrl+Return)</source>
        <translation>Das Paket senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Text with escapes</source>
        <translation>Text mit Escape-Sequenzen</translation>
    </message>
    <message>
        <source>Text with escapes, e.g. %1</source>
        <translation>Text mit Escape-Sequenzen, z. B. %1</translation>
    </message>
</context>
<context>
    <name>ConnectionBar</name>
    <message>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>/path/to/socket or @name</source>
        <translation>/pfad/zum/socket oder @name</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Echo server</source>
        <translation>Echo-Server</translation>
    </message>
    <message>
        <source>Start the built-in echo server for this transport and protocol, and connect to it</source>
        <translation>Den eingebauten Echo-Server für diesen Transport und dieses Protokoll starten und sich mit ihm verbinden</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
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
        <source>protocol, e.g. line:crlf:utf8+zlib</source>
        <translation>Protokoll, z. B. line:crlf:utf8+zlib</translation>
    </message>
    <message>
        <source>format[:options][+zlib][+base64]</source>
        <translation>Format[:Optionen][+zlib][+base64]</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>CA file (PEM), besides the system&apos;s</source>
        <translation>CA-Datei (PEM), zusätzlich zu denen des Systems</translation>
    </message>
    <message>
        <source>client certificate (PEM)</source>
        <translation>Client-Zertifikat (PEM)</translation>
    </message>
    <message>
        <source>client key (PEM)</source>
        <translation>Client-Schlüssel (PEM)</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <source>saved &quot;%1&quot;</source>
        <translation>„%1“ gespeichert</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>Packet library</source>
        <translation>Paketbibliothek</translation>
    </message>
    <message>
        <source>Search names, notes, packets</source>
        <translation>Namen, Notizen, Pakete durchsuchen</translation>
    </message>
    <message>
        <source>Cannot be sent with this connection&apos;s protocol: %1</source>
        <translation>Mit dem Protokoll dieser Verbindung nicht sendbar: %1</translation>
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
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the composer&apos;s packet under this name</source>
        <translation>Das Paket des Editors unter diesem Namen speichern</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>loaded into the composer</source>
        <translation>in den Editor geladen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>library file (path)</source>
        <translation>Bibliotheksdatei (Pfad)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>imported %1</source>
        <translation>%1 importiert</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>exported to %1</source>
        <translation>nach %1 exportiert</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>EasyNet QML console</source>
        <translation>EasyNet-QML-Konsole</translation>
    </message>
    <message>
        <source>Close the tab (Ctrl+W)</source>
        <translation>Den Tab schließen (Strg+W)</translation>
    </message>
    <message>
        <source>New tab (Ctrl+T)</source>
        <translation>Neuer Tab (Strg+T)</translation>
    </message>
</context>
<context>
    <name>PacketLogView</name>
    <message>
        <source>Packet log</source>
        <translation>Paketprotokoll</translation>
    </message>
    <message>
        <source>filter</source>
        <translation>Filter</translation>
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
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>could not be parsed at byte %1</source>
        <translation>bei Byte %1 nicht lesbar</translation>
    </message>
    <message>
        <source>descriptors: %1</source>
        <translation>Deskriptoren: %1</translation>
    </message>
    <message>
        <source>as this protocol writes the packet (the peer&apos;s bytes may differ)</source>
        <translation>so, wie dieses Protokoll das Paket schreibt (die Bytes der Gegenseite können abweichen)</translation>
    </message>
    <message>
        <source>No packets yet: connect (or start the echo server) and send one.</source>
        <translation>Noch keine Pakete: verbinden (oder den Echo-Server starten) und eines senden.</translation>
    </message>
    <message>
        <source>No packets match the filter.</source>
        <translation>Keine Pakete passen zum Filter.</translation>
    </message>
</context>
<context>
    <name>RepeatBar</name>
    <message>
        <source>Repeat</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Composer packet</source>
        <translation>Paket des Editors</translation>
    </message>
    <message>
        <source>Selected library packet</source>
        <translation>Gewähltes Bibliothekspaket</translation>
    </message>
    <message>
        <source>Times (0: until stopped)</source>
        <translation>Anzahl (0: bis zum Stopp)</translation>
    </message>
    <message>
        <source>Every (ms)</source>
        <translation>Alle (ms)</translation>
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
        <source> (waiting)</source>
        <translation> (wartet)</translation>
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
    <name>RuleEditor</name>
    <message>
        <source>Rule server</source>
        <translation>Regelserver</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Runter</translation>
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
        <source>Regular expression over the packet&apos;s text</source>
        <translation>Regulärer Ausdruck über den Text des Pakets</translation>
    </message>
    <message>
        <source>JSON path equality (PATH == VALUE)</source>
        <translation>JSON-Pfad-Gleichheit (PFAD == WERT)</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Muster</translation>
    </message>
    <message>
        <source>%1   or   %2</source>
        <translation>%1   oder   %2</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Antworten</translation>
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
        <source>{&quot;pong&quot;: {{counter}}}</source>
        <translation>{&quot;pong&quot;: {{counter}}}</translation>
    </message>
    <message>
        <source>Add reply</source>
        <translation>Antwort hinzufügen</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Close the connection after replying</source>
        <translation>Nach der Antwort die Verbindung schließen</translation>
    </message>
    <message>
        <source>Echo packets no rule matches (else leave them unanswered)</source>
        <translation>Pakete ohne passende Regel zurückschicken (sonst unbeantwortet lassen)</translation>
    </message>
    <message>
        <source>Rule file (a path)</source>
        <translation>Regeldatei (ein Pfad)</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>The built-in server listens on %1.</source>
        <translation>Der eingebaute Server lauscht auf %1.</translation>
    </message>
    <message>
        <source>Start rule server</source>
        <translation>Regelserver starten</translation>
    </message>
</context>
<context>
    <name>SessionFilesBar</name>
    <message>
        <source>saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Export the session as JSON lines</source>
        <translation>Die Sitzung als JSON-Zeilen exportieren</translation>
    </message>
    <message>
        <source>Wireshark…</source>
        <translation>Wireshark …</translation>
    </message>
    <message>
        <source>Export to Wireshark (pcapng): the session as a capture file, whose Follow Stream shows its bytes</source>
        <translation>Für Wireshark exportieren (pcapng): die Sitzung als Mitschnitt, dessen „Follow Stream“ ihre Bytes zeigt</translation>
    </message>
    <message>
        <source>Export to Wireshark (pcapng)</source>
        <translation>Für Wireshark exportieren (pcapng)</translation>
    </message>
    <message>
        <source>Replay session…</source>
        <translation>Sitzung wiederholen …</translation>
    </message>
    <message>
        <source>Replay a session (JSON lines)</source>
        <translation>Eine Sitzung wiederholen (JSON-Zeilen)</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>schnell</translation>
    </message>
    <message>
        <source>Replay as fast as possible instead of with the original timing</source>
        <translation>So schnell wie möglich wiederholen statt im ursprünglichen Takt</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <source>New connection</source>
        <translation>Neue Verbindung</translation>
    </message>
    <message>
        <source>rule server on %1</source>
        <translation>Regelserver auf %1</translation>
    </message>
    <message>
        <source>echo server on %1</source>
        <translation>Echo-Server auf %1</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>Regeln …</translation>
    </message>
    <message>
        <source>Edit the rule server&apos;s rules and start it</source>
        <translation>Die Regeln des Regelservers bearbeiten und ihn starten</translation>
    </message>
    <message>
        <source>sent %1 (%2) · received %3 (%4) · parse errors %5</source>
        <translation>gesendet %1 (%2) · empfangen %3 (%4) · Parse-Fehler %5</translation>
    </message>
</context>
</TS>
