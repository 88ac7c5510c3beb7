// SessionReplayBar: the log panel's replay of a recorded session
// (SessionReplay): "Replay session…" opens a JSON-lines export and sends its
// sent packets again to the session's connection, with the timing its menu
// sets (the original gaps, or as fast as possible); while it runs, a progress
// bar and Stop; the last run's outcome in words beside them. A file that
// cannot be replayed is explained in a message box, and nothing is sent.
#pragma once

#include <QtWidgets/QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConsoleSession;
class SessionReplay;

class SessionReplayBar : public QWidget
{
    Q_OBJECT

public:
    explicit SessionReplayBar(ConsoleSession *session, QWidget *parent = nullptr);

    SessionReplay *replay() const { return m_replay; }
    QToolButton *replayButton() const { return m_replayButton; }
    // The timing menu's choices.
    QAction *originalAction() const { return m_original; }
    QAction *fastAction() const { return m_fast; }
    QPushButton *stopButton() const { return m_stop; }
    QProgressBar *progressBar() const { return m_progress; }
    QLabel *statusLabel() const { return m_status; }

    // Asks for a file and replays it.
    void chooseAndReplay();
    // Replays the export at path (what chooseAndReplay() does once a file is chosen).
    void replayFile(const QString &path);

private:
    void update();

    SessionReplay *m_replay;
    QToolButton *m_replayButton;
    QAction *m_original;
    QAction *m_fast;
    QProgressBar *m_progress;
    QPushButton *m_stop;
    QLabel *m_status;
};

} // namespace EasyNetConsole
