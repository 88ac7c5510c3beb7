#include "qmlbase64protocol.h"

#include <EasyNet/base64serializer.h>

namespace EasyNetQml {

using EasyNet::Base64Serializer;

QmlBase64Protocol::QmlBase64Protocol(QObject *parent) : QmlWrappingProtocol(parent) { }

std::shared_ptr<const QmlAbstractProtocol::Serializer>
QmlBase64Protocol::createSerializer(QString *error) const
{
    Base64Serializer::Checksum checksum;
    if (m_checksum == QLatin1String("none")) {
        checksum = Base64Serializer::Checksum::None;
    } else if (m_checksum == QLatin1String("sha256")) {
        checksum = Base64Serializer::Checksum::Sha256;
    } else if (m_checksum == QLatin1String("hmac-sha256")) {
        checksum = Base64Serializer::Checksum::HmacSha256;
    } else {
        *error = tr("Base64Protocol: checksum must be \"none\", \"sha256\" or \"hmac-sha256\"");
        return nullptr;
    }
    auto inner = innerSerializer(error);
    if (!inner)
        return nullptr;
    const QByteArray key = QByteArray::fromBase64(m_key.toLatin1(), QByteArray::Base64UrlEncoding);
    return std::make_shared<Base64Serializer>(std::move(inner), checksum, key); // may throw
}

} // namespace EasyNetQml
