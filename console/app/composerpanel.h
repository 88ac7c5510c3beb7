// ComposerPanel: where the user types a packet (JSON, text with escapes, or
// hex), sees it validated inline (a JSON error with its position; such a
// packet cannot be sent) and the exact wire bytes, and sends it with
// Ctrl+Enter. Up/Down on the first/last line walk the history of sent
// packets (SendHistory). On Unix transports files' descriptors and the
// process's credentials can go with the packet.
#pragma once

#include <QtWidgets/QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConsoleSession;
class SendHistory;

class ComposerPanel : public QWidget
{
    Q_OBJECT

public:
    ComposerPanel(ConsoleSession *session, SendHistory *history, QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *sendButton() const { return m_send; }
    QComboBox *modeBox() const { return m_mode; }

    // Sends the composed packet (and remembers it); false when it is not valid
    // or the session is not connected.
    bool send();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateResult();
    void updateAttachments();
    void showHistoryEntry(bool older);

    ConsoleSession *m_session;
    SendHistory *m_history;
    QComboBox *m_mode;
    QPlainTextEdit *m_editor;
    QLabel *m_error;
    QLabel *m_preview;
    QPushButton *m_send;
    QPushButton *m_attach;
    QCheckBox *m_credentials;
    QLabel *m_attachments;
};

} // namespace EasyNetConsole
