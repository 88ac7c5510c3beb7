// Loaded by qmlconsumer.cpp from an installed EasyNet: a CBOR packet (a map with bytes) goes
// to the consumer's byte echo server (echoPort) and back. Only EasyNet is imported, so
// that the consumer can check that the console's code stays out of the process.
import QtQml
import EasyNet

QtObject {
    id: root

    required property int echoPort
    property var answer // the echoed packet, once it is back
    property string failure // why it did not come back

    property TcpClient client: TcpClient {
        host: "127.0.0.1"
        port: root.echoPort
        protocol: CborProtocol {}
        active: true
        onStatusChanged: {
            if (status === TcpClient.Open)
                send({ hello: "from an installed EasyNet", bytes: new Uint8Array([1, 2]) })
        }
        onPacketReceived: (packet) => root.answer = packet
        onErrorOccurred: (error) => root.failure = error.message
    }
}
