// The QML console's window: the connection bar, the packet log and the
// composer, all bound to one ConsoleSession of the module EasyNet.Console.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

ApplicationWindow {
    id: window
    objectName: "consoleWindow"
    width: 1000
    height: 660
    visible: true
    title: qsTr("EasyNet QML console")

    property alias session: session
    // The system's palette (the application's, which the platform theme sets:
    // light or dark, and changes live), for the controls and the log's colours.
    readonly property bool dark: systemPalette.window.hslLightness < 0.5
    SystemPalette { id: systemPalette }
    palette.window: systemPalette.window
    palette.windowText: systemPalette.windowText
    palette.base: systemPalette.base
    palette.alternateBase: systemPalette.alternateBase
    palette.text: systemPalette.text
    palette.placeholderText: systemPalette.placeholderText
    palette.button: systemPalette.button
    palette.buttonText: systemPalette.buttonText
    palette.highlight: systemPalette.highlight
    palette.highlightedText: systemPalette.highlightedText
    palette.light: systemPalette.light
    palette.midlight: systemPalette.midlight
    palette.mid: systemPalette.mid
    palette.dark: systemPalette.dark
    palette.shadow: systemPalette.shadow
    readonly property color sentColor: dark ? "#82b1ff" : "#1a4fa3"
    readonly property color receivedColor: dark ? "#8fd694" : "#1b6e2c"
    readonly property color errorColor: dark ? "#ff8a80" : "#b71c1c"
    readonly property color mutedColor: dark ? "#a0a0a0" : "#606060"

    ConsoleSession { id: session }

    header: ToolBar {
        ConnectionBar {
            anchors.fill: parent
            anchors.leftMargin: 6
            anchors.rightMargin: 6
            session: session
            errorColor: window.errorColor
        }
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Vertical

        PacketLogView {
            SplitView.fillHeight: true
            SplitView.minimumHeight: 120
            session: session
            sentColor: window.sentColor
            receivedColor: window.receivedColor
            errorColor: window.errorColor
            mutedColor: window.mutedColor
        }
        ComposerPane {
            SplitView.preferredHeight: 190
            SplitView.minimumHeight: 120
            session: session
            errorColor: window.errorColor
            mutedColor: window.mutedColor
        }
    }

    footer: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            Label {
                objectName: "stateLabel"
                text: session.stateText
                color: session.state === ConsoleSession.Error ? window.errorColor : palette.windowText
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Label {
                visible: session.echoServer !== null
                text: session.echoServer ? qsTr("echo server on %1").arg(session.echoServer.address) : ""
                color: window.mutedColor
            }
            Label {
                objectName: "countersLabel"
                text: qsTr("sent %1 (%2 B) · received %3 (%4 B) · parse errors %5")
                      .arg(session.packetsSent).arg(session.bytesSent)
                      .arg(session.packetsReceived).arg(session.bytesReceived)
                      .arg(session.parseErrors)
            }
        }
    }
}
