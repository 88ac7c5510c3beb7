// MsgPackProtocol: packets as EasyNet::MsgPackSerializer; maps keep their key
// order both ways (MapForm::OrderedCborMap, see JsPacket).
#pragma once

#include "qmlabstractprotocol.h"

namespace EasyNetQml {

class QmlMsgPackProtocol : public QmlAbstractProtocol
{
    Q_OBJECT
    QML_NAMED_ELEMENT(MsgPackProtocol)

public:
    explicit QmlMsgPackProtocol(QObject *parent = nullptr);

protected:
    std::shared_ptr<const Serializer> createSerializer(QString *error) const override;
};

} // namespace EasyNetQml
