// Every protocol type through an echo server, and the settings they refuse.
import QtQuick
import QtTest
import EasyNet
import EasyNet.Console

WarningFreeTestCase {
    id: testCase
    name: "Protocols"

    Component { id: serverComponent; EchoServer {} }
    Component { id: tcpComponent; TcpClient { host: "127.0.0.1" } }
    Component { id: udpComponent; UdpClient { host: "127.0.0.1" } }

    Component { id: lineCrLf; LineProtocol { separator: "\r\n"; encoding: "utf-8" } }
    Component { id: lengthPrefixed2; LengthPrefixedProtocol { headerSize: 2 } }
    Component { id: structIqd; StructProtocol { format: "!iqd?" } }
    Component { id: raw; RawProtocol {} }
    Component { id: zlibJson; ZlibProtocol { compressionLevel: 1; JsonProtocol {} } }
    Component {
        id: base64Hmac
        Base64Protocol {
            checksum: "hmac-sha256"
            key: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
            CborProtocol {}
        }
    }
    Component { id: base64Sha; Base64Protocol { checksum: "sha256"; MsgPackProtocol {} } }
    Component { id: json; JsonProtocol {} }
    Component { id: cbor; CborProtocol {} }
    Component { id: msgpack; MsgPackProtocol {} }
    Component { id: zlibCbor; ZlibProtocol { CborProtocol {} } }

    Component { id: badLine; LineProtocol { separator: ";" } }
    Component { id: badHeader; LengthPrefixedProtocol { headerSize: 3 } }
    Component { id: badStruct; StructProtocol { format: "iqd" } }
    Component { id: badKey; Base64Protocol { checksum: "hmac-sha256"; key: "c2hvcnQ="; JsonProtocol {} } }
    Component { id: noInner; ZlibProtocol {} }
    Component { id: badLevel; ZlibProtocol { compressionLevel: 12; JsonProtocol {} } }

    function bytes(list) { return new Uint8Array(list).buffer }
    function listOf(buffer) {
        verify(buffer instanceof ArrayBuffer)
        const view = new Uint8Array(buffer)
        const list = []
        for (let i = 0; i < view.length; ++i)
            list.push(view[i])
        return list
    }

    function test_roundTrip_data() {
        return [
            { tag: "line", protocol: lineCrLf, udp: false, value: "zeile ü", bytes: false },
            { tag: "lengthprefixed", protocol: lengthPrefixed2, udp: false,
              value: [1, 2, 255], bytes: true },
            { tag: "struct", protocol: structIqd, udp: false, value: [-5, 4294967296, 0.5, true],
              bytes: false },
            { tag: "raw-udp", protocol: raw, udp: true, value: [0, 10, 13, 200], bytes: true },
            { tag: "zlib", protocol: zlibJson, udp: false, value: { z: ["a", 1, null] },
              bytes: false },
            { tag: "base64-hmac", protocol: base64Hmac, udp: false, value: { b: 1.5 },
              bytes: false },
            { tag: "base64-sha256-udp", protocol: base64Sha, udp: true, value: ["x", false],
              bytes: false },
        ]
    }

    function test_roundTrip(row) {
        const protocol = createTemporaryObject(row.protocol, testCase)
        verify(protocol.valid, protocol.errorString)
        const server = createTemporaryObject(serverComponent, testCase, {
            transport: row.udp ? EchoServer.Udp : EchoServer.Tcp, protocol: protocol,
            listening: true })
        verify(server.listening, server.errorString)
        const client = createTemporaryObject(row.udp ? udpComponent : tcpComponent, testCase,
                                             { port: server.port, protocol: protocol })
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        client.active = true
        tryCompare(client, "status", Client.Open)
        verify(client.send(row.bytes ? bytes(row.value) : row.value))
        tryVerify(() => received.length === 1)
        compare(row.bytes ? listOf(received[0]) : received[0], row.value)
    }

    // A JS object goes out with its keys in their order (reverse alphabetical
    // here, nested too) and comes back in it: the echo server reads it as an
    // ordered map and writes it again.
    function test_keyOrder_data() {
        return [
            { tag: "json", protocol: json, udp: false },
            { tag: "cbor-udp", protocol: cbor, udp: true },
            { tag: "msgpack", protocol: msgpack, udp: false },
            { tag: "zlib-cbor", protocol: zlibCbor, udp: false },
            { tag: "base64-msgpack-udp", protocol: base64Sha, udp: true },
        ]
    }

    function test_keyOrder(row) {
        const protocol = createTemporaryObject(row.protocol, testCase)
        const server = createTemporaryObject(serverComponent, testCase, {
            transport: row.udp ? EchoServer.Udp : EchoServer.Tcp, protocol: protocol,
            listening: true })
        verify(server.listening, server.errorString)
        const client = createTemporaryObject(row.udp ? udpComponent : tcpComponent, testCase,
                                             { port: server.port, protocol: protocol })
        const received = []
        client.packetReceived.connect(packet => received.push(packet))
        client.active = true
        tryCompare(client, "status", Client.Open)
        const packet = { zeta: 1, mid: { y: true, b: null }, alpha: [1, 2.5, { d: 0, c: 1 }],
                         a: "x" }
        verify(client.send(packet))
        tryVerify(() => received.length === 1)
        compare(Object.keys(received[0]), ["zeta", "mid", "alpha", "a"])
        compare(Object.keys(received[0].mid), ["y", "b"])
        compare(JSON.stringify(received[0]), JSON.stringify(packet))
    }

    function test_invalidSettings_data() {
        return [
            { tag: "separator", protocol: badLine, why: "separator" },
            { tag: "headerSize", protocol: badHeader, why: "3" },
            { tag: "struct format", protocol: badStruct, why: "" },
            { tag: "hmac key size", protocol: badKey, why: "" },
            { tag: "no inner", protocol: noInner, why: "inner" },
            { tag: "zlib level", protocol: badLevel, why: "" },
        ]
    }

    function test_invalidSettings(row) {
        const protocol = createTemporaryObject(row.protocol, testCase)
        verify(!protocol.valid)
        verify(protocol.errorString.length > 0)
        verify(protocol.errorString.indexOf(row.why) >= 0, protocol.errorString)
    }

    function test_innerChangeInvalidates() {
        const protocol = createTemporaryObject(zlibJson, testCase)
        verify(protocol.valid)
        const bad = createTemporaryObject(badLine, testCase)
        protocol.inner = bad
        verify(!protocol.valid)
        bad.separator = "\n"
        verify(protocol.valid)
    }
}
