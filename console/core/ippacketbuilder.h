// IpPacketBuilder: IPv4 and IPv6 packets carrying a TCP segment or a UDP
// datagram, headers and checksums (IP header, TCP and UDP over the pseudo
// header) computed as a real stack would, for captures made up from a
// session's log (SessionCapture). One builder is one direction of a flow:
//
//   IpPacketBuilder toServer({QHostAddress::LocalHost, 50000}, {QHostAddress::LocalHost, 9000});
//   QByteArray syn = toServer.tcpSegment(1000, 0, IpPacketBuilder::Syn, {}, mssOption);
//   QByteArray datagram = toServer.udpDatagram("ping");
//
// IPv4 packets have Don't Fragment set and identification 0 (RFC 6864), TTL
// 64; IPv6 packets hop limit 64, no extension headers. The caller keeps a
// payload within maxTcpPayload() / maxUdpPayload().
#pragma once

#include <QtCore/QByteArray>
#include <QtNetwork/QHostAddress>

namespace EasyNetConsole {

class IpPacketBuilder
{
public:
    struct Endpoint
    {
        QHostAddress address;
        quint16 port = 0;
    };

    // TCP header flags.
    enum TcpFlag : quint8 { Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10 };

    // source and destination: of the same family (IPv4 or IPv6).
    IpPacketBuilder(Endpoint source, Endpoint destination);

    Endpoint source() const { return m_source; }
    Endpoint destination() const { return m_destination; }
    bool isIpv6() const;

    // A TCP segment in an IP packet; options: whole TCP options, padded to
    // 32 bits by the caller (an MSS option is 4 bytes).
    QByteArray tcpSegment(quint32 sequence, quint32 acknowledgement, quint8 flags, quint16 window,
                          QByteArrayView options = {}, QByteArrayView payload = {}) const;
    // A UDP datagram in an IP packet.
    QByteArray udpDatagram(QByteArrayView payload) const;

    // The largest payloads one packet of this family holds (its length fields' limit).
    qsizetype maxUdpPayload() const;
    qsizetype maxTcpPayload(qsizetype optionsSize = 0) const;

    // The Internet checksum (RFC 1071) of bytes, starting from a partial sum.
    static quint16 checksum(QByteArrayView bytes, quint32 partialSum = 0);

private:
    // The IP header for a payload of the protocol (6 TCP, 17 UDP), and the
    // partial checksum of the transport's pseudo header.
    QByteArray ipHeader(quint8 protocol, qsizetype payloadSize) const;
    quint32 pseudoHeaderSum(quint8 protocol, qsizetype transportSize) const;
    QByteArray packet(quint8 protocol, QByteArray transport, int checksumOffset) const;

    Endpoint m_source;
    Endpoint m_destination;
};

} // namespace EasyNetConsole
