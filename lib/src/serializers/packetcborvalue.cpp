#include "packetcborvalue_p.h"

#include "serializers/variantmapbuilder_p.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QCborStreamWriter>

#include <algorithm>
#include <limits>

namespace EasyNet {

QCborValue packetToCborValue(const QVariant &packet)
{
    switch (packet.typeId()) {
    case QMetaType::Nullptr: return QCborValue(nullptr);
    case QMetaType::ULongLong: {
        const quint64 u = packet.toULongLong();
        if (u <= quint64(std::numeric_limits<qint64>::max()))
            return QCborValue(qint64(u));
        return QCborValue(double(u));
    }
    case QMetaType::QVariantList: {
        QCborArray array;
        for (const QVariant &item : packet.toList())
            array.append(packetToCborValue(item));
        return array;
    }
    case QMetaType::QVariantMap: {
        QCborMap map;
        const QVariantMap source = packet.toMap();
        for (auto it = source.cbegin(); it != source.cend(); ++it)
            map.insert(it.key(), packetToCborValue(it.value()));
        return map;
    }
    case QMetaType::QCborMap: return packet.value<QCborMap>();
    default: break;
    }
    if (packet.metaType() == QMetaType::fromType<QCborSimpleType>())
        return QCborValue(packet.value<QCborSimpleType>());
    return QCborValue::fromVariant(packet);
}

QVariant packetFromMapEntries(const QList<std::pair<QVariant, QVariant>> &entries, MapForm form)
{
    const bool allText = std::all_of(entries.cbegin(), entries.cend(), [](const auto &entry) {
        return entry.first.typeId() == QMetaType::QString;
    });
    if (allText && form == MapForm::VariantMap) {
        VariantMapBuilder map;
        for (const auto &[key, value] : entries)
            map.insert(key.toString(), QVariant(value));
        return map.take();
    }
    // QCborMap::insert() looks the key up (a cost per entry) and replaces a
    // repeated one; a map decoded from CBOR keeps every entry in order, in one pass.
    QByteArray cbor;
    QCborStreamWriter writer(&cbor);
    writer.startMap(quint64(entries.size()));
    for (const auto &[key, value] : entries) {
        packetToCborValue(key).toCbor(writer);
        packetToCborValue(value).toCbor(writer);
    }
    writer.endMap();
    return QVariant::fromValue(QCborValue::fromCbor(cbor).toMap());
}

} // namespace EasyNet
