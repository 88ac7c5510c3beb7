// CborProtocol: packets as EasyNet::CborSerializer; maps keep their key order
// both ways (MapForm::OrderedCborMap, see JsPacket).
#pragma once

#include "qmlabstractprotocol.h"

namespace EasyNetQml {

class QmlCborProtocol : public QmlAbstractProtocol
{
    Q_OBJECT
    QML_NAMED_ELEMENT(CborProtocol)

public:
    explicit QmlCborProtocol(QObject *parent = nullptr);

protected:
    std::shared_ptr<const Serializer> createSerializer(QString *error) const override;
};

} // namespace EasyNetQml
