// TcpClient's grouped proxy { ... }: its defaults, its change signals, and
// what it gives the library's client when the TcpClient opens (checked on
// that client; the tunnel itself is the library's, tested there).
import QtQuick
import QtTest
import EasyNet
import EasyNet.Console

WarningFreeTestCase {
    id: testCase
    name: "Proxy"

    JsonProtocol { id: json }
    EchoServer { id: server; protocol: json; listening: true }

    TcpClient {
        id: declared
        host: "127.0.0.1"
        protocol: json
        proxy {
            type: NetworkProxy.Http
            host: "proxy.example"
            port: 3128
            user: "alice"
            password: "s3cret"
        }
    }

    Component { id: tcpComponent; TcpClient { host: "127.0.0.1"; protocol: json } }
    Component { id: spyComponent; SignalSpy {} }

    function spy(target, signalName) {
        return createTemporaryObject(spyComponent, testCase,
                                     { target: target, signalName: signalName })
    }

    function initTest() {
        verify(server.listening, server.errorString)
    }

    function test_defaults() {
        const client = createTemporaryObject(tcpComponent, testCase)
        compare(client.proxy.type, NetworkProxy.System)
        compare(client.proxy.host, "")
        compare(client.proxy.port, 0)
        compare(client.proxy.user, "")
        compare(client.proxy.password, "")
        compare(harness.clientProxy(client), {}) // nothing made before it opens
    }

    function test_declared() {
        compare(declared.proxy.type, NetworkProxy.Http)
        compare(declared.proxy.host, "proxy.example")
        compare(declared.proxy.port, 3128)
        compare(declared.proxy.user, "alice")
        compare(declared.proxy.password, "s3cret")
    }

    function test_changesNotify() {
        const client = createTemporaryObject(tcpComponent, testCase)
        const changed = spy(client.proxy, "changed")
        const options = spy(client, "optionsChanged")
        client.proxy.type = NetworkProxy.Socks5
        client.proxy.host = "127.0.0.1"
        client.proxy.port = 1080
        client.proxy.user = "alice"
        client.proxy.password = "s3cret"
        compare(changed.count, 5)
        compare(options.count, 5)
        client.proxy.host = "127.0.0.1" // the same value: no signal
        compare(changed.count, 5)
    }

    function test_reachesTheClient_data() {
        return [
            { tag: "socks5", type: NetworkProxy.Socks5, expected: "Socks5Proxy",
              host: "127.0.0.1", port: 1080, user: "alice", password: "s3 cr@t:" },
            { tag: "http", type: NetworkProxy.Http, expected: "HttpProxy",
              host: "::1", port: 8080, user: "", password: "" },
            { tag: "none", type: NetworkProxy.None, expected: "NoProxy",
              host: "", port: 0, user: "", password: "" },
            { tag: "system", type: NetworkProxy.System, expected: "DefaultProxy",
              host: "", port: 0, user: "", password: "" },
        ]
    }

    function test_reachesTheClient(row) {
        const client = createTemporaryObject(tcpComponent, testCase, { port: server.port })
        client.proxy.type = row.type
        client.proxy.host = row.host
        client.proxy.port = row.port
        client.proxy.user = row.user
        client.proxy.password = row.password
        client.active = true
        compare(client.status, TcpClient.Connecting)
        compare(harness.clientProxy(client), { type: row.expected, host: row.host,
                                               port: row.port, user: row.user,
                                               password: row.password })
        client.active = false
    }

    function test_changeWhileActiveReconnectsWithIt() {
        const client = createTemporaryObject(tcpComponent, testCase, { port: server.port })
        client.proxy.type = NetworkProxy.None
        client.active = true
        compare(harness.clientProxy(client).type, "NoProxy")
        client.proxy.type = NetworkProxy.System
        compare(harness.clientProxy(client).type, "DefaultProxy")
        client.active = false
    }

    function test_tunnelWithoutServerIsAnError_data() {
        return [
            { tag: "no host", host: "", port: 1080 },
            { tag: "no port", host: "127.0.0.1", port: 0 },
            { tag: "port out of range", host: "127.0.0.1", port: 65536 },
        ]
    }

    function test_tunnelWithoutServerIsAnError(row) {
        const client = createTemporaryObject(tcpComponent, testCase, { port: server.port })
        const errors = spy(client, "errorOccurred")
        client.proxy.type = NetworkProxy.Socks5
        client.proxy.host = row.host
        client.proxy.port = row.port
        client.active = true
        tryCompare(client, "status", TcpClient.Error)
        verify(client.errorString.indexOf("proxy") >= 0, client.errorString)
        compare(errors.count, 1)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.InvalidArgument)
        compare(harness.clientProxy(client), {})
    }
}
