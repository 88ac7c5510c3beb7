// Tests of DataStreamSerializer: QDataStream payloads, u32 length framing, the
// supported types, and hostile frames (huge claimed containers, deep nesting,
// garbage, mutations of valid frames).
#include <EasyNet/datastreamserializer.h>
#include <EasyNet/exceptions.h>

#include "serializertestsupport.h"

#include <QtCore/QBitArray>
#include <QtCore/QCborMap>
#include <QtCore/QDataStream>
#include <QtCore/QDateTime>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLine>
#include <QtCore/QLocale>
#include <QtCore/QRandomGenerator>
#include <QtCore/QRect>
#include <QtCore/QRegularExpression>
#include <QtCore/QTimeZone>
#include <QtCore/QUrl>
#include <QtCore/QUuid>
#include <QtTest/QTest>

#include <limits>

using namespace EasyNet;
using namespace EasyNetTest;

struct CustomThing
{
    int value = 0;
    friend bool operator==(const CustomThing &, const CustomThing &) = default;
};
Q_DECLARE_METATYPE(CustomThing)
QDataStream &operator<<(QDataStream &out, const CustomThing &thing)
{
    return out << thing.value;
}
QDataStream &operator>>(QDataStream &in, CustomThing &thing)
{
    return in >> thing.value;
}

namespace {

QByteArray be32(quint32 value)
{
    QByteArray bytes(4, Qt::Uninitialized);
    for (int i = 0; i < 4; ++i)
        bytes[i] = char((value >> (24 - 8 * i)) & 0xff);
    return bytes;
}

// A QVariant header: type id, null flag.
QByteArray variantHeader(quint32 typeId)
{
    return be32(typeId) + QByteArray(1, '\0');
}

QByteArray frame(const QByteArray &payload)
{
    return be32(quint32(payload.size())) + payload;
}

qint64 virtualPeakKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmPeak:"))
            return line.mid(7).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

QVariantList typedPackets()
{
    return {
        QVariant::fromValue(nullptr),
        true,
        false,
        QVariant::fromValue(qint8(-5)),
        QVariant::fromValue(quint8(250)),
        QVariant::fromValue(short(-300)),
        QVariant::fromValue(ushort(60000)),
        -7,
        7u,
        QVariant::fromValue(long(-8)),
        QVariant::fromValue(ulong(8)),
        QVariant::fromValue(std::numeric_limits<qint64>::min()),
        QVariant::fromValue(std::numeric_limits<quint64>::max()),
        1.5f,
        -0.0,
        qInf(),
        1e-310,
        QChar(u'\u00e9'),
        QVariant::fromValue(char16_t(0x263a)),
        QVariant::fromValue(char32_t(0x1F389)),
        QString(),
        QStringLiteral(""),
        QString::fromUtf8("h\u00e9llo \U0001F389"),
        QByteArray(),
        QByteArray("\x00\xff", 2),
        QBitArray(13, true),
        QStringList {QStringLiteral("a"), QString()},
        QVariant::fromValue(QByteArrayList {QByteArray("x"), QByteArray()}),
        QVariantList {1, QStringLiteral("two"), QVariantList {3.0}},
        QVariantMap {{QStringLiteral("k"), QVariantMap {{QStringLiteral("n"), 1}}}},
        QVariantHash {{QStringLiteral("h"), QByteArray("v")}},
        QVariant::fromValue(QVariantPair(1, QStringLiteral("b"))),
        QDate(2024, 2, 29),
        QDate(),
        QTime(23, 59, 58, 999),
        QTime(),
        QDateTime(QDate(2020, 1, 2), QTime(3, 4, 5), Qt::UTC),
        QDateTime(QDate(2020, 1, 2), QTime(3, 4, 5), Qt::OffsetFromUTC, 3600),
        QDateTime(QDate(2020, 1, 2), QTime(3, 4, 5), QTimeZone("Europe/Paris")),
        QDateTime(QDate(2020, 1, 2), QTime(3, 4, 5), QTimeZone(-7200)),
        QDateTime(QDate(2020, 1, 2), QTime(3, 4, 5), Qt::LocalTime),
        QUrl(QStringLiteral("https://example.org/a?b#c")),
        QUuid::fromString(u"{67c8770b-44f1-410a-ab9a-f9b5446f13ee}"),
        QLocale(QLocale::French, QLocale::Canada),
        QRegularExpression(QStringLiteral("a+b"), QRegularExpression::CaseInsensitiveOption),
        QSize(1, 2),
        QSizeF(1.5, 2.5),
        QPoint(-1, 2),
        QPointF(0.5, -0.5),
        QRect(1, 2, 3, 4),
        QRectF(1, 2, 3.5, 4),
        QLine(1, 2, 3, 4),
        QLineF(1, 2, 3, 4.5),
        QJsonValue(QStringLiteral("j")),
        QJsonValue(2.5),
        QJsonValue(true),
        QJsonValue(),
        QJsonValue(QJsonArray {1, 2}),
        QJsonValue(QJsonObject {{QStringLiteral("o"), 1}}),
        QJsonArray {QStringLiteral("a")},
        QJsonObject {{QStringLiteral("x"), QJsonValue()}},
        QJsonDocument(QJsonObject {{QStringLiteral("d"), 1}}),
        QVariant::fromValue(QCborValue(42)),
        QVariant::fromValue(QCborArray {1, QStringLiteral("s")}),
        QVariant::fromValue(QCborMap {{1, 2}, {QStringLiteral("k"), 3.5}}),
        QVariant::fromValue(QCborSimpleType(19)),
    };
}

} // namespace

class tst_DataStreamSerializer : public QObject
{
    Q_OBJECT

private slots:
    void wireFormat();
    void typesRoundTrip();
    void invalidAndNull();
    void refusals();
    void malformedDatagrams_data();
    void malformedDatagrams();
    void malformedFrameIsRecoverable();
    void hugeClaimedContainers_data();
    void hugeClaimedContainers();
    void deepNesting();
    void oversizedFrameSkipped();
    void garbage();
    void mutations();
    void bufferedSizeBounded();
};

void tst_DataStreamSerializer::wireFormat()
{
    const DataStreamSerializer serializer;
    // qint64 1: type id 4 (LongLong), null flag 0, 8 bytes big-endian.
    QCOMPARE(serializer.serialize(QVariant::fromValue(qint64(1))).toHex(),
             QByteArray("00000004"
                        "00"
                        "0000000000000001"));
    QCOMPARE(serializer.incrementalSerialize(QVariant::fromValue(qint64(1))).toHex(),
             QByteArray("0000000d"
                        "00000004"
                        "00"
                        "0000000000000001"));
    // QString "a": type 10, UTF-16BE with a byte count.
    QCOMPARE(serializer.serialize(QStringLiteral("a")).toHex(),
             QByteArray("0000000a"
                        "00"
                        "00000002"
                        "0061"));
    // Same bytes as a plain QDataStream at Qt_6_4.
    QByteArray expected;
    QDataStream out(&expected, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    const QVariant packet = QVariantMap {{QStringLiteral("k"), QVariantList {1.5, true}}};
    out << packet;
    QCOMPARE(serializer.serialize(packet), expected);
}

void tst_DataStreamSerializer::typesRoundTrip()
{
    const DataStreamSerializer serializer;
    const QVariantList packets = typedPackets();
    for (const QVariant &packet : packets) {
        QByteArray bytes;
        try {
            bytes = serializer.serialize(packet);
        } catch (const SerializeError &e) {
            QFAIL(qPrintable(describePacket(packet) + QStringLiteral(": ") + e.message()));
        }
        ParseError error;
        const QVariant decoded = serializer.deserialize(bytes, error);
        QVERIFY2(!error.isError(),
                 qPrintable(describePacket(packet) + QStringLiteral(": ") + error.toString()));
        QCOMPARE(decoded.metaType(), packet.metaType());
        if (packet.typeId() == QMetaType::Double || packet.typeId() == QMetaType::Float)
            QVERIFY(packetsEqual(decoded, packet));
        else
            QVERIFY2(decoded == packet,
                     qPrintable(describePacket(packet) + QStringLiteral(" != ")
                                + describePacket(decoded)));
    }
    verifyStreamRoundTrip(serializer, QVariantList {QVariant(typedPackets())});
}

void tst_DataStreamSerializer::invalidAndNull()
{
    const DataStreamSerializer serializer;
    QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.serialize(QVariant()));
    QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.incrementalSerialize(QVariant()));
    // A peer's invalid QVariant arrives as null; nested ones stay as they are.
    ParseError error;
    const QVariant decoded = serializer.deserialize(variantHeader(0), error);
    QVERIFY(!error.isError());
    QCOMPARE(decoded.typeId(), QMetaType::Nullptr);
    const QVariant list
        = serializer.deserialize(serializer.serialize(QVariantList {QVariant()}), error);
    QVERIFY(!error.isError());
    QCOMPARE(list.toList().size(), 1);
    QVERIFY(!list.toList().first().isValid());
}

void tst_DataStreamSerializer::refusals()
{
    const DataStreamSerializer serializer;
    QVERIFY_THROWS_EXCEPTION(SerializeError,
                             serializer.serialize(QVariant::fromValue(CustomThing {3})));
    QVERIFY_THROWS_EXCEPTION(
        SerializeError,
        serializer.serialize(QVariantList {1, QVariant::fromValue(CustomThing {3})}));
    QVERIFY_THROWS_EXCEPTION(SerializeError,
                             serializer.incrementalSerialize(QVariantMap {
                                 {QStringLiteral("x"), QVariant::fromValue(CustomThing {3})}}));
    // Types without stream operators.
    QVERIFY_THROWS_EXCEPTION(
        SerializeError, serializer.serialize(QVariant::fromValue(static_cast<void *>(nullptr))));
    QVERIFY_THROWS_EXCEPTION(
        SerializeError, serializer.serialize(QVariant::fromValue(static_cast<QObject *>(this))));
    // Nesting beyond the limit is refused on send, the limit itself is fine.
    QVariant deep = 1;
    for (int i = 0; i < DataStreamSerializer::MaxNestingDepth; ++i)
        deep = QVariantList {deep};
    ParseError error;
    QVERIFY(packetsEqual(serializer.deserialize(serializer.serialize(deep), error), deep));
    deep = QVariantList {deep};
    try {
        serializer.serialize(deep);
        QFAIL("no exception");
    } catch (const SerializeError &e) {
        QVERIFY2(e.message().contains(QLatin1StringView("nested")), qPrintable(e.message()));
    }
}

void tst_DataStreamSerializer::malformedDatagrams_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("truncated");
    QTest::newRow("short-header") << QByteArray("\x00\x00\x00", 3) << QStringLiteral("truncated");
    QTest::newRow("no-null-flag") << be32(2) << QStringLiteral("truncated");
    QTest::newRow("short-int") << variantHeader(2) + QByteArray(3, '\0')
                               << QStringLiteral("truncated");
    QTest::newRow("trailing") << variantHeader(2) + QByteArray(5, '\0')
                              << QStringLiteral("after the value");
    QTest::newRow("unknown-type") << variantHeader(0x7fff) + QByteArray(4, '\0')
                                  << QStringLiteral("unsupported type");
    QTest::newRow("user-type") << variantHeader(65536) + be32(5) + QByteArray("Thing")
                               << QStringLiteral("custom types");
    QTest::newRow("void-star") << variantHeader(31) + QByteArray(8, '\0')
                               << QStringLiteral("unsupported type");
    QTest::newRow("odd-string") << variantHeader(10) + be32(3) + QByteArray("abc")
                                << QStringLiteral("odd");
    QTest::newRow("string-too-long")
        << variantHeader(10) + be32(100) + QByteArray("ab") << QStringLiteral("truncated");
    QTest::newRow("bad-cbor") << variantHeader(55) + be32(2) + QByteArray("\xff\xff", 2)
                              << QStringLiteral("QDataStream could not read");
    QTest::newRow("bad-datetime-spec") << variantHeader(16) + QByteArray(12, '\0')
            + QByteArray(1, '\x09') << QStringLiteral("time spec");
    QTest::newRow("bad-json-value")
        << variantHeader(45) + QByteArray(1, '\x09') << QStringLiteral("QJsonValue");
}

void tst_DataStreamSerializer::malformedDatagrams()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, messagePart);
    const DataStreamSerializer serializer;
    ParseError error;
    const QVariant packet = serializer.deserialize(payload, error);
    QVERIFY(!packet.isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY2(error.message().contains(messagePart), qPrintable(error.message()));
    QCOMPARE(error.size(), payload.size());

    // On a stream the same payload is one recoverable error, then decoding goes on.
    const QByteArray stream
        = frame(payload) + serializer.incrementalSerialize(QStringLiteral("next"));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
        const DecodeResult result = decodeStream(serializer, stream, chunk);
        verifyOneSkippedError(result, ParseError::Kind::Malformed, 0, 4 + payload.size());
        QCOMPARE(result.packets, QVariantList {QStringLiteral("next")});
    }
}

void tst_DataStreamSerializer::malformedFrameIsRecoverable()
{
    const DataStreamSerializer serializer;
    const QByteArray first = serializer.incrementalSerialize(1);
    const QByteArray bad = frame(variantHeader(2) + QByteArray(6, '\0'));
    const QByteArray last = serializer.incrementalSerialize(QStringLiteral("z"));
    const DecodeResult result = decodeStream(serializer, first + bad + bad + last, 3);
    QCOMPARE(result.errors.size(), 2);
    QCOMPARE(result.errors.at(0).offset(), first.size());
    QCOMPARE(result.errors.at(1).offset(), first.size() + bad.size());
    QCOMPARE(result.packets.size(), 2);
    QVERIFY(!result.broken);
}

void tst_DataStreamSerializer::hugeClaimedContainers_data()
{
    QTest::addColumn<quint32>("typeId");
    QTest::addColumn<quint32>("count");
    const struct
    {
        const char *name;
        QMetaType::Type type;
    } containers[] = {
        {"variantlist", QMetaType::QVariantList},
        {"stringlist", QMetaType::QStringList},
        {"bytearraylist", QMetaType::QByteArrayList},
        {"variantmap", QMetaType::QVariantMap},
        {"variantpair-list", QMetaType::QVariantHash},
        {"bytearray", QMetaType::QByteArray},
        {"string", QMetaType::QString}, // a byte count: even
        {"bitarray", QMetaType::QBitArray}, // the high half of the 64-bit count
    };
    for (const quint32 count : {0x80000000u, 0x08000000u, 0xffffffffu, 0x00100000u}) {
        const QByteArray suffix = QByteArray::number(count, 16);
        for (const auto &container : containers) {
            QTest::addRow("%s-%s", container.name, suffix.constData())
                << quint32(container.type)
                << (container.type == QMetaType::QString ? count & ~1u : count);
        }
    }
}

void tst_DataStreamSerializer::hugeClaimedContainers()
{
    // A 20-byte frame claiming a container of up to 2^32 elements: Qt's QDataStream
    // would reserve() that much before reading (4 GiB of address space for a
    // 2^27-element QVariantList); the validator refuses it first.
    QFETCH(quint32, typeId);
    QFETCH(quint32, count);
    const DataStreamSerializer serializer;
    const QByteArray payload
        = variantHeader(typeId) + be32(count) + variantHeader(2) + be32(1) + QByteArray(2, '\0');
    QCOMPARE(payload.size(), 20);
    const qint64 peakBefore = virtualPeakKiB();
    ParseError error;
    QVERIFY(!serializer.deserialize(payload, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    const DecodeResult result
        = decodeStream(serializer, frame(payload) + serializer.incrementalSerialize(2), 1);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.packets.size(), 1);
    const qint64 peakAfter = virtualPeakKiB();
    if (peakBefore > 0)
        QVERIFY2(peakAfter - peakBefore < 64 * 1024,
                 qPrintable(QStringLiteral("VmPeak grew by %1 KiB").arg(peakAfter - peakBefore)));
}

void tst_DataStreamSerializer::deepNesting()
{
    // 10000 nested single-element lists in one 64 KiB frame: refused without recursing that deep.
    QByteArray payload;
    for (int i = 0; i < 10000; ++i)
        payload += variantHeader(QMetaType::QVariantList) + be32(1);
    payload += variantHeader(QMetaType::Int) + be32(7);
    const DataStreamSerializer serializer;
    ParseError error;
    QVERIFY(!serializer.deserialize(payload, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY2(error.message().contains(QLatin1StringView("nested")), qPrintable(error.message()));
    const DecodeResult result = decodeStream(serializer, frame(payload), 0, 1 << 20);
    QCOMPARE(result.errors.size(), 1);
}

void tst_DataStreamSerializer::oversizedFrameSkipped()
{
    const DataStreamSerializer serializer;
    const QByteArray first = serializer.incrementalSerialize(QStringLiteral("first"));
    const quint32 announced = 1u << 30;
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(4096);
    decoder->feed(first + be32(announced));
    QVariant packet;
    ParseError error;
    QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::Packet);
    verifyOversizedFrameDropped(*decoder, first.size(), 4, announced, QByteArray(4 << 20, '\x01'));
    if (QTest::currentTestFailed())
        return;
    decoder->feed(serializer.incrementalSerialize(QStringLiteral("after")));
    QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::Packet);
    QCOMPARE(packet, QVariant(QStringLiteral("after")));
}

void tst_DataStreamSerializer::garbage()
{
    const DataStreamSerializer serializer;
    QRandomGenerator random(2718);
    int packets = 0;
    for (int i = 0; i < 5000; ++i) {
        QByteArray bytes = randomBytes(random, random.bounded(200));
        // Plausible headers more often than chance would give.
        if (bytes.size() >= 5 && random.bounded(2) == 0) {
            static const quint32 types[]
                = {0, 1, 2, 6, 8, 9, 10, 11, 12, 13, 16, 28, 45, 49, 55, 58};
            const quint32 type = types[random.bounded(int(std::size(types)))];
            bytes.replace(0, 5, variantHeader(type));
        }
        ParseError error;
        const QVariant packet = serializer.deserialize(bytes, error);
        QVERIFY(packet.isValid() != error.isError());
        if (error.isError())
            QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        else
            ++packets;

        // The same bytes as a stream: frames announced by random headers.
        const DecodeResult result = decodeStream(serializer, bytes, random.bounded(0, 16), 128);
        for (const ParseError &e : result.errors) {
            QVERIFY(e.kind() == ParseError::Kind::Malformed
                    || e.kind() == ParseError::Kind::TooLarge);
            QVERIFY(e.isRecoverable());
        }
        QVERIFY(!result.broken);
    }
    QVERIFY(packets > 0);
}

void tst_DataStreamSerializer::mutations()
{
    // Valid payloads with a few bytes changed, cut or duplicated: each decodes or is Malformed.
    const DataStreamSerializer serializer;
    QList<QByteArray> seeds;
    for (const QVariant &packet : typedPackets())
        seeds.append(serializer.serialize(packet));
    seeds.append(serializer.serialize(QVariant(typedPackets())));
    QRandomGenerator random(16180);
    int decoded = 0;
    for (int i = 0; i < 20000; ++i) {
        QByteArray bytes = seeds.at(random.bounded(int(seeds.size())));
        const int edits = random.bounded(1, 4);
        for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
            const qsizetype at = random.bounded(bytes.size());
            switch (random.bounded(4)) {
            case 0: bytes[at] = char(random.bounded(256)); break;
            case 1: bytes[at] = char(bytes.at(at) ^ (1 << random.bounded(8))); break;
            case 2: bytes.truncate(at); break;
            default: bytes.insert(at, bytes.mid(at, random.bounded(1, 8))); break;
            }
        }
        ParseError error;
        const QVariant packet = serializer.deserialize(bytes, error);
        QVERIFY(packet.isValid() != error.isError());
        if (!error.isError())
            ++decoded;
        else
            QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    }
    QVERIFY(decoded > 0);
}

void tst_DataStreamSerializer::bufferedSizeBounded()
{
    const DataStreamSerializer serializer;
    const qsizetype limit = 8192;
    QRandomGenerator random(5);
    QByteArray stream;
    int expectedPackets = 0, expectedErrors = 0;
    while (stream.size() < 4 * 1024 * 1024) {
        if (random.bounded(8) == 0) {
            const qsizetype size = random.bounded(limit + 1, 200000);
            stream += be32(quint32(size)) + QByteArray(size, 'g');
            ++expectedErrors;
        } else {
            stream += serializer.incrementalSerialize(QByteArray(random.bounded(limit - 100), 'p'));
            ++expectedPackets;
        }
    }
    const qsizetype chunk = 65536;
    const DecodeResult result = decodeStream(serializer, stream, chunk, limit);
    QCOMPARE(result.packets.size(), expectedPackets);
    QCOMPARE(result.errors.size(), expectedErrors);
    QVERIFY(result.maxBuffered <= 4 + limit + chunk);
}

QTEST_GUILESS_MAIN(tst_DataStreamSerializer)
#include "tst_datastreamserializer.moc"
