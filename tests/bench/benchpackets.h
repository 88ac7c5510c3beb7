// The two packets every benchmark sends, in the form each side builds them:
// EasyNet takes a QVariantMap, a hand-written Qt client a QJsonObject. Both
// carry their sequence number in "n", which the receiver checks.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QString>
#include <QtCore/QVariant>

#include <functional>

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
// The same with the newline of a stream (stream) or without (a datagram).
QByteArray packetText(PacketKind kind, qint64 i, bool stream);

// The number of a received packet; -1 if it is not one of ours.
qint64 packetNumber(const QVariant &packet);
qint64 packetNumber(const QJsonObject &packet);
// Ends the benchmark: packet got arrived where expected was due.
[[noreturn]] void wrongPacket(qint64 got, long expected);

// The requests and checks of the raw socket loops (rawsockets.h): packet i as
// QJsonDocument writes it, with a newline on a stream, and the check that an
// answer is packet i; for the floor, packet 0 every time and a check of its size.
std::function<QByteArray(long)> jsonRequest(PacketKind kind, bool stream);
void checkJson(long i, QByteArrayView answer);
std::function<QByteArray(long)> fixedRequest(PacketKind kind, bool stream);
std::function<void(long, QByteArrayView)> checkSize(PacketKind kind);

} // namespace EasyNetBench
