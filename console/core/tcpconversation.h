// TcpConversation: the TCP segments of one connection, made up from what was
// sent and received on it, so that a capture of it reads as a clean exchange
// (SessionCapture): a three-way handshake with an MSS option, data segments
// with sequence and acknowledgement numbers that follow each other both ways,
// and a FIN exchange. Each segment acknowledges everything the other side
// sent before it; data longer than the MSS is split into MSS-sized segments
// (PSH on the last); a side that has sent half a window (32 KiB) that the
// other has not acknowledged gets a pure ACK first, so no segment overruns
// the window. No window scaling, no SACK, no retransmissions.
//
//   TcpConversation tcp({QHostAddress::LocalHost, 50000}, {QHostAddress::LocalHost, 9000});
//   write(tcp.open());                            // SYN, SYN-ACK, ACK
//   write(tcp.send(TcpConversation::Client, "ping\n"));
//   write(tcp.send(TcpConversation::Server, "ping\n"));
//   write(tcp.close(TcpConversation::Client));    // FIN, FIN, ACK
#pragma once

#include "ippacketbuilder.h"

#include <QtCore/QList>

namespace EasyNetConsole {

class TcpConversation
{
public:
    enum Side { Client, Server };

    struct Segment
    {
        Side from = Client;
        QByteArray packet; // the IP packet
        bool carriesData = false;
    };

    static constexpr quint16 Window = 65535;
    // The MSS announced and used: Ethernet's MTU less the IPv4 or IPv6 and TCP headers.
    static constexpr int Ipv4Mss = 1460;
    static constexpr int Ipv6Mss = 1440;

    // client and server: of the same family.
    TcpConversation(IpPacketBuilder::Endpoint client, IpPacketBuilder::Endpoint server);

    bool isOpen() const { return m_open; }
    bool isClosed() const { return m_closed; }
    int mss() const;

    // The handshake; once, before send() and close().
    QList<Segment> open();
    // The bytes from one side, in segments of at most the MSS.
    QList<Segment> send(Side from, QByteArrayView bytes);
    // The FIN exchange, first the side that closed first; once, after open().
    QList<Segment> close(Side first);

private:
    struct State
    {
        IpPacketBuilder builder;
        quint32 next = 0; // the sequence number of the next byte this side sends
        quint32 acked = 0; // the last acknowledgement this side sent
    };
    State &side(Side side) { return side == Client ? m_client : m_server; }
    Segment segment(Side from, quint8 flags, QByteArrayView options = {},
                    QByteArrayView payload = {});

    State m_client;
    State m_server;
    bool m_open = false;
    bool m_closed = false;
};

} // namespace EasyNetConsole
