// What the Unix clients add: descriptors passed with a packet, received
// credentials, path addresses.
import QtQuick
import QtTest
import EasyNet
import EasyNet.Console

WarningFreeTestCase {
    id: testCase
    name: "Unix"

    readonly property string unique: Date.now() + "-" + Math.floor(Math.random() * 1e9)
    readonly property string thisFile: Qt.resolvedUrl("tst_unix.qml").toString().replace(/^file:\/\//, "")

    JsonProtocol { id: json }
    Component { id: serverComponent; EchoServer { protocol: json } }
    Component { id: streamComponent; UnixStreamClient { protocol: json } }
    Component { id: datagramComponent; UnixDatagramClient { protocol: json } }
    Component { id: spyComponent; SignalSpy {} }

    function spy(target, signalName) {
        return createTemporaryObject(spyComponent, testCase,
                                     { target: target, signalName: signalName })
    }

    function test_files_data() {
        return [
            { tag: "stream", transport: EchoServer.UnixStream, client: streamComponent },
            { tag: "datagram", transport: EchoServer.UnixDatagram, client: datagramComponent },
        ]
    }

    function test_files(row) {
        const server = createTemporaryObject(serverComponent, testCase, {
            transport: row.transport, address: "@easynet-qmltest-files-" + row.tag + unique,
            listening: true })
        verify(server.listening, server.errorString)
        const passed = spy(server, "fileDescriptorsReceived")
        const client = createTemporaryObject(row.client, testCase, {
            address: server.address, passCredentials: true, active: true })
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        tryCompare(client, "status", Client.Open)
        compare(client.receivedCredentials, null)
        verify(client.sendWithFiles({ files: 2 }, [thisFile, thisFile]))
        tryVerify(() => received.length === 1)
        compare(received[0], { files: 2 })
        tryCompare(passed, "count", 1)
        compare(passed.signalArguments[0][1], 2)
        // SO_PASSCRED: the echo server (this process) is the sender.
        verify(client.receivedCredentials !== null)
        verify(client.receivedCredentials.pid > 0)
        verify(client.receivedCredentials.uid >= 0)

        const errors = spy(client, "errorOccurred")
        verify(!client.sendWithFiles("no file", ["/nonexistent/easynet-file"]))
        compare(errors.count, 1)
        compare(errors.signalArguments[0][0].code, Errors.ErrorCode.OSError)
        verify(client.errorString.indexOf("/nonexistent/easynet-file") >= 0)
        compare(client.status, Client.Open)
    }

    function test_pathAddress_data() {
        return [
            { tag: "stream", transport: EchoServer.UnixStream, client: streamComponent },
            { tag: "datagram", transport: EchoServer.UnixDatagram, client: datagramComponent },
        ]
    }

    function test_pathAddress(row) {
        const path = harness.tempDir + "/" + row.tag + ".sock"
        const server = createTemporaryObject(serverComponent, testCase, {
            transport: row.transport, address: path, listening: true })
        verify(server.listening, server.errorString)
        compare(server.address, path)
        const client = createTemporaryObject(row.client, testCase,
                                             { address: path, active: true })
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        tryCompare(client, "status", Client.Open)
        verify(client.send({ path: path }))
        tryVerify(() => received.length === 1)
        compare(received[0], { path: path })
    }

    function test_pathNobodyListensOn() {
        const client = createTemporaryObject(streamComponent, testCase,
                                             { address: harness.tempDir + "/nobody.sock" })
        const errors = spy(client, "errorOccurred")
        client.active = true
        tryCompare(client, "status", Client.Error)
        verify(errors.count >= 1)
        verify(client.errorString.length > 0)
    }
}
