// Base64Serializer over JsonSerializer: the reference's golden vectors (plain
// and with SHA-256), HMAC, strict Base64, stream framing and hostile input.
#include <EasyNet/base64serializer.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/jsonserializer.h>

#include "serializertestsupport.h"

#include <QtCore/QCborMap>
#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <stdexcept>

using namespace EasyNet;
using namespace EasyNetTest;

namespace {

std::shared_ptr<const JsonSerializer> json()
{
    return std::make_shared<const JsonSerializer>();
}

QByteArray testKey()
{
    QByteArray key;
    for (int i = 0; i < 32; ++i)
        key.append(char(i));
    return key;
}

// The two formats of the reference's vectors: plain and with a SHA-256 checksum.
QStringList formats()
{
    return {QStringLiteral("base64-json"), QStringLiteral("base64-json-checksum")};
}

Base64Serializer serializerOf(const QString &format)
{
    return Base64Serializer(json(),
                            format.endsWith(QLatin1StringView("checksum"))
                                ? Base64Serializer::Checksum::Sha256
                                : Base64Serializer::Checksum::None);
}

QByteArray b64(QByteArrayView bytes)
{
    return bytes.toByteArray().toBase64(QByteArray::Base64UrlEncoding);
}

} // namespace

class tst_Base64Serializer : public QObject
{
    Q_OBJECT

private slots:
    void goldenVectors_data();
    void goldenVectors();
    void goldenVectorsAsOneStream_data();
    void goldenVectorsAsOneStream();
    void keyOrderIsKept();
    void hmacKnownAnswer();
    void wrongKeyOrChecksumMode();
    void constructorChecks();
    void badTokens_data();
    void badTokens();
    void checksumMismatch();
    void innerErrorIsReported();
    void bareLineFeedIsNotASeparator();
    void limitAppliesToTheToken();
    void garbageKeepsBufferBounded();
    void fuzzMutations();
};

void tst_Base64Serializer::goldenVectors_data()
{
    addGoldenVectorRows(formats(), 26);
}

void tst_Base64Serializer::goldenVectors()
{
    QFETCH(QString, format);
    const Base64Serializer serializer = serializerOf(format);
    const auto [v, ours] = verifyCurrentGoldenRoundTrip(serializer, format);
    if (ours.isEmpty())
        return; // refused, as the reference does (or failed)
    QVERIFY(ours.endsWith("\r\n"));
    verifyGoldenBytes(serializer, v, ours);
}

void tst_Base64Serializer::goldenVectorsAsOneStream_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("plain") << QStringLiteral("base64-json");
    QTest::newRow("checksum") << QStringLiteral("base64-json-checksum");
}

void tst_Base64Serializer::goldenVectorsAsOneStream()
{
    QFETCH(QString, format);
    verifyGoldenStream(serializerOf(format), format, {0, 1, 3, 101});
}

void tst_Base64Serializer::keyOrderIsKept()
{
    const QCborMap map = keyOrderPacket();
    for (const QString &format : formats()) {
        const Base64Serializer serializer = serializerOf(format);
        const QList<GoldenVector> vectors = keyOrderVectors(format);
        QVERIFY(!vectors.isEmpty());
        for (const GoldenVector &v : vectors) {
            QCOMPARE(serializer.incrementalSerialize(QVariant::fromValue(map)), v.wire);
            QCOMPARE(serializer.serialize(QVariant::fromValue(map)), v.datagram);
        }
    }
}

void tst_Base64Serializer::hmacKnownAnswer()
{
    // Python: base64.urlsafe_b64encode(p + hmac.new(bytes(range(32)), p, "sha256").digest())
    // with p = b'{"a":1}'
    const Base64Serializer serializer(json(), Base64Serializer::Checksum::HmacSha256, testKey());
    const QVariantMap packet {{QStringLiteral("a"), 1}};
    const QByteArray expected = "eyJhIjoxfbTOveMJgkQ-w2wY-pmtEKcOcFu6d59Xw36E3stkrlD7";
    QCOMPARE(serializer.serialize(packet), expected);
    QCOMPARE(serializer.incrementalSerialize(packet), expected + "\r\n");
    ParseError error;
    QVERIFY(packetsEqual(serializer.deserialize(expected, error),
                         QVariantMap {{QStringLiteral("a"), 1LL}}));
    QVERIFY(!error.isError());
}

void tst_Base64Serializer::wrongKeyOrChecksumMode()
{
    const Base64Serializer signer(json(), Base64Serializer::Checksum::HmacSha256, testKey());
    const Base64Serializer otherKey(json(), Base64Serializer::Checksum::HmacSha256,
                                    Base64Serializer::generateKey());
    const Base64Serializer sha(json(), Base64Serializer::Checksum::Sha256);
    const Base64Serializer plain(json());
    const QVariantList packet {1, QStringLiteral("two")};

    ParseError error;
    QVERIFY(!otherKey.deserialize(signer.serialize(packet), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY(error.message().contains(QLatin1StringView("HMAC")));
    QVERIFY(error.message().contains(QLatin1StringView("wrong key")));

    QVERIFY(!sha.deserialize(signer.serialize(packet), error).isValid());
    QVERIFY(error.message().contains(QLatin1StringView("checksum")));

    QVERIFY(!signer.deserialize(sha.serialize(packet), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);

    // without a checksum, the digest bytes are part of the JSON text: invalid JSON
    QVERIFY(!plain.deserialize(sha.serialize(packet), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);

    // On a stream, the bad token is skipped and the next one decodes.
    const DecodeResult result = decodeStream(
        otherKey, signer.incrementalSerialize(packet) + otherKey.incrementalSerialize(packet), 1);
    QCOMPARE(result.errors.size(), 1);
    QVERIFY(result.errors.first().isRecoverable());
    QCOMPARE(result.packets.size(), 1);
}

void tst_Base64Serializer::constructorChecks()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Base64Serializer(nullptr));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             Base64Serializer(json(), Base64Serializer::Checksum::HmacSha256));
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        Base64Serializer(json(), Base64Serializer::Checksum::HmacSha256, QByteArray(31, 'k')));
    QVERIFY_THROWS_EXCEPTION(
        std::invalid_argument,
        Base64Serializer(json(), Base64Serializer::Checksum::Sha256, QByteArray(32, 'k')));
    const QByteArray a = Base64Serializer::generateKey();
    const QByteArray b = Base64Serializer::generateKey();
    QCOMPARE(a.size(), Base64Serializer::KeySize);
    QVERIFY(a != b);
    const Base64Serializer serializer(json(), Base64Serializer::Checksum::HmacSha256, a);
    QCOMPARE(serializer.checksum(), Base64Serializer::Checksum::HmacSha256);
    QVERIFY(serializer.innerSerializer());
    // The reference's key text is URL-safe Base64 of the 32 bytes.
    QCOMPARE(QByteArray::fromBase64(a.toBase64(QByteArray::Base64UrlEncoding),
                                    QByteArray::Base64UrlEncoding),
             a);
}

void tst_Base64Serializer::badTokens_data()
{
    const DataRows<QByteArray> rows {
        {"empty", QByteArray()},
        {"length 3", "e30"},
        {"length 5", "e30=e"},
        {"bad char", "e3!="},
        {"standard alphabet +", "+w=="},
        {"standard alphabet /", "/w=="},
        {"three pads", "e==="},
        {"pad first", "=e30"},
        {"pad inside", "e3=0"},
        {"pad then data", "e30=e30="},
        {"space", "e30= "},
        {"lf inside", "e3\n0"},
        {"cr", "e30=\r"},
        {"high byte", "e30\xff"},
        {"valid base64 of invalid JSON", b64("{bad")},
        {"valid base64 of nothing", b64("   ")},
    };
    addRows({"token"}, rows);
}

void tst_Base64Serializer::badTokens()
{
    QFETCH(QByteArray, token);
    const Base64Serializer serializer(json());
    ParseError error;
    QVERIFY(!serializer.deserialize(token, error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY(error.isRecoverable());
    QVERIFY(!error.message().isEmpty());
    if (token.contains('\r'))
        return; // not a single line on a stream
    const QByteArray good = serializer.incrementalSerialize(QVariantList {7});
    const DecodeResult result = decodeStream(serializer, good + token + "\r\n" + good, 1);
    verifyOneSkippedError(result, ParseError::Kind::Malformed, good.size(), token.size() + 2);
    QCOMPARE(result.packets.size(), 2);
}

void tst_Base64Serializer::checksumMismatch()
{
    const Base64Serializer serializer(json(), Base64Serializer::Checksum::Sha256);
    const QByteArray token = serializer.serialize(QVariantMap {{QStringLiteral("k"), 1}});
    QByteArray raw = QByteArray::fromBase64(token, QByteArray::Base64UrlEncoding);
    for (qsizetype i = 0; i < raw.size(); ++i) { // any flipped bit, in the data or the digest
        QByteArray damaged = raw;
        damaged[i] = char(damaged[i] ^ 0x04);
        ParseError error;
        QVERIFY(!serializer.deserialize(b64(damaged), error).isValid());
        QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        QVERIFY(error.message().contains(QLatin1StringView("checksum mismatch")));
    }
    // too short to hold a digest
    ParseError error;
    QVERIFY(!serializer.deserialize(b64("short"), error).isValid());
    QVERIFY(error.message().contains(QLatin1StringView("too short")));
}

void tst_Base64Serializer::innerErrorIsReported()
{
    const Base64Serializer serializer(json());
    ParseError error;
    QVERIFY(!serializer.deserialize(b64("[1,"), error).isValid());
    QCOMPARE(error.kind(), ParseError::Kind::Malformed);
    QVERIFY(error.message().startsWith(QLatin1StringView("in the decoded payload: not JSON")));
    // what the inner serializer refuses to write is refused here too
    QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.serialize(QByteArray("raw")));
}

void tst_Base64Serializer::bareLineFeedIsNotASeparator()
{
    // As the reference: only "\r\n" ends a token; "\n" inside one is invalid Base64.
    const Base64Serializer serializer(json());
    const DecodeResult result = decodeStream(serializer, "e30=\ne30=\r\nW10=\r\n");
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first().kind(), ParseError::Kind::Malformed);
    QCOMPARE(result.packets.size(), 1);
    QVERIFY(packetsEqual(result.packets.first(), QVariantList()));
}

void tst_Base64Serializer::limitAppliesToTheToken()
{
    const Base64Serializer serializer(json());
    // 90 characters: 92 bytes of JSON, a token of 124 bytes.
    const QByteArray token = serializer.incrementalSerialize(QString(90, QLatin1Char('x')));
    QCOMPARE(token.size(), 124 + 2);
    const QByteArray small = serializer.incrementalSerialize(1);
    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(50)}) {
        DecodeResult result = decodeStream(serializer, small + token + small, chunk, 100);
        QCOMPARE(result.errors.size(), 1);
        QCOMPARE(result.errors.first().kind(), ParseError::Kind::TooLarge);
        QVERIFY(result.errors.first().isRecoverable());
        QCOMPARE(result.packets.size(), 2);
        QVERIFY(result.maxBuffered <= 100 + qMax<qsizetype>(1, chunk) + small.size());
        result = decodeStream(serializer, small + token + small, chunk, 124);
        QVERIFY(result.errors.isEmpty());
        QCOMPARE(result.packets.size(), 3);
    }
}

void tst_Base64Serializer::garbageKeepsBufferBounded()
{
    const Base64Serializer serializer(json(), Base64Serializer::Checksum::Sha256);
    const qsizetype limit = 4096;
    const qsizetype chunk = 1000;
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(limit);
    QRandomGenerator random(11);
    const ChunkedFeed feed = feedChunks(*decoder, 3000, [&](int) { // 3 MB
        QByteArray bytes(chunk, Qt::Uninitialized);
        for (char &c : bytes) // Base64-looking garbage, with a separator now and then
            c = random.bounded(500) == 0 ? '\n' : "AZaz09-_=\r"[random.bounded(10)];
        return bytes;
    });
    QCOMPARE(feed.packets, 0);
    QVERIFY(feed.errors > 0);
    QVERIFY(feed.allRecoverable);
    QVERIFY2(feed.maxBuffered <= limit + chunk, qPrintable(QString::number(feed.maxBuffered)));
    decoder->feed("\r\n" + serializer.incrementalSerialize(QStringLiteral("ok")));
    QVariant packet;
    QCOMPARE(nextAfterErrors(*decoder, packet), StreamDecoder::Status::Packet);
    QCOMPARE(packet.toString(), QStringLiteral("ok"));
}

void tst_Base64Serializer::fuzzMutations()
{
    const Base64Serializer plain(json());
    const Base64Serializer checked(json(), Base64Serializer::Checksum::HmacSha256, testKey());
    const QVariantList packets = variedPackets(2048, false, false);
    QRandomGenerator random(1234);
    int accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        const Base64Serializer &serializer = (i % 2) ? checked : plain;
        QByteArray bytes = serializer.serialize(packets.at(random.bounded(int(packets.size()))));
        const int mutations = random.bounded(1, 4);
        for (int m = 0; m < mutations && !bytes.isEmpty(); ++m) {
            const qsizetype pos = random.bounded(int(bytes.size()));
            switch (random.bounded(4)) {
            case 0: bytes[pos] = char(random.bounded(256)); break;
            case 1: bytes[pos] = "AZaz09-_=+/"[random.bounded(11)]; break;
            case 2: bytes.truncate(pos); break;
            default: bytes.insert(pos, "AZaz09-_="[random.bounded(9)]); break;
            }
        }
        ParseError error;
        const QVariant value = serializer.deserialize(bytes, error);
        QCOMPARE(value.isValid(), !error.isError());
        if (error.isError())
            QCOMPARE(error.kind(), ParseError::Kind::Malformed);
        else
            ++accepted;
        const DecodeResult result = decodeStream(serializer, bytes + "\r\n", random.bounded(1, 30));
        QCOMPARE(result.packets.size() + result.errors.size(), bytes.count("\r\n") + 1);
    }
    QVERIFY(accepted < 3000);
}

QTEST_GUILESS_MAIN(tst_Base64Serializer)
#include "tst_base64serializer.moc"
