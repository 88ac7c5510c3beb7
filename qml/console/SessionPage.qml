// One connection of the QML console, a tab of Main.qml: the connection bar,
// the packet log and the composer, the packet library with the repeat
// controls on the right (LibraryPane), the state and the counters, all bound to
// the page's own ConsoleSession of the module EasyNet.Console, and the
// session's rule editor (RuleEditor, from Rules… in the footer). The title is
// the tab's text (the peer once the session has one, else "New connection");
// minimumWidth and minimumHeight are what the rows need unclipped. Destroying
// the page ends its connection and stops its echo server.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

Page {
    id: page
    objectName: "sessionPage"
    title: session.peer !== "" ? session.peer : qsTr("New connection")
    readonly property real minimumWidth: Math.ceil(Math.max(
        connectionBar.implicitWidth + 12 + header.leftPadding + header.rightPadding,
        logView.implicitWidth + libraryPane.width, composerPane.implicitWidth + libraryPane.width,
        footerRow.implicitWidth + 16 + footer.leftPadding + footer.rightPadding))
    // The composer keeps its preferred height (dragging the handle changes
    // it) while the log, which fills the rest, is at its minimum; the library
    // beside them needs its own.
    readonly property real minimumHeight: Math.ceil(header.implicitHeight + footer.implicitHeight
                             + Math.max(logView.SplitView.minimumHeight
                                        + Math.max(composerPane.SplitView.minimumHeight,
                                                   composerPane.SplitView.preferredHeight) + 6,
                                        libraryPane.implicitHeight))

    readonly property alias session: session
    // The window's colours for the log and the errors.
    required property color sentColor
    required property color receivedColor
    required property color errorColor
    required property color mutedColor

    // Counters as a person reads them: "1,234" and "9.4 MB" in the locale's way.
    function formatCount(count) {
        return Number(count).toLocaleString(Qt.locale(), "f", 0)
    }
    function formatBytes(bytes) {
        return Qt.locale().formattedDataSize(bytes, 1, Locale.DataSizeSIFormat)
    }

    ConsoleSession { id: session }

    RuleEditor {
        id: ruleEditor
        session: session
        errorColor: page.errorColor
    }

    header: ToolBar {
        ConnectionBar {
            id: connectionBar
            anchors.fill: parent
            anchors.leftMargin: 6
            anchors.rightMargin: 6
            session: session
            errorColor: page.errorColor
        }
    }

    SplitView {
        anchors.fill: parent
        anchors.rightMargin: libraryPane.width
        orientation: Qt.Vertical

        PacketLogView {
            id: logView
            SplitView.fillHeight: true
            SplitView.minimumHeight: 120
            session: session
            sentColor: page.sentColor
            receivedColor: page.receivedColor
            errorColor: page.errorColor
            mutedColor: page.mutedColor
        }
        ComposerPane {
            id: composerPane
            SplitView.preferredHeight: 160
            SplitView.minimumHeight: minimumContentHeight
            session: session
            errorColor: page.errorColor
            mutedColor: page.mutedColor
        }
    }

    LibraryPane {
        id: libraryPane
        anchors { top: parent.top; bottom: parent.bottom; right: parent.right }
        width: Math.max(implicitWidth, 290)
        session: session
        errorColor: page.errorColor
        mutedColor: page.mutedColor
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
                color: session.state === ConsoleSession.Error ? page.errorColor : palette.windowText
                elide: Text.ElideRight
                Layout.preferredWidth: Math.min(implicitWidth, 260)
            }
            Label {
                visible: session.echoServer !== null
                text: !session.echoServer ? ""
                      : session.servesRules ? qsTr("rule server on %1").arg(session.echoServer.address)
                      : qsTr("echo server on %1").arg(session.echoServer.address)
                color: page.mutedColor
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
                      .arg(page.formatCount(session.packetsSent))
                      .arg(page.formatBytes(session.bytesSent))
                      .arg(page.formatCount(session.packetsReceived))
                      .arg(page.formatBytes(session.bytesReceived))
                      .arg(page.formatCount(session.parseErrors))
            }
        }
    }
}
