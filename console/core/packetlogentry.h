// PacketLogEntry: one row of the console's packet log (PacketLogModel): a packet
// sent or received, a packet that could not be parsed, or an event of the
// connection (connected, closed, an error).
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QVariant>

#include <optional>

namespace EasyNetConsole {

class PacketLogEntry
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(EasyNetConsole::PacketLogEntry)

public:
    enum class Direction { Sent, Received, Event };
    Q_ENUM(Direction)
    // What an event row tells about its connection, for the tools that
    // rebuild the connection from the log (the pcapng export): it was
    // established, it ended, or the peer ended it first.
    enum class ConnectionEvent { None, Established, Closed, ClosedByPeer };
    Q_ENUM(ConnectionEvent)

    QDateTime time;
    Direction direction = Direction::Event;
    QString peer;
    // The console's own address on that connection when known ("127.0.0.1:50312").
    QString localAddress;
    // Which of the session's connections the row belongs to: 1 for the first,
    // counting every connection attempt; 0 before any.
    quint64 connection = 0;
    ConnectionEvent connectionEvent = ConnectionEvent::None;
    // The decoded packet (Sent, Received); null for parse errors and events.
    QVariant value;
    // The packet's bytes on the wire: what was sent, the datagram or the
    // stream frame received (StreamFrameRecorder), the offending bytes of a
    // packet that did not parse. rawIsExact is false only for bytes the
    // protocol wrote again from the value because the wire's were not seen.
    QByteArray raw;
    bool rawIsExact = true;
    // The event's text, or the parse error's reason.
    QString message;
    // An event that tells a failure: the connection could not be made or
    // broke, a packet was not sent, the echo server could not start.
    bool isError = false;
    // A packet that could not be parsed: where, and whether the stream went on.
    bool isParseError = false;
    qint64 errorOffset = -1;
    qint64 errorSize = 0;
    bool streamWentOn = false;
    // Descriptors that came with the packet (Unix), each described ("regular
    // file /tmp/x"); they were closed once described.
    QStringList descriptors;

    // The bytes this row stands for: the raw bytes, or the packet's size.
    qint64 size() const { return raw.size(); }
    // The decoded value (or the message) on one line, for the table and filters.
    QString valueText() const;
    // One JSON object on one line (compact, no newline): time (ISO 8601 with
    // ms), direction, peer, size, raw (Base64), message, error (true for an
    // error event), parseError {offset, size, streamWentOn}, descriptors, and
    // last value (packets), a map with its keys in its order; what the
    // session export writes per line.
    QByteArray toJsonLine() const;
    // A line of toJsonLine() read back (time, direction, peer, raw, message,
    // error, parseError, descriptors, value with its keys in order); nothing,
    // with *error saying which member is wrong, when the line is not one.
    static std::optional<PacketLogEntry> fromJsonLine(QByteArrayView line, QString *error);
    static QString directionName(Direction direction);
};

} // namespace EasyNetConsole
