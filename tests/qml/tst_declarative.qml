// The declarative conventions: active, status, errorString, reconnecting, and
// errors reaching errorOccurred.
import QtQuick
import QtTest
import EasyNet
import EasyNet.Console

WarningFreeTestCase {
    id: testCase
    name: "Declarative"

    readonly property string unique: Date.now() + "-" + Math.floor(Math.random() * 1e9)

    JsonProtocol { id: json }
    EchoServer { id: serverA; protocol: json; listening: true }
    EchoServer { id: serverB; protocol: json; listening: true }

    TcpClient {
        id: bound
        host: "127.0.0.1"
        port: serverA.port
        protocol: json
        active: serverA.listening
    }
    // A binding that follows the status, as an application's Button would.
    QtObject {
        id: view
        property bool open: bound.status === TcpClient.Open
    }

    Component { id: tcpComponent; TcpClient { host: "127.0.0.1"; protocol: json } }
    Component { id: serverComponent; EchoServer {} }
    Component { id: lineComponent; LineProtocol {} }
    Component { id: spyComponent; SignalSpy {} }

    function spy(target, signalName) {
        return createTemporaryObject(spyComponent, testCase,
                                     { target: target, signalName: signalName })
    }

    function initTest() {
        verify(serverA.listening, serverA.errorString)
        verify(serverB.listening, serverB.errorString)
        verify(serverA.port !== serverB.port)
    }

    function test_declaredActiveConnects() {
        tryCompare(bound, "status", TcpClient.Open)
        verify(view.open)
        compare(bound.errorString, "")
    }

    function test_bindingFollowsStatus() {
        tryCompare(bound, "status", TcpClient.Open)
        const statuses = spy(bound, "statusChanged")
        bound.active = false
        tryCompare(bound, "status", TcpClient.Closed)
        verify(!view.open)
        bound.active = true
        tryCompare(bound, "status", TcpClient.Open)
        verify(view.open)
        verify(statuses.count >= 3) // Closing or Closed, Connecting, Open
    }

    function test_reactivateReconnects() {
        const client = createTemporaryObject(tcpComponent, testCase, { port: serverA.port })
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        compare(client.status, TcpClient.Closed)
        client.active = true
        tryCompare(client, "status", TcpClient.Open)
        verify(client.send("first"))
        tryVerify(() => received.length === 1)
        client.active = false
        tryCompare(client, "status", TcpClient.Closed)
        verify(!client.send("while closed"))
        client.active = true
        tryCompare(client, "status", TcpClient.Open)
        verify(client.send("second"))
        tryVerify(() => received.length === 2)
        compare(received, ["first", "second"])
    }

    function test_portChangeReconnects() {
        const client = createTemporaryObject(tcpComponent, testCase,
                                             { port: serverA.port, active: true })
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        tryCompare(client, "status", TcpClient.Open)
        tryCompare(serverA, "clientCount", 1 + (bound.status === TcpClient.Open ? 1 : 0))
        const countA = serverA.clientCount
        const countB = serverB.clientCount
        client.port = serverB.port
        tryCompare(client, "status", TcpClient.Open)
        tryCompare(serverB, "clientCount", countB + 1)
        tryCompare(serverA, "clientCount", countA - 1)
        verify(client.send({ to: "B" }))
        tryVerify(() => received.length === 1)
        compare(received[0], { to: "B" })
    }

    function test_refusedConnection() {
        // A port that was just free: nothing listens there any more.
        const server = createTemporaryObject(serverComponent, testCase,
                                             { protocol: json, listening: true })
        const port = server.port
        verify(port > 0)
        server.listening = false
        verify(!server.listening)
        const client = createTemporaryObject(tcpComponent, testCase, { port: port })
        const errors = spy(client, "errorOccurred")
        client.active = true
        tryCompare(client, "status", TcpClient.Error)
        verify(errors.count >= 1)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.ConnectionRefused)
        verify(errors.signalArguments[0][0].osErrno > 0)
        verify(client.errorString.length > 0)
        compare(client.errorString, errors.signalArguments[errors.count - 1][0].message)
        // Leaving Error clears errorString.
        client.active = false
        compare(client.status, TcpClient.Closed)
        compare(client.errorString, "")
    }

    function test_badCertificate() {
        const server = createTemporaryObject(serverComponent, testCase,
                                             { transport: EchoServer.Tls, protocol: json,
                                               listening: true })
        verify(server.listening, server.errorString)
        const client = createTemporaryObject(tcpComponent, testCase,
                                             { host: "localhost", port: server.port })
        client.tls.enabled = true // the self-signed certificate is not trusted
        const errors = spy(client, "errorOccurred")
        client.active = true
        tryCompare(client, "status", TcpClient.Error)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.TlsError)
        verify(errors.signalArguments[0][0].tlsReason.length > 0)
        verify(client.errorString.length > 0)
    }

    function test_trustedCertificate() {
        const server = createTemporaryObject(serverComponent, testCase,
                                             { transport: EchoServer.Tls, protocol: json,
                                               listening: true })
        verify(server.listening, server.errorString)
        verify(server.certificatePath.length > 0)
        const client = createTemporaryObject(tcpComponent, testCase, { port: server.port })
        client.tls.enabled = true
        client.tls.caCertificates = [server.certificatePath]
        client.tls.serverName = "localhost" // host is 127.0.0.1
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        client.active = true
        tryCompare(client, "status", TcpClient.Open)
        verify(client.send({ secure: true }))
        tryVerify(() => received.length === 1)
        compare(received[0], { secure: true })
    }

    function test_wrongServerName() {
        const server = createTemporaryObject(serverComponent, testCase,
                                             { transport: EchoServer.Tls, protocol: json,
                                               listening: true })
        const client = createTemporaryObject(tcpComponent, testCase, { port: server.port })
        client.tls.enabled = true
        client.tls.caCertificates = ["file://" + server.certificatePath]
        client.tls.serverName = "not-localhost.example"
        const errors = spy(client, "errorOccurred")
        client.active = true
        tryCompare(client, "status", TcpClient.Error)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.TlsError)
    }

    function test_unreadableCaFile() {
        const client = createTemporaryObject(tcpComponent, testCase, { port: serverA.port })
        client.tls.enabled = true
        client.tls.caCertificates = ["/nonexistent/easynet-ca.pem"]
        const errors = spy(client, "errorOccurred")
        client.active = true
        compare(client.status, TcpClient.Error)
        compare(errors.count, 1)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.InvalidArgument)
        verify(client.errorString.indexOf("easynet-ca.pem") >= 0)
    }

    function test_malformedPacket() {
        // A line server with a large limit echoes a 70000-byte JSON line, more
        // than the client's JSON decoder takes (64 KiB): the client reports
        // it, skips to the next line and goes on.
        const line = createTemporaryObject(lineComponent, testCase, { encoding: "utf-8" })
        const server = createTemporaryObject(serverComponent, testCase,
                                             { protocol: line, maxPacketSize: 1 << 20,
                                               listening: true })
        verify(server.listening, server.errorString)
        const client = createTemporaryObject(tcpComponent, testCase,
                                             { port: server.port, active: true })
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        const errors = spy(client, "errorOccurred")
        tryCompare(client, "status", TcpClient.Open)
        verify(client.send("x".repeat(70000)))
        verify(client.send({ after: true }))
        tryVerify(() => received.length === 1)
        compare(received[0], { after: true })
        compare(errors.count, 1)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.StreamParseError)
        verify(client.errorString.length > 0)
        compare(client.status, TcpClient.Open)
    }

    function test_invalidProtocolSettings() {
        const bad = createTemporaryObject(lineComponent, testCase, { encoding: "ebcdic" })
        verify(!bad.valid)
        verify(bad.errorString.indexOf("ebcdic") >= 0)
        const client = createTemporaryObject(tcpComponent, testCase,
                                             { port: serverA.port, protocol: bad })
        const errors = spy(client, "errorOccurred")
        client.active = true
        compare(client.status, TcpClient.Error)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.InvalidArgument)
        // Fixing the protocol while active reconnects.
        bad.encoding = "utf-8"
        verify(bad.valid)
        tryCompare(client, "status", TcpClient.Open)
    }

    function test_errorEnumsAreScoped() {
        // ErrorCode and ErrorCause both have EndOfStream: reachable scoped only.
        verify(Errors.ErrorCode.EndOfStream !== undefined)
        verify(Errors.ErrorCause.EndOfStream !== undefined)
        compare(Errors.ErrorCode.NoError, 0)
        compare(Errors.ErrorCause.None, 0)
        compare(Errors.ConnectionRefused, undefined)
    }

    function test_hostChangeReconnects() {
        const client = createTemporaryObject(tcpComponent, testCase,
                                             { host: "::1", port: serverA.port, active: true })
        tryCompare(client, "status", TcpClient.Error) // the server listens on 127.0.0.1 only
        client.host = "127.0.0.1"
        tryCompare(client, "status", TcpClient.Open)
        compare(client.errorString, "")
    }

    function test_peerVerifyOff() {
        const server = createTemporaryObject(serverComponent, testCase,
                                             { transport: EchoServer.Tls, protocol: json,
                                               listening: true })
        verify(server.listening, server.errorString)
        const client = createTemporaryObject(tcpComponent, testCase, { port: server.port })
        client.tls.enabled = true
        client.tls.peerVerify = false // the self-signed certificate is taken as it is
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        client.active = true
        tryCompare(client, "status", TcpClient.Open)
        verify(client.send([1]))
        tryVerify(() => received.length === 1)
    }

    function test_clientCertificate() {
        const identity = harness.clientIdentity()
        verify(identity.certificate !== undefined)
        const server = createTemporaryObject(serverComponent, testCase,
                                             { transport: EchoServer.Tls, protocol: json,
                                               listening: true })
        verify(server.listening, server.errorString)
        const client = createTemporaryObject(tcpComponent, testCase, { port: server.port })
        client.tls.enabled = true
        client.tls.caCertificates = [server.certificatePath]
        client.tls.serverName = "localhost"
        client.tls.clientCertificate = identity.certificate
        client.tls.privateKey = identity.privateKey // an EC key
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        client.active = true
        tryCompare(client, "status", TcpClient.Open)
        verify(client.send({ identified: true }))
        tryVerify(() => received.length === 1)
        compare(client.errorString, "")
    }

    function test_clientDsaKey() {
        // Every key type the console takes, the QML module takes too.
        const server = createTemporaryObject(serverComponent, testCase,
                                             { transport: EchoServer.Tls, protocol: json,
                                               listening: true })
        verify(server.listening, server.errorString)
        const client = createTemporaryObject(tcpComponent, testCase, { port: server.port })
        client.tls.enabled = true
        client.tls.peerVerify = false
        client.tls.clientCertificate = harness.tlsDataDir + "/dsa.pem"
        client.tls.privateKey = harness.tlsDataDir + "/dsa.key"
        const errors = spy(client, "errorOccurred")
        client.active = true
        tryCompare(client, "status", TcpClient.Open)
        compare(errors.count, 0)
        compare(client.errorString, "")
    }

    function test_clientCertificateWithoutKey() {
        const server = createTemporaryObject(serverComponent, testCase,
                                             { transport: EchoServer.Tls, protocol: json,
                                               listening: true })
        const client = createTemporaryObject(tcpComponent, testCase, { port: server.port })
        client.tls.enabled = true
        client.tls.clientCertificate = server.certificatePath
        const errors = spy(client, "errorOccurred")
        client.active = true
        compare(client.status, TcpClient.Error)
        compare(errors.count, 1)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.InvalidArgument)
        verify(client.errorString.indexOf("privateKey") >= 0, client.errorString)
    }
}
