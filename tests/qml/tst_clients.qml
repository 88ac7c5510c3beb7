// Every client type against the echo server of its transport, declared here.
import QtQuick
import QtTest
import EasyNet
import EasyNet.Console

WarningFreeTestCase {
    id: testCase
    name: "Clients"

    // Unique abstract socket names, so that parallel runs do not collide.
    readonly property string unique: Date.now() + "-" + Math.floor(Math.random() * 1e9)

    Component { id: serverComponent; EchoServer {} }
    Component { id: tcpComponent; TcpClient { host: "127.0.0.1" } }
    Component { id: udpComponent; UdpClient { host: "127.0.0.1" } }
    Component { id: unixStreamComponent; UnixStreamClient {} }
    Component { id: unixDatagramComponent; UnixDatagramClient {} }
    Component { id: jsonComponent; JsonProtocol {} }
    Component { id: cborComponent; CborProtocol {} }
    Component { id: msgPackComponent; MsgPackProtocol {} }
    Component { id: spyComponent; SignalSpy {} }

    function transports() {
        return [
            { tag: "tcp", transport: EchoServer.Tcp, client: tcpComponent, unix: false },
            { tag: "udp", transport: EchoServer.Udp, client: udpComponent, unix: false },
            { tag: "unixstream", transport: EchoServer.UnixStream, client: unixStreamComponent,
              unix: true },
            { tag: "unixdatagram", transport: EchoServer.UnixDatagram,
              client: unixDatagramComponent, unix: true },
        ]
    }

    function startServer(row, protocol) {
        const server = createTemporaryObject(serverComponent, testCase, {
            transport: row.transport, protocol: protocol,
            address: row.unix ? "@easynet-qmltest-" + row.tag + "-" + unique : "",
            listening: true })
        verify(server.listening, server.errorString)
        return server
    }

    // A client of row's kind connected to server, and the packets it receives.
    function connectClient(row, server, protocol) {
        const client = createTemporaryObject(row.client, testCase, { protocol: protocol })
        if (row.unix)
            client.address = server.address
        else
            client.port = server.port
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        client.active = true
        tryCompare(client, "status", Client.Open)
        return { client: client, received: received }
    }

    function spy(target, signalName) {
        return createTemporaryObject(spyComponent, testCase,
                                     { target: target, signalName: signalName })
    }

    function test_jsValues_data() { return transports() }
    function test_jsValues(row) {
        const protocol = createTemporaryObject(jsonComponent, testCase)
        const server = startServer(row, protocol)
        const c = connectClient(row, server, protocol)
        const values = [
            { nested: { list: [1, [2, 3], { deep: "yes" }], empty: {} }, none: null },
            [1, -2, 2.5, "two", true, false, null, [], {}],
            "unicode: é ü € 漢字 😀",
            42, -7, 4294967296, 2.5, -0.125, 1e-9,
            true, false, null,
        ]
        for (const value of values)
            verify(c.client.send(value))
        tryVerify(() => c.received.length === values.length)
        for (let i = 0; i < values.length; ++i)
            compare(c.received[i], values[i], "packet " + i)
        // Integers stay integers, floats stay floats.
        verify(Number.isInteger(c.received[3]))
        verify(Number.isInteger(c.received[5]))
        compare(c.received[6], 2.5)
        compare(c.received[1][2], 2.5)
        compare(c.received[11], null)
        compare(typeof c.received[0].none, "object")
    }

    function bytesOf(buffer) {
        verify(buffer instanceof ArrayBuffer, "bytes arrive as an ArrayBuffer")
        const bytes = new Uint8Array(buffer)
        const list = []
        for (let i = 0; i < bytes.length; ++i)
            list.push(bytes[i])
        return list
    }

    function test_bytes_data() {
        const rows = []
        for (const row of transports()) {
            rows.push(Object.assign({}, row, { tag: row.tag + "-cbor", protocol: cborComponent }))
            rows.push(Object.assign({}, row, { tag: row.tag + "-msgpack",
                                               protocol: msgPackComponent }))
        }
        return rows
    }
    function test_bytes(row) {
        const protocol = createTemporaryObject(row.protocol, testCase)
        const server = startServer(row, protocol)
        const c = connectClient(row, server, protocol)
        const buffer = new Uint8Array([0, 1, 2, 254, 255]).buffer
        const whole = new Uint8Array([10, 20, 30, 40, 50])
        const view = whole.subarray(1, 4) // byteOffset 1: only 20, 30, 40
        verify(c.client.send(buffer))
        verify(c.client.send(whole))
        verify(c.client.send(view))
        verify(c.client.send({ data: view, list: [new Int16Array([-1])] }))
        // Empty bytes come back as an empty ArrayBuffer, never null, also nested.
        verify(c.client.send(new ArrayBuffer(0)))
        verify(c.client.send({ empty: new Uint8Array(0), list: [new ArrayBuffer(0)] }))
        tryVerify(() => c.received.length === 6)
        compare(bytesOf(c.received[0]), [0, 1, 2, 254, 255])
        compare(bytesOf(c.received[1]), [10, 20, 30, 40, 50])
        compare(bytesOf(c.received[2]), [20, 30, 40])
        compare(bytesOf(c.received[3].data), [20, 30, 40])
        compare(bytesOf(c.received[3].list[0]), [255, 255])
        compare(bytesOf(c.received[4]), [])
        compare(bytesOf(c.received[5].empty), [])
        compare(bytesOf(c.received[5].list[0]), [])
    }

    function test_unsendable_data() { return transports() }
    function test_unsendable(row) {
        const protocol = createTemporaryObject(jsonComponent, testCase)
        const server = startServer(row, protocol)
        const c = connectClient(row, server, protocol)
        const errors = spy(c.client, "errorOccurred")
        verify(!c.client.send(undefined))
        verify(!c.client.send(function () {}))
        // JSON has no bytes: the protocol refuses, the connection goes on.
        verify(!c.client.send(new Uint8Array([1])))
        compare(errors.count, 3)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.SerializeError)
        compare(errors.signalArguments[2][0].code, Errors.ErrorCode.SerializeError)
        verify(c.client.errorString.length > 0)
        compare(c.client.status, Client.Open)
        verify(c.client.send("still here"))
        tryVerify(() => c.received.length === 1)
        compare(c.received[0], "still here")
    }

    function test_noProtocolRefusesToOpen() {
        const client = createTemporaryObject(tcpComponent, testCase, { port: 9 })
        const errors = spy(client, "errorOccurred")
        client.active = true
        tryCompare(client, "status", TcpClient.Error)
        compare(errors.count, 1)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.InvalidArgument)
        verify(client.errorString.length > 0)
        verify(!client.send("x"))
    }
}
