// idleTimeout and the heartbeat on a QML client: a silent echo server ends
// the connection; one that echoes each heartbeat keeps it open.
import QtQuick
import QtTest
import EasyNet
import EasyNet.Console

WarningFreeTestCase {
    id: testCase
    name: "Liveness"

    JsonProtocol { id: json }
    EchoServer { id: server; protocol: json; listening: true }
    Component { id: tcpComponent; TcpClient { host: "127.0.0.1"; protocol: json } }

    function test_defaults() {
        const client = createTemporaryObject(tcpComponent, testCase)
        compare(client.idleTimeout, 0)
        compare(client.heartbeatInterval, 0)
    }

    function test_silentPeerEndsTheConnection() {
        verify(server.listening, server.errorString)
        const client = createTemporaryObject(tcpComponent, testCase,
                                             { port: server.port, idleTimeout: 300 })
        client.active = true
        tryCompare(client, "status", Client.Open)
        // Nothing is sent, so the echo says nothing either.
        tryCompare(client, "status", Client.Error, 10000)
        verify(client.errorString.indexOf("idleTimeout") >= 0, client.errorString)
    }

    function test_answeredHeartbeatKeepsItOpen() {
        verify(server.listening, server.errorString)
        const client = createTemporaryObject(tcpComponent, testCase, {
            port: server.port, idleTimeout: 400, heartbeatInterval: 100,
            heartbeatPacket: { ping: true } })
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        client.active = true
        tryCompare(client, "status", Client.Open)
        // Ten echoed heartbeats: well past the idle timeout, still open.
        tryVerify(() => received.length >= 10, 20000)
        compare(received[0], { ping: true })
        compare(client.status, Client.Open)
    }
}
