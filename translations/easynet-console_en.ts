<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>EasyNetConsole::ComposerPanel</name>
    <message numerus="yes">
        <source>On the wire (%n byte(s)): %1</source>
        <translation>
            <numerusform>On the wire (%n byte): %1</numerusform>
            <numerusform>On the wire (%n bytes): %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::ConnectionPanel</name>
    <message numerus="yes">
        <source>%1 byte(s)</source>
        <translation>
            <numerusform>%1 byte</numerusform>
            <numerusform>%1 bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::ConsoleSession</name>
    <message numerus="yes">
        <source>the peer closed the connection in the middle of a packet (%n byte(s) lost)</source>
        <translation>
            <numerusform>the peer closed the connection in the middle of a packet (%n byte lost)</numerusform>
            <numerusform>the peer closed the connection in the middle of a packet (%n bytes lost)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketDetailView</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At byte offset %1, %Ln byte(s)</source>
        <translation>
            <numerusform>At byte offset %1, %Ln byte</numerusform>
            <numerusform>At byte offset %1, %Ln bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketLogEntry</name>
    <message numerus="yes">
        <source>&quot;size&quot; is %1, but &quot;raw&quot; holds %n byte(s)</source>
        <translation>
            <numerusform>&quot;size&quot; is %1, but &quot;raw&quot; holds %n byte</numerusform>
            <numerusform>&quot;size&quot; is %1, but &quot;raw&quot; holds %n bytes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketLogPanel</name>
    <message numerus="yes">
        <source>Sent %Ln packet(s) (%1)</source>
        <translation>
            <numerusform>Sent %Ln packet (%1)</numerusform>
            <numerusform>Sent %Ln packets (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>received %Ln packet(s) (%1)</source>
        <translation>
            <numerusform>received %Ln packet (%1)</numerusform>
            <numerusform>received %Ln packets (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln parse error(s)</source>
        <translation>
            <numerusform>%Ln parse error</numerusform>
            <numerusform>%Ln parse errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln older row(s) dropped</source>
        <translation>
            <numerusform>%Ln older row dropped</numerusform>
            <numerusform>%Ln older rows dropped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::PacketNetcat</name>
    <message numerus="yes">
        <source>the peer closed the connection after %1 of %n packet(s)</source>
        <translation>
            <numerusform>the peer closed the connection after %1 of %n packet</numerusform>
            <numerusform>the peer closed the connection after %1 of %n packets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>timed out: nothing arrived for %1 ms, %2 of %n packet(s) came</source>
        <translation>
            <numerusform>timed out: nothing arrived for %1 ms, %2 of %n packet came</numerusform>
            <numerusform>timed out: nothing arrived for %1 ms, %2 of %n packets came</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>repeat stopped after %n packet(s): %1</source>
        <translation>
            <numerusform>repeat stopped after %n packet: %1</numerusform>
            <numerusform>repeat stopped after %n packets: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::RepeatPanel</name>
    <message numerus="yes">
        <source>sent %n packet(s), %1/s</source>
        <translation>
            <numerusform>sent %n packet, %1/s</numerusform>
            <numerusform>sent %n packets, %1/s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::RuleModel</name>
    <message numerus="yes">
        <source>%n reply(ies)</source>
        <translation>
            <numerusform>%n replyy</numerusform>
            <numerusform>%n replyies</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::SessionCapture</name>
    <message numerus="yes">
        <source>parse error at byte %1 of %n byte(s): %2</source>
        <translation>
            <numerusform>parse error at byte %1 of %n byte: %2</numerusform>
            <numerusform>parse error at byte %1 of %n bytes: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1… (%n characters)</source>
        <translation>
            <numerusform>%1… (%n character)</numerusform>
            <numerusform>%1… (%n characters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The log had dropped %n older row(s) before this export.</source>
        <translation>
            <numerusform>The log had dropped %n older row before this export.</numerusform>
            <numerusform>The log had dropped %n older rows before this export.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EasyNetConsole::SessionReplay</name>
    <message numerus="yes">
        <source>the connection ended after %1 of %n packet(s) (%2)</source>
        <translation>
            <numerusform>the connection ended after %1 of %n packet (%2)</numerusform>
            <numerusform>the connection ended after %1 of %n packets (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packet(s) to replay</source>
        <translation>
            <numerusform>%n packet to replay</numerusform>
            <numerusform>%n packets to replay</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>replaying %1 of %n packet(s)</source>
        <translation>
            <numerusform>replaying %1 of %n packet</numerusform>
            <numerusform>replaying %1 of %n packets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>replayed %n packet(s)</source>
        <translation>
            <numerusform>replayed %n packet</numerusform>
            <numerusform>replayed %n packets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stopped after %1 of %n packet(s)</source>
        <translation>
            <numerusform>stopped after %1 of %n packet</numerusform>
            <numerusform>stopped after %1 of %n packets</numerusform>
        </translation>
    </message>
</context>
</TS>
