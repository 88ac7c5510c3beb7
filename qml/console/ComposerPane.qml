// The packet being written: JSON, text with escapes or hex, checked as it is
// typed (an error is shown here, with where it is, and the packet cannot be
// sent), the bytes it puts on the wire with the chosen protocol, and Send
// (Ctrl+Return).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

ColumnLayout {
    id: pane

    required property ConsoleSession session
    property color errorColor: "red"
    property color mutedColor: "gray"
    readonly property Composer composer: session.composer
    readonly property bool canSend: composer.valid && composer.text !== ""
                                    && (session.state === ConsoleSession.Connected
                                        || session.state === ConsoleSession.Connecting)
    spacing: 4
    // The height at which nothing is cut: both rows and two lines to type in.
    readonly property real minimumContentHeight: composeRow.implicitHeight + 48
                                                 + sendRow.implicitHeight + 2 * spacing
                                                 + sendRow.Layout.bottomMargin

    function send() {
        if (pane.canSend)
            pane.session.sendComposed()
    }

    RowLayout {
        id: composeRow
        Layout.fillWidth: true
        Layout.leftMargin: 6
        Layout.rightMargin: 6
        Label { text: qsTr("Compose"); font.bold: true }
        ComboBox {
            objectName: "composerMode"
            readonly property var choices: [
                { text: qsTr("JSON"), value: Composer.Json },
                { text: qsTr("Text with escapes"), value: Composer.Text },
                { text: qsTr("Hex bytes"), value: Composer.Hex },
            ]
            model: choices
            textRole: "text"
            valueRole: "value"
            currentIndex: choices.findIndex(choice => choice.value === pane.composer.mode)
            onActivated: pane.composer.mode = currentValue
            Layout.preferredWidth: 200
        }
        Label {
            objectName: "wirePreview"
            visible: pane.composer.valid && pane.composer.text !== ""
            text: qsTr("on the wire, %1 B: %2").arg(pane.composer.wireSize)
                                               .arg(pane.composer.wireHex)
            color: pane.mutedColor
            font.family: "monospace"
            elide: Text.ElideRight
            Layout.fillWidth: true
            Layout.preferredWidth: 0
        }
    }

    ScrollView {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: 48
        Layout.leftMargin: 6
        Layout.rightMargin: 6
        TextArea {
            id: input
            objectName: "composerInput"
            text: pane.composer.text
            onTextChanged: pane.composer.text = text
            placeholderText: pane.composer.mode === Composer.Json
                             ? qsTr("A JSON value, e.g. {\"cmd\": \"ping\", \"args\": [1, 2]}")
                             : pane.composer.mode === Composer.Hex ? qsTr("Hex bytes, e.g. 7b 0a")
                                                                   : qsTr("Text with escapes, e.g. %1").arg("hello\\r\\n")
            font.family: "monospace"
            selectByMouse: true
            wrapMode: TextEdit.Wrap
        }
    }

    RowLayout {
        id: sendRow
        Layout.fillWidth: true
        Layout.leftMargin: 6
        Layout.rightMargin: 6
        Layout.bottomMargin: 6
        Label {
            objectName: "composerError"
            visible: !pane.composer.valid && pane.composer.text !== ""
            text: pane.composer.errorPosition >= 0
                  ? qsTr("%1 (at character %2)").arg(pane.composer.errorString)
                                                .arg(pane.composer.errorPosition + 1)
                  : pane.composer.errorString
            color: pane.errorColor
            elide: Text.ElideRight
            Layout.fillWidth: true
            Layout.preferredWidth: 0
        }
        Item { Layout.fillWidth: true; visible: pane.composer.valid || pane.composer.text === "" }
        Button {
            objectName: "sendButton"
            text: qsTr("Send")
            enabled: pane.canSend
            onClicked: pane.send()
            ToolTip.text: qsTr("Send the packet (Ctrl+Return)")
            ToolTip.visible: hovered
        }
    }

    Shortcut {
        sequences: ["Ctrl+Return", "Ctrl+Enter"]
        enabled: pane.visible // the current tab's composer alone
        onActivated: pane.send()
    }
}
