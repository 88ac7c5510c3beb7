#include "packetformat.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QCborValue>
#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonValue>
#include <QtCore/QStringList>

#include <algorithm>
#include <limits>

namespace EasyNetConsole::PacketFormat {

namespace {

enum class Scalar { Null, Bool, Text, Bytes, Float, Integer, Unsigned, Other };

Scalar scalarKind(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr: return Scalar::Null;
    case QMetaType::Bool: return Scalar::Bool;
    case QMetaType::QString:
    case QMetaType::QChar: return Scalar::Text;
    case QMetaType::QByteArray: return Scalar::Bytes;
    case QMetaType::Double:
    case QMetaType::Float: return Scalar::Float;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar: return Scalar::Integer;
    case QMetaType::ULong:
    case QMetaType::ULongLong: return Scalar::Unsigned;
    default: return Scalar::Other;
    }
}

// A scalar as JSON: byte strings as Base64 strings, integers beyond qint64 as
// double, values of other types through their string form.
QJsonValue scalarJson(const QVariant &value)
{
    if (value.metaType() == QMetaType::fromType<QCborValue>())
        return scalarJson(fromCbor(value.value<QCborValue>()));
    switch (scalarKind(value)) {
    case Scalar::Null: return QJsonValue(QJsonValue::Null);
    case Scalar::Bool: return value.toBool();
    case Scalar::Text: return value.toString();
    case Scalar::Bytes: return QString::fromLatin1(value.toByteArray().toBase64());
    case Scalar::Float: return value.toDouble();
    case Scalar::Integer: return value.toLongLong();
    case Scalar::Unsigned: {
        const qulonglong number = value.toULongLong();
        return number <= qulonglong(std::numeric_limits<qint64>::max())
            ? QJsonValue(qint64(number))
            : QJsonValue(double(number));
    }
    case Scalar::Other: break;
    }
    return value.toString();
}

// A JSON scalar as compact text.
QString jsonText(const QJsonValue &json)
{
    // QJsonDocument holds only arrays and objects: wrap the value, then strip it.
    const QByteArray wrapped = QJsonDocument(QJsonArray {json}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

} // namespace

QVariant fromCbor(const QCborValue &value)
{
    if (value.isMap())
        return QVariant::fromValue(value.toMap());
    if (value.isArray())
        return QVariant::fromValue(value.toArray());
    if (value.isByteArray())
        return value.toByteArray();
    if (value.isNull() || value.isUndefined())
        return QVariant::fromValue(nullptr);
    return value.toVariant();
}

std::optional<Members> members(const QVariant &value)
{
    const QMetaType type = value.metaType();
    Members result;
    if (type == QMetaType::fromType<QCborValue>()) {
        const QCborValue cbor = value.value<QCborValue>();
        if (!cbor.isMap() && !cbor.isArray())
            return std::nullopt;
        return members(fromCbor(cbor));
    }
    if (type == QMetaType::fromType<QCborMap>()) {
        result.isMap = true;
        const QCborMap map = value.value<QCborMap>();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            const QCborValue key = it.key();
            result.entries.append({key.isString() ? key.toString() : toJsonText(fromCbor(key)),
                                   fromCbor(it.value())});
        }
        return result;
    }
    if (type == QMetaType::fromType<QCborArray>()) {
        const QCborArray array = value.value<QCborArray>();
        for (qsizetype i = 0; i < array.size(); ++i)
            result.entries.append({QString::number(i), fromCbor(array.at(i))});
        return result;
    }
    switch (value.typeId()) {
    case QMetaType::QVariantMap: {
        result.isMap = true;
        const QVariantMap map = value.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            result.entries.append({it.key(), it.value()});
        return result;
    }
    case QMetaType::QVariantHash: {
        // Sorted, as the serializers write a hash, for a stable text.
        result.isMap = true;
        const QVariantHash hash = value.toHash();
        QStringList keys = hash.keys();
        keys.sort();
        for (const QString &key : std::as_const(keys))
            result.entries.append({key, hash.value(key)});
        return result;
    }
    case QMetaType::QByteArray:
    case QMetaType::QString: return std::nullopt;
    default: break;
    }
    const bool isList = value.typeId() == QMetaType::QVariantList
        || value.typeId() == QMetaType::QStringList
        || (value.canConvert<QVariantList>() && !value.canConvert<QString>());
    if (!isList)
        return std::nullopt;
    const QVariantList list = value.toList();
    for (qsizetype i = 0; i < list.size(); ++i)
        result.entries.append({QString::number(i), list[i]});
    return result;
}

QString toJsonText(const QVariant &value)
{
    const std::optional<Members> children = members(value);
    if (!children)
        return jsonText(scalarJson(value));
    QStringList items;
    items.reserve(children->entries.size());
    for (const auto &[key, item] : children->entries)
        items.append(children->isMap ? jsonText(key) + QLatin1Char(':') + toJsonText(item)
                                     : toJsonText(item));
    const QString joined = items.join(QLatin1Char(','));
    return children->isMap ? QLatin1Char('{') + joined + QLatin1Char('}')
                           : QLatin1Char('[') + joined + QLatin1Char(']');
}

QString typeName(const QVariant &value)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("EasyNetConsole::PacketFormat", text);
    };
    if (const std::optional<Members> children = members(value))
        return children->isMap ? tr("object") : tr("array");
    const QVariant scalar = value.metaType() == QMetaType::fromType<QCborValue>()
        ? fromCbor(value.value<QCborValue>())
        : value;
    switch (scalarKind(scalar)) {
    case Scalar::Null: return tr("null");
    case Scalar::Bool: return tr("boolean");
    case Scalar::Text: return tr("text");
    case Scalar::Bytes: return tr("bytes");
    case Scalar::Float: return tr("number");
    case Scalar::Integer:
    case Scalar::Unsigned: return tr("integer");
    case Scalar::Other: break;
    }
    return QString::fromLatin1(scalar.metaType().name());
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
