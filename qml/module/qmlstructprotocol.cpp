#include "qmlstructprotocol.h"

#include <EasyNet/structserializer.h>

namespace EasyNetQml {

QmlStructProtocol::QmlStructProtocol(QObject *parent) : QmlAbstractProtocol(parent) { }

std::shared_ptr<const QmlAbstractProtocol::Serializer>
QmlStructProtocol::createSerializer(QString *error) const
{
    QString why;
    std::shared_ptr<const Serializer> serializer
        = EasyNet::StructSerializer::fromFormat(m_format, &why);
    if (!serializer)
        *error = tr("StructProtocol: %1").arg(why);
    return serializer;
}

} // namespace EasyNetQml
