// Tests of LengthPrefixedSerializer: framing for each header width, limits,
// oversized frames skipped without buffering, garbage.
#include <EasyNet/exceptions.h>
#include <EasyNet/lengthprefixedserializer.h>

#include "serializertestsupport.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

using namespace EasyNet;
using namespace EasyNetTest;

Q_DECLARE_METATYPE(EasyNet::LengthPrefixedSerializer::HeaderSize)

namespace {

QByteArray header(int width, quint64 length)
{
    QByteArray bytes;
    for (int shift = 8 * (width - 1); shift >= 0; shift -= 8)
        bytes.append(char((length >> shift) & 0xff));
    return bytes;
}

} // namespace

class tst_LengthPrefixedSerializer : public QObject
{
    Q_OBJECT

private slots:
    void framing_data();
    void framing();
    void refusesNonBytes();
    void refusesTooLongForHeader();
    void severalPacketsPerChunk();
    void truncated();
    void oversizedSkippedAndResynchronised_data();
    void oversizedSkippedAndResynchronised();
    void oneGigabyteHeaderNeverAllocated();
    void garbage();
    void bufferedSizeBounded();
};

void tst_LengthPrefixedSerializer::framing_data()
{
    using H = LengthPrefixedSerializer::HeaderSize;
    const DataRows<H, QByteArray, QByteArray> rows {
        {"u8-abc", H::UInt8, "abc", QByteArray("\x03") + "abc"},
        {"u8-empty", H::UInt8, QByteArray(), QByteArray("\x00", 1)},
        {"u16-abc", H::UInt16, "abc", QByteArray("\x00\x03", 2) + "abc"},
        {"u32-abc", H::UInt32, "abc", QByteArray("\x00\x00\x00\x03", 4) + "abc"},
        {"u32-empty", H::UInt32, QByteArray(), QByteArray(4, '\0')},
        {"u16-300", H::UInt16, QByteArray(300, 'z'),
         QByteArray("\x01\x2c", 2) + QByteArray(300, 'z')},
        {"u32-70000", H::UInt32, QByteArray(70000, 'q'),
         QByteArray("\x00\x01\x11\x70", 4) + QByteArray(70000, 'q')},
    };
    addRows({"headerSize", "payload", "wire"}, rows);
}

void tst_LengthPrefixedSerializer::framing()
{
    QFETCH(LengthPrefixedSerializer::HeaderSize, headerSize);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, wire);
    const LengthPrefixedSerializer serializer(headerSize);
    QCOMPARE(serializer.incrementalSerialize(payload), wire);
    QCOMPARE(serializer.serialize(payload), payload);
    verifyDatagramIsTheBytes(serializer, payload);
    if (QTest::currentTestFailed())
        return;

    const DecodeResult result = decodeStream(serializer, wire, 0, 1 << 20);
    QVERIFY(result.errors.isEmpty());
    QCOMPARE(result.packets.size(), 1);
    QCOMPARE(result.packets.first().typeId(), QMetaType::QByteArray);
    QCOMPARE(result.packets.first().toByteArray(), payload);
}

void tst_LengthPrefixedSerializer::refusesNonBytes()
{
    const LengthPrefixedSerializer serializer;
    for (const QVariant &packet : {QVariant(QStringLiteral("text")), QVariant(qint64(1)),
                                   QVariant(), QVariant(QVariantList {QByteArray("a")})}) {
        QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.serialize(packet));
        QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.incrementalSerialize(packet));
    }
    try {
        serializer.serialize(QStringLiteral("x"));
    } catch (const SerializeError &e) {
        QVERIFY2(e.message().contains(QLatin1StringView("QByteArray")), qPrintable(e.message()));
        QCOMPARE(e.error().code(), ErrorCode::SerializeError);
    }
}

void tst_LengthPrefixedSerializer::refusesTooLongForHeader()
{
    const LengthPrefixedSerializer u8(LengthPrefixedSerializer::HeaderSize::UInt8);
    QCOMPARE(u8.maxEncodableSize(), 255u);
    QCOMPARE(u8.incrementalSerialize(QByteArray(255, 'a')).size(), 256);
    QVERIFY_THROWS_EXCEPTION(SerializeError, u8.incrementalSerialize(QByteArray(256, 'a')));
    // A datagram has no header, hence no such limit.
    QCOMPARE(u8.serialize(QByteArray(256, 'a')).size(), 256);

    const LengthPrefixedSerializer u16(LengthPrefixedSerializer::HeaderSize::UInt16);
    QCOMPARE(u16.maxEncodableSize(), 65535u);
    QCOMPARE(u16.incrementalSerialize(QByteArray(65535, 'a')).size(), 65537);
    QVERIFY_THROWS_EXCEPTION(SerializeError, u16.incrementalSerialize(QByteArray(65536, 'a')));

    const LengthPrefixedSerializer u32;
    QCOMPARE(u32.maxEncodableSize(), 4294967295u);
    QCOMPARE(u32.headerBytes(), 4);
}

void tst_LengthPrefixedSerializer::severalPacketsPerChunk()
{
    const LengthPrefixedSerializer serializer(LengthPrefixedSerializer::HeaderSize::UInt16);
    QByteArray stream;
    for (int i = 0; i < 50; ++i)
        stream += serializer.incrementalSerialize(QByteArray(i, char('a' + i % 26)));
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder();
    decoder->feed(stream);
    QVariant packet;
    ParseError error;
    for (int i = 0; i < 50; ++i) {
        QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::Packet);
        QCOMPARE(packet.toByteArray(), QByteArray(i, char('a' + i % 26)));
    }
    QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::NeedMoreData);
    QCOMPARE(decoder->bufferedSize(), 0);
    QCOMPARE(decoder->streamPosition(), stream.size());
}

void tst_LengthPrefixedSerializer::truncated()
{
    const LengthPrefixedSerializer serializer;
    const QByteArray frame = serializer.incrementalSerialize(QByteArray("0123456789"));
    for (qsizetype cut = 1; cut < frame.size(); ++cut) {
        const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder();
        const DecodeResult result = decodeStream(*decoder, frame.first(cut), 1);
        QVERIFY(result.packets.isEmpty());
        QVERIFY(result.errors.isEmpty());
        const ParseError error = decoder->endOfStream();
        QCOMPARE(error.kind(), ParseError::Kind::Truncated);
        QCOMPARE(error.offset(), 0);
        QCOMPARE(error.size(), cut);
        QVERIFY(decoder->isBroken());
    }
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder();
    decodeStream(*decoder, frame);
    QCOMPARE(decoder->endOfStream().kind(), ParseError::Kind::NoError);
}

void tst_LengthPrefixedSerializer::oversizedSkippedAndResynchronised_data()
{
    QTest::addColumn<LengthPrefixedSerializer::HeaderSize>("headerSize");
    QTest::addColumn<qsizetype>("limit");
    QTest::addColumn<qsizetype>("oversized");
    using H = LengthPrefixedSerializer::HeaderSize;
    QTest::newRow("u8") << H::UInt8 << qsizetype(100) << qsizetype(200);
    QTest::newRow("u16") << H::UInt16 << qsizetype(1000) << qsizetype(1001);
    QTest::newRow("u32") << H::UInt32 << qsizetype(65536) << qsizetype(300000);
}

void tst_LengthPrefixedSerializer::oversizedSkippedAndResynchronised()
{
    QFETCH(LengthPrefixedSerializer::HeaderSize, headerSize);
    QFETCH(qsizetype, limit);
    QFETCH(qsizetype, oversized);
    const LengthPrefixedSerializer serializer(headerSize);
    const int width = serializer.headerBytes();
    // The oversized payload holds bytes that look like headers: they must never be read as such.
    QByteArray oversizedPayload;
    while (oversizedPayload.size() < oversized)
        oversizedPayload += serializer.incrementalSerialize(QByteArray("x"));
    oversizedPayload.truncate(oversized);
    const QByteArray before = serializer.incrementalSerialize(QByteArray("before"));
    const QByteArray after = serializer.incrementalSerialize(QByteArray("after"));
    const QByteArray stream = before + header(width, quint64(oversized)) + oversizedPayload + after;

    for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(7), qsizetype(4096)}) {
        const DecodeResult result = decodeStream(serializer, stream, chunk, limit);
        verifyOneSkippedError(result, ParseError::Kind::TooLarge, before.size(), width + oversized);
        QCOMPARE(result.packets.size(), 2);
        QCOMPARE(result.packets.at(0).toByteArray(), QByteArray("before"));
        QCOMPARE(result.packets.at(1).toByteArray(), QByteArray("after"));
        QVERIFY(!result.broken);
        if (chunk > 0)
            QVERIFY2(result.maxBuffered <= width + limit + chunk,
                     qPrintable(QString::number(result.maxBuffered)));
    }

    // A frame of exactly the limit is fine.
    const DecodeResult exact = decodeStream(
        serializer, serializer.incrementalSerialize(QByteArray(limit, 'e')), 0, limit);
    QVERIFY(exact.errors.isEmpty());
    QCOMPARE(exact.packets.size(), 1);
}

void tst_LengthPrefixedSerializer::oneGigabyteHeaderNeverAllocated()
{
    const LengthPrefixedSerializer serializer;
    const qsizetype announced = qsizetype(1) << 30;
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder();
    decoder->feed(header(4, quint64(announced)));
    // Then the whole gigabyte: it is dropped as it arrives, never buffered.
    verifyOversizedFrameDropped(*decoder, 0, 4, announced, QByteArray(1 << 20, '\x7f'));
    if (QTest::currentTestFailed())
        return;
    decoder->feed(serializer.incrementalSerialize(QByteArray("resync")));
    QVariant packet;
    ParseError error;
    QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::Packet);
    QCOMPARE(packet.toByteArray(), QByteArray("resync"));
    QCOMPARE(decoder->streamPosition(), 4 + announced + 4 + 6);
}

void tst_LengthPrefixedSerializer::garbage()
{
    QRandomGenerator random(1234);
    for (const auto headerSize :
         {LengthPrefixedSerializer::HeaderSize::UInt8, LengthPrefixedSerializer::HeaderSize::UInt16,
          LengthPrefixedSerializer::HeaderSize::UInt32}) {
        const LengthPrefixedSerializer serializer(headerSize);
        for (int i = 0; i < 2000; ++i) {
            const QByteArray bytes = randomBytes(random, random.bounded(600));
            const qsizetype limit = random.bounded(1, 300);
            const qsizetype chunk = random.bounded(0, 50);
            const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(limit);
            const DecodeResult result = decodeStream(*decoder, bytes, chunk);
            for (const ParseError &error : result.errors) {
                QCOMPARE(error.kind(), ParseError::Kind::TooLarge);
                QVERIFY(error.isRecoverable());
            }
            for (const QVariant &packet : result.packets)
                QVERIFY(packet.toByteArray().size() <= limit);
            QVERIFY(!result.broken);
            QVERIFY(result.maxBuffered
                        <= serializer.headerBytes() + limit + qMax<qsizetype>(chunk, 1)
                    || chunk == 0);
            decoder->endOfStream();

            ParseError error;
            QCOMPARE(serializer.deserialize(bytes, error).toByteArray(), bytes);
            QVERIFY(!error.isError());
        }
    }
}

void tst_LengthPrefixedSerializer::bufferedSizeBounded()
{
    const LengthPrefixedSerializer serializer;
    const qsizetype limit = 4096;
    QRandomGenerator random(99);
    QByteArray stream;
    int expectedPackets = 0;
    int expectedErrors = 0;
    while (stream.size() < 4 * 1024 * 1024) {
        if (random.bounded(10) == 0) {
            const qsizetype size = random.bounded(limit + 1, 100000);
            stream += header(4, quint64(size)) + randomBytes(random, size);
            ++expectedErrors;
        } else {
            stream
                += serializer.incrementalSerialize(randomBytes(random, random.bounded(limit + 1)));
            ++expectedPackets;
        }
    }
    const qsizetype chunk = 65536;
    const DecodeResult result = decodeStream(serializer, stream, chunk, limit);
    QCOMPARE(result.packets.size(), expectedPackets);
    QCOMPARE(result.errors.size(), expectedErrors);
    QVERIFY2(result.maxBuffered <= 4 + limit + chunk,
             qPrintable(QString::number(result.maxBuffered)));
}

QTEST_GUILESS_MAIN(tst_LengthPrefixedSerializer)
#include "tst_lengthprefixedserializer.moc"
