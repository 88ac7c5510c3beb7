#include "qmlrawprotocol.h"

#include <EasyNet/rawserializer.h>

namespace EasyNetQml {

QmlRawProtocol::QmlRawProtocol(QObject *parent) : QmlAbstractProtocol(parent) { }

std::shared_ptr<const QmlAbstractProtocol::Serializer>
QmlRawProtocol::createSerializer(QString *) const
{
    return std::make_shared<EasyNet::RawSerializer>();
}

} // namespace EasyNetQml
