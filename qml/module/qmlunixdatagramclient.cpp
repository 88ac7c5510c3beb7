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

} // namespace EasyNetQml
