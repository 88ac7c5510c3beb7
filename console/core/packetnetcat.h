// PacketNetcat: easynet-console --cli, a packet-aware netcat over a
// ConsoleSession. It reads packets from an input stream (stdin), one per line:
// a JSON value for the value formats (JSON, CBOR, MessagePack, struct,
// QDataStream), the line as text for the line format and as bytes for raw and
// length-prefixed; sends each; and writes every packet received as one JSON
// line to the output (byte strings as Base64). Errors (a line that is not a
// packet, a packet from the peer that does not parse, the connection failing)
// go to the error stream as {"error": ...} lines.
//
// It stops when count packets were received (count > 0), when the peer closes
// the connection, when nothing arrived for timeout ms (timeout > 0; also a
// connect timeout), or at a connection error. The end of the input does not
// end the run: the answers may still come. On TCP and Unix stream it sends
// the end of stream (sendEof(), a half-close), so a peer that answers and then
// closes (an echo server) ends the run without --count. Exit status
// (finished()): 0 all went well, 1 an error, 2 the timeout came before count
// packets.
#pragma once

#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QTimer>
#include <QtCore/QVariant>

#include <cstdio>
#include <optional>
#include <thread>

namespace EasyNetConsole {

class ConsoleSession;

class PacketNetcat : public QObject
{
    Q_OBJECT

public:
    enum ExitStatus { Success = 0, Failure = 1, TimedOut = 2 };

    // session: connected by start(); input, output, errors: open streams (not owned).
    PacketNetcat(ConsoleSession *session, std::FILE *input, std::FILE *output, std::FILE *errors,
                 QObject *parent = nullptr);
    ~PacketNetcat() override;

    void setCount(int count) { m_count = count; }
    void setTimeout(int milliseconds) { m_timer.setInterval(milliseconds); }

    // Connects and starts reading the input; finished() tells the end.
    void start();

Q_SIGNALS:
    void finished(int exitStatus);

private:
    void onLine(const QByteArray &line);
    void onInputEnd();
    void onPacket(const QVariant &packet);
    void onState();
    void finish(int status);
    void printError(const QJsonObject &error);
    std::optional<QVariant> packetFromLine(const QByteArray &line, QString *error) const;

    ConsoleSession *m_session;
    std::FILE *m_input;
    std::FILE *m_output;
    std::FILE *m_errors;
    std::thread m_reader;
    QTimer m_timer;
    int m_count = 0;
    int m_received = 0;
    qint64 m_lineNumber = 0;
    bool m_failed = false;
    bool m_wasConnected = false;
    bool m_finished = false;
};

} // namespace EasyNetConsole
