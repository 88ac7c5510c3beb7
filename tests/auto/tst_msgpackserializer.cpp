// MsgPackSerializer: golden vectors of the reference, round trips, and hostile input.
#include <EasyNet/exceptions.h>
#include <EasyNet/msgpackserializer.h>

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

QByteArray repeated(const char *hex, int count)
{
    return QByteArray::fromHex(hex).repeated(count);
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
    void roundTrip();
    void datagramRoundTrip();
    void valueModel_data();
    void valueModel();
    void refusedObjects_data();
    void refusedObjects();
    void severalPacketsInOneChunk();
    void truncated();
    void datagramErrors();
    void malformedHeaders_data();
    void malformedHeaders();
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
    const QVariantList expectedStream
        = vector.streamDecodesTo.value_or(QVariantList {vector.packet});
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(3)})
        QVERIFY2(checkPackets(decodeStream(m_serializer, vector.wire, chunk), expectedStream),
                 qPrintable(vector.id));
    ParseError error;
    const QVariant packet = m_serializer.deserialize(vector.datagram, error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    const QVariant expected = vector.datagramDecodesTo.value_or(vector.packet);
    QVERIFY2(
        packetsEqual(packet, expected),
        qPrintable(describePacket(packet) + QStringLiteral(" != ") + describePacket(expected)));
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

void tst_MsgPackSerializer::roundTrip()
{
    // No non-string keys: the reference and we refuse them on decode.
    const QVariantList packets = variedPackets(Limit, true, false);
    QVERIFY(packets.size() >= 300);
    verifyStreamRoundTrip(m_serializer, packets);
    if (QTest::currentTestFailed())
        return;
    verifyStreamRoundTrip(
        m_serializer,
        {QVariant::fromValue(std::numeric_limits<quint64>::max()),
         QVariant::fromValue(quint64(1) << 63), std::numeric_limits<double>::quiet_NaN(),
         std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), 5e-324,
         -0.0, QByteArray(), QByteArray(70000 / 2, '\0'),
         QVariant::fromValue(QCborMap {{QByteArray("k"), QCborArray {1, 2}}})});
}

void tst_MsgPackSerializer::datagramRoundTrip()
{
    for (const QVariant &packet : variedPackets(Limit, true, false)) {
        ParseError error;
        const QVariant back = m_serializer.deserialize(m_serializer.serialize(packet), error);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QVERIFY2(packetsEqual(back, packet), qPrintable(describePacket(packet)));
    }
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

void tst_MsgPackSerializer::severalPacketsInOneChunk()
{
    const QVariantList packets {QVariantMap {{QStringLiteral("a"), integer(1)}}, integer(7),
                                QStringLiteral("x"), QVariantList {}, QByteArray("\x01", 1)};
    QByteArray stream;
    for (const QVariant &packet : packets)
        stream += m_serializer.incrementalSerialize(packet);
    QVERIFY(checkPackets(decodeStream(m_serializer, stream), packets));

    const auto decoder = m_serializer.createDecoder();
    const QByteArray next = m_serializer.incrementalSerialize(QStringLiteral("hello"));
    decoder->feed(stream + next.first(3));
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

void tst_MsgPackSerializer::truncated()
{
    for (const GoldenVector &vector : loadGoldenVectors(QStringLiteral("msgpack"))) {
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

void tst_MsgPackSerializer::malformedHeaders_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("size");
    QTest::newRow("0xc1") << QByteArray::fromHex("c1") << qint64(1);
    QTest::newRow("0xc1 in array") << QByteArray::fromHex("9201c1") << qint64(3);
    QTest::newRow("0xc1 as map value") << QByteArray::fromHex("81a161c1") << qint64(4);
    QTest::newRow("0xc1 after bin") << QByteArray::fromHex("92c4020000c1") << qint64(6);
}

void tst_MsgPackSerializer::malformedHeaders()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, size);
    const QByteArray valid = m_serializer.incrementalSerialize(QStringLiteral("after"));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
        const auto decoder = m_serializer.createDecoder();
        const DecodeResult result = decodeStream(*decoder, bytes + valid + valid, chunk);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::Malformed);
        QVERIFY(!result.errors.first().isRecoverable());
        QVERIFY(result.errors.first().message().contains(QStringLiteral("0xc1")));
        QCOMPARE(result.errors.first().offset(), 0);
        QCOMPARE(result.errors.first().size(), size);
        QVERIFY(result.packets.isEmpty());
        QVERIFY(result.broken);
        decoder->feed(valid);
        QCOMPARE(decoder->bufferedSize(), 0);
    }
    ParseError error;
    QVERIFY(!m_serializer.deserialize(bytes, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
}

void tst_MsgPackSerializer::oversized_data()
{
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<qsizetype>("chunk");
    // 100 KB objects under the default 64 KiB limit (the test).
    const QByteArray bin = QByteArray::fromHex("c6000186a0") + QByteArray(100000, '\x01');
    const QByteArray ints = QByteArray::fromHex("dcc350") + repeated("ccc8", 50000); // 50000 x 200
    const QByteArray fixints = QByteArray::fromHex("dd000186a0") + QByteArray(100000, '\x01');
    const QByteArray str = QByteArray::fromHex("db000186a0") + QByteArray(100000, 'x');
    // {"a": [true x 65535]}: 65541 bytes, just over the limit.
    const QByteArray map = QByteArray::fromHex("81a161dcffff") + repeated("c3", 65535);
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(1000), qsizetype(65536)}) {
        const QByteArray tag = QByteArray::number(chunk);
        QTest::newRow("bin 100000 / " + tag) << bin << chunk;
        QTest::newRow("array of 50000 uint8 / " + tag) << ints << chunk;
        QTest::newRow("array of 100000 fixints / " + tag) << fixints << chunk;
        QTest::newRow("str 100000 / " + tag) << str << chunk;
        QTest::newRow("map holding a big array / " + tag) << map << chunk;
    }
}

void tst_MsgPackSerializer::oversized()
{
    QFETCH(QByteArray, item);
    QFETCH(qsizetype, chunk);
    const QByteArray before = m_serializer.incrementalSerialize(QStringLiteral("before"));
    const QByteArray after
        = m_serializer.incrementalSerialize(QVariantMap {{QStringLiteral("next"), integer(1)}});
    const auto decoder = m_serializer.createDecoder();
    const DecodeResult result = decodeStream(*decoder, before + item + after, chunk);
    // Exactly one TooLarge error, then the next packet: never thousands of fake packets.
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

void tst_MsgPackSerializer::oversizedIsDiscardedNotParsed()
{
    // The oversized bin's payload is itself valid MessagePack (fixints): none of
    // it may come out as packets.
    const QByteArray item = QByteArray::fromHex("c52710") + QByteArray(10000, '\x01');
    const QByteArray after = m_serializer.incrementalSerialize(integer(42));
    QCOMPARE(item.size(), 10003);
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(99)}) {
        const DecodeResult result = decodeStream(m_serializer, item + after, chunk, 100);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
        QCOMPARE(result.packets, QVariantList {integer(42)});
        QVERIFY(result.maxBuffered <= 100 + qMax<qsizetype>(chunk, 1));
    }
}

void tst_MsgPackSerializer::exactlyAtLimit()
{
    const QByteArray body(Limit - 3, 'b'); // bin16 header: 3 bytes
    const QByteArray item = m_serializer.incrementalSerialize(body);
    QCOMPARE(item.size(), Limit);
    QVERIFY(checkPackets(decodeStream(m_serializer, item, 1), {body}));
    const QByteArray tooBig = m_serializer.incrementalSerialize(body + 'b');
    const DecodeResult result = decodeStream(m_serializer, tooBig, 1);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
    QVERIFY(result.packets.isEmpty());
}

void tst_MsgPackSerializer::deepNesting_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("100000 arrays") << QByteArray(100000, '\x91') + QByteArray::fromHex("90");
    QTest::newRow("100000 array16") << repeated("dc0001", 100000) + QByteArray::fromHex("90");
    QTest::newRow("100000 maps") << repeated("81a161", 100000) + QByteArray::fromHex("01");
}

void tst_MsgPackSerializer::deepNesting()
{
    QFETCH(QByteArray, bytes);
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(4096)}) {
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

void tst_MsgPackSerializer::nestingBelowLimit()
{
    QVariant nested = QVariantList();
    for (int i = 0; i < 900; ++i)
        nested = QVariantList {nested};
    const QByteArray bytes = m_serializer.serialize(nested);
    QCOMPARE(bytes, QByteArray(900, '\x91') + QByteArray::fromHex("90"));
    QVERIFY(checkPackets(decodeStream(m_serializer, bytes, 1), {nested}));
    ParseError error;
    QVERIFY(packetsEqual(m_serializer.deserialize(bytes, error), nested));
}

void tst_MsgPackSerializer::byteByByteIsLinear()
{
    QVariantList list;
    for (int i = 0; list.size() < 6000; ++i)
        list.append(QStringLiteral("item %1").arg(i));
    const QByteArray item = m_serializer.incrementalSerialize(list);
    QVERIFY(item.size() > 50000 && item.size() <= Limit);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(checkPackets(decodeStream(m_serializer, item + item, 1), {list, list}));
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

void tst_MsgPackSerializer::bufferBoundedWhileFeedingMegabytes()
{
    const qsizetype chunk = 4096;
    // A bin declaring 4 GiB: reported at once, then discarded as it arrives.
    {
        const auto decoder = m_serializer.createDecoder();
        decoder->feed(QByteArray::fromHex("c6ffffffff"));
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
    // An array32 of 2^32 - 1 elements, fed 2 MiB of them.
    {
        const auto decoder = m_serializer.createDecoder();
        const QByteArray stream = QByteArray::fromHex("ddffffffff") + repeated("a178", 1 << 20);
        const DecodeResult result = decodeStream(*decoder, stream, chunk);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
        QVERIFY(result.packets.isEmpty());
        QVERIFY(result.maxBuffered <= Limit + chunk);
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

void tst_MsgPackSerializer::randomGarbage()
{
    QRandomGenerator random(4243);
    const QVariantList samples = variedPackets(4096, true, false);
    const qsizetype limit = 2048;
    for (int iteration = 0; iteration < 4000; ++iteration) {
        QByteArray bytes;
        if (iteration % 2 == 0) {
            bytes.resize(random.bounded(1, 300));
            for (char &c : bytes)
                c = char(random.bounded(256));
        } else {
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

QTEST_GUILESS_MAIN(tst_MsgPackSerializer)
#include "tst_msgpackserializer.moc"
