#include "benchpackets.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

namespace EasyNetBench {

QString packetKindName(PacketKind kind)
{
    return kind == PacketKind::Small ? QStringLiteral("small") : QStringLiteral("300 B");
}

QVariant easyNetPacket(PacketKind kind, qint64 i)
{
    if (kind == PacketKind::Small)
        return QVariantMap {{QStringLiteral("n"), i}};
    return QVariantMap {
        {QStringLiteral("n"), i},
        {QStringLiteral("device"), QStringLiteral("sensor-0042.floor-3.building-north")},
        {QStringLiteral("kind"), QStringLiteral("measurement")},
        {QStringLiteral("unit"), QStringLiteral("celsius")},
        {QStringLiteral("value"), 21.5 + 0.001 * double(i % 1000)},
        {QStringLiteral("min"), -40.25},
        {QStringLiteral("max"), 125.5},
        {QStringLiteral("ok"), true},
        {QStringLiteral("timestamp"), qint64(1700000000000) + i},
        {QStringLiteral("tags"),
         QVariantList {QStringLiteral("indoor"), QStringLiteral("calibrated"),
                       QStringLiteral("north")}},
        {QStringLiteral("samples"), QVariantList {21.25, 21.5, 21.75, 22.0, 21.875}},
        {QStringLiteral("note"), QStringLiteral("checked by the maintenance team on site")},
    };
}

QJsonObject qtPacket(PacketKind kind, qint64 i)
{
    if (kind == PacketKind::Small)
        return QJsonObject {{QStringLiteral("n"), i}};
    return QJsonObject {
        {QStringLiteral("n"), i},
        {QStringLiteral("device"), QStringLiteral("sensor-0042.floor-3.building-north")},
        {QStringLiteral("kind"), QStringLiteral("measurement")},
        {QStringLiteral("unit"), QStringLiteral("celsius")},
        {QStringLiteral("value"), 21.5 + 0.001 * double(i % 1000)},
        {QStringLiteral("min"), -40.25},
        {QStringLiteral("max"), 125.5},
        {QStringLiteral("ok"), true},
        {QStringLiteral("timestamp"), qint64(1700000000000) + i},
        {QStringLiteral("tags"),
         QJsonArray {QStringLiteral("indoor"), QStringLiteral("calibrated"),
                     QStringLiteral("north")}},
        {QStringLiteral("samples"), QJsonArray {21.25, 21.5, 21.75, 22.0, 21.875}},
        {QStringLiteral("note"), QStringLiteral("checked by the maintenance team on site")},
    };
}

QByteArray packetJson(PacketKind kind, qint64 i)
{
    return QJsonDocument(qtPacket(kind, i)).toJson(QJsonDocument::Compact);
}

qint64 packetNumber(const QVariant &packet)
{
    return packet.toMap().value(QStringLiteral("n"), -1).toLongLong();
}

qint64 packetNumber(const QJsonObject &packet)
{
    return packet.value(QLatin1StringView("n")).toInteger(-1);
}

} // namespace EasyNetBench
