#include "qmludpclient.h"

#include <EasyNet/udpclient.h>

namespace EasyNetQml {

QmlUdpClient::QmlUdpClient(QObject *parent) : QmlAbstractClient(parent) { }

EasyNet::AbstractClient *QmlUdpClient::createClient()
{
    auto *client = new EasyNet::UdpClient(this);
    client->setHost(m_host);
    client->setPort(portNumber(m_port));
    client->setProtocol(datagramProtocol());
    return client;
}

} // namespace EasyNetQml
