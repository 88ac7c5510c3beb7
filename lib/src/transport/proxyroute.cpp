#include "transport/proxyroute_p.h"

#include <QtNetwork/QNetworkProxyFactory>

namespace EasyNet {

bool ProxyRoute::isSupported(QNetworkProxy::ProxyType type)
{
    return type == QNetworkProxy::DefaultProxy || type == QNetworkProxy::NoProxy
        || type == QNetworkProxy::Socks5Proxy || type == QNetworkProxy::HttpProxy;
}

QNetworkProxy ProxyRoute::resolve(const QNetworkProxy &configured, const QString &host,
                                  quint16 port)
{
    if (configured.type() != QNetworkProxy::DefaultProxy)
        return configured;
    const QNetworkProxyQuery query(host, int(port), QString(), QNetworkProxyQuery::TcpSocket);
    for (const QNetworkProxy &candidate : QNetworkProxyFactory::proxyForQuery(query)) {
        if (candidate.type() == QNetworkProxy::NoProxy
            || candidate.type() == QNetworkProxy::DefaultProxy)
            return QNetworkProxy(QNetworkProxy::NoProxy);
        if (isTunnel(candidate)
            && candidate.capabilities().testFlag(QNetworkProxy::TunnelingCapability))
            return candidate;
    }
    return QNetworkProxy(QNetworkProxy::NoProxy);
}

Error ProxyRoute::unreachable(const QNetworkProxy &proxy, const Error &error)
{
    const QString where = QStringLiteral("proxy %1:%2: ").arg(proxy.hostName()).arg(proxy.port());
    switch (error.code()) {
    case ErrorCode::HostNotFound:
        return Error(ErrorCode::ProxyNotFound, where + error.message(), error.osErrno());
    case ErrorCode::Timeout:
        return Error(ErrorCode::Timeout, where + error.message(), error.osErrno());
    default:
        return Error(ErrorCode::ProxyConnectionRefused, where + error.message(), error.osErrno());
    }
}

} // namespace EasyNet
