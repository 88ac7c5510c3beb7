// The packet library beside the log: a search, the saved packets (one the
// connection's protocol cannot send is a red row, its reason in the tooltip
// and under the list, and is never sent), the selected packet's name and note,
// Save (the composer's packet under that name; a name that exists is
// replaced), Load (into the composer), Send (or a double click), Delete, and
// import or export of a library file given by its path. The repeat controls
// (RepeatBar) are at the bottom.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

Pane {
    id: pane

    required property ConsoleSession session
    property color errorColor: "red"
    property color mutedColor: "gray"
    property alias library: library
    property alias repeatBar: repeatBar
    // The library's row of the selected packet, -1 when none.
    readonly property int selectedRow: list.currentIndex >= 0 ? found.sourceRow(list.currentIndex) : -1
    property string status: library.errorString
    property bool statusIsError: library.errorString !== ""
    padding: 6

    PacketLibrary {
        id: library
        settings: pane.session.settings
    }
    PacketLibraryFilterModel {
        id: found
        library: library
        text: searchField.text
    }

    // Shows how an operation went under the list; returns ok.
    function report(ok, done) {
        pane.status = ok ? done : library.errorString
        pane.statusIsError = !ok
        return ok
    }
    function select(libraryRow) {
        for (let row = 0; row < found.count; ++row) {
            if (found.sourceRow(row) === libraryRow)
                list.currentIndex = row
        }
    }
    function save() {
        const name = nameField.text.trim()
        if (report(library.saveComposer(name, noteField.text, pane.session.composer),
                   qsTr("saved \"%1\"").arg(name)))
            select(library.indexOf(name))
    }
    function send(row) {
        return report(library.send(row, pane.session), qsTr("sent"))
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        Label {
            text: qsTr("Packet library")
            font.bold: true
        }
        TextField {
            id: searchField
            objectName: "librarySearch"
            placeholderText: qsTr("Search names, notes, packets")
            selectByMouse: true
            Layout.fillWidth: true
        }
        ListView {
            id: list
            objectName: "libraryList"
            model: found
            currentIndex: -1
            clip: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 48
            ScrollBar.vertical: ScrollBar {}
            delegate: ItemDelegate {
                id: row
                objectName: model.valid ? "libraryPacket" : "libraryErrorPacket"
                width: ListView.view.width
                text: model.name
                highlighted: ListView.isCurrentItem
                contentItem: Label {
                    text: row.text
                    color: model.valid ? (row.highlighted ? row.palette.highlightedText : row.palette.text)
                                       : pane.errorColor
                    elide: Text.ElideRight
                }
                background: Rectangle {
                    color: !model.valid ? Qt.rgba(pane.errorColor.r, pane.errorColor.g, pane.errorColor.b, 0.18)
                                        : row.highlighted ? row.palette.highlight : "transparent"
                }
                readonly property string tip: model.valid ? model.note
                                                          : qsTr("Cannot be sent with this connection's protocol: %1").arg(model.errorString)
                ToolTip.text: tip
                ToolTip.visible: hovered && tip !== ""
                onClicked: {
                    list.currentIndex = index
                    nameField.text = model.name
                    noteField.text = model.note
                    pane.status = model.valid ? "" : tip
                    pane.statusIsError = !model.valid
                }
                onDoubleClicked: {
                    list.currentIndex = index
                    pane.send(found.sourceRow(index))
                }
            }
        }
        TextField {
            id: nameField
            objectName: "libraryName"
            placeholderText: qsTr("name")
            selectByMouse: true
            Layout.fillWidth: true
        }
        TextField {
            id: noteField
            objectName: "libraryNote"
            placeholderText: qsTr("note")
            selectByMouse: true
            Layout.fillWidth: true
        }
        GridLayout {
            columns: 4
            columnSpacing: 4
            Layout.fillWidth: true
            Button {
                objectName: "librarySave"
                text: qsTr("Save")
                enabled: nameField.text.trim() !== ""
                onClicked: pane.save()
                ToolTip.text: qsTr("Save the composer's packet under this name")
                ToolTip.visible: hovered
            }
            Button {
                objectName: "libraryLoad"
                text: qsTr("Load")
                enabled: pane.selectedRow >= 0
                onClicked: pane.report(library.loadIntoComposer(pane.selectedRow, pane.session.composer),
                                       qsTr("loaded into the composer"))
            }
            Button {
                objectName: "librarySend"
                text: qsTr("Send")
                enabled: pane.selectedRow >= 0 && list.currentItem !== null
                         && list.currentItem.objectName === "libraryPacket"
                onClicked: pane.send(pane.selectedRow)
            }
            Button {
                objectName: "libraryDelete"
                text: qsTr("Delete")
                enabled: pane.selectedRow >= 0
                onClicked: {
                    pane.report(library.remove(pane.selectedRow), qsTr("deleted"))
                    list.currentIndex = -1
                }
            }
        }
        RowLayout {
            spacing: 4
            Layout.fillWidth: true
            TextField {
                id: pathField
                objectName: "libraryPath"
                placeholderText: qsTr("library file (path)")
                selectByMouse: true
                Layout.fillWidth: true
            }
            Button {
                objectName: "libraryImport"
                text: qsTr("Import")
                enabled: pathField.text !== ""
                onClicked: pane.report(library.importFile(pathField.text),
                                       qsTr("imported %1").arg(pathField.text))
            }
            Button {
                objectName: "libraryExport"
                text: qsTr("Export")
                enabled: pathField.text !== ""
                onClicked: pane.report(library.exportFile(pathField.text),
                                       qsTr("exported to %1").arg(pathField.text))
            }
        }
        Label {
            objectName: "libraryStatus"
            visible: text !== ""
            text: pane.status
            color: pane.statusIsError ? pane.errorColor : pane.mutedColor
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Layout.preferredWidth: 0
        }
        RepeatBar {
            id: repeatBar
            session: pane.session
            library: library
            libraryRow: pane.selectedRow
            errorColor: pane.errorColor
            mutedColor: pane.mutedColor
            Layout.fillWidth: true
        }
    }
}
