// reconnect { ... } on the QML clients: the echo server is stopped and started
// again at the same address, and the client comes back by itself.
import QtQuick
import QtTest
import EasyNet
import EasyNet.Console

WarningFreeTestCase {
    id: testCase
    name: "Reconnect"

    // Unique abstract socket names, so that parallel runs do not collide.
    readonly property string unique: Date.now() + "-" + Math.floor(Math.random() * 1e9)

    Component { id: serverComponent; EchoServer {} }
    Component {
        id: tcpComponent
        TcpClient {
            host: "127.0.0.1"
            reconnect { enabled: true; initialDelay: 20; maxDelay: 200 }
        }
    }
    Component {
        id: udpComponent
        UdpClient {
            host: "127.0.0.1"
            reconnect { enabled: true; initialDelay: 20; maxDelay: 200 }
        }
    }
    Component {
        id: unixStreamComponent
        UnixStreamClient { reconnect { enabled: true; initialDelay: 20; maxDelay: 200 } }
    }
    Component {
        id: unixDatagramComponent
        UnixDatagramClient { reconnect { enabled: true; initialDelay: 20; maxDelay: 200 } }
    }
    Component { id: plainComponent; TcpClient { host: "127.0.0.1" } }
    Component { id: jsonComponent; JsonProtocol {} }
    Component { id: spyComponent; SignalSpy {} }

    function spy(target, signalName) {
        return createTemporaryObject(spyComponent, testCase,
                                    { target: target, signalName: signalName })
    }

    function startServer(transport, address, protocol) {
        const server = createTemporaryObject(serverComponent, testCase, {
            transport: transport, protocol: protocol, address: address, listening: true })
        verify(server.listening, server.errorString)
        return server
    }

    function test_defaults() {
        const client = createTemporaryObject(plainComponent, testCase)
        compare(client.reconnect.enabled, false)
        compare(client.reconnect.initialDelay, 1000)
        compare(client.reconnect.maxDelay, 30000)
        compare(client.reconnect.multiplier, 2)
        compare(client.reconnect.maxAttempts, 0)
    }

    function test_serverRestarts_data() {
        return [
            { tag: "tcp", transport: EchoServer.Tcp, client: tcpComponent, unix: false },
            { tag: "unixstream", transport: EchoServer.UnixStream, client: unixStreamComponent,
              unix: true },
        ]
    }
    function test_serverRestarts(row) {
        const protocol = createTemporaryObject(jsonComponent, testCase)
        const server = startServer(row.transport,
                                   row.unix ? "@easynet-qmltest-reconnect-" + unique : "",
                                   protocol)
        const address = server.address // with the port it got
        const client = createTemporaryObject(row.client, testCase, { protocol: protocol })
        if (row.unix)
            client.address = address
        else
            client.port = server.port
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        const reconnecting = spy(client, "reconnecting")
        client.active = true
        tryCompare(client, "status", Client.Open)
        verify(client.send({ n: 1 }))
        tryVerify(() => received.length === 1)

        server.listening = false
        tryCompare(client, "status", Client.Reconnecting)
        verify(client.errorString !== "")
        verify(client.send({ n: 2 })) // kept until connected
        tryVerify(() => reconnecting.count >= 2)
        compare(reconnecting.signalArguments[0][0], 1)
        verify(reconnecting.signalArguments[0][1] <= 200)

        server.address = address
        server.listening = true
        verify(server.listening, server.errorString)
        tryCompare(client, "status", Client.Open, 10000)
        compare(client.errorString, "")
        tryVerify(() => received.length === 2)
        compare(received, [{ n: 1 }, { n: 2 }])
        verify(client.send({ n: 3 }))
        tryVerify(() => received.length === 3)
        compare(received[2], { n: 3 })

        client.active = false
        tryCompare(client, "status", Client.Closed)
    }

    function test_givesUp_data() {
        return [
            { tag: "tcp", client: tcpComponent, unix: false },
            { tag: "unixdatagram", client: unixDatagramComponent, unix: true },
        ]
    }
    function test_givesUp(row) {
        const client = createTemporaryObject(row.client, testCase)
        if (row.unix)
            client.address = "@easynet-qmltest-nobody-" + unique
        else
            client.port = 1 // nothing listens there
        client.reconnect.maxAttempts = 2
        const reconnecting = spy(client, "reconnecting")
        const gaveUp = spy(client, "gaveUp")
        client.active = true
        tryCompare(gaveUp, "count", 1, 10000)
        compare(reconnecting.count, 2)
        compare(client.status, Client.Error)
        verify(!client.send("late"))
        client.active = false
        tryCompare(client, "status", Client.Closed)
    }

    function test_refusedPolicy() {
        const client = createTemporaryObject(udpComponent, testCase, { port: 9 })
        client.reconnect.maxDelay = 5 // below initialDelay
        client.active = true
        tryCompare(client, "status", Client.Error)
        tryVerify(() => client.errorString.indexOf("maxDelay") >= 0)
    }
}
