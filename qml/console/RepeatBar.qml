// The repeat controls under the packet library: what to repeat (the
// composer's packet or the library's selected one), how many times (0: until
// stopped), every how many milliseconds, Start/Stop, and what the run
// achieved (packets sent, packets per second) or why it stopped. A
// RepeatSender of EasyNet.Console does the sending.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

GridLayout {
    id: bar

    required property ConsoleSession session
    required property PacketLibrary library
    // The library's row that "selected library packet" repeats (-1: none).
    property int libraryRow: -1
    property color errorColor: "red"
    property color mutedColor: "gray"
    property alias sender: sender
    readonly property bool connected: session.state === ConsoleSession.Connected
                                      || session.state === ConsoleSession.Connecting
    columns: 2
    rowSpacing: 4

    function toggle() {
        if (sender.running) {
            sender.stop()
            return
        }
        sender.count = countBox.value
        sender.interval = intervalBox.value
        if (sourceBox.currentIndex === 0)
            sender.startComposer()
        else
            sender.startLibraryPacket(bar.library, bar.libraryRow)
    }

    RepeatSender {
        id: sender
        session: bar.session
    }

    Label {
        text: qsTr("Repeat")
        font.bold: true
        Layout.columnSpan: 2
    }
    ComboBox {
        id: sourceBox
        objectName: "repeatSource"
        model: [qsTr("Composer packet"), qsTr("Selected library packet")]
        enabled: !sender.running
        Layout.columnSpan: 2
        Layout.fillWidth: true
    }
    Label { text: qsTr("Times (0: until stopped)") }
    SpinBox {
        id: countBox
        objectName: "repeatCount"
        from: 0
        to: 1000000000
        value: 10
        editable: true
        enabled: !sender.running
        Layout.fillWidth: true
    }
    Label { text: qsTr("Every (ms)") }
    SpinBox {
        id: intervalBox
        objectName: "repeatInterval"
        from: 1
        to: 3600000
        value: 1000
        editable: true
        enabled: !sender.running
        Layout.fillWidth: true
    }
    Button {
        objectName: "repeatStart"
        text: sender.running ? qsTr("Stop") : qsTr("Start")
        enabled: sender.running || bar.connected
        onClicked: bar.toggle()
    }
    Label {
        objectName: "repeatProgress"
        readonly property string achieved: qsTr("sent %n packet(s), %1/s", "", sender.sent)
                                           .arg(Number(sender.rate).toLocaleString(Qt.locale(), "f", 1))
        text: sender.errorString === "" ? achieved + (sender.heldBack ? qsTr(" (waiting)") : "")
              : sender.sent > 0 ? qsTr("%1; stopped: %2").arg(achieved).arg(sender.errorString)
                                : qsTr("not started: %1").arg(sender.errorString)
        color: sender.errorString === "" ? bar.mutedColor : bar.errorColor
        wrapMode: Text.Wrap
        Layout.fillWidth: true
        Layout.preferredWidth: 0
    }
}
