// UnixStreamClient in QML: an EasyNet::UnixStreamClient (a fresh one per
// activation); see QmlUnixClient.
#pragma once

#include "qmlunixclient.h"

namespace EasyNetQml {

class QmlUnixStreamClient : public QmlUnixClient
{
    Q_OBJECT
    QML_NAMED_ELEMENT(UnixStreamClient)

public:
    explicit QmlUnixStreamClient(QObject *parent = nullptr);

protected:
    EasyNet::AbstractClient *createClient() override;
    QFuture<void> sendPacket(EasyNet::AbstractClient &client, const QVariant &packet,
                             const EasyNet::SocketAncillary &ancillary) override;
    QFuture<QVariant> receivePacket(EasyNet::AbstractClient &client,
                                    const EasyNet::SocketAncillary &ancillary) override;
};

} // namespace EasyNetQml
