// UnixDatagramClient in QML: an EasyNet::UnixDatagramClient (a fresh one per
// activation); see QmlUnixClient.
#pragma once

#include "qmlunixclient.h"

namespace EasyNetQml {

class QmlUnixDatagramClient : public QmlUnixClient
{
    Q_OBJECT
    QML_NAMED_ELEMENT(UnixDatagramClient)

public:
    explicit QmlUnixDatagramClient(QObject *parent = nullptr);

protected:
    EasyNet::AbstractClient *createClient() override;
    QFuture<void> sendPacket(EasyNet::AbstractClient &client, const QVariant &packet,
                             const EasyNet::SocketAncillary &ancillary) override;
    QFuture<QVariant> receivePacket(EasyNet::AbstractClient &client,
                                    const EasyNet::SocketAncillary &ancillary) override;
};

} // namespace EasyNetQml
