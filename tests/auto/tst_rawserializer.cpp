// Tests of RawSerializer: datagrams are packets; on a stream each next()
// returns whatever is buffered (at most maxPacketSize).
#include <EasyNet/exceptions.h>
#include <EasyNet/rawserializer.h>

#include "serializertestsupport.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

using namespace EasyNet;
using namespace EasyNetTest;

class tst_RawSerializer : public QObject
{
    Q_OBJECT

private slots:
    void datagrams();
    void stringsAreUtf8();
    void refusals();
    void streamReturnsWhatIsBuffered();
    void streamSplitsAtLimit();
    void streamPreservesBytes();
    void bufferedSizeBounded();
};

void tst_RawSerializer::datagrams()
{
    const RawSerializer serializer;
    QRandomGenerator random(8);
    for (int i = 0; i < 2000; ++i) {
        const QByteArray bytes = randomBytes(random, random.bounded(300));
        QCOMPARE(serializer.serialize(bytes), bytes);
        QCOMPARE(serializer.incrementalSerialize(bytes), bytes);
        verifyDatagramIsTheBytes(serializer, bytes);
        if (QTest::currentTestFailed())
            return;
    }
    ParseError error;
    const QVariant empty = serializer.deserialize(QByteArrayView(), error);
    QVERIFY(empty.isValid());
    QCOMPARE(empty.toByteArray(), QByteArray());
}

void tst_RawSerializer::stringsAreUtf8()
{
    const RawSerializer serializer;
    const QString text = QString::fromUtf8("h\u00e9llo \U0001F389");
    QCOMPARE(serializer.serialize(text), text.toUtf8());
    QCOMPARE(serializer.incrementalSerialize(text), text.toUtf8());
    // Received packets are always bytes.
    ParseError error;
    QCOMPARE(serializer.deserialize(serializer.serialize(text), error).typeId(),
             QMetaType::QByteArray);
}

void tst_RawSerializer::refusals()
{
    const RawSerializer serializer;
    for (const QVariant &packet :
         {QVariant(), QVariant(1), QVariant(1.5), QVariant(QVariantList {}),
          QVariant(QStringList {QStringLiteral("a")})}) {
        QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.serialize(packet));
        QVERIFY_THROWS_EXCEPTION(SerializeError, serializer.incrementalSerialize(packet));
    }
}

void tst_RawSerializer::streamReturnsWhatIsBuffered()
{
    const RawSerializer serializer;
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder();
    QVariant packet;
    ParseError error;
    QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::NeedMoreData);
    // Two packets sent back to back arrive as one.
    decoder->feed(serializer.incrementalSerialize(QByteArray("abc")));
    decoder->feed(serializer.incrementalSerialize(QByteArray("def")));
    QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::Packet);
    QCOMPARE(packet.toByteArray(), QByteArray("abcdef"));
    QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::NeedMoreData);
    // An empty packet sends nothing.
    QVERIFY(serializer.incrementalSerialize(QByteArray()).isEmpty());
    decoder->feed(QByteArray("g"));
    QCOMPARE(decoder->next(packet, error), StreamDecoder::Status::Packet);
    QCOMPARE(packet.toByteArray(), QByteArray("g"));
    QCOMPARE(decoder->streamPosition(), 7);
    QCOMPARE(decoder->endOfStream().kind(), ParseError::Kind::NoError);
}

void tst_RawSerializer::streamSplitsAtLimit()
{
    const RawSerializer serializer;
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(4096);
    QByteArray bytes(10000, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char(i * 7);
    decoder->feed(bytes);
    QVariant packet;
    ParseError error;
    QList<qsizetype> sizes;
    QByteArray joined;
    while (decoder->next(packet, error) == StreamDecoder::Status::Packet) {
        sizes.append(packet.toByteArray().size());
        joined += packet.toByteArray();
    }
    QCOMPARE(sizes, (QList<qsizetype> {4096, 4096, 1808}));
    QCOMPARE(joined, bytes);
}

void tst_RawSerializer::streamPreservesBytes()
{
    // Whatever the chunking, the packets concatenated are the stream, each at most the limit.
    const RawSerializer serializer;
    QRandomGenerator random(77);
    for (int i = 0; i < 2000; ++i) {
        const QByteArray bytes = randomBytes(random, random.bounded(2000));
        const qsizetype limit = random.bounded(1, 500);
        const DecodeResult result = decodeStream(serializer, bytes, random.bounded(0, 300), limit);
        QVERIFY(result.errors.isEmpty());
        QByteArray joined;
        for (const QVariant &packet : result.packets) {
            QVERIFY(!packet.toByteArray().isEmpty());
            QVERIFY(packet.toByteArray().size() <= limit);
            joined += packet.toByteArray();
        }
        QCOMPARE(joined, bytes);
        QCOMPARE(result.maxBuffered, 0);
    }
}

void tst_RawSerializer::bufferedSizeBounded()
{
    const RawSerializer serializer;
    const QByteArray stream(8 * 1024 * 1024, 'r');
    const DecodeResult result = decodeStream(serializer, stream, 65536);
    QCOMPARE(result.maxBuffered, 0);
    QCOMPARE(result.packets.size(), 128);
}

QTEST_GUILESS_MAIN(tst_RawSerializer)
#include "tst_rawserializer.moc"
