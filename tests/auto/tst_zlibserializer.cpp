// ZlibSerializer over JsonSerializer (and over raw bytes, to look inside): the
// reference's golden vectors, incremental inflating, the decompressed-size limit
// (zip bombs), corrupt and hostile input.
#include <EasyNet/exceptions.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/zlibserializer.h>

#include "serializertestsupport.h"

#include <QtCore/QCborMap>
#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <stdexcept>

using namespace EasyNet;
using namespace EasyNetTest;

namespace {

// Packets are the bytes themselves: lets the tests see the decompressed data.
class RawSerializer final : public AbstractPacketSerializer
{
public:
    QByteArray serialize(const QVariant &packet) const override { return packet.toByteArray(); }
    QVariant deserialize(QByteArrayView data, ParseError &) const override
    {
        return data.toByteArray();
    }
};

std::shared_ptr<const JsonSerializer> json()
{
    return std::make_shared<const JsonSerializer>();
}

std::shared_ptr<const RawSerializer> raw()
{
    return std::make_shared<const RawSerializer>();
}

QByteArray inflated(const QByteArray &zlibStream)
{
    const ZlibSerializer unzip(raw());
    ParseError error;
    const QVariant bytes = unzip.deserialize(zlibStream, error);
    return error.isError() ? QByteArray("<error: ") + error.toString().toUtf8() + '>'
                           : bytes.toByteArray();
}

constexpr qsizetype BombSize = 10 * 1024 * 1024;

QByteArray makeBomb()
{
    return ZlibSerializer(raw()).serialize(QByteArray(BombSize, '\0'));
}

} // namespace

class tst_ZlibSerializer : public QObject
{
    Q_OBJECT

private slots:
    void goldenVectors_data();
    void goldenVectors();
    void goldenVectorsAsOneStream();
    void keyOrderIsKept();
    void constructorChecks();
    void compressionLevels();

    void bombOnStream();
    void bombAsDatagram();
    void limitIsOnDecompressedSize();
    void emptyStoredBlocksKeepBufferBounded();

    void corruptStreamIsUnrecoverable();
    void innerErrorIsRecoverable();
    void truncatedAtEndOfStream();
    void datagramErrors();
    void garbageAndMutations();
};

void tst_ZlibSerializer::goldenVectors_data()
{
    addGoldenVectorRows(QStringLiteral("zlib-json"));
}

void tst_ZlibSerializer::goldenVectors()
{
    const ZlibSerializer serializer(json());
    const auto [v, ours] = verifyCurrentGoldenRoundTrip(serializer, QStringLiteral("zlib-json"));
    if (ours.isEmpty())
        return; // refused, as the reference does (or failed)
    // The reference's datagram form is the stream form (no framing); so is ours.
    QCOMPARE(v.datagram, v.wire);
    QCOMPARE(ours, serializer.serialize(v.packet));
    // zlib's output depends on its build: compare once decompressed.
    QCOMPARE(inflated(ours), JsonSerializer().serialize(v.packet));
    if (holdsExactly(v))
        QCOMPARE(inflated(ours), inflated(v.wire));
}

void tst_ZlibSerializer::goldenVectorsAsOneStream()
{
    // Each zlib stream is inflated as it arrives: nothing stays buffered beyond a chunk.
    verifyGoldenStream(ZlibSerializer(json()), QStringLiteral("zlib-json"), {0, 1, 2, 17}, 0);
}

void tst_ZlibSerializer::keyOrderIsKept()
{
    const QCborMap map = keyOrderPacket();
    for (const GoldenVector &v : keyOrderVectors(QStringLiteral("zlib-json")))
        QCOMPARE(inflated(ZlibSerializer(json()).serialize(QVariant::fromValue(map))),
                 inflated(v.wire));
}

void tst_ZlibSerializer::constructorChecks()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ZlibSerializer(nullptr));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ZlibSerializer(json(), 10));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ZlibSerializer(json(), -2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ZlibSerializer(json(), 9, 0));
    const ZlibSerializer serializer(json());
    QCOMPARE(serializer.compressionLevel(), 9);
    QCOMPARE(serializer.maxDatagramSize(), ZlibSerializer::DefaultMaxDatagramSize);
}

void tst_ZlibSerializer::compressionLevels()
{
    const QVariantMap packet {{QStringLiteral("text"), QString(5000, QLatin1Char('a'))}};
    const QByteArray plain = JsonSerializer().serialize(packet);
    QByteArray previous;
    for (const int level : {-1, 0, 1, 9}) {
        const ZlibSerializer serializer(json(), level);
        const QByteArray compressed = serializer.serialize(packet);
        QCOMPARE(inflated(compressed), plain);
        QCOMPARE(quint8(compressed.at(0)) & 0x0f, 8); // RFC 1950: CM = deflate
        QCOMPARE((quint8(compressed.at(0)) * 256 + quint8(compressed.at(1))) % 31, 0);
        if (level == 0)
            QVERIFY(compressed.size() > plain.size()); // stored
        else
            QVERIFY(compressed.size() < plain.size() / 10);
        const DecodeResult result = decodeStream(ZlibSerializer(json()), compressed, 1);
        QCOMPARE(result.packets.size(), 1);
        QVERIFY(packetsEqual(result.packets.first(), packet));
    }
}

void tst_ZlibSerializer::bombOnStream()
{
    const QByteArray bomb = makeBomb();
    QVERIFY2(bomb.size() < 20 * 1024, qPrintable(QString::number(bomb.size()))); // ~10 KB
    const ZlibSerializer serializer(raw());
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(64 * 1024);
    const qsizetype chunk = 256;
    qsizetype fedWhenReported = -1;
    ParseError reported;
    for (qsizetype pos = 0; pos < bomb.size(); pos += chunk) {
        decoder->feed(QByteArrayView(bomb).sliced(pos, qMin(chunk, bomb.size() - pos)));
        QVariant packet;
        ParseError error;
        StreamDecoder::Status status;
        while ((status = decoder->next(packet, error)) != StreamDecoder::Status::NeedMoreData) {
            QCOMPARE(status, StreamDecoder::Status::Error);
            QCOMPARE(fedWhenReported, -1);
            fedWhenReported = pos + chunk;
            reported = error;
        }
        QVERIFY(decoder->bufferedSize() <= chunk);
    }
    QCOMPARE(reported.kind(), ParseError::Kind::TooLarge);
    QVERIFY(!reported.isRecoverable());
    QCOMPARE(reported.offset(), 0);
    QVERIFY(decoder->isBroken());
    QCOMPARE(decoder->bufferedSize(), 0);
    // Reported within the first compressed bytes: 64 KiB of zeros is ~100 bytes
    // of deflate data, the 10 MB were never expanded.
    QVERIFY2(fedWhenReported <= 1024, qPrintable(QString::number(fedWhenReported)));
    QVERIFY(decoder->endOfStream().kind() == ParseError::Kind::NoError); // already reported
}

void tst_ZlibSerializer::bombAsDatagram()
{
    const QByteArray bomb = makeBomb();
    ParseError error;
    QVERIFY(!ZlibSerializer(raw(), 9, 64 * 1024).deserialize(bomb, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::TooLarge);
    QVERIFY(error.message().contains(QLatin1StringView("65536")));
    // within the (default 16 MiB) limit it inflates
    error = ParseError();
    const QVariant whole = ZlibSerializer(raw()).deserialize(bomb, error);
    QVERIFY(!error.isError());
    QCOMPARE(whole.toByteArray().size(), BombSize);
    QVERIFY(!ZlibSerializer(raw(), 9, BombSize - 1).deserialize(bomb, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::TooLarge);
    error = ParseError();
    QVERIFY(ZlibSerializer(raw(), 9, BombSize).deserialize(bomb, error).isValid());
    QVERIFY(!error.isError());
}

void tst_ZlibSerializer::limitIsOnDecompressedSize()
{
    const ZlibSerializer serializer(raw());
    const QByteArray exact = serializer.serialize(QByteArray(1000, 'a'));
    const QByteArray over = serializer.serialize(QByteArray(1001, 'a'));
    QVERIFY(exact.size() < 100);
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1)}) {
        DecodeResult result = decodeStream(serializer, exact + exact, chunk, 1000);
        QVERIFY(result.errors.isEmpty());
        QCOMPARE(result.packets.size(), 2);
        result = decodeStream(serializer, exact + over + exact, chunk, 1000);
        QCOMPARE(result.packets.size(), 1);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
        QCOMPARE(result.errors.first().offset(), exact.size());
        QVERIFY(result.broken);
    }
}

void tst_ZlibSerializer::emptyStoredBlocksKeepBufferBounded()
{
    // A zlib header followed by endless empty non-final stored blocks: valid
    // data that never produces a byte. It is consumed as it comes.
    const ZlibSerializer serializer(raw());
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(1024);
    decoder->feed(QByteArray::fromHex("7801"));
    const QByteArray emptyBlocks = QByteArray::fromHex("000000ffff").repeated(2000); // 10 KB
    qsizetype maxBuffered = 0;
    for (int i = 0; i < 200; ++i) { // 2 MB
        decoder->feed(emptyBlocks);
        QVariant packet;
        ParseError error;
        QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::NeedMoreData);
        maxBuffered = qMax(maxBuffered, decoder->bufferedSize());
    }
    QVERIFY2(maxBuffered <= emptyBlocks.size(), qPrintable(QString::number(maxBuffered)));
    QVERIFY(!decoder->isBroken());
    // the stream then ends with a final block holding "hi", and the Adler-32
    decoder->feed(QByteArray::fromHex("010200fdff6869") + QByteArray::fromHex("013b00d2"));
    QVariant packet;
    ParseError error;
    QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::Packet);
    QCOMPARE(packet.toByteArray(), QByteArray("hi"));
}

void tst_ZlibSerializer::corruptStreamIsUnrecoverable()
{
    const ZlibSerializer serializer(json());
    const QByteArray first = serializer.incrementalSerialize(QVariantList {1, 2, 3});
    QByteArray second
        = serializer.incrementalSerialize(QString(300, QLatin1Char('q')) + QStringLiteral("xyz"));
    second[second.size() / 2] = char(second[second.size() / 2] ^ 0x55);
    const QByteArray third = serializer.incrementalSerialize(QStringLiteral("never seen"));
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(5)}) {
        const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(65536);
        const DecodeResult result = decodeStream(*decoder, first + second + third, chunk);
        QCOMPARE(result.packets.size(), 1);
        QCOMPARE(result.errors.size(), 1);
        const ParseError e = result.errors.first();
        QCOMPARE(e.kind(), ParseError::Kind::Malformed);
        QVERIFY(!e.isRecoverable());
        QCOMPARE(e.offset(), first.size());
        QVERIFY(e.message().contains(QLatin1StringView("zlib")));
        QVERIFY(result.broken);
        QCOMPARE(decoder->bufferedSize(), 0);
        decoder->feed(third); // dropped
        QCOMPARE(decoder->bufferedSize(), 0);
        QVariant packet;
        ParseError error;
        QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::NeedMoreData);
    }
    // a bad header
    const DecodeResult result = decodeStream(serializer, QByteArray("{\"not\":\"zlib\"}"));
    QCOMPARE(result.errors.size(), 1);
    QVERIFY(!result.errors.first().isRecoverable());
}

void tst_ZlibSerializer::innerErrorIsRecoverable()
{
    const ZlibSerializer serializer(json());
    const QByteArray bad = ZlibSerializer(raw()).serialize(QByteArray("{bad json"));
    const QByteArray good
        = serializer.incrementalSerialize(QVariantMap {{QStringLiteral("ok"), true}});
    const DecodeResult result = decodeStream(serializer, good + bad + good, 1);
    QCOMPARE(result.packets.size(), 2);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().kind(), ParseError::Kind::Malformed);
    QVERIFY(result.errors.first().isRecoverable());
    QCOMPARE(result.errors.first().offset(), good.size());
    QCOMPARE(result.errors.first().size(), bad.size());
    QVERIFY(result.errors.first().message().startsWith(
        QLatin1StringView("in the decompressed payload")));
    QVERIFY(!result.broken);
}

void tst_ZlibSerializer::truncatedAtEndOfStream()
{
    const ZlibSerializer serializer(json());
    const QByteArray first = serializer.incrementalSerialize(1);
    const QByteArray second = serializer.incrementalSerialize(QString(100, QLatin1Char('z')));
    const qsizetype half = second.size() / 2;
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(65536);
    const DecodeResult result = decodeStream(*decoder, first + second.first(half), 1);
    QCOMPARE(result.packets.size(), 1);
    QCOMPARE(decoder->bufferedSize(), 0); // consumed by the inflater
    const ParseError end = decoder->endOfStream();
    QCOMPARE(end.kind(), ParseError::Kind::Truncated);
    QCOMPARE(end.offset(), first.size());
    QCOMPARE(end.size(), half);
    QVERIFY(decoder->isBroken());
    // a stream that ends between packets is fine
    const std::unique_ptr<StreamDecoder> clean = serializer.createDecoder(65536);
    decodeStream(*clean, first + second, 3);
    QCOMPARE(clean->endOfStream().kind(), ParseError::Kind::NoError);
}

void tst_ZlibSerializer::datagramErrors()
{
    const ZlibSerializer serializer(json());
    const QByteArray good = serializer.serialize(QVariantList {QStringLiteral("x"), 1.5});
    ParseError error;
    QVERIFY(!serializer.deserialize(good + "junk", error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QCOMPARE(error.offset(), good.size());
    QVERIFY(!serializer.deserialize(good + good, error).isValid()); // one stream per datagram
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY(!serializer.deserialize(good.first(good.size() - 1), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Truncated);
    QVERIFY(!serializer.deserialize(QByteArray(), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Truncated);
    QByteArray corrupt = good;
    corrupt[good.size() - 2] = char(corrupt[good.size() - 2] ^ 1); // Adler-32
    QVERIFY(!serializer.deserialize(corrupt, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY(error.message().contains(QLatin1StringView("check")));
    QVERIFY(!serializer.deserialize(QByteArray("plain text"), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY(!serializer.deserialize(ZlibSerializer(raw()).serialize(QByteArray("[1,")), error)
                 .isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY(error.message().startsWith(QLatin1StringView("in the decompressed payload")));
    QVERIFY(serializer.deserialize(good, error).isValid());
}

void tst_ZlibSerializer::garbageAndMutations()
{
    const ZlibSerializer serializer(json());
    const QVariantList packets = variedPackets(2048, false, false);
    QRandomGenerator random(777);
    const qsizetype limit = 4096;
    for (int i = 0; i < 3000; ++i) {
        QByteArray bytes;
        if (i % 4 == 0) { // pure garbage, sometimes behind a valid header
            bytes = randomBytes(random, random.bounded(1, 600));
            if (random.bounded(2) == 0)
                bytes.prepend(QByteArray::fromHex("78da"));
        } else {
            for (int k = random.bounded(1, 4); k > 0; --k)
                bytes += serializer.serialize(packets.at(random.bounded(int(packets.size()))));
            for (int m = random.bounded(1, 4); m > 0 && !bytes.isEmpty(); --m) {
                const qsizetype pos = random.bounded(int(bytes.size()));
                switch (random.bounded(3)) {
                case 0: bytes[pos] = char(random.bounded(256)); break;
                case 1: bytes.truncate(pos); break;
                default: bytes.insert(pos, char(random.bounded(256))); break;
                }
            }
        }
        const qsizetype chunk = random.bounded(1, 64);
        const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(limit);
        const DecodeResult result = decodeStream(*decoder, bytes, chunk);
        QVERIFY(result.maxBuffered <= chunk);
        for (qsizetype e = 0; e < result.errors.size(); ++e) {
            const ParseError &error = result.errors.at(e);
            QVERIFY(error.kind() != ParseError::Kind::NoError);
            if (!error.isRecoverable())
                QCOMPARE(e, result.errors.size() - 1); // nothing after an unrecoverable error
        }
        decoder->endOfStream();
        QVERIFY(decoder->isBroken() || decoder->bufferedSize() == 0);

        ParseError error;
        const QVariant value = serializer.deserialize(bytes, error);
        QCOMPARE(value.isValid(), !error.isError());
    }
    // Megabytes of garbage on one decoder: reported once, then dropped.
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(limit);
    int errors = 0;
    for (int round = 0; round < 2000; ++round) {
        decoder->feed(randomBytes(random, 1000));
        QVariant packet;
        ParseError error;
        while (decoder->next(packet, error) != StreamDecoder::Status::NeedMoreData)
            ++errors;
        QVERIFY(decoder->bufferedSize() <= 1000);
    }
    QCOMPARE(errors, 1);
    QVERIFY(decoder->isBroken());
    QCOMPARE(decoder->bufferedSize(), 0);
}

QTEST_GUILESS_MAIN(tst_ZlibSerializer)
#include "tst_zlibserializer.moc"
