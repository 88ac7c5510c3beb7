// MainWindow: the Widgets console: the connection panel on the left, the packet
// log with its filter on the right, and below it the composer and the selected
// packet in detail; the counters in the status bar. Menus carry the keyboard shortcuts
// (Ctrl+O connect, Ctrl+Shift+O disconnect, Ctrl+Enter send, Ctrl+R re-send,
// Ctrl+L clear, Ctrl+F filter); Connection > Rule server… opens the rule
// editor (RuleEditorDialog). The window's geometry, the last connection,
// the recent connections and the send history (at each send) are kept in
// QSettings.
#pragma once

#include <QtWidgets/QMainWindow>

QT_BEGIN_NAMESPACE
class QSettings;
class QSplitter;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ComposerPanel;
class ConnectionPanel;
class ConsoleSession;
class PacketDetailView;
class PacketLogPanel;
class RuleEditorDialog;
class SendHistory;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // settings: where geometry, history and connections are kept (not owned).
    MainWindow(ConsoleSession *session, QSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    ConnectionPanel *connectionPanel() const { return m_connection; }
    PacketLogPanel *logPanel() const { return m_log; }
    PacketDetailView *detailView() const { return m_detail; }
    ComposerPanel *composerPanel() const { return m_composer; }
    SendHistory *history() const { return m_history; }
    // The rule server's editor (made when first asked for; Connection > Rule server…).
    RuleEditorDialog *ruleEditor();

    // Writes geometry, splitters, history, recent and last connection.
    void saveState() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void restoreState();
    void saveHistory() const;

    ConsoleSession *m_session;
    QSettings *m_settings;
    SendHistory *m_history;
    ConnectionPanel *m_connection;
    PacketLogPanel *m_log;
    PacketDetailView *m_detail;
    ComposerPanel *m_composer;
    QSplitter *m_main;
    QSplitter *m_right;
    QSplitter *m_bottom;
    RuleEditorDialog *m_ruleEditor = nullptr;
};

} // namespace EasyNetConsole
