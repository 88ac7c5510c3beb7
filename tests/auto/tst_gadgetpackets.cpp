// Q_GADGET packets through GadgetConverter with JSON, CBOR and MessagePack:
// written in declaration order (the golden "key-order" bytes) as the map of
// their fields wherever they are in a packet, read straight into the gadget
// by the formats' gadget decoders with exactly the packets and errors of the
// plain decoder and the converter, sent and refused, and received typed
// (packetAs(), recvPacketAs()) over loopback TCP.
#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/cborserializer.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/gadgetconverter.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/msgpackserializer.h>
#include <EasyNet/packetas.h>
#include <EasyNet/streamprotocol.h>
#include <EasyNet/tcpclient.h>

#include <QtCore/QMetaProperty>
#include <QtTest/QTest>

#include "echoservers.h"
#include "maponlyconverter.h"
#include "serverthread.h"
#include "testsupport.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <limits>
#include <memory>
#include <utility>

using namespace EasyNet;
using namespace std::chrono_literals;

struct Point
{
    Q_GADGET
    Q_PROPERTY(int x MEMBER x)
    Q_PROPERTY(int y MEMBER y)
    Q_PROPERTY(QString label MEMBER label)
public:
    int x = 0;
    int y = 0;
    QString label;
    friend bool operator==(const Point &, const Point &) = default;
};

// The golden vectors' {"z": 1, "a": 2, "m": 3}: declaration order is wire order.
struct KeyOrder
{
    Q_GADGET
    Q_PROPERTY(int z MEMBER z)
    Q_PROPERTY(int a MEMBER a)
    Q_PROPERTY(int m MEMBER m)
public:
    int z = 0;
    int a = 0;
    int m = 0;
    friend bool operator==(const KeyOrder &, const KeyOrder &) = default;
};

struct Mixed
{
    Q_GADGET
    Q_PROPERTY(QString text MEMBER text)
    Q_PROPERTY(double number MEMBER number)
    Q_PROPERTY(bool flag MEMBER flag)
    Q_PROPERTY(QVariantList list MEMBER list)
public:
    QString text;
    double number = 0;
    bool flag = false;
    QVariantList list;
    friend bool operator==(const Mixed &, const Mixed &) = default;
};

// The scalar types the decoders set in place, as fields.
struct Scalars
{
    Q_GADGET
    Q_PROPERTY(bool flag MEMBER flag)
    Q_PROPERTY(int small MEMBER small)
    Q_PROPERTY(qlonglong large MEMBER large)
    Q_PROPERTY(double number MEMBER number)
    Q_PROPERTY(QString text MEMBER text)
public:
    bool flag = false;
    int small = 0;
    qlonglong large = 0;
    double number = 0;
    QString text;
    friend bool operator==(const Scalars &, const Scalars &) = default;
};

// Every type the JSON writer writes in place (in Scalars), and two it does
// not (a list and a nested gadget), each between two other fields.
struct Everything
{
    Q_GADGET
    Q_PROPERTY(int first MEMBER first)
    Q_PROPERTY(Scalars scalars MEMBER scalars)
    Q_PROPERTY(QVariantList list MEMBER list)
    Q_PROPERTY(Point point MEMBER point)
    Q_PROPERTY(int last MEMBER last)
public:
    int first = 1;
    Scalars scalars {true, -7, std::numeric_limits<qlonglong>::min(), 1e-7,
                     QStringLiteral("\"quoted\" \u00e9\n")};
    QVariantList list {1, QStringLiteral("two"), QVariantList {}};
    Point point {3, 4, QStringLiteral("p")};
    int last = 0;
};

// Small enough for QVariant to keep inside itself (GadgetBuilder then builds
// every packet in the same one).
struct Pair
{
    Q_GADGET
    Q_PROPERTY(int x MEMBER x)
    Q_PROPERTY(double y MEMBER y)
public:
    int x = 0;
    double y = 0;
};

// A list of each kind GadgetConverter converts, between scalars.
struct Lists
{
    Q_GADGET
    Q_PROPERTY(int n MEMBER n)
    Q_PROPERTY(QVariantList values MEMBER values)
    Q_PROPERTY(QStringList names MEMBER names)
    Q_PROPERTY(QString text MEMBER text)
public:
    int n = 0;
    QVariantList values;
    QStringList names;
    QString text;
};

// x can be read (and so sent) but never set from a packet.
struct ReadOnly
{
    Q_GADGET
    Q_PROPERTY(int x READ x)
public:
    int x() const { return m_x; }
    int m_x = 5;
};

namespace {

std::shared_ptr<const AbstractIncrementalPacketSerializer>
serializerOf(const QString &format, MapForm form = MapForm::VariantMap)
{
    if (format == QLatin1String("json"))
        return std::make_shared<JsonSerializer>(form);
    if (format == QLatin1String("cbor"))
        return std::make_shared<CborSerializer>(form);
    return std::make_shared<MsgPackSerializer>(form);
}

template<typename Gadget>
StreamProtocol gadgetProtocol(const QString &format)
{
    return StreamProtocol(serializerOf(format), std::make_shared<GadgetConverter<Gadget>>());
}

template<typename Gadget>
StreamProtocol mapOnlyProtocol(const QString &format)
{
    return StreamProtocol(serializerOf(format),
                          std::make_shared<MapOnlyConverter>(QMetaType::fromType<Gadget>()));
}

void addFormatColumn()
{
    QTest::addColumn<QString>("format");
    for (const char *format : {"json", "cbor", "msgpack"})
        QTest::newRow(format) << QString::fromLatin1(format);
}

// A property's value: a list item by item, each with its type.
QString describeValue(const QVariant &value)
{
    if (value.typeId() == QMetaType::QVariantList || value.typeId() == QMetaType::QStringList) {
        QStringList items;
        for (const QVariant &item : value.toList())
            items << QLatin1String(item.metaType().name()) + QLatin1Char(':') + item.toString();
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    return value.toString();
}

// A gadget as its type and properties, e.g. "Point{x=1, y=2, label=a}".
QString describeGadget(const QVariant &packet)
{
    const QMetaObject *meta = packet.metaType().metaObject();
    if (!meta)
        return QStringLiteral("a %1, not a gadget").arg(QLatin1String(packet.metaType().name()));
    QStringList fields;
    for (int i = meta->propertyOffset(); i < meta->propertyCount(); ++i) {
        const QMetaProperty property = meta->property(i);
        fields << QLatin1String(property.name()) + QLatin1Char('=')
                + describeValue(property.readOnGadget(packet.constData()));
    }
    return QLatin1String(meta->className()) + QLatin1Char('{') + fields.join(QStringLiteral(", "))
        + QLatin1Char('}');
}

// What a receiver gave, in order: each packet described, each error as its
// message alone (short) or with everything the ParseError holds.
struct Received
{
    QVariantList packets;
    QStringList outcomes;
    QStringList errorDetails;
    QStringList packetsWhenReceived; // each packet described as it arrived
    qsizetype takenInBulk = 0; // of the packets, by takeDecodedPackets()
};

// The packets a receiver gave are still what they were when they arrived
// (a decoder that built the next one in the same storage would change them).
void verifyPacketsKept(const Received &received)
{
    QCOMPARE(received.packets.size(), received.packetsWhenReceived.size());
    for (qsizetype i = 0; i < received.packets.size(); ++i)
        QCOMPARE(describeGadget(received.packets[i]), received.packetsWhenReceived[i]);
}

// The stream fed to receiver in pieces of chunkSize (0: whole); after each
// packet of next(), with inBulk, the packets decoded with it taken two at a
// time (StreamReceiver::takeDecodedPackets(), as a client gathering packets
// does).
Received receive(StreamReceiver receiver, QByteArrayView bytes, qsizetype chunkSize,
                 bool inBulk = false)
{
    Received received;
    if (chunkSize <= 0)
        chunkSize = qMax<qsizetype>(1, bytes.size());
    for (qsizetype pos = 0; pos < bytes.size() && !receiver.isBroken(); pos += chunkSize) {
        receiver.feed(bytes.sliced(pos, qMin(chunkSize, bytes.size() - pos)));
        QVariant packet;
        ParseError error;
        for (;;) {
            const StreamDecoder::Status status = receiver.next(packet, error);
            if (status == StreamDecoder::Status::NeedMoreData)
                break;
            if (status == StreamDecoder::Status::Packet) {
                QVariantList packets {packet};
                if (inBulk)
                    received.takenInBulk += receiver.takeDecodedPackets(packets, 2);
                for (const QVariant &taken : std::as_const(packets)) {
                    received.outcomes << describeGadget(taken);
                    received.packetsWhenReceived << received.outcomes.last();
                    received.packets << taken;
                }
                continue;
            }
            received.outcomes << error.message();
            received.errorDetails << QStringLiteral("%1 '%2' at %3 size %4 recoverable %5")
                                         .arg(int(error.kind()))
                                         .arg(error.message())
                                         .arg(error.offset())
                                         .arg(error.size())
                                         .arg(error.isRecoverable());
            if (receiver.isBroken())
                break;
        }
    }
    return received;
}

// The stream as the gadget decoder (fast) receives it in pieces of chunkSize
// (0: whole), into ours, checked against the map path (slow): the same
// packets and errors, and packets that stay as they arrived. So must the
// fast receiver that takes packets in bulk.
void receiveAsMapPath(const StreamProtocol &fast, const StreamProtocol &slow, QByteArrayView bytes,
                      qsizetype chunkSize, Received &ours)
{
    ours = receive(fast.createReceiver(), bytes, chunkSize);
    verifyPacketsKept(ours);
    const Received reference = receive(slow.createReceiver(), bytes, chunkSize);
    QCOMPARE(ours.outcomes, reference.outcomes);
    QCOMPARE(ours.errorDetails, reference.errorDetails);
    const Received inBulk = receive(fast.createReceiver(), bytes, chunkSize, true);
    verifyPacketsKept(inBulk);
    QCOMPARE(inBulk.outcomes, reference.outcomes);
    QCOMPARE(inBulk.errorDetails, reference.errorDetails);
    ours.takenInBulk = inBulk.takenInBulk; // (for a test to check that it took any)
}

// One item's bytes (JSON: its text, no newline).
QByteArray item(const QString &format, const QVariant &value)
{
    if (format == QLatin1String("json"))
        return JsonSerializer::toJson(value);
    return serializerOf(format)->serialize(value);
}

// A map frame of exactly these encoded keys and values, in this order
// (repeated keys kept); fewer than 16 entries.
QByteArray mapFrame(const QString &format, const QList<std::pair<QByteArray, QByteArray>> &entries)
{
    QByteArray frame;
    if (format == QLatin1String("json")) {
        frame += '{';
        for (const auto &[key, value] : entries)
            frame += key + ':' + value + ',';
        if (!entries.isEmpty())
            frame.chop(1);
        return frame + "}\n";
    }
    Q_ASSERT(entries.size() < 16);
    frame += char((format == QLatin1String("cbor") ? 0xa0 : 0x80) + entries.size());
    for (const auto &[key, value] : entries)
        frame += key + value;
    return frame;
}

QString pointText(int x, int y, const QString &label)
{
    return describeGadget(QVariant::fromValue(Point {x, y, label}));
}

QString conversionFailed(const char *message)
{
    return QStringLiteral("conversion failed: ") + QLatin1String(message);
}

} // namespace

class tst_GadgetPackets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyOrderGolden_data() { addFormatColumn(); }
    void keyOrderGolden();
    void writtenAsTheirMap_data() { addFormatColumn(); }
    void writtenAsTheirMap();
    void gadgetDecoders_data() { addFormatColumn(); }
    void gadgetDecoders();
    void sameAsMapPath_data();
    void sameAsMapPath();
    void scalarsSameAsMapPath_data();
    void scalarsSameAsMapPath();
    void smallGadgetsSameAsMapPath_data() { addFormatColumn(); }
    void smallGadgetsSameAsMapPath();
    void jsonTextsSameAsMapPath_data();
    void jsonTextsSameAsMapPath();
    void numbersKeepTheirValue_data();
    void numbersKeepTheirValue();
    void jsonFractionsReadExactly();
    void wrongPacketRefused_data() { addFormatColumn(); }
    void wrongPacketRefused();
    void roundTrip_data() { addFormatColumn(); }
    void roundTrip();
    void readOnlyProperty_data() { addFormatColumn(); }
    void readOnlyProperty();
    void packetAsOtherType();
    void blockingRecvPacketAs_data() { addFormatColumn(); }
    void blockingRecvPacketAs();
    void recvPacketAsFuture_data() { addFormatColumn(); }
    void recvPacketAsFuture();

private:
    // The frames of sameAsMapPath(), each with the outcomes it gives (a null
    // string: an error of the format; none listed: only that both paths agree).
    struct Frame
    {
        QString name;
        QByteArray bytes;
        QStringList expected;
    };
    static QList<Frame> frames(const QString &format);
};

void tst_GadgetPackets::keyOrderGolden()
{
    QFETCH(QString, format);
    const QList<EasyNetTest::GoldenVector> vectors = EasyNetTest::loadGoldenVectors(format);
    const auto vector = std::find_if(vectors.cbegin(), vectors.cend(), [](const auto &v) {
        return v.id == QLatin1String("key-order");
    });
    QVERIFY(vector != vectors.cend());
    const auto converter = std::make_shared<GadgetConverter<KeyOrder>>();
    const QVariant packet = QVariant::fromValue(KeyOrder {1, 2, 3});

    const StreamProtocol stream(serializerOf(format), converter);
    QCOMPARE(stream.generateChunk(packet).toHex(), vector->wire.toHex());
    const DatagramProtocol datagrams(serializerOf(format), converter);
    QCOMPARE(datagrams.makeDatagram(packet).toHex(), vector->datagram.toHex());

    for (const qsizetype chunkSize : {0, 1}) {
        const Received received = receive(stream.createReceiver(), vector->wire, chunkSize);
        QCOMPARE(received.outcomes, QStringList {describeGadget(packet)});
        QCOMPARE(received.packets.first().metaType(), QMetaType::fromType<KeyOrder>());
        QCOMPARE(received.packets.first().value<KeyOrder>(), (KeyOrder {1, 2, 3}));
    }
    ParseError error;
    const QVariant fromDatagram = datagrams.buildPacketFromDatagram(vector->datagram, error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(fromDatagram.value<KeyOrder>(), (KeyOrder {1, 2, 3}));
}

void tst_GadgetPackets::writtenAsTheirMap()
{
    // A writer that writes gadgets its own way (JSON does) gives the bytes of
    // the map of their fields in declaration order, whatever the field types
    // and wherever the gadget is: alone, in a list, as a map's value.
    QFETCH(QString, format);
    const auto serializer = serializerOf(format);
    const Everything gadget;
    const QCborMap scalars {{QStringLiteral("flag"), true},
                            {QStringLiteral("small"), -7},
                            {QStringLiteral("large"), std::numeric_limits<qlonglong>::min()},
                            {QStringLiteral("number"), 1e-7},
                            {QStringLiteral("text"), gadget.scalars.text}};
    const QCborMap point {{QStringLiteral("x"), 3},
                          {QStringLiteral("y"), 4},
                          {QStringLiteral("label"), QStringLiteral("p")}};
    const QCborMap map {{QStringLiteral("first"), 1},
                        {QStringLiteral("scalars"), scalars},
                        {QStringLiteral("list"), QCborArray::fromVariantList(gadget.list)},
                        {QStringLiteral("point"), point},
                        {QStringLiteral("last"), 0}};
    const QVariant packet = QVariant::fromValue(gadget);
    const QVariant mapPacket = QVariant::fromValue(map);
    QCOMPARE(serializer->serialize(packet), serializer->serialize(mapPacket));
    QCOMPARE(serializer->serialize(QVariantList {packet, 1, packet}),
             serializer->serialize(QVariantList {mapPacket, 1, mapPacket}));
    QCOMPARE(serializer->serialize(
                 QVariantMap {{QStringLiteral("a"), packet}, {QStringLiteral("b"), packet}}),
             serializer->serialize(
                 QVariantMap {{QStringLiteral("a"), mapPacket}, {QStringLiteral("b"), mapPacket}}));
    if (format == QLatin1String("json")) {
        QCOMPARE(serializer->serialize(QVariant::fromValue(Point {1, 2, QStringLiteral("a")})),
                 QByteArray(R"({"x":1,"y":2,"label":"a"})"));
    }
}

void tst_GadgetPackets::gadgetDecoders()
{
    // The equivalence below means something: these formats do read gadgets
    // themselves, except into the ordered form, which no converter takes.
    QFETCH(QString, format);
    const QMetaType point = QMetaType::fromType<Point>();
    QVERIFY(serializerOf(format)->createGadgetDecoder(point, 1024) != nullptr);
    QVERIFY(serializerOf(format, MapForm::OrderedCborMap)->createGadgetDecoder(point, 1024)
            == nullptr);
    QCOMPARE(GadgetConverter<Point>().gadgetType(), point);
    QVERIFY(!MapOnlyConverter(point).gadgetType().isValid());
}

QList<tst_GadgetPackets::Frame> tst_GadgetPackets::frames(const QString &format)
{
    const bool json = format == QLatin1String("json");
    const bool cbor = format == QLatin1String("cbor");
    const auto e = [&](const QVariant &value) { return item(format, value); };
    const auto map = [&](const QList<std::pair<QByteArray, QByteArray>> &entries) {
        return mapFrame(format, entries);
    };
    const QByteArray x = e(QStringLiteral("x")), y = e(QStringLiteral("y")),
                     label = e(QStringLiteral("label"));
    const QByteArray one = e(1), two = e(2), empty = e(QString());
    // A value the format refuses (a recoverable error of the frame).
    const QByteArray bad = json ? QByteArray("tru")
        : cbor                  ? QByteArray::fromHex("62fffe") // text, invalid UTF-8
                                : QByteArray::fromHex("a2fffe"); // str, invalid UTF-8
    const QVariantList nestedList {
        1, QVariantMap {{QStringLiteral("b"), QVariant::fromValue(nullptr)}}};
    const QString missingY = conversionFailed("field 'y' missing or not a int");
    const QString badX = conversionFailed("field 'x' missing or not a int");
    const QString notAMap = conversionFailed("expected a map for Point");

    QList<Frame> list = {
        {QStringLiteral("complete"),
         map({{x, one}, {y, two}, {label, e(QStringLiteral("a"))}}),
         {pointText(1, 2, QStringLiteral("a"))}},
        {QStringLiteral("other order, extra scalar"),
         map({{label, e(QStringLiteral("b"))},
              {e(QStringLiteral("extra")), e(7)},
              {y, e(4)},
              {x, e(3)}}),
         {pointText(3, 4, QStringLiteral("b"))}},
        {QStringLiteral("extra array and object"),
         map({{x, one},
              {e(QStringLiteral("deep")),
               e(QVariantMap {{QStringLiteral("a"), QVariantList {1, nestedList}}})},
              {y, two},
              {e(QStringLiteral("list")), e(nestedList)},
              {label, empty}}),
         {pointText(1, 2, QString())}},
        {QStringLiteral("missing field"), map({{x, one}, {label, empty}}), {missingY}},
        {QStringLiteral("empty map"), map({}), {badX}},
        {QStringLiteral("key in another case"),
         map({{e(QStringLiteral("X")), one}, {y, two}, {label, empty}}),
         {badX}},
        {QStringLiteral("text for an int"),
         map({{x, e(QStringLiteral("abc"))}, {y, two}, {label, empty}}),
         {badX}},
        {QStringLiteral("numeric text for an int"),
         map({{x, e(QStringLiteral("12"))}, {y, two}, {label, empty}}),
         {pointText(12, 2, QString())}},
        {QStringLiteral("int for a string"),
         map({{x, one}, {y, two}, {label, e(5)}}),
         {pointText(1, 2, QStringLiteral("5"))}},
        {QStringLiteral("double for an int"), map({{x, e(1.5)}, {y, two}, {label, empty}}), {}},
        {QStringLiteral("smallest int, negative"),
         map({{x, e(qlonglong(std::numeric_limits<int>::min()))}, {y, e(-2)}, {label, empty}}),
         {pointText(std::numeric_limits<int>::min(), -2, QString())}},
        // Set in place only when it fits: beyond, as the map path converts it.
        {QStringLiteral("integer beyond an int"),
         map({{x, e(qlonglong(std::numeric_limits<int>::max()) + 1)}, {y, two}, {label, empty}}),
         {}},
        {QStringLiteral("null for an int"),
         map({{x, e(QVariant::fromValue(nullptr))}, {y, two}, {label, empty}}),
         {}},
        {QStringLiteral("null for a string"),
         map({{x, one}, {y, two}, {label, e(QVariant::fromValue(nullptr))}}),
         {}},
        {QStringLiteral("repeated key, last invalid"),
         map({{x, one}, {y, two}, {label, empty}, {x, e(QStringLiteral("abc"))}}),
         {badX}},
        {QStringLiteral("repeated key, last valid"),
         map({{x, e(QStringLiteral("abc"))}, {y, two}, {label, empty}, {x, e(7)}}),
         {pointText(7, 2, QString())}},
        {QStringLiteral("key with a byte order mark"),
         map({{e(QStringLiteral("\uFEFFx")), one}, {y, two}, {label, empty}}),
         {}},
        {QStringLiteral("key with a byte order mark after its own"),
         map({{x, one},
              {e(QStringLiteral("\uFEFFx")), e(QStringLiteral("abc"))},
              {y, two},
              {label, empty}}),
         {}},
        {QStringLiteral("top-level array"),
         item(format, QVariantList {1, 2}) + (json ? "\n" : ""),
         {notAMap}},
        {QStringLiteral("top-level integer"), e(5) + (json ? "\n" : ""), {notAMap}},
        {QStringLiteral("top-level text"), e(QStringLiteral("x")) + (json ? "\n" : ""), {notAMap}},
        {QStringLiteral("malformed value"), map({{x, one}, {y, two}, {label, bad}}), {QString()}},
        {QStringLiteral("malformed extra value"),
         map({{x, one}, {e(QStringLiteral("extra")), bad}, {y, two}, {label, empty}}),
         {QString()}},
    };
    const QByteArray complete = list.first().bytes;
    list.append({QStringLiteral("malformed, then complete"),
                 map({{x, one}, {label, bad}}) + complete,
                 {QString(), list.first().expected.first()}});
    if (json) {
        list.append({QStringLiteral("CRLF"), complete.chopped(1) + "\r\n", list.first().expected});
        list.append({QStringLiteral("spaces"), "  { \"x\" : 1 ,\t\"y\":2, \"label\" : \"a\" }  \n",
                     list.first().expected});
        list.append({QStringLiteral("escaped key"),
                     "{\"\\u0078\": 1, \"y\": 2, \"label\": \"\"}\n",
                     {pointText(1, 2, QString())}});
        list.append({QStringLiteral("non-text key"),
                     "{1: 2, \"x\": 1, \"y\": 2, \"label\": \"\"}\n",
                     {QString()}});
    } else {
        // A map with another key is no QVariantMap: CBOR makes a QCborMap of
        // it, and so does MessagePack of bin keys; other MessagePack keys are
        // errors.
        list.append({QStringLiteral("integer key"),
                     map({{e(3), one}, {x, one}, {y, two}, {label, empty}}),
                     {cbor ? notAMap : QString()}});
        list.append({QStringLiteral("byte string key"),
                     map({{e(QByteArray("x")), one}, {y, two}, {label, empty}}),
                     {notAMap}});
    }
    if (cbor) {
        const QByteArray rest = y + two + label + empty;
        list.append({QStringLiteral("indefinite map"),
                     QByteArray::fromHex("bf") + x + one + rest + QByteArray::fromHex("ff"),
                     {pointText(1, 2, QString())}});
        list.append({QStringLiteral("indefinite text key"),
                     QByteArray::fromHex("a37f6178ff") + one + rest,
                     {pointText(1, 2, QString())}});
        list.append({QStringLiteral("tagged key"),
                     QByteArray::fromHex("a3d820") + x + one + rest,
                     {pointText(1, 2, QString())}});
    }
    return list;
}

void tst_GadgetPackets::sameAsMapPath_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");
    for (const char *format : {"json", "cbor", "msgpack"}) {
        QByteArray all;
        for (const Frame &frame : frames(QString::fromLatin1(format))) {
            QTest::addRow("%s/%s", format, qPrintable(frame.name))
                << QString::fromLatin1(format) << frame.bytes << frame.expected;
            all += frame.bytes;
        }
        // Many packets and errors in one feed, and in pieces.
        QTest::addRow("%s/all in one stream", format)
            << QString::fromLatin1(format) << all << QStringList();
    }
}

// Packets and errors of the gadget decoder are the map path's, fed whole,
// byte by byte and 3 bytes at a time.
void tst_GadgetPackets::sameAsMapPath()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    const StreamProtocol fast = gadgetProtocol<Point>(format);
    const StreamProtocol slow = mapOnlyProtocol<Point>(format);
    for (const qsizetype chunkSize : {0, 1, 3}) {
        Received ours;
        receiveAsMapPath(fast, slow, bytes, chunkSize, ours);
        if (QTest::currentTestFailed())
            return;
        if (expected.isEmpty())
            continue;
        QCOMPARE(ours.outcomes.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            if (!expected[i].isNull())
                QCOMPARE(ours.outcomes[i], expected[i]);
            else
                QVERIFY2(!ours.outcomes[i].startsWith(QLatin1String("Point{"))
                             && !ours.outcomes[i].startsWith(QLatin1String("conversion failed")),
                         qPrintable(ours.outcomes[i]));
        }
    }
}

void tst_GadgetPackets::scalarsSameAsMapPath_data()
{
    // Every field of Scalars given every kind of scalar the formats have, and
    // the edges of the integers: what a decoder sets in place must be what
    // the map path's conversion makes of it.
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("bytes");
    for (const char *name : {"json", "cbor", "msgpack"}) {
        const QString format = QString::fromLatin1(name);
        const auto e = [&](const QVariant &value) { return item(format, value); };
        const auto frame = [&](const char *field, const QByteArray &value) {
            QList<std::pair<QByteArray, QByteArray>> entries {
                {e(QStringLiteral("flag")), e(true)},
                {e(QStringLiteral("small")), e(-1)},
                {e(QStringLiteral("large")), e(2)},
                {e(QStringLiteral("number")), e(0.5)},
                {e(QStringLiteral("text")), e(QStringLiteral("t"))}};
            for (auto &[key, encoded] : entries) {
                if (key == e(QString::fromLatin1(field)))
                    encoded = value;
            }
            return mapFrame(format, entries);
        };
        QList<std::pair<QString, QByteArray>> rows {
            {QStringLiteral("as declared"), frame("", {})},
            {QStringLiteral("false"), frame("flag", e(false))},
            {QStringLiteral("int for a bool"), frame("flag", e(1))},
            {QStringLiteral("double for a bool"), frame("flag", e(0.0))},
            {QStringLiteral("null for a bool"), frame("flag", e(QVariant::fromValue(nullptr)))},
            {QStringLiteral("bool for an int"), frame("small", e(true))},
            {QStringLiteral("double for an int"), frame("small", e(2.0))},
            {QStringLiteral("smallest int"), frame("small", e(std::numeric_limits<int>::min()))},
            {QStringLiteral("beyond an int"),
             frame("small", e(qlonglong(std::numeric_limits<int>::max()) + 1))},
            {QStringLiteral("smallest qlonglong"),
             frame("large", e(std::numeric_limits<qlonglong>::min()))},
            {QStringLiteral("largest qlonglong"),
             frame("large", e(std::numeric_limits<qlonglong>::max()))},
            {QStringLiteral("beyond a qlonglong"),
             frame("large", e(std::numeric_limits<quint64>::max()))},
            {QStringLiteral("double for a qlonglong"), frame("large", e(2.0))},
            {QStringLiteral("int for a double"), frame("number", e(3))},
            {QStringLiteral("negative int for a double"), frame("number", e(-3))},
            {QStringLiteral("bool for a double"), frame("number", e(true))},
            {QStringLiteral("text for a double"), frame("number", e(QStringLiteral("1.5")))},
            {QStringLiteral("int for a string"), frame("text", e(5))},
            {QStringLiteral("bool for a string"), frame("text", e(false))},
            {QStringLiteral("double for a string"), frame("text", e(0.25))},
        };
        if (format == QLatin1String("cbor")) {
            rows.append({
                {QStringLiteral("float16 for a double"),
                 frame("number", QByteArray::fromHex("f93e00"))},
                {QStringLiteral("float for a double"),
                 frame("number", QByteArray::fromHex("fa3fc00000"))},
                {QStringLiteral("float16 for an int"),
                 frame("small", QByteArray::fromHex("f93c00"))},
                {QStringLiteral("-2^64 for a qlonglong"),
                 frame("large", QByteArray::fromHex("3bffffffffffffffff"))},
                {QStringLiteral("undefined for a bool"), frame("flag", QByteArray::fromHex("f7"))},
                {QStringLiteral("simple value for a bool"),
                 frame("flag", QByteArray::fromHex("f0"))},
                {QStringLiteral("tagged int for an int"),
                 frame("small", QByteArray::fromHex("c105"))},
            });
        } else if (format == QLatin1String("msgpack")) {
            rows.append({
                {QStringLiteral("float for a double"),
                 frame("number", QByteArray::fromHex("ca3fc00000"))},
                {QStringLiteral("int8 for a qlonglong"),
                 frame("large", QByteArray::fromHex("d0ff"))},
                {QStringLiteral("uint8 for an int"), frame("small", QByteArray::fromHex("ccff"))},
            });
        } else {
            rows.append({
                {QStringLiteral("exponent for a double"), frame("number", "1e2")},
                {QStringLiteral("beyond a double"), frame("number", "1e400")},
                {QStringLiteral("1.0 for an int"), frame("small", "1.0")},
                // (an int field's number is read as an integer first)
                {QStringLiteral("-0 for an int"), frame("small", "-0")},
                {QStringLiteral("exponent for an int"), frame("small", "1e2")},
                {QStringLiteral("spaces around an int"), frame("small", " 7 ")},
                {QStringLiteral("2^63 for a qlonglong"), frame("large", "9223372036854775808")},
                {QStringLiteral("-2^63-1 for a qlonglong"), frame("large", "-9223372036854775809")},
                {QStringLiteral("numeric text for an int"), frame("small", "\"3\"")},
                {QStringLiteral("list for an int"), frame("small", "[1]")},
                {QStringLiteral("letter after an int"), frame("small", "12a")},
                {QStringLiteral("leading zero in an int"), frame("large", "01")},
            });
        }
        QByteArray all;
        for (const auto &[rowName, bytes] : rows) {
            QTest::addRow("%s/%s", name, qPrintable(rowName)) << format << bytes;
            all += bytes;
        }
        QTest::addRow("%s/all in one stream", name) << format << all;
    }
}

void tst_GadgetPackets::scalarsSameAsMapPath()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, bytes);
    const StreamProtocol fast = gadgetProtocol<Scalars>(format);
    const StreamProtocol slow = mapOnlyProtocol<Scalars>(format);
    for (const qsizetype chunkSize : {0, 1}) {
        Received ours;
        receiveAsMapPath(fast, slow, bytes, chunkSize, ours);
        if (QTest::currentTestFailed())
            return;
        if (QByteArrayView(QTest::currentDataTag()).endsWith("/as declared")) {
            const Scalars expected {true, -1, 2, 0.5, QStringLiteral("t")};
            QCOMPARE(ours.outcomes, QStringList {describeGadget(QVariant::fromValue(expected))});
        }
    }
}

// Packets of a small gadget, each after one that failed or set other fields
// in other ways: nothing of a packet is left in the next.
void tst_GadgetPackets::smallGadgetsSameAsMapPath()
{
    QFETCH(QString, format);
    QVERIFY(sizeof(Pair) <= 3 * sizeof(void *)); // (kept inside a QVariant)
    const auto e = [&](const QVariant &value) { return item(format, value); };
    const QByteArray x = e(QStringLiteral("x")), y = e(QStringLiteral("y"));
    const auto pair = [](int a, double b) {
        return describeGadget(QVariant::fromValue(Pair {a, b}));
    };
    const QList<std::pair<QByteArray, QString>> frames {
        {mapFrame(format, {{x, e(1)}, {y, e(1.5)}}), pair(1, 1.5)},
        {mapFrame(format, {{x, e(2)}}), conversionFailed("field 'y' missing or not a double")},
        {mapFrame(format, {{y, e(2.5)}}), conversionFailed("field 'x' missing or not a int")},
        {mapFrame(format, {{y, e(3)}, {x, e(QStringLiteral("3"))}}), pair(3, 3)},
        {mapFrame(format, {{x, e(4)}, {y, e(QStringLiteral("abc"))}}),
         conversionFailed("field 'y' missing or not a double")},
        {mapFrame(format, {{x, e(5)}, {y, e(5.5)}, {x, e(6)}}), pair(6, 5.5)},
        {mapFrame(format, {{x, e(7)}, {y, e(7.5)}}), pair(7, 7.5)},
    };
    QByteArray bytes;
    QStringList expected;
    for (const auto &[frame, outcome] : frames) {
        bytes += frame;
        expected << outcome;
    }
    const StreamProtocol fast = gadgetProtocol<Pair>(format);
    const StreamProtocol slow = mapOnlyProtocol<Pair>(format);
    for (const qsizetype chunkSize : {0, 1}) {
        Received ours;
        receiveAsMapPath(fast, slow, bytes, chunkSize, ours);
        QCOMPARE(ours.outcomes, expected);
        // JSON lines that arrive together are decoded together: the last
        // gadget is taken in bulk after the one before it, and the failures
        // stay in their places.
        if (format == QLatin1String("json") && chunkSize == 0)
            QCOMPARE(ours.takenInBulk, 1);
    }
}

void tst_GadgetPackets::jsonTextsSameAsMapPath_data()
{
    // JSON lines at the edges of what the fast path of the JSON gadget
    // decoder reads itself (an object of fields with scalars and lists of
    // scalars, alone on its line), and malformed ones: each must give what
    // the map path gives.
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("taken"); // a Lists gadget, not an error
    const auto row = [](const char *name, const QByteArray &line, bool taken) {
        QTest::newRow(name) << line + '\n' << taken;
    };
    const auto packet = [](const QByteArray &values, const QByteArray &text = "\"t\"") {
        return "{\"n\":1,\"values\":" + values + ",\"names\":[\"x\",\"y\"],\"text\":" + text + '}';
    };
    row("as declared", packet("[1,\"a\",2.5,true,null]"), true);
    row("empty lists", R"({"n":1,"values":[],"names":[],"text":""})", true);
    row("other order", R"({"text":"t","names":[],"values":[3],"n":-7})", true);
    row("numbers for names", R"({"n":1,"values":[],"names":[1,2.5,true],"text":""})", true);
    row("nested list", packet("[[1],2]"), true);
    row("object in a list", packet("[{\"a\":1}]"), true);
    row("object for a list", packet("{\"a\":1}"), false);
    row("scalar for a list", packet("5"), false);
    row("null for a list", packet("null"), false);
    row("list for a string", packet("[]", "[\"a\"]"), false);
    row("list for an int", R"({"n":[1],"values":[],"names":[],"text":""})", false);
    row("beyond int64 in a list", packet("[9223372036854775808,18446744073709551615]"), true);
    row("beyond 64 bits in a list", packet("[18446744073709551616]"), true);
    row("numbers",
        packet("[-0,-0.0,1E+2,1e-2,0.1,2.2250738585072011e-308,5e-324,"
               "1.7976931348623157e308,9007199254740993,-9223372036854775808]"),
        true);
    row("beyond a double in a list", packet("[1e400]"), true); // (the fallback reader)
    row("escapes", packet("[]", R"("a\"b\\c\/\b\f\n\r\t\u00e9\ud83d\ude00")"), true);
    row("lone surrogate", packet("[]", R"("\ud800")"), true); // (the fallback reader)
    row("invalid escape", packet("[]", R"("\x")"), false);
    row("tab in a string", packet("[]", "\"a\tb\""), false);
    row("invalid UTF-8", packet("[]", "\"\xff\""), false);
    row("malformed in a list", packet("[1,tru]"), false);
    row("trailing comma in a list", packet("[1,]"), false);
    row("unclosed list", R"({"n":1,"values":[1,"names":[],"text":""})", false);
    row("trailing comma", R"({"n":1,"values":[],"names":[],"text":"",})", false);
    row("missing colon", R"({"n" 1,"values":[],"names":[],"text":""})", false);
    row("leading zero", R"({"n":01,"values":[],"names":[],"text":""})", false);
    row("unclosed object", R"({"n":1,"values":[],"names":[],"text":"")", false);
    row("closing brace after", packet("[]") + '}', false);
    row("scalar after", packet("[]") + " 5", false);
    row("two objects on a line", packet("[]") + ' ' + packet("[]"), false);
    row("object over two lines",
        R"({"n":1,"values":[],)"
        "\n"
        R"("names":[],"text":""})",
        false);
    row("spaces and CR",
        "  { \"n\" : 1 ,\t\"values\" : [ 1 , 2 ] , \"names\":[],\"text\":\"\" }  \r", true);
    row("repeated list key, last valid", R"({"n":1,"values":5,"names":[],"text":"","values":[1]})",
        true);
    row("escaped key", R"({"\u006e":1,"values":[],"names":[],"text":""})", true);
    row("unknown key", R"({"n":1,"values":[],"names":[],"text":"","more":[1,{}]})", true);
    row("missing field", R"({"n":1,"values":[],"text":""})", false);
    row("blank line", "   ", false);
    row("top-level list", "[1,2]", false);
}

// Each line alone, fed whole and byte by byte (JsonReader::read()), and
// between two packets and before one (JsonReader::readLines()).
void tst_GadgetPackets::jsonTextsSameAsMapPath()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, taken);
    const StreamProtocol fast = gadgetProtocol<Lists>(QStringLiteral("json"));
    const StreamProtocol slow = mapOnlyProtocol<Lists>(QStringLiteral("json"));
    const QByteArray valid = R"({"n":2,"values":[1],"names":["z"],"text":"v"})"
                             "\n";
    for (const QByteArray &bytes : {line, valid + line + valid + valid}) {
        for (const qsizetype chunkSize : {0, 1}) {
            Received ours;
            receiveAsMapPath(fast, slow, bytes, chunkSize, ours);
            if (QTest::currentTestFailed())
                return;
            const qsizetype at = bytes == line ? 0 : 1;
            QVERIFY(ours.outcomes.size() > at);
            QCOMPARE(ours.outcomes[at].startsWith(QLatin1String("Lists{")), taken);
        }
    }
}

void tst_GadgetPackets::numbersKeepTheirValue_data()
{
    // A number for an integer field is refused rather than wrapped or
    // rounded, as QVariant::convert() would (and as every decoder's typed
    // path and the map path agree, above).
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("error"); // empty: taken
    const QString intTooBig = QStringLiteral("field 'small': %1 does not fit a int");
    QTest::newRow("int max") << "small" << QVariant(qlonglong(std::numeric_limits<int>::max()))
                             << QString();
    QTest::newRow("int min") << "small" << QVariant(qlonglong(std::numeric_limits<int>::min()))
                             << QString();
    QTest::newRow("beyond int max")
        << "small" << QVariant(qlonglong(std::numeric_limits<int>::max()) + 1)
        << intTooBig.arg(QStringLiteral("2147483648"));
    QTest::newRow("beyond int min")
        << "small" << QVariant(qlonglong(std::numeric_limits<int>::min()) - 1)
        << intTooBig.arg(QStringLiteral("-2147483649"));
    QTest::newRow("unsigned beyond int")
        << "small" << QVariant(quint64(1) << 31) << intTooBig.arg(QStringLiteral("2147483648"));
    QTest::newRow("whole double") << "small" << QVariant(2.0) << QString();
    QTest::newRow("fraction") << "small" << QVariant(1.5) << intTooBig.arg(QStringLiteral("1.5"));
    QTest::newRow("NaN") << "small" << QVariant(std::numeric_limits<double>::quiet_NaN())
                         << intTooBig.arg(QStringLiteral("nan"));
    QTest::newRow("double beyond int")
        << "small" << QVariant(2147483648.0) << intTooBig.arg(QStringLiteral("2147483648"));
    QTest::newRow("bool for an int") << "small" << QVariant(true) << QString();
    QTest::newRow("qlonglong max")
        << "large" << QVariant(std::numeric_limits<qlonglong>::max()) << QString();
    QTest::newRow("unsigned beyond qlonglong")
        << "large" << QVariant(std::numeric_limits<quint64>::max())
        << QStringLiteral("field 'large': 18446744073709551615 does not fit a qlonglong");
    QTest::newRow("2^63 as a double")
        << "large" << QVariant(9223372036854775808.0)
        << QStringLiteral("field 'large': 9223372036854776000 does not fit a qlonglong");
    QTest::newRow("-2^63 as a double") << "large" << QVariant(-9223372036854775808.0) << QString();
    QTest::newRow("integer for a double") << "number" << QVariant(qlonglong(3)) << QString();
}

void tst_GadgetPackets::numbersKeepTheirValue()
{
    QFETCH(QString, field);
    QFETCH(QVariant, value);
    QFETCH(QString, error);
    QVariantMap map {{QStringLiteral("flag"), true},
                     {QStringLiteral("small"), 1},
                     {QStringLiteral("large"), 2},
                     {QStringLiteral("number"), 0.5},
                     {QStringLiteral("text"), QStringLiteral("t")}};
    map.insert(field, value);
    QString message;
    const std::optional<QVariant> gadget
        = GadgetConverter<Scalars>().fromSerializable(QVariant(map), message);
    if (!error.isEmpty()) {
        QVERIFY(!gadget);
        QCOMPARE(message, error);
        return;
    }
    QVERIFY2(gadget, qPrintable(message));
    const QMetaObject &meta = Scalars::staticMetaObject;
    const QVariant taken
        = meta.property(meta.indexOfProperty(qPrintable(field))).readOnGadget(gadget->constData());
    if (field == QLatin1String("number"))
        QCOMPARE(taken.toDouble(), value.toDouble());
    else
        QCOMPARE(taken.toLongLong(), value.toLongLong());
}

// A JSON fraction of more than 19 digits, read into a double field by the
// gadget decoder as strtod() reads it (simdjson 3.0's On-Demand API reads many
// wrongly): on its own line (fed byte by byte) and among others.
void tst_GadgetPackets::jsonFractionsReadExactly()
{
    const QList<QByteArray> fractions {"1000000000.000000001",
                                       "1844674407370955.616",
                                       "0.30000000000000000000001",
                                       "-2.22507385850720113605e-308",
                                       "123456789012345678901234567890.5e-10",
                                       "0.40002460006700004602",
                                       "-0.0000300080000002500900028161e7",
                                       "  2.5  "};
    QByteArray bytes;
    for (const QByteArray &fraction : fractions)
        bytes += "{\"x\":1,\"y\":" + fraction + "}\n";
    const StreamProtocol fast = gadgetProtocol<Pair>(QStringLiteral("json"));
    for (const qsizetype chunkSize : {0, 1}) {
        const Received received = receive(fast.createReceiver(), bytes, chunkSize);
        QCOMPARE(received.packets.size(), fractions.size());
        for (qsizetype i = 0; i < fractions.size(); ++i) {
            QVERIFY2(received.packets[i].canConvert<Pair>(), qPrintable(received.outcomes[i]));
            QCOMPARE(received.packets[i].value<Pair>().y,
                     std::strtod(fractions[i].constData(), nullptr));
        }
    }
}

void tst_GadgetPackets::wrongPacketRefused()
{
    QFETCH(QString, format);
    const auto converter = std::make_shared<GadgetConverter<Point>>();
    const StreamProtocol stream(serializerOf(format), converter);
    const DatagramProtocol datagrams(serializerOf(format), converter);
    const QList<std::pair<QVariant, QString>> wrong = {
        {QVariantMap {{QStringLiteral("x"), 1}},
         QStringLiteral("expected a Point, got QVariantMap")},
        {QVariant(5), QStringLiteral("expected a Point, got int")},
        {QVariant::fromValue(KeyOrder {}), QStringLiteral("expected a Point, got KeyOrder")},
        {QVariant(), QStringLiteral("expected a Point, got an invalid QVariant")},
    };
    for (const auto &[packet, message] : wrong) {
        for (const auto &send : std::initializer_list<std::function<void()>> {
                 [&] { stream.generateChunk(packet); }, [&] { datagrams.makeDatagram(packet); }}) {
            try {
                send();
                QFAIL("no SerializeError");
            } catch (const SerializeError &e) {
                QCOMPARE(e.error().message(), message);
            }
        }
    }
}

void tst_GadgetPackets::roundTrip()
{
    QFETCH(QString, format);
    const Mixed mixed {
        QStringLiteral("héllo 🎉"), 2.5, true,
        QVariantList {qint64(1), QStringLiteral("two"), 3.25, false, QVariantList {qint64(4)}}};
    const QVariant packet = QVariant::fromValue(mixed);
    const StreamProtocol stream = gadgetProtocol<Mixed>(format);
    StreamReceiver receiver = stream.createReceiver();
    receiver.feed(stream.generateChunk(packet) + stream.generateChunk(packet));
    for (int i = 0; i < 2; ++i) {
        QVariant received;
        ParseError error;
        QCOMPARE(receiver.next(received, error), StreamDecoder::Status::Packet);
        QCOMPARE(received.metaType(), QMetaType::fromType<Mixed>());
        QCOMPARE(received.value<Mixed>(), mixed);
    }
    const DatagramProtocol datagrams(serializerOf(format),
                                     std::make_shared<GadgetConverter<Mixed>>());
    ParseError error;
    const QVariant fromDatagram
        = datagrams.buildPacketFromDatagram(datagrams.makeDatagram(packet), error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    QCOMPARE(fromDatagram.value<Mixed>(), mixed);
}

void tst_GadgetPackets::readOnlyProperty()
{
    // Sent as any gadget; but no packet can set x.
    QFETCH(QString, format);
    const StreamProtocol fast = gadgetProtocol<ReadOnly>(format);
    const QByteArray bytes = fast.generateChunk(QVariant::fromValue(ReadOnly {}));
    QCOMPARE(bytes, mapFrame(format, {{item(format, QStringLiteral("x")), item(format, 5)}}));
    const QStringList expected {conversionFailed("field 'x' missing or not a int")};
    QCOMPARE(receive(fast.createReceiver(), bytes, 0).outcomes, expected);
    QCOMPARE(receive(mapOnlyProtocol<ReadOnly>(format).createReceiver(), bytes, 0).outcomes,
             expected);
}

void tst_GadgetPackets::packetAsOtherType()
{
    const QVariant point = QVariant::fromValue(Point {1, 2, QStringLiteral("a")});
    QCOMPARE(packetAs<Point>(point), std::optional<Point>(Point {1, 2, QStringLiteral("a")}));
    QVERIFY(!packetAs<KeyOrder>(point));
    QVERIFY(!packetAs<Point>(QVariantMap {{QStringLiteral("x"), 1}}));
    QCOMPARE(takePacketAs<Point>(QVariant(point)), (Point {1, 2, QStringLiteral("a")}));
    QVERIFY(EasyNetTest::throwsWithCode<ValueError>(
        ErrorCode::InvalidArgument, [&] { takePacketAs<KeyOrder>(QVariant(point)); }));
    QVERIFY(EasyNetTest::throwsWithCode<ValueError>(ErrorCode::InvalidArgument,
                                                    [] { takePacketAs<Point>(QVariant(5)); }));
}

void tst_GadgetPackets::blockingRecvPacketAs()
{
    QFETCH(QString, format);
    EasyNetTest::ServerThread server = EasyNetTest::tcpEchoServerThread();
    QVERIFY(server.result() != 0);
    BlockingTcpClient client(QStringLiteral("127.0.0.1"), quint16(server.result()),
                             gadgetProtocol<Point>(format));
    const Point point {3, -4, QStringLiteral("blocking")};
    client.sendPacket(QVariant::fromValue(point), QDeadlineTimer(10s));
    QCOMPARE(client.recvPacketAs<Point>(QDeadlineTimer(10s)), point);
    // A packet of another type: ValueError, the packet taken.
    client.sendPacket(QVariant::fromValue(point), QDeadlineTimer(10s));
    QVERIFY(EasyNetTest::throwsWithCode<ValueError>(
        ErrorCode::InvalidArgument, [&] { client.recvPacketAs<KeyOrder>(QDeadlineTimer(10s)); }));
    client.close();
}

void tst_GadgetPackets::recvPacketAsFuture()
{
    QFETCH(QString, format);
    EasyNetTest::TcpEchoServer server;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), gadgetProtocol<Point>(format));
    const Point point {7, 8, QStringLiteral("future")};
    client.send(QVariant::fromValue(point));
    const QFuture<Point> received = client.recvPacketAs<Point>(QDeadlineTimer(10s));
    QVERIFY(EasyNetTest::finish(received));
    QCOMPARE(EasyNetTest::failure(received), ErrorCode::NoError);
    QCOMPARE(received.result(), point);
    client.send(QVariant::fromValue(point));
    const QFuture<KeyOrder> wrong = client.recvPacketAs<KeyOrder>(QDeadlineTimer(10s));
    QVERIFY(EasyNetTest::finish(wrong));
    QCOMPARE(EasyNetTest::failure(wrong), ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_GadgetPackets)
#include "tst_gadgetpackets.moc"
