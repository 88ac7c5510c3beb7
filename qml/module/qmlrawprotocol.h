// RawProtocol: packets as EasyNet::RawSerializer.
#pragma once

#include "qmlabstractprotocol.h"

namespace EasyNetQml {

class QmlRawProtocol : public QmlAbstractProtocol
{
    Q_OBJECT
    QML_NAMED_ELEMENT(RawProtocol)

public:
    explicit QmlRawProtocol(QObject *parent = nullptr);

protected:
    std::shared_ptr<const Serializer> createSerializer(QString *error) const override;
};

} // namespace EasyNetQml
