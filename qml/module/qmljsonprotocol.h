// JsonProtocol: packets as EasyNet::JsonSerializer; objects keep their key order
// both ways (MapForm::OrderedCborMap, see JsPacket).
#pragma once

#include "qmlabstractprotocol.h"

namespace EasyNetQml {

class QmlJsonProtocol : public QmlAbstractProtocol
{
    Q_OBJECT
    QML_NAMED_ELEMENT(JsonProtocol)

public:
    explicit QmlJsonProtocol(QObject *parent = nullptr);

protected:
    std::shared_ptr<const Serializer> createSerializer(QString *error) const override;
};

} // namespace EasyNetQml
