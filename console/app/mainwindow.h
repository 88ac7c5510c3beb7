// MainWindow: the Widgets console: a tab per connection (SessionPage: its own
// session, settings, log, counters, echo server and selection), the current
// page's counters in the status bar. Menus carry the keyboard shortcuts and act
// on the current tab (Ctrl+T new tab, Ctrl+W close tab, Ctrl+O connect,
// Ctrl+Shift+O disconnect, Ctrl+Enter send, Ctrl+R re-send, Ctrl+L clear,
// Ctrl+F filter; Connection > Rule server… opens the tab's rule editor); the
// "+" beside the tabs opens one too. Closing a tab ends
// its connection; the last tab cannot be closed (it has no close button), so
// the window always has a connection to show. The window's geometry, the
// current tab's layout and connection (the next start's first tab), the recent
// connections and the send history (at each send) are kept in QSettings, once
// for the application: every tab offers the same recent connections and
// history.
#pragma once

#include <QtWidgets/QMainWindow>

QT_BEGIN_NAMESPACE
class QAction;
class QSettings;
class QStackedWidget;
class QTabWidget;
QT_END_NAMESPACE

namespace EasyNetConsole {

class SendHistory;
class SessionPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // settings: where geometry, history and connections are kept (not owned).
    // The window opens with one tab (see currentPage()).
    explicit MainWindow(QSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    QTabWidget *tabs() const { return m_tabs; }
    SessionPage *currentPage() const;
    SessionPage *page(int index) const;
    SendHistory *history() const { return m_history; }

    // Opens a fresh tab (default settings, laid out as the current one) and shows it.
    SessionPage *newTab();
    // Closes a tab and ends its connection; false for the last one.
    bool closeTab(int index);

    // Writes geometry, splitters, history, recent and last connection.
    void saveState() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void restoreState();
    void saveHistory() const;
    void setRecentUrls(const QStringList &urls);
    void updateTab(SessionPage *page);
    void updateTabControls();

    QSettings *m_settings;
    SendHistory *m_history;
    QStringList m_recentUrls;
    QTabWidget *m_tabs;
    // The pages' counters labels, the current one in view.
    QStackedWidget *m_counters;
    QAction *m_closeTab = nullptr;
};

} // namespace EasyNetConsole
