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
};

} // namespace EasyNetQml
