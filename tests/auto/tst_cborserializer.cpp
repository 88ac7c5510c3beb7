// CborSerializer: golden vectors of the reference, round trips, and hostile input.
#include <EasyNet/cborserializer.h>
#include <EasyNet/exceptions.h>

#include <testsupport.h>

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QDateTime>
#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <cmath>
#include <limits>

using namespace EasyNet;
using namespace EasyNetTest;

namespace {

constexpr qsizetype Limit = AbstractIncrementalPacketSerializer::DefaultMaxPacketSize;

QVariant integer(qint64 v)
{
    return QVariant::fromValue(v);
}

// Fails the current test unless the result is exactly the expected packets.
bool checkPackets(const DecodeResult &result, const QVariantList &expected)
{
    if (!result.errors.isEmpty()) {
        qWarning("unexpected error: %s", qPrintable(result.errors.first().toString()));
        return false;
    }
    if (result.packets.size() != expected.size()) {
        qWarning("got %d packets, expected %d", int(result.packets.size()), int(expected.size()));
        return false;
    }
    for (qsizetype i = 0; i < expected.size(); ++i) {
        if (!packetsEqual(result.packets.at(i), expected.at(i))) {
            qWarning("packet %d: got %s, expected %s", int(i),
                     qPrintable(describePacket(result.packets.at(i))),
                     qPrintable(describePacket(expected.at(i))));
            return false;
        }
    }
    return true;
}

// An empty map carries no key, so it always decodes as a QVariantMap: the
// generator's empty QCborMaps are expected back as such.
QVariant normalized(const QVariant &packet)
{
    if (packet.metaType() == QMetaType::fromType<QCborMap>() && packet.value<QCborMap>().isEmpty())
        return QVariantMap();
    if (packet.typeId() == QMetaType::QVariantList) {
        QVariantList list = packet.toList();
        for (QVariant &item : list)
            item = normalized(item);
        return list;
    }
    if (packet.typeId() == QMetaType::QVariantMap) {
        QVariantMap map = packet.toMap();
        for (QVariant &item : map)
            item = normalized(item);
        return map;
    }
    return packet;
}

QVariantList normalized(const QVariantList &packets)
{
    QVariantList result;
    for (const QVariant &packet : packets)
        result.append(normalized(packet));
    return result;
}

QByteArray repeated(const char *hex, int count)
{
    return QByteArray::fromHex(hex).repeated(count);
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
    void roundTrip();
    void datagramRoundTrip();
    void valueModel_data();
    void valueModel();
    void severalPacketsInOneChunk();
    void truncated();
    void datagramErrors();
    void malformedHeaders_data();
    void malformedHeaders();
    void recoverableContentError();
    void oversized_data();
    void oversized();
    void oversizedIsDiscardedNotParsed();
    void exactlyAtLimit();
    void deepNesting_data();
    void deepNesting();
    void nestingBelowLimit();
    void byteByByteIsLinear();
    void bufferBoundedWhileFeedingMegabytes();
    void randomGarbage();

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
    const QVariantList expectedStream
        = vector.streamDecodesTo.value_or(QVariantList {vector.packet});
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(3)}) {
        const DecodeResult result = decodeStream(m_serializer, vector.wire, chunk);
        QVERIFY2(vector.streamDecodeError.isEmpty(), "no CBOR vector has a decode error");
        QVERIFY2(checkPackets(result, expectedStream), qPrintable(vector.id));
    }
    ParseError error;
    const QVariant packet = m_serializer.deserialize(vector.datagram, error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    const QVariant expected = vector.datagramDecodesTo.value_or(vector.packet);
    QVERIFY2(
        packetsEqual(packet, expected),
        qPrintable(describePacket(packet) + QStringLiteral(" != ") + describePacket(expected)));
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

void tst_CborSerializer::roundTrip()
{
    const QVariantList packets = normalized(variedPackets(Limit, true, true));
    QVERIFY(packets.size() >= 300);
    verifyStreamRoundTrip(m_serializer, packets);
    if (QTest::currentTestFailed())
        return;
    // And the values JSON-like generators do not make.
    verifyStreamRoundTrip(
        m_serializer,
        {QVariant::fromValue(std::numeric_limits<quint64>::max()),
         QVariant::fromValue(quint64(1) << 63), std::numeric_limits<double>::quiet_NaN(),
         std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), 5e-324,
         QByteArray(), QByteArray(1000, '\0'),
         QVariant::fromValue(
             QCborMap {{1, QStringLiteral("a")}, {QByteArray("k"), QCborArray {1, 2}}}),
         QVariant::fromValue(QCborSimpleType(200))});
}

void tst_CborSerializer::datagramRoundTrip()
{
    for (const QVariant &packet : normalized(variedPackets(Limit, true, true))) {
        ParseError error;
        const QVariant back = m_serializer.deserialize(m_serializer.serialize(packet), error);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QVERIFY2(packetsEqual(back, packet), qPrintable(describePacket(packet)));
    }
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

void tst_CborSerializer::severalPacketsInOneChunk()
{
    const QVariantList packets {QVariantMap {{QStringLiteral("a"), integer(1)}}, integer(7),
                                QStringLiteral("x"), QVariantList {}, QByteArray("\x01", 1)};
    QByteArray stream;
    for (const QVariant &packet : packets)
        stream += m_serializer.incrementalSerialize(packet);
    QVERIFY(checkPackets(decodeStream(m_serializer, stream), packets));

    // Whole items followed by half an item: the half stays buffered.
    const auto decoder = m_serializer.createDecoder();
    const QByteArray next = m_serializer.incrementalSerialize(QStringLiteral("hello"));
    decoder->feed(stream + next.first(3));
    DecodeResult result = decodeStream(*decoder, QByteArray());
    QVariant packet;
    ParseError error;
    int count = 0;
    while (decoder->next(packet, error) == StreamDecoder::Status::Packet)
        ++count;
    QCOMPARE(count, packets.size());
    QCOMPARE(decoder->bufferedSize(), 3);
    decoder->feed(next.sliced(3));
    QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::Packet);
    QCOMPARE(packet, QVariant(QStringLiteral("hello")));
    QCOMPARE(decoder->bufferedSize(), 0);
    QVERIFY(!decoder->endOfStream().isError());
}

void tst_CborSerializer::truncated()
{
    for (const GoldenVector &vector : loadGoldenVectors(QStringLiteral("cbor"))) {
        for (qsizetype cut = 1; cut < vector.wire.size();
             cut += qMax<qsizetype>(1, vector.wire.size() / 17)) {
            const auto decoder = m_serializer.createDecoder();
            const DecodeResult result = decodeStream(*decoder, vector.wire.first(cut));
            QVERIFY(result.packets.isEmpty() && result.errors.isEmpty());
            const ParseError end = decoder->endOfStream();
            QCOMPARE(end.kind(), ParseError::Kind::Truncated);
            QCOMPARE(end.size(), cut);

            ParseError error;
            QVERIFY(!m_serializer.deserialize(vector.datagram.first(cut), error).isValid());
            QCOMPARE(error.kind(), ParseError::Kind::Truncated);
        }
    }
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

void tst_CborSerializer::malformedHeaders_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("reserved 28") << QByteArray::fromHex("1c");
    QTest::newRow("reserved 29 in array") << QByteArray::fromHex("82013d");
    QTest::newRow("reserved 30 simple") << QByteArray::fromHex("fe");
    QTest::newRow("top-level break") << QByteArray::fromHex("ff");
    QTest::newRow("break in definite array") << QByteArray::fromHex("8201ff");
    QTest::newRow("indefinite integer") << QByteArray::fromHex("1f");
    QTest::newRow("indefinite negative") << QByteArray::fromHex("3f");
    QTest::newRow("indefinite tag") << QByteArray::fromHex("df");
    QTest::newRow("array in indefinite bytes") << QByteArray::fromHex("5f80ff");
    QTest::newRow("text chunk in indefinite bytes") << QByteArray::fromHex("5f6161ff");
    QTest::newRow("nested indefinite text") << QByteArray::fromHex("7f7fffff");
    QTest::newRow("break after map key") << QByteArray::fromHex("bf6161ff");
}

void tst_CborSerializer::malformedHeaders()
{
    QFETCH(QByteArray, bytes);
    const QByteArray valid = m_serializer.incrementalSerialize(QStringLiteral("after"));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
        const auto decoder = m_serializer.createDecoder();
        const DecodeResult result = decodeStream(*decoder, bytes + valid + valid, chunk);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::Malformed);
        QVERIFY(!result.errors.first().isRecoverable());
        QVERIFY(result.packets.isEmpty());
        QVERIFY(result.broken);
        QCOMPARE(result.errors.first().offset(), 0);
        // A broken decoder drops what it is fed.
        decoder->feed(valid);
        QCOMPARE(decoder->bufferedSize(), 0);
    }
    ParseError error;
    QVERIFY(!m_serializer.deserialize(bytes, error).isValid());
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

void tst_CborSerializer::oversized_data()
{
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<qsizetype>("chunk");
    // 100 KB items under the default 64 KiB limit.
    const QByteArray bytes = QByteArray::fromHex("5a000186a0") + QByteArray(100000, '\x81');
    QByteArray ints
        = QByteArray::fromHex("99c350") + repeated("18c8", 50000); // array(50000) of 200
    QByteArray indefinite
        = QByteArray::fromHex("9f") + repeated("8101", 50000) + QByteArray::fromHex("ff");
    QByteArray text = QByteArray::fromHex("7a000186a0") + QByteArray(100000, 'x');
    QByteArray nestedMaps = QByteArray::fromHex("a1") + QByteArray::fromHex("6161")
        + QByteArray::fromHex("9a000186a0") + QByteArray(100000, '\0');
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(1000), qsizetype(65536)}) {
        const QByteArray tag = QByteArray::number(chunk);
        QTest::newRow("bytes 100000 / " + tag) << bytes << chunk;
        QTest::newRow("array of 50000 ints / " + tag) << ints << chunk;
        QTest::newRow("indefinite array / " + tag) << indefinite << chunk;
        QTest::newRow("text 100000 / " + tag) << text << chunk;
        QTest::newRow("map holding a big array / " + tag) << nestedMaps << chunk;
    }
}

void tst_CborSerializer::oversized()
{
    QFETCH(QByteArray, item);
    QFETCH(qsizetype, chunk);
    const QByteArray before = m_serializer.incrementalSerialize(QStringLiteral("before"));
    const QByteArray after
        = m_serializer.incrementalSerialize(QVariantMap {{QStringLiteral("next"), integer(1)}});
    const auto decoder = m_serializer.createDecoder();
    const DecodeResult result = decodeStream(*decoder, before + item + after, chunk);
    QCOMPARE(result.errors.size(), 1);
    const ParseError error = result.errors.first();
    QCOMPARE(error.kind(), ParseError::Kind::TooLarge);
    QVERIFY(error.isRecoverable());
    QCOMPARE(error.offset(), before.size());
    QVERIFY(!result.broken);
    QCOMPARE(result.packets.size(), 2);
    QCOMPARE(result.packets.at(0), QVariant(QStringLiteral("before")));
    QVERIFY(packetsEqual(result.packets.at(1), QVariantMap {{QStringLiteral("next"), integer(1)}}));
    QCOMPARE(decoder->bufferedSize(), 0);
    QVERIFY(result.maxBuffered <= Limit + qMax<qsizetype>(chunk, 1));
    QVERIFY(!decoder->endOfStream().isError());
}

void tst_CborSerializer::oversizedIsDiscardedNotParsed()
{
    // The payload of the oversized string is itself valid CBOR (a stream of
    // small ints): none of it may come out as packets, whatever the limit.
    const QByteArray item = QByteArray::fromHex("5a00002710") + QByteArray(10000, '\x01');
    const QByteArray after = m_serializer.incrementalSerialize(integer(42));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(99)}) {
        const DecodeResult result = decodeStream(m_serializer, item + after, chunk, 100);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
        QCOMPARE(result.packets.size(), 1);
        QCOMPARE(result.packets.first(), integer(42));
        QVERIFY(result.maxBuffered <= 100 + qMax<qsizetype>(chunk, 1));
    }
    // A malformed header inside the oversized item's structure still breaks the stream.
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

void tst_CborSerializer::exactlyAtLimit()
{
    // A text string of exactly maxPacketSize bytes in all passes; one more does not.
    const QString text(Limit - 3, QLatin1Char('y')); // + a 3-byte header
    const QByteArray item = m_serializer.incrementalSerialize(text);
    QCOMPARE(item.size(), Limit);
    QVERIFY(checkPackets(decodeStream(m_serializer, item, 1), {text}));
    const QByteArray tooBig = m_serializer.incrementalSerialize(text + QLatin1Char('y'));
    const DecodeResult result = decodeStream(m_serializer, tooBig, 1);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
}

void tst_CborSerializer::deepNesting_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("100000 arrays") << QByteArray(100000, '\x81') + QByteArray::fromHex("80");
    QTest::newRow("100000 indefinite arrays") << QByteArray(100000, '\x9f');
    QTest::newRow("100000 maps") << repeated("a101", 100000) + QByteArray::fromHex("01");
    QTest::newRow("100000 tags") << QByteArray(100000, '\xc6') + QByteArray::fromHex("01");
}

void tst_CborSerializer::deepNesting()
{
    QFETCH(QByteArray, bytes);
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(4096)}) {
        // With a limit above the size, so nesting is what is refused.
        const DecodeResult result = decodeStream(m_serializer, bytes, chunk, 1 << 20);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::Malformed);
        QVERIFY(!result.errors.first().isRecoverable());
        QVERIFY(result.errors.first().message().contains(QStringLiteral("nesting")));
        QVERIFY(result.packets.isEmpty());
    }
    ParseError error;
    QVERIFY(!m_serializer.deserialize(bytes, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
}

void tst_CborSerializer::nestingBelowLimit()
{
    QVariant nested = QVariantList();
    for (int i = 0; i < 900; ++i)
        nested = QVariantList {nested};
    const QByteArray bytes = m_serializer.serialize(nested);
    QCOMPARE(bytes, QByteArray(900, '\x81') + QByteArray::fromHex("80"));
    QVERIFY(checkPackets(decodeStream(m_serializer, bytes, 1), {nested}));
    ParseError error;
    QVERIFY(packetsEqual(m_serializer.deserialize(bytes, error), nested));
}

void tst_CborSerializer::byteByByteIsLinear()
{
    // A 64 KiB item fed one byte at a time: quadratic rescanning would take
    // billions of steps; the resumable scanner takes a fraction of a second.
    QVariantList list;
    for (int i = 0; list.size() < 6000; ++i)
        list.append(QStringLiteral("item %1").arg(i));
    const QByteArray item = m_serializer.incrementalSerialize(list);
    QVERIFY(item.size() > 50000 && item.size() <= Limit);
    QElapsedTimer timer;
    timer.start();
    const DecodeResult result = decodeStream(m_serializer, item + item, 1);
    QVERIFY(checkPackets(result, {list, list}));
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

void tst_CborSerializer::bufferBoundedWhileFeedingMegabytes()
{
    const qsizetype chunk = 4096;
    // A byte string declaring 2^40 bytes: reported at once, then discarded.
    {
        const auto decoder = m_serializer.createDecoder();
        decoder->feed(QByteArray::fromHex("5b0000010000000000"));
        QVariant packet;
        ParseError error;
        QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::Error);
        QCOMPARE(error.kind(), ParseError::Kind::TooLarge);
        const QByteArray block(chunk, '\x01');
        for (int i = 0; i < 1024; ++i) { // 4 MiB
            decoder->feed(block);
            QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::NeedMoreData);
            QVERIFY(decoder->bufferedSize() <= Limit + chunk);
        }
        QCOMPARE(decoder->bufferedSize(), 0);
    }
    // A byte string declaring 2^64 - 1 bytes (the size must not wrap around).
    {
        const auto decoder = m_serializer.createDecoder();
        QByteArray stream = QByteArray::fromHex("5bffffffffffffffff") + QByteArray(1 << 20, '\x01');
        const DecodeResult result = decodeStream(*decoder, stream, chunk);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
        QVERIFY(result.maxBuffered <= Limit + chunk);
    }
    // An endless indefinite array: walked item by item, discarded past the limit.
    {
        const auto decoder = m_serializer.createDecoder();
        QByteArray stream = QByteArray::fromHex("9f") + repeated("6178", 1 << 20); // 2 MiB
        const DecodeResult result = decodeStream(*decoder, stream, chunk);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
        QVERIFY(result.packets.isEmpty());
        QVERIFY(result.maxBuffered <= Limit + chunk);
        decoder->feed(QByteArray::fromHex("ff07"));
        QVariant packet;
        ParseError error;
        QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::Packet);
        QCOMPARE(packet, integer(7));
    }
    // Megabytes of ordinary packets.
    {
        QByteArray stream;
        QVariantList packets;
        for (int i = 0; stream.size() < 4 * 1024 * 1024; ++i) {
            packets.append(QVariant(QVariantList {integer(i), QString(100, QLatin1Char('p'))}));
            stream += m_serializer.incrementalSerialize(packets.last());
        }
        const DecodeResult result = decodeStream(m_serializer, stream, 65536);
        QVERIFY(checkPackets(result, packets));
        QVERIFY(result.maxBuffered <= Limit + 65536);
    }
}

void tst_CborSerializer::randomGarbage()
{
    QRandomGenerator random(4242);
    const QVariantList samples = variedPackets(4096, true, true);
    const qsizetype limit = 2048;
    for (int iteration = 0; iteration < 4000; ++iteration) {
        QByteArray bytes;
        if (iteration % 2 == 0) {
            // Pure noise.
            bytes.resize(random.bounded(1, 300));
            for (char &c : bytes)
                c = char(random.bounded(256));
        } else {
            // Valid items with a few bytes flipped, cut or inserted.
            for (int n = random.bounded(1, 4); n > 0; --n)
                bytes += m_serializer.incrementalSerialize(
                    samples.at(random.bounded(int(samples.size()))));
            for (int n = random.bounded(1, 4); n > 0; --n) {
                const qsizetype at = random.bounded(int(bytes.size()));
                switch (random.bounded(3)) {
                case 0: bytes[at] = char(random.bounded(256)); break;
                case 1: bytes.truncate(at + 1); break;
                default: bytes.insert(at, char(random.bounded(256))); break;
                }
            }
        }
        const qsizetype chunk = random.bounded(0, 40);
        const auto decoder = m_serializer.createDecoder(limit);
        const DecodeResult result = decodeStream(*decoder, bytes, chunk);
        for (const ParseError &error : result.errors) {
            QVERIFY(error.kind() == ParseError::Kind::Malformed
                    || error.kind() == ParseError::Kind::TooLarge);
            QVERIFY(!error.message().isEmpty());
            QVERIFY(error.offset() >= 0 && error.offset() <= bytes.size());
        }
        QVERIFY(result.maxBuffered <= limit + qMax<qsizetype>(chunk, bytes.size()));
        const ParseError end = decoder->endOfStream();
        QVERIFY(end.kind() == ParseError::Kind::NoError
                || end.kind() == ParseError::Kind::Truncated);

        ParseError error;
        const QVariant packet = m_serializer.deserialize(bytes, error);
        QCOMPARE(packet.isValid(), !error.isError());
        if (error.isError())
            QVERIFY(error.kind() == ParseError::Kind::Malformed
                    || error.kind() == ParseError::Kind::Truncated);
    }
}

QTEST_GUILESS_MAIN(tst_CborSerializer)
#include "tst_cborserializer.moc"
