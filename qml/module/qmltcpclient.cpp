#include "qmltcpclient.h"

#include <EasyNet/tcpclient.h>

#include <memory>

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
    const std::optional<QNetworkProxy> proxy = m_proxy->proxy(&why);
    auto client = std::make_unique<EasyNet::TcpClient>(this);
    if (!proxy || !m_tls->applyTo(*client, &why)) {
        reportError(EasyNet::Error(EasyNet::ErrorCode::InvalidArgument, why));
        return nullptr;
    }
    client->setHost(m_host);
    client->setPort(portNumber(m_port));
    client->setProtocol(streamProtocol());
    client->setProxy(*proxy);
    return client.release();
}

} // namespace EasyNetQml
