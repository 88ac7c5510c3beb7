// MapForm::OrderedCborMap: every map-capable format (JSON, CBOR, MessagePack,
// and zlib and Base64 over them) reads a map with its keys in the order they
// came and its repeated keys, so writing it again gives the same bytes; the
// default (MapForm::VariantMap) still sorts them. JSON's slow path (NaN,
// integers beyond 64 bits) keeps the order too, and JSON text comes back byte
// for byte in compact form.
#include <EasyNet/base64serializer.h>
#include <EasyNet/cborserializer.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/msgpackserializer.h>
#include <EasyNet/zlibserializer.h>

#include "serializertestsupport.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtTest/QTest>

#include <cmath>
#include <memory>

using namespace EasyNet;
using namespace EasyNetTest;

namespace {

using Serializer = std::shared_ptr<const AbstractIncrementalPacketSerializer>;

// The serializer of a format name: json, cbor, msgpack, each optionally after
// "zlib-" and/or "base64-" (base64-zlib-cbor is Base64(zlib(CBOR))).
Serializer serializerOf(QString format, MapForm form)
{
    QList<bool> wrappers; // true: Base64, false: zlib; outermost first
    for (;;) {
        if (format.startsWith(QLatin1StringView("base64-")))
            wrappers.append(true);
        else if (format.startsWith(QLatin1StringView("zlib-")))
            wrappers.append(false);
        else
            break;
        format = format.sliced(format.indexOf(QLatin1Char('-')) + 1);
    }
    Serializer serializer;
    if (format == QLatin1StringView("json"))
        serializer = std::make_shared<JsonSerializer>(form);
    else if (format == QLatin1StringView("cbor"))
        serializer = std::make_shared<CborSerializer>(form);
    else
        serializer = std::make_shared<MsgPackSerializer>(form);
    for (qsizetype i = wrappers.size() - 1; i >= 0; --i) {
        if (wrappers[i])
            serializer = std::make_shared<Base64Serializer>(serializer);
        else
            serializer = std::make_shared<ZlibSerializer>(serializer);
    }
    return serializer;
}

const QStringList &everyFormat()
{
    static const QStringList formats {
        QStringLiteral("json"),           QStringLiteral("cbor"),
        QStringLiteral("msgpack"),        QStringLiteral("zlib-json"),
        QStringLiteral("zlib-cbor"),      QStringLiteral("zlib-msgpack"),
        QStringLiteral("base64-json"),    QStringLiteral("base64-cbor"),
        QStringLiteral("base64-msgpack"), QStringLiteral("base64-zlib-cbor")};
    return formats;
}

// The keys of a decoded map, in its order; with the nested maps' keys after a
// "/" ("mid/y"), so that one list shows every level.
QStringList keysOf(const QCborMap &map, const QString &prefix = {})
{
    QStringList keys;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        keys.append(prefix + it.key().toString());
        if (it.value().isMap())
            keys += keysOf(it.value().toMap(), prefix + it.key().toString() + QLatin1Char('/'));
    }
    return keys;
}

// {"zeta": 1, "mid": {"y": true, "b": null}, "alpha": [1, 2.5], "a": "x"}:
// reverse alphabetical order at both levels.
QCborMap reversePacket()
{
    QCborMap inner;
    inner.insert(QStringLiteral("y"), true);
    inner.insert(QStringLiteral("b"), QCborValue(nullptr));
    QCborMap map;
    map.insert(QStringLiteral("zeta"), 1);
    map.insert(QStringLiteral("mid"), inner);
    map.insert(QStringLiteral("alpha"), QCborArray {1, 2.5});
    map.insert(QStringLiteral("a"), QStringLiteral("x"));
    return map;
}

const QStringList ReverseKeys {QStringLiteral("zeta"),  QStringLiteral("mid"),
                               QStringLiteral("mid/y"), QStringLiteral("mid/b"),
                               QStringLiteral("alpha"), QStringLiteral("a")};

} // namespace

class tst_MapOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reverseAlphabeticalOrder_data();
    void reverseAlphabeticalOrder();
    void repeatedKeysKept_data();
    void repeatedKeysKept();
    void goldenKeyOrderVectors_data();
    void goldenKeyOrderVectors();
    void jsonSlowPathKeepsOrder();
    void jsonTextByteForByte_data();
    void jsonTextByteForByte();
    void jsonErrorsInOrderedForm();
};

void tst_MapOrder::reverseAlphabeticalOrder_data()
{
    QTest::addColumn<QString>("format");
    for (const QString &format : everyFormat())
        QTest::newRow(qPrintable(format)) << format;
}

void tst_MapOrder::reverseAlphabeticalOrder()
{
    QFETCH(QString, format);
    const Serializer ordered = serializerOf(format, MapForm::OrderedCborMap);
    const QVariant packet = QVariant::fromValue(reversePacket());

    // A datagram, and a stream of two packets.
    const QByteArray datagram = ordered->serialize(packet);
    ParseError error;
    const QVariant back = ordered->deserialize(datagram, error);
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    QCOMPARE(back.metaType(), QMetaType::fromType<QCborMap>());
    QCOMPARE(keysOf(back.value<QCborMap>()), ReverseKeys);
    QCOMPARE(ordered->serialize(back), datagram);

    const QByteArray chunk = ordered->incrementalSerialize(packet);
    const DecodeResult stream = decodeStream(*ordered, chunk + chunk);
    QCOMPARE(stream.packets.size(), 2);
    for (const QVariant &item : stream.packets) {
        QCOMPARE(keysOf(item.value<QCborMap>()), ReverseKeys);
        QCOMPARE(ordered->incrementalSerialize(item), chunk);
    }

    // The default form sorts them.
    const QVariant sorted = serializerOf(format, MapForm::VariantMap)->deserialize(datagram, error);
    QCOMPARE(sorted.typeId(), QMetaType::QVariantMap);
    QCOMPARE(sorted.toMap().keys(),
             (QStringList {QStringLiteral("a"), QStringLiteral("alpha"), QStringLiteral("mid"),
                           QStringLiteral("zeta")}));
}

void tst_MapOrder::repeatedKeysKept_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("bytes"); // {"b": 1, "a": 2, "b": 3}
    QTest::newRow("json") << "json" << QByteArray(R"({"b":1,"a":2,"b":3})");
    QTest::newRow("cbor") << "cbor" << QByteArray::fromHex("a3616201616102616203");
    QTest::newRow("msgpack") << "msgpack" << QByteArray::fromHex("83a16201a16102a16203");
}

void tst_MapOrder::repeatedKeysKept()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, bytes);
    ParseError error;
    const Serializer ordered = serializerOf(format, MapForm::OrderedCborMap);
    const QVariant back = ordered->deserialize(bytes, error);
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    QCOMPARE(keysOf(back.value<QCborMap>()),
             (QStringList {QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(ordered->serialize(back), bytes);
    // The default form: the last value of a repeated key.
    const QVariant sorted = serializerOf(format, MapForm::VariantMap)->deserialize(bytes, error);
    QVERIFY(packetsEqual(sorted, QVariantMap {{QStringLiteral("a"), 2}, {QStringLiteral("b"), 3}}));
}

void tst_MapOrder::goldenKeyOrderVectors_data()
{
    QTest::addColumn<QString>("format");
    for (const char *format : {"json", "cbor", "msgpack", "zlib-json", "base64-json"})
        QTest::newRow(format) << QString::fromLatin1(format);
}

// The reference's {'z': 1, 'a': 2, 'm': 3} comes back in its order and is
// written again byte for byte.
void tst_MapOrder::goldenKeyOrderVectors()
{
    QFETCH(QString, format);
    const Serializer ordered = serializerOf(format, MapForm::OrderedCborMap);
    const QList<GoldenVector> vectors = keyOrderVectors(format);
    QVERIFY(!vectors.isEmpty());
    for (const GoldenVector &vector : vectors) {
        ParseError error;
        const QVariant back = ordered->deserialize(vector.datagram, error);
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        QCOMPARE(keysOf(back.value<QCborMap>()), keysOf(keyOrderPacket()));
        QCOMPARE(ordered->serialize(back), vector.datagram);
        const DecodeResult stream = decodeStream(*ordered, vector.wire);
        QCOMPARE(stream.packets.size(), 1);
        QCOMPARE(ordered->incrementalSerialize(stream.packets.first()), vector.wire);
    }
}

// Texts simdjson refuses (the reference's NaN and Infinity, integers beyond 64
// bits) go through Qt's parser, whose objects sort their keys: the order and
// the repeated keys survive there too.
void tst_MapOrder::jsonSlowPathKeepsOrder()
{
    const QByteArray text
        = R"({"z":NaN,"y":18446744073709551616,"x":{"w":-Infinity,"v":[1,"k"]},"z":2})";
    ParseError error;
    const QVariant back = JsonSerializer::fromJson(text, error, MapForm::OrderedCborMap);
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    const QCborMap map = back.value<QCborMap>();
    QCOMPARE(keysOf(map),
             (QStringList {QStringLiteral("z"), QStringLiteral("y"), QStringLiteral("x"),
                           QStringLiteral("x/w"), QStringLiteral("x/v"), QStringLiteral("z")}));
    QVERIFY(std::isnan(map.value(QStringLiteral("z")).toDouble()));
    QCOMPARE(map.value(QStringLiteral("y")).toDouble(), 18446744073709551616.0);
    QCOMPARE(JsonSerializer::toJson(back),
             QByteArray(
                 R"({"z":NaN,"y":1.8446744073709552e+19,"x":{"w":-Infinity,"v":[1,"k"]},"z":2})"));
    // A key that looks like our markers is only a key.
    const QByteArray keyLike = R"({"\u0001EasyNet:k0:a":NaN})";
    const QVariant odd = JsonSerializer::fromJson(keyLike, error, MapForm::OrderedCborMap);
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    QCOMPARE(keysOf(odd.value<QCborMap>()),
             QStringList {QStringLiteral("\x01"
                                         "EasyNet:k0:a")});
}

void tst_MapOrder::jsonTextByteForByte_data()
{
    QTest::addColumn<QByteArray>("typed");
    QTest::addColumn<QByteArray>("wire");
    const QByteArray issue = R"({"zeta":1,"alpha":[1,2],"mid":"x"})";
    QTest::newRow("compact") << issue << issue;
    QTest::newRow("spaced") << QByteArray(R"({ "zeta": 1, "alpha": [1, 2], "mid": "x" })") << issue;
    QTest::newRow("nested in a list") << QByteArray(R"([{"b":{"d":0.5,"c":[]},"a":{}},"s"])")
                                      << QByteArray(R"([{"b":{"d":0.5,"c":[]},"a":{}},"s"])");
    QTest::newRow("escapes") << QByteArray(R"({"\u00e9":"\n","\"q\"":"\/"})")
                             << QByteArray(R"({"\u00e9":"\n","\"q\"":"/"})");
}

void tst_MapOrder::jsonTextByteForByte()
{
    QFETCH(QByteArray, typed);
    QFETCH(QByteArray, wire);
    const JsonSerializer serializer(MapForm::OrderedCborMap);
    ParseError error;
    const QVariant packet = serializer.deserialize(typed, error);
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    QCOMPARE(serializer.serialize(packet), wire);
}

// The key markers of the slow path do not move the errors' offsets.
void tst_MapOrder::jsonErrorsInOrderedForm()
{
    for (const MapForm form : {MapForm::VariantMap, MapForm::OrderedCborMap}) {
        ParseError error;
        QVERIFY(!JsonSerializer::fromJson(R"({"b":1, "a": tru})", error, form).isValid());
        QCOMPARE(error.offset(), 13);
        QCOMPARE(error.message(),
                 QStringLiteral("not JSON: unexpected 't' at offset 13, where a value should "
                                "come"));
    }
}

QTEST_GUILESS_MAIN(tst_MapOrder)
#include "tst_maporder.moc"
