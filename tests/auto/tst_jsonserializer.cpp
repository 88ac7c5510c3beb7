// JsonSerializer: the reference's golden vectors, Python-exact writing, the
// value model of reading, stream framing, and hostile input.
#include <EasyNet/exceptions.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/streamreceiver.h>

#include "serializertestsupport.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

using namespace EasyNet;
using namespace EasyNetTest;

namespace {

QVariant decodeOne(const QByteArray &text, ParseError *errorOut = nullptr)
{
    ParseError error;
    const QVariant value = JsonSerializer::fromJson(text, error);
    if (errorOut)
        *errorOut = error;
    return value;
}

// The stream fed whole to a receiver that, after each packet next() gives,
// takes the packets decoded with it in bulk, at most max at a time
// (StreamReceiver::takeDecodedPackets(), as a client gathering packets does);
// mostTaken: the most one call took.
void receiveInBulk(QByteArrayView stream, qsizetype max, qsizetype maxPacketSize,
                   DecodeResult &result, qsizetype &mostTaken)
{
    mostTaken = 0;
    StreamReceiver receiver(std::make_shared<JsonSerializer>(), nullptr, maxPacketSize);
    receiver.feed(stream);
    for (;;) {
        QVariant packet;
        ParseError error;
        const StreamDecoder::Status status = receiver.next(packet, error);
        if (status == StreamDecoder::Status::NeedMoreData)
            break;
        if (status == StreamDecoder::Status::Error) {
            result.errors.append(error);
            continue;
        }
        result.packets.append(packet);
        const qsizetype before = result.packets.size();
        const qsizetype taken = receiver.takeDecodedPackets(result.packets, max);
        QCOMPARE_LE(taken, max);
        QCOMPARE(result.packets.size(), before + taken);
        mostTaken = qMax(mostTaken, taken);
    }
    result.broken = receiver.isBroken();
}

// A stream's packets and errors, decoded in some way, are those of its
// lines decoded one by one (alone).
void compareAsAlone(const DecodeResult &together, const DecodeResult &alone)
{
    QCOMPARE(together.packets.size(), alone.packets.size());
    for (qsizetype i = 0; i < alone.packets.size(); ++i)
        QVERIFY2(packetsEqual(together.packets.at(i), alone.packets.at(i)),
                 qPrintable(QString::number(i)));
    QCOMPARE(together.errors.size(), alone.errors.size());
    for (qsizetype i = 0; i < alone.errors.size(); ++i) {
        const ParseError &a = together.errors.at(i);
        const ParseError &b = alone.errors.at(i);
        QCOMPARE(a.kind(), b.kind());
        QCOMPARE(a.offset(), b.offset());
        // (how much of an over-long line is known when it is reported
        // depends on how it arrives, batch or not)
        if (a.kind() != ParseError::Kind::TooLarge)
            QCOMPARE(a.toString(), b.toString());
    }
    QCOMPARE(together.broken, alone.broken);
}

QString utf16(const char16_t *text)
{
    return QString::fromUtf16(text);
}

} // namespace

class tst_JsonSerializer : public QObject
{
    Q_OBJECT

private slots:
    void goldenVectors_data();
    void goldenVectors();
    void goldenVectorsAsOneStream();
    void keyOrderIsKept();

    void floatRepr_data();
    void floatRepr();
    void randomDoublesRoundTrip();
    void fixedNotationDoubles();
    void stringEscapes();
    void stringEscapesAtEveryPosition();
    void acceptedPacketTypes();
    void integersAtEveryLength();
    void refusedPackets();
    void incrementalSerializeToAppends();
    void nestingLimit();

    void readNumbers_data();
    void readNumbers();
    void readStringsAndKeys();
    void malformed_data();
    void malformed();
    void errorMessages_data();
    void errorMessages();
    void deepNestingDoesNotCrash();

    void streamResynchronisesAfterBadLine();
    void streamAcceptsCrLf();
    void garbageKeepsBufferBounded();
    void fuzzMutations();
    void batchedLinesDecodeAsOneByOne();
    void flatObjectsReadAsInsideAList();
};

void tst_JsonSerializer::goldenVectors_data()
{
    addGoldenVectorRows(QStringLiteral("json"));
}

void tst_JsonSerializer::goldenVectors()
{
    const JsonSerializer serializer;
    const auto [v, ours] = verifyCurrentGoldenRoundTrip(serializer, QStringLiteral("json"));
    if (ours.isEmpty())
        return; // refused, as the reference does (or failed)
    // One line.
    QVERIFY(ours.endsWith('\n'));
    QCOMPARE(ours.count('\n'), 1);
    verifyGoldenBytes(serializer, v, ours);
}

void tst_JsonSerializer::goldenVectorsAsOneStream()
{
    verifyGoldenStream(JsonSerializer(), QStringLiteral("json"), {0, 1, 5, 333});
}

void tst_JsonSerializer::keyOrderIsKept()
{
    // The "key-order" vector, {'z': 1, 'a': 2, 'm': 3}: a QCborMap keeps the order.
    const QList<GoldenVector> vectors = keyOrderVectors(QStringLiteral("json"));
    QVERIFY(!vectors.isEmpty());
    const GoldenVector &vector = vectors.last();
    QVERIFY(!vector.wire.isEmpty());
    const QCborMap map = keyOrderPacket();
    const JsonSerializer serializer;
    QCOMPARE(serializer.incrementalSerialize(QVariant::fromValue(map)), vector.wire);
    QCOMPARE(serializer.serialize(QVariant::fromValue(map)), vector.datagram);
    // A QVariantMap sorts them.
    QCOMPARE(serializer.serialize(vector.packet), QByteArray(R"({"a":2,"m":3,"z":1})"));
}

void tst_JsonSerializer::floatRepr_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("expected"); // Python's json.dumps(value)
    const struct
    {
        double value;
        const char *text;
    } cases[] = {
        {0.0, "0.0"},
        {-0.0, "-0.0"},
        {1.0, "1.0"},
        {-1.0, "-1.0"},
        {2.5, "2.5"},
        {100.0, "100.0"},
        {0x1.999999999999ap-4, "0.1"},
        {0x1.3333333333334p-2, "0.30000000000000004"},
        {0x1.1c37937e08000p+53, "1e+16"},
        {0x1.c6bf526340000p+49, "1000000000000000.0"},
        {0x1.1c37937e07fffp+53, "9999999999999998.0"},
        {0x1.a36e2eb1c432dp-14, "0.0001"},
        {0x1.4f8b588e368f1p-17, "1e-05"},
        {0x1.421f5f40d8376p-23, "1.5e-07"},
        {0x1.b69b4ba630f35p+56, "1.2345678901234568e+17"},
        {0x1.0f0cf064dd592p+73, "1e+22"},
        {0x1.fffffffffffffp+1023, "1.7976931348623157e+308"},
        {0x1.0000000000000p-1022, "2.2250738585072014e-308"},
        {0x0.0000000000001p-1022, "5e-324"},
        {0x0.012688b70e62bp-1022, "1e-310"},
        {0x1.01f31f46ed246p-13, "0.000123"},
        {0x1.81cd6c8b43958p+13, "12345.678"},
        {-0x1.ac9a7b3b7302fp-997, "-1.25e-300"},
        {0x1.249ad2594c37dp+332, "1e+100"},
        {0x1.1666666666666p+2, "4.35"},
        {0x1.0p+53, "9007199254740992.0"},
        {0x1.0p+63, "9.223372036854776e+18"},
        {0x1.0p+64, "1.8446744073709552e+19"},
        {std::numeric_limits<double>::quiet_NaN(), "NaN"},
        {std::numeric_limits<double>::infinity(), "Infinity"},
        {-std::numeric_limits<double>::infinity(), "-Infinity"},
    };
    for (const auto &c : cases)
        QTest::newRow(c.text) << c.value << QByteArray(c.text);
}

void tst_JsonSerializer::floatRepr()
{
    QFETCH(double, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(JsonSerializer::toJson(value), expected);
    // and it reads back as the same double (NaN as NaN, -0.0 with its sign)
    ParseError error;
    const QVariant back = JsonSerializer::fromJson(expected, error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(back.typeId(), QMetaType::Double);
    QVERIFY(packetsEqual(back, value));
    // float (32-bit) goes through double
    if (std::isfinite(value) && std::abs(value) < 1e30 && float(value) == value)
        QCOMPARE(JsonSerializer::toJson(QVariant::fromValue(float(value))), expected);
}

void tst_JsonSerializer::randomDoublesRoundTrip()
{
    // Every double (random bit patterns, so all exponents) survives writing and
    // reading exactly: Qt's parser reads the non-integral ones, the markers the rest.
    QRandomGenerator random(4242);
    QVariantList list;
    for (int i = 0; i < 20000; ++i) {
        const quint64 bits = random.generate64();
        double value;
        std::memcpy(&value, &bits, sizeof value);
        list.append(value);
    }
    const QByteArray text = JsonSerializer::toJson(list);
    ParseError error;
    const QVariant back = JsonSerializer::fromJson(text, error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    const QVariantList backList = back.toList();
    QCOMPARE(backList.size(), list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        QCOMPARE(backList.at(i).typeId(), QMetaType::Double);
        QVERIFY2(packetsEqual(backList.at(i), list.at(i)),
                 qPrintable(QString::number(list.at(i).toDouble(), 'g', 17)));
    }
}

void tst_JsonSerializer::fixedNotationDoubles()
{
    // Where Python writes a float in fixed notation, [1e-4, 1e16), its repr
    // is the shortest fixed-notation digits that read back, with ".0" when
    // integral: what std::to_chars() gives in fixed format, the reference
    // here. The writer takes a short path for values of up to 15 significant
    // digits; decimals of every length and random doubles go through it or
    // past it.
    const auto python = [](double value) {
        char text[64];
        QByteArray repr(text,
                        std::to_chars(text, text + sizeof text, value, std::chars_format::fixed).ptr
                            - text);
        if (!repr.contains('.'))
            repr += ".0";
        return repr;
    };
    QList<double> values {0.0001,
                          0.1,
                          0.2,
                          0.3,
                          0.1 + 0.2,
                          1.1,
                          2.675,
                          -40.25,
                          21.5 + 0.001 * 7,
                          999999999999999.0,
                          999999999999999.9,
                          123456789012345.6,
                          1e15 - 1,
                          1e15,
                          9999999999999998.0,
                          std::nextafter(0.0001, 1.0),
                          std::nextafter(0.0001, 0.0)};
    QRandomGenerator random(1234);
    for (int i = 0; i < 100000; ++i) {
        // A decimal of 1 to 17 significant digits, 0 to 19 of them decimals.
        const int digits = 1 + int(random.bounded(17));
        const int decimals = int(random.bounded(20));
        const double mantissa
            = double(random.bounded(quint64(1) << 60) % quint64(std::pow(10, digits)));
        values.append((i % 2 ? -1 : 1) * mantissa / std::pow(10.0, decimals));
        // And any double of the range.
        values.append(std::ldexp(1.0 + random.generateDouble(), int(random.bounded(-14, 53))));
    }
    int checked = 0;
    for (const double value : std::as_const(values)) {
        if (!(std::fabs(value) >= 1e-4 && std::fabs(value) < 1e16))
            continue;
        ++checked;
        const QByteArray text = JsonSerializer::toJson(value);
        QVERIFY2(text == python(value),
                 qPrintable(QStringLiteral("%1: %2, not %3")
                                .arg(QString::number(value, 'g', 17), QLatin1StringView(text),
                                     QLatin1StringView(python(value)))));
    }
    QVERIFY(checked > 150000);
}

void tst_JsonSerializer::stringEscapes()
{
    // Python: json.dumps(''.join(map(chr, range(0xa1))) + '\u2028\uffff\U00010000\U0010ffff')
    QString text;
    for (char16_t c = 0; c <= 0xa0; ++c)
        text += QChar(c);
    text += utf16(u"\u2028\uffff\U00010000\U0010ffff");
    const QByteArray expected = QByteArrayLiteral(
        R"("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f)"
        R"(\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d)"
        R"(\u001e\u001f !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`)"
        R"(abcdefghijklmnopqrstuvwxyz{|}~\u007f\u0080\u0081\u0082\u0083\u0084\u0085\u0086)"
        R"(\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f\u0090\u0091\u0092\u0093)"
        R"(\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f\u00a0)"
        R"(\u2028\uffff\ud800\udc00\udbff\udfff")");
    QCOMPARE(JsonSerializer::toJson(text), expected);
    QCOMPARE(decodeOne(expected).toString(), text);

    // Keys are escaped the same way; the output is ASCII only.
    const QVariantMap map {{utf16(u"cl\u00e9\n"), utf16(u"\U0001F389")}};
    QCOMPARE(JsonSerializer::toJson(map), QByteArray(R"({"cl\u00e9\n":"\ud83c\udf89"})"));
    QCOMPARE(decodeOne(R"({"cl\u00e9\n":"\ud83c\udf89"})"), QVariant(map));

    // UTF-8 on the wire is read too (the README allows peers to send it).
    QCOMPARE(decodeOne(QStringLiteral("\"h\u00e9llo \U0001F389\"").toUtf8()).toString(),
             utf16(u"h\u00e9llo \U0001F389"));
}

// Each character that takes an escape, and the plain ones at the edges of the
// printable range, at every position of strings of 0 to 40 characters: the
// writer takes runs of plain characters 8 at a time.
void tst_JsonSerializer::stringEscapesAtEveryPosition()
{
    // Python's json.dumps(), as stringEscapes() pins it down.
    const auto escaped = [](const QString &text) {
        QByteArray json = "\"";
        for (const QChar c : text) {
            const char16_t ch = c.unicode();
            if (ch == u'"' || ch == u'\\')
                json += '\\' + QByteArray(1, char(ch));
            else if (ch == u'\n')
                json += "\\n";
            else if (ch >= 0x20 && ch < 0x7f)
                json += char(ch);
            else
                json += "\\u" + QByteArray::number(ch, 16).rightJustified(4, '0');
        }
        return json + '"';
    };
    const char16_t specials[]
        = {u'"', u'\\', u'\n', 0x1f, 0x7f, 0x80, 0xe9, 0x2028, 0xd83c, 0xffff, u' ', u'~'};
    for (int size = 0; size <= 40; ++size) {
        QString plain(size, QLatin1Char('a'));
        for (int i = 0; i < size; ++i)
            plain[i] = QLatin1Char(char('!' + (i * 7) % 90));
        plain.replace(QLatin1Char('"'), QLatin1Char('#'))
            .replace(QLatin1Char('\\'), QLatin1Char('/'));
        QCOMPARE(JsonSerializer::toJson(plain), escaped(plain));
        for (int at = 0; at < size; ++at) {
            for (const char16_t special : specials) {
                QString text = plain;
                text[at] = QChar(special);
                QCOMPARE(JsonSerializer::toJson(text), escaped(text));
            }
        }
    }
}

// Integers are written as std::to_chars() writes them: at each number of
// digits (either side of every power of 10), at the ends of the 64-bit types,
// negative too, and at random.
void tst_JsonSerializer::integersAtEveryLength()
{
    const auto expect = [](auto value) {
        char text[24];
        return QByteArray(text, std::to_chars(text, text + sizeof text, value).ptr - text);
    };
    QList<quint64> values {0, std::numeric_limits<quint64>::max()};
    for (quint64 power = 1;; power *= 10) {
        values << power - 1 << power << power + 1;
        if (power > std::numeric_limits<quint64>::max() / 10)
            break;
    }
    QRandomGenerator random(7);
    for (int i = 0; i < 10000; ++i)
        values << (random.generate64() >> random.bounded(64)); // (every length)
    for (const quint64 value : std::as_const(values)) {
        QCOMPARE(JsonSerializer::toJson(QVariant::fromValue(value)), expect(value));
        const auto asSigned = qint64(value); // (wraps: negative ones too)
        QCOMPARE(JsonSerializer::toJson(QVariant::fromValue(asSigned)), expect(asSigned));
        if (asSigned != std::numeric_limits<qint64>::min()) // (no negation)
            QCOMPARE(JsonSerializer::toJson(QVariant::fromValue(-asSigned)), expect(-asSigned));
    }
    QCOMPARE(JsonSerializer::toJson(QVariant::fromValue(std::numeric_limits<qint64>::min())),
             expect(std::numeric_limits<qint64>::min()));
}

void tst_JsonSerializer::acceptedPacketTypes()
{
    const auto json = [](const QVariant &v) { return JsonSerializer::toJson(v); };
    QCOMPARE(json(QVariant()), QByteArray("null"));
    QCOMPARE(json(QVariant::fromValue(nullptr)), QByteArray("null"));
    QCOMPARE(json(true), QByteArray("true"));
    QCOMPARE(json(int(-7)), QByteArray("-7"));
    QCOMPARE(json(uint(4000000000u)), QByteArray("4000000000"));
    QCOMPARE(json(QVariant::fromValue(short(-3))), QByteArray("-3"));
    QCOMPARE(json(QVariant::fromValue(quint8(200))), QByteArray("200"));
    QCOMPARE(json(QVariant::fromValue(std::numeric_limits<quint64>::max())),
             QByteArray("18446744073709551615"));
    QCOMPARE(json(QVariant::fromValue(std::numeric_limits<qint64>::min())),
             QByteArray("-9223372036854775808"));
    QCOMPARE(json(QChar(u'\u00e9')), QByteArray(R"("\u00e9")"));
    QCOMPARE(json(QStringList {QStringLiteral("a"), QStringLiteral("b")}),
             QByteArray(R"(["a","b"])"));

    QVariantHash hash {
        {QStringLiteral("b"), 1}, {QStringLiteral("a"), 2}, {QStringLiteral("c"), 3}};
    QCOMPARE(json(hash), QByteArray(R"({"a":2,"b":1,"c":3})"));

    const QJsonObject object {
        {QStringLiteral("x"), 1.5},
        {QStringLiteral("y"), QJsonArray {1, QStringLiteral("s"), QJsonValue()}},
        {QStringLiteral("i"), qint64(1) << 60}};
    QCOMPARE(json(object), QByteArray(R"({"i":1152921504606846976,"x":1.5,"y":[1,"s",null]})"));
    QCOMPARE(json(QJsonValue(object)), json(object));
    QCOMPARE(json(QJsonDocument(object)), json(object));
    QCOMPARE(json(QJsonArray {true, false}), QByteArray("[true,false]"));
    QCOMPARE(json(QJsonDocument(QJsonArray {2.0})),
             QByteArray("[2]")); // QJsonValue(2.0) is an integer in Qt

    // QCborMap keeps insertion order and writes non-string keys as Python does.
    QCborMap cbor;
    cbor.insert(QStringLiteral("s"), QCborArray {1, 2.5, QCborValue(QCborValue::Null)});
    cbor.insert(7, QStringLiteral("int"));
    cbor.insert(QCborValue(-1.5), QStringLiteral("float"));
    cbor.insert(QCborValue(true), QStringLiteral("bool"));
    cbor.insert(QCborValue(QCborValue::Null), QStringLiteral("null"));
    QCOMPARE(
        json(QVariant::fromValue(cbor)),
        QByteArray(R"({"s":[1,2.5,null],"7":"int","-1.5":"float","true":"bool","null":"null"})"));
    QCOMPARE(json(QVariant::fromValue(QCborValue(cbor))), json(QVariant::fromValue(cbor)));
    QCOMPARE(json(QVariant::fromValue(QCborArray {QStringLiteral("x"), false})),
             QByteArray(R"(["x",false])"));

    // Other containers QVariant can iterate.
    QCOMPARE(json(QVariant::fromValue(QList<int> {1, 2, 3})), QByteArray("[1,2,3]"));
    QCOMPARE(json(QVariant::fromValue(QMap<QString, int> {{QStringLiteral("k"), 1}})),
             QByteArray(R"({"k":1})"));
}

void tst_JsonSerializer::refusedPackets()
{
    const JsonSerializer serializer;
    QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.serialize(QByteArray("\x00\xff", 2)));
    try {
        serializer.serialize(QByteArray("ab"));
        QFAIL("no exception");
    } catch (const SerializeError &e) {
        QCOMPARE(e.message(), QStringLiteral("Object of type bytes is not JSON serializable"));
        QCOMPARE(e.error().code(), ErrorCode::SerializeError);
    }
    QVERIFY_THROWS_EXCEPTION(SerializeError,
                             serializer.incrementalSerialize(QVariantList {1, QByteArray("x")}));
    QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.serialize(QDateTime::currentDateTime()));
    QVERIFY_THROWS_EXCEPTION(
        SerializeError, serializer.serialize(QVariant::fromValue(QCborValue(QByteArray("b")))));
    QCborMap badKey;
    badKey.insert(QCborValue(QByteArray("k")), 1);
    QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.serialize(QVariant::fromValue(badKey)));
    QCborMap tupleKey;
    tupleKey.insert(QCborArray {1, 2}, 1);
    QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.serialize(QVariant::fromValue(tupleKey)));
    QVERIFY_THROWS_EXCEPTION(
        SerializeError,
        serializer.serialize(QVariant::fromValue(QCborValue(QDateTime::currentDateTimeUtc()))));
}

// What a client coalesces its sends with: the bytes of incrementalSerialize()
// appended in place, and nothing of a refused packet.
void tst_JsonSerializer::incrementalSerializeToAppends()
{
    const JsonSerializer serializer;
    const QVariantMap packet {{QStringLiteral("n"), 1}, {QStringLiteral("s"), QStringLiteral("é")}};
    QByteArray out = "{}\n";
    serializer.incrementalSerializeTo(packet, out);
    QCOMPARE(out, "{}\n" + serializer.incrementalSerialize(packet));
    const QByteArray before = out;
    const QVariantMap refused {{QStringLiteral("a"), 1}, {QStringLiteral("b"), QDateTime()}};
    QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.incrementalSerializeTo(refused, out));
    QCOMPARE(out, before);
}

void tst_JsonSerializer::nestingLimit()
{
    const auto nested = [](int depth) {
        QVariant value = QVariantList();
        for (int i = 1; i < depth; ++i)
            value = QVariantList {value};
        return value;
    };
    const JsonSerializer serializer;
    const QByteArray text = serializer.serialize(nested(JsonSerializer::MaxNestingDepth));
    QCOMPARE(text.size(), 2 * JsonSerializer::MaxNestingDepth);
    ParseError error;
    QVERIFY(serializer.deserialize(text, error).isValid());
    QVERIFY(!error.isError());
    QVERIFY_THROWS_EXCEPTION(SerializeError,
                             serializer.serialize(nested(JsonSerializer::MaxNestingDepth + 1)));
    const QByteArray deeper = '[' + text + ']';
    QVERIFY(!serializer.deserialize(deeper, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY(error.isRecoverable());
}

void tst_JsonSerializer::readNumbers_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QVariant>("expected");
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("0") << QByteArray("0") << QVariant::fromValue(qint64(0));
    QTest::newRow("-0") << QByteArray("-0") << QVariant::fromValue(qint64(0));
    QTest::newRow("3.0 stays a float") << QByteArray("3.0") << QVariant(3.0);
    QTest::newRow("-0.0 keeps its sign") << QByteArray("-0.0") << QVariant(-0.0);
    QTest::newRow("1e2") << QByteArray("1e2") << QVariant(100.0);
    QTest::newRow("1E+2") << QByteArray("1E+2") << QVariant(100.0);
    QTest::newRow("2.5e-3") << QByteArray("2.5e-3") << QVariant(0.0025);
    QTest::newRow("0.1") << QByteArray("0.1") << QVariant(0.1);
    QTest::newRow("1e400") << QByteArray("1e400") << QVariant(inf);
    QTest::newRow("-1e400") << QByteArray("-1e400") << QVariant(-inf);
    QTest::newRow("1e-400") << QByteArray("1e-400") << QVariant(0.0);
    QTest::newRow("-1e-400") << QByteArray("-1e-400") << QVariant(-0.0);
    QTest::newRow("0.0000e99999") << QByteArray("0.0000e99999") << QVariant(0.0);
    QTest::newRow("NaN") << QByteArray("NaN") << QVariant(std::numeric_limits<double>::quiet_NaN());
    QTest::newRow("Infinity") << QByteArray(" Infinity ") << QVariant(inf);
    QTest::newRow("-Infinity") << QByteArray("-Infinity") << QVariant(-inf);
    QTest::newRow("int64 max") << QByteArray("9223372036854775807")
                               << QVariant::fromValue(std::numeric_limits<qint64>::max());
    QTest::newRow("int64 min") << QByteArray("-9223372036854775808")
                               << QVariant::fromValue(std::numeric_limits<qint64>::min());
    QTest::newRow("2^63") << QByteArray("9223372036854775808")
                          << QVariant::fromValue(quint64(1) << 63);
    QTest::newRow("uint64 max") << QByteArray("18446744073709551615")
                                << QVariant::fromValue(std::numeric_limits<quint64>::max());
    QTest::newRow("2^64 -> double") << QByteArray("18446744073709551616") << QVariant(0x1.0p64);
    QTest::newRow("-2^63-1 -> double") << QByteArray("-9223372036854775809") << QVariant(-0x1.0p63);
    QTest::newRow("huge int -> double")
        << QByteArray("123456789012345678901234567890") << QVariant(1.2345678901234568e+29);
    QTest::newRow("400-digit int -> inf") << QByteArray(400, '9') << QVariant(inf);
    QTest::newRow("fraction of 19 significant digits")
        << QByteArray("1000000000.000000001") << QVariant(1e9);
    QTest::newRow("fraction of 20 significant digits")
        << QByteArray("1844674407370955.6161") << QVariant(1844674407370955.5);
    QTest::newRow("fraction of 21 digits after 0.")
        << QByteArray("0.400024600067000046020") << QVariant(0.40002460006700004602);
    QTest::newRow("leading zero digits 19")
        << QByteArray("-1000000000000000000") << QVariant::fromValue(qint64(-1000000000000000000));
}

void tst_JsonSerializer::readNumbers()
{
    QFETCH(QByteArray, text);
    QFETCH(QVariant, expected);
    ParseError error;
    const QVariant value = decodeOne(text, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(value.metaType(), expected.metaType());
    QVERIFY2(packetsEqual(value, expected), qPrintable(describePacket(value)));
    // inside a container too
    const QVariant inList = decodeOne("[1," + text + ",\"x\"]", &error);
    QVERIFY(!error.isError());
    QVERIFY(packetsEqual(inList, QVariantList {1LL, expected, QStringLiteral("x")}));
    // as the value of a flat object (simdjson's On-Demand API, not its tree)
    const QVariant inObject = decodeOne("{\"k\":" + text + "}", &error);
    QVERIFY(!error.isError());
    QCOMPARE(inObject.toMap().value(QStringLiteral("k")).metaType(), expected.metaType());
    QVERIFY2(packetsEqual(inObject, QVariantMap {{QStringLiteral("k"), expected}}),
             qPrintable(describePacket(inObject)));
}

void tst_JsonSerializer::readStringsAndKeys()
{
    // Number-like text inside strings and keys is left alone.
    const QByteArray text
        = R"({"NaN":"NaN 1.0 -Infinity 99999999999999999999","1.0":[1.0,"\"3.0\\"]})";
    ParseError error;
    const QVariant value = decodeOne(text, &error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    const QVariantMap expected {
        {QStringLiteral("NaN"), QStringLiteral("NaN 1.0 -Infinity 99999999999999999999")},
        {QStringLiteral("1.0"), QVariantList {1.0, QStringLiteral("\"3.0\\")}}};
    QVERIFY2(packetsEqual(value, expected), qPrintable(describePacket(value)));
    // A repeated key keeps its last value (as Python).
    QCOMPARE(decodeOne(R"({"a":1,"a":2})"), QVariant(QVariantMap {{QStringLiteral("a"), 2LL}}));
    // so in any order, also inside a list (simdjson's tree, not On-Demand)
    const QVariantMap lastValues {
        {QStringLiteral("a"), 4LL}, {QStringLiteral("b"), 5LL}, {QStringLiteral("c"), 3LL}};
    QCOMPARE(decodeOne(R"({"b":1,"a":2,"c":3,"a":4,"b":5})"), QVariant(lastValues));
    QCOMPARE(decodeOne(R"([{"b":1,"a":2,"c":3,"a":4,"b":5}])"),
             QVariant(QVariantList {lastValues}));
    // null, booleans, empty containers
    QCOMPARE(decodeOne("null").typeId(), QMetaType::Nullptr);
    QCOMPARE(decodeOne(" true "), QVariant(true));
    QCOMPARE(decodeOne("{}"), QVariant(QVariantMap()));
    QCOMPARE(decodeOne("[]"), QVariant(QVariantList()));
    // A lone surrogate escape is kept as Python keeps it.
    QCOMPARE(decodeOne(R"("\ud800")").toString(), QString(QChar(0xd800)));
}

void tst_JsonSerializer::malformed_data()
{
    const DataRows<QByteArray> rows {
        {"empty", QByteArray()},
        {"blank", " \t "},
        {"two values", "1 2"},
        {"two values comma", "1,2"},
        {"leading zero", "01"},
        {"trailing dot", "1."},
        {"leading dot", ".5"},
        {"plus", "+1"},
        {"minus alone", "-"},
        {"bad exponent", "1e"},
        {"double minus", "--1"},
        {"-NaN", "-NaN"},
        {"NaNx", "NaNx"},
        {"nan lowercase", "nan"},
        {"NaN key", "{NaN:1}"},
        {"big int key", "{99999999999999999999:1}"},
        {"float key", "{1.0:1}"},
        {"int key", "{1:2}"},
        {"trailing comma", "[1,]"},
        {"unterminated string", "\"abc"},
        {"unterminated escape", "\"abc\\"},
        {"bad escape", R"("\x41")"},
        {"short unicode escape", R"("\u12")"},
        {"bad unicode escape", R"("\u12g4")"},
        {"raw control char", "\"a\x01b\""},
        {"raw tab", "\"a\tb\""},
        {"invalid utf-8", "\"\xff\""},
        {"truncated", "{\"a\":[1,2"},
        {"closing only", "]"},
        {"wrapper escape", "1],[2"},
        {"word", "tru"},
        {"single quotes", "'a'"},
        {"nul byte", QByteArray("1\0", 2)},
    };
    addRows({"text"}, rows);
}

void tst_JsonSerializer::malformed()
{
    QFETCH(QByteArray, text);
    const JsonSerializer serializer;
    ParseError error;
    const QVariant value = serializer.deserialize(text, error);
    QVERIFY2(!value.isValid(), qPrintable(describePacket(value)));
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY(error.isRecoverable());
    QVERIFY(error.message().startsWith(QStringLiteral("not JSON: ")));
    QVERIFY(error.offset() >= 0 && error.offset() <= text.size());
    QCOMPARE(error.size(), text.size());

    // On a stream: the error, then the next line decodes.
    const DecodeResult result = decodeStream(serializer, text + "\n[1]\n");
    verifyOneSkippedError(result, ParseError::Kind::Malformed, 0, text.size() + 1);
    QCOMPARE(result.packets.size(), 1);
    QVERIFY(packetsEqual(result.packets.first(), QVariantList {1LL}));
}

void tst_JsonSerializer::errorMessages_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("offset");
    QTest::addColumn<QString>("message");
    QTest::newRow("a word") << QByteArray("hello") << 0
                            << "not JSON: unexpected 'h' at offset 0, where a value should come";
    QTest::newRow("redis") << QByteArray("+PONG") << 0
                           << "not JSON: invalid number \"+\" at offset 0";
    QTest::newRow("no colon") << QByteArray(R"({"a" 1})") << 5
                              << "not JSON: unexpected '1' at offset 5, where ':' should come";
    QTest::newRow("bare key") << QByteArray("{broken") << 1
                              << "not JSON: unexpected 'b' at offset 1, where a key in double "
                                 "quotes should come";
    QTest::newRow("trailing comma")
        << QByteArray("[1,]") << 3
        << "not JSON: unexpected ']' at offset 3, where a value should come";
    QTest::newRow("no comma") << QByteArray(
        "[1 2]") << 3 << "not JSON: unexpected '2' at offset 3, where ',' or ']' should come";
    QTest::newRow("unterminated") << QByteArray(R"(["abc)") << 5
                                  << "not JSON: the string that starts at offset 1 does not end";
    QTest::newRow("cut short") << QByteArray(R"({"a":)") << 5
                               << "not JSON: the text ends where more of the value should come";
    QTest::newRow("empty") << QByteArray() << 0
                           << "not JSON: the text ends where a value should come";
    QTest::newRow("extra") << QByteArray(R"({"a":1} x)") << 8
                           << "not JSON: extra data after the value at offset 8";
    QTest::newRow("escape") << QByteArray(R"("a\qb")") << 2
                            << "not JSON: invalid escape at offset 2";
    QTest::newRow("control") << QByteArray("\"a\tb\"") << 2
                             << "not JSON: control character 0x09 in a string at offset 2";
    QTest::newRow("byte") << QByteArray(
        "\x01") << 0 << "not JSON: unexpected byte 0x01 at offset 0, where a value should come";
}

// What was wrong, in words, and where: the offending character's offset.
void tst_JsonSerializer::errorMessages()
{
    QFETCH(QByteArray, text);
    QFETCH(int, offset);
    QFETCH(QString, message);
    ParseError error;
    QVERIFY(!JsonSerializer().deserialize(text, error).isValid());
    QCOMPARE(error.message(), message);
    QCOMPARE(error.offset(), offset);
}

void tst_JsonSerializer::deepNestingDoesNotCrash()
{
    const JsonSerializer serializer;
    for (const QByteArray &text :
         {QByteArray(100000, '['), QByteArray(100000, '[') + QByteArray(100000, ']'),
          QByteArray(50000, '{'), QByteArray("[") + QByteArray(60000, '-')}) {
        ParseError error;
        QVERIFY(!serializer.deserialize(text, error).isValid());
        QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    }
    // Qt's error message and offset come through (offsets map to the caller's text).
    ParseError error;
    // (Qt points at, or just past, the offending character.)
    serializer.deserialize(QByteArray("[1, 2 3]"), error);
    QVERIFY2(error.offset() == 6 || error.offset() == 7, qPrintable(error.toString()));
    QVERIFY(error.message().startsWith(QStringLiteral("not JSON: ")));
    // after markers were put in: still offsets in the caller's text
    serializer.deserialize(QByteArray("[NaN, 1.0, 99999999999999999999, x]"), error);
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY2(error.offset() == 33 || error.offset() == 34, qPrintable(error.toString()));
}

void tst_JsonSerializer::streamResynchronisesAfterBadLine()
{
    const JsonSerializer serializer;
    const QByteArray stream = "1\n{bad\n\n[2,NaN]\n\"\xff\"\n{\"k\":3.0}\n";
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(4)}) {
        const DecodeResult result = decodeStream(serializer, stream, chunk);
        QCOMPARE(result.packets.size(), 3);
        QVERIFY(packetsEqual(result.packets.at(0), 1LL));
        QVERIFY(packetsEqual(result.packets.at(1),
                             QVariantList {2LL, std::numeric_limits<double>::quiet_NaN()}));
        QVERIFY(packetsEqual(result.packets.at(2), QVariantMap {{QStringLiteral("k"), 3.0}}));
        QCOMPARE(result.errors.size(), 3); // "{bad", the empty line, invalid UTF-8
        QCOMPARE(result.errors.at(0).offset(), 2);
        QCOMPARE(result.errors.at(0).size(), 5);
        QCOMPARE(result.errors.at(1).offset(), 7);
        for (const ParseError &e : result.errors) {
            QCOMPARE(e.kind(), ParseError::Kind::Malformed);
            QVERIFY(e.isRecoverable());
        }
        QVERIFY(!result.broken);
    }
}

void tst_JsonSerializer::streamAcceptsCrLf()
{
    const JsonSerializer serializer;
    const DecodeResult result = decodeStream(serializer, "1\r\n[2]\r\n", 1);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.packets.size(), 2);
    QVERIFY(packetsEqual(result.packets.at(1), QVariantList {2LL}));
}

void tst_JsonSerializer::garbageKeepsBufferBounded()
{
    const JsonSerializer serializer;
    const qsizetype limit = 4096;
    const qsizetype chunk = 1000;
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(limit);
    QRandomGenerator random(7);
    const ChunkedFeed feed = feedChunks(*decoder, 4000, [&](int round) { // 4 MB
        QByteArray bytes = randomBytes(random, chunk);
        // mostly without newlines, so that over-long lines happen
        if (round % 3 != 0)
            bytes.replace('\n', 'x');
        return bytes;
    });
    QVERIFY(feed.errors > 0);
    QVERIFY(feed.allRecoverable);
    QVERIFY2(feed.maxBuffered <= limit + chunk, qPrintable(QString::number(feed.maxBuffered)));
    QVERIFY(!decoder->isBroken());
    // and it still decodes a good line afterwards
    decoder->feed("\n{\"ok\":true}\n");
    QVariant packet;
    QCOMPARE(nextAfterErrors(*decoder, packet), StreamDecoder::Status::Packet);
    QVERIFY(packetsEqual(packet, QVariantMap {{QStringLiteral("ok"), true}}));
}

void tst_JsonSerializer::fuzzMutations()
{
    const JsonSerializer serializer;
    const QVariantList packets = variedPackets(2048, false, false);
    QRandomGenerator random(99);
    static const char interesting[] = "[]{}\",:\\-+.eE0123456789NaInfity\n\r\t ";
    for (int i = 0; i < 3000; ++i) {
        QByteArray bytes = serializer.serialize(packets.at(random.bounded(int(packets.size()))));
        const int mutations = random.bounded(1, 5);
        for (int m = 0; m < mutations && !bytes.isEmpty(); ++m) {
            const qsizetype pos = random.bounded(int(bytes.size()));
            switch (random.bounded(5)) {
            case 0: bytes[pos] = char(random.bounded(256)); break;
            case 1: bytes[pos] = interesting[random.bounded(int(sizeof interesting - 1))]; break;
            case 2: bytes.truncate(pos); break;
            case 3:
                bytes.insert(pos, interesting[random.bounded(int(sizeof interesting - 1))]);
                break;
            default: bytes.remove(pos, random.bounded(1, 8)); break;
            }
        }
        if (random.bounded(10) == 0) // pure garbage
            bytes = randomBytes(random, random.bounded(64));
        ParseError error;
        const QVariant value = serializer.deserialize(bytes, error);
        QCOMPARE(value.isValid(), !error.isError());
        if (error.isError()) {
            QCOMPARE(error.kind(), ParseError::Kind::Malformed);
            QVERIFY(error.offset() >= 0 && error.offset() <= bytes.size());
        } else {
            // whatever was accepted writes and reads back to the same value
            const QByteArray again = serializer.serialize(value);
            ParseError error2;
            QVERIFY(packetsEqual(serializer.deserialize(again, error2), value));
        }
        const DecodeResult result = decodeStream(serializer, bytes + '\n', random.bounded(1, 40));
        QCOMPARE(result.packets.size() + result.errors.size(), bytes.count('\n') + 1);
        for (const ParseError &e : result.errors)
            QVERIFY(e.isRecoverable());
    }
}

// Lines that arrive together are parsed in one pass (JsonReader::readLines());
// a line alone, as when fed byte by byte, is parsed by itself. Both must give
// the same packets and the same errors, wherever the batch has to stop: a
// stray quote that would shift how later lines split, a scalar, an over-long
// line, too deep a nesting, non-standard values, whitespace around a text.
// So must the packets a receiver takes in bulk from a batch.
void tst_JsonSerializer::batchedLinesDecodeAsOneByOne()
{
    const JsonSerializer serializer;
    // mostTaken: the most a receiver took in bulk at once, 2 at a time and
    // as many as it could.
    const auto compare = [&](const QByteArray &stream, qsizetype limit,
                             std::pair<qsizetype, qsizetype> *mostTaken = nullptr) {
        const DecodeResult alone = decodeStream(serializer, stream, 1, limit);
        compareAsAlone(decodeStream(serializer, stream, 0, limit), alone);
        std::pair<qsizetype, qsizetype> taken;
        DecodeResult inTwos;
        DecodeResult asMany;
        receiveInBulk(stream, 2, limit, inTwos, taken.first);
        receiveInBulk(stream, 1000, limit, asMany, taken.second);
        compareAsAlone(inTwos, alone);
        compareAsAlone(asMany, alone);
        if (mostTaken)
            *mostTaken = taken;
    };
    const QByteArray deep = QByteArray(1100, '[') + QByteArray(1100, ']');
    const QByteArray lines = "{\"a\":1}\n  [1,2] \t\r\n{\"b\":\"x\"}\n\"\n{\"c\":\"\n2}\n"
                             "{\"d\":3}\n7\n\"s\"\n{\"e\":[1,{\"f\":null}]}\n{\"g\":1} {\"h\":2}\n"
                             "[NaN]\n\n   \n{\"i\":\"\xff\"}\n"
        + deep + "\n{\"j\":\"" + QByteArray(200, 'y') + "\"}\n{\"k\":[]}\n[]{}\n{\"l\":2}\n";
    compare(lines, 64);
    compare(lines, 4096);
    std::pair<qsizetype, qsizetype> mostTaken;
    compare(QByteArray("{\"a\":1}\n").repeated(3000) + lines, 4096, &mostTaken); // batches
    QCOMPARE(mostTaken.first, 2);
    QVERIFY2(mostTaken.second > 100, qPrintable(QString::number(mostTaken.second)));

    const QVariantList packets = variedPackets(2048, false, false);
    QRandomGenerator random(31);
    static const char interesting[] = "[]{}\",:\\\n ";
    for (int round = 0; round < 300; ++round) {
        QByteArray stream;
        for (int line = random.bounded(2, 40); line > 0; --line) {
            QByteArray bytes
                = serializer.serialize(packets.at(random.bounded(int(packets.size()))));
            if (random.bounded(4) == 0 && !bytes.isEmpty())
                bytes[random.bounded(int(bytes.size()))]
                    = interesting[random.bounded(int(sizeof interesting - 1))];
            stream += bytes + '\n';
        }
        compare(stream, random.bounded(2) ? 256 : 64 * 1024);
        if (QTest::currentTestFailed())
            return;
    }
}

namespace {

// Whether a and b, and each value inside them, have the same types (an
// integer of 64 bits signed or not, as the reader chose); their values are
// packetsEqual()'s to compare.
bool sameTypes(const QVariant &a, const QVariant &b)
{
    if (a.metaType() != b.metaType())
        return false;
    if (a.typeId() == QMetaType::QVariantList) {
        const QVariantList x = a.toList(), y = b.toList();
        return std::equal(x.begin(), x.end(), y.begin(), y.end(), sameTypes);
    }
    if (a.typeId() == QMetaType::QVariantMap) {
        const QVariantMap x = a.toMap(), y = b.toMap();
        return std::equal(x.begin(), x.end(), y.begin(), y.end(), sameTypes);
    }
    return true;
}

// packetsEqual(), with every value of the same type.
bool sameTypedPacket(const QVariant &a, const QVariant &b)
{
    return packetsEqual(a, b) && sameTypes(a, b);
}

} // namespace

// A flat object (every value a scalar or a list of scalars) is read through
// simdjson's On-Demand API, alone and in a stream of lines; the same object
// inside a list is read through its tree, as is anything else. Both must give
// the same packet, of the same types, and refuse the same texts: escapes and
// surrogates in keys and strings, integers at the ends of 64 bits, repeated
// keys, and the same objects broken at random.
void tst_JsonSerializer::flatObjectsReadAsInsideAList()
{
    QList<QByteArray> keys
        = QByteArray(R"(n|a||\u00e9t\u00e9|\ud83d\ude00|\ud800|\n\"|k\/ey|a)").split('|');
    keys << "\xc3\xa9"
         << "\xef\xbb\xbfx";
    // Mostly scalars; a nested list or object, NaN and malformed numbers send
    // the object to the tree, or to the fallback reader, on both sides.
    QList<QByteArray> values
        = QByteArray(
              "0|-0|7|-1|9223372036854775807|9223372036854775808|18446744073709551615|"
              "18446744073709551616|-9223372036854775808|-9223372036854775809|1.0|1e5|-2.5E-3|"
              "1e400|4.9e-324|0.1|1844674407370955.616 |0.30000000000000000000001e-3|"
              R"(true|false|null|""|"x\ty\u0000z"|"\ud83d\ude00 \udc00"|NaN|01|1.|[1,[2]]|)"
              R"({"o":1}|[])")
              .split('|');
    values << "\"\xe2\x82\xac\"";
    static const char interesting[] = "[]{}\",:\\-.e0123456789 ";
    QRandomGenerator random(47);
    const JsonSerializer serializer;
    QByteArray stream;
    QVariantList streamPackets;
    // A fraction of up to 30 digits, mostly zeros: simdjson 3.0's On-Demand
    // API misreads many of those that start with "0.".
    const auto longFraction = [&] {
        QByteArray digits(random.bounded(10, 30), '0');
        for (char &digit : digits) {
            if (random.bounded(3) == 0)
                digit = char('0' + random.bounded(10));
        }
        return (random.bounded(2) ? "0." : "-12.") + digits + '1'
            + (random.bounded(3) == 0 ? "e" + QByteArray::number(random.bounded(-40, 40)) : "");
    };
    const auto value = [&] {
        return random.bounded(4) == 0 ? longFraction()
                                      : values.at(random.bounded(int(values.size())));
    };
    for (int round = 0; round < 4000; ++round) {
        QByteArray text = "{";
        for (int field = random.bounded(4); field >= 0; --field) {
            text += '"' + keys.at(random.bounded(int(keys.size()))) + "\":";
            if (random.bounded(4) == 0) {
                text += '[';
                for (int item = random.bounded(3); item > 0; --item)
                    text += value() + ',';
                if (text.endsWith(','))
                    text.chop(1);
                text += ']';
            } else {
                text += value();
            }
            text += field > 0 ? "," : "";
        }
        text += '}';
        if (random.bounded(3) == 0) {
            const qsizetype pos = random.bounded(int(text.size()));
            if (random.bounded(2) == 0)
                text[pos] = interesting[random.bounded(int(sizeof interesting - 1))];
            else
                text.remove(pos, 1);
        }
        ParseError error;
        const QVariant alone = serializer.deserialize(text, error);
        const QVariant inList = serializer.deserialize('[' + text + ']', error);
        const bool readsAsOne
            = inList.typeId() == QMetaType::QVariantList && inList.toList().size() == 1;
        QVERIFY2(readsAsOne ? sameTypedPacket(alone, inList.toList().first()) : !alone.isValid(),
                 text.constData());
        if (readsAsOne && !text.trimmed().isEmpty()) {
            stream += text + '\n';
            streamPackets.append(alone);
        }
    }
    QVERIFY2(streamPackets.size() > 1000, qPrintable(QString::number(streamPackets.size())));
    const DecodeResult result = decodeStream(serializer, stream);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.packets.size(), streamPackets.size());
    for (qsizetype i = 0; i < streamPackets.size(); ++i)
        QVERIFY2(sameTypedPacket(result.packets.at(i), streamPackets.at(i)),
                 qPrintable(describePacket(result.packets.at(i))));
}

QTEST_GUILESS_MAIN(tst_JsonSerializer)
#include "tst_jsonserializer.moc"
