#include "mainwindow.h"

#include "composerpanel.h"
#include "connectionpanel.h"
#include "consolesession.h"
#include "packetlogpanel.h"
#include "ruleeditordialog.h"
#include "sendhistory.h"
#include "sessionpage.h"

#include <QtCore/QSettings>
#include <QtGui/QCloseEvent>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTabBar>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QToolButton>

namespace EasyNetConsole {

MainWindow::MainWindow(QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_history(new SendHistory(this))
    , m_tabs(new QTabWidget)
    , m_counters(new QStackedWidget)
{
    setWindowTitle(tr("EasyNet Console"));
    m_tabs->setObjectName(QStringLiteral("sessionTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setMovable(true);
    m_tabs->tabBar()->setElideMode(Qt::ElideRight);
    auto *newTabButton = new QToolButton;
    newTabButton->setObjectName(QStringLiteral("newTabButton"));
    newTabButton->setText(QStringLiteral("+"));
    newTabButton->setToolTip(tr("New tab (Ctrl+T)"));
    newTabButton->setAutoRaise(true);
    connect(newTabButton, &QToolButton::clicked, this, &MainWindow::newTab);
    m_tabs->setCornerWidget(newTabButton, Qt::TopRightCorner);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (SessionPage *page = currentPage())
            m_counters->setCurrentWidget(page->logPanel()->countersLabel());
    });
    setCentralWidget(m_tabs);

    // Each packet sent is in the history at once, should the console not quit cleanly.
    connect(m_history, &SendHistory::changed, this, &MainWindow::saveHistory);
    // The state is shown under the Connect button; the status bar has the counters.
    statusBar()->addWidget(m_counters, 1);
    buildMenus();
    newTab();
    restoreState();
}

// The pages first: their sessions may still signal while they close, and
// their log panels then write to the counters in the status bar.
MainWindow::~MainWindow()
{
    delete m_tabs;
}

SessionPage *MainWindow::currentPage() const
{
    return qobject_cast<SessionPage *>(m_tabs->currentWidget());
}

SessionPage *MainWindow::page(int index) const
{
    return qobject_cast<SessionPage *>(m_tabs->widget(index));
}

SessionPage *MainWindow::newTab()
{
    auto *page = new SessionPage(m_history);
    page->connectionPanel()->setRecentUrls(m_recentUrls);
    if (const SessionPage *current = currentPage())
        page->restoreLayout(current->saveLayout(), width());
    connect(page->connectionPanel(), &ConnectionPanel::recentUrlsChanged, this,
            &MainWindow::setRecentUrls);
    connect(page, &SessionPage::titleChanged, this, [this, page] { updateTab(page); });
    m_counters->addWidget(page->logPanel()->countersLabel());
    m_tabs->setCurrentIndex(m_tabs->addTab(page, QString()));
    updateTab(page);
    updateTabControls();
    return page;
}

bool MainWindow::closeTab(int index)
{
    SessionPage *closing = page(index);
    if (!closing || m_tabs->count() < 2)
        return false;
    // The counters go with their page.
    QLabel *counters = closing->logPanel()->countersLabel();
    m_counters->removeWidget(counters);
    counters->setParent(closing);
    m_tabs->removeTab(index);
    delete closing; // its session, connection and echo server
    updateTabControls();
    return true;
}

void MainWindow::updateTab(SessionPage *page)
{
    const int index = m_tabs->indexOf(page);
    // A Unix socket's path may hold an '&', which is no mnemonic here.
    m_tabs->setTabText(index, page->title().replace(QLatin1Char('&'), QLatin1String("&&")));
    m_tabs->setTabIcon(index, page->stateIcon());
    m_tabs->setTabToolTip(index, page->session()->stateText());
}

void MainWindow::updateTabControls()
{
    const bool closable = m_tabs->count() > 1;
    m_tabs->setTabsClosable(closable);
    m_closeTab->setEnabled(closable);
}

void MainWindow::setRecentUrls(const QStringList &urls)
{
    m_recentUrls = urls;
    for (int i = 0; i < m_tabs->count(); ++i)
        page(i)->connectionPanel()->setRecentUrls(urls);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New tab"), QKeySequence(Qt::CTRL | Qt::Key_T), this, &MainWindow::newTab);
    m_closeTab = file->addAction(tr("C&lose tab"), QKeySequence(Qt::CTRL | Qt::Key_W), this,
                                 [this] { closeTab(m_tabs->currentIndex()); });
    file->addSeparator();
    file->addAction(tr("&Export session…"), QKeySequence::Save, this,
                    [this] { currentPage()->logPanel()->exportSession(); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *connection = menuBar()->addMenu(tr("&Connection"));
    connection->addAction(tr("&Connect"), QKeySequence(Qt::CTRL | Qt::Key_O), this,
                          [this] { currentPage()->connectionPanel()->connectButton()->click(); });
    connection->addAction(tr("&Disconnect"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                          [this] { currentPage()->session()->disconnectFromPeer(); });
    connection->addAction(tr("Send &EOF"), this, [this] { currentPage()->session()->sendEof(); });
    connection->addAction(tr("Start &echo server"), this, [this] {
        SessionPage *page = currentPage();
        if (page->session()->startEchoServer(page->session()->settings()->transport()))
            page->connectionPanel()->connectButton()->click();
    });
    connection->addAction(tr("&Rule server…"), this, [this] {
        RuleEditorDialog *editor = currentPage()->ruleEditor();
        editor->show();
        editor->raise();
    });

    QMenu *packet = menuBar()->addMenu(tr("&Packet"));
    packet->addAction(tr("&Send"), QKeySequence(Qt::CTRL | Qt::Key_Return), this,
                      [this] { currentPage()->composerPanel()->send(); });
    packet->addAction(tr("&Re-send selected"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                      [this] { currentPage()->logPanel()->resendSelected(); });
    packet->addAction(tr("&Copy selected"), QKeySequence::Copy, this,
                      [this] { currentPage()->logPanel()->copySelected(); });

    QMenu *log = menuBar()->addMenu(tr("&Log"));
    log->addAction(tr("&Clear"), QKeySequence(Qt::CTRL | Qt::Key_L), this,
                   [this] { currentPage()->session()->log()->clear(); });
    log->addAction(tr("&Filter"), QKeySequence::Find, this, [this] {
        QLineEdit *filter = currentPage()->logPanel()->filterEdit();
        filter->setFocus();
        filter->selectAll();
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(this, tr("About EasyNet Console"),
                           tr("<b>EasyNet Console</b> %1<br>Talk to packet servers by hand: "
                              "TCP, TLS, UDP and Unix sockets, with JSON, CBOR, MessagePack, "
                              "line, length-prefixed, struct and raw framing.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::restoreState()
{
    QSettings &s = *m_settings;
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 760);
    currentPage()->restoreLayout(s.value(QStringLiteral("window/layout")).toMap(), width());
    setRecentUrls(s.value(QStringLiteral("recentConnections")).toStringList());
    s.beginGroup(QStringLiteral("composer"));
    m_history->load(s);
    s.endGroup();
}

void MainWindow::saveState() const
{
    QSettings &s = *m_settings;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/layout"), currentPage()->saveLayout());
    s.setValue(QStringLiteral("recentConnections"), m_recentUrls);
    saveHistory();
    s.beginGroup(QStringLiteral("lastConnection"));
    currentPage()->session()->settings()->save(s);
    s.endGroup();
    s.sync();
}

void MainWindow::saveHistory() const
{
    m_settings->beginGroup(QStringLiteral("composer"));
    m_history->save(*m_settings);
    m_settings->endGroup();
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    event->accept();
}

} // namespace EasyNetConsole
