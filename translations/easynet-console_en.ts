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
            <numerusform>the peer closed the connection in the middle of a packet (%n byte lost)</numerusform><numerusform>the peer closed the connection in the middle of a packet (%n bytes lost)</numerusform></translation>
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
            <numerusform>the peer closed the connection after %1 of %n packet</numerusform><numerusform>the peer closed the connection after %1 of %n packets</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>timed out: nothing arrived for %1 ms, %2 of %n packet(s) came</source>
        <translation>
            <numerusform>timed out: nothing arrived for %1 ms, %2 of %n packet came</numerusform><numerusform>timed out: nothing arrived for %1 ms, %2 of %n packets came</numerusform></translation>
    </message>
</context>
</TS>
