// SessionCapture: a console session's packet log as a pcapng capture file, for
// Wireshark (Follow Stream, its dissectors) and tshark.
//
//   QString error;
//   if (!SessionCapture::exportSession(session, QStringLiteral("session.pcapng"), &error)) ...
//
// The log holds what the console sent and received, not the packets on the
// wire, so the frames are made up around the rows' exact bytes (PacketLogEntry::raw):
// - TCP and TLS: TCP over IPv4 or IPv6 (TcpConversation), one TCP stream per
//   connection of the session (PacketLogEntry::connection): the handshake where
//   the connection was established (or before its first data, when the log
//   no longer has that row), the rows' bytes in order both ways, MSS-sized,
//   and a FIN exchange where it ended (the side that closed first sends the
//   first FIN). For TLS the payload is the application data as the console
//   saw it, decrypted.
// - UDP and DTLS: one UDP datagram per row (DTLS: the plaintext).
// - Unix stream and datagram sockets: LINKTYPE_USER0 (147) records, each a
//   4-byte header and the packet's bytes:
//       byte 0     direction: 0 sent by the console, 1 received from the peer
//       byte 1     flags: bit 0 set for a datagram socket (clear: stream),
//                  bit 1 set when the packet goes on in the next record (a
//                  packet over 65,535 bytes spans several records)
//       bytes 2-3  N, the length of the peer's address (big-endian)
//       N bytes    the peer's address as the log names it ("/tmp/s", "@name"), UTF-8
//       the rest   the packet's bytes
// Addresses and ports are the connection's own (its rows' peer and
// localAddress). Where one is not known (a host name not resolved yet, a
// connection through a proxy), a placeholder on loopback takes its place:
// 127.0.0.1, or ::1 when the other end is IPv6; the peer's port as the log
// names it (9 when it names none), the console's port 50000 plus the
// connection's number (modulo 10,000).
//
// Comments (opt_comment): a packet's frame carries its decoded value as the
// log shows it (PacketLogEntry::valueText(), cut after 4,096 characters), a
// parse error's frame the error, and notes where the row says more
// (descriptors, credentials, bytes the protocol wrote again from the value
// because the wire's were not seen: those are still the frame's payload, the
// best there is). A row that is no frame (an event, a packet without bytes)
// is a comment on the next frame, on the last frame when none follows, and on
// the file (its section header) when there are no frames at all. The file's
// own comments name the session (its URL and protocol) and the rows the log
// had already dropped.
#pragma once

#include "connectionsettings.h"
#include "packetlogentry.h"
#include "tcpconversation.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QStringList>

#include <optional>
#include <utility>
#include <vector>

QT_BEGIN_NAMESPACE
class QIODevice;
QT_END_NAMESPACE

namespace EasyNetConsole {

class ConsoleSession;

class SessionCapture
{
    Q_DECLARE_TR_FUNCTIONS(EasyNetConsole::SessionCapture)

public:
    // The largest piece of a packet one Unix record holds.
    static constexpr int MaxUnixRecordPayload = 65535;

    // transport: what the rows went over; description: the file's comments.
    explicit SessionCapture(ConnectionSettings::Transport transport, QStringList description = {});

    // Writes the rows (a log's, oldest first) to device as pcapng; false, with
    // *error, when the device cannot be written.
    bool write(const QList<PacketLogEntry> &rows, QIODevice *device, QString *error = nullptr);

    // The session's whole log (flushed first) over its settings' transport,
    // into the file at path; false with *error when it cannot be written.
    static bool exportSession(ConsoleSession &session, const QString &path,
                              QString *error = nullptr);

private:
    struct Frame
    {
        qint64 time = 0; // microseconds since 1970
        QByteArray data;
        QStringList comments;
    };
    struct Endpoints
    {
        QString peer;
        QString local;
    };

    bool isTcp() const;
    bool isUnix() const;
    void addRow(const PacketLogEntry &row);
    void addEvent(const PacketLogEntry &row);
    void addTcpData(const PacketLogEntry &row, QStringList comments);
    void addDatagram(const PacketLogEntry &row, QStringList comments);
    void addUnixRecords(const PacketLogEntry &row, QStringList comments);
    void addFrame(QByteArray data, QStringList comments = {});
    void addSegments(const QList<TcpConversation::Segment> &segments, QStringList comments = {});
    // The row's own comments (its value, a parse error, notes).
    static QStringList rowComments(const PacketLogEntry &row);
    // The client's and the server's address of the current connection.
    std::pair<IpPacketBuilder::Endpoint, IpPacketBuilder::Endpoint> ipEndpoints() const;

    ConnectionSettings::Transport m_transport;
    QStringList m_description;
    // The state of one write().
    std::vector<Frame> m_frames;
    QStringList m_pendingComments;
    qint64 m_time = 0;
    QHash<quint64, Endpoints> m_endpoints;
    quint64 m_connection = 0;
    std::optional<TcpConversation> m_tcp;
};

} // namespace EasyNetConsole
