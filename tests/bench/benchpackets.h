// The two packets every benchmark sends, in the form each side builds them:
// EasyNet takes a QVariantMap, a hand-written Qt client a QJsonObject. Both
// carry their sequence number in "n", which the receiver checks.
#pragma once

#include <EasyNet/abstractpacketconverter.h>

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QVariant>

#include <functional>
#include <memory>

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

// The packets as an application that knows its types declares them, for the
// typed path (GadgetConverter): the same fields, declared in the order
// QJsonObject sorts them, so that both sides send the same bytes.
struct SmallPacket
{
    Q_GADGET
    Q_PROPERTY(qint64 n MEMBER n)
public:
    qint64 n = 0;
};

struct RealisticPacket
{
    Q_GADGET
    Q_PROPERTY(QString device MEMBER device)
    Q_PROPERTY(QString kind MEMBER kind)
    Q_PROPERTY(double max MEMBER max)
    Q_PROPERTY(double min MEMBER min)
    Q_PROPERTY(qint64 n MEMBER n)
    Q_PROPERTY(QString note MEMBER note)
    Q_PROPERTY(bool ok MEMBER ok)
    Q_PROPERTY(QVariantList samples MEMBER samples)
    Q_PROPERTY(QStringList tags MEMBER tags)
    Q_PROPERTY(qint64 timestamp MEMBER timestamp)
    Q_PROPERTY(QString unit MEMBER unit)
    Q_PROPERTY(double value MEMBER value)
public:
    QString device;
    QString kind;
    double max = 0;
    double min = 0;
    qint64 n = 0;
    QString note;
    bool ok = false;
    QVariantList samples; // (GadgetConverter converts no list but QVariantList and QStringList)
    QStringList tags;
    qint64 timestamp = 0;
    QString unit;
    double value = 0;
};

// Packet number i as a gadget (SmallPacket or RealisticPacket).
QVariant typedPacket(PacketKind kind, qint64 i);
// The GadgetConverter of that gadget.
std::shared_ptr<const EasyNet::AbstractPacketConverter> typedConverter(PacketKind kind);
// The number of a received gadget; -1 if it is not one of ours.
qint64 typedPacketNumber(const QVariant &packet);

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
