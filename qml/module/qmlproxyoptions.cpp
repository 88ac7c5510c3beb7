#include "qmlproxyoptions.h"

namespace EasyNetQml {

QmlProxyOptions::QmlProxyOptions(QObject *parent) : QObject(parent) { }

std::optional<QNetworkProxy> QmlProxyOptions::proxy(QString *error) const
{
    switch (m_type) {
    case None: return QNetworkProxy(QNetworkProxy::NoProxy);
    case System: return QNetworkProxy(QNetworkProxy::DefaultProxy);
    case Socks5:
    case Http: break;
    }
    if (m_host.isEmpty() || m_port <= 0 || m_port > 0xffff) {
        *error = tr("proxy: Socks5 and Http need a host and a port from 1 to 65535");
        return std::nullopt;
    }
    return QNetworkProxy(m_type == Socks5 ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
                         m_host, quint16(m_port), m_user, m_password);
}

} // namespace EasyNetQml
