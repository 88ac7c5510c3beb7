// The QML console's rule editor, for the rule server (session.rules, a
// RuleModel): the rules in the order they are tried (Add, Remove, Up, Down),
// each with its problem in red; the selected rule's fields (name, match kind,
// pattern, replies with their modes, delay, close); what to do with packets
// no rule matches; the rule file by path (Load, Save: a file that does not
// load changes nothing and says why); and Start rule server, which serves the
// rules on the connection's transport and connects to it. A dialog that does
// not block the window, sized to fit the 1024x640 one.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import EasyNet.Console

Dialog {
    id: editor
    objectName: "ruleEditor"
    title: qsTr("Rule server")
    modal: false
    standardButtons: Dialog.Close
    width: Math.min(parent ? parent.width - 24 : 900, 900)
    height: Math.min(parent ? parent.height - 24 : 600, 600)
    x: parent ? (parent.width - width) / 2 : 0
    y: parent ? (parent.height - height) / 2 : 0

    required property ConsoleSession session
    property color errorColor: "#b71c1c"
    readonly property RuleModel rules: session.rules
    property int currentRow: rules.count > 0 ? 0 : -1
    // The selected rule's roles (name, pattern, replies, ...), read again
    // whenever the selection or the rules change.
    property var current: ({})
    function refresh() { current = rules.rule(currentRow) }
    onCurrentRowChanged: refresh()
    Component.onCompleted: refresh()
    Connections {
        target: editor.rules
        function onChanged() { editor.refresh() }
        function onModelReset() {
            editor.currentRow = editor.rules.count > 0 ? 0 : -1
            editor.refresh()
        }
    }

    function setField(role, value) {
        if (currentRow >= 0)
            rules.setData(rules.index(currentRow, 0), value, role)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 8

            ColumnLayout {
                Layout.preferredWidth: 260
                Layout.fillHeight: true
                ListView {
                    id: ruleList
                    objectName: "ruleList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: editor.rules
                    currentIndex: editor.currentRow
                    delegate: ItemDelegate {
                        objectName: "ruleRow"
                        width: ListView.view.width
                        highlighted: index === editor.currentRow
                        onClicked: editor.currentRow = index
                        contentItem: ColumnLayout {
                            spacing: 0
                            Label {
                                text: (index + 1) + ". " + model.name
                                font.bold: true
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {
                                text: model.errorString !== "" ? model.errorString : model.pattern
                                color: model.errorString !== "" ? editor.errorColor : palette.windowText
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                    }
                }
                RowLayout {
                    Button {
                        objectName: "addRuleButton"
                        text: qsTr("Add")
                        onClicked: editor.currentRow = editor.rules.addRule()
                    }
                    Button {
                        objectName: "removeRuleButton"
                        text: qsTr("Remove")
                        enabled: editor.currentRow >= 0
                        onClicked: {
                            const row = editor.currentRow
                            editor.rules.removeRule(row)
                            editor.currentRow = Math.min(row, editor.rules.count - 1)
                        }
                    }
                    Button {
                        objectName: "ruleUpButton"
                        text: qsTr("Up")
                        onClicked: if (editor.rules.moveRule(editor.currentRow, editor.currentRow - 1))
                                       editor.currentRow -= 1
                    }
                    Button {
                        objectName: "ruleDownButton"
                        text: qsTr("Down")
                        onClicked: if (editor.rules.moveRule(editor.currentRow, editor.currentRow + 1))
                                       editor.currentRow += 1
                    }
                }
            }

            ScrollView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                // Not its implicit width (the content's, which follows its
                // own width): the layout would never settle.
                Layout.preferredWidth: 400
                contentWidth: availableWidth
                enabled: editor.currentRow >= 0

                GridLayout {
                    width: parent.width
                    columns: 2
                    columnSpacing: 8
                    rowSpacing: 4

                    Label { text: qsTr("Name") }
                    TextField {
                        objectName: "ruleNameField"
                        Layout.fillWidth: true
                        text: editor.current.name ?? ""
                        onTextEdited: editor.setField(RuleModel.NameRole, text)
                    }
                    Label { text: qsTr("Match") }
                    ComboBox {
                        objectName: "ruleMatchBox"
                        Layout.fillWidth: true
                        model: [qsTr("Regular expression over the packet's text"),
                                qsTr("JSON path equality (PATH == VALUE)")]
                        currentIndex: editor.current.matchKind ?? 0
                        onActivated: (index) => editor.setField(RuleModel.MatchKindRole, index)
                    }
                    Label { text: qsTr("Pattern") }
                    TextField {
                        objectName: "rulePatternField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("%1   or   %2").arg("^PING (\\d+)$").arg("$.cmd == \"ping\"")
                        text: editor.current.pattern ?? ""
                        onTextEdited: editor.setField(RuleModel.PatternRole, text)
                    }
                    Label {
                        text: qsTr("Replies")
                        Layout.alignment: Qt.AlignTop
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        // By count, so that typing in a reply keeps its field.
                        Repeater {
                            model: editor.current.replies ? editor.current.replies.length : 0
                            RowLayout {
                                required property int index
                                readonly property var reply: editor.current.replies[index] ?? {}
                                Layout.fillWidth: true
                                ComboBox {
                                    id: modeBox
                                    objectName: "replyModeBox"
                                    // In Composer.Mode's order.
                                    model: [qsTr("JSON"), qsTr("Text"), qsTr("Hex")]
                                    currentIndex: parent.reply.mode ?? 0
                                    onActivated: (mode) => editor.rules.setReply(
                                                     editor.currentRow, parent.index, mode,
                                                     replyField.text)
                                }
                                TextField {
                                    id: replyField
                                    objectName: "replyField"
                                    Layout.fillWidth: true
                                    text: parent.reply.text ?? ""
                                    placeholderText: qsTr("{\"pong\": {{counter}}}")
                                    onTextEdited: editor.rules.setReply(editor.currentRow, parent.index,
                                                                        modeBox.currentIndex, text)
                                }
                                Button {
                                    objectName: "removeReplyButton"
                                    text: qsTr("Remove")
                                    onClicked: editor.rules.removeReply(editor.currentRow, parent.index)
                                }
                            }
                        }
                        Button {
                            objectName: "addReplyButton"
                            text: qsTr("Add reply")
                            onClicked: editor.rules.addReply(editor.currentRow)
                        }
                    }
                    Label { text: qsTr("Delay") }
                    RowLayout {
                        SpinBox {
                            objectName: "ruleDelayBox"
                            from: 0
                            to: 3600000
                            stepSize: 100
                            editable: true
                            value: editor.current.delayMs ?? 0
                            onValueModified: editor.setField(RuleModel.DelayRole, value)
                        }
                        Label { text: qsTr("ms") }
                        CheckBox {
                            objectName: "ruleCloseBox"
                            text: qsTr("Close the connection after replying")
                            checked: editor.current.closeAfter ?? false
                            onToggled: editor.setField(RuleModel.CloseRole, checked)
                        }
                    }
                    Label {
                        objectName: "ruleProblemLabel"
                        Layout.columnSpan: 2
                        Layout.fillWidth: true
                        Layout.preferredWidth: 0
                        visible: text !== ""
                        text: editor.current.errorString ?? ""
                        color: editor.errorColor
                        elide: Text.ElideRight
                    }
                }
            }
        }

        CheckBox {
            objectName: "echoUnmatchedBox"
            text: qsTr("Echo packets no rule matches (else leave them unanswered)")
            checked: editor.rules.echoUnmatched
            onToggled: editor.rules.echoUnmatched = checked
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: pathField
                objectName: "ruleFileField"
                Layout.fillWidth: true
                placeholderText: qsTr("Rule file (a path)")
                text: editor.rules.fileName
                selectByMouse: true
            }
            Button {
                objectName: "loadRulesButton"
                text: qsTr("Load")
                enabled: pathField.text !== ""
                onClicked: editor.rules.load(pathField.text)
            }
            Button {
                objectName: "saveRulesButton"
                text: qsTr("Save")
                enabled: pathField.text !== ""
                onClicked: editor.rules.save(pathField.text)
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Label {
                objectName: "ruleStatusLabel"
                Layout.fillWidth: true
                Layout.preferredWidth: 0
                elide: Text.ElideRight
                readonly property string problem: editor.rules.lastError !== ""
                                                  ? editor.rules.lastError : editor.rules.errorString
                text: problem !== "" ? problem
                      : editor.session.echoServer
                        ? qsTr("The built-in server listens on %1.").arg(editor.session.echoServer.address)
                        : ""
                color: problem !== "" ? editor.errorColor : palette.windowText
            }
            Button {
                objectName: "startRuleServerButton"
                text: qsTr("Start rule server")
                enabled: editor.rules.valid
                onClicked: {
                    if (editor.session.startRuleServer(editor.session.settings.transport))
                        editor.session.connectToPeer()
                }
            }
        }
    }
}
