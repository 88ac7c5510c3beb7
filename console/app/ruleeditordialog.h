// RuleEditorDialog: the Widgets console's rule editor, for the rule server
// (ConsoleSession::rules(), a RuleModel): a table of the rules in the order
// they are tried (Add, Remove, Up, Down), the selected rule's fields below it
// (name, match kind, pattern, replies with their modes, delay, close) with
// its problem in red, what to do with packets no rule matches, the rule file
// (Load…, Save…; a file that does not load changes nothing and says why), and
// Start rule server, which serves the rules on the connection's transport
// and emits serverStarted() (its tab then connects to it).
//
// Non-modal: the log stays in view while rules are edited; a rule server
// already running keeps the rules it started with until started again.
#pragma once

#include <QtWidgets/QDialog>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConsoleSession;
class RuleModel;

class RuleEditorDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RuleEditorDialog(ConsoleSession *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *matchBox() const { return m_match; }
    QLineEdit *patternEdit() const { return m_pattern; }
    QListWidget *replyList() const { return m_replies; }
    QComboBox *replyModeBox() const { return m_replyMode; }
    QPlainTextEdit *replyEdit() const { return m_replyText; }
    QSpinBox *delayBox() const { return m_delay; }
    QCheckBox *closeBox() const { return m_close; }
    QLabel *problemLabel() const { return m_problem; }
    QLabel *fileLabel() const { return m_file; }
    QPushButton *startButton() const { return m_start; }

    // The selected rule's row, -1 when none is.
    int currentRow() const;
    void selectRow(int row);
    // Load… and Save… after their file dialogs; false (the reason shown) when
    // the file could not be read or written.
    bool loadFile(const QString &path);
    bool saveFile(const QString &path);

Q_SIGNALS:
    // Start rule server started one; the settings point at it.
    void serverStarted();

private:
    QWidget *buildRuleForm();
    QWidget *buildReplies();
    void showRule();
    void showReply();
    void updateReplyButtons();
    void updateStatus();
    // Writes value into the selected rule's role (a field was edited).
    void setField(int role, const QVariant &value);
    void storeReply();
    void moveSelected(int by);

    ConsoleSession *m_session;
    RuleModel *m_model;
    QTableView *m_table;
    QLineEdit *m_name;
    QComboBox *m_match;
    QLineEdit *m_pattern;
    QListWidget *m_replies;
    QComboBox *m_replyMode;
    QPlainTextEdit *m_replyText;
    QPushButton *m_removeReply;
    QSpinBox *m_delay;
    QCheckBox *m_close;
    QLabel *m_problem;
    QCheckBox *m_echoUnmatched;
    QLabel *m_file;
    QLabel *m_status;
    QPushButton *m_start;
    QWidget *m_form;
    // Set while the fields show the model: their change signals are not edits.
    bool m_showing = false;
};

} // namespace EasyNetConsole
