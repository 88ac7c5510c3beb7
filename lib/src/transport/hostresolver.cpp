#include "hostresolver_p.h"

#include "happyeyeballs_p.h"

#include <QtNetwork/QHostInfo>

#include <cerrno>

namespace EasyNet {

QHostAddress HostResolver::literal(const QString &host)
{
    QHostAddress address;
    return address.setAddress(host) ? address : QHostAddress();
}

HostResolver::Result HostResolver::resolve(const QString &host,
                                           QAbstractSocket::NetworkLayerProtocol family)
{
    const QHostAddress address = literal(host);
    if (!address.isNull())
        return filter(host, {address}, family);
    return fromLookup(host, QHostInfo::fromName(host), family);
}

HostResolver::Result HostResolver::fromLookup(const QString &host, const QHostInfo &info,
                                              QAbstractSocket::NetworkLayerProtocol family)
{
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
        return {{},
                Error(ErrorCode::HostNotFound,
                      QStringLiteral("cannot resolve %1: %2")
                          .arg(host,
                               info.error() != QHostInfo::NoError ? info.errorString()
                                                                  : QStringLiteral("no address")))};
    return filter(host, info.addresses(), family);
}

HostResolver::Result HostResolver::filter(const QString &host, const QList<QHostAddress> &addresses,
                                          QAbstractSocket::NetworkLayerProtocol family)
{
    QList<QHostAddress> kept;
    for (const QHostAddress &address : addresses) {
        if (family == QAbstractSocket::AnyIPProtocol || address.protocol() == family)
            kept.append(address);
    }
    if (kept.isEmpty())
        return {{},
                Error(ErrorCode::OSError,
                      QStringLiteral("%1 has no address of the requested family").arg(host),
                      EAFNOSUPPORT)};
    return {interleaveAddressFamilies(kept), Error()};
}

} // namespace EasyNet
