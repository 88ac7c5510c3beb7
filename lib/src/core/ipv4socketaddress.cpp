#include <EasyNet/ipv4socketaddress.h>

#include "socketaddressparsing_p.h"

#include <QtCore/QHashFunctions>

namespace EasyNet {

IPv4SocketAddress::IPv4SocketAddress(const QHostAddress &host, quint16 port)
    : m_port(port)
{
    switch (host.protocol()) {
    case QAbstractSocket::IPv4Protocol:
        m_host = host;
        break;
    case QAbstractSocket::AnyIPProtocol: // QHostAddress::Any
        m_host = QHostAddress(QHostAddress::AnyIPv4);
        break;
    case QAbstractSocket::IPv6Protocol: {
        bool mapped = false;
        const quint32 ipv4 = host.toIPv4Address(&mapped);
        if (mapped)
            m_host = QHostAddress(ipv4);
        break;
    }
    default:
        break;
    }
    if (m_host.isNull())
        m_port = 0;
}

QString IPv4SocketAddress::toString() const
{
    if (isNull())
        return QString();
    return m_host.toString() + QLatin1Char(':') + QString::number(m_port);
}

IPv4SocketAddress IPv4SocketAddress::fromString(QStringView text, bool *ok)
{
    using namespace SocketAddressParsing;
    if (ok)
        *ok = false;
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return {};
    const auto port = parsePort(text.sliced(colon + 1));
    if (!port)
        return {};

    // Strict dotted quad: four decimal octets, no leading zeros.
    const QStringView host = text.first(colon);
    quint32 ipv4 = 0;
    qsizetype start = 0;
    for (int part = 0; part < 4; ++part) {
        qsizetype end = host.indexOf(QLatin1Char('.'), start);
        if (part == 3) {
            if (end >= 0)
                return {};
            end = host.size();
        } else if (end < 0) {
            return {};
        }
        const auto octet = parseDecimal(host.sliced(start, end - start), 3, 255);
        if (!octet)
            return {};
        ipv4 = (ipv4 << 8) | *octet;
        start = end + 1;
    }
    if (ok)
        *ok = true;
    return IPv4SocketAddress(QHostAddress(ipv4), *port);
}

size_t qHash(const IPv4SocketAddress &address, size_t seed) noexcept
{
    return qHashMulti(seed, address.host(), address.port());
}

QDebug operator<<(QDebug debug, const IPv4SocketAddress &address)
{
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "EasyNet::IPv4SocketAddress("
                              << (address.isNull() ? QStringLiteral("null") : address.toString())
                              << ')';
    return debug;
}

} // namespace EasyNet
