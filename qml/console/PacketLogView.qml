// The packet log: one row per packet sent or received (time, direction, size,
// decoded value), parse error or connection event; the selected row shows its
// bytes in hex and as escaped text. A filter narrows the rows; below them, the
// session's files (export, Wireshark, replay: SessionFilesBar). Error events
// are in the error colour; when no row shows, it says whether the filter hides
// them.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

ColumnLayout {
    id: view

    required property ConsoleSession session
    property color sentColor: "blue"
    property color receivedColor: "green"
    property color errorColor: "red"
    property color mutedColor: "gray"
    spacing: 0

    RowLayout {
        Layout.fillWidth: true
        Layout.margins: 6
        Label { text: qsTr("Packet log"); font.bold: true }
        Item { Layout.fillWidth: true }
        TextField {
            objectName: "logFilter"
            placeholderText: qsTr("filter")
            text: view.session.filteredLog.text
            onTextEdited: view.session.filteredLog.text = text
            Layout.preferredWidth: 120
            Layout.fillWidth: true
            Layout.maximumWidth: 240
            selectByMouse: true
        }
        CheckBox {
            text: qsTr("sent")
            checked: view.session.filteredLog.showSent
            onToggled: view.session.filteredLog.showSent = checked
        }
        CheckBox {
            text: qsTr("received")
            checked: view.session.filteredLog.showReceived
            onToggled: view.session.filteredLog.showReceived = checked
        }
        CheckBox {
            text: qsTr("events")
            checked: view.session.filteredLog.showEvents
            onToggled: view.session.filteredLog.showEvents = checked
        }
        Button {
            text: qsTr("Clear")
            onClicked: view.session.log.clear()
        }
    }

    ListView {
        id: list
        objectName: "packetLog"
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        model: view.session.filteredLog
        currentIndex: -1
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { }

        // Keeps the newest row in view unless the user scrolled away from it.
        property bool follow: true
        onMovementEnded: follow = atYEnd
        Connections {
            target: list.model
            function onRowsInserted() {
                if (list.follow)
                    Qt.callLater(list.positionViewAtEnd)
            }
        }

        delegate: ItemDelegate {
            id: row
            required property int index
            required property var time
            required property int direction
            required property int size
            required property string valueText
            required property string hex
            required property string escapedText
            required property bool parseError
            required property bool rawIsExact
            required property var errorOffset
            required property var descriptors
            required property bool error

            readonly property bool selected: ListView.isCurrentItem
            readonly property color textColor: selected ? palette.highlightedText : palette.text
            readonly property color quietColor: selected ? palette.highlightedText : view.mutedColor
            objectName: direction === PacketLogEntry.Sent ? "sentPacket"
                      : direction === PacketLogEntry.Received ? "receivedPacket" : "logEvent"
            width: ListView.view.width
            highlighted: selected
            onClicked: list.currentIndex = selected ? -1 : index

            contentItem: ColumnLayout {
                spacing: 2
                RowLayout {
                    spacing: 10
                    Label {
                        text: Qt.formatTime(row.time, "HH:mm:ss.zzz")
                        color: row.quietColor
                        font.family: "monospace"
                    }
                    Label {
                        text: row.direction === PacketLogEntry.Sent ? "→"
                            : row.direction === PacketLogEntry.Received ? "←" : "•"
                        color: row.parseError || row.error ? view.errorColor
                             : row.direction === PacketLogEntry.Sent ? view.sentColor
                             : row.direction === PacketLogEntry.Received ? view.receivedColor
                             : view.mutedColor
                        font.bold: true
                        Layout.preferredWidth: 14
                    }
                    Label {
                        text: row.direction === PacketLogEntry.Event && !row.parseError
                              ? "" : qsTr("%1 B").arg(row.size)
                        color: row.quietColor
                        horizontalAlignment: Text.AlignRight
                        Layout.preferredWidth: 80
                    }
                    Label {
                        objectName: "valueLabel"
                        text: row.valueText
                        color: row.parseError || row.error ? view.errorColor
                             : row.direction === PacketLogEntry.Event ? row.quietColor : row.textColor
                        // Events in the window's (the platform's sans) font.
                        font.family: row.direction === PacketLogEntry.Event ? row.font.family
                                                                            : "monospace"
                        elide: Text.ElideRight
                        Layout.fillWidth: true
                    }
                }
                // The selected row's bytes.
                Label {
                    objectName: "selectedHex"
                    visible: row.selected && row.hex !== ""
                    text: row.hex
                    color: row.textColor
                    font.family: "monospace"
                    wrapMode: Text.WrapAnywhere
                    Layout.fillWidth: true
                    Layout.leftMargin: 24
                }
                Label {
                    visible: row.selected && row.escapedText !== ""
                    text: row.escapedText
                    font.family: "monospace"
                    color: row.quietColor
                    wrapMode: Text.WrapAnywhere
                    Layout.fillWidth: true
                    Layout.leftMargin: 24
                }
                Label {
                    visible: row.selected && (!row.rawIsExact || row.parseError
                                              || row.descriptors.length > 0)
                    text: row.parseError ? qsTr("could not be parsed at byte %1").arg(row.errorOffset)
                        : row.descriptors.length > 0 ? qsTr("descriptors: %1").arg(row.descriptors.join(", "))
                        : qsTr("as this protocol writes the packet (the peer's bytes may differ)")
                    color: row.quietColor
                    font.italic: true
                    Layout.leftMargin: 24
                }
            }
        }

        Label {
            objectName: "emptyLog"
            anchors.centerIn: parent
            width: Math.min(implicitWidth, parent.width - 12)
            visible: list.count === 0
            text: view.session.log.count > 0
                  ? qsTr("No packets match the filter.")
                  : qsTr("No packets yet: connect (or start the echo server) and send one.")
            color: view.mutedColor
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
    }

    SessionFilesBar {
        Layout.fillWidth: true
        Layout.margins: 6
        session: view.session
        errorColor: view.errorColor
        mutedColor: view.mutedColor
    }
}
