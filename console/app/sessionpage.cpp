#include "sessionpage.h"

#include "composerpanel.h"
#include "connectionpanel.h"
#include "consolesession.h"
#include "librarypanel.h"
#include "packetdetailview.h"
#include "packetlogpanel.h"
#include "ruleeditordialog.h"
#include "wheelguard.h"

#include <QtGui/QIcon>
#include <QtGui/QPainter>
#include <QtGui/QPixmap>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QTabWidget>

namespace EasyNetConsole {

SessionPage::SessionPage(SendHistory *history, QWidget *parent)
    : QWidget(parent), m_session(new ConsoleSession(this))
{
    m_connection = new ConnectionPanel(m_session);
    m_log = new PacketLogPanel(m_session);
    m_detail = new PacketDetailView(m_session);
    m_composer = new ComposerPanel(m_session, history);
    m_library = new LibraryPanel(m_session);

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
    // The packet library in a tab beside the connection settings: the log
    // keeps its width, and both their height.
    auto *left = new QTabWidget;
    left->setObjectName(QStringLiteral("connectionAndLibrary"));
    left->addTab(m_connection, tr("Connection"));
    left->addTab(m_library, tr("Library"));
    m_main = new QSplitter(Qt::Horizontal);
    m_main->addWidget(left);
    m_main->addWidget(m_right);
    m_main->setStretchFactor(0, 0);
    m_main->setStretchFactor(1, 1);
    m_main->setChildrenCollapsible(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_main);

    connect(m_log, &PacketLogPanel::rowSelected, m_detail, &PacketDetailView::showRow);
    connect(m_connection, &ConnectionPanel::connectRequested, this,
            [this] { m_composer->editor()->setFocus(); });
    connect(m_session, &ConsoleSession::stateChanged, this, &SessionPage::titleChanged);
    WheelGuard::protect(this);
}

// The rule editor first: it shows the session's rules.
SessionPage::~SessionPage()
{
    delete m_ruleEditor;
}

RuleEditorDialog *SessionPage::ruleEditor()
{
    if (!m_ruleEditor) {
        m_ruleEditor = new RuleEditorDialog(m_session, this);
        connect(m_ruleEditor, &RuleEditorDialog::serverStarted, this,
                [this] { m_connection->connectButton()->click(); });
    }
    return m_ruleEditor;
}

QString SessionPage::title() const
{
    return m_session->peer().isEmpty() ? tr("New connection") : m_session->peer();
}

QIcon SessionPage::stateIcon() const
{
    using State = ConsoleSession::State;
    QColor colour(0x9e, 0x9e, 0x9e);
    switch (m_session->state()) {
    case State::Connected: colour = QColor(0x2e, 0x7d, 0x32); break;
    case State::Connecting:
    case State::Closing: colour = QColor(0xf9, 0xa8, 0x25); break;
    case State::Error: colour = QColor(0xb0, 0x00, 0x20); break;
    case State::Disconnected: break;
    }
    QPixmap dot(12, 12);
    dot.fill(Qt::transparent);
    QPainter painter(&dot);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    painter.end();
    return QIcon(dot);
}

QVariantMap SessionPage::saveLayout() const
{
    return {{QStringLiteral("main"), m_main->saveState()},
            {QStringLiteral("right"), m_right->saveState()},
            {QStringLiteral("bottom"), m_bottom->saveState()}};
}

void SessionPage::restoreLayout(const QVariantMap &layout, int width)
{
    if (!m_main->restoreState(layout.value(QStringLiteral("main")).toByteArray()))
        m_main->setSizes({m_connection->minimumSizeHint().width(), width});
    m_right->restoreState(layout.value(QStringLiteral("right")).toByteArray());
    m_bottom->restoreState(layout.value(QStringLiteral("bottom")).toByteArray());
}

} // namespace EasyNetConsole
