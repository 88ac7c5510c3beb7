#include "qmlunixdatagramclient.h"

#include <EasyNet/unixdatagramclient.h>

namespace EasyNetQml {

using EasyNet::UnixDatagramClient;

QmlUnixDatagramClient::QmlUnixDatagramClient(QObject *parent) : QmlUnixClient(parent) { }

EasyNet::AbstractClient *QmlUnixDatagramClient::createClient()
{
    auto *client = configured(new UnixDatagramClient(this));
    client->setProtocol(datagramProtocol());
    return client;
}

QFuture<void> QmlUnixDatagramClient::sendPacket(EasyNet::AbstractClient &client,
                                                const QVariant &packet,
                                                const EasyNet::SocketAncillary &ancillary)
{
    return static_cast<UnixDatagramClient &>(client).sendPacket(packet, ancillary);
}

QFuture<QVariant> QmlUnixDatagramClient::receivePacket(EasyNet::AbstractClient &client,
                                                       const EasyNet::SocketAncillary &ancillary)
{
    return static_cast<UnixDatagramClient &>(client).recvPacket(ancillary);
}

} // namespace EasyNetQml
