#include "packetformat.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QCborValue>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

namespace EasyNetConsole::PacketFormat {

QJsonValue toJson(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr: return QJsonValue(QJsonValue::Null);
    case QMetaType::QByteArray: return QString::fromLatin1(value.toByteArray().toBase64());
    case QMetaType::QVariantMap: {
        QJsonObject object;
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            object.insert(it.key(), toJson(it.value()));
        return object;
    }
    case QMetaType::QVariantHash: {
        QJsonObject object;
        const QVariantHash hash = value.toHash();
        for (auto it = hash.cbegin(); it != hash.cend(); ++it)
            object.insert(it.key(), toJson(it.value()));
        return object;
    }
    case QMetaType::QVariantList:
    case QMetaType::QStringList: {
        QJsonArray array;
        for (const QVariant &item : value.toList())
            array.append(toJson(item));
        return array;
    }
    case QMetaType::Bool: return value.toBool();
    case QMetaType::QString: return value.toString();
    case QMetaType::Double:
    case QMetaType::Float: return value.toDouble();
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar: return value.toLongLong();
    case QMetaType::ULong:
    case QMetaType::ULongLong: {
        const qulonglong number = value.toULongLong();
        return number <= qulonglong(std::numeric_limits<qint64>::max())
            ? QJsonValue(qint64(number))
            : QJsonValue(double(number));
    }
    default: break;
    }
    if (value.metaType() == QMetaType::fromType<QCborValue>()) {
        const QCborValue cbor = value.value<QCborValue>();
        return cbor.isByteArray() ? toJson(cbor.toByteArray()) : toJson(cbor.toVariant());
    }
    if (value.metaType() == QMetaType::fromType<QCborMap>()
        || value.metaType() == QMetaType::fromType<QCborArray>())
        return toJson(QCborValue::fromVariant(value).toVariant());
    if (value.canConvert<QVariantList>() && !value.canConvert<QString>())
        return toJson(value.toList());
    return value.toString();
}

QString toJsonText(const QVariant &value)
{
    const QJsonValue json = toJson(value);
    // QJsonDocument holds only arrays and objects: wrap the value, then strip it.
    const QByteArray wrapped = QJsonDocument(QJsonArray {json}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString toHex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(' '));
}

QString toEscapedText(const QByteArray &bytes)
{
    QString text;
    text.reserve(bytes.size());
    for (const char c : bytes) {
        switch (c) {
        case '\n': text += QStringLiteral("\\n"); break;
        case '\r': text += QStringLiteral("\\r"); break;
        case '\t': text += QStringLiteral("\\t"); break;
        case '\\': text += QStringLiteral("\\\\"); break;
        default:
            if (c >= 0x20 && c < 0x7f)
                text += QLatin1Char(c);
            else
                text += QStringLiteral("\\x%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
        }
    }
    return text;
}

} // namespace EasyNetConsole::PacketFormat
