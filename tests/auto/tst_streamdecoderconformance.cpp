// The contract every stream serializer's decoder keeps (streamdecoder.h), checked
// once for all of them: Line, JSON, CBOR, MessagePack, length-prefixed, struct,
// QDataStream, raw, and the zlib and Base64 wrappers. Round trips fed whole, byte
// by byte and split at every boundary; several packets and a half in one feed;
// truncation at end of stream; a malformed frame and what follows it; the size
// limit (TooLarge, then the next packet); garbage; megabytes with a bounded
// buffer. Then the hostile-input tables of the self-delimiting binary formats
// (CBOR, MessagePack), which share one scanner.
#include <EasyNet/base64serializer.h>
#include <EasyNet/cborserializer.h>
#include <EasyNet/datastreamserializer.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/lengthprefixedserializer.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/msgpackserializer.h>
#include <EasyNet/rawserializer.h>
#include <EasyNet/structserializer.h>
#include <EasyNet/zlibserializer.h>

#include "serializertestsupport.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <limits>
#include <memory>

using namespace EasyNet;
using namespace EasyNetTest;

namespace {

constexpr qsizetype Limit = AbstractIncrementalPacketSerializer::DefaultMaxPacketSize;

struct Subject
{
    QString name;
    std::shared_ptr<const AbstractIncrementalPacketSerializer> serializer;
    QVariantList packets; // packets that round-trip exactly
    // Raw has no packet boundaries: a "packet" is whatever was buffered.
    bool framed = true;
    // Frame bytes the size limit does not count (a separator, a length header).
    qsizetype overhead = 0;
    // Wrappers whose limit applies to the inner serializer's bytes (zlib).
    std::shared_ptr<const AbstractPacketSerializer> limitOnInner {};
    // A frame the decoder refuses (none when every byte string is valid), and
    // whether the stream goes on after it.
    QByteArray malformed {};
    bool malformedRecoverable = true;
    bool tooLargeRecoverable = true;
    // Every frame has the same size (struct): a limit below it refuses them all.
    bool fixedSize = false;
    // A datagram cut short is a Truncated error (else Malformed, or valid).
    bool datagramTruncates = false;
};

QVariant integer(qint64 v)
{
    return QVariant::fromValue(v);
}

QByteArray repeated(const char *hex, int count)
{
    return QByteArray::fromHex(hex).repeated(count);
}

// An empty map carries no key, so CBOR always decodes it as a QVariantMap: the
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

QVariantList texts(bool unicode)
{
    QVariantList packets {QString(), QStringLiteral("hello"), QStringLiteral("a b\tc"),
                          QString(3000, QLatin1Char('x'))};
    if (unicode)
        packets.append(QString::fromUtf8("h\u00e9llo \u4e2d \U0001F389"));
    QRandomGenerator random(11);
    for (int i = 0; i < 60; ++i) {
        QString text;
        for (int n = random.bounded(1, 80); n > 0; --n)
            text += QChar(char16_t(random.bounded(0x20, unicode ? 0x3000 : 0x7f)));
        packets.append(text);
    }
    return packets;
}

// 300 byte strings, mostly short, some up to 2000 bytes, and two of maxSize and
// maxSize / 2.
QVariantList byteStrings(qsizetype maxSize)
{
    QRandomGenerator random(4242);
    QVariantList packets {QByteArray(), QByteArray("\x00", 1), QByteArray("hello"),
                          QByteArray(qMin<qsizetype>(maxSize, 255), '\xff')};
    while (packets.size() < 300) {
        const qsizetype size = random.bounded(4) == 0
            ? random.bounded(qMin<qsizetype>(maxSize, 2000) + 1)
            : random.bounded(40);
        packets.append(randomBytes(random, size));
    }
    packets.append(randomBytes(random, maxSize));
    packets.append(randomBytes(random, maxSize / 2));
    return packets;
}

QVariantList records()
{
    QRandomGenerator random(13);
    QVariantList packets;
    for (int i = 0; i < 80; ++i)
        packets.append(QVariant(
            QVariantList {integer(qint32(random.generate())), integer(qint64(random.generate64())),
                          double(random.generateDouble()), random.bounded(2) == 1}));
    return packets;
}

// The values JSON-like generators do not make, that both binary formats carry.
QVariantList binaryExtremes()
{
    return {QVariant::fromValue(std::numeric_limits<quint64>::max()),
            QVariant::fromValue(quint64(1) << 63),
            std::numeric_limits<double>::quiet_NaN(),
            std::numeric_limits<double>::infinity(),
            -std::numeric_limits<double>::infinity(),
            5e-324,
            -0.0,
            QByteArray(),
            QByteArray(35000, '\0')};
}

QVariantList cborPackets()
{
    return normalized(variedPackets(Limit, true, true)) + binaryExtremes()
        + QVariantList {QVariant::fromValue(QCborMap {{1, QStringLiteral("a")},
                                                      {QByteArray("k"), QCborArray {1, 2}}}),
                        QVariant::fromValue(QCborSimpleType(200))};
}

QVariantList msgpackPackets()
{
    // No non-string keys in QVariantMaps: the reference and we refuse them on
    // decode; bytes keys come back as a QCborMap.
    return variedPackets(Limit, true, false) + binaryExtremes()
        + QVariantList {QVariant::fromValue(QCborMap {{QByteArray("k"), QCborArray {1, 2}}})};
}

QList<Subject> makeSubjects()
{
    const auto json = std::make_shared<JsonSerializer>();
    const auto cbor = std::make_shared<CborSerializer>();
    const QVariantList jsonPackets = variedPackets(Limit, false, false);
    QList<Subject> all;
    {
        Subject s {QStringLiteral("line LF UTF-8"),
                   std::make_shared<LineSerializer>(LineSerializer::Separator::LF,
                                                    LineSerializer::Encoding::Utf8),
                   texts(true)};
        s.overhead = 1;
        s.malformed = "\xff\xfe\n";
        all.append(s);
    }
    {
        Subject s {QStringLiteral("line CRLF ASCII"),
                   std::make_shared<LineSerializer>(LineSerializer::Separator::CRLF), texts(false)};
        s.overhead = 2;
        s.malformed = "caf\xe9\r\n";
        all.append(s);
    }
    {
        Subject s {QStringLiteral("JSON"), json, jsonPackets};
        s.overhead = 1;
        s.malformed = "{bad\n";
        all.append(s);
    }
    {
        Subject s {QStringLiteral("CBOR"), cbor, cborPackets()};
        s.malformed = QByteArray::fromHex("1c");
        s.malformedRecoverable = false;
        s.datagramTruncates = true;
        all.append(s);
    }
    {
        Subject s {QStringLiteral("MessagePack"), std::make_shared<MsgPackSerializer>(),
                   msgpackPackets()};
        s.malformed = QByteArray::fromHex("c1");
        s.malformedRecoverable = false;
        s.datagramTruncates = true;
        all.append(s);
    }
    for (const auto header :
         {LengthPrefixedSerializer::HeaderSize::UInt8, LengthPrefixedSerializer::HeaderSize::UInt16,
          LengthPrefixedSerializer::HeaderSize::UInt32}) {
        const auto serializer = std::make_shared<LengthPrefixedSerializer>(header);
        Subject s {QStringLiteral("length-prefixed u%1").arg(8 * serializer->headerBytes()),
                   serializer,
                   byteStrings(qMin<qsizetype>(qsizetype(serializer->maxEncodableSize()), Limit))};
        s.overhead = serializer->headerBytes();
        all.append(s);
    }
    {
        Subject s {QStringLiteral("struct !iqd?"),
                   std::shared_ptr<const AbstractIncrementalPacketSerializer>(
                       StructSerializer::fromFormat(u"!iqd?")),
                   records()};
        s.fixedSize = true;
        all.append(s);
    }
    {
        Subject s {QStringLiteral("QDataStream"), std::make_shared<DataStreamSerializer>(),
                   variedPackets(Limit, true, true)};
        s.overhead = 4;
        s.malformed = QByteArray::fromHex("00000001ff");
        all.append(s);
    }
    {
        Subject s {QStringLiteral("raw"), std::make_shared<RawSerializer>(), byteStrings(5000)};
        s.framed = false;
        all.append(s);
    }
    {
        Subject s {QStringLiteral("zlib(JSON)"), std::make_shared<ZlibSerializer>(json),
                   jsonPackets};
        s.limitOnInner = json;
        s.malformed = QByteArray::fromHex("0000");
        s.malformedRecoverable = false;
        s.tooLargeRecoverable = false;
        s.datagramTruncates = true;
        all.append(s);
    }
    {
        Subject s {QStringLiteral("base64(JSON)"), std::make_shared<Base64Serializer>(json),
                   jsonPackets};
        s.overhead = 2;
        s.malformed = "!!!!\r\n";
        all.append(s);
    }
    // The checksum variants frame like plain Base64: smaller big packets keep
    // their every-split round trips quick.
    {
        Subject s {QStringLiteral("base64(CBOR, SHA-256)"),
                   std::make_shared<Base64Serializer>(cbor, Base64Serializer::Checksum::Sha256),
                   normalized(variedPackets(Limit / 4, true, true))};
        s.overhead = 2;
        s.malformed = "QUJD\r\n"; // valid Base64, too short to hold its checksum
        all.append(s);
    }
    {
        Subject s {QStringLiteral("base64(JSON, HMAC-SHA256)"),
                   std::make_shared<Base64Serializer>(json, Base64Serializer::Checksum::HmacSha256,
                                                      Base64Serializer::generateKey()),
                   variedPackets(Limit / 4, false, false)};
        s.overhead = 2;
        s.malformed = Base64Serializer(json, Base64Serializer::Checksum::HmacSha256,
                                       Base64Serializer::generateKey())
                          .incrementalSerialize(1); // another key
        all.append(s);
    }
    return all;
}

const QList<Subject> &subjects()
{
    static const QList<Subject> all = makeSubjects();
    return all;
}

const Subject &subject(const QString &name)
{
    for (const Subject &s : subjects()) {
        if (s.name == name)
            return s;
    }
    qFatal("no subject %s", qPrintable(name));
    Q_UNREACHABLE();
}

// The subject of the current data row (its "name" column).
const Subject &currentSubject()
{
    QFETCH(QString, name);
    return subject(name);
}

// One row per subject (that the filter keeps).
void addSubjectRows(bool (*keep)(const Subject &) = nullptr)
{
    QTest::addColumn<QString>("name");
    for (const Subject &s : subjects()) {
        if (!keep || keep(s))
            QTest::newRow(qPrintable(s.name)) << s.name;
    }
}

bool isFramed(const Subject &s)
{
    return s.framed;
}

bool hasMalformedFrame(const Subject &s)
{
    return !s.malformed.isEmpty();
}

// The size a decoder's limit measures for one packet.
qsizetype measured(const Subject &s, const QVariant &packet)
{
    if (s.limitOnInner)
        return s.limitOnInner->serialize(packet).size();
    return s.serializer->incrementalSerialize(packet).size() - s.overhead;
}

QByteArray frame(const Subject &s, const QVariant &packet)
{
    return s.serializer->incrementalSerialize(packet);
}

// The largest sample packet, and two of the smallest to surround it.
struct Sizes
{
    QVariant big, before, after;
};

Sizes sizes(const Subject &s)
{
    Sizes result;
    qsizetype bigSize = -1;
    for (const QVariant &packet : s.packets) {
        const qsizetype size = measured(s, packet);
        if (size > bigSize) {
            bigSize = size;
            result.big = packet;
        }
    }
    for (const QVariant &packet : s.packets) {
        if (measured(s, packet) < bigSize / 2 && frame(s, packet).size() >= 2) {
            if (!result.before.isValid())
                result.before = packet;
            else if (!result.after.isValid())
                result.after = packet;
        }
    }
    if (s.fixedSize) { // all the same size
        result.before = s.packets.at(0);
        result.after = s.packets.at(1);
    }
    return result;
}

bool samePacketsVerbose(const QVariantList &expected, const DecodeResult &result)
{
    QString why;
    if (samePackets(expected, result, &why))
        return true;
    qWarning("%s", qPrintable(why));
    return false;
}

bool datagramIsMalformed(const Subject &s, QByteArrayView bytes)
{
    ParseError error;
    return !s.serializer->deserialize(bytes, error).isValid()
        && error.kind() == ParseError::Kind::Malformed;
}

// The packets alone (errors checked apart).
bool packetsAre(DecodeResult result, const QVariantList &expected)
{
    result.errors.clear();
    return samePacketsVerbose(expected, result);
}

QByteArray concatenated(const QVariantList &packets)
{
    QByteArray bytes;
    for (const QVariant &packet : packets)
        bytes += packet.toByteArray();
    return bytes;
}

} // namespace

class tst_StreamDecoderConformance : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data() { addSubjectRows(); }
    void roundTrip();
    void severalPacketsAndAHalf_data() { addSubjectRows(isFramed); }
    void severalPacketsAndAHalf();
    void truncatedAtEndOfStream_data() { addSubjectRows(); }
    void truncatedAtEndOfStream();
    void malformedFrame_data() { addSubjectRows(hasMalformedFrame); }
    void malformedFrame();
    void sizeLimit_data() { addSubjectRows(); }
    void sizeLimit();
    void garbage_data() { addSubjectRows(); }
    void garbage();
    void megabytesWithBoundedBuffer_data() { addSubjectRows(); }
    void megabytesWithBoundedBuffer();

    // The self-delimiting binary formats (one frame scanner under both).
    void invalidHeaders_data();
    void invalidHeaders();
    void oversizedItems_data();
    void oversizedItems();
    void oversizedPayloadIsNotParsed_data();
    void oversizedPayloadIsNotParsed();
    void hugeDeclaredSizes_data();
    void hugeDeclaredSizes();
    void deepNesting_data();
    void deepNesting();
    void nestingBelowLimit_data();
    void nestingBelowLimit();
    void byteByByteIsLinear_data();
    void byteByByteIsLinear();
};

void tst_StreamDecoderConformance::roundTrip()
{
    const Subject &s = currentSubject();
    if (s.framed) {
        verifyStreamRoundTrip(*s.serializer, s.packets);
        if (QTest::currentTestFailed())
            return;
    } else {
        // Whatever the pieces, the bytes come out in order, none lost or added.
        const QByteArray stream = concatenated(s.packets);
        for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(7), qsizetype(1000)})
            QCOMPARE(concatenated(decodeStream(*s.serializer, stream, chunk).packets), stream);
        const QByteArray part = stream.first(600);
        for (qsizetype split = 0; split <= part.size(); ++split)
            QCOMPARE(concatenated(decodeStreamSplitAt(*s.serializer, part, split).packets), part);
    }
    for (const QVariant &packet : s.packets) {
        ParseError error;
        const QVariant back = s.serializer->deserialize(s.serializer->serialize(packet), error);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QVERIFY2(packetsEqual(back, packet), qPrintable(describePacket(packet)));
    }
}

void tst_StreamDecoderConformance::severalPacketsAndAHalf()
{
    const Subject &s = currentSubject();
    const QVariantList packets = s.packets.first(5);
    QByteArray stream;
    for (const QVariant &packet : packets)
        stream += frame(s, packet);
    const Sizes sz = sizes(s);
    const QByteArray next = frame(s, sz.before);
    QVERIFY(next.size() >= 2);
    const qsizetype half = next.size() / 2;

    const auto decoder = s.serializer->createDecoder();
    const DecodeResult first = decodeStream(*decoder, stream + next.first(half));
    QVERIFY(samePacketsVerbose(packets, first));
    if (!s.limitOnInner) // zlib inflates what it gets into its own state at once
        QCOMPARE(decoder->bufferedSize(), half);
    const DecodeResult second = decodeStream(*decoder, next.sliced(half));
    QVERIFY(samePacketsVerbose({sz.before}, second));
    QCOMPARE(decoder->bufferedSize(), 0);
    QVERIFY(!decoder->endOfStream().isError());
}

void tst_StreamDecoderConformance::truncatedAtEndOfStream()
{
    const Subject &s = currentSubject();
    const Sizes sz = sizes(s);
    const QByteArray first = frame(s, sz.before);
    for (const QVariant &packet : {sz.after, sz.big}) {
        const QByteArray whole = frame(s, packet);
        for (qsizetype cut = 1; cut < whole.size(); cut += qMax<qsizetype>(1, whole.size() / 37)) {
            const auto decoder = s.serializer->createDecoder();
            const DecodeResult result = decodeStream(*decoder, first + whole.first(cut), 1);
            const ParseError end = decoder->endOfStream();
            if (!s.framed) {
                // Raw delivers what it has: nothing is ever cut.
                QCOMPARE(concatenated(result.packets), first + whole.first(cut));
                QCOMPARE(end.kind(), ParseError::Kind::NoError);
                continue;
            }
            QVERIFY(samePacketsVerbose({sz.before}, result));
            QCOMPARE(end.kind(), ParseError::Kind::Truncated);
            QCOMPARE(end.offset(), first.size());
            QCOMPARE(end.size(), cut);
            QCOMPARE(decoder->bufferedSize(), 0);

            if (s.datagramTruncates) {
                ParseError error;
                QVERIFY(
                    !s.serializer->deserialize(s.serializer->serialize(packet).first(cut), error)
                         .isValid());
                QCOMPARE(error.kind(), ParseError::Kind::Truncated);
            }
        }
    }
    // Nothing buffered: a clean end.
    const auto decoder = s.serializer->createDecoder();
    decodeStream(*decoder, first);
    QCOMPARE(decoder->endOfStream().kind(), ParseError::Kind::NoError);
}

void tst_StreamDecoderConformance::malformedFrame()
{
    const Subject &s = currentSubject();
    const Sizes sz = sizes(s);
    const QByteArray before = frame(s, sz.before);
    const QByteArray after = frame(s, sz.after);
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(3)}) {
        const auto decoder = s.serializer->createDecoder();
        const DecodeResult result = decodeStream(*decoder, before + s.malformed + after, chunk);
        QCOMPARE(result.errors.size(), 1);
        const ParseError error = result.errors.first();
        QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        QVERIFY(!error.message().isEmpty());
        QVERIFY(error.offset() >= before.size());
        QVERIFY(error.offset() < before.size() + s.malformed.size());
        QCOMPARE(error.isRecoverable(), s.malformedRecoverable);
        QCOMPARE(result.broken, !s.malformedRecoverable);
        if (s.malformedRecoverable) {
            QCOMPARE(result.packets.size(), 2);
            QVERIFY(packetsEqual(result.packets.at(1), sz.after));
        } else {
            // Broken: what follows is dropped, never parsed.
            QCOMPARE(result.packets.size(), 1);
            decoder->feed(after);
            QCOMPARE(decoder->bufferedSize(), 0);
            QVariant packet;
            ParseError next;
            QCOMPARE(decoder->next(packet, next), StreamDecoder::Status::NeedMoreData);
        }
        QVERIFY(packetsEqual(result.packets.at(0), sz.before));
    }
}

void tst_StreamDecoderConformance::sizeLimit()
{
    const Subject &s = currentSubject();
    const Sizes sz = sizes(s);
    const qsizetype bigSize = measured(s, sz.big);
    const QByteArray before = frame(s, sz.before);
    const QByteArray big = frame(s, sz.big);
    const QByteArray after = frame(s, sz.after);
    const QByteArray stream = before + big + after;

    // At the limit, every packet passes.
    const DecodeResult atLimit = decodeStream(*s.serializer, stream, 1, bigSize);
    if (s.framed)
        QVERIFY(samePacketsVerbose({sz.before, sz.big, sz.after}, atLimit));
    else
        QCOMPARE(concatenated(atLimit.packets), stream);

    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(97), qsizetype(4096)}) {
        const qsizetype limit = bigSize - 1;
        const auto decoder = s.serializer->createDecoder(limit);
        const DecodeResult result = decodeStream(*decoder, stream, chunk);
        if (!s.framed) {
            // Raw cuts what it has into packets of at most the limit.
            QCOMPARE(concatenated(result.packets), stream);
            for (const QVariant &packet : result.packets)
                QVERIFY(packet.toByteArray().size() <= limit);
            QVERIFY(result.errors.isEmpty());
            continue;
        }
        if (s.fixedSize) {
            // Every record is over the limit: each one is refused and skipped.
            QVERIFY(result.packets.isEmpty());
            QCOMPARE(result.errors.size(), 3);
            for (qsizetype i = 0; i < 3; ++i) {
                QCOMPARE(result.errors.at(i).kind(), ParseError::Kind::TooLarge);
                QCOMPARE(result.errors.at(i).offset(), i * big.size());
                QCOMPARE(result.errors.at(i).size(), big.size());
                QVERIFY(result.errors.at(i).isRecoverable());
            }
            continue;
        }
        QCOMPARE(result.errors.size(), 1);
        const ParseError error = result.errors.first();
        QCOMPARE(error.kind(), ParseError::Kind::TooLarge);
        QCOMPARE(error.offset(), before.size());
        QCOMPARE(error.isRecoverable(), s.tooLargeRecoverable);
        QCOMPARE(result.broken, !s.tooLargeRecoverable);
        const QVariantList expected
            = s.tooLargeRecoverable ? QVariantList {sz.before, sz.after} : QVariantList {sz.before};
        QCOMPARE(result.packets.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QVERIFY(packetsEqual(result.packets.at(i), expected.at(i)));
        QVERIFY2(result.maxBuffered <= limit + qMax<qsizetype>(chunk, 1) + after.size(),
                 qPrintable(QString::number(result.maxBuffered)));
        QVERIFY(!decoder->endOfStream().isError());
    }
}

void tst_StreamDecoderConformance::garbage()
{
    const Subject &s = currentSubject();
    QRandomGenerator random(4242);
    QVariantList samples;
    for (const QVariant &packet : s.packets) {
        if (frame(s, packet).size() < 512)
            samples.append(packet);
    }
    const qsizetype limit = 2048;
    for (int iteration = 0; iteration < 2000; ++iteration) {
        QByteArray bytes;
        if (iteration % 2 == 0) {
            // Pure noise.
            bytes = randomBytes(random, random.bounded(1, 300));
        } else {
            // Valid frames with a few bytes flipped, cut or inserted.
            for (int n = random.bounded(1, 4); n > 0; --n)
                bytes += frame(s, samples.at(random.bounded(int(samples.size()))));
            if (bytes.isEmpty()) // raw frames an empty packet as nothing
                bytes = "x";
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
        const auto decoder = s.serializer->createDecoder(limit);
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
        QCOMPARE(decoder->bufferedSize(), 0);

        ParseError error;
        const QVariant packet = s.serializer->deserialize(bytes, error);
        QCOMPARE(packet.isValid(), !error.isError());
        if (error.isError())
            QVERIFY2(error.kind() == ParseError::Kind::Malformed
                         || error.kind() == ParseError::Kind::Truncated
                         || (s.limitOnInner && error.kind() == ParseError::Kind::TooLarge),
                     qPrintable(error.toString()));
    }
}

void tst_StreamDecoderConformance::megabytesWithBoundedBuffer()
{
    const Subject &s = currentSubject();
    const Sizes sz = sizes(s);
    const qsizetype chunk = 65536;
    QByteArray stream;
    QVariantList packets;
    for (qsizetype i = 0; stream.size() < 1024 * 1024; ++i) {
        packets.append(s.packets.at(i % s.packets.size()));
        stream += frame(s, packets.last());
    }
    const auto decoder = s.serializer->createDecoder();
    const DecodeResult result = decodeStream(*decoder, stream, chunk);
    if (s.framed)
        QVERIFY(samePacketsVerbose(packets, result));
    else
        QCOMPARE(concatenated(result.packets), stream);
    QVERIFY2(result.maxBuffered <= Limit + chunk, qPrintable(QString::number(result.maxBuffered)));

    // The biggest packet twice, byte by byte: the decoder resumes where it
    // stopped instead of rescanning (quadratic work would hit the test timeout).
    const QByteArray big = frame(s, sz.big);
    const DecodeResult bytewise = decodeStream(*s.serializer, big + big, 1);
    if (s.framed)
        QVERIFY(samePacketsVerbose({sz.big, sz.big}, bytewise));
    else
        QCOMPARE(concatenated(bytewise.packets), big + big);
}

// ---------------------------------------------------------------------------
// Self-delimiting binary formats.

void tst_StreamDecoderConformance::invalidHeaders_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("size"); // of the error; -1: not checked
    QTest::addColumn<QString>("message");
    const QList<std::pair<const char *, const char *>> cbor {
        {"reserved 28", "1c"},
        {"reserved 29 in array", "82013d"},
        {"reserved 30 simple", "fe"},
        {"top-level break", "ff"},
        {"break in definite array", "8201ff"},
        {"indefinite integer", "1f"},
        {"indefinite negative", "3f"},
        {"indefinite tag", "df"},
        {"array in indefinite bytes", "5f80ff"},
        {"text chunk in indefinite bytes", "5f6161ff"},
        {"nested indefinite text", "7f7fffff"},
        {"break after map key", "bf6161ff"},
    };
    for (const auto &[label, hex] : cbor)
        QTest::addRow("CBOR %s", label)
            << QStringLiteral("CBOR") << QByteArray::fromHex(hex) << -1LL << QString();
    const QString msgpack = QStringLiteral("MessagePack");
    const QString c1 = QStringLiteral("0xc1");
    QTest::newRow("MessagePack 0xc1") << msgpack << QByteArray::fromHex("c1") << 1LL << c1;
    QTest::newRow("MessagePack 0xc1 in array")
        << msgpack << QByteArray::fromHex("9201c1") << 3LL << c1;
    QTest::newRow("MessagePack 0xc1 as map value")
        << msgpack << QByteArray::fromHex("81a161c1") << 4LL << c1;
    QTest::newRow("MessagePack 0xc1 after bin")
        << msgpack << QByteArray::fromHex("92c4020000c1") << 6LL << c1;
}

void tst_StreamDecoderConformance::invalidHeaders()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, size);
    QFETCH(QString, message);
    const Subject &s = subject(name);
    const QByteArray valid = frame(s, QStringLiteral("after"));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
        const auto decoder = s.serializer->createDecoder();
        const DecodeResult result = decodeStream(*decoder, bytes + valid + valid, chunk);
        QCOMPARE(result.errors.size(), 1);
        const ParseError error = result.errors.first();
        QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        QVERIFY(!error.isRecoverable());
        QVERIFY(error.message().contains(message));
        QCOMPARE(error.offset(), 0);
        if (size >= 0)
            QCOMPARE(error.size(), size);
        QVERIFY(result.packets.isEmpty());
        QVERIFY(result.broken);
        // A broken decoder drops what it is fed.
        decoder->feed(valid);
        QCOMPARE(decoder->bufferedSize(), 0);
    }
    QVERIFY(datagramIsMalformed(s, bytes));
}

void tst_StreamDecoderConformance::oversizedItems_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<qsizetype>("chunk");
    // 100 KB items under the default 64 KiB limit.
    const QList<std::pair<const char *, QByteArray>> cbor {
        {"bytes 100000", QByteArray::fromHex("5a000186a0") + QByteArray(100000, '\x81')},
        {"array of 50000 ints", QByteArray::fromHex("99c350") + repeated("18c8", 50000)},
        {"indefinite array",
         QByteArray::fromHex("9f") + repeated("8101", 50000) + QByteArray::fromHex("ff")},
        {"text 100000", QByteArray::fromHex("7a000186a0") + QByteArray(100000, 'x')},
        {"map holding a big array",
         QByteArray::fromHex("a16161") + QByteArray::fromHex("9a000186a0")
             + QByteArray(100000, '\0')},
    };
    const QList<std::pair<const char *, QByteArray>> msgpack {
        {"bin 100000", QByteArray::fromHex("c6000186a0") + QByteArray(100000, '\x01')},
        {"array of 50000 uint8", QByteArray::fromHex("dcc350") + repeated("ccc8", 50000)},
        {"array of 100000 fixints", QByteArray::fromHex("dd000186a0") + QByteArray(100000, '\x01')},
        {"str 100000", QByteArray::fromHex("db000186a0") + QByteArray(100000, 'x')},
        // {"a": [true x 65535]}: 65541 bytes, just over the limit.
        {"map holding a big array", QByteArray::fromHex("81a161dcffff") + repeated("c3", 65535)},
    };
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(1000), qsizetype(65536)}) {
        for (const auto &[label, item] : cbor)
            QTest::addRow("CBOR %s / %d", label, int(chunk))
                << QStringLiteral("CBOR") << item << chunk;
        for (const auto &[label, item] : msgpack)
            QTest::addRow("MessagePack %s / %d", label, int(chunk))
                << QStringLiteral("MessagePack") << item << chunk;
    }
}

void tst_StreamDecoderConformance::oversizedItems()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, item);
    QFETCH(qsizetype, chunk);
    const Subject &s = subject(name);
    const QVariant next = QVariantMap {{QStringLiteral("next"), integer(1)}};
    const QByteArray before = frame(s, QStringLiteral("before"));
    const auto decoder = s.serializer->createDecoder();
    const DecodeResult result = decodeStream(*decoder, before + item + frame(s, next), chunk);
    // Exactly one TooLarge error, then the next packet: never thousands of fake packets.
    QCOMPARE(result.errors.size(), 1);
    const ParseError error = result.errors.first();
    QCOMPARE(error.kind(), ParseError::Kind::TooLarge);
    QVERIFY(error.isRecoverable());
    QCOMPARE(error.offset(), before.size());
    QVERIFY(!result.broken);
    QVERIFY(packetsAre(result, {QStringLiteral("before"), next}));
    QCOMPARE(decoder->bufferedSize(), 0);
    QVERIFY(result.maxBuffered <= Limit + qMax<qsizetype>(chunk, 1));
    QVERIFY(!decoder->endOfStream().isError());
}

void tst_StreamDecoderConformance::oversizedPayloadIsNotParsed_data()
{
    // The oversized string's payload is itself valid (a stream of small ints):
    // none of it may come out as packets, whatever the chunking.
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("item");
    QTest::newRow("CBOR") << QStringLiteral("CBOR")
                          << QByteArray::fromHex("5a00002710") + QByteArray(10000, '\x01');
    QTest::newRow("MessagePack") << QStringLiteral("MessagePack")
                                 << QByteArray::fromHex("c52710") + QByteArray(10000, '\x01');
}

void tst_StreamDecoderConformance::oversizedPayloadIsNotParsed()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, item);
    const Subject &s = subject(name);
    const QByteArray after = frame(s, integer(42));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(99)}) {
        const DecodeResult result = decodeStream(*s.serializer, item + after, chunk, 100);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
        QVERIFY(packetsEqual(result.packets, QVariantList {integer(42)}));
        QVERIFY(result.maxBuffered <= 100 + qMax<qsizetype>(chunk, 1));
    }
}

void tst_StreamDecoderConformance::hugeDeclaredSizes_data()
{
    // An item announcing more than fits in memory: reported at once, then its
    // bytes are discarded (or walked) as they arrive, megabytes of them.
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QByteArray>("then"); // fed afterwards
    QTest::addColumn<QVariant>("thenPacket"); // what it decodes to (invalid: nothing)
    QTest::addColumn<bool>("skipped"); // the item's bytes are skipped unread (nothing buffered)
    const QString cbor = QStringLiteral("CBOR");
    const QString msgpack = QStringLiteral("MessagePack");
    QTest::newRow("CBOR bytes of 2^40")
        << cbor << QByteArray::fromHex("5b0000010000000000") + QByteArray(4 << 20, '\x01')
        << QByteArray() << QVariant() << true;
    QTest::newRow("CBOR bytes of 2^64 - 1 (no wrap-around)")
        << cbor << QByteArray::fromHex("5bffffffffffffffff") + QByteArray(1 << 20, '\x01')
        << QByteArray() << QVariant() << true;
    QTest::newRow("CBOR endless indefinite array")
        << cbor << QByteArray::fromHex("9f") + repeated("6178", 1 << 20)
        << QByteArray::fromHex("ff07") << integer(7) << false;
    QTest::newRow("MessagePack bin of 4 GiB")
        << msgpack << QByteArray::fromHex("c6ffffffff") + QByteArray(4 << 20, '\x01')
        << QByteArray() << QVariant() << true;
    QTest::newRow("MessagePack array32 of 2^32 - 1")
        << msgpack << QByteArray::fromHex("ddffffffff") + repeated("a178", 1 << 20) << QByteArray()
        << QVariant() << false;
}

void tst_StreamDecoderConformance::hugeDeclaredSizes()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, stream);
    QFETCH(QByteArray, then);
    QFETCH(QVariant, thenPacket);
    QFETCH(bool, skipped);
    const Subject &s = subject(name);
    const qsizetype chunk = 4096;
    const auto decoder = s.serializer->createDecoder();
    const DecodeResult result = decodeStream(*decoder, stream, chunk);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
    QVERIFY(result.packets.isEmpty());
    QVERIFY(result.maxBuffered <= Limit + chunk);
    if (skipped)
        QCOMPARE(decoder->bufferedSize(), 0);
    if (then.isEmpty())
        return;
    const DecodeResult rest = decodeStream(*decoder, then);
    QVERIFY(samePacketsVerbose({thenPacket}, rest));
}

void tst_StreamDecoderConformance::deepNesting_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("bytes");
    const QString cbor = QStringLiteral("CBOR");
    const QString msgpack = QStringLiteral("MessagePack");
    QTest::newRow("CBOR 100000 arrays")
        << cbor << QByteArray(100000, '\x81') + QByteArray::fromHex("80");
    QTest::newRow("CBOR 100000 indefinite arrays") << cbor << QByteArray(100000, '\x9f');
    QTest::newRow("CBOR 100000 maps")
        << cbor << repeated("a101", 100000) + QByteArray::fromHex("01");
    QTest::newRow("CBOR 100000 tags")
        << cbor << QByteArray(100000, '\xc6') + QByteArray::fromHex("01");
    QTest::newRow("MessagePack 100000 arrays")
        << msgpack << QByteArray(100000, '\x91') + QByteArray::fromHex("90");
    QTest::newRow("MessagePack 100000 array16")
        << msgpack << repeated("dc0001", 100000) + QByteArray::fromHex("90");
    QTest::newRow("MessagePack 100000 maps")
        << msgpack << repeated("81a161", 100000) + QByteArray::fromHex("01");
}

void tst_StreamDecoderConformance::deepNesting()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, bytes);
    const Subject &s = subject(name);
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(4096)}) {
        // With a limit above the size, so nesting is what is refused.
        const DecodeResult result = decodeStream(*s.serializer, bytes, chunk, 1 << 20);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::Malformed);
        QVERIFY(!result.errors.first().isRecoverable());
        QVERIFY(result.errors.first().message().contains(QStringLiteral("nesting")));
        QVERIFY(result.packets.isEmpty());
    }
    QVERIFY(datagramIsMalformed(s, bytes));
}

void tst_StreamDecoderConformance::nestingBelowLimit_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("CBOR") << QStringLiteral("CBOR")
                          << QByteArray(900, '\x81') + QByteArray::fromHex("80");
    QTest::newRow("MessagePack") << QStringLiteral("MessagePack")
                                 << QByteArray(900, '\x91') + QByteArray::fromHex("90");
}

void tst_StreamDecoderConformance::nestingBelowLimit()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expected);
    const Subject &s = subject(name);
    QVariant nested = QVariantList();
    for (int i = 0; i < 900; ++i)
        nested = QVariantList {nested};
    const QByteArray bytes = s.serializer->serialize(nested);
    QCOMPARE(bytes, expected);
    QVERIFY(samePacketsVerbose({nested}, decodeStream(*s.serializer, bytes, 1)));
    ParseError error;
    QVERIFY(packetsEqual(s.serializer->deserialize(bytes, error), nested));
}

void tst_StreamDecoderConformance::byteByByteIsLinear_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"CBOR", "MessagePack", "JSON", "QDataStream", "zlib(JSON)"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_StreamDecoderConformance::byteByByteIsLinear()
{
    // A list of thousands of items just under the limit, fed one byte at a time:
    // rescanning from the start at each byte would take billions of steps (and
    // hit the test timeout); a resumable decoder takes a fraction of a second.
    const Subject &s = currentSubject();
    QVariantList list;
    for (int i = 0; measured(s, list) < Limit - 2000; ++i) {
        for (int k = 0; k < 100; ++k)
            list.append(QStringLiteral("item %1").arg(i * 100 + k));
    }
    QVERIFY(measured(s, list) <= Limit);
    const QByteArray item = frame(s, list);
    QVERIFY(samePacketsVerbose({list, list}, decodeStream(*s.serializer, item + item, 1)));
}

QTEST_GUILESS_MAIN(tst_StreamDecoderConformance)
#include "tst_streamdecoderconformance.moc"
