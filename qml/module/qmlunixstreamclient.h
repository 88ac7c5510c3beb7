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
};

} // namespace EasyNetQml
