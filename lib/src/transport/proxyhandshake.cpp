#include "transport/proxyhandshake_p.h"

#include "transport/httpconnecthandshake_p.h"
#include "transport/socks5handshake_p.h"

namespace EasyNet {

std::unique_ptr<ProxyHandshake> ProxyHandshake::create(const QNetworkProxy &proxy,
                                                       const QString &host, quint16 port)
{
    if (proxy.type() == QNetworkProxy::Socks5Proxy)
        return std::make_unique<Socks5Handshake>(proxy, host, port);
    Q_ASSERT(proxy.type() == QNetworkProxy::HttpProxy);
    return std::make_unique<HttpConnectHandshake>(proxy, host, port);
}

void ProxyHandshake::endOfStream()
{
    if (m_status == Status::NeedMore)
        fail(ErrorCode::ProxyProtocolError,
             QStringLiteral("closed the connection before the tunnel was set up"));
}

void ProxyHandshake::fail(ErrorCode code, const QString &message, int osErrno)
{
    m_status = Status::Failed;
    m_error = Error(code, m_proxyName + QStringLiteral(": ") + message, osErrno);
}

void ProxyHandshake::failForTarget(ErrorCode code, const QString &message, int osErrno)
{
    m_status = Status::Failed;
    m_error = Error(code, ErrorCause::Proxy, m_proxyName + QStringLiteral(": ") + message, osErrno);
}

} // namespace EasyNet
