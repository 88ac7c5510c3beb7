/// \class EasyNet::IPv6SocketAddress
/// IPv6SocketAddress: an IPv6 host address, a port, the flow information and the
/// scope id (interface index) of a sockaddr_in6, as a value type.
///
/// Text form: "[::1]:80", or "[fe80::1%2]:80" when the scope id is not 0 (the scope
/// is printed as its number). fromString() also accepts an interface name as the
/// scope ("[fe80::1%lo]:80") when such an interface exists. The flow information is
/// not part of the text form.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QDebug>
#include <QtCore/QMetaType>
#include <QtCore/QString>
#include <QtCore/QStringView>
#include <QtNetwork/QHostAddress>

namespace EasyNet {

class EASYNET_EXPORT IPv6SocketAddress
{
public:
    /// A null address (no host, port 0).
    IPv6SocketAddress() = default;
    /// host must be an IPv6 address (IPv4-mapped ones included); anything else gives
    /// a null address. When scopeId is 0 and host carries a scope (QHostAddress's
    /// scopeId(), a number or an interface name), that scope's index is used.
    /// host() never carries a scope: it is scopeId().
    IPv6SocketAddress(const QHostAddress &host, quint16 port, quint32 flowInfo = 0,
                      quint32 scopeId = 0);

    /// The IPv6 host address, without a scope; null for a null address.
    QHostAddress host() const { return m_host; }
    /// The port.
    quint16 port() const noexcept { return m_port; }
    /// The flow information (sin6_flowinfo).
    quint32 flowInfo() const noexcept { return m_flowInfo; }
    /// The scope id: an interface index (sin6_scope_id), 0 for none.
    quint32 scopeId() const noexcept { return m_scopeId; }
    /// True without a host.
    bool isNull() const { return m_host.isNull(); }

    /// "[::1]:80", "[fe80::1%2]:80"; an empty string for a null address.
    QString toString() const;
    /// Parses the toString() form; a null address and *ok = false on bad input.
    static IPv6SocketAddress fromString(QStringView text, bool *ok = nullptr);

    /// Equal when host, port, flow information and scope id are.
    friend bool operator==(const IPv6SocketAddress &a, const IPv6SocketAddress &b)
    {
        return a.m_port == b.m_port && a.m_flowInfo == b.m_flowInfo
            && a.m_scopeId == b.m_scopeId && a.m_host == b.m_host;
    }
    /// The negation of operator==.
    friend bool operator!=(const IPv6SocketAddress &a, const IPv6SocketAddress &b)
    {
        return !(a == b);
    }

private:
    QHostAddress m_host;
    quint16 m_port = 0;
    quint32 m_flowInfo = 0;
    quint32 m_scopeId = 0;
};

/// A hash of address, for QHash and QSet.
EASYNET_EXPORT size_t qHash(const IPv6SocketAddress &address, size_t seed = 0) noexcept;
/// Prints address in its toString() form.
EASYNET_EXPORT QDebug operator<<(QDebug debug, const IPv6SocketAddress &address);

} // namespace EasyNet

Q_DECLARE_METATYPE(EasyNet::IPv6SocketAddress)
