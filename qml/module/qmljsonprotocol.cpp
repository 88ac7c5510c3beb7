#include "qmljsonprotocol.h"

#include <EasyNet/jsonserializer.h>

namespace EasyNetQml {

QmlJsonProtocol::QmlJsonProtocol(QObject *parent) : QmlAbstractProtocol(parent) { }

std::shared_ptr<const QmlAbstractProtocol::Serializer>
QmlJsonProtocol::createSerializer(QString *) const
{
    return std::make_shared<EasyNet::JsonSerializer>(EasyNet::MapForm::OrderedCborMap);
}

} // namespace EasyNetQml
