// UdpClient { tls { ... } } is a DTLS client: against the console's DTLS echo
// server, trusted through its certificate file, and refused without it.
import QtQuick
import QtTest
import EasyNet
import EasyNet.Console

WarningFreeTestCase {
    id: testCase
    name: "Dtls"

    JsonProtocol { id: json }
    Component { id: serverComponent; EchoServer { transport: EchoServer.Dtls; protocol: json } }
    Component { id: udpComponent; UdpClient { host: "127.0.0.1"; protocol: json } }
    Component { id: spyComponent; SignalSpy {} }

    function startServer() {
        const server = createTemporaryObject(serverComponent, testCase, { listening: true })
        verify(server.listening, server.errorString)
        verify(server.certificatePath.length > 0)
        return server
    }

    function test_trustedCertificate() {
        const server = startServer()
        const client = createTemporaryObject(udpComponent, testCase, { port: server.port })
        client.tls.enabled = true
        client.tls.caCertificates = [server.certificatePath]
        client.tls.serverName = "localhost" // host is 127.0.0.1
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        client.active = true
        tryCompare(client, "status", Client.Open, 10000)
        for (let i = 0; i < 20; ++i)
            verify(client.send({ n: i, over: "dtls" }))
        tryVerify(() => received.length === 20, 10000)
        compare(received[19], { n: 19, over: "dtls" })
    }

    function test_untrustedCertificate() {
        const server = startServer()
        const client = createTemporaryObject(udpComponent, testCase, { port: server.port })
        client.tls.enabled = true // the self-signed certificate is not trusted
        const errors = createTemporaryObject(spyComponent, testCase,
                                             { target: client, signalName: "errorOccurred" })
        client.active = true
        tryCompare(client, "status", Client.Error, 10000)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.TlsError)
    }
}
