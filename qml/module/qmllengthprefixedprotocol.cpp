#include "qmllengthprefixedprotocol.h"

#include <EasyNet/lengthprefixedserializer.h>

namespace EasyNetQml {

using EasyNet::LengthPrefixedSerializer;

QmlLengthPrefixedProtocol::QmlLengthPrefixedProtocol(QObject *parent) : QmlAbstractProtocol(parent)
{
}

std::shared_ptr<const QmlAbstractProtocol::Serializer>
QmlLengthPrefixedProtocol::createSerializer(QString *error) const
{
    using HeaderSize = LengthPrefixedSerializer::HeaderSize;
    switch (m_headerSize) {
    case 1: return std::make_shared<LengthPrefixedSerializer>(HeaderSize::UInt8);
    case 2: return std::make_shared<LengthPrefixedSerializer>(HeaderSize::UInt16);
    case 4: return std::make_shared<LengthPrefixedSerializer>(HeaderSize::UInt32);
    default:
        *error
            = tr("LengthPrefixedProtocol: headerSize must be 1, 2 or 4, not %1").arg(m_headerSize);
        return nullptr;
    }
}

} // namespace EasyNetQml
