// CborSerializer and MsgPackSerializer, one data-driven suite for both binary
// formats (each row names its format): the reference's golden vectors, the
// bytes each accepted packet type is written as, the refused packets, the value
// model of what is read, objects refused whole (recoverably), and datagram
// errors. The round trips and splits of every stream serializer are in
// tst_streamdecoderconformance; the value set the writers share is in
// tst_packetvalueserializers.
#include <EasyNet/cborserializer.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/msgpackserializer.h>

#include "serializertestsupport.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QPoint>
#include <QtTest/QTest>

#include <limits>

using namespace EasyNet;
using namespace EasyNetTest;

enum class Format { Cbor, MsgPack };
Q_DECLARE_METATYPE(Format)

namespace {

const AbstractIncrementalPacketSerializer &serializer(Format format)
{
    static const CborSerializer cbor;
    static const MsgPackSerializer msgpack;
    if (format == Format::Cbor)
        return cbor;
    return msgpack;
}

// The name of the format's golden vectors (tests/data/wire/<name>.jsonl) and rows.
QString formatName(Format format)
{
    return format == Format::Cbor ? QStringLiteral("cbor") : QStringLiteral("msgpack");
}

QVariant integer(qint64 v)
{
    return QVariant::fromValue(v);
}

QVariant nested(int levels)
{
    QVariant deep = QVariantList();
    for (int i = 0; i < levels; ++i)
        deep = QVariantList {deep};
    return deep;
}

// A row for each format that has a value for it (hex or bytes not empty).
void addRow(const char *name, Format format, const QVariant &a, const QByteArray &b)
{
    if (!b.isEmpty())
        QTest::addRow("%s: %s", qPrintable(formatName(format)), name) << format << a << b;
}

void addRows(const char *name, const QVariant &value, const QByteArray &cbor,
             const QByteArray &msgpack)
{
    addRow(name, Format::Cbor, value, cbor);
    addRow(name, Format::MsgPack, value, msgpack);
}

// The golden vector rows of both formats; writable: only those the reference
// wrote and our value model holds (integers beyond 64 bits are a double here).
void addVectorColumns(bool writable = false)
{
    QTest::addColumn<Format>("format");
    QTest::addColumn<GoldenVector>("vector");
    for (const Format format : {Format::Cbor, Format::MsgPack}) {
        for (const GoldenVector &vector : loadGoldenVectors(formatName(format))) {
            if (writable && (!vector.error.isEmpty() || !vector.representable))
                continue;
            QTest::addRow("%s: %s", qPrintable(formatName(format)), qPrintable(vector.id))
                << format << vector;
        }
    }
}

} // namespace

class tst_BinarySerializers : public QObject
{
    Q_OBJECT

private slots:
    void goldenDecode_data() { addVectorColumns(); }
    void goldenDecode();
    void goldenEncode_data() { addVectorColumns(true); }
    void goldenEncode();
    void encodings_data();
    void encodings();
    void refusedPackets_data();
    void refusedPackets();
    void valueModel_data();
    void valueModel();
    void refusedObjects_data();
    void refusedObjects();
    void datagramErrors_data();
    void datagramErrors();
    void malformedHeaderInsideOversizedCborItem();
};

void tst_BinarySerializers::goldenDecode()
{
    QFETCH(Format, format);
    QFETCH(GoldenVector, vector);
    const AbstractIncrementalPacketSerializer &s = serializer(format);
    if (!vector.error.isEmpty()) {
        // The reference refuses to write it. msgpack int-2^64 (OverflowError):
        // our value model has no integer beyond 64 bits (the packet is a double
        // here, which we write as a float), so there is nothing to refuse: the
        // largest integer we hold, UINT64_MAX, is written as uint64 (encodings).
        if (vector.representable)
            QVERIFY_THROWS_EXCEPTION(SerializeError, s.serialize(vector.packet));
        else
            QCOMPARE(
                s.serialize(QVariant::fromValue(std::numeric_limits<quint64>::max())).toHex(),
                QByteArray(format == Format::Cbor ? "1bffffffffffffffff" : "cfffffffffffffffff"));
        return;
    }
    if (!vector.streamDecodeError.isEmpty()) {
        // msgpack int-key: the reference refuses maps with non-string keys on
        // decode; so do we, as a recoverable Malformed error (the object's end
        // is known). No CBOR vector has a decode error.
        QCOMPARE(format, Format::MsgPack);
        QVERIFY(vector.streamDecodeError.contains(QStringLiteral("is not allowed for map key")));
        const QByteArray after = s.incrementalSerialize(QStringLiteral("after"));
        for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
            const DecodeResult result = decodeStream(s, vector.wire + after, chunk);
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
        QVERIFY(!s.deserialize(vector.datagram, error).isValid());
        QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        return;
    }
    // Every other vector decodes with our value model (ints beyond 64 bits as
    // double, as the loader makes them).
    verifyGoldenDecode(s, vector);
}

void tst_BinarySerializers::goldenEncode()
{
    QFETCH(Format, format);
    QFETCH(GoldenVector, vector);
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
    // msgpack int-key ({1: 'a'}, a QCborMap) is written as the reference does,
    // even though neither side reads it back.
    const AbstractIncrementalPacketSerializer &s = serializer(format);
    QCOMPARE(s.incrementalSerialize(packet).toHex(), vector.wire.toHex());
    QCOMPARE(s.serialize(packet).toHex(), vector.datagram.toHex());
}

void tst_BinarySerializers::encodings_data()
{
    QTest::addColumn<Format>("format");
    QTest::addColumn<QVariant>("packet");
    QTest::addColumn<QByteArray>("hex");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    addRows("invalid QVariant", QVariant(), "f6", "c0");
    addRows("nullptr", QVariant::fromValue(nullptr), "f6", "c0");
    // The smallest integer encoding.
    addRows("127", integer(127), "187f", "7f");
    addRows("128", integer(128), "1880", "cc80");
    addRows("256", integer(256), "190100", "cd0100");
    addRows("65536", integer(65536), "1a00010000", "ce00010000");
    addRows("-32", integer(-32), "381f", "e0");
    addRows("-33", integer(-33), "3820", "d0df");
    addRows("-129", integer(-129), "3880", "d1ff7f");
    addRows("-32769", integer(-32769), "398000", "d2ffff7fff");
    addRows("uint 5", QVariant(uint(5)), "05", "05");
    addRows("int -1", QVariant(int(-1)), "20", "ff");
    addRows("int -500", QVariant(int(-500)), "3901f3", "d1fe0c");
    addRows("uint 500", QVariant(uint(500)), "1901f4", "cd01f4");
    addRows("uint64 max", QVariant::fromValue(std::numeric_limits<quint64>::max()),
            "1bffffffffffffffff", "cfffffffffffffffff");
    // Floats are written as doubles; CBOR writes the non-finite ones as halves.
    addRows("float", QVariant(1.5f), "fb3ff8000000000000", "cb3ff8000000000000");
    addRows("QCborValue double", QVariant::fromValue(QCborValue(2.0)), "fb4000000000000000", "");
    addRows("NaN", nan, "f97e00", "");
    addRows("-NaN", -nan, "f97e00", "");
    addRows("inf", inf, "f97c00", "");
    addRows("-inf", -inf, "f9fc00", "");
    // Every kind of list and map.
    for (const auto &[name, list] :
         {std::pair<const char *, QVariant> {"QVariantList", QVariantList {1, 2, 3}},
          {"QCborArray", QVariant::fromValue(QCborArray {1, 2, 3})},
          {"QJsonArray", QJsonArray {1, 2, 3}},
          {"QCborValue array", QVariant::fromValue(QCborValue(QCborArray {1, 2, 3}))},
          {"QJsonValue array", QJsonValue(QJsonArray {1, 2, 3})}})
        addRows(name, list, "83010203", "93010203");
    addRows("QStringList", QStringList {QStringLiteral("a")}, "816161", "91a161");
    for (const auto &[name, map] :
         {std::pair<const char *, QVariant> {"QVariantMap", QVariantMap {{QStringLiteral("a"), 1}}},
          {"QVariantHash", QVariantHash {{QStringLiteral("a"), 1}}},
          {"QJsonObject", QJsonObject {{QStringLiteral("a"), 1}}},
          {"QCborMap", QVariant::fromValue(QCborMap {{QStringLiteral("a"), 1}})}})
        addRows(name, map, "a1616101", "81a16101");
    addRows("QByteArray", QByteArray("\x00\xff", 2), "4200ff", "c40200ff");
    addRows("QCborValue bytes", QVariant::fromValue(QCborValue(QByteArray("\x01", 1))), "4101",
            "c40101");
    // What only one format has: CBOR's simple values and tags; MessagePack
    // writes CBOR's undefined as nil.
    addRows("simple value", QVariant::fromValue(QCborSimpleType(99)), "f863", "");
    addRows("tagged value keeps its tag", QVariant::fromValue(QCborValue(QCborTag(42), 1)),
            "d82a01", "");
    addRows("undefined", QVariant::fromValue(QCborValue(QCborValue::Undefined)), "", "c0");
}

void tst_BinarySerializers::encodings()
{
    QFETCH(Format, format);
    QFETCH(QVariant, packet);
    QFETCH(QByteArray, hex);
    QCOMPARE(serializer(format).serialize(packet).toHex(), hex);
}

void tst_BinarySerializers::refusedPackets_data()
{
    QTest::addColumn<Format>("format");
    QTest::addColumn<QVariant>("packet");
    QTest::addColumn<QByteArray>("unused");
    addRows("QDateTime", QDateTime::currentDateTime(), "-", "-");
    addRows("QPoint in a list", QVariantList {QVariant::fromValue(QPoint())}, "-", "-");
    // Nesting deeper than the decoders accept is refused before it is sent.
    addRows("1500 levels", nested(1500), "-", "-");
    addRows("invalid QCborValue", QVariant::fromValue(QCborValue(QCborValue::Invalid)), "-", "");
    addRows("tagged value", QVariant::fromValue(QCborValue(QCborTag(42), 1)), "", "-");
    addRows("simple value", QVariant::fromValue(QCborValue(QCborSimpleType(99))), "", "-");
}

void tst_BinarySerializers::refusedPackets()
{
    QFETCH(Format, format);
    QFETCH(QVariant, packet);
    QVERIFY_THROWS_EXCEPTION(SerializeError, serializer(format).serialize(packet));
}

void tst_BinarySerializers::valueModel_data()
{
    QTest::addColumn<Format>("format");
    QTest::addColumn<QVariant>("expected");
    QTest::addColumn<QByteArray>("bytes");
    const auto cbor = [](const char *name, const char *hex, const QVariant &expected) {
        addRow(name, Format::Cbor, expected, QByteArray::fromHex(hex));
    };
    const auto msgpack = [](const char *name, const char *hex, const QVariant &expected) {
        addRow(name, Format::MsgPack, expected, QByteArray::fromHex(hex));
    };
    const QVariant a1 = QVariantMap {{QStringLiteral("a"), integer(1)}};
    const QVariant one = QVariantList {integer(1)};
    cbor("uint64 max", "1bffffffffffffffff",
         QVariant::fromValue(std::numeric_limits<quint64>::max()));
    cbor("int64 max is qint64", "1b7fffffffffffffff", integer(std::numeric_limits<qint64>::max()));
    cbor("int64 min", "3b7fffffffffffffff", integer(std::numeric_limits<qint64>::min()));
    cbor("below int64 min -> double", "3b8000000000000000", -9223372036854775809.0);
    cbor("-2^64 -> double", "3bffffffffffffffff", -18446744073709551616.0);
    cbor("negative bignum -> double", "c349010000000000000000", -18446744073709551617.0);
    cbor("float16", "f93e00", 1.5);
    cbor("float32", "fa3fc00000", 1.5);
    cbor("undefined -> null", "f7", QVariant::fromValue(nullptr));
    cbor("simple value", "f0", QVariant::fromValue(QCborSimpleType(16)));
    cbor("indefinite bytes", "5f4100420102ff", QByteArray::fromHex("000102"));
    cbor("indefinite text", "7f6161626263ff", QStringLiteral("abc"));
    cbor("indefinite array", "9f01029f03ffff",
         QVariantList {integer(1), integer(2), QVariantList {integer(3)}});
    cbor("indefinite map", "bf616101ff", a1);
    cbor("unknown tag dropped", "d82a01", integer(1));
    cbor("bytes key -> QCborMap", "a1416b01", QVariant::fromValue(QCborMap {{QByteArray("k"), 1}}));
    cbor("nested non-string key", "a16161a1f5f6",
         QVariantMap {{QStringLiteral("a"), QVariant::fromValue(QCborMap {{true, nullptr}})}});
    msgpack("uint64 max", "cfffffffffffffffff",
            QVariant::fromValue(std::numeric_limits<quint64>::max()));
    msgpack("int64 max is qint64", "cf7fffffffffffffff",
            integer(std::numeric_limits<qint64>::max()));
    msgpack("int64 min", "d38000000000000000", integer(std::numeric_limits<qint64>::min()));
    msgpack("int8", "d0ff", integer(-1));
    msgpack("uint16", "cd0100", integer(256));
    msgpack("float32", "ca3fc00000", 1.5);
    msgpack("nil", "c0", QVariant::fromValue(nullptr));
    msgpack("str8", "d90161", QStringLiteral("a"));
    msgpack("str16", "da000161", QStringLiteral("a"));
    msgpack("str32", "db0000000161", QStringLiteral("a"));
    msgpack("bin16", "c5000101", QByteArray("\x01", 1));
    msgpack("bin32", "c60000000101", QByteArray("\x01", 1));
    msgpack("array16", "dc000101", one);
    msgpack("array32", "dd0000000101", one);
    msgpack("map16", "de0001a16101", a1);
    msgpack("map32", "df00000001a16101", a1);
    // The reference (strict_map_key) accepts bytes keys too: a QCborMap here.
    msgpack("bin key -> QCborMap", "81c4016b01",
            QVariant::fromValue(QCborMap {{QByteArray("k"), 1}}));
}

void tst_BinarySerializers::valueModel()
{
    QFETCH(Format, format);
    QFETCH(QByteArray, bytes);
    QFETCH(QVariant, expected);
    ParseError error;
    const QVariant packet = serializer(format).deserialize(bytes, error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QVERIFY2(
        packetsEqual(packet, expected),
        qPrintable(describePacket(packet) + QStringLiteral(" != ") + describePacket(expected)));
    QCOMPARE(packet.metaType(), expected.metaType());
}

void tst_BinarySerializers::refusedObjects_data()
{
    // Whole objects the value model refuses, whose end is known: recoverable
    // Malformed errors, the stream goes on. why: what the message says.
    QTest::addColumn<Format>("format");
    QTest::addColumn<QVariant>("why");
    QTest::addColumn<QByteArray>("bytes");
    const auto cbor = [](const char *name, const char *hex, const char *why) {
        addRow(name, Format::Cbor, QString::fromLatin1(why), QByteArray::fromHex(hex));
    };
    const auto msgpack = [](const char *name, const char *hex, const char *why) {
        addRow(name, Format::MsgPack, QString::fromLatin1(why), QByteArray::fromHex(hex));
    };
    cbor("invalid utf-8", "62fffe", "UTF-8");
    msgpack("int key", "8101a161", "int is not allowed for map key");
    msgpack("nil key", "81c001", "nil is not allowed for map key");
    msgpack("array key", "819001", "array is not allowed for map key");
    msgpack("nested int key", "92018101a161", "int is not allowed");
    msgpack("fixext1", "d40102", "extension type 1");
    msgpack("ext8", "c702050102", "extension type 5");
    msgpack("invalid utf-8", "a2fffe", "UTF-8");
}

void tst_BinarySerializers::refusedObjects()
{
    QFETCH(Format, format);
    QFETCH(QByteArray, bytes);
    QFETCH(QVariant, why);
    const AbstractIncrementalPacketSerializer &s = serializer(format);
    const QByteArray before = s.incrementalSerialize(integer(5));
    const QByteArray after = s.incrementalSerialize(QStringLiteral("ok"));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
        const DecodeResult result = decodeStream(s, before + bytes + after, chunk);
        verifyOneSkippedError(result, ParseError::Kind::Malformed, before.size(), bytes.size());
        if (QTest::currentTestFailed())
            return;
        const QString message = result.errors.first().message();
        QVERIFY2(message.contains(why.toString()), qPrintable(message));
        QVERIFY(!result.broken);
        QCOMPARE(result.packets, (QVariantList {integer(5), QStringLiteral("ok")}));
    }
    ParseError error;
    QVERIFY(!s.deserialize(bytes, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
}

void tst_BinarySerializers::datagramErrors_data()
{
    // expected: the kind of error, and the offset and size it reports (-1: not checked).
    QTest::addColumn<Format>("format");
    QTest::addColumn<QVariant>("expected");
    QTest::addColumn<QByteArray>("bytes");
    const auto rows = [](const char *name, const char *cbor, const char *msgpack,
                         ParseError::Kind kind, int offset = -1, int size = -1) {
        const QVariant expected = QVariantList {int(kind), offset, size};
        addRow(name, Format::Cbor, expected, cbor ? QByteArray::fromHex(cbor) : QByteArray());
        addRow(name, Format::MsgPack, expected,
               msgpack ? QByteArray::fromHex(msgpack) : QByteArray());
    };
    QTest::addRow("cbor: empty") << Format::Cbor
                                 << QVariant(
                                        QVariantList {int(ParseError::Kind::Truncated), -1, -1})
                                 << QByteArray();
    QTest::addRow("msgpack: empty")
        << Format::MsgPack << QVariant(QVariantList {int(ParseError::Kind::Truncated), -1, -1})
        << QByteArray();
    // Two items in one datagram: extra data (msgpack-python's ExtraData).
    rows("two items", "0102", "0102", ParseError::Kind::Malformed, 1, 1);
    rows("reserved initial byte", "1c", "c1", ParseError::Kind::Malformed);
    // A declared length beyond the datagram.
    rows("length beyond the datagram", nullptr, "c6ffffffff00", ParseError::Kind::Truncated);
}

void tst_BinarySerializers::datagramErrors()
{
    QFETCH(Format, format);
    QFETCH(QByteArray, bytes);
    QFETCH(QVariant, expected);
    const QVariantList want = expected.toList();
    ParseError error;
    QVERIFY(!serializer(format).deserialize(bytes, error).isValid());
    QCOMPARE(int(error.kind()), want.at(0).toInt());
    if (want.at(1).toInt() >= 0)
        QCOMPARE(error.offset(), want.at(1).toInt());
    if (want.at(2).toInt() >= 0)
        QCOMPARE(error.size(), want.at(2).toInt());
}

void tst_BinarySerializers::malformedHeaderInsideOversizedCborItem()
{
    // Past the limit the item is still walked header by header (to find its
    // end), so a malformed header inside it still breaks the stream.
    const AbstractIncrementalPacketSerializer &s = serializer(Format::Cbor);
    const QByteArray after = s.incrementalSerialize(integer(42));
    const QByteArray badTail
        = QByteArray::fromHex("9f") + QByteArray(200, '\x01') + QByteArray::fromHex("1c");
    const DecodeResult result = decodeStream(s, badTail + after, 1, 100);
    QCOMPARE(result.errors.size(), 2);
    QCOMPARE(result.errors.at(0).kind(), ParseError::Kind::TooLarge);
    QCOMPARE(result.errors.at(1).kind(), ParseError::Kind::Malformed);
    QCOMPARE(result.errors.at(1).offset(), 0);
    QCOMPARE(result.errors.at(1).size(), 202);
    QVERIFY(result.broken);
    QVERIFY(result.packets.isEmpty());
}

QTEST_GUILESS_MAIN(tst_BinarySerializers)
#include "tst_binaryserializers.moc"
