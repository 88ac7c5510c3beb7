// RepeatSender: sends one packet again and again on a session: the composer's,
// a library packet or a fixed one, count times (0: until stopped) every
// interval milliseconds (1 and up). Variables get fresh values in every
// packet, and {{counter}} is the connection's counter, which counts on.
//
//   RepeatSender repeat;
//   repeat.setSession(&session);
//   repeat.setCount(1000);
//   repeat.setInterval(1);
//   repeat.startComposer();          // finished() after the 1000th packet
//
// The event loop's timers are coarse (a 1 ms timer may fire every few ms, or
// stall while the window repaints), so the rate is kept by the clock: each
// tick sends every packet that is due by the time elapsed since the start. A
// tick sends at most MaxPerTick packets and stops after MaxTickTime ms (large
// packets), so the window stays responsive; a backlog beyond one tick's share
// is dropped from the schedule rather than sent later in a burst. A connection that does not keep
// up holds the repeat back: while the client has more than MaxQueuedBytes queued (a stalled peer),
// nothing is sent (heldBack), so memory stays bounded; with count set, the number sent stays exact
// all the same, it just takes longer.
//
// A run ends after count packets, by stop(), when the connection closes or
// fails, or at the first packet not sent (errorString() tells why for the
// last two). sent and rate (packets per second since the start) are updated
// at most every ProgressInterval ms while running, and once at the end.
#pragma once

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtCore/QVariant>

#include <functional>

namespace EasyNetConsole {

class ConsoleSession;
class PacketLibrary;
class PacketTemplate;

class RepeatSender : public QObject
{
    Q_OBJECT
    Q_MOC_INCLUDE("consolesession.h")
    Q_MOC_INCLUDE("packetlibrary.h")
    Q_PROPERTY(
        EasyNetConsole::ConsoleSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(int count READ count WRITE setCount NOTIFY countChanged)
    Q_PROPERTY(int interval READ interval WRITE setInterval NOTIFY intervalChanged)
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    Q_PROPERTY(qint64 sent READ sent NOTIFY progressChanged)
    Q_PROPERTY(double rate READ rate NOTIFY progressChanged)
    Q_PROPERTY(bool heldBack READ isHeldBack NOTIFY progressChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY runningChanged)

public:
    static constexpr int MaxPerTick = 200;
    static constexpr int MaxTickTime = 20; // ms
    static constexpr qint64 MaxQueuedBytes = 256 * 1024;
    static constexpr int ProgressInterval = 100; // ms

    explicit RepeatSender(QObject *parent = nullptr);
    ~RepeatSender() override;

    ConsoleSession *session() const;
    void setSession(ConsoleSession *session);
    // Packets per run; 0: until stopped. Negative values are taken as 0.
    int count() const { return m_count; }
    void setCount(int count);
    // Milliseconds between packets; at least 1.
    int interval() const { return m_interval; }
    void setInterval(int milliseconds);

    bool isRunning() const { return m_timer.isActive(); }
    // Packets sent in the current (or last) run.
    qint64 sent() const { return m_sent; }
    // Packets per second achieved in the current (or last) run.
    double rate() const;
    // Whether the connection is not keeping up, so that sending waits.
    bool isHeldBack() const { return m_heldBack; }
    // Why the last run ended early (a send error, the connection closing);
    // empty while running and when it ended by count or stop().
    QString errorString() const { return m_errorString; }

    // Start a run (a running one is stopped first); false, with errorString(),
    // when there is no session or it is not connected (or connecting), or the
    // library packet is not valid. The first packet goes out at once.
    Q_INVOKABLE bool startComposer();
    Q_INVOKABLE bool startLibraryPacket(EasyNetConsole::PacketLibrary *library, int row);
    bool startTemplate(const PacketTemplate &packet);
    // A packet as it is (no variables): --cli's input lines.
    bool startPacket(const QVariant &packet);
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void sessionChanged();
    void countChanged();
    void intervalChanged();
    void runningChanged();
    void progressChanged();
    // A run ended, for any reason (errorString() says which).
    void finished();

private:
    // sendOne sends the next packet; false with the session's sendError().
    bool start(std::function<bool()> sendOne);
    void tick();
    void onSessionState();
    void finish(const QString &error);
    bool fail(const QString &error);
    bool sessionCanSend() const;

    QPointer<ConsoleSession> m_session;
    QMetaObject::Connection m_sessionConnection;
    int m_count = 0;
    int m_interval = 1000;
    std::function<bool()> m_sendOne;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QElapsedTimer m_sinceProgress;
    qint64 m_runTime = 0; // ms the last run took, once it ended
    qint64 m_sent = 0;
    // Packets dropped from the schedule (a backlog beyond one tick's share).
    qint64 m_skipped = 0;
    bool m_heldBack = false;
    QString m_errorString;
};

} // namespace EasyNetConsole
