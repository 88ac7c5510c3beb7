// PacketLogPanel: the packet log as a table (time, direction, size, peer,
// value; parse errors in red, error events in red text), its filter
// (direction and text) above it; below it the replay of a recorded session
// (SessionReplayBar), Clear, Copy, Export (JSON lines), Export to Wireshark
// (pcapng) and Re-send for the selected row; and the counters (packets and bytes each way,
// packets per second, last round trip, dropped rows; in words that follow
// the language and the locale), which the window shows in its status bar.
#pragma once

#include <QtWidgets/QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConsoleSession;
class SessionReplayBar;

class PacketLogPanel : public QWidget
{
    Q_OBJECT

public:
    // The rows the log shows at the least.
    static constexpr int MinimumRows = 6;

    explicit PacketLogPanel(ConsoleSession *session, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    SessionReplayBar *replayBar() const { return m_replayBar; }
    QLineEdit *filterEdit() const { return m_filter; }
    // The counters (a child of the panel until the window places it: the
    // main window puts it in its status bar).
    QLabel *countersLabel() const { return m_counters; }
    // The log() row of the selected row, -1 when none.
    int selectedRow() const;

    void copySelected();
    void exportSession();
    void exportPcapng();
    void resendSelected();

Q_SIGNALS:
    // The selected row changed (a log() row, -1 for none).
    void rowSelected(int row);

private:
    void updateCounters();

    ConsoleSession *m_session;
    QCheckBox *m_sent;
    QCheckBox *m_received;
    QCheckBox *m_events;
    QLineEdit *m_filter;
    QTableView *m_table;
    QLabel *m_counters;
    QPushButton *m_resend;
    SessionReplayBar *m_replayBar;
    bool m_followNewest = true;
};

} // namespace EasyNetConsole
