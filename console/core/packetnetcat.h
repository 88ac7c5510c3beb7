// PacketNetcat: easynet-console --cli, a packet-aware netcat over a
// ConsoleSession. It reads packets from an input stream (stdin), one per line:
// a JSON value for the value formats (JSON, CBOR, MessagePack, struct,
// QDataStream; objects keep the order typed with JSON, CBOR and MessagePack),
// the line as text for the line format and as bytes for raw and
// length-prefixed; sends each; and writes every packet received as one JSON
// line to the output (objects in the order they came, byte strings as
// Base64). Errors go to the error stream as {"error": ...} lines, and so do,
// when the session's built-in server answers by rules (--echo-server with
// --rules), the packets a rule answered (HeadlessServer::answerLine()).
//
// With setReplay() it reads no input: it sends the sent packets of a recorded
// session again (SessionReplay) and then goes on as at the end of the input;
// a file that cannot be replayed is status 1 before anything is sent.
//
// It reads while it sends: the next line is sent once the client wrote the
// previous ones (one at a time on datagram transports, which have no flow
// control, a few on streams), so the answers are read as they come and
// 10 000 lines piped at once to a UDP echo all come back.
//
// With setRepeat() (--repeat, --interval) each line is sent that many times
// by a RepeatSender, one line after the other (the next line waits for the
// repeats of the previous one); with setPacket() (--send) that packet is sent
// (repeated as set) and the input is not read. The end of the last repeat is
// the end of the input then.
//
// The end of the input does not end the run: the answers may still come. On
// TCP and Unix stream it sends the end of stream (sendEof(), a half-close), so
// a peer that answers and then closes (an echo server) ends the run without
// --count. Exit status (finished()), each with its message on the error
// stream:
//   0 Success     count packets received (count > 0); or, without a count, the
//                 peer answered and closed the connection between packets, or
//                 nothing arrived for timeout ms (an idle end, no message)
//   1 Failure     the connection failed (refused, TLS, a missing CA file...),
//                 an input line was not a packet, the protocol refused a
//                 packet, a packet from the peer did not parse, or the peer
//                 closed in the middle of a packet (e.g. a TLS port talked to
//                 in plain TCP: its TLS alert is named)
//   2 TimedOut    nothing arrived for timeout ms before count packets came
//   3 PeerClosed  the peer closed the connection before count packets came,
//                 or without sending anything back to the packets sent (as a
//                 TLS server does to plain TCP; so does a peer that only takes
//                 packets, for which 3 is the expected end)
#pragma once

#include "packettemplate.h"
#include "sessionreplay.h"

#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtCore/QVariant>

#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <thread>

class QSemaphore;

namespace EasyNetConsole {

class ConsoleSession;
class RepeatSender;

class PacketNetcat : public QObject
{
    Q_OBJECT

public:
    enum ExitStatus { Success = 0, Failure = 1, TimedOut = 2, PeerClosed = 3 };

    // session: connected by start(); input, output, errors: open streams (not owned).
    PacketNetcat(ConsoleSession *session, std::FILE *input, std::FILE *output, std::FILE *errors,
                 QObject *parent = nullptr);
    ~PacketNetcat() override;

    void setCount(int count) { m_count = count; }
    void setTimeout(int milliseconds) { m_timer.setInterval(milliseconds); }
    // Replays the JSON-lines export at path instead of reading the input.
    void setReplay(const QString &path, SessionReplay::Timing timing);
    // Each packet count times (0: until the run ends), every interval ms.
    void setRepeat(int count, int interval);
    // Sends packet instead of reading the input.
    void setPacket(const PacketTemplate &packet);

    // Connects and starts reading the input; finished() tells the end.
    void start();

Q_SIGNALS:
    void finished(int exitStatus);

private:
    void startReading();
    void onReplayEnd();
    void onLine(const QByteArray &line);
    // Repeats: the next queued line's packet, or the end of the input.
    void repeatNext();
    void onRepeatFinished();
    void onInputEnd();
    // After the last packet: half-closes a stream, or ends the run.
    void endOfInput();
    void onPacket(const QVariant &packet);
    void onState();
    void onIdle();
    // Prints {"error": message} and finishes with status.
    void fail(const QString &message, int status = Failure);
    void finish(int status);
    void printError(const QJsonObject &error);
    std::optional<QVariant> packetFromLine(const QByteArray &line, QString *error) const;

    ConsoleSession *m_session;
    // Made by setReplay().
    SessionReplay *m_replay = nullptr;
    QString m_replayFile;
    // Repeats (null without --repeat and --send), the lines' packets waiting
    // for their turn, and whether the input ended.
    RepeatSender *m_repeater = nullptr;
    std::optional<PacketTemplate> m_packet;
    std::deque<std::pair<qint64, QVariant>> m_waiting; // line number, packet
    bool m_inputEnded = false;
    qint64 m_repeatedLine = 0; // the line number of the packet being repeated
    std::FILE *m_input;
    std::FILE *m_output;
    std::FILE *m_errors;
    std::thread m_reader;
    // Lines the reader may hand over before the client wrote the earlier ones;
    // shared with the reader thread, which may outlive this object.
    std::shared_ptr<QSemaphore> m_window;
    QTimer m_timer;
    int m_count = 0;
    int m_received = 0;
    qint64 m_lineNumber = 0;
    bool m_failed = false;
    bool m_wasConnected = false;
    bool m_finished = false;
};

} // namespace EasyNetConsole
