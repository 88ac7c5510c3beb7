#include "tcpconversation.h"

#include <QtCore/QtEndian>

#include <algorithm>

namespace EasyNetConsole {

namespace {

// Fixed initial sequence numbers: the same log gives the same file.
constexpr quint32 ClientInitialSequence = 1000000;
constexpr quint32 ServerInitialSequence = 2000000;

} // namespace

TcpConversation::TcpConversation(IpPacketBuilder::Endpoint client, IpPacketBuilder::Endpoint server)
    : m_client {IpPacketBuilder(client, server), ClientInitialSequence, 0}
    , m_server {IpPacketBuilder(server, client), ServerInitialSequence, 0}
{
}

int TcpConversation::mss() const
{
    return m_client.builder.isIpv6() ? Ipv6Mss : Ipv4Mss;
}

TcpConversation::Segment TcpConversation::segment(Side from, quint8 flags, QByteArrayView options,
                                                  QByteArrayView payload)
{
    State &self = side(from);
    const State &other = side(from == Client ? Server : Client);
    const quint32 acknowledgement = (flags & IpPacketBuilder::Ack) ? other.next : 0;
    Segment result {
        from, self.builder.tcpSegment(self.next, acknowledgement, flags, Window, options, payload),
        !payload.isEmpty()};
    if (flags & IpPacketBuilder::Ack)
        self.acked = acknowledgement;
    // SYN and FIN take a sequence number each.
    self.next += quint32(payload.size()) + ((flags & IpPacketBuilder::Syn) ? 1 : 0)
        + ((flags & IpPacketBuilder::Fin) ? 1 : 0);
    return result;
}

QList<TcpConversation::Segment> TcpConversation::open()
{
    m_open = true;
    char mssOption[4] = {2, 4}; // kind MSS, length 4, the value
    qToBigEndian(quint16(mss()), mssOption + 2);
    const QByteArrayView options(mssOption, sizeof mssOption);
    return {segment(Client, IpPacketBuilder::Syn, options),
            segment(Server, IpPacketBuilder::Syn | IpPacketBuilder::Ack, options),
            segment(Client, IpPacketBuilder::Ack)};
}

QList<TcpConversation::Segment> TcpConversation::send(Side from, QByteArrayView bytes)
{
    QList<Segment> segments;
    const Side to = from == Client ? Server : Client;
    for (qsizetype offset = 0; offset < bytes.size(); offset += mss()) {
        const QByteArrayView chunk
            = bytes.sliced(offset, std::min<qsizetype>(mss(), bytes.size() - offset));
        const quint32 unacknowledged = side(from).next - side(to).acked;
        if (unacknowledged + quint32(chunk.size()) > Window / 2)
            segments.append(segment(to, IpPacketBuilder::Ack));
        const bool last = offset + chunk.size() == bytes.size();
        segments.append(
            segment(from, IpPacketBuilder::Ack | (last ? IpPacketBuilder::Psh : 0), {}, chunk));
    }
    return segments;
}

QList<TcpConversation::Segment> TcpConversation::close(Side first)
{
    m_closed = true;
    const Side second = first == Client ? Server : Client;
    return {segment(first, IpPacketBuilder::Fin | IpPacketBuilder::Ack),
            segment(second, IpPacketBuilder::Fin | IpPacketBuilder::Ack),
            segment(first, IpPacketBuilder::Ack)};
}

} // namespace EasyNetConsole
