// The QML console's window: a tab per connection (SessionPage: its own
// ConsoleSession of the module EasyNet.Console, settings, log and counters),
// new ones from "+" or Ctrl+T; Ctrl+W or a tab's × closes it and ends its
// connection, but the last tab cannot be closed (it has no ×). session is the
// current tab's. The command line (commandLine, the program's arguments by
// default) is applied to the first tab's session once the window is complete;
// commandLineError says why it could not be. The minimum size is what the
// current tab's rows need unclipped.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

ApplicationWindow {
    id: window
    objectName: "consoleWindow"
    width: 1000
    height: 660
    minimumWidth: currentPage ? currentPage.minimumWidth : 0
    minimumHeight: Math.ceil(header.implicitHeight + (currentPage ? currentPage.minimumHeight : 0))
    visible: true
    title: qsTr("EasyNet QML console")

    readonly property SessionPage currentPage:
        tabBar.currentIndex >= 0 && tabBar.currentIndex < pages.count
        ? pages.itemAt(tabBar.currentIndex) : null
    readonly property ConsoleSession session: currentPage ? currentPage.session : null
    property var commandLine: Qt.application.arguments
    property string commandLineError
    Component.onCompleted: commandLineError = CommandLine.apply(pages.itemAt(0).session, commandLine)

    // A fresh tab (default settings), shown.
    function newTab() {
        tabs.append({ serial: tabs.nextSerial++ })
        tabBar.setCurrentIndex(tabs.count - 1)
    }
    // Closes a tab and ends its connection; false for the last one.
    function closeTab(index) {
        if (tabs.count < 2 || index < 0 || index >= tabs.count)
            return false
        tabs.remove(index)
        return true
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

    // One row a tab; serial only tells them apart.
    ListModel {
        id: tabs
        property int nextSerial: 1
        ListElement { serial: 0 }
    }

    Shortcut {
        sequence: "Ctrl+T"
        onActivated: window.newTab()
    }
    Shortcut {
        sequence: "Ctrl+W"
        onActivated: window.closeTab(tabBar.currentIndex)
    }

    header: RowLayout {
        spacing: 0
        TabBar {
            id: tabBar
            objectName: "sessionTabs"
            Layout.fillWidth: true
            Repeater {
                model: tabs
                TabButton {
                    id: tab
                    required property int index
                    readonly property SessionPage page: index < pages.count ? pages.itemAt(index) : null
                    readonly property int sessionState: page ? page.session.state : ConsoleSession.Disconnected
                    readonly property string stateText: page ? page.session.stateText : ""
                    objectName: "sessionTab"
                    text: page ? page.title : ""
                    ToolTip.text: stateText
                    ToolTip.visible: hovered
                    contentItem: RowLayout {
                        spacing: 6
                        // The state: green connected, amber on the way, red error, grey not connected.
                        Rectangle {
                            objectName: "tabStateDot"
                            implicitWidth: 10
                            implicitHeight: 10
                            radius: 5
                            color: tab.sessionState === ConsoleSession.Connected ? "#2e7d32"
                                 : tab.sessionState === ConsoleSession.Error ? window.errorColor
                                 : tab.sessionState === ConsoleSession.Disconnected ? "#9e9e9e"
                                 : "#f9a825"
                        }
                        Label {
                            text: tab.text
                            font: tab.font
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        ToolButton {
                            objectName: "closeTabButton"
                            visible: tabs.count > 1
                            text: "×"
                            padding: 2
                            onClicked: window.closeTab(tab.index)
                            ToolTip.text: qsTr("Close the tab (Ctrl+W)")
                            ToolTip.visible: hovered
                        }
                    }
                }
            }
        }
        ToolButton {
            id: newTabButton
            objectName: "newTabButton"
            text: "+"
            onClicked: window.newTab()
            ToolTip.text: qsTr("New tab (Ctrl+T)")
            ToolTip.visible: hovered
        }
    }

    StackLayout {
        anchors.fill: parent
        currentIndex: tabBar.currentIndex
        Repeater {
            id: pages
            model: tabs
            SessionPage {
                sentColor: window.sentColor
                receivedColor: window.receivedColor
                errorColor: window.errorColor
                mutedColor: window.mutedColor
            }
        }
    }
}
