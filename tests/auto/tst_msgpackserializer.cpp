// MsgPackSerializer: golden vectors of the reference, round trips, and hostile input.
#include <EasyNet/exceptions.h>
#include <EasyNet/msgpackserializer.h>

#include <testsupport.h>

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

#include <limits>

using namespace EasyNet;
using namespace EasyNetTest;

namespace {

QVariant integer(qint64 v)
{
    return QVariant::fromValue(v);
}

} // namespace

class tst_MsgPackSerializer : public QObject
{
    Q_OBJECT

private slots:
    void goldenDecode_data();
    void goldenDecode();
    void goldenEncode_data();
    void goldenEncode();
    void smallestIntegerEncoding_data();
    void smallestIntegerEncoding();
    void acceptedPacketTypes();
    void refusedPackets();
    void valueModel_data();
    void valueModel();
    void refusedObjects_data();
    void refusedObjects();
    void datagramErrors();

private:
    MsgPackSerializer m_serializer;
};

void tst_MsgPackSerializer::goldenDecode_data()
{
    QTest::addColumn<GoldenVector>("vector");
    for (const GoldenVector &vector : loadGoldenVectors(QStringLiteral("msgpack")))
        QTest::newRow(qPrintable(vector.id)) << vector;
}

void tst_MsgPackSerializer::goldenDecode()
{
    QFETCH(GoldenVector, vector);
    if (!vector.error.isEmpty()) {
        // int-2^64: the reference refuses to write 2^64 (OverflowError). Our value
        // model has no integer beyond 64 bits (the packet is a double here, which
        // we write as float64), so there is nothing to refuse: the largest integer
        // we hold, UINT64_MAX, is written as uint64.
        QVERIFY(!vector.representable);
        QCOMPARE(m_serializer.serialize(QVariant::fromValue(std::numeric_limits<quint64>::max()))
                     .toHex(),
                 QByteArray("cfffffffffffffffff"));
        return;
    }
    if (!vector.streamDecodeError.isEmpty()) {
        // int-key: the reference refuses maps with non-string keys on decode; so
        // do we, as a recoverable Malformed error (the object's end is known).
        QVERIFY(vector.streamDecodeError.contains(QStringLiteral("is not allowed for map key")));
        const QByteArray after = m_serializer.incrementalSerialize(QStringLiteral("after"));
        for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
            const DecodeResult result = decodeStream(m_serializer, vector.wire + after, chunk);
            QCOMPARE(result.errors.size(), 1);
            QCOMPARE(result.errors.first().kind(), ParseError::Kind::Malformed);
            QVERIFY(result.errors.first().isRecoverable());
            QVERIFY2(result.errors.first().message().contains(
                         QStringLiteral("int is not allowed for map key")),
                     qPrintable(result.errors.first().message()));
            QCOMPARE(result.errors.first().offset(), 0);
            QCOMPARE(result.errors.first().size(), vector.wire.size());
            QCOMPARE(result.packets, QVariantList {QStringLiteral("after")});
        }
        QVERIFY(!vector.datagramDecodeError.isEmpty());
        ParseError error;
        QVERIFY(!m_serializer.deserialize(vector.datagram, error).isValid());
        QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        return;
    }
    verifyGoldenDecode(m_serializer, vector);
}

void tst_MsgPackSerializer::goldenEncode_data()
{
    QTest::addColumn<QVariant>("packet");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("datagram");
    for (const GoldenVector &vector : loadGoldenVectors(QStringLiteral("msgpack"))) {
        if (!vector.error.isEmpty() || !vector.representable)
            continue; // int-2^64: see goldenDecode
        QVariant packet = vector.packet;
        // QVariantMap sorts its keys; the reference keeps insertion order. A
        // QCborMap keeps it, so the key-order vector is built as one.
        if (vector.id == QLatin1StringView("key-order")) {
            QCborMap ordered;
            ordered.insert(QStringLiteral("z"), 1);
            ordered.insert(QStringLiteral("a"), 2);
            ordered.insert(QStringLiteral("m"), 3);
            packet = QVariant::fromValue(ordered);
        }
        // int-key ({1: 'a'}, a QCborMap) is written as the reference does, even
        // though neither side reads it back.
        QTest::newRow(qPrintable(vector.id)) << packet << vector.wire << vector.datagram;
    }
}

void tst_MsgPackSerializer::goldenEncode()
{
    QFETCH(QVariant, packet);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, datagram);
    QCOMPARE(m_serializer.incrementalSerialize(packet).toHex(), wire.toHex());
    QCOMPARE(m_serializer.serialize(packet).toHex(), datagram.toHex());
}

void tst_MsgPackSerializer::smallestIntegerEncoding_data()
{
    QTest::addColumn<QVariant>("packet");
    QTest::addColumn<QByteArray>("hex");
    QTest::newRow("127") << integer(127) << QByteArray("7f");
    QTest::newRow("128") << integer(128) << QByteArray("cc80");
    QTest::newRow("256") << integer(256) << QByteArray("cd0100");
    QTest::newRow("65536") << integer(65536) << QByteArray("ce00010000");
    QTest::newRow("-32") << integer(-32) << QByteArray("e0");
    QTest::newRow("-33") << integer(-33) << QByteArray("d0df");
    QTest::newRow("-129") << integer(-129) << QByteArray("d1ff7f");
    QTest::newRow("-32769") << integer(-32769) << QByteArray("d2ffff7fff");
    QTest::newRow("uint 5") << QVariant(uint(5)) << QByteArray("05");
    QTest::newRow("int -1") << QVariant(int(-1)) << QByteArray("ff");
    QTest::newRow("float") << QVariant(1.5f) << QByteArray("cb3ff8000000000000");
}

void tst_MsgPackSerializer::smallestIntegerEncoding()
{
    QFETCH(QVariant, packet);
    QFETCH(QByteArray, hex);
    QCOMPARE(m_serializer.serialize(packet).toHex(), hex);
}

void tst_MsgPackSerializer::acceptedPacketTypes()
{
    const QByteArray list123 = QByteArray::fromHex("93010203");
    QCOMPARE(m_serializer.serialize(QVariant()), QByteArray::fromHex("c0"));
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(nullptr)), QByteArray::fromHex("c0"));
    QCOMPARE(m_serializer.serialize(QVariantList {1, 2, 3}), list123);
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborArray {1, 2, 3})), list123);
    QCOMPARE(m_serializer.serialize(QJsonArray {1, 2, 3}), list123);
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborValue(QCborArray {1, 2, 3}))),
             list123);
    QCOMPARE(m_serializer.serialize(QJsonValue(QJsonArray {1, 2, 3})), list123);
    QCOMPARE(m_serializer.serialize(QStringList {QStringLiteral("a")}),
             QByteArray::fromHex("91a161"));
    const QByteArray mapA1 = QByteArray::fromHex("81a16101");
    QCOMPARE(m_serializer.serialize(QVariantMap {{QStringLiteral("a"), 1}}), mapA1);
    QCOMPARE(m_serializer.serialize(QVariantHash {{QStringLiteral("a"), 1}}), mapA1);
    QCOMPARE(m_serializer.serialize(QJsonObject {{QStringLiteral("a"), 1}}), mapA1);
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborMap {{QStringLiteral("a"), 1}})),
             mapA1);
    QCOMPARE(m_serializer.serialize(QByteArray("\x00\xff", 2)), QByteArray::fromHex("c40200ff"));
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborValue(QByteArray("\x01", 1)))),
             QByteArray::fromHex("c40101"));
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborValue(QCborValue::Undefined))),
             QByteArray::fromHex("c0"));
}

void tst_MsgPackSerializer::refusedPackets()
{
    QVERIFY_THROWS_EXCEPTION(SerializeError, m_serializer.serialize(QDateTime::currentDateTime()));
    QVERIFY_THROWS_EXCEPTION(SerializeError,
                             m_serializer.serialize(QVariantList {QVariant::fromValue(QPoint())}));
    QVERIFY_THROWS_EXCEPTION(
        SerializeError, m_serializer.serialize(QVariant::fromValue(QCborValue(QCborTag(42), 1))));
    QVERIFY_THROWS_EXCEPTION(
        SerializeError,
        m_serializer.serialize(QVariant::fromValue(QCborValue(QCborSimpleType(99)))));
    QVariant deep = QVariantList();
    for (int i = 0; i < 1500; ++i)
        deep = QVariantList {deep};
    QVERIFY_THROWS_EXCEPTION(SerializeError, m_serializer.serialize(deep));
}

void tst_MsgPackSerializer::valueModel_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QVariant>("expected");
    QTest::newRow("uint64 max") << QByteArray::fromHex("cfffffffffffffffff")
                                << QVariant::fromValue(std::numeric_limits<quint64>::max());
    QTest::newRow("int64 max is qint64")
        << QByteArray::fromHex("cf7fffffffffffffff") << integer(std::numeric_limits<qint64>::max());
    QTest::newRow("int64 min") << QByteArray::fromHex("d38000000000000000")
                               << integer(std::numeric_limits<qint64>::min());
    QTest::newRow("int8") << QByteArray::fromHex("d0ff") << integer(-1);
    QTest::newRow("uint16") << QByteArray::fromHex("cd0100") << integer(256);
    QTest::newRow("float32") << QByteArray::fromHex("ca3fc00000") << QVariant(1.5);
    QTest::newRow("nil") << QByteArray::fromHex("c0") << QVariant::fromValue(nullptr);
    QTest::newRow("str8") << QByteArray::fromHex("d90161") << QVariant(QStringLiteral("a"));
    QTest::newRow("str16") << QByteArray::fromHex("da000161") << QVariant(QStringLiteral("a"));
    QTest::newRow("str32") << QByteArray::fromHex("db0000000161") << QVariant(QStringLiteral("a"));
    QTest::newRow("bin16") << QByteArray::fromHex("c5000101") << QVariant(QByteArray("\x01", 1));
    QTest::newRow("bin32") << QByteArray::fromHex("c60000000101")
                           << QVariant(QByteArray("\x01", 1));
    QTest::newRow("array16") << QByteArray::fromHex("dc000101")
                             << QVariant(QVariantList {integer(1)});
    QTest::newRow("array32") << QByteArray::fromHex("dd0000000101")
                             << QVariant(QVariantList {integer(1)});
    QTest::newRow("map16") << QByteArray::fromHex("de0001a16101")
                           << QVariant(QVariantMap {{QStringLiteral("a"), integer(1)}});
    QTest::newRow("map32") << QByteArray::fromHex("df00000001a16101")
                           << QVariant(QVariantMap {{QStringLiteral("a"), integer(1)}});
    // The reference (strict_map_key) accepts bytes keys too: a QCborMap here.
    QTest::newRow("bin key -> QCborMap") << QByteArray::fromHex("81c4016b01")
                                         << QVariant::fromValue(QCborMap {{QByteArray("k"), 1}});
}

void tst_MsgPackSerializer::valueModel()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QVariant, expected);
    ParseError error;
    const QVariant packet = m_serializer.deserialize(bytes, error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QVERIFY2(
        packetsEqual(packet, expected),
        qPrintable(describePacket(packet) + QStringLiteral(" != ") + describePacket(expected)));
    QCOMPARE(packet.metaType(), expected.metaType());
}

void tst_MsgPackSerializer::refusedObjects_data()
{
    // Whole objects the value model refuses: recoverable Malformed errors.
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("why");
    QTest::newRow("int key") << QByteArray::fromHex("8101a161")
                             << QStringLiteral("int is not allowed for map key");
    QTest::newRow("nil key") << QByteArray::fromHex("81c001")
                             << QStringLiteral("nil is not allowed for map key");
    QTest::newRow("array key") << QByteArray::fromHex("819001")
                               << QStringLiteral("array is not allowed for map key");
    QTest::newRow("nested int key")
        << QByteArray::fromHex("92018101a161") << QStringLiteral("int is not allowed");
    QTest::newRow("fixext1") << QByteArray::fromHex("d40102") << QStringLiteral("extension type 1");
    QTest::newRow("ext8") << QByteArray::fromHex("c702050102")
                          << QStringLiteral("extension type 5");
    QTest::newRow("invalid utf-8") << QByteArray::fromHex("a2fffe") << QStringLiteral("UTF-8");
}

void tst_MsgPackSerializer::refusedObjects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, why);
    const QByteArray before = m_serializer.incrementalSerialize(integer(5));
    const QByteArray after = m_serializer.incrementalSerialize(QStringLiteral("ok"));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
        const DecodeResult result = decodeStream(m_serializer, before + bytes + after, chunk);
        QCOMPARE(result.errors.size(), 1);
        const ParseError error = result.errors.first();
        QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        QVERIFY(error.isRecoverable());
        QVERIFY2(error.message().contains(why), qPrintable(error.message()));
        QCOMPARE(error.offset(), before.size());
        QCOMPARE(error.size(), bytes.size());
        QVERIFY(!result.broken);
        QCOMPARE(result.packets, (QVariantList {integer(5), QStringLiteral("ok")}));
    }
    ParseError error;
    QVERIFY(!m_serializer.deserialize(bytes, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
}

void tst_MsgPackSerializer::datagramErrors()
{
    ParseError error;
    QVERIFY(!m_serializer.deserialize(QByteArray(), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Truncated);
    // Two objects in one datagram: extra data (msgpack-python's ExtraData).
    QVERIFY(!m_serializer.deserialize(QByteArray::fromHex("0102"), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QCOMPARE(error.offset(), 1);
    QCOMPARE(error.size(), 1);
    QVERIFY(!m_serializer.deserialize(QByteArray::fromHex("c1"), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    // A declared length beyond the datagram: truncated.
    QVERIFY(!m_serializer.deserialize(QByteArray::fromHex("c6ffffffff00"), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Truncated);
}

QTEST_GUILESS_MAIN(tst_MsgPackSerializer)
#include "tst_msgpackserializer.moc"
