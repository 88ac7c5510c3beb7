// SessionPage: one connection of the Widgets console, a tab of MainWindow:
// its own ConsoleSession with the connection panel on the left (the packet
// library and the repeat controls in a tab beside it), the packet log with its
// filter on the right, and below it the composer and the selected packet in
// detail. The send history is the application's, shared by every
// page; the counters label (logPanel()->countersLabel()) is for the window to
// place (its status bar). Deleting the page ends its connection and stops its
// echo server.
//
//   auto *page = new SessionPage(history);
//   tabs->addTab(page, page->stateIcon(), page->title());
//   connect(page, &SessionPage::titleChanged, ...);   // peer or state changed
#pragma once

#include <QtCore/QVariantMap>
#include <QtWidgets/QWidget>

QT_BEGIN_NAMESPACE
class QSplitter;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ComposerPanel;
class ConnectionPanel;
class ConsoleSession;
class LibraryPanel;
class PacketDetailView;
class PacketLogPanel;
class RuleEditorDialog;
class SendHistory;

class SessionPage : public QWidget
{
    Q_OBJECT

public:
    // history: the sent packets, shared with the other pages (not owned).
    explicit SessionPage(SendHistory *history, QWidget *parent = nullptr);
    ~SessionPage() override;

    ConsoleSession *session() const { return m_session; }
    ConnectionPanel *connectionPanel() const { return m_connection; }
    PacketLogPanel *logPanel() const { return m_log; }
    PacketDetailView *detailView() const { return m_detail; }
    ComposerPanel *composerPanel() const { return m_composer; }
    LibraryPanel *libraryPanel() const { return m_library; }
    // The editor of the session's rule server (made when first asked for);
    // once it started the server, the page connects to it.
    RuleEditorDialog *ruleEditor();

    // The tab's text: the peer once the session has one (it stays after a
    // disconnect), else "New connection".
    QString title() const;
    // The state as a coloured dot: green connected, amber on the way, red
    // error, grey not connected.
    QIcon stateIcon() const;

    // The splitters' positions (for QSettings), and back.
    QVariantMap saveLayout() const;
    // Without a saved layout, the settings are as narrow as they can be in a
    // page width wide; the log gets the rest.
    void restoreLayout(const QVariantMap &layout, int width);

Q_SIGNALS:
    // title(), stateIcon() or the session's state text changed.
    void titleChanged();

private:
    ConsoleSession *m_session;
    ConnectionPanel *m_connection;
    PacketLogPanel *m_log;
    PacketDetailView *m_detail;
    ComposerPanel *m_composer;
    LibraryPanel *m_library;
    QSplitter *m_main;
    QSplitter *m_right;
    QSplitter *m_bottom;
    RuleEditorDialog *m_ruleEditor = nullptr;
};

} // namespace EasyNetConsole
