// Tests of StructSerializer: the reference's golden vectors byte for byte,
// format strings, every field type's range, generated records, garbage.
#include <EasyNet/exceptions.h>
#include <EasyNet/structserializer.h>

#include "serializertestsupport.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <cmath>
#include <limits>
#include <stdexcept>

using namespace EasyNet;
using namespace EasyNetTest;
using Field = StructSerializer::Field;

namespace {

std::unique_ptr<StructSerializer> make(const char *format)
{
    QString error;
    std::unique_ptr<StructSerializer> serializer
        = StructSerializer::fromFormat(QString::fromLatin1(format), &error);
    if (!serializer)
        qFatal("bad format %s: %s", format, qPrintable(error));
    return serializer;
}

QString serializeErrorOf(const StructSerializer &serializer, const QVariant &packet)
{
    try {
        serializer.serialize(packet);
    } catch (const SerializeError &e) {
        return e.message();
    }
    return {};
}

QVariant randomFieldValue(QRandomGenerator &random, Field field)
{
    const auto between = [&random](qint64 lo, qint64 hi) {
        return lo + qint64(random.generate64() % quint64(hi - lo + 1));
    };
    // Extremes often, to exercise the edges.
    const bool edge = random.bounded(5) == 0;
    switch (field) {
    case Field::Int8:
        return QVariant::fromValue(edge ? qint64(random.bounded(2) ? -128 : 127)
                                        : between(-128, 127));
    case Field::UInt8: return QVariant::fromValue(edge ? qint64(255) : between(0, 255));
    case Field::Int16: return QVariant::fromValue(edge ? qint64(-32768) : between(-32768, 32767));
    case Field::UInt16: return QVariant::fromValue(edge ? qint64(65535) : between(0, 65535));
    case Field::Int32:
        return QVariant::fromValue(
            edge ? qint64(std::numeric_limits<qint32>::min())
                 : between(std::numeric_limits<qint32>::min(), std::numeric_limits<qint32>::max()));
    case Field::UInt32:
        return QVariant::fromValue(edge ? qint64(4294967295LL) : between(0, 4294967295LL));
    case Field::Int64: return QVariant::fromValue(qint64(random.generate64()));
    case Field::UInt64: {
        const quint64 u = edge ? std::numeric_limits<quint64>::max() : random.generate64();
        return u > quint64(std::numeric_limits<qint64>::max()) ? QVariant::fromValue(u)
                                                               : QVariant::fromValue(qint64(u));
    }
    case Field::Float32: return double(float(random.generateDouble() * 1e6 - 5e5));
    case Field::Float64: {
        const quint64 bits = random.generate64();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return std::isnan(d) ? 0.25 : d;
    }
    case Field::Bool: return random.bounded(2) == 1;
    }
    Q_UNREACHABLE();
}

} // namespace

class tst_StructSerializer : public QObject
{
    Q_OBJECT

private slots:
    void goldenVectors();
    void goldenStreamConcatenated();
    void formatStrings_data();
    void formatStrings();
    void badFormatStrings_data();
    void badFormatStrings();
    void emptyFieldListThrows();
    void fieldRanges();
    void fieldEncodings();
    void refusals();
    void generatedRecordsRoundTrip();
    void wrongDatagramSize();
    void truncatedStream();
    void garbage();
    void bufferedSizeBounded();
};

void tst_StructSerializer::goldenVectors()
{
    const std::unique_ptr<StructSerializer> serializer = make("!iqd");
    QCOMPARE(serializer->size(), 20);
    const QList<GoldenVector> vectors = loadGoldenVectors(QStringLiteral("struct"));
    QVERIFY(vectors.size() >= 20);
    for (const GoldenVector &v : vectors) {
        const QByteArray tag = v.id.toUtf8();
        if (!v.error.isEmpty()) {
            if (v.id == QLatin1StringView("not-a-tuple")) {
                // Deviation: a C++ packet has no tuple/list distinction; a list
                // of the right values is accepted and encoded like the tuple.
                QCOMPARE(serializer->serialize(v.packet).toHex(),
                         QByteArray("00000001"
                                    "0000000000000002"
                                    "4008000000000000"));
                continue;
            }
            const QString message = serializeErrorOf(*serializer, v.packet);
            QString expected = v.error;
            expected.remove(QStringLiteral("struct.error: "));
            QVERIFY2(message == expected,
                     qPrintable(v.id + QStringLiteral(": got '") + message
                                + QStringLiteral("', expected '") + expected + QLatin1Char('\'')));
            QVERIFY_THROWS_EXCEPTION(SerializeError, serializer->incrementalSerialize(v.packet));
            continue;
        }
        QVERIFY2(v.representable, tag.constData());
        QCOMPARE(serializer->incrementalSerialize(v.packet).toHex(), v.wire.toHex());
        QCOMPARE(serializer->serialize(v.packet).toHex(), v.datagram.toHex());

        const QVariantList expectedStream = v.streamDecodesTo.value_or(QVariantList {v.packet});
        for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(3)}) {
            const DecodeResult result = decodeStream(*serializer, v.wire, chunk);
            QVERIFY2(result.errors.isEmpty(), tag.constData());
            QCOMPARE(result.packets.size(), expectedStream.size());
            for (qsizetype i = 0; i < expectedStream.size(); ++i)
                QVERIFY2(
                    packetsEqual(result.packets.at(i), expectedStream.at(i)),
                    qPrintable(v.id + QStringLiteral(": ") + describePacket(result.packets.at(i))));
        }
        for (qsizetype split = 0; split <= v.wire.size(); ++split) {
            const DecodeResult result = decodeStreamSplitAt(*serializer, v.wire, split);
            QCOMPARE(result.packets.size(), expectedStream.size());
        }
        ParseError error;
        const QVariant datagram = serializer->deserialize(v.datagram, error);
        QVERIFY2(!error.isError(), tag.constData());
        QVERIFY2(packetsEqual(datagram, v.datagramDecodesTo.value_or(v.packet)),
                 qPrintable(v.id + QStringLiteral(": ") + describePacket(datagram)));
        // Decoded types: qint64 for ints, double for floats.
        const QVariantList values = datagram.toList();
        QCOMPARE(values.at(0).typeId(), QMetaType::LongLong);
        QCOMPARE(values.at(1).typeId(), QMetaType::LongLong);
        QCOMPARE(values.at(2).typeId(), QMetaType::Double);
    }
}

void tst_StructSerializer::goldenStreamConcatenated()
{
    const std::unique_ptr<StructSerializer> serializer = make("!iqd");
    QByteArray stream;
    QVariantList expected;
    for (const GoldenVector &v : loadGoldenVectors(QStringLiteral("struct"))) {
        if (!v.error.isEmpty())
            continue;
        stream += v.wire;
        expected += v.streamDecodesTo.value_or(QVariantList {v.packet});
    }
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(7), qsizetype(33)}) {
        const DecodeResult result = decodeStream(*serializer, stream, chunk);
        QVERIFY(result.errors.isEmpty());
        QCOMPARE(result.packets.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QVERIFY(packetsEqual(result.packets.at(i), expected.at(i)));
    }
}

void tst_StructSerializer::formatStrings_data()
{
    const DataRows<QString, QString, int> rows {
        {"iqd", "!iqd", "!iqd", 20},
        {"big-endian", ">iqd", "!iqd", 20},
        {"all", "!bBhHiIlLqQfd?", "!bBhHiIiIqQfd?", 51},
        {"counts", "!3i2?", "!iii??", 14},
        {"spaces", "! i q d ", "!iqd", 20},
        {"zero-count", "!0ib", "!b", 1},
        {"ten", "!10B", "!BBBBBBBBBB", 10},
    };
    addRows({"format", "normalised", "size"}, rows);
}

void tst_StructSerializer::formatStrings()
{
    QFETCH(QString, format);
    QFETCH(QString, normalised);
    QFETCH(int, size);
    QString error;
    const std::unique_ptr<StructSerializer> serializer
        = StructSerializer::fromFormat(format, &error);
    QVERIFY2(serializer, qPrintable(error));
    QCOMPARE(serializer->format(), normalised);
    QCOMPARE(serializer->size(), size);
}

void tst_StructSerializer::badFormatStrings_data()
{
    const DataRows<QString, QString> rows {
        {"empty", QString(), "byte order"},
        {"no-order", "iqd", "byte order"},
        {"native", "@iqd", "byte order"},
        {"std-native", "=i", "byte order"},
        {"little", "<i", "byte order"},
        {"pad", "!ix", "'x'"},
        {"string", "!4s", "'s'"},
        {"half", "!e", "'e'"},
        {"ssize", "!n", "'n'"},
        {"two-orders", "!!i", "'!'"},
        {"no-fields", "!", "no fields"},
        {"zero-fields", "!0i", "no fields"},
        {"dangling-count", "!i3", "repeat count"},
        {"huge-count", "!99999999999i", "too large"},
    };
    addRows({"format", "messagePart"}, rows);
}

void tst_StructSerializer::badFormatStrings()
{
    QFETCH(QString, format);
    QFETCH(QString, messagePart);
    QString error;
    QVERIFY(!StructSerializer::fromFormat(format, &error));
    QVERIFY2(error.contains(messagePart), qPrintable(error));
    QVERIFY(!StructSerializer::parseFormat(format));
}

void tst_StructSerializer::emptyFieldListThrows()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, StructSerializer(QList<Field> {}));
    const StructSerializer one(QList<Field> {Field::Bool});
    QCOMPARE(one.size(), 1);
}

void tst_StructSerializer::fieldRanges()
{
    struct Case
    {
        const char *format;
        qint64 min;
        quint64 max;
        const char *message;
    };
    const Case cases[] = {
        {"!b", -128, 127, "byte format requires -128 <= number <= 127"},
        {"!B", 0, 255, "ubyte format requires 0 <= number <= 255"},
        {"!h", -32768, 32767, "'h' format requires -32768 <= number <= 32767"},
        {"!H", 0, 65535, "'H' format requires 0 <= number <= 65535"},
        {"!i", std::numeric_limits<qint32>::min(), std::numeric_limits<qint32>::max(),
         "'i' format requires -2147483648 <= number <= 2147483647"},
        {"!I", 0, std::numeric_limits<quint32>::max(),
         "'I' format requires 0 <= number <= 4294967295"},
        {"!q", std::numeric_limits<qint64>::min(), quint64(std::numeric_limits<qint64>::max()),
         "'q' format requires -9223372036854775808 <= number <= 9223372036854775807"},
        {"!Q", 0, std::numeric_limits<quint64>::max(), nullptr},
    };
    for (const Case &c : cases) {
        const std::unique_ptr<StructSerializer> serializer = make(c.format);
        const auto roundTrip = [&](const QVariant &value) {
            const QByteArray bytes = serializer->serialize(QVariantList {value});
            ParseError error;
            const QVariant decoded = serializer->deserialize(bytes, error);
            return packetsEqual(decoded.toList().value(0), value);
        };
        QVERIFY2(roundTrip(QVariant::fromValue(c.min)), c.format);
        QVERIFY2(roundTrip(QVariant::fromValue(c.max)), c.format);
        if (c.message) {
            const QVariant above = QVariant::fromValue(c.max + 1);
            QCOMPARE(serializeErrorOf(*serializer, QVariantList {above}),
                     QString::fromLatin1(c.message));
        }
        if (c.min == 0) {
            QVERIFY(!serializeErrorOf(*serializer, QVariantList {QVariant::fromValue(qint64(-1))})
                         .isEmpty());
        } else if (c.min != std::numeric_limits<qint64>::min()) {
            QCOMPARE(serializeErrorOf(*serializer, QVariantList {QVariant::fromValue(c.min - 1)}),
                     QString::fromLatin1(c.message));
        }
        // Any integer width, and bools (True = 1).
        QVERIFY(roundTrip(QVariant::fromValue(qint8(1))));
        QVERIFY(roundTrip(QVariant::fromValue(ushort(7))));
        QVERIFY(roundTrip(QVariant::fromValue(uint(9))));
        QCOMPARE(serializer->serialize(QVariantList {true}),
                 serializer->serialize(QVariantList {1}));
    }
    // UInt64 above INT64_MAX decodes to quint64, below to qint64.
    const std::unique_ptr<StructSerializer> q = make("!QQ");
    ParseError error;
    const QVariantList values
        = q->deserialize(q->serialize(QVariantList {
                             QVariant::fromValue(std::numeric_limits<quint64>::max()), 5}),
                         error)
              .toList();
    QCOMPARE(values.at(0).typeId(), QMetaType::ULongLong);
    QCOMPARE(values.at(0).toULongLong(), std::numeric_limits<quint64>::max());
    QCOMPARE(values.at(1).typeId(), QMetaType::LongLong);
}

void tst_StructSerializer::fieldEncodings()
{
    const std::unique_ptr<StructSerializer> serializer = make("!bBhHiIqQfd?");
    const QVariantList packet {
        -2,  254,          -3,   65534,
        -4,  4294967294LL, -5LL, QVariant::fromValue(quint64(0xfffffffffffffffeULL)),
        1.5, -2.5,         true};
    QCOMPARE(serializer->serialize(packet).toHex(),
             QByteArray("fe"
                        "fe"
                        "fffd"
                        "fffe"
                        "fffffffc"
                        "fffffffe"
                        "fffffffffffffffb"
                        "fffffffffffffffe"
                        "3fc00000"
                        "c004000000000000"
                        "01"));
    ParseError error;
    QVERIFY(packetsEqual(serializer->deserialize(serializer->serialize(packet), error), packet));

    // Float32 rounds like a C float; too large a finite value is refused; inf/nan pass.
    const std::unique_ptr<StructSerializer> f = make("!f");
    QCOMPARE(f->deserialize(f->serialize(QVariantList {0.1}), error).toList().at(0).toDouble(),
             double(0.1f));
    QCOMPARE(serializeErrorOf(*f, QVariantList {1e300}),
             QStringLiteral("float too large to pack with f format"));
    QVERIFY(std::isinf(
        f->deserialize(f->serialize(QVariantList {qInf()}), error).toList().at(0).toDouble()));
    QVERIFY(std::isnan(
        f->deserialize(f->serialize(QVariantList {qQNaN()}), error).toList().at(0).toDouble()));
    QCOMPARE(f->serialize(QVariantList {3}).toHex(), QByteArray("40400000"));
    QCOMPARE(f->serialize(QVariantList {QVariant(1.5f)}).toHex(), QByteArray("3fc00000"));

    // Bool: truthiness of numbers; any nonzero byte decodes as true.
    const std::unique_ptr<StructSerializer> b = make("!????");
    QCOMPARE(b->serialize(QVariantList {false, 2, 0.0, qQNaN()}).toHex(), QByteArray("00010001"));
    const QVariantList bools = b->deserialize(QByteArray("\x00\x01\x02\xff", 4), error).toList();
    QCOMPARE(bools, (QVariantList {false, true, true, true}));
    QCOMPARE(bools.at(0).typeId(), QMetaType::Bool);
}

void tst_StructSerializer::refusals()
{
    const std::unique_ptr<StructSerializer> serializer = make("!iqd");
    QCOMPARE(serializeErrorOf(*serializer, QVariantList {1, 2}),
             QStringLiteral("pack expected 3 items for packing (got 2)"));
    QCOMPARE(serializeErrorOf(*serializer, QVariantList {1, 2, 3.0, 4}),
             QStringLiteral("pack expected 3 items for packing (got 4)"));
    QCOMPARE(serializeErrorOf(*serializer, QVariantList {1.5, 0, 0.0}),
             QStringLiteral("required argument is not an integer"));
    QCOMPARE(serializeErrorOf(*serializer, QVariantList {QStringLiteral("1"), 0, 0.0}),
             QStringLiteral("required argument is not an integer"));
    QCOMPARE(serializeErrorOf(*serializer, QVariantList {1, 2, QStringLiteral("x")}),
             QStringLiteral("required argument is not a float"));
    QCOMPARE(serializeErrorOf(*serializer, QVariantList {1, 2, QVariant()}),
             QStringLiteral("required argument is not a float"));
    QVERIFY(serializeErrorOf(*serializer, QStringLiteral("(1, 2, 3.0)"))
                .contains(QLatin1StringView("tuple")));
    QVERIFY(serializeErrorOf(*serializer, QVariant()).contains(QLatin1StringView("tuple")));
    QVERIFY(serializeErrorOf(*make("!?"), QVariantList {QStringLiteral("yes")})
                .contains(QLatin1StringView("bool")));
    // The "int-as-double" and "bools" vectors: accepted.
    QVERIFY(serializeErrorOf(*serializer, QVariantList {8, 9, 10}).isEmpty());
    QVERIFY(serializeErrorOf(*serializer, QVariantList {true, false, 0.5}).isEmpty());
}

void tst_StructSerializer::generatedRecordsRoundTrip()
{
    for (const char *format : {"!bBhHiIqQfd?", "!iqd", "!?", "!dddd", "!3B2h"}) {
        const std::unique_ptr<StructSerializer> serializer = make(format);
        QRandomGenerator random(777);
        QVariantList packets;
        for (int i = 0; i < 300; ++i) {
            QVariantList record;
            for (const Field field : serializer->fields())
                record.append(randomFieldValue(random, field));
            packets.append(QVariant(record));
        }
        verifyStreamRoundTrip(*serializer, packets);
        if (QTest::currentTestFailed())
            return;
        for (const QVariant &packet : packets) {
            ParseError error;
            const QByteArray datagram = serializer->serialize(packet);
            QCOMPARE(datagram.size(), serializer->size());
            QVERIFY(packetsEqual(serializer->deserialize(datagram, error), packet));
        }
    }
}

void tst_StructSerializer::wrongDatagramSize()
{
    const std::unique_ptr<StructSerializer> serializer = make("!iqd");
    for (const qsizetype size : {0, 1, 19, 21, 40}) {
        ParseError error;
        const QVariant packet = serializer->deserialize(QByteArray(size, '\0'), error);
        QVERIFY(!packet.isValid());
        QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        QCOMPARE(error.size(), size);
        QVERIFY2(error.message().contains(QLatin1StringView("20 bytes")),
                 qPrintable(error.message()));
    }
}

void tst_StructSerializer::truncatedStream()
{
    const std::unique_ptr<StructSerializer> serializer = make("!iqd");
    const std::unique_ptr<StreamDecoder> decoder = serializer->createDecoder();
    const DecodeResult result = decodeStream(*decoder, QByteArray(30, '\x01'), 1);
    QCOMPARE(result.packets.size(), 1);
    QCOMPARE(decoder->bufferedSize(), 10);
    const ParseError error = decoder->endOfStream();
    QCOMPARE(error.kind(), ParseError::Kind::Truncated);
    QCOMPARE(error.offset(), 20);
    QCOMPARE(error.size(), 10);
}

void tst_StructSerializer::garbage()
{
    const std::unique_ptr<StructSerializer> serializer = make("!bBhHiIqQfd?");
    QRandomGenerator random(31337);
    for (int i = 0; i < 3000; ++i) {
        const QByteArray bytes = randomBytes(random, random.bounded(300));
        const DecodeResult result = decodeStream(*serializer, bytes, random.bounded(0, 40));
        QVERIFY(result.errors.isEmpty());
        QCOMPARE(result.packets.size(), bytes.size() / serializer->size());
        // Every decoded record re-encodes to the same bytes, except NaN payloads
        // and bool bytes other than 0/1.
        ParseError error;
        const QVariant datagram = serializer->deserialize(bytes, error);
        if (bytes.size() == serializer->size()) {
            QVERIFY(!error.isError());
            QCOMPARE(datagram.toList().size(), serializer->fields().size());
        } else {
            QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        }
    }
}

void tst_StructSerializer::bufferedSizeBounded()
{
    const std::unique_ptr<StructSerializer> serializer = make("!iqd");
    const QByteArray stream(4 * 1024 * 1024 + 7, '\x42');
    const qsizetype chunk = 65536 + 3;
    const DecodeResult result = decodeStream(*serializer, stream, chunk);
    QCOMPARE(result.packets.size(), stream.size() / 20);
    QVERIFY(result.maxBuffered < 20);
}

QTEST_GUILESS_MAIN(tst_StructSerializer)
#include "tst_structserializer.moc"
