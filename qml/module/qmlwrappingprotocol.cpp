#include "qmlwrappingprotocol.h"

namespace EasyNetQml {

QmlWrappingProtocol::QmlWrappingProtocol(QObject *parent) : QmlAbstractProtocol(parent) { }

void QmlWrappingProtocol::setInner(QmlAbstractProtocol *inner)
{
    if (!follow(m_inner, inner, this, &QmlWrappingProtocol::invalidate))
        return;
    if (m_inner)
        connect(m_inner, &QObject::destroyed, this, &QmlWrappingProtocol::invalidate);
    invalidate();
}

std::shared_ptr<const QmlAbstractProtocol::Serializer>
QmlWrappingProtocol::innerSerializer(QString *error) const
{
    if (!m_inner) {
        *error
            = tr("%1 needs an inner protocol").arg(QString::fromLatin1(metaObject()->className()));
        return nullptr;
    }
    auto serializer = m_inner->serializer();
    if (!serializer)
        *error = m_inner->errorString();
    return serializer;
}

} // namespace EasyNetQml
