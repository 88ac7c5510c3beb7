#include "jspacket.h"

#include <QtCore/QDateTime>
#include <QtQml/QJSEngine>
#include <QtQml/QJSValueIterator>

#include <cmath>

namespace EasyNetQml {

namespace {
// The serializers' own nesting limits are lower; this only stops a cycle.
constexpr int MaxDepth = 1000;
constexpr double MaxSafeInteger = 9007199254740991.0; // Number.MAX_SAFE_INTEGER
} // namespace

JsPacket::JsPacket(QJSEngine &engine)
    : m_arrayBuffer(engine.globalObject().property(QStringLiteral("ArrayBuffer")))
    , m_isView(m_arrayBuffer.property(QStringLiteral("isView")))
{
}

std::optional<QVariant> JsPacket::fromJs(QJSEngine &engine, const QJSValue &value, QString *error)
{
    JsPacket converter(engine);
    std::optional<QVariant> packet = converter.convert(value, 0);
    if (!packet)
        *error = converter.m_error;
    return packet;
}

std::optional<QByteArray> JsPacket::bytes(const QJSValue &value) const
{
    if (value.property(QStringLiteral("constructor")).strictlyEquals(m_arrayBuffer))
        return value.toVariant().toByteArray();
    if (!m_isView.call({value}).toBool())
        return std::nullopt;
    // A typed array or DataView: its window on the underlying buffer.
    const QByteArray buffer = value.property(QStringLiteral("buffer")).toVariant().toByteArray();
    const auto offset = qsizetype(value.property(QStringLiteral("byteOffset")).toNumber());
    const auto length = qsizetype(value.property(QStringLiteral("byteLength")).toNumber());
    return buffer.mid(offset, length);
}

std::optional<QVariant> JsPacket::convert(const QJSValue &value, int depth)
{
    if (depth > MaxDepth) {
        m_error = QStringLiteral("the value is nested too deeply (a cycle?)");
        return std::nullopt;
    }
    if (value.isNull())
        return QVariant::fromValue(nullptr);
    if (value.isBool())
        return value.toBool();
    if (value.isString())
        return value.toString();
    if (value.isNumber()) {
        const double number = value.toNumber();
        if (std::isfinite(number) && std::trunc(number) == number
            && std::abs(number) <= MaxSafeInteger)
            return QVariant(qint64(number));
        return number;
    }
    if (value.isDate())
        return value.toDateTime();
    if (value.isArray()) {
        QVariantList list;
        const int length = value.property(QStringLiteral("length")).toInt();
        list.reserve(length);
        for (int i = 0; i < length; ++i) {
            std::optional<QVariant> item = convert(value.property(quint32(i)), depth + 1);
            if (!item)
                return std::nullopt;
            list.append(std::move(*item));
        }
        return list;
    }
    if (value.isVariant())
        return value.toVariant();
    if (value.isObject() && !value.isCallable() && !value.isQObject()) {
        if (std::optional<QByteArray> data = bytes(value))
            return *data;
        QVariantMap map;
        QJSValueIterator it(value);
        while (it.hasNext()) {
            it.next();
            std::optional<QVariant> item = convert(it.value(), depth + 1);
            if (!item)
                return std::nullopt;
            map.insert(it.name(), std::move(*item));
        }
        return map;
    }
    m_error = QStringLiteral("%1 cannot be sent as a packet")
                  .arg(value.isUndefined() ? QStringLiteral("undefined") : value.toString());
    return std::nullopt;
}

QVariant JsPacket::toJs(const QVariant &packet)
{
    switch (packet.typeId()) {
    case QMetaType::QByteArray:
        if (const QByteArray bytes = packet.toByteArray(); bytes.isNull())
            return QByteArray("");
        return packet;
    case QMetaType::QVariantList: {
        QVariantList list = packet.toList();
        for (QVariant &item : list)
            item = toJs(item);
        return list;
    }
    case QMetaType::QVariantMap: {
        QVariantMap map = packet.toMap();
        for (QVariant &item : map)
            item = toJs(item);
        return map;
    }
    default: return packet;
    }
}

} // namespace EasyNetQml
