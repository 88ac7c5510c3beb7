// Where to connect and how packets are written: transport and address on the
// first row with connect/disconnect and the built-in echo server; the protocol
// on the second (a format with zlib/Base64 wrapping, or the full text form
// such as "line:crlf:utf8+zlib"); for TLS, the trust on a third: a CA file,
// a client certificate and key (PEM files), and accepting an invalid
// certificate, behind the warning the Widgets console gives. Each row's
// implicit width is what it needs with nothing clipped (the window's minimum).
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
    // Read once a change: for TLS it loads the PEM files and the system's CAs.
    readonly property string settingsError: settings.errorString
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
            Layout.preferredWidth: 140
        }
        TextField {
            objectName: "hostField"
            visible: !bar.settings.unixTransport
            text: bar.settings.host
            onTextEdited: bar.settings.host = text
            placeholderText: qsTr("host")
            Layout.preferredWidth: 140
            Layout.fillWidth: true
            Layout.maximumWidth: 260
            selectByMouse: true
        }
        TextField {
            objectName: "portField"
            visible: !bar.settings.unixTransport
            text: bar.settings.port > 0 ? String(bar.settings.port) : ""
            onTextEdited: bar.settings.port = text === "" ? 0 : parseInt(text)
            validator: IntValidator { bottom: 0; top: 65535 }
            placeholderText: qsTr("port")
            Layout.preferredWidth: 70
            selectByMouse: true
        }
        TextField {
            objectName: "unixAddressField"
            visible: bar.settings.unixTransport
            text: bar.settings.unixAddress
            onTextEdited: bar.settings.unixAddress = text
            placeholderText: qsTr("/path/to/socket or @name")
            Layout.preferredWidth: 216
            Layout.fillWidth: true
            Layout.maximumWidth: 340
            selectByMouse: true
        }
        Label {
            objectName: "settingsError"
            visible: text !== "" && !bar.busy
            text: bar.settingsError
            color: bar.errorColor
            elide: Text.ElideRight
            Layout.fillWidth: true
            Layout.preferredWidth: 0
            ToolTip.text: text
            ToolTip.visible: truncated && settingsErrorHover.hovered
            HoverHandler { id: settingsErrorHover }
        }
        Item {
            visible: !bar.settingsError || bar.busy
            Layout.fillWidth: true
        }
        Button {
            objectName: "connectButton"
            text: bar.busy ? qsTr("Disconnect") : qsTr("Connect")
            enabled: bar.busy || bar.settingsError === ""
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
            Layout.preferredWidth: 160
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
            Layout.preferredWidth: 160
            Layout.fillWidth: true
            Layout.maximumWidth: 260
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
    RowLayout {
        objectName: "tlsRow"
        visible: bar.settings.transport === ConnectionSettings.Tls
                 || bar.settings.transport === ConnectionSettings.Dtls
        spacing: 6
        Layout.fillWidth: true

        Label { text: qsTr("TLS") }
        TextField {
            objectName: "caFileField"
            text: bar.settings.caFile
            onTextEdited: bar.settings.caFile = text
            placeholderText: qsTr("CA file (PEM), besides the system's")
            Layout.preferredWidth: 120
            Layout.fillWidth: true
            selectByMouse: true
        }
        TextField {
            objectName: "certificateFileField"
            text: bar.settings.certificateFile
            onTextEdited: bar.settings.certificateFile = text
            placeholderText: qsTr("client certificate (PEM)")
            Layout.preferredWidth: 120
            Layout.fillWidth: true
            selectByMouse: true
        }
        TextField {
            objectName: "keyFileField"
            text: bar.settings.keyFile
            onTextEdited: bar.settings.keyFile = text
            placeholderText: qsTr("client key (PEM)")
            Layout.preferredWidth: 120
            Layout.fillWidth: true
            selectByMouse: true
        }
        CheckBox {
            id: acceptInvalid
            objectName: "acceptInvalidCertificate"
            text: bar.settings.invalidCertificateOption()
            checked: bar.settings.acceptInvalidCertificate
            onToggled: {
                if (checked) {
                    checked = Qt.binding(() => bar.settings.acceptInvalidCertificate)
                    invalidCertificateDialog.open()
                } else {
                    bar.settings.acceptInvalidCertificate = false
                }
            }
        }
    }

    // Asked before the certificate goes unverified, in the Widgets console's words.
    Dialog {
        id: invalidCertificateDialog
        objectName: "invalidCertificateDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(460, parent ? parent.width - 24 : 460)
        modal: true
        title: bar.settings.invalidCertificateQuestion()
        standardButtons: Dialog.Yes | Dialog.Cancel
        onAccepted: bar.settings.acceptInvalidCertificate = true
        Label {
            objectName: "invalidCertificateWarning"
            text: bar.settings.invalidCertificateWarning()
            wrapMode: Text.WordWrap
            anchors.left: parent.left
            anchors.right: parent.right
        }
    }
}
