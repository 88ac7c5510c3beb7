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

} // namespace EasyNetQml
