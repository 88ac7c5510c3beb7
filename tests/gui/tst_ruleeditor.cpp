// The Widgets console's rule editor (RuleEditorDialog, a tab's SessionPage's)
// driven through its real widgets, offscreen: a rule is added, its pattern
// typed wrong (the problem shows beside it and the server cannot start) and
// right, a reply added and typed; Start rule server serves the rules and the
// window connects to it, the replies come back and the log names the rule;
// rules move up; a rule file is saved, a bad one refused with its reason and
// nothing changed, and the good one loaded; the dialog fits 1024x640. With
// EASYNET_SCREENSHOT_DIR=<dir> the editor is saved there as rule-editor.png.
#include "consolesession.h"
#include "mainwindow.h"
#include "packetformat.h"
#include "ruleeditordialog.h"
#include "rulemodel.h"
#include "sessionpage.h"

#include <QtCore/QFile>
#include <QtCore/QSettings>
#include <QtCore/QTemporaryDir>
#include <QtGui/QPixmap>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTableView>

using namespace EasyNetConsole;

namespace {

void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void retype(QPlainTextEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void click(QWidget *widget)
{
    QTest::mouseClick(widget, Qt::LeftButton);
}

QPushButton *buttonOf(const RuleEditorDialog *editor, const char *name)
{
    auto *button = editor->findChild<QPushButton *>(QLatin1String(name));
    if (!button)
        qFatal("no button %s", name);
    return button;
}

} // namespace

class tst_RuleEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editServeAndLoad();
};

void tst_RuleEditor::editServeAndLoad()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
    MainWindow window(&settings);
    window.show();
    // The current tab's session and editor.
    ConsoleSession &session = *window.currentPage()->session();
    RuleEditorDialog *editor = window.currentPage()->ruleEditor();
    editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(editor));
    // It fits the smallest screen the console is made for.
    QVERIFY(editor->minimumSizeHint().width() <= 1024);
    QVERIFY(editor->minimumSizeHint().height() <= 640);
    QVERIFY(editor->frameGeometry().width() <= 1024);
    QVERIFY(editor->frameGeometry().height() <= 640);

    // A new rule: the issue's ping, ready to serve.
    click(buttonOf(editor, "addRuleButton"));
    QCOMPARE(editor->table()->model()->rowCount(), 1);
    QCOMPARE(editor->currentRow(), 0);
    QCOMPARE(editor->nameEdit()->text(), QStringLiteral("rule 1"));
    QCOMPARE(editor->matchBox()->currentIndex(), int(ServerRule::MatchKind::JsonPath));
    QCOMPARE(editor->replyList()->count(), 1);
    QCOMPARE(editor->replyEdit()->toPlainText(), QStringLiteral("{\"pong\": {{counter}}}"));

    // A pattern typed wrong: its problem beside it, in the table too, and no server.
    retype(editor->patternEdit(), QStringLiteral("$.cmd = \"ping\""));
    QVERIFY(editor->problemLabel()->isVisible());
    QVERIFY2(editor->problemLabel()->text().contains(QStringLiteral("PATH == VALUE")),
             qPrintable(editor->problemLabel()->text()));
    const QModelIndex problem = editor->table()->model()->index(0, RuleModel::ProblemColumn);
    QCOMPARE(problem.data().toString(), editor->problemLabel()->text());
    QVERIFY(!editor->startButton()->isEnabled());
    retype(editor->patternEdit(), QStringLiteral("$.cmd == \"ping\""));
    QVERIFY(!editor->problemLabel()->isVisible());
    QVERIFY(editor->startButton()->isEnabled());

    // A second reply, typed.
    click(buttonOf(editor, "addReplyButton"));
    QCOMPARE(editor->replyList()->count(), 2);
    QCOMPARE(editor->replyList()->currentRow(), 1);
    retype(editor->replyEdit(), QStringLiteral("{\"again\": {{counter}}}"));
    QCOMPARE(session.rules()->ruleSet().rules.at(0).replies().at(1).text(),
             QStringLiteral("{\"again\": {{counter}}}"));

    // Served, connected to, answered, and the log names the rule.
    QSignalSpy received(&session, &ConsoleSession::packetReceived);
    click(editor->startButton());
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), ConsoleSession::State::Connected, 20000);
    QVERIFY(session.send(QVariantMap {{QStringLiteral("cmd"), QStringLiteral("ping")}}));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, 20000);
    QCOMPARE(PacketFormat::toJsonText(received.at(0).at(0)), QStringLiteral("{\"pong\":1}"));
    QCOMPARE(PacketFormat::toJsonText(received.at(1).at(0)), QStringLiteral("{\"again\":1}"));
    session.log()->flush();
    bool named = false;
    for (int row = 0; row < session.log()->rowCount(); ++row)
        named = named
            || session.log()->entry(row).message.startsWith(
                QStringLiteral("rule \"rule 1\" answered"));
    QVERIFY(named);
    // For the README: EASYNET_SCREENSHOT_DIR=<dir> saves the editor there.
    if (const QString shots = qEnvironmentVariable("EASYNET_SCREENSHOT_DIR"); !shots.isEmpty())
        QVERIFY(editor->grab().save(shots + QStringLiteral("/rule-editor.png")));

    // A second rule moved up.
    click(buttonOf(editor, "addRuleButton"));
    QCOMPARE(editor->currentRow(), 1);
    retype(editor->nameEdit(), QStringLiteral("first"));
    click(buttonOf(editor, "ruleUpButton"));
    QCOMPARE(editor->currentRow(), 0);
    QCOMPARE(session.rules()->ruleSet().rules.at(0).name(), QStringLiteral("first"));
    QCOMPARE(editor->nameEdit()->text(), QStringLiteral("first"));

    // Saved; a bad file refused with its reason, nothing changed; the good one loaded.
    const QString good = dir.filePath(QStringLiteral("rules.json"));
    QVERIFY(editor->saveFile(good));
    QVERIFY(editor->fileLabel()->text().contains(good));
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"rules": [{"name": "x", "match": "regex", "pattern": "[", "dealy": 1}]})");
    bad.close();
    QVERIFY(!editor->loadFile(bad.fileName()));
    auto *status = editor->findChild<QLabel *>(QStringLiteral("ruleStatusLabel"));
    QVERIFY2(status->text().contains(QStringLiteral("rule 1 \"x\": unknown key \"dealy\"")),
             qPrintable(status->text()));
    QCOMPARE(editor->table()->model()->rowCount(), 2);
    click(buttonOf(editor, "removeRuleButton"));
    QCOMPARE(editor->table()->model()->rowCount(), 1);
    QVERIFY(editor->loadFile(good));
    QCOMPARE(editor->table()->model()->rowCount(), 2);
    QCOMPARE(editor->nameEdit()->text(), QStringLiteral("first"));
    QVERIFY(!status->text().contains(QStringLiteral("dealy")));
}

QTEST_MAIN(tst_RuleEditor)
#include "tst_ruleeditor.moc"
