#include "qmltcpclient.h"

#include <EasyNet/tcpclient.h>

namespace EasyNetQml {

QmlTcpClient::QmlTcpClient(QObject *parent)
    : QmlAbstractClient(parent), m_tls(new QmlTlsOptions(this)), m_proxy(new QmlProxyOptions(this))
{
    connect(m_tls, &QmlTlsOptions::changed, this, &QmlTcpClient::optionChanged);
    connect(m_proxy, &QmlProxyOptions::changed, this, &QmlTcpClient::optionChanged);
}

EasyNet::AbstractClient *QmlTcpClient::createClient()
{
    QString why;
    std::optional<QSslConfiguration> tls;
    if (m_tls->isEnabled()) {
        tls = m_tls->configuration(&why);
        if (!tls) {
            reportError(EasyNet::Error(EasyNet::ErrorCode::InvalidArgument, why));
            return nullptr;
        }
    }
    const std::optional<QNetworkProxy> proxy = m_proxy->proxy(&why);
    if (!proxy) {
        reportError(EasyNet::Error(EasyNet::ErrorCode::InvalidArgument, why));
        return nullptr;
    }
    auto *client = new EasyNet::TcpClient(this);
    client->setHost(m_host);
    client->setPort(portNumber(m_port));
    client->setProtocol(streamProtocol());
    client->setProxy(*proxy);
    if (tls) {
        client->setSslConfiguration(*tls);
        if (!m_tls->serverName().isEmpty())
            client->setServerHostname(m_tls->serverName());
    }
    return client;
}

} // namespace EasyNetQml
