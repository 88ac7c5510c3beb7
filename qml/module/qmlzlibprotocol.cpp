#include "qmlzlibprotocol.h"

#include <EasyNet/zlibserializer.h>

namespace EasyNetQml {

using EasyNet::ZlibSerializer;

QmlZlibProtocol::QmlZlibProtocol(QObject *parent)
    : QmlWrappingProtocol(parent), m_level(ZlibSerializer::DefaultCompressionLevel)
{
}

std::shared_ptr<const QmlAbstractProtocol::Serializer>
QmlZlibProtocol::createSerializer(QString *error) const
{
    auto inner = innerSerializer(error);
    if (!inner)
        return nullptr;
    return std::make_shared<ZlibSerializer>(std::move(inner), m_level); // may throw
}

} // namespace EasyNetQml
