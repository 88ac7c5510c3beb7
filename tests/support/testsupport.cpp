#include "testsupport.h"

#include <EasyNet/jsonserializer.h>
#include <EasyNet/lineserializer.h>

#include <QtCore/QCborMap>
#include <QtCore/QCborValue>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <typeinfo>

using namespace EasyNet;

namespace EasyNetTest {

QString dataDir()
{
    return QStringLiteral(EASYNET_TEST_DATA_DIR);
}

int boundLoopbackSocket(int type, quint16 &port)
{
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        qFatal("cannot bind a loopback socket: %s", strerror(errno));
    port = ntohs(address.sin_port);
    return fd;
}

quint16 freePort(int type)
{
    quint16 port = 0;
    ::close(boundLoopbackSocket(type, port));
    return port;
}

QByteArray fromHex(const QString &hex)
{
    return QByteArray::fromHex(hex.toLatin1());
}

static QVariant integerFromText(const QString &text, bool *representable)
{
    bool ok = false;
    const qint64 s = text.toLongLong(&ok);
    if (ok)
        return QVariant::fromValue(s);
    const quint64 u = text.toULongLong(&ok);
    if (ok)
        return QVariant::fromValue(u);
    if (representable)
        *representable = false;
    return QVariant(text.toDouble());
}

QVariant packetFromTaggedJson(const QJsonValue &value, bool *representable)
{
    switch (value.type()) {
    case QJsonValue::Null: return QVariant::fromValue(nullptr);
    case QJsonValue::Bool: return value.toBool();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // The vectors write integers as integers and floats as {"$float": ...}.
        return QVariant::fromValue(qint64(d));
    }
    case QJsonValue::String: return value.toString();
    case QJsonValue::Array: {
        QVariantList list;
        for (const QJsonValue &item : value.toArray())
            list.append(packetFromTaggedJson(item, representable));
        return list;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.size() == 1) {
            const QString tag = object.begin().key();
            const QJsonValue tagged = object.begin().value();
            if (tag == QLatin1StringView("$tuple"))
                return packetFromTaggedJson(tagged, representable);
            if (tag == QLatin1StringView("$float")) {
                const QString text = tagged.toString();
                if (text == QLatin1StringView("nan"))
                    return std::numeric_limits<double>::quiet_NaN();
                if (text == QLatin1StringView("inf"))
                    return std::numeric_limits<double>::infinity();
                if (text == QLatin1StringView("-inf"))
                    return -std::numeric_limits<double>::infinity();
                return text.toDouble();
            }
            if (tag == QLatin1StringView("$int"))
                return integerFromText(tagged.toString(), representable);
            if (tag == QLatin1StringView("$bytes"))
                return fromHex(tagged.toString());
            if (tag == QLatin1StringView("$dict")) {
                QCborMap map;
                for (const QJsonValue &pair : tagged.toArray()) {
                    const QJsonArray kv = pair.toArray();
                    map.insert(
                        QCborValue::fromVariant(packetFromTaggedJson(kv.at(0), representable)),
                        QCborValue::fromVariant(packetFromTaggedJson(kv.at(1), representable)));
                }
                return QVariant::fromValue(map);
            }
        }
        QVariantMap map;
        for (auto it = object.begin(); it != object.end(); ++it)
            map.insert(it.key(), packetFromTaggedJson(it.value(), representable));
        return map;
    }
    case QJsonValue::Undefined: break;
    }
    return {};
}

QList<GoldenVector> loadGoldenVectors(const QString &format)
{
    QFile file(dataDir() + QStringLiteral("/wire/") + format + QStringLiteral(".jsonl"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open golden vectors %s", qPrintable(file.fileName()));
    QList<GoldenVector> vectors;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError parseError;
        const QJsonObject object = QJsonDocument::fromJson(line, &parseError).object();
        if (parseError.error != QJsonParseError::NoError)
            qFatal("bad golden vector line in %s", qPrintable(file.fileName()));
        GoldenVector v;
        v.id = object.value(QLatin1StringView("id")).toString();
        v.repr = object.value(QLatin1StringView("repr")).toString();
        v.packet
            = packetFromTaggedJson(object.value(QLatin1StringView("packet")), &v.representable);
        v.wire = fromHex(object.value(QLatin1StringView("wire_hex")).toString());
        v.datagram = fromHex(object.value(QLatin1StringView("datagram_hex")).toString());
        v.error = object.value(QLatin1StringView("error")).toString();
        v.streamDecodeError = object.value(QLatin1StringView("stream_decode_error")).toString();
        v.datagramDecodeError = object.value(QLatin1StringView("datagram_decode_error")).toString();
        if (object.contains(QLatin1StringView("stream_decodes_to"))) {
            QVariantList list;
            for (const QJsonValue &item :
                 object.value(QLatin1StringView("stream_decodes_to")).toArray())
                list.append(packetFromTaggedJson(item));
            v.streamDecodesTo = list;
        }
        if (object.contains(QLatin1StringView("datagram_decodes_to")))
            v.datagramDecodesTo
                = packetFromTaggedJson(object.value(QLatin1StringView("datagram_decodes_to")));
        vectors.append(v);
    }
    return vectors;
}

// The integer types a packet may hold; Char counts as signed.
static std::optional<bool> integerIsUnsigned(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::Char:
    case QMetaType::SChar: return false;
    case QMetaType::UInt:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
    case QMetaType::UShort:
    case QMetaType::UChar: return true;
    default: return std::nullopt;
    }
}

static bool isInteger(const QVariant &v)
{
    return integerIsUnsigned(v).has_value();
}

static bool isUnsigned(const QVariant &v)
{
    return integerIsUnsigned(v).value_or(false);
}

static bool isDouble(const QVariant &v)
{
    return v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Float;
}

static bool integersEqual(const QVariant &a, const QVariant &b)
{
    const bool aNegative = !isUnsigned(a) && a.toLongLong() < 0;
    const bool bNegative = !isUnsigned(b) && b.toLongLong() < 0;
    if (aNegative != bNegative)
        return false;
    return aNegative ? a.toLongLong() == b.toLongLong() : a.toULongLong() == b.toULongLong();
}

bool packetsEqual(const QVariant &a, const QVariant &b)
{
    if (isInteger(a) || isInteger(b))
        return isInteger(a) && isInteger(b) && integersEqual(a, b);
    if (isDouble(a) || isDouble(b)) {
        if (!isDouble(a) || !isDouble(b))
            return false;
        const double x = a.toDouble(), y = b.toDouble();
        if (std::isnan(x) || std::isnan(y))
            return std::isnan(x) && std::isnan(y);
        return x == y && std::signbit(x) == std::signbit(y);
    }
    const bool aNull = a.typeId() == QMetaType::Nullptr || !a.isValid();
    const bool bNull = b.typeId() == QMetaType::Nullptr || !b.isValid();
    if (aNull || bNull)
        return aNull && bNull;
    if (a.typeId() == QMetaType::QVariantList && b.typeId() == QMetaType::QVariantList) {
        const QVariantList x = a.toList(), y = b.toList();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!packetsEqual(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    if (a.typeId() == QMetaType::QVariantMap && b.typeId() == QMetaType::QVariantMap) {
        const QVariantMap x = a.toMap(), y = b.toMap();
        if (x.keys() != y.keys())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it) {
            if (!packetsEqual(it.value(), y.value(it.key())))
                return false;
        }
        return true;
    }
    if (a.metaType() == QMetaType::fromType<QCborMap>()
        && b.metaType() == QMetaType::fromType<QCborMap>()) {
        const QCborMap x = a.value<QCborMap>(), y = b.value<QCborMap>();
        if (x.size() != y.size())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it) {
            if (!y.contains(it.key())
                || !packetsEqual(it.value().toVariant(), y.value(it.key()).toVariant()))
                return false;
        }
        return true;
    }
    if (a.typeId() != b.typeId())
        return false;
    return a == b;
}

QString describePacket(const QVariant &packet)
{
    QString text;
    QDebug(&text).nospace() << packet;
    return text.size() > 300 ? text.left(300) + QStringLiteral("...") : text;
}

static void drain(StreamDecoder &decoder, DecodeResult &result)
{
    for (;;) {
        QVariant packet;
        ParseError error;
        const StreamDecoder::Status status = decoder.next(packet, error);
        if (status == StreamDecoder::Status::NeedMoreData)
            break;
        if (status == StreamDecoder::Status::Packet)
            result.packets.append(packet);
        else
            result.errors.append(error);
    }
    result.maxBuffered = qMax(result.maxBuffered, decoder.bufferedSize());
    result.broken = decoder.isBroken();
}

DecodeResult decodeStream(StreamDecoder &decoder, QByteArrayView bytes, qsizetype chunkSize)
{
    DecodeResult result;
    if (chunkSize <= 0)
        chunkSize = qMax<qsizetype>(1, bytes.size());
    for (qsizetype pos = 0; pos < bytes.size(); pos += chunkSize) {
        decoder.feed(bytes.sliced(pos, qMin(chunkSize, bytes.size() - pos)));
        drain(decoder, result);
    }
    return result;
}

DecodeResult decodeStream(const AbstractIncrementalPacketSerializer &serializer,
                          QByteArrayView bytes, qsizetype chunkSize, qsizetype maxPacketSize)
{
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(maxPacketSize);
    return decodeStream(*decoder, bytes, chunkSize);
}

DecodeResult decodeStreamSplitAt(const AbstractIncrementalPacketSerializer &serializer,
                                 QByteArrayView bytes, qsizetype splitAt)
{
    const std::unique_ptr<StreamDecoder> decoder
        = serializer.createDecoder(AbstractIncrementalPacketSerializer::DefaultMaxPacketSize);
    DecodeResult result;
    decoder->feed(bytes.first(splitAt));
    drain(*decoder, result);
    decoder->feed(bytes.sliced(splitAt));
    drain(*decoder, result);
    return result;
}

bool samePackets(const QVariantList &expected, const DecodeResult &result, QString *why)
{
    if (!result.errors.isEmpty()) {
        *why = QStringLiteral("unexpected error: ") + result.errors.first().toString();
        return false;
    }
    if (result.packets.size() != expected.size()) {
        *why = QStringLiteral("got %1 packets, expected %2")
                   .arg(result.packets.size())
                   .arg(expected.size());
        return false;
    }
    for (qsizetype i = 0; i < expected.size(); ++i) {
        if (!packetsEqual(expected.at(i), result.packets.at(i))) {
            *why = QStringLiteral("packet %1 differs: got %2, expected %3")
                       .arg(i)
                       .arg(describePacket(result.packets.at(i)), describePacket(expected.at(i)));
            return false;
        }
    }
    return true;
}

void verifyGoldenDecode(const AbstractIncrementalPacketSerializer &serializer,
                        const GoldenVector &vector)
{
    const QVariantList expectedStream
        = vector.streamDecodesTo.value_or(QVariantList {vector.packet});
    QString why;
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(3)}) {
        const DecodeResult result = decodeStream(serializer, vector.wire, chunk);
        QVERIFY2(
            samePackets(expectedStream, result, &why),
            qPrintable(QStringLiteral("%1, chunk size %2: %3").arg(vector.id).arg(chunk).arg(why)));
        QVERIFY(!result.broken);
    }
    ParseError error;
    const QVariant packet = serializer.deserialize(vector.datagram, error);
    QVERIFY2(!error.isError(), qPrintable(error.toString()));
    const QVariant expected = vector.datagramDecodesTo.value_or(vector.packet);
    QVERIFY2(
        packetsEqual(packet, expected),
        qPrintable(describePacket(packet) + QStringLiteral(" != ") + describePacket(expected)));
}

void addGoldenVectorRows(const QString &format)
{
    QTest::addColumn<int>("index");
    const QList<GoldenVector> vectors = loadGoldenVectors(format);
    QVERIFY(vectors.size() >= 26);
    for (int i = 0; i < vectors.size(); ++i)
        QTest::newRow(qPrintable(vectors.at(i).id)) << i;
}

bool keyOrderDiffers(const GoldenVector &vector)
{
    return vector.id == QLatin1StringView("key-order");
}

bool holdsExactly(const GoldenVector &vector)
{
    return vector.representable && !keyOrderDiffers(vector);
}

QByteArray verifyGoldenRoundTrip(const AbstractIncrementalPacketSerializer &serializer,
                                 const GoldenVector &vector)
{
    if (!vector.error.isEmpty()) {
        [&] {
            QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.serialize(vector.packet));
            QVERIFY_THROWS_EXCEPTION(SerializeError,
                                     serializer.incrementalSerialize(vector.packet));
        }();
        return {};
    }
    verifyGoldenDecode(serializer, vector);
    const QVariantList expectedStream
        = vector.streamDecodesTo.value_or(QVariantList {vector.packet});
    const QByteArray ours = serializer.incrementalSerialize(vector.packet);
    const DecodeResult again = decodeStream(serializer, ours);
    [&] {
        QVERIFY(again.errors.isEmpty());
        QCOMPARE(again.packets.size(), 1);
        QVERIFY2(packetsEqual(again.packets.first(), expectedStream.first()),
                 qPrintable(describePacket(again.packets.first())));
    }();
    return ours;
}

void verifyGoldenStream(const AbstractIncrementalPacketSerializer &serializer,
                        const QString &format, const QList<qsizetype> &chunks,
                        qsizetype maxBufferedBeyondChunk)
{
    QByteArray stream;
    QVariantList expected;
    for (const GoldenVector &v : loadGoldenVectors(format)) {
        if (!v.error.isEmpty() || !v.streamDecodeError.isEmpty())
            continue;
        stream += v.wire;
        expected += v.streamDecodesTo.value_or(QVariantList {v.packet});
    }
    QString why;
    for (const qsizetype chunk : chunks) {
        const DecodeResult result = decodeStream(serializer, stream, chunk);
        QVERIFY2(samePackets(expected, result, &why),
                 qPrintable(QStringLiteral("chunk size %1: %2").arg(chunk).arg(why)));
        if (maxBufferedBeyondChunk >= 0)
            QVERIFY(result.maxBuffered <= maxBufferedBeyondChunk + qMax<qsizetype>(chunk, 1));
    }
}

void verifyStreamRoundTrip(const AbstractIncrementalPacketSerializer &serializer,
                           const QVariantList &packets)
{
    QByteArray stream;
    QList<QByteArray> chunks;
    for (const QVariant &packet : packets) {
        chunks.append(serializer.incrementalSerialize(packet));
        stream += chunks.last();
    }
    QString why;
    for (const qsizetype chunkSize :
         {qsizetype(0), qsizetype(1), qsizetype(7), qsizetype(1000), qsizetype(16384)}) {
        const DecodeResult result = decodeStream(serializer, stream, chunkSize);
        QVERIFY2(samePackets(packets, result, &why),
                 qPrintable(QStringLiteral("chunk size %1: %2").arg(chunkSize).arg(why)));
    }
    for (qsizetype i = 0; i < packets.size(); ++i) {
        const QByteArray &chunk = chunks.at(i);
        const qsizetype step = chunk.size() > 4096 ? chunk.size() / 97 + 1 : 1;
        for (qsizetype split = 0; split <= chunk.size(); split += step) {
            const DecodeResult result = decodeStreamSplitAt(serializer, chunk, split);
            QVERIFY2(
                samePackets({packets.at(i)}, result, &why),
                qPrintable(QStringLiteral("packet %1 split at %2: %3").arg(i).arg(split).arg(why)));
        }
    }
}

static QString randomText(QRandomGenerator &random, qsizetype length)
{
    static const char32_t alphabet[]
        = {U'a',  U'Z',      U'0',      U' ',          U'"',      U'\\', U'/',
           U'\t', U'\u00e9', U'\u4e2d', U'\U0001F389', U'\u0001', U'}'};
    QString text;
    while (text.size() < length) {
        const char32_t c = alphabet[random.bounded(int(std::size(alphabet)))];
        text += QString::fromUcs4(&c, 1);
    }
    return text;
}

static QVariant randomValue(QRandomGenerator &random, int depth, bool withBytes,
                            bool withNonStringKeys)
{
    const int kind = random.bounded(depth > 3 ? 7 : 10);
    switch (kind) {
    case 0: return QVariant::fromValue(nullptr);
    case 1: return random.bounded(2) == 1;
    case 2: return QVariant::fromValue(qint64(random.generate64()) >> random.bounded(64));
    case 3: return double(qint64(random.generate64() >> 11)) / double(1 << random.bounded(30));
    case 4: return randomText(random, random.bounded(40));
    case 5:
        if (withBytes) {
            QByteArray bytes(random.bounded(40), Qt::Uninitialized);
            for (char &c : bytes)
                c = char(random.bounded(256));
            return bytes;
        }
        return randomText(random, 3);
    case 6: return QVariant::fromValue(qint64(random.bounded(100)) - 50);
    case 7:
    case 8: {
        QVariantList list;
        const int n = random.bounded(6);
        for (int i = 0; i < n; ++i)
            list.append(randomValue(random, depth + 1, withBytes, withNonStringKeys));
        return list;
    }
    default: {
        if (withNonStringKeys && random.bounded(4) == 0) {
            // At least one key: an empty map has no key to make it non-string.
            const int n = random.bounded(1, 6);
            QCborMap map;
            for (int i = 0; i < n; ++i)
                map.insert(
                    qint64(i * 7 - 3),
                    QCborValue::fromVariant(randomValue(random, depth + 1, withBytes, false)));
            return QVariant::fromValue(map);
        }
        const int n = random.bounded(6);
        QVariantMap map;
        for (int i = 0; i < n; ++i)
            map.insert(randomText(random, random.bounded(1, 8)),
                       randomValue(random, depth + 1, withBytes, withNonStringKeys));
        return map;
    }
    }
}

QVariantList variedPackets(qsizetype sizeLimit, bool withBytes, bool withNonStringKeys)
{
    QRandomGenerator random(20261125);
    QVariantList packets {
        QVariantMap(),
        QVariantList(),
        QString(),
        QString::fromUtf8("h\u00e9llo \u4e2d\u6587 \U0001F389"),
        QVariant::fromValue(qint64(0)),
        QVariant::fromValue(qint64(-1)),
        QVariant::fromValue(std::numeric_limits<qint64>::max()),
        QVariant::fromValue(std::numeric_limits<qint64>::min()),
        0.5,
        -0.0,
        1e300,
        true,
        false,
        QVariant::fromValue(nullptr),
        QVariantMap {
            {QStringLiteral("a"),
             QVariantList {1LL, 2LL,
                           QVariantMap {{QStringLiteral("c"), QVariant::fromValue(nullptr)}}}}},
    };
    if (withBytes)
        packets.append(QByteArray("\x00\xff\x10", 3));
    while (packets.size() < 300)
        packets.append(randomValue(random, 0, withBytes, withNonStringKeys));
    // Large packets: strings and lists filling a good part of the limit. Each
    // format's framing and escaping differs, so stay at a third of the limit for
    // text (JSON escapes may multiply it) and use plain ASCII for the biggest one.
    packets.append(QString(sizeLimit / 3, QLatin1Char('x')));
    packets.append(randomText(random, sizeLimit / 40));
    QVariantList many;
    for (int i = 0; i < sizeLimit / 64; ++i)
        many.append(QVariant::fromValue(qint64(i)));
    packets.append(many);
    return packets;
}

void verifyExceptionClass(const EasyNet::Exception &exception)
{
    try {
        exception.error().throwException();
    } catch (const EasyNet::Exception &expected) {
        const bool same = typeid(expected) == typeid(exception);
        QTest::qVerify(same, "typeid(exception) == typeid(expected)",
                       qPrintable(QStringLiteral("%1 thrown as %2, expected %3")
                                      .arg(exception.error().toString(),
                                           QLatin1StringView(typeid(exception).name()),
                                           QLatin1StringView(typeid(expected).name()))),
                       __FILE__, __LINE__);
    }
}

QString tlsFile(const char *name)
{
    return dataDir() + QStringLiteral("/tls/") + QLatin1StringView(name);
}

std::shared_ptr<AbstractIncrementalPacketSerializer> lineSerializer()
{
    return std::make_shared<LineSerializer>(LineSerializer::Separator::LF,
                                            LineSerializer::Encoding::Utf8);
}

StreamProtocol lineProtocol()
{
    return StreamProtocol(lineSerializer());
}

StreamProtocol jsonProtocol()
{
    return StreamProtocol(std::make_shared<JsonSerializer>());
}

} // namespace EasyNetTest
