// MsgPackProtocol: packets as EasyNet::MsgPackSerializer.
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
