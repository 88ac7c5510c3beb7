// HttpConnectHandshake: an HTTP proxy's tunnel (CONNECT, RFC 9110 9.3.6),
// with Basic authentication sent at once when the proxy has a user. A 2xx
// answer opens the tunnel; what follows its header belongs to the tunnel.
// Interim (1xx) answers before it are read and passed over. 407, and the 401
// some proxies (tinyproxy) send for wrong credentials, are authentication
// failures.
// See ProxyHandshake for how it is driven.
#pragma once

#include "transport/proxyhandshake_p.h"

namespace EasyNet {

class HttpConnectHandshake final : public ProxyHandshake
{
public:
    HttpConnectHandshake(const QNetworkProxy &proxy, const QString &host, quint16 port);

    qsizetype feed(QByteArrayView input) override;

    // The longest answer header taken before it counts as garbage.
    static constexpr qsizetype MaxHeaderSize = 16 * 1024;

private:
    void onHeader();

    QByteArray m_header;
    bool m_sentCredentials = false;
};

} // namespace EasyNet
