// ProxyRoute: which proxy a TCP connection goes through, as QTcpSocket decides
// it: DefaultProxy asks QNetworkProxyFactory (the application proxy unless a
// factory says otherwise), NoProxy is direct, Socks5Proxy and HttpProxy
// tunnel. Shared by both client forms; no I/O.
#pragma once

#include <EasyNet/errors.h>

#include <QtNetwork/QNetworkProxy>

namespace EasyNet {

class ProxyRoute
{
public:
    // Whether a client takes a proxy of this type at all.
    static bool isSupported(QNetworkProxy::ProxyType type);

    // The proxy to go through to host:port: NoProxy, Socks5Proxy or
    // HttpProxy. DefaultProxy is resolved through QNetworkProxyFactory, whose
    // first proxy that can tunnel a TCP connection is taken.
    static QNetworkProxy resolve(const QNetworkProxy &configured, const QString &host,
                                 quint16 port);
    static bool isTunnel(const QNetworkProxy &proxy)
    {
        return proxy.type() == QNetworkProxy::Socks5Proxy
            || proxy.type() == QNetworkProxy::HttpProxy;
    }

    // What a failure to reach the proxy itself means to the caller: the
    // proxy's name did not resolve (ProxyNotFound), or it refused or could not
    // be reached (ProxyConnectionRefused); a timeout stays a timeout.
    static Error unreachable(const QNetworkProxy &proxy, const Error &error);
};

} // namespace EasyNet
