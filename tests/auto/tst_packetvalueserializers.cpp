// The packet value set shared by the JSON, CBOR and MessagePack writers (one
// visitor walks the QVariant for all three): every accepted type is written by
// each format exactly as its plain value-model equivalent, and every refused
// type is refused by each format, with the same nesting limit.
#include <EasyNet/cborserializer.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/msgpackserializer.h>

#include "serializertestsupport.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QPoint>
#include <QtCore/QUrl>
#include <QtCore/qfloat16.h>
#include <QtTest/QTest>

#include <limits>
#include <vector>

using namespace EasyNet;

namespace {

enum Format { Json = 1, Cbor = 2, MsgPack = 4, All = Json | Cbor | MsgPack };

const AbstractPacketSerializer &serializer(Format format)
{
    static const JsonSerializer json;
    static const CborSerializer cbor;
    static const MsgPackSerializer msgpack;
    switch (format) {
    case Json: return json;
    case Cbor: return cbor;
    default: return msgpack;
    }
}

const char *formatName(Format format)
{
    return format == Json ? "JSON" : format == Cbor ? "CBOR" : "MessagePack";
}

QVariant i64(qint64 v)
{
    return QVariant::fromValue(v);
}

QVariant nested(int levels, const QVariant &innermost)
{
    QVariant value = innermost;
    for (int i = 1; i < levels; ++i)
        value = QVariantList {value};
    return value;
}

} // namespace

class tst_PacketValueSerializers : public QObject
{
    Q_OBJECT

private slots:
    void types_data();
    void types();
    void refusalMessages();
};

void tst_PacketValueSerializers::types_data()
{
    // packet: the value given to serialize(); canonical: the plain value-model
    // packet it must be written as (same bytes); accepted: the formats that write
    // it (the others throw SerializeError); cborHex: CBOR's bytes when the value
    // has no plain equivalent (tags, simple values).
    EasyNetTest::addColumns<QVariant, QVariant, int, QByteArray>(
        {"packet", "canonical", "accepted", "cborHex"});
    const QVariant null = QVariant::fromValue(nullptr);
    const QString e = QStringLiteral("\u00e9");

    QTest::newRow("invalid QVariant") << QVariant() << null << int(All) << QByteArray();
    QTest::newRow("nullptr") << null << null << int(All) << QByteArray();
    QTest::newRow("bool") << QVariant(true) << QVariant(true) << int(All) << QByteArray();
    QTest::newRow("char") << QVariant::fromValue(char(65)) << i64(65) << int(All) << QByteArray();
    QTest::newRow("signed char") << QVariant::fromValue(qint8(-5)) << i64(-5) << int(All)
                                 << QByteArray();
    QTest::newRow("short") << QVariant::fromValue(short(-300)) << i64(-300) << int(All)
                           << QByteArray();
    QTest::newRow("int") << QVariant(int(-70000)) << i64(-70000) << int(All) << QByteArray();
    QTest::newRow("long") << QVariant::fromValue(long(-5000000000)) << i64(-5000000000) << int(All)
                          << QByteArray();
    QTest::newRow("long long min")
        << QVariant::fromValue(std::numeric_limits<qint64>::min())
        << i64(std::numeric_limits<qint64>::min()) << int(All) << QByteArray();
    QTest::newRow("unsigned char")
        << QVariant::fromValue(quint8(200)) << i64(200) << int(All) << QByteArray();
    QTest::newRow("unsigned short")
        << QVariant::fromValue(ushort(60000)) << i64(60000) << int(All) << QByteArray();
    QTest::newRow("unsigned int") << QVariant(uint(4000000000u)) << i64(4000000000) << int(All)
                                  << QByteArray();
    QTest::newRow("unsigned long")
        << QVariant::fromValue(ulong(1) << 40) << i64(qint64(1) << 40) << int(All) << QByteArray();
    QTest::newRow("unsigned long long max")
        << QVariant::fromValue(std::numeric_limits<quint64>::max())
        << QVariant::fromValue(std::numeric_limits<quint64>::max()) << int(All) << QByteArray();
    QTest::newRow("float") << QVariant(1.5f) << QVariant(1.5) << int(All) << QByteArray();
    QTest::newRow("double") << QVariant(-0.25) << QVariant(-0.25) << int(All) << QByteArray();
    QTest::newRow("qfloat16") << QVariant::fromValue(qfloat16(1.5f)) << QVariant(1.5) << int(All)
                              << QByteArray();
    QTest::newRow("QString") << QVariant(e) << QVariant(e) << int(All) << QByteArray();
    QTest::newRow("QChar") << QVariant(QChar(u'\u00e9')) << QVariant(e) << int(All) << QByteArray();
    QTest::newRow("QByteArray") << QVariant(QByteArray("ab")) << QVariant(QByteArray("ab"))
                                << int(Cbor | MsgPack) << QByteArray();

    const QVariantList abList {QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("QVariantList") << QVariant(QVariantList {i64(1), QVariantList {null}})
                                  << QVariant(QVariantList {i64(1), QVariantList {null}})
                                  << int(All) << QByteArray();
    QTest::newRow("QStringList") << QVariant(QStringList {QStringLiteral("a"), QStringLiteral("b")})
                                 << QVariant(abList) << int(All) << QByteArray();
    QTest::newRow("QByteArrayList") << QVariant::fromValue(QByteArrayList {"a", "b"})
                                    << QVariant(QVariantList {QByteArray("a"), QByteArray("b")})
                                    << int(Cbor | MsgPack) << QByteArray();
    QTest::newRow("QList<int>") << QVariant::fromValue(QList<int> {1, 2})
                                << QVariant(QVariantList {i64(1), i64(2)}) << int(All)
                                << QByteArray();
    QTest::newRow("std::vector<double>")
        << QVariant::fromValue(std::vector<double> {0.5}) << QVariant(QVariantList {0.5})
        << int(All) << QByteArray();

    const QVariantMap sortedMap {{QStringLiteral("a"), i64(2)},
                                 {QStringLiteral("b"), i64(1)},
                                 {QStringLiteral("c"), i64(3)}};
    QTest::newRow("QVariantMap") << QVariant(sortedMap) << QVariant(sortedMap) << int(All)
                                 << QByteArray();
    QTest::newRow("QVariantHash (keys sorted)") << QVariant(
        QVariantHash {{QStringLiteral("b"), 1}, {QStringLiteral("c"), 3}, {QStringLiteral("a"), 2}})
                                                << QVariant(sortedMap) << int(All) << QByteArray();
    QTest::newRow("QMap<QString,int>")
        << QVariant::fromValue(QMap<QString, int> {{QStringLiteral("k"), 1}})
        << QVariant(QVariantMap {{QStringLiteral("k"), i64(1)}}) << int(All) << QByteArray();
    QTest::newRow("QHash<QString,QString>")
        << QVariant::fromValue(QHash<QString, QString> {{QStringLiteral("k"), QStringLiteral("v")}})
        << QVariant(QVariantMap {{QStringLiteral("k"), QStringLiteral("v")}}) << int(All)
        << QByteArray();
    // Non-string keys: JSON writes them as strings, the others as they are.
    QTest::newRow("QMap<int,QString>")
        << QVariant::fromValue(QMap<int, QString> {{1, QStringLiteral("a")}})
        << QVariant::fromValue(QCborMap {{1, QStringLiteral("a")}}) << int(All) << QByteArray();

    const QJsonObject object {{QStringLiteral("x"), 1.5}, {QStringLiteral("i"), 7}};
    const QVariant objectPlain
        = QVariantMap {{QStringLiteral("i"), i64(7)}, {QStringLiteral("x"), 1.5}};
    QTest::newRow("QJsonObject") << QVariant(object) << objectPlain << int(All) << QByteArray();
    QTest::newRow("QJsonArray") << QVariant(QJsonArray {1, QStringLiteral("s"), QJsonValue()})
                                << QVariant(QVariantList {i64(1), QStringLiteral("s"), null})
                                << int(All) << QByteArray();
    QTest::newRow("QJsonValue") << QVariant(QJsonValue(object)) << objectPlain << int(All)
                                << QByteArray();
    QTest::newRow("QJsonDocument object")
        << QVariant(QJsonDocument(object)) << objectPlain << int(All) << QByteArray();
    QTest::newRow("QJsonDocument array")
        << QVariant(QJsonDocument(QJsonArray {true})) << QVariant(QVariantList {true}) << int(All)
        << QByteArray();
    QTest::newRow("empty QJsonDocument")
        << QVariant(QJsonDocument()) << null << int(All) << QByteArray();

    QTest::newRow("QCborValue") << QVariant::fromValue(QCborValue(-3)) << i64(-3) << int(All)
                                << QByteArray();
    QTest::newRow("QCborArray") << QVariant::fromValue(QCborArray {1, 2.5, QStringLiteral("s")})
                                << QVariant(QVariantList {i64(1), 2.5, QStringLiteral("s")})
                                << int(All) << QByteArray();
    QTest::newRow("QCborMap") << QVariant::fromValue(QCborMap {{QStringLiteral("z"), 1}})
                              << QVariant(QVariantMap {{QStringLiteral("z"), i64(1)}}) << int(All)
                              << QByteArray();
    QTest::newRow("QCborMap bytes key") << QVariant::fromValue(QCborMap {{QByteArray("k"), 1}})
                                        << QVariant::fromValue(QCborMap {{QByteArray("k"), 1}})
                                        << int(Cbor | MsgPack) << QByteArray();
    QTest::newRow("QCborMap array key") << QVariant::fromValue(QCborMap {{QCborArray {1}, 1}})
                                        << QVariant::fromValue(QCborMap {{QCborArray {1}, 1}})
                                        << int(Cbor | MsgPack) << QByteArray();
    QTest::newRow("QCborSimpleType true")
        << QVariant::fromValue(QCborSimpleType::True) << QVariant(true) << int(All) << QByteArray();
    QTest::newRow("QCborSimpleType null")
        << QVariant::fromValue(QCborSimpleType::Null) << null << int(All) << QByteArray();
    QTest::newRow("CBOR undefined") << QVariant::fromValue(QCborValue(QCborValue::Undefined))
                                    << null << int(All) << QByteArray("f7");
    QTest::newRow("QCborSimpleType 99") << QVariant::fromValue(QCborSimpleType(99)) << QVariant()
                                        << int(Cbor) << QByteArray("f863");
    QTest::newRow("CBOR tag") << QVariant::fromValue(QCborValue(QCborTag(42), 1)) << QVariant()
                              << int(Cbor) << QByteArray("d82a01");
    QTest::newRow("CBOR extended type (URL)")
        << QVariant::fromValue(QCborValue(QUrl(QStringLiteral("a:b")))) << QVariant() << int(Cbor)
        << QByteArray("d82063613a62");

    QTest::newRow("QDateTime") << QVariant(QDateTime::currentDateTimeUtc()) << QVariant() << 0
                               << QByteArray();
    QTest::newRow("QPoint in a list")
        << QVariant(QVariantList {QPoint(1, 2)}) << QVariant() << 0 << QByteArray();
    QTest::newRow("char16_t") << QVariant::fromValue(char16_t(u'x')) << QVariant() << 0
                              << QByteArray();
    QTest::newRow("invalid QCborValue")
        << QVariant::fromValue(QCborValue(QCborValue::Invalid)) << QVariant() << 0 << QByteArray();

    // One nesting limit for all three: 1000 levels are written, 1001 are not,
    // whatever the container type.
    const int max = JsonSerializer::MaxNestingDepth;
    QTest::newRow("1000 levels") << nested(max, QVariantList()) << nested(max, QVariantList())
                                 << int(All) << QByteArray();
    QTest::newRow("1001 levels") << nested(max + 1, QVariantList()) << QVariant() << 0
                                 << QByteArray();
    QTest::newRow("1001 levels, QStringList inside")
        << nested(max + 1, QStringList()) << QVariant() << 0 << QByteArray();
    QCborArray deepCbor;
    for (int i = 1; i < max + 1; ++i)
        deepCbor = QCborArray {deepCbor};
    QTest::newRow("1001 levels of QCborArray")
        << QVariant::fromValue(deepCbor) << QVariant() << 0 << QByteArray();
    QVariant deepMap = QVariantMap();
    for (int i = 1; i < max + 1; ++i)
        deepMap = QVariantMap {{QStringLiteral("k"), deepMap}};
    QTest::newRow("1001 levels of maps") << deepMap << QVariant() << 0 << QByteArray();
}

void tst_PacketValueSerializers::types()
{
    QFETCH(QVariant, packet);
    QFETCH(QVariant, canonical);
    QFETCH(int, accepted);
    QFETCH(QByteArray, cborHex);
    for (const Format format : {Json, Cbor, MsgPack}) {
        const AbstractPacketSerializer &s = serializer(format);
        if (!(accepted & format)) {
            QVERIFY2(EasyNetTest::throws<SerializeError>([&] { s.serialize(packet); }),
                     formatName(format));
            continue;
        }
        QByteArray bytes;
        try {
            bytes = s.serialize(packet);
        } catch (const SerializeError &error) {
            QFAIL(qPrintable(QStringLiteral("%1 refused it: %2")
                                 .arg(QLatin1StringView(formatName(format)), error.message())));
        }
        if (format == Cbor && !cborHex.isEmpty())
            QCOMPARE(bytes.toHex(), cborHex);
        else
            QCOMPARE(bytes.toHex(), s.serialize(canonical).toHex());
    }
}

void tst_PacketValueSerializers::refusalMessages()
{
    const auto message = [](Format format, const QVariant &packet) {
        try {
            serializer(format).serialize(packet);
        } catch (const SerializeError &error) {
            return error.message();
        }
        return QString();
    };
    const QVariant point = QPoint(1, 2);
    QCOMPARE(message(Json, point),
             QStringLiteral("Object of type QPoint is not JSON serializable"));
    QCOMPARE(message(Cbor, point), QStringLiteral("a QPoint cannot be written as CBOR"));
    QCOMPARE(message(MsgPack, point), QStringLiteral("a QPoint cannot be written as MessagePack"));
    const QVariant deep = nested(JsonSerializer::MaxNestingDepth + 1, QVariantList());
    for (const Format format : {Json, Cbor, MsgPack})
        QCOMPARE(message(format, deep),
                 QStringLiteral("the packet is nested deeper than 1000 levels"));
    QCOMPARE(message(Json, QVariant::fromValue(QCborMap {{QByteArray("k"), 1}})),
             QStringLiteral("keys must be str, int, float, bool or None, not bytes"));
    QCOMPARE(message(MsgPack, QVariant::fromValue(QCborValue(QCborTag(42), 1))),
             QStringLiteral("a CBOR tag cannot be written as MessagePack"));
}

QTEST_GUILESS_MAIN(tst_PacketValueSerializers)
#include "tst_packetvalueserializers.moc"
