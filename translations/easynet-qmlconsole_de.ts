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
    <name>Main</name>
    <message>
        <source>EasyNet QML console</source>
        <translation>EasyNet-QML-Konsole</translation>
    </message>
    <message>
        <source>echo server on %1</source>
        <translation>Echo-Server auf %1</translation>
    </message>
    <message>
        <source>sent %1 (%2) · received %3 (%4) · parse errors %5</source>
        <translation>gesendet %1 (%2) · empfangen %3 (%4) · Parse-Fehler %5</translation>
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
</TS>
