#include "qmludpclient.h"

#include <EasyNet/udpclient.h>

#include <memory>

namespace EasyNetQml {

QmlUdpClient::QmlUdpClient(QObject *parent)
    : QmlAbstractClient(parent), m_tls(new QmlTlsOptions(this))
{
    connect(m_tls, &QmlTlsOptions::changed, this, &QmlUdpClient::optionChanged);
}

EasyNet::AbstractClient *QmlUdpClient::createClient()
{
    auto client = std::make_unique<EasyNet::UdpClient>(this);
    if (QString why; !m_tls->applyTo(*client, &why)) {
        reportError(EasyNet::Error(EasyNet::ErrorCode::InvalidArgument, why));
        return nullptr;
    }
    client->setHost(m_host);
    client->setPort(portNumber(m_port));
    client->setProtocol(datagramProtocol());
    return client.release();
}

} // namespace EasyNetQml
