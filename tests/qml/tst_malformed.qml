// Packets the peer garbles: a harness server sends bad bytes first, then
// echoes. The error reaches errorOccurred and errorString; the client goes on
// where the format can find the next packet (lines, JSON lines, datagrams)
// and ends in Error where it cannot (CBOR on a stream).
import QtQuick
import QtTest
import EasyNet

WarningFreeTestCase {
    id: testCase
    name: "Malformed"

    Component { id: tcpComponent; TcpClient { host: "127.0.0.1" } }
    Component { id: udpComponent; UdpClient { host: "127.0.0.1" } }
    Component { id: jsonComponent; JsonProtocol {} }
    Component { id: lineComponent; LineProtocol { encoding: "utf-8" } }
    Component { id: cborComponent; CborProtocol {} }
    Component { id: spyComponent; SignalSpy {} }

    function spy(target, signalName) {
        return createTemporaryObject(spyComponent, testCase,
                                     { target: target, signalName: signalName })
    }

    function bytes(list) { return new Uint8Array(list).buffer }

    function test_recoverable_data() {
        return [
            { tag: "json-tcp", protocol: jsonComponent, udp: false, garbage: "{\"not\": json}\n",
              code: Errors.ErrorCode.StreamParseError, value: { after: [1, "two"] } },
            { tag: "line-tcp", protocol: lineComponent, udp: false,
              garbage: bytes([0x61, 0xff, 0xfe, 0x0a]), // not UTF-8
              code: Errors.ErrorCode.StreamParseError, value: "next line" },
            { tag: "json-udp", protocol: jsonComponent, udp: true, garbage: "[1, 2",
              code: Errors.ErrorCode.DatagramParseError, value: { after: true } },
        ]
    }

    function test_recoverable(row) {
        const port = row.udp ? harness.prefixEchoUdp(row.garbage)
                             : harness.prefixEchoTcp(row.garbage)
        verify(port > 0)
        const protocol = createTemporaryObject(row.protocol, testCase)
        const client = createTemporaryObject(row.udp ? udpComponent : tcpComponent, testCase,
                                             { port: port, protocol: protocol })
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        const errors = spy(client, "errorOccurred")
        client.active = true
        tryCompare(client, "status", Client.Open)
        verify(client.send(row.value)) // UDP: the garbage comes back first
        tryVerify(() => received.length === 1)
        compare(received[0], row.value)
        compare(errors.count, 1)
        const error = errors.signalArguments[0][0]
        compare(error.code, row.code)
        compare(error.cause, Errors.ErrorCause.Parse)
        verify(error.message.length > 0)
        compare(client.errorString, error.message)
        compare(client.status, Client.Open)
        // Still usable afterwards.
        verify(client.send(row.value))
        tryVerify(() => received.length === 2)
    }

    function test_unrecoverable() {
        // 0xff (a CBOR "break" outside an indefinite item) cannot be skipped:
        // a CBOR stream has no resynchronisation point.
        const port = harness.prefixEchoTcp(bytes([0xff]))
        verify(port > 0)
        const protocol = createTemporaryObject(cborComponent, testCase)
        const client = createTemporaryObject(tcpComponent, testCase,
                                             { port: port, protocol: protocol })
        const errors = spy(client, "errorOccurred")
        const received = spy(client, "packetReceived")
        client.active = true
        tryCompare(client, "status", Client.Error)
        verify(errors.count >= 1)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.StreamParseError)
        verify(client.errorString.length > 0)
        compare(received.count, 0)
        verify(!client.send(1))
    }
}
