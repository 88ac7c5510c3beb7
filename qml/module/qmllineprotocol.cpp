#include "qmllineprotocol.h"

#include <EasyNet/lineserializer.h>

namespace EasyNetQml {

using EasyNet::LineSerializer;

QmlLineProtocol::QmlLineProtocol(QObject *parent) : QmlAbstractProtocol(parent) { }

std::shared_ptr<const QmlAbstractProtocol::Serializer>
QmlLineProtocol::createSerializer(QString *error) const
{
    LineSerializer::Separator separator;
    if (m_separator == QLatin1String("\n")) {
        separator = LineSerializer::Separator::LF;
    } else if (m_separator == QLatin1String("\r")) {
        separator = LineSerializer::Separator::CR;
    } else if (m_separator == QLatin1String("\r\n")) {
        separator = LineSerializer::Separator::CRLF;
    } else {
        *error = tr("LineProtocol: separator must be \"\\n\", \"\\r\" or \"\\r\\n\"");
        return nullptr;
    }
    LineSerializer::Encoding encoding;
    const QString name = m_encoding.toLower();
    if (name == QLatin1String("ascii")) {
        encoding = LineSerializer::Encoding::Ascii;
    } else if (name == QLatin1String("utf-8") || name == QLatin1String("utf8")) {
        encoding = LineSerializer::Encoding::Utf8;
    } else if (name == QLatin1String("latin1") || name == QLatin1String("latin-1")) {
        encoding = LineSerializer::Encoding::Latin1;
    } else {
        *error
            = tr("LineProtocol: unknown encoding \"%1\" (ascii, utf-8 or latin1)").arg(m_encoding);
        return nullptr;
    }
    return std::make_shared<LineSerializer>(separator, encoding);
}

} // namespace EasyNetQml
