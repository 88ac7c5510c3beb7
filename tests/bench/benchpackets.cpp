#include "benchpackets.h"

#include <EasyNet/gadgetconverter.h>
#include <EasyNet/packetas.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

namespace EasyNetBench {

QString packetKindName(PacketKind kind)
{
    return kind == PacketKind::Small ? QStringLiteral("small") : QStringLiteral("300 B");
}

namespace {

// Packet number i in the form of Map (QVariantMap or QJsonObject), whose
// lists are List: the same literal for both sides, so they send the same.
template<typename Map, typename List>
Map packet(PacketKind kind, qint64 i)
{
    if (kind == PacketKind::Small)
        return Map {{QStringLiteral("n"), i}};
    return Map {
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
         List {QStringLiteral("indoor"), QStringLiteral("calibrated"), QStringLiteral("north")}},
        {QStringLiteral("samples"), List {21.25, 21.5, 21.75, 22.0, 21.875}},
        {QStringLiteral("note"), QStringLiteral("checked by the maintenance team on site")},
    };
}

} // namespace

QVariant easyNetPacket(PacketKind kind, qint64 i)
{
    return packet<QVariantMap, QVariantList>(kind, i);
}

QJsonObject qtPacket(PacketKind kind, qint64 i)
{
    return packet<QJsonObject, QJsonArray>(kind, i);
}

QByteArray packetJson(PacketKind kind, qint64 i)
{
    return QJsonDocument(qtPacket(kind, i)).toJson(QJsonDocument::Compact);
}

QVariant typedPacket(PacketKind kind, qint64 i)
{
    if (kind == PacketKind::Small)
        return QVariant::fromValue(SmallPacket {i});
    RealisticPacket packet;
    packet.device = QStringLiteral("sensor-0042.floor-3.building-north");
    packet.kind = QStringLiteral("measurement");
    packet.max = 125.5;
    packet.min = -40.25;
    packet.n = i;
    packet.note = QStringLiteral("checked by the maintenance team on site");
    packet.ok = true;
    packet.samples = {21.25, 21.5, 21.75, 22.0, 21.875};
    packet.tags = {QStringLiteral("indoor"), QStringLiteral("calibrated"), QStringLiteral("north")};
    packet.timestamp = qint64(1700000000000) + i;
    packet.unit = QStringLiteral("celsius");
    packet.value = 21.5 + 0.001 * double(i % 1000);
    return QVariant::fromValue(std::move(packet));
}

std::shared_ptr<const EasyNet::AbstractPacketConverter> typedConverter(PacketKind kind)
{
    if (kind == PacketKind::Small)
        return std::make_shared<EasyNet::GadgetConverter<SmallPacket>>();
    return std::make_shared<EasyNet::GadgetConverter<RealisticPacket>>();
}

qint64 typedPacketNumber(const QVariant &packet)
{
    if (const std::optional<SmallPacket> small = EasyNet::packetAs<SmallPacket>(packet))
        return small->n;
    if (const std::optional<RealisticPacket> realistic = EasyNet::packetAs<RealisticPacket>(packet))
        return realistic->n;
    return -1;
}

qint64 packetNumber(const QVariant &packet)
{
    return packet.toMap().value(QStringLiteral("n"), -1).toLongLong();
}

qint64 packetNumber(const QJsonObject &packet)
{
    return packet.value(QLatin1StringView("n")).toInteger(-1);
}

void wrongPacket(qint64 got, long expected)
{
    qFatal("packet %lld received where %ld was expected", got, expected);
}

QByteArray packetText(PacketKind kind, qint64 i, bool stream)
{
    QByteArray text = packetJson(kind, i);
    if (stream)
        text.append('\n');
    return text;
}

std::function<QByteArray(long)> jsonRequest(PacketKind kind, bool stream)
{
    return [kind, stream](long i) { return packetText(kind, i, stream); };
}

void checkJson(long i, QByteArrayView answer)
{
    const QJsonObject packet
        = QJsonDocument::fromJson(QByteArray::fromRawData(answer.data(), answer.size())).object();
    if (const qint64 n = packetNumber(packet); n != i)
        wrongPacket(n, i);
}

std::function<QByteArray(long)> fixedRequest(PacketKind kind, bool stream)
{
    return [text = packetText(kind, 0, stream)](long) { return text; };
}

std::function<void(long, QByteArrayView)> checkSize(PacketKind kind)
{
    return [size = packetJson(kind, 0).size()](long, QByteArrayView answer) {
        if (answer.size() != size)
            qFatal("wrong answer size %lld", qlonglong(answer.size()));
    };
}

} // namespace EasyNetBench
