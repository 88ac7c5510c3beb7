// RepeatPanel: the repeat controls under the packet library: what to repeat
// (the composer's packet or the library's selected one), how many times (or
// until stopped), the interval in milliseconds, Start/Stop, and what the run
// achieved (packets sent, packets per second) or why it stopped. A
// RepeatSender does the sending.
#pragma once

#include <QtWidgets/QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConsoleSession;
class PacketLibrary;
class RepeatSender;

class RepeatPanel : public QWidget
{
    Q_OBJECT

public:
    enum class Source { Composer, LibraryPacket };

    RepeatPanel(ConsoleSession *session, PacketLibrary *library, QWidget *parent = nullptr);

    RepeatSender *sender() const { return m_sender; }
    QComboBox *sourceBox() const { return m_source; }
    QSpinBox *countBox() const { return m_count; }
    QSpinBox *intervalBox() const { return m_interval; }
    QPushButton *startButton() const { return m_start; }
    QLabel *progressLabel() const { return m_progress; }

    // The library's row that "library packet" repeats (-1: none selected).
    void setLibraryRow(int row);
    // Starts a run, or stops the running one (the button).
    void toggle();

private:
    void updateState();

    ConsoleSession *m_session;
    PacketLibrary *m_library;
    RepeatSender *m_sender;
    int m_libraryRow = -1;
    QComboBox *m_source;
    QSpinBox *m_count;
    QSpinBox *m_interval;
    QPushButton *m_start;
    QLabel *m_progress;
};

} // namespace EasyNetConsole
