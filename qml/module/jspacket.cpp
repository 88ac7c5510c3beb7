#include "jspacket.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
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
        QCborMap map;
        QJSValueIterator it(value);
        while (it.hasNext()) {
            it.next();
            std::optional<QVariant> item = convert(it.value(), depth + 1);
            if (!item)
                return std::nullopt;
            map.insert(it.name(), QCborValue::fromVariant(*item));
        }
        return QVariant::fromValue(map);
    }
    m_error = QStringLiteral("%1 cannot be sent as a packet")
                  .arg(value.isUndefined() ? QStringLiteral("undefined") : value.toString());
    return std::nullopt;
}

QJSValue JsPacket::toJs(QJSEngine &engine, const QVariant &packet)
{
    const QMetaType type = packet.metaType();
    if (type == QMetaType::fromType<QCborValue>()) {
        const QCborValue value = packet.value<QCborValue>();
        if (value.isMap())
            return toJs(engine, QVariant::fromValue(value.toMap()));
        if (value.isArray())
            return toJs(engine, QVariant::fromValue(value.toArray()));
        if (value.isByteArray())
            return toJs(engine, value.toByteArray());
        if (value.isNull() || value.isUndefined())
            return QJSValue(QJSValue::NullValue);
        return engine.toScriptValue(value.toVariant());
    }
    if (type == QMetaType::fromType<QCborMap>()) {
        // In the map's order (QCborValue::toVariant() would sort it); a non-string
        // key by its text, as JSON.stringify() would show it.
        QJSValue object = engine.newObject();
        const QCborMap map = packet.value<QCborMap>();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            object.setProperty(it.key().isString() ? it.key().toString()
                                                   : it.key().toDiagnosticNotation(),
                               toJs(engine, QVariant::fromValue(QCborValue(it.value()))));
        return object;
    }
    if (type == QMetaType::fromType<QCborArray>()) {
        const QCborArray list = packet.value<QCborArray>();
        QJSValue array = engine.newArray(uint(list.size()));
        for (qsizetype i = 0; i < list.size(); ++i)
            array.setProperty(quint32(i), toJs(engine, QVariant::fromValue(list.at(i))));
        return array;
    }
    switch (packet.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr: return QJSValue(QJSValue::NullValue);
    case QMetaType::QByteArray: {
        const QByteArray bytes = packet.toByteArray();
        return engine.toScriptValue(bytes.isNull() ? QByteArray("") : bytes);
    }
    case QMetaType::QVariantList: {
        const QVariantList list = packet.toList();
        QJSValue array = engine.newArray(uint(list.size()));
        for (qsizetype i = 0; i < list.size(); ++i)
            array.setProperty(quint32(i), toJs(engine, list[i]));
        return array;
    }
    case QMetaType::QVariantMap: {
        QJSValue object = engine.newObject();
        const QVariantMap map = packet.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            object.setProperty(it.key(), toJs(engine, it.value()));
        return object;
    }
    default: return engine.toScriptValue(packet);
    }
}

} // namespace EasyNetQml
