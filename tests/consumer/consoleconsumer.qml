// Loaded by qmlconsumer.cpp from an installed EasyNet: a CBOR packet (a map with bytes) goes
// through EasyNet.Console's echo server and back.
import QtQml
import EasyNet
import EasyNet.Console

QtObject {
    id: root

    property var answer // the echoed packet, once it is back
    property string failure // why it did not come back

    property CborProtocol cbor: CborProtocol {}
    property EchoServer server: EchoServer {
        protocol: root.cbor
        listening: true
        onErrorStringChanged: root.failure = errorString
    }
    property TcpClient client: TcpClient {
        host: "127.0.0.1"
        port: root.server.port
        protocol: root.cbor
        active: root.server.listening
        onStatusChanged: {
            if (status === TcpClient.Open)
                send({ hello: "from an installed EasyNet", bytes: new Uint8Array([1, 2]) })
        }
        onPacketReceived: (packet) => root.answer = packet
        onErrorOccurred: (error) => root.failure = error.message
    }
}
