#include "qmlcborprotocol.h"

#include <EasyNet/cborserializer.h>

namespace EasyNetQml {

QmlCborProtocol::QmlCborProtocol(QObject *parent) : QmlAbstractProtocol(parent) { }

std::shared_ptr<const QmlAbstractProtocol::Serializer>
QmlCborProtocol::createSerializer(QString *) const
{
    return std::make_shared<EasyNet::CborSerializer>(EasyNet::MapForm::OrderedCborMap);
}

} // namespace EasyNetQml
