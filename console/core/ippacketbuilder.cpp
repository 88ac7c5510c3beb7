#include "ippacketbuilder.h"

#include <QtCore/QtEndian>

#include <utility>

namespace EasyNetConsole {

namespace {

constexpr quint8 ProtocolTcp = 6;
constexpr quint8 ProtocolUdp = 17;
constexpr int Ipv4HeaderSize = 20;
constexpr int Ipv6HeaderSize = 40;
constexpr int TcpHeaderSize = 20;
constexpr int UdpHeaderSize = 8;
constexpr quint8 HopLimit = 64;

void appendU16(QByteArray &out, quint16 value)
{
    char bytes[2];
    qToBigEndian(value, bytes);
    out.append(bytes, 2);
}

void appendU32(QByteArray &out, quint32 value)
{
    char bytes[4];
    qToBigEndian(value, bytes);
    out.append(bytes, 4);
}

void putU16(QByteArray &out, qsizetype offset, quint16 value)
{
    qToBigEndian(value, out.data() + offset);
}

QByteArray addressBytes(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR ipv6 = address.toIPv6Address();
        return QByteArray(reinterpret_cast<const char *>(ipv6.c), 16);
    }
    QByteArray bytes;
    appendU32(bytes, address.toIPv4Address());
    return bytes;
}

quint32 sumWords(QByteArrayView bytes)
{
    quint64 sum = 0;
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    qsizetype i = 0;
    for (; i + 1 < bytes.size(); i += 2)
        sum += quint32(data[i]) << 8 | data[i + 1];
    if (i < bytes.size())
        sum += quint32(data[i]) << 8; // an odd last byte, padded with zero
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint32(sum);
}

} // namespace

IpPacketBuilder::IpPacketBuilder(Endpoint source, Endpoint destination)
    : m_source(std::move(source)), m_destination(std::move(destination))
{
}

bool IpPacketBuilder::isIpv6() const
{
    return m_source.address.protocol() == QAbstractSocket::IPv6Protocol;
}

quint16 IpPacketBuilder::checksum(QByteArrayView bytes, quint32 partialSum)
{
    quint32 sum = sumWords(bytes) + partialSum;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

qsizetype IpPacketBuilder::maxUdpPayload() const
{
    // IPv4: the total length (16 bits) counts the IP header; IPv6's payload
    // length does not.
    return 0xffff - UdpHeaderSize - (isIpv6() ? 0 : Ipv4HeaderSize);
}

qsizetype IpPacketBuilder::maxTcpPayload(qsizetype optionsSize) const
{
    return 0xffff - TcpHeaderSize - optionsSize - (isIpv6() ? 0 : Ipv4HeaderSize);
}

QByteArray IpPacketBuilder::ipHeader(quint8 protocol, qsizetype payloadSize) const
{
    QByteArray header;
    if (isIpv6()) {
        appendU32(header, 0x60000000); // version 6, traffic class 0, flow label 0
        appendU16(header, quint16(payloadSize));
        header.append(char(protocol));
        header.append(char(HopLimit));
        header.append(addressBytes(m_source.address));
        header.append(addressBytes(m_destination.address));
        return header;
    }
    header.append(char(0x45)); // version 4, header of 5 words
    header.append('\0'); // DSCP, ECN
    appendU16(header, quint16(Ipv4HeaderSize + payloadSize));
    appendU16(header, 0); // identification
    appendU16(header, 0x4000); // Don't Fragment, offset 0
    header.append(char(HopLimit));
    header.append(char(protocol));
    appendU16(header, 0); // the checksum, below
    header.append(addressBytes(m_source.address));
    header.append(addressBytes(m_destination.address));
    putU16(header, 10, checksum(header));
    return header;
}

quint32 IpPacketBuilder::pseudoHeaderSum(quint8 protocol, qsizetype transportSize) const
{
    QByteArray pseudo = addressBytes(m_source.address) + addressBytes(m_destination.address);
    if (isIpv6()) {
        appendU32(pseudo, quint32(transportSize));
        appendU32(pseudo, protocol);
    } else {
        pseudo.append('\0');
        pseudo.append(char(protocol));
        appendU16(pseudo, quint16(transportSize));
    }
    return sumWords(pseudo);
}

QByteArray IpPacketBuilder::packet(quint8 protocol, QByteArray transport, int checksumOffset) const
{
    quint16 sum = checksum(transport, pseudoHeaderSum(protocol, transport.size()));
    if (protocol == ProtocolUdp && sum == 0)
        sum = 0xffff; // 0 would mean "no checksum"
    putU16(transport, checksumOffset, sum);
    return ipHeader(protocol, transport.size()) + transport;
}

QByteArray IpPacketBuilder::tcpSegment(quint32 sequence, quint32 acknowledgement, quint8 flags,
                                       quint16 window, QByteArrayView options,
                                       QByteArrayView payload) const
{
    QByteArray segment;
    segment.reserve(TcpHeaderSize + options.size() + payload.size());
    appendU16(segment, m_source.port);
    appendU16(segment, m_destination.port);
    appendU32(segment, sequence);
    appendU32(segment, acknowledgement);
    const int headerWords = int(TcpHeaderSize + options.size()) / 4;
    segment.append(char(headerWords << 4));
    segment.append(char(flags));
    appendU16(segment, window);
    appendU16(segment, 0); // the checksum, in packet()
    appendU16(segment, 0); // urgent pointer
    segment.append(options);
    segment.append(payload);
    return packet(ProtocolTcp, std::move(segment), 16);
}

QByteArray IpPacketBuilder::udpDatagram(QByteArrayView payload) const
{
    QByteArray datagram;
    datagram.reserve(UdpHeaderSize + payload.size());
    appendU16(datagram, m_source.port);
    appendU16(datagram, m_destination.port);
    appendU16(datagram, quint16(UdpHeaderSize + payload.size()));
    appendU16(datagram, 0); // the checksum, in packet()
    datagram.append(payload);
    return packet(ProtocolUdp, std::move(datagram), 6);
}

} // namespace EasyNetConsole
