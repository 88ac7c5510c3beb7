#include "serializers/packetvaluevisitor_p.h"

#include "serializers/gadgetfield_p.h"
#include "serializers/refusepacket_p.h"

#include <QtCore/QAssociativeIterable>
#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSequentialIterable>
#include <QtCore/QStringList>
#include <QtCore/qfloat16.h>

namespace EasyNet {

namespace {

// The T a QVariant of type T holds, read in place: toString(), toMap() ...
// copy it (and release the copy), toLongLong() ... convert out of line, for
// every value of every packet.
template<typename T>
const T &held(const QVariant &value)
{
    Q_ASSERT(value.metaType() == QMetaType::fromType<T>());
    return *static_cast<const T *>(value.constData());
}

} // namespace

void PacketValueVisitor::visitSimpleType(QCborSimpleType value)
{
    if (value == QCborSimpleType::Undefined) {
        visitNull();
        return;
    }
    refuse(QLatin1StringView("CBOR simple value"));
}

void PacketValueVisitor::beginTag(QCborTag)
{
    refuse(QLatin1StringView("CBOR tag"));
}

QString PacketValueVisitor::unsupportedMessage(QLatin1StringView typeName) const
{
    return QStringLiteral("a %1 cannot be written as %2").arg(typeName, m_formatName);
}

void PacketValueVisitor::refuse(QLatin1StringView typeName) const
{
    fail(unsupportedMessage(typeName));
}

void PacketValueVisitor::fail(const QString &message)
{
    refusePacket(message);
}

template<typename List>
void PacketValueVisitor::visitArray(const List &list, int depth)
{
    const int inner = enter(depth);
    beginArray(list.size());
    for (const auto &item : list)
        visit(item, inner);
    endArray();
}

template<typename Map>
void PacketValueVisitor::visitMap(const Map &map, int depth)
{
    const int inner = enter(depth);
    beginMap(map.size());
    for (auto it = map.begin(); it != map.end(); ++it) {
        visit(it.key(), inner);
        visit(it.value(), inner);
    }
    endMap();
}

void PacketValueVisitor::visitGadget(const QMetaObject &meta, const void *gadget, int depth)
{
    const int inner = enter(depth);
    const QList<GadgetField> &fields = gadgetFields(meta);
    beginMap(fields.size());
    for (const GadgetField &field : fields) {
        visitText(field.text);
        visitField(field, gadget, inner);
    }
    endMap();
}

void PacketValueVisitor::visitField(const GadgetField &field, const void *gadget, int depth)
{
    // The usual types read in place, the others through a QVariant.
    switch (field.typeId) {
    case QMetaType::Bool: visitBool(field.read<bool>(gadget)); return;
    case QMetaType::Int: visitInteger(field.read<int>(gadget)); return;
    case QMetaType::LongLong: visitInteger(field.read<qlonglong>(gadget)); return;
    case QMetaType::Double: visitDouble(field.read<double>(gadget)); return;
    case QMetaType::QString: visitText(field.read<QString>(gadget)); return;
    default: visit(field.property.readOnGadget(gadget), depth); return;
    }
}

int PacketValueVisitor::enter(int depth) const
{
    if (depth >= MaxDepth)
        fail(QStringLiteral("the packet is nested deeper than %1 levels").arg(MaxDepth));
    return depth + 1;
}

void PacketValueVisitor::visitSimple(QCborSimpleType value)
{
    switch (value) {
    case QCborSimpleType::False: visitBool(false); return;
    case QCborSimpleType::True: visitBool(true); return;
    case QCborSimpleType::Null: visitNull(); return;
    default: visitSimpleType(value); return;
    }
}

void PacketValueVisitor::visit(const QVariant &value, int depth)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr: visitNull(); return;
    case QMetaType::Bool: visitBool(held<bool>(value)); return;
    // (the usual integer types read in place, the others converted)
    case QMetaType::Int: visitInteger(held<int>(value)); return;
    case QMetaType::LongLong: visitInteger(held<qlonglong>(value)); return;
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::Short:
    case QMetaType::Long: visitInteger(value.toLongLong()); return;
    case QMetaType::UInt: visitUnsigned(held<uint>(value)); return;
    case QMetaType::ULongLong: visitUnsigned(held<qulonglong>(value)); return;
    case QMetaType::UChar:
    case QMetaType::UShort:
    case QMetaType::ULong: visitUnsigned(value.toULongLong()); return;
    case QMetaType::Float: visitDouble(held<float>(value)); return;
    case QMetaType::Double: visitDouble(held<double>(value)); return;
    case QMetaType::QString: visitText(held<QString>(value)); return;
    case QMetaType::QChar: {
        const QChar c = value.toChar();
        visitText(QStringView(&c, 1));
        return;
    }
    case QMetaType::QByteArray: visitBytes(held<QByteArray>(value)); return;
    case QMetaType::QStringList: visitArray(held<QStringList>(value), depth); return;
    case QMetaType::QVariantList: visitArray(held<QVariantList>(value), depth); return;
    case QMetaType::QVariantMap: visitMap(held<QVariantMap>(value), depth); return;
    case QMetaType::QVariantHash: {
        // A QHash has no order: through a QVariantMap, sorted, for stable bytes.
        const QVariantHash hash = value.toHash();
        QVariantMap sorted;
        for (auto it = hash.cbegin(); it != hash.cend(); ++it)
            sorted.insert(it.key(), it.value());
        visitMap(sorted, depth);
        return;
    }
    case QMetaType::QJsonValue: visit(value.toJsonValue(), depth); return;
    case QMetaType::QJsonArray: visitArray(value.toJsonArray(), depth); return;
    case QMetaType::QJsonObject: visitMap(value.toJsonObject(), depth); return;
    case QMetaType::QJsonDocument: {
        const QJsonDocument document = value.toJsonDocument();
        if (document.isArray())
            visitArray(document.array(), depth);
        else if (document.isObject())
            visitMap(document.object(), depth);
        else
            visitNull();
        return;
    }
    case QMetaType::QCborValue: visit(value.value<QCborValue>(), depth); return;
    case QMetaType::QCborArray: visitArray(value.value<QCborArray>(), depth); return;
    case QMetaType::QCborMap: visitMap(value.value<QCborMap>(), depth); return;
    case QMetaType::QCborSimpleType: visitSimple(value.value<QCborSimpleType>()); return;
    default: break;
    }
    const QMetaType type = value.metaType();
    if (type.flags().testFlag(QMetaType::IsGadget)) { // (typed packets: the usual case here)
        visitGadget(*type.metaObject(), value.constData(), depth);
        return;
    }
    if (type == QMetaType::fromType<qfloat16>()) {
        visitDouble(double(value.value<qfloat16>()));
        return;
    }
    if (value.canView<QAssociativeIterable>()) {
        visitMap(value.value<QAssociativeIterable>(), depth);
        return;
    }
    if (value.canView<QSequentialIterable>()) {
        visitArray(value.value<QSequentialIterable>(), depth);
        return;
    }
    refuse(QLatin1StringView(type.name()));
}

void PacketValueVisitor::visit(const QJsonValue &value, int depth)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: visitNull(); return;
    case QJsonValue::Bool: visitBool(value.toBool()); return;
    case QJsonValue::Double: visit(value.toVariant(), depth); return; // qint64 or double
    case QJsonValue::String: visitText(value.toString()); return;
    case QJsonValue::Array: visitArray(value.toArray(), depth); return;
    case QJsonValue::Object: visitMap(value.toObject(), depth); return;
    }
}

void PacketValueVisitor::visit(const QCborValue &value, int depth)
{
    switch (value.type()) {
    case QCborValue::Integer: visitInteger(value.toInteger()); return;
    case QCborValue::Double: visitDouble(value.toDouble()); return;
    case QCborValue::String: visitText(value.toString()); return;
    case QCborValue::ByteArray: visitBytes(value.toByteArray()); return;
    case QCborValue::False: visitBool(false); return;
    case QCborValue::True: visitBool(true); return;
    case QCborValue::Null: visitNull(); return;
    case QCborValue::Undefined: visitSimpleType(QCborSimpleType::Undefined); return;
    case QCborValue::SimpleType: visitSimple(value.toSimpleType()); return;
    case QCborValue::Array: visitArray(value.toArray(), depth); return;
    case QCborValue::Map: visitMap(value.toMap(), depth); return;
    case QCborValue::Invalid: refuse(QLatin1StringView("invalid QCborValue"));
    default: break;
    }
    // A tag, or one of Qt's extended types (date-time, URL, regular expression,
    // UUID), which CBOR represents as a tag and its content.
    if (value.isTag()) {
        const int inner = enter(depth);
        beginTag(value.tag());
        visit(value.taggedValue(), inner);
        return;
    }
    refuse(QLatin1StringView("CBOR value of an unknown type"));
}

} // namespace EasyNet
