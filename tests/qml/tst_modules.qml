// The split between the modules: "import EasyNet" declares the library's types
// only; the console core's and the echo server are EasyNet.Console's.
import QtQuick
import QtTest

WarningFreeTestCase {
    name: "Modules"

    function declares(imports, type) {
        try {
            Qt.createQmlObject(imports + "\n" + type + " {}", this, "tst_modules").destroy()
            return true
        } catch (e) {
            return false
        }
    }

    function test_libraryModule_data() {
        return [
            { tag: "TcpClient", type: "TcpClient", declared: true },
            { tag: "JsonProtocol", type: "JsonProtocol", declared: true },
            { tag: "EchoServer", type: "EchoServer", declared: false },
            { tag: "ConsoleSession", type: "ConsoleSession", declared: false }
        ]
    }
    function test_libraryModule(row) {
        compare(declares("import EasyNet", row.type), row.declared)
    }

    function test_consoleModule_data() {
        return [
            { tag: "EchoServer", type: "EchoServer" },
            { tag: "ConsoleSession", type: "ConsoleSession" }
        ]
    }
    function test_consoleModule(row) {
        verify(declares("import EasyNet\nimport EasyNet.Console", row.type))
    }
}
