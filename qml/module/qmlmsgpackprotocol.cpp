#include "qmlmsgpackprotocol.h"

#include <EasyNet/msgpackserializer.h>

namespace EasyNetQml {

QmlMsgPackProtocol::QmlMsgPackProtocol(QObject *parent) : QmlAbstractProtocol(parent) { }

std::shared_ptr<const QmlAbstractProtocol::Serializer>
QmlMsgPackProtocol::createSerializer(QString *) const
{
    return std::make_shared<EasyNet::MsgPackSerializer>(EasyNet::MapForm::OrderedCborMap);
}

} // namespace EasyNetQml
