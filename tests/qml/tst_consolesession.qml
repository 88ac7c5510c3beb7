// The console core as the module EasyNet.Console registers it: a ConsoleSession
// declared in QML, its echo server, composer and log, every enum by its QML name.
import QtQuick
import QtTest
import EasyNet.Console

WarningFreeTestCase {
    id: testCase
    name: "ConsoleSession"

    Component { id: sessionComponent; ConsoleSession {} }

    // The rows of session's log, once queued rows are in.
    function rows(session) {
        session.log.flush()
        const list = []
        for (let i = 0; i < session.log.count; ++i)
            list.push(session.log.get(i))
        return list
    }

    function test_echo_data() {
        return [
            { tag: "tcp", transport: ConnectionSettings.Tcp, format: ProtocolSettings.Json },
            { tag: "udp-cbor", transport: ConnectionSettings.Udp, format: ProtocolSettings.Cbor },
            { tag: "unixstream-msgpack", transport: ConnectionSettings.UnixStream,
              format: ProtocolSettings.MsgPack },
        ]
    }

    function test_echo(row) {
        const session = createTemporaryObject(sessionComponent, testCase)
        session.settings.protocol.format = row.format
        verify(session.startEchoServer(row.transport), session.errorString)
        verify(session.echoServer !== null)
        compare(session.settings.transport, row.transport)
        verify(session.connectToPeer(), session.errorString)
        tryCompare(session, "state", ConsoleSession.Connected)

        session.composer.mode = Composer.Json
        session.composer.text = '{"cmd": "ping", "n": [1, 2.5]}'
        verify(session.composer.valid, session.composer.errorString)
        verify(session.composer.wireHex.length > 0)
        verify(session.sendComposed())
        tryVerify(() => rows(session).some(r => r.direction === PacketLogEntry.Received))
        const received = rows(session).filter(r => r.direction === PacketLogEntry.Received)
        compare(received.length, 1)
        compare(received[0].value, { cmd: "ping", n: [1, 2.5] })
        verify(received[0].size > 0)
        verify(received[0].hex.length > 0)
        compare(rows(session).filter(r => r.direction === PacketLogEntry.Sent).length, 1)
    }

    // Packets whose wire bytes are empty (a raw empty packet, an invalid one)
    // still give a usable ArrayBuffer, and wireSize says the same.
    function test_emptyWireBytes() {
        const session = createTemporaryObject(sessionComponent, testCase)
        session.settings.protocol.format = ProtocolSettings.Raw
        session.composer.mode = Composer.Hex
        session.composer.text = ""
        verify(session.composer.valid, session.composer.errorString)
        compare(session.composer.wireBytes.byteLength, 0)
        session.composer.text = "6"
        verify(!session.composer.valid)
        compare(session.composer.wireBytes.byteLength, 0)
        compare(session.composer.wireSize, 0)
        session.composer.text = "61 62"
        verify(session.composer.valid, session.composer.errorString)
        compare(session.composer.wireBytes.byteLength, 2)
        compare(session.composer.wireSize, 2)
        session.composer.text = ""
        compare(session.composer.wireSize, 0)
    }

    function test_jsonSyntaxErrorIsNotSent() {
        const session = createTemporaryObject(sessionComponent, testCase)
        verify(session.startEchoServer(ConnectionSettings.Tcp), session.errorString)
        verify(session.connectToPeer())
        tryCompare(session, "state", ConsoleSession.Connected)
        session.composer.text = '{"cmd": }'
        verify(!session.composer.valid)
        verify(session.composer.errorString.length > 0)
        verify(session.composer.errorPosition >= 0)
        verify(!session.sendComposed())
        compare(session.packetsSent, 0)
    }

    function test_filteredLog() {
        const session = createTemporaryObject(sessionComponent, testCase)
        verify(session.startEchoServer(ConnectionSettings.Tcp))
        verify(session.connectToPeer())
        tryCompare(session, "state", ConsoleSession.Connected)
        verify(session.send("needle"))
        verify(session.send("hay"))
        tryVerify(() => rows(session).filter(r => r.direction === PacketLogEntry.Received)
                                      .length === 2)
        session.filteredLog.showEvents = false
        session.filteredLog.text = "needle"
        compare(session.filteredLog.count, 2) // sent and received
    }

    function test_invalidSettingsRefuseToConnect() {
        const session = createTemporaryObject(sessionComponent, testCase)
        session.settings.transport = ConnectionSettings.Tcp
        session.settings.port = 0
        verify(session.settings.errorString.length > 0)
        verify(!session.connectToPeer())
        verify(session.errorString.length > 0)
        verify(session.settings.protocol.applySpec("line:nonsense").length > 0)
    }
}
