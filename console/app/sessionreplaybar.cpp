#include "sessionreplaybar.h"

#include "consolesession.h"
#include "sessionreplay.h"

#include <QtGui/QActionGroup>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QToolButton>

namespace EasyNetConsole {

SessionReplayBar::SessionReplayBar(ConsoleSession *session, QWidget *parent)
    : QWidget(parent), m_replay(new SessionReplay(session, this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_replayButton = new QToolButton;
    m_replayButton->setObjectName(QStringLiteral("replayButton"));
    m_replayButton->setText(tr("Re&play session…"));
    m_replayButton->setToolTip(
        tr("Send the sent packets of a session exported as JSON lines again, in order"));
    m_replayButton->setPopupMode(QToolButton::MenuButtonPopup);
    auto *timing = new QMenu(m_replayButton);
    auto *timings = new QActionGroup(timing);
    m_original = timing->addAction(tr("With the original timing"));
    m_fast = timing->addAction(tr("As fast as possible"));
    for (QAction *action : {m_original, m_fast}) {
        action->setCheckable(true);
        timings->addAction(action);
    }
    m_original->setChecked(true);
    m_replayButton->setMenu(timing);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("replayProgress"));
    m_progress->setMaximumWidth(120);
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setObjectName(QStringLiteral("replayStopButton"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("replayStatus"));
    // Cut rather than widen the window (an error can be long: it is the tooltip too).
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_replayButton);
    layout->addWidget(m_progress);
    layout->addWidget(m_stop);
    layout->addWidget(m_status, 1);

    connect(m_replayButton, &QToolButton::clicked, this, &SessionReplayBar::chooseAndReplay);
    connect(m_fast, &QAction::toggled, m_replay, [this](bool fast) {
        m_replay->setTiming(fast ? SessionReplay::Timing::Fast : SessionReplay::Timing::Original);
    });
    connect(m_stop, &QPushButton::clicked, m_replay, &SessionReplay::stop);
    connect(m_replay, &SessionReplay::stateChanged, this, &SessionReplayBar::update);
    connect(m_replay, &SessionReplay::progressChanged, this, &SessionReplayBar::update);
    update();
}

void SessionReplayBar::chooseAndReplay()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Replay a session"), QString(),
                                                      tr("JSON lines (*.jsonl);;All files (*)"));
    if (!path.isEmpty())
        replayFile(path);
}

void SessionReplayBar::replayFile(const QString &path)
{
    if (!m_replay->load(path) || !m_replay->start())
        QMessageBox::warning(this, tr("Cannot replay the session"), m_replay->errorString());
}

void SessionReplayBar::update()
{
    const bool running = m_replay->isRunning();
    m_replayButton->setEnabled(!running);
    m_progress->setVisible(running);
    m_stop->setVisible(running);
    m_progress->setMaximum(m_replay->total());
    m_progress->setValue(m_replay->sent());
    const bool said = m_replay->state() != SessionReplay::State::Idle || running;
    m_status->setText(said ? m_replay->statusText() : QString());
    m_status->setToolTip(m_status->text());
}

} // namespace EasyNetConsole
