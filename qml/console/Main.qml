// The QML console's window: the connection bar, the packet log and the
// composer, all bound to one ConsoleSession of the module EasyNet.Console.
// The command line (commandLine, the program's arguments by default) is
// applied to the session once the window is complete; commandLineError says
// why it could not be. The minimum size is what the rows need unclipped.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

ApplicationWindow {
    id: window
    objectName: "consoleWindow"
    width: 1000
    height: 660
    minimumWidth: Math.ceil(Math.max(
        connectionBar.implicitWidth + 12 + header.leftPadding + header.rightPadding,
        logView.implicitWidth, composerPane.implicitWidth,
        footerRow.implicitWidth + 16 + footer.leftPadding + footer.rightPadding))
    // The composer keeps its preferred height (dragging the handle changes
    // it) while the log, which fills the rest, is at its minimum.
    minimumHeight: Math.ceil(header.implicitHeight + footer.implicitHeight
                             + logView.SplitView.minimumHeight
                             + Math.max(composerPane.SplitView.minimumHeight,
                                        composerPane.SplitView.preferredHeight) + 6)
    visible: true
    title: qsTr("EasyNet QML console")

    property alias session: session
    property var commandLine: Qt.application.arguments
    property string commandLineError
    Component.onCompleted: commandLineError = CommandLine.apply(session, commandLine)

    // Counters as a person reads them: "1,234" and "9.4 MB" in the locale's way.
    function formatCount(count) {
        return Number(count).toLocaleString(Qt.locale(), "f", 0)
    }
    function formatBytes(bytes) {
        return Qt.locale().formattedDataSize(bytes, 1, Locale.DataSizeSIFormat)
    }
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

    RuleEditor {
        id: ruleEditor
        session: session
        errorColor: window.errorColor
    }

    header: ToolBar {
        ConnectionBar {
            id: connectionBar
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
            id: logView
            SplitView.fillHeight: true
            SplitView.minimumHeight: 120
            session: session
            sentColor: window.sentColor
            receivedColor: window.receivedColor
            errorColor: window.errorColor
            mutedColor: window.mutedColor
        }
        ComposerPane {
            id: composerPane
            SplitView.preferredHeight: 160
            SplitView.minimumHeight: minimumContentHeight
            session: session
            errorColor: window.errorColor
            mutedColor: window.mutedColor
        }
    }

    footer: ToolBar {
        RowLayout {
            id: footerRow
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            Label {
                objectName: "stateLabel"
                text: session.stateText
                color: session.state === ConsoleSession.Error ? window.errorColor : palette.windowText
                elide: Text.ElideRight
                Layout.preferredWidth: Math.min(implicitWidth, 260)
            }
            Label {
                visible: session.echoServer !== null
                text: !session.echoServer ? ""
                      : session.servesRules ? qsTr("rule server on %1").arg(session.echoServer.address)
                      : qsTr("echo server on %1").arg(session.echoServer.address)
                color: window.mutedColor
                elide: Text.ElideRight
                Layout.fillWidth: true
                Layout.preferredWidth: 0
            }
            Button {
                objectName: "rulesButton"
                text: qsTr("Rules…")
                flat: true
                onClicked: ruleEditor.open()
                ToolTip.text: qsTr("Edit the rule server's rules and start it")
                ToolTip.visible: hovered
                ToolTip.delay: 500
            }
            Label {
                objectName: "countersLabel"
                text: qsTr("sent %1 (%2) · received %3 (%4) · parse errors %5")
                      .arg(window.formatCount(session.packetsSent))
                      .arg(window.formatBytes(session.bytesSent))
                      .arg(window.formatCount(session.packetsReceived))
                      .arg(window.formatBytes(session.bytesReceived))
                      .arg(window.formatCount(session.parseErrors))
            }
        }
    }
}
