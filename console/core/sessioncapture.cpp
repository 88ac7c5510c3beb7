#include "sessioncapture.h"

#include "consolesession.h"
#include "pcapngwriter.h"

#include <QtCore/QSaveFile>
#include <QtCore/QSet>
#include <QtCore/QtEndian>

#include <algorithm>
#include <utility>

namespace EasyNetConsole {

namespace {

constexpr quint16 PlaceholderPeerPort = 9;
// A value's text longer than this is cut in its comment: Wireshark shows a
// comment on one line.
constexpr qsizetype MaxValueComment = 4096;
constexpr quint16 PlaceholderLocalPortBase = 50000;

// "127.0.0.1:9000" or "[::1]:9000"; nothing for a host name or anything else.
std::optional<IpPacketBuilder::Endpoint> parseEndpoint(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const quint16 port = text.mid(colon + 1).toUShort(&ok);
    QHostAddress address;
    if (!ok || !address.setAddress(host))
        return std::nullopt;
    return IpPacketBuilder::Endpoint {address, port};
}

// The port a peer's text names in its first word ("example.org:443 via ...").
quint16 namedPort(const QString &peer)
{
    const QString first = peer.section(QLatin1Char(' '), 0, 0);
    bool ok = false;
    const quint16 port = first.section(QLatin1Char(':'), -1).toUShort(&ok);
    return ok && port > 0 ? port : PlaceholderPeerPort;
}

QByteArray unixRecordHeader(PacketLogEntry::Direction direction, bool datagram, bool continued,
                            const QByteArray &peer)
{
    QByteArray header;
    header.append(char(direction == PacketLogEntry::Direction::Sent ? 0 : 1));
    header.append(char((datagram ? 0x01 : 0) | (continued ? 0x02 : 0)));
    char length[2];
    qToBigEndian(quint16(peer.size()), length);
    header.append(length, 2);
    header.append(peer);
    return header;
}

} // namespace

SessionCapture::SessionCapture(ConnectionSettings::Transport transport, QStringList description)
    : m_transport(transport), m_description(std::move(description))
{
}

bool SessionCapture::isTcp() const
{
    return m_transport == ConnectionSettings::Transport::Tcp
        || m_transport == ConnectionSettings::Transport::Tls;
}

bool SessionCapture::isUnix() const
{
    return ConnectionSettings::isUnixTransport(m_transport);
}

bool SessionCapture::write(const QList<PacketLogEntry> &rows, QIODevice *device, QString *error)
{
    m_frames.clear();
    m_pendingComments.clear();
    m_time = 0;
    m_endpoints.clear();
    m_connection = 0;
    m_tcp.reset();
    // Each connection's addresses: those it was established with, else the last known.
    QSet<quint64> established;
    for (const PacketLogEntry &row : rows) {
        Endpoints &endpoints = m_endpoints[row.connection];
        if (row.connectionEvent == PacketLogEntry::ConnectionEvent::Established) {
            endpoints = {row.peer, row.localAddress};
            established.insert(row.connection);
        } else if (!established.contains(row.connection)) {
            if (!row.peer.isEmpty())
                endpoints.peer = row.peer;
            if (!row.localAddress.isEmpty())
                endpoints.local = row.localAddress;
        }
    }
    for (const PacketLogEntry &row : rows)
        addRow(row);
    QStringList fileComments = m_description;
    if (m_frames.empty())
        fileComments += m_pendingComments;
    else
        m_frames.back().comments += m_pendingComments;

    PcapngWriter writer(device);
    writer.writeSectionHeader(
        fileComments,
        QStringLiteral("EasyNet console %1").arg(QCoreApplication::applicationVersion()).trimmed());
    const int interface = isUnix()
        ? writer.addInterface(PcapngWriter::LinkTypeUser0, QStringLiteral("easynet-unix"),
                              tr("Unix socket records of the EasyNet console (see its README)"))
        : writer.addInterface(PcapngWriter::LinkTypeRaw, QStringLiteral("easynet-ip"),
                              tr("IP packets made up by the EasyNet console around its log"));
    for (const Frame &frame : m_frames)
        writer.writePacket(interface, frame.time, frame.data, frame.comments);
    m_frames.clear();
    if (!writer.isOk() && error)
        *error = writer.errorString();
    return writer.isOk();
}

void SessionCapture::addRow(const PacketLogEntry &row)
{
    if (row.time.isValid())
        m_time = std::max(m_time, row.time.toMSecsSinceEpoch() * 1000);
    if (row.connection != m_connection) {
        // A connection the log did not see end (its rows were dropped) ends
        // where the next one begins.
        if (m_tcp && m_tcp->isOpen() && !m_tcp->isClosed())
            addSegments(m_tcp->close(TcpConversation::Client));
        m_tcp.reset();
        m_connection = row.connection;
    }
    if (row.direction == PacketLogEntry::Direction::Event) {
        addEvent(row);
        return;
    }
    QStringList comments = rowComments(row);
    const bool afterTcpClose = isTcp() && m_tcp && m_tcp->isClosed();
    if (row.raw.isEmpty() || afterTcpClose) {
        const QString why
            = afterTcpClose ? tr("after the connection ended") : tr("no bytes recorded");
        for (const QString &comment : std::as_const(comments))
            m_pendingComments.append(
                tr("%1 (%2, %3)").arg(comment, PacketLogEntry::directionName(row.direction), why));
        return;
    }
    if (isTcp())
        addTcpData(row, std::move(comments));
    else if (isUnix())
        addUnixRecords(row, std::move(comments));
    else
        addDatagram(row, std::move(comments));
}

void SessionCapture::addEvent(const PacketLogEntry &row)
{
    m_pendingComments.append(tr("event: %1").arg(row.message));
    if (!isTcp())
        return;
    switch (row.connectionEvent) {
    case PacketLogEntry::ConnectionEvent::Established:
        if (!m_tcp) {
            const auto [client, server] = ipEndpoints();
            m_tcp.emplace(client, server);
            addSegments(m_tcp->open());
        }
        break;
    case PacketLogEntry::ConnectionEvent::Closed:
    case PacketLogEntry::ConnectionEvent::ClosedByPeer:
        if (m_tcp && !m_tcp->isClosed())
            addSegments(
                m_tcp->close(row.connectionEvent == PacketLogEntry::ConnectionEvent::ClosedByPeer
                                 ? TcpConversation::Server
                                 : TcpConversation::Client));
        break;
    case PacketLogEntry::ConnectionEvent::None: break;
    }
}

void SessionCapture::addTcpData(const PacketLogEntry &row, QStringList comments)
{
    if (!m_tcp) {
        // The log no longer has the row of the handshake: it goes before the data.
        const auto [client, server] = ipEndpoints();
        m_tcp.emplace(client, server);
        addSegments(m_tcp->open());
    }
    addSegments(m_tcp->send(row.direction == PacketLogEntry::Direction::Sent
                                ? TcpConversation::Client
                                : TcpConversation::Server,
                            row.raw),
                std::move(comments));
}

void SessionCapture::addDatagram(const PacketLogEntry &row, QStringList comments)
{
    auto [client, server] = ipEndpoints();
    if (row.direction == PacketLogEntry::Direction::Received)
        std::swap(client, server);
    const IpPacketBuilder builder(client, server);
    QByteArrayView payload = row.raw;
    if (payload.size() > builder.maxUdpPayload()) {
        // No UDP datagram is that large; a log made by hand can say otherwise.
        comments.append(tr("cut to %1 of %2 bytes: more than an IP packet holds")
                            .arg(builder.maxUdpPayload())
                            .arg(payload.size()));
        payload = payload.first(builder.maxUdpPayload());
    }
    addFrame(builder.udpDatagram(payload), std::move(comments));
}

void SessionCapture::addUnixRecords(const PacketLogEntry &row, QStringList comments)
{
    const bool datagram = m_transport == ConnectionSettings::Transport::UnixDatagram;
    const QByteArray peer = row.peer.toUtf8();
    for (qsizetype offset = 0; offset < row.raw.size(); offset += MaxUnixRecordPayload) {
        const qsizetype size = std::min<qsizetype>(MaxUnixRecordPayload, row.raw.size() - offset);
        const bool continued = offset + size < row.raw.size();
        addFrame(unixRecordHeader(row.direction, datagram, continued, peer)
                     + row.raw.sliced(offset, size),
                 std::exchange(comments, {}));
    }
}

void SessionCapture::addFrame(QByteArray data, QStringList comments)
{
    m_frames.push_back({m_time, std::move(data), std::exchange(m_pendingComments, {}) + comments});
}

void SessionCapture::addSegments(const QList<TcpConversation::Segment> &segments,
                                 QStringList comments)
{
    for (const TcpConversation::Segment &segment : segments)
        addFrame(segment.packet, segment.carriesData ? std::exchange(comments, {}) : QStringList());
}

QStringList SessionCapture::rowComments(const PacketLogEntry &row)
{
    QStringList comments;
    if (row.isParseError)
        comments.append(tr("parse error at byte %1 of %n byte(s): %2", nullptr, int(row.errorSize))
                            .arg(row.errorOffset)
                            .arg(row.message));
    else if (const QString value = row.valueText(); value.size() > MaxValueComment)
        comments.append(
            tr("%1… (%n characters)", nullptr, int(value.size())).arg(value.left(MaxValueComment)));
    else
        comments.append(value);
    if (!row.rawIsExact)
        comments.append(tr("bytes the protocol wrote again from the value: the peer's own "
                           "were not seen"));
    if (!row.isParseError && !row.message.isEmpty())
        comments.append(row.message);
    if (!row.descriptors.isEmpty())
        comments.append(tr("descriptors: %1").arg(row.descriptors.join(QStringLiteral("; "))));
    return comments;
}

std::pair<IpPacketBuilder::Endpoint, IpPacketBuilder::Endpoint> SessionCapture::ipEndpoints() const
{
    const Endpoints names = m_endpoints.value(m_connection);
    std::optional<IpPacketBuilder::Endpoint> server = parseEndpoint(names.peer);
    std::optional<IpPacketBuilder::Endpoint> client = parseEndpoint(names.local);
    const QAbstractSocket::NetworkLayerProtocol family = server ? server->address.protocol()
        : client                                                ? client->address.protocol()
                                                                : QAbstractSocket::IPv4Protocol;
    const QHostAddress loopback(family == QAbstractSocket::IPv6Protocol
                                    ? QHostAddress::LocalHostIPv6
                                    : QHostAddress::LocalHost);
    if (!server || server->address.protocol() != family)
        server = IpPacketBuilder::Endpoint {loopback, namedPort(names.peer)};
    if (!client || client->address.protocol() != family)
        client = IpPacketBuilder::Endpoint {
            loopback, quint16(PlaceholderLocalPortBase + m_connection % 10000)};
    return {*client, *server};
}

bool SessionCapture::exportSession(ConsoleSession &session, const QString &path, QString *error)
{
    PacketLogModel &log = *session.log();
    log.flush();
    QList<PacketLogEntry> rows;
    rows.reserve(log.rowCount());
    for (int row = 0; row < log.rowCount(); ++row)
        rows.append(log.entry(row));
    const ConnectionSettings &settings = *session.settings();
    QStringList description {tr("EasyNet console session with %1, protocol %2")
                                 .arg(settings.url(), settings.protocol()->spec())};
    if (settings.isSecureTransport())
        description.append(tr("The payload is the application data as the console sent and "
                              "received it, decrypted."));
    if (log.droppedRows() > 0)
        description.append(tr("The log had dropped %n older row(s) before this export.", nullptr,
                              int(log.droppedRows())));
    SessionCapture capture(settings.transport(), description);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !capture.write(rows, &file) || !file.commit()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace EasyNetConsole
