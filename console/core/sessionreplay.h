// SessionReplay: sends the packets a recorded session sent (a JSON-lines
// export, PacketLogModel::exportJsonLines()) again, in order, to a
// ConsoleSession's current connection: with the original timing (each packet
// as long after the first as it was then) or as fast as the connection takes
// them. Both consoles and --cli --replay use it.
//
//   SessionReplay replay(&session);
//   if (!replay.load(QStringLiteral("session.jsonl"))) ... replay.errorString()
//   replay.setTiming(SessionReplay::Timing::Fast);
//   replay.start();                         // finished() at the end, stop() to stop
//
// What is sent again: each sent row's exact bytes ("raw"), read as a packet of
// the current protocol and sent as that packet, so it goes out framed for the
// current connection and logged like any packet. With the protocol the session
// was recorded with, those are the same bytes (the JSON, CBOR and MessagePack
// readers keep a map's key order). A recording whose bytes are no packet of the
// current protocol (made with another one) is refused before anything is sent,
// naming the first line that does not fit; so is a file with a line that is not
// an export's (its line number and what is wrong), or with no sent packet.
//
// Flow control: a packet is sent once the client wrote all but a few of the
// earlier ones (one on datagram transports), so a large recording never fills
// the client's send queue; with the original timing a packet that is due
// waits for that too. The run ends (finished()) when the last packet was
// written, when stop() is called, or when the connection ends first (Failed).
#pragma once

#include "packetlogentry.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtCore/QVariant>

#include <optional>
#include <vector>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConsoleSession;

class SessionReplay : public QObject
{
    Q_OBJECT
    Q_MOC_INCLUDE("consolesession.h")
    Q_PROPERTY(
        EasyNetConsole::ConsoleSession *session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(Timing timing READ timing WRITE setTiming NOTIFY timingChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool running READ isRunning NOTIFY stateChanged)
    Q_PROPERTY(QString fileName READ fileName NOTIFY loadedChanged)
    Q_PROPERTY(int total READ total NOTIFY loadedChanged)
    Q_PROPERTY(int sent READ sent NOTIFY progressChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY stateChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY progressChanged)

public:
    enum class Timing { Original, Fast };
    Q_ENUM(Timing)
    // Idle until the first start(); then how the last run ended. Failed also
    // after a file that could not be loaded.
    enum class State { Idle, Running, Finished, Stopped, Failed };
    Q_ENUM(State)

    explicit SessionReplay(ConsoleSession *session = nullptr, QObject *parent = nullptr);
    ~SessionReplay() override;

    ConsoleSession *session() const;
    // Stops a run of the previous session.
    void setSession(ConsoleSession *session);
    Timing timing() const { return m_timing; }
    void setTiming(Timing timing);
    // "original" or "fast" (the --replay-timing values); nothing for others.
    static std::optional<Timing> timingFromName(const QString &name);

    // Reads a JSON-lines export; false (errorString(), nothing loaded) when
    // it cannot be read, a line is not a row of an export, or it holds no
    // sent packet. Refused while running.
    Q_INVOKABLE bool load(const QString &path);
    // The same from an open device; name is how errors call it.
    bool load(QIODevice *device, const QString &name);

    // Starts sending the loaded packets to the session's connection (which
    // may still be connecting); false, with errorString() and nothing sent,
    // when nothing is loaded, the session is not connected, or a packet is
    // no packet of the session's protocol.
    Q_INVOKABLE bool start();
    // Stops a run (state Stopped); what was sent stays sent.
    Q_INVOKABLE void stop();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    QString fileName() const { return m_fileName; }
    // The loaded packets, and how many of them the current run has sent.
    int total() const { return int(m_packets.size()); }
    int sent() const { return m_next; }
    QString errorString() const { return m_errorString; }
    // The state in words, with the progress ("replaying 3 of 10 packets").
    QString statusText() const;

Q_SIGNALS:
    void sessionChanged();
    void timingChanged();
    void stateChanged();
    void loadedChanged();
    void progressChanged();
    // A run ended (Finished, Stopped or Failed).
    void finished();

private:
    struct RecordedPacket
    {
        qint64 line = 0; // in the file, from 1
        qint64 offset = 0; // ms after the first sent packet
        QByteArray raw;
    };

    // The packets as the session's protocol reads their bytes; nothing, with
    // m_errorString, when one does not read as exactly one packet.
    std::optional<std::vector<QVariant>> decodePackets();
    void sendDue();
    void onPacketWritten();
    void onSessionState();
    // Forgets what was loaded; Failed with message.
    bool rejectFile(const QString &message);
    void fail(const QString &message);
    void end(State state);
    void setState(State state);

    QPointer<ConsoleSession> m_session;
    Timing m_timing = Timing::Original;
    State m_state = State::Idle;
    QString m_fileName;
    QString m_errorString;
    std::vector<RecordedPacket> m_packets;
    // The current run.
    std::vector<QVariant> m_values;
    int m_next = 0;
    int m_unwritten = 0;
    int m_window = 1;
    QElapsedTimer m_clock;
    QTimer m_timer;
};

} // namespace EasyNetConsole
