// The two packets every benchmark sends, in the form each side builds them:
// EasyNet takes a QVariantMap, a hand-written Qt client a QJsonObject. Both
// carry their sequence number in "n", which the receiver checks.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QString>
#include <QtCore/QVariant>

namespace EasyNetBench {

enum class PacketKind {
    Small, // {"n": i}
    Realistic, // about ten fields: strings, ints, floats, a bool, nested lists; ~300 bytes
};

QString packetKindName(PacketKind kind);

// Packet number i as EasyNet users build it.
QVariant easyNetPacket(PacketKind kind, qint64 i);
// The same packet as a Qt developer builds it for QJsonDocument.
QJsonObject qtPacket(PacketKind kind, qint64 i);
// Its compact JSON text (what goes on the wire, without the newline).
QByteArray packetJson(PacketKind kind, qint64 i);

// The number of a received packet; -1 if it is not one of ours.
qint64 packetNumber(const QVariant &packet);
qint64 packetNumber(const QJsonObject &packet);

} // namespace EasyNetBench
