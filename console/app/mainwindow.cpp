#include "mainwindow.h"

#include "composerpanel.h"
#include "connectionpanel.h"
#include "consolesession.h"
#include "packetdetailview.h"
#include "packetlogpanel.h"
#include "ruleeditordialog.h"
#include "sendhistory.h"
#include "wheelguard.h"

#include <QtCore/QSettings>
#include <QtGui/QCloseEvent>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStatusBar>

namespace EasyNetConsole {

MainWindow::MainWindow(ConsoleSession *session, QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_history(new SendHistory(this))
{
    setWindowTitle(tr("EasyNet Console"));
    m_connection = new ConnectionPanel(session);

    m_log = new PacketLogPanel(session);
    m_detail = new PacketDetailView(session);
    m_composer = new ComposerPanel(session, m_history);

    m_bottom = new QSplitter(Qt::Horizontal);
    m_bottom->addWidget(m_composer);
    m_bottom->addWidget(m_detail);
    m_bottom->setStretchFactor(0, 1);
    m_bottom->setStretchFactor(1, 1);
    m_right = new QSplitter(Qt::Vertical);
    m_right->addWidget(m_log);
    m_right->addWidget(m_bottom);
    // The log takes the height there is; the composer and details keep theirs.
    m_right->setStretchFactor(0, 1);
    m_right->setStretchFactor(1, 0);
    m_main = new QSplitter(Qt::Horizontal);
    m_main->addWidget(m_connection);
    m_main->addWidget(m_right);
    m_main->setStretchFactor(0, 0);
    m_main->setStretchFactor(1, 1);
    m_main->setChildrenCollapsible(false);
    setCentralWidget(m_main);

    // Each packet sent is in the history at once, should the console not quit cleanly.
    connect(m_history, &SendHistory::changed, this, &MainWindow::saveHistory);
    connect(m_log, &PacketLogPanel::rowSelected, m_detail, &PacketDetailView::showRow);
    connect(m_connection, &ConnectionPanel::connectRequested, this,
            [this] { m_composer->editor()->setFocus(); });
    // The state is shown under the Connect button; the status bar has the counters.
    statusBar()->addWidget(m_log->countersLabel(), 1);
    buildMenus();
    WheelGuard::protect(this);
    restoreState();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Export session…"), QKeySequence::Save, m_log,
                    &PacketLogPanel::exportSession);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *connection = menuBar()->addMenu(tr("&Connection"));
    connection->addAction(tr("&Connect"), QKeySequence(Qt::CTRL | Qt::Key_O), m_connection,
                          [this] { m_connection->connectButton()->click(); });
    connection->addAction(tr("&Disconnect"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                          m_session, &ConsoleSession::disconnectFromPeer);
    connection->addAction(tr("Send &EOF"), m_session, &ConsoleSession::sendEof);
    connection->addAction(tr("Start &echo server"), this, [this] {
        if (m_session->startEchoServer(m_session->settings()->transport()))
            m_connection->connectButton()->click();
    });
    connection->addAction(tr("&Rule server…"), this, [this] {
        ruleEditor()->show();
        ruleEditor()->raise();
    });

    QMenu *packet = menuBar()->addMenu(tr("&Packet"));
    packet->addAction(tr("&Send"), QKeySequence(Qt::CTRL | Qt::Key_Return), m_composer,
                      &ComposerPanel::send);
    packet->addAction(tr("&Re-send selected"), QKeySequence(Qt::CTRL | Qt::Key_R), m_log,
                      &PacketLogPanel::resendSelected);
    packet->addAction(tr("&Copy selected"), QKeySequence::Copy, m_log,
                      &PacketLogPanel::copySelected);

    QMenu *log = menuBar()->addMenu(tr("&Log"));
    log->addAction(tr("&Clear"), QKeySequence(Qt::CTRL | Qt::Key_L), m_session->log(),
                   &PacketLogModel::clear);
    log->addAction(tr("&Filter"), QKeySequence::Find, this, [this] {
        m_log->filterEdit()->setFocus();
        m_log->filterEdit()->selectAll();
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

RuleEditorDialog *MainWindow::ruleEditor()
{
    if (!m_ruleEditor) {
        m_ruleEditor = new RuleEditorDialog(m_session, this);
        connect(m_ruleEditor, &RuleEditorDialog::serverStarted, this,
                [this] { m_connection->connectButton()->click(); });
    }
    return m_ruleEditor;
}

void MainWindow::restoreState()
{
    QSettings &s = *m_settings;
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1200, 760);
    // The settings as narrow as they can be; the log gets the rest.
    if (!m_main->restoreState(s.value(QStringLiteral("window/main")).toByteArray()))
        m_main->setSizes({m_connection->minimumSizeHint().width(), width()});
    m_right->restoreState(s.value(QStringLiteral("window/right")).toByteArray());
    m_bottom->restoreState(s.value(QStringLiteral("window/bottom")).toByteArray());
    m_connection->setRecentUrls(s.value(QStringLiteral("recentConnections")).toStringList());
    s.beginGroup(QStringLiteral("composer"));
    m_history->load(s);
    s.endGroup();
}

void MainWindow::saveState() const
{
    QSettings &s = *m_settings;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/main"), m_main->saveState());
    s.setValue(QStringLiteral("window/right"), m_right->saveState());
    s.setValue(QStringLiteral("window/bottom"), m_bottom->saveState());
    s.setValue(QStringLiteral("recentConnections"), m_connection->recentUrls());
    saveHistory();
    s.beginGroup(QStringLiteral("lastConnection"));
    m_session->settings()->save(s);
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
