#include "qmltcpclient.h"

#include <EasyNet/tcpclient.h>

namespace EasyNetQml {

QmlTcpClient::QmlTcpClient(QObject *parent)
    : QmlAbstractClient(parent), m_tls(new QmlTlsOptions(this))
{
    connect(m_tls, &QmlTlsOptions::changed, this, &QmlTcpClient::optionChanged);
}

EasyNet::AbstractClient *QmlTcpClient::createClient()
{
    std::optional<QSslConfiguration> tls;
    if (m_tls->isEnabled()) {
        QString why;
        tls = m_tls->configuration(&why);
        if (!tls) {
            reportError(EasyNet::Error(EasyNet::ErrorCode::InvalidArgument, why));
            return nullptr;
        }
    }
    auto *client = new EasyNet::TcpClient(this);
    client->setHost(m_host);
    client->setPort(portNumber(m_port));
    client->setProtocol(streamProtocol());
    if (tls) {
        client->setSslConfiguration(*tls);
        if (!m_tls->serverName().isEmpty())
            client->setServerHostname(m_tls->serverName());
    }
    return client;
}

} // namespace EasyNetQml
