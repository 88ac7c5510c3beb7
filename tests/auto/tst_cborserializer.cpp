// CborSerializer: golden vectors of the reference, round trips, and hostile input.
#include <EasyNet/cborserializer.h>
#include <EasyNet/exceptions.h>

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

class tst_CborSerializer : public QObject
{
    Q_OBJECT

private slots:
    void goldenDecode_data();
    void goldenDecode();
    void goldenEncode_data();
    void goldenEncode();
    void encodesNonFiniteAsHalf();
    void acceptedPacketTypes();
    void refusedPackets();
    void valueModel_data();
    void valueModel();
    void datagramErrors();
    void recoverableContentError();
    void malformedHeaderInsideOversizedItem();

private:
    CborSerializer m_serializer;
};

void tst_CborSerializer::goldenDecode_data()
{
    QTest::addColumn<GoldenVector>("vector");
    for (const GoldenVector &vector : loadGoldenVectors(QStringLiteral("cbor")))
        QTest::newRow(qPrintable(vector.id)) << vector;
}

void tst_CborSerializer::goldenDecode()
{
    QFETCH(GoldenVector, vector);
    if (!vector.error.isEmpty()) {
        // The reference refuses to write it: so do we (no such vector for CBOR yet).
        QVERIFY_THROWS_EXCEPTION(SerializeError, m_serializer.serialize(vector.packet));
        return;
    }
    // Every vector decodes with our value model (ints beyond 64 bits as double,
    // as the loader makes them).
    QVERIFY2(vector.streamDecodeError.isEmpty(), "no CBOR vector has a decode error");
    verifyGoldenDecode(m_serializer, vector);
}

void tst_CborSerializer::goldenEncode_data()
{
    QTest::addColumn<QVariant>("packet");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("datagram");
    for (const GoldenVector &vector : loadGoldenVectors(QStringLiteral("cbor"))) {
        if (!vector.error.isEmpty())
            continue;
        // Integers beyond 64 bits are not representable (the reference writes a
        // bignum; we hold a double): skipped.
        if (!vector.representable)
            continue;
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
        QTest::newRow(qPrintable(vector.id)) << packet << vector.wire << vector.datagram;
    }
}

void tst_CborSerializer::goldenEncode()
{
    QFETCH(QVariant, packet);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, datagram);
    QCOMPARE(m_serializer.incrementalSerialize(packet).toHex(), wire.toHex());
    QCOMPARE(m_serializer.serialize(packet).toHex(), datagram.toHex());
}

void tst_CborSerializer::encodesNonFiniteAsHalf()
{
    QCOMPARE(m_serializer.serialize(std::numeric_limits<double>::quiet_NaN()).toHex(),
             QByteArray("f97e00"));
    QCOMPARE(m_serializer.serialize(-std::numeric_limits<double>::quiet_NaN()).toHex(),
             QByteArray("f97e00"));
    QCOMPARE(m_serializer.serialize(std::numeric_limits<double>::infinity()).toHex(),
             QByteArray("f97c00"));
    QCOMPARE(m_serializer.serialize(-std::numeric_limits<double>::infinity()).toHex(),
             QByteArray("f9fc00"));
    QCOMPARE(m_serializer.serialize(1.5f).toHex(), QByteArray("fb3ff8000000000000"));
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborValue(2.0))).toHex(),
             QByteArray("fb4000000000000000"));
}

void tst_CborSerializer::acceptedPacketTypes()
{
    const QByteArray list123 = QByteArray::fromHex("83010203");
    QCOMPARE(m_serializer.serialize(QVariant()), QByteArray::fromHex("f6"));
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(nullptr)), QByteArray::fromHex("f6"));
    QCOMPARE(m_serializer.serialize(int(-500)), QByteArray::fromHex("3901f3"));
    QCOMPARE(m_serializer.serialize(uint(500)), QByteArray::fromHex("1901f4"));
    QCOMPARE(m_serializer.serialize(std::numeric_limits<quint64>::max()),
             QByteArray::fromHex("1bffffffffffffffff"));
    QCOMPARE(m_serializer.serialize(QVariantList {1, 2, 3}), list123);
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborArray {1, 2, 3})), list123);
    QCOMPARE(m_serializer.serialize(QJsonArray {1, 2, 3}), list123);
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborValue(QCborArray {1, 2, 3}))),
             list123);
    QCOMPARE(m_serializer.serialize(QJsonValue(QJsonArray {1, 2, 3})), list123);
    QCOMPARE(m_serializer.serialize(QStringList {QStringLiteral("a")}),
             QByteArray::fromHex("816161"));
    const QByteArray mapA1 = QByteArray::fromHex("a1616101");
    QCOMPARE(m_serializer.serialize(QVariantMap {{QStringLiteral("a"), 1}}), mapA1);
    QCOMPARE(m_serializer.serialize(QVariantHash {{QStringLiteral("a"), 1}}), mapA1);
    QCOMPARE(m_serializer.serialize(QJsonObject {{QStringLiteral("a"), 1}}), mapA1);
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborMap {{QStringLiteral("a"), 1}})),
             mapA1);
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborSimpleType(99))),
             QByteArray::fromHex("f863"));
    // A tagged QCborValue keeps its tag.
    QCOMPARE(m_serializer.serialize(QVariant::fromValue(QCborValue(QCborTag(42), 1))),
             QByteArray::fromHex("d82a01"));
}

void tst_CborSerializer::refusedPackets()
{
    QVERIFY_THROWS_EXCEPTION(SerializeError, m_serializer.serialize(QDateTime::currentDateTime()));
    QVERIFY_THROWS_EXCEPTION(SerializeError,
                             m_serializer.serialize(QVariantList {QVariant::fromValue(QPoint())}));
    QVERIFY_THROWS_EXCEPTION(
        SerializeError,
        m_serializer.serialize(QVariant::fromValue(QCborValue(QCborValue::Invalid))));
    // Nesting deeper than the decoders accept is refused before it is sent.
    QVariant deep = QVariantList();
    for (int i = 0; i < 1500; ++i)
        deep = QVariantList {deep};
    QVERIFY_THROWS_EXCEPTION(SerializeError, m_serializer.serialize(deep));
}

void tst_CborSerializer::valueModel_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QVariant>("expected");
    QTest::newRow("uint64 max") << QByteArray::fromHex("1bffffffffffffffff")
                                << QVariant::fromValue(std::numeric_limits<quint64>::max());
    QTest::newRow("int64 max is qint64")
        << QByteArray::fromHex("1b7fffffffffffffff") << integer(std::numeric_limits<qint64>::max());
    QTest::newRow("int64 min") << QByteArray::fromHex("3b7fffffffffffffff")
                               << integer(std::numeric_limits<qint64>::min());
    QTest::newRow("below int64 min -> double")
        << QByteArray::fromHex("3b8000000000000000") << QVariant(-9223372036854775809.0);
    QTest::newRow("-2^64 -> double")
        << QByteArray::fromHex("3bffffffffffffffff") << QVariant(-18446744073709551616.0);
    QTest::newRow("negative bignum -> double")
        << QByteArray::fromHex("c349010000000000000000") << QVariant(-18446744073709551617.0);
    QTest::newRow("float16") << QByteArray::fromHex("f93e00") << QVariant(1.5);
    QTest::newRow("float32") << QByteArray::fromHex("fa3fc00000") << QVariant(1.5);
    QTest::newRow("undefined -> null") << QByteArray::fromHex("f7") << QVariant::fromValue(nullptr);
    QTest::newRow("simple value") << QByteArray::fromHex("f0")
                                  << QVariant::fromValue(QCborSimpleType(16));
    QTest::newRow("indefinite bytes")
        << QByteArray::fromHex("5f4100420102ff") << QVariant(QByteArray::fromHex("000102"));
    QTest::newRow("indefinite text")
        << QByteArray::fromHex("7f6161626263ff") << QVariant(QStringLiteral("abc"));
    QTest::newRow("indefinite array")
        << QByteArray::fromHex("9f01029f03ffff")
        << QVariant(QVariantList {integer(1), integer(2), QVariantList {integer(3)}});
    QTest::newRow("indefinite map") << QByteArray::fromHex("bf616101ff")
                                    << QVariant(QVariantMap {{QStringLiteral("a"), integer(1)}});
    QTest::newRow("unknown tag dropped") << QByteArray::fromHex("d82a01") << integer(1);
    QTest::newRow("bytes key -> QCborMap")
        << QByteArray::fromHex("a1416b01") << QVariant::fromValue(QCborMap {{QByteArray("k"), 1}});
    QTest::newRow("nested non-string key")
        << QByteArray::fromHex("a16161a1f5f6")
        << QVariant(QVariantMap {
               {QStringLiteral("a"), QVariant::fromValue(QCborMap {{true, nullptr}})}});
}

void tst_CborSerializer::valueModel()
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

void tst_CborSerializer::datagramErrors()
{
    ParseError error;
    QVERIFY(!m_serializer.deserialize(QByteArray(), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Truncated);

    // Two items in one datagram: extra data.
    QVERIFY(!m_serializer.deserialize(QByteArray::fromHex("0102"), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QCOMPARE(error.offset(), 1);
    QCOMPARE(error.size(), 1);

    QVERIFY(!m_serializer.deserialize(QByteArray::fromHex("1c"), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
}

void tst_CborSerializer::recoverableContentError()
{
    // Invalid UTF-8 in a text string: the item's end is known, the stream goes on.
    const QByteArray bad = QByteArray::fromHex("0562fffe");
    const QByteArray after = m_serializer.incrementalSerialize(QStringLiteral("ok"));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
        const DecodeResult result = decodeStream(m_serializer, bad + after, chunk);
        QCOMPARE(result.errors.size(), 1);
        const ParseError error = result.errors.first();
        QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        QVERIFY(error.isRecoverable());
        QCOMPARE(error.offset(), 1);
        QCOMPARE(error.size(), 3);
        QVERIFY(!result.broken);
        QCOMPARE(result.packets.size(), 2);
        QCOMPARE(result.packets.at(0), integer(5));
        QCOMPARE(result.packets.at(1), QVariant(QStringLiteral("ok")));
    }
    ParseError error;
    QVERIFY(!m_serializer.deserialize(bad.sliced(1), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
}

void tst_CborSerializer::malformedHeaderInsideOversizedItem()
{
    // Past the limit the item is still walked header by header (to find its
    // end), so a malformed header inside it still breaks the stream.
    const QByteArray after = m_serializer.incrementalSerialize(integer(42));
    const QByteArray badTail
        = QByteArray::fromHex("9f") + QByteArray(200, '\x01') + QByteArray::fromHex("1c");
    const DecodeResult result = decodeStream(m_serializer, badTail + after, 1, 100);
    QCOMPARE(result.errors.size(), 2);
    QCOMPARE(result.errors.at(0).kind(), ParseError::Kind::TooLarge);
    QCOMPARE(result.errors.at(1).kind(), ParseError::Kind::Malformed);
    QCOMPARE(result.errors.at(1).offset(), 0);
    QCOMPARE(result.errors.at(1).size(), 202);
    QVERIFY(result.broken);
    QVERIFY(result.packets.isEmpty());
}

QTEST_GUILESS_MAIN(tst_CborSerializer)
#include "tst_cborserializer.moc"
