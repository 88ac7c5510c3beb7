#include "qmlunixstreamclient.h"

#include <EasyNet/unixstreamclient.h>

namespace EasyNetQml {

using EasyNet::UnixStreamClient;

QmlUnixStreamClient::QmlUnixStreamClient(QObject *parent) : QmlUnixClient(parent) { }

EasyNet::AbstractClient *QmlUnixStreamClient::createClient()
{
    auto *client = configured(new UnixStreamClient(this));
    client->setProtocol(streamProtocol());
    return client;
}

QFuture<void> QmlUnixStreamClient::sendPacket(EasyNet::AbstractClient &client,
                                              const QVariant &packet,
                                              const EasyNet::SocketAncillary &ancillary)
{
    return static_cast<UnixStreamClient &>(client).sendPacket(packet, ancillary);
}

QFuture<QVariant> QmlUnixStreamClient::receivePacket(EasyNet::AbstractClient &client,
                                                     const EasyNet::SocketAncillary &ancillary)
{
    return static_cast<UnixStreamClient &>(client).recvPacket(ancillary);
}

} // namespace EasyNetQml
