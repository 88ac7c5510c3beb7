// The session's files, under the packet log: Export (the log as JSON lines),
// Wireshark (the log as a pcapng capture, SessionCapture) and Replay (the sent
// packets of a JSON-lines export again, SessionReplay: with the original
// timing, or as fast as possible when checked), with the replay's progress
// and Stop while it runs, and the outcome in words. This console's Qt has no
// file dialog module: each button asks for a path in a small dialog.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

RowLayout {
    id: bar

    required property ConsoleSession session
    property color errorColor: "red"
    property color mutedColor: "gray"
    // The last outcome shown, and whether it is a failure.
    property string message
    property bool failed

    enum Action { ExportJson, ExportPcapng, Replay }

    function tell(text, failure) {
        bar.message = text
        bar.failed = failure
    }
    function run(action, path) {
        if (action === SessionFilesBar.Replay) {
            replay.timing = fastBox.checked ? SessionReplay.Fast : SessionReplay.Original
            if (replay.load(path))
                replay.start()
            return
        }
        const error = action === SessionFilesBar.ExportJson ? bar.session.log.exportToFile(path)
                                                            : bar.session.exportPcapng(path)
        bar.tell(error !== "" ? error : qsTr("saved %1").arg(path), error !== "")
    }

    SessionReplay {
        id: replay
        session: bar.session
        onProgressChanged: bar.tell(statusText, state === SessionReplay.Failed)
    }

    Button {
        objectName: "exportJsonButton"
        text: qsTr("Export…")
        onClicked: pathDialog.ask(SessionFilesBar.ExportJson, qsTr("Export the session as JSON lines"),
                                  "session.jsonl")
    }
    Button {
        objectName: "pcapngExportButton"
        text: qsTr("Wireshark…")
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Export to Wireshark (pcapng): the session as a capture file, whose Follow Stream shows its bytes")
        onClicked: pathDialog.ask(SessionFilesBar.ExportPcapng, qsTr("Export to Wireshark (pcapng)"),
                                  "session.pcapng")
    }
    Button {
        objectName: "replayButton"
        text: qsTr("Replay session…")
        enabled: !replay.running
        onClicked: pathDialog.ask(SessionFilesBar.Replay, qsTr("Replay a session (JSON lines)"),
                                  "session.jsonl")
    }
    CheckBox {
        id: fastBox
        objectName: "replayFastCheck"
        text: qsTr("fast")
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Replay as fast as possible instead of with the original timing")
    }
    ProgressBar {
        objectName: "replayProgress"
        visible: replay.running
        from: 0
        to: Math.max(replay.total, 1)
        value: replay.sent
        Layout.preferredWidth: 100
    }
    Button {
        objectName: "replayStopButton"
        visible: replay.running
        text: qsTr("Stop")
        onClicked: replay.stop()
    }
    Label {
        objectName: "sessionFilesStatus"
        text: bar.message
        color: bar.failed ? bar.errorColor : bar.mutedColor
        elide: Text.ElideRight
        Layout.fillWidth: true
        Layout.preferredWidth: 0
    }

    Dialog {
        id: pathDialog
        objectName: "sessionFileDialog"
        property int action
        function ask(action, title, suggestion) {
            pathDialog.action = action
            pathDialog.title = title
            pathField.text = suggestion
            pathDialog.open()
            pathField.forceActiveFocus()
            pathField.selectAll()
        }
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(parent.width - 40, 520)
        modal: true
        onAccepted: bar.run(pathDialog.action, pathField.text)
        contentItem: ColumnLayout {
            Label { text: qsTr("File:") }
            TextField {
                id: pathField
                objectName: "sessionFilePath"
                selectByMouse: true
                Layout.fillWidth: true
                onAccepted: pathDialog.accept()
            }
        }
        footer: DialogButtonBox {
            Button {
                objectName: "sessionFileOk"
                text: qsTr("OK")
                enabled: pathField.text !== ""
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
    }
}
