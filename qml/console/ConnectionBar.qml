// Where to connect and how packets are written: transport and address on the
// first row with connect/disconnect and the built-in echo server; the protocol
// on the second (a format with zlib/Base64 wrapping, or the full text form
// such as "line:crlf:utf8+zlib").
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

ColumnLayout {
    id: bar

    required property ConsoleSession session
    property color errorColor: "red"
    readonly property ConnectionSettings settings: session.settings
    readonly property ProtocolSettings protocol: session.settings.protocol
    readonly property bool busy: session.state === ConsoleSession.Connected
                                 || session.state === ConsoleSession.Connecting
    spacing: 2

    RowLayout {
        spacing: 6
        Layout.fillWidth: true

        ComboBox {
            objectName: "transportBox"
            // The core's list, shared with the Widgets console (translated there).
            readonly property var choices: bar.settings.transportChoices()
            model: choices
            textRole: "text"
            valueRole: "value"
            currentIndex: choices.findIndex(choice => choice.value === bar.settings.transport)
            onActivated: bar.settings.transport = currentValue
            Layout.preferredWidth: 150
        }
        TextField {
            objectName: "hostField"
            visible: !bar.settings.unixTransport
            text: bar.settings.host
            onTextEdited: bar.settings.host = text
            placeholderText: qsTr("host")
            Layout.preferredWidth: 180
            selectByMouse: true
        }
        TextField {
            objectName: "portField"
            visible: !bar.settings.unixTransport
            text: bar.settings.port > 0 ? String(bar.settings.port) : ""
            onTextEdited: bar.settings.port = text === "" ? 0 : parseInt(text)
            validator: IntValidator { bottom: 0; top: 65535 }
            placeholderText: qsTr("port")
            Layout.preferredWidth: 80
            selectByMouse: true
        }
        TextField {
            objectName: "unixAddressField"
            visible: bar.settings.unixTransport
            text: bar.settings.unixAddress
            onTextEdited: bar.settings.unixAddress = text
            placeholderText: qsTr("/path/to/socket or @name")
            Layout.preferredWidth: 266
            selectByMouse: true
        }
        Label {
            objectName: "settingsError"
            visible: text !== "" && !bar.busy
            text: bar.settings.errorString
            color: bar.errorColor
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
        Item {
            visible: !bar.settings.errorString || bar.busy
            Layout.fillWidth: true
        }
        Button {
            objectName: "connectButton"
            text: bar.busy ? qsTr("Disconnect") : qsTr("Connect")
            enabled: bar.busy || bar.settings.errorString === ""
            onClicked: bar.busy ? bar.session.disconnectFromPeer() : bar.session.connectToPeer()
        }
        Button {
            objectName: "echoServerButton"
            text: qsTr("Echo server")
            onClicked: {
                if (bar.session.startEchoServer(bar.settings.transport))
                    bar.session.connectToPeer()
            }
            ToolTip.text: qsTr("Start the built-in echo server for this transport and protocol, and connect to it")
            ToolTip.visible: hovered
            ToolTip.delay: 500
        }
    }

    RowLayout {
        spacing: 6
        Layout.fillWidth: true

        Label { text: qsTr("Protocol") }
        ComboBox {
            objectName: "formatBox"
            readonly property var choices: bar.protocol.formatChoices()
            model: choices
            textRole: "text"
            valueRole: "value"
            currentIndex: choices.findIndex(choice => choice.value === bar.protocol.format)
            onActivated: bar.protocol.format = currentValue
            Layout.preferredWidth: 170
        }
        CheckBox {
            text: qsTr("zlib")
            checked: bar.protocol.zlib
            onToggled: bar.protocol.zlib = checked
        }
        CheckBox {
            text: qsTr("Base64")
            checked: bar.protocol.base64
            onToggled: bar.protocol.base64 = checked
        }
        TextField {
            objectName: "protocolSpecField"
            property string error
            text: bar.protocol.spec
            placeholderText: qsTr("protocol, e.g. line:crlf:utf8+zlib")
            Layout.preferredWidth: 220
            selectByMouse: true
            // Applied when done (Enter, focus out): a valid prefix such as
            // "line" would otherwise be rewritten under the cursor.
            onEditingFinished: error = bar.protocol.applySpec(text)
            onTextEdited: error = ""
            color: error === "" ? palette.text : bar.errorColor
            ToolTip.text: error === "" ? qsTr("format[:options][+zlib][+base64]") : error
            ToolTip.visible: hovered || error !== ""
        }
        Item { Layout.fillWidth: true }
    }
}
