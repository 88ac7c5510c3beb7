// JsPacket: turns a JS value given to send() into a packet (QVariant): objects
// into QCborMap with the object's key order (JSON, CBOR and MessagePack write
// the keys in that order, as JSON.stringify() does), arrays into QVariantList
// (QCborArray inside an object), integral numbers into qint64 and the others
// into double, null into a std::nullptr_t QVariant, and ArrayBuffer, typed
// arrays and DataView into QByteArray (Qt 6.4 would turn a typed array into a
// lossy map). What has no packet form (undefined, functions, QObjects) is
// refused. And back: a received packet as a JS value, objects with their keys
// in the order they came.
#pragma once

#include <QtCore/QString>
#include <QtCore/QVariant>
#include <QtQml/QJSValue>

#include <optional>

class QJSEngine;

namespace EasyNetQml {

class JsPacket
{
public:
    // The packet, or nullopt with *error set to why.
    static std::optional<QVariant> fromJs(QJSEngine &engine, const QJSValue &value, QString *error);

    // packet as QML should get it: maps (a QCborMap in the order it came, or a
    // QVariantMap) as JS objects with their keys in that order, bytes as
    // ArrayBuffer (a null QByteArray, as some decoders give for empty bytes,
    // becomes an empty one, as Qt 6.4 makes a null one an ArrayBuffer that
    // typed arrays refuse), null as null.
    static QJSValue toJs(QJSEngine &engine, const QVariant &packet);

private:
    explicit JsPacket(QJSEngine &engine);
    std::optional<QVariant> convert(const QJSValue &value, int depth);
    std::optional<QByteArray> bytes(const QJSValue &value) const;

    QJSValue m_arrayBuffer;
    QJSValue m_isView;
    QString m_error;
};

} // namespace EasyNetQml
