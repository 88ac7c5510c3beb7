/// \class EasyNet::IPv4SocketAddress
/// IPv4SocketAddress: an IPv4 host address and a port, as a value type.
///
/// Text form: "127.0.0.1:80" (dotted quad, decimal port 0-65535). fromString() is
/// strict: no leading zeros in an octet, no whitespace, no host names.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QDebug>
#include <QtCore/QMetaType>
#include <QtCore/QString>
#include <QtCore/QStringView>
#include <QtNetwork/QHostAddress>

namespace EasyNet {

class EASYNET_EXPORT IPv4SocketAddress
{
public:
    /// A null address (no host, port 0).
    IPv4SocketAddress() = default;
    /// host must be an IPv4 address (an IPv4-mapped IPv6 address is converted);
    /// anything else gives a null address.
    IPv4SocketAddress(const QHostAddress &host, quint16 port);

    /// The IPv4 host address; null for a null address.
    QHostAddress host() const { return m_host; }
    /// The port.
    quint16 port() const noexcept { return m_port; }
    /// True without a host.
    bool isNull() const { return m_host.isNull(); }

    /// "127.0.0.1:80"; an empty string for a null address.
    QString toString() const;
    /// Parses the toString() form; a null address and *ok = false on bad input.
    static IPv4SocketAddress fromString(QStringView text, bool *ok = nullptr);

    /// Equal when host and port are.
    friend bool operator==(const IPv4SocketAddress &a, const IPv4SocketAddress &b)
    {
        return a.m_port == b.m_port && a.m_host == b.m_host;
    }
    /// The negation of operator==.
    friend bool operator!=(const IPv4SocketAddress &a, const IPv4SocketAddress &b)
    {
        return !(a == b);
    }

private:
    QHostAddress m_host;
    quint16 m_port = 0;
};

/// A hash of address, for QHash and QSet.
EASYNET_EXPORT size_t qHash(const IPv4SocketAddress &address, size_t seed = 0) noexcept;
/// Prints address in its toString() form.
EASYNET_EXPORT QDebug operator<<(QDebug debug, const IPv4SocketAddress &address);

} // namespace EasyNet

Q_DECLARE_METATYPE(EasyNet::IPv4SocketAddress)
