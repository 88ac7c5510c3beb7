// Helpers of the serializer tests: golden-vector rows, the golden vector
// of the current row and its checks, random bytes, the checks of a bytes
// datagram and of an oversized frame, and feeding a decoder chunk after chunk.
#pragma once

#include "testrows.h"
#include "testsupport.h"

#include <QtCore/QCborMap>
#include <QtCore/QRandomGenerator>
#include <QtCore/QStringList>
#include <QtTest/QTest>

#include <vector>

namespace EasyNetTest {

// Columns "format" and "index" and a row per golden vector of each format, named
// "format/id"; each format has at least minimum vectors.
inline void addGoldenVectorRows(const QStringList &formats, qsizetype minimum)
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("index");
    for (const QString &format : formats) {
        const QList<GoldenVector> vectors = loadGoldenVectors(format);
        QVERIFY(vectors.size() >= minimum);
        for (int i = 0; i < vectors.size(); ++i)
            QTest::addRow("%s/%s", qPrintable(format), qPrintable(vectors.at(i).id)) << format << i;
    }
}

// The golden vector of the current row of a test whose rows addGoldenVectorRows() made.
inline GoldenVector currentGoldenVector(const QString &format)
{
    QFETCH(int, index);
    return loadGoldenVectors(format).at(index);
}

// verifyGoldenRoundTrip() of the current row's golden vector.
struct GoldenRoundTrip
{
    GoldenVector vector;
    QByteArray ours; // what we wrote; empty when the reference refuses it too, or a check failed
};
inline GoldenRoundTrip
verifyCurrentGoldenRoundTrip(const EasyNet::AbstractIncrementalPacketSerializer &serializer,
                             const QString &format)
{
    GoldenRoundTrip result {currentGoldenVector(format), {}};
    result.ours = verifyGoldenRoundTrip(serializer, result.vector);
    if (QTest::currentTestFailed())
        result.ours.clear();
    return result;
}

// The format's vectors of a map in a key order a QVariantMap cannot keep (keyOrderDiffers()).
inline QList<GoldenVector> keyOrderVectors(const QString &format)
{
    QList<GoldenVector> vectors = loadGoldenVectors(format);
    vectors.removeIf([](const GoldenVector &vector) { return !keyOrderDiffers(vector); });
    return vectors;
}

// The packet of the "key-order" vector, {'z': 1, 'a': 2, 'm': 3}, in the
// reference's order (only a QCborMap keeps it).
inline QCborMap keyOrderPacket()
{
    QCborMap map;
    map.insert(QStringLiteral("z"), 1);
    map.insert(QStringLiteral("a"), 2);
    map.insert(QStringLiteral("m"), 3);
    return map;
}

// Byte for byte, where our value model holds the packet exactly and in order:
// ours (what we wrote on a stream) and our datagram are the reference's.
inline void verifyGoldenBytes(const EasyNet::AbstractPacketSerializer &serializer,
                              const GoldenVector &vector, const QByteArray &ours)
{
    if (!holdsExactly(vector))
        return;
    QCOMPARE(ours, vector.wire);
    QCOMPARE(serializer.serialize(vector.packet), vector.datagram);
}

// size bytes of any value.
inline QByteArray randomBytes(QRandomGenerator &random, qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &c : bytes)
        c = char(random.bounded(256));
    return bytes;
}

// A datagram of any bytes is a packet of exactly those bytes (QVERIFY inside).
inline void verifyDatagramIsTheBytes(const EasyNet::AbstractPacketSerializer &serializer,
                                     const QByteArray &bytes)
{
    EasyNet::ParseError error;
    const QVariant packet = serializer.deserialize(bytes, error);
    QVERIFY(!error.isError());
    QCOMPARE(packet.typeId(), QMetaType::QByteArray);
    QCOMPARE(packet.toByteArray(), bytes);
}

// The decoder, fed a header of headerSize bytes at offset that announces a
// frame of announced bytes over its limit, refuses it (a recoverable TooLarge
// error); then fed those bytes chunk after chunk, drops each as it arrives and
// buffers nothing (QCOMPARE inside; check QTest::currentTestFailed() after).
inline void verifyOversizedFrameDropped(EasyNet::StreamDecoder &decoder, qint64 offset,
                                        qint64 headerSize, qint64 announced,
                                        const QByteArray &chunk)
{
    QVariant packet;
    EasyNet::ParseError error;
    QCOMPARE(decoder.next(packet, error), EasyNet::StreamDecoder::Status::Error);
    QCOMPARE(error.kind(), EasyNet::ParseError::Kind::TooLarge);
    QCOMPARE(error.offset(), offset);
    QCOMPARE(error.size(), headerSize + announced);
    QVERIFY(error.isRecoverable());
    for (qint64 fed = 0; fed < announced; fed += chunk.size()) {
        decoder.feed(chunk);
        QCOMPARE(decoder.next(packet, error), EasyNet::StreamDecoder::Status::NeedMoreData);
        QCOMPARE(decoder.bufferedSize(), 0);
    }
}

// The decode met one error, a recoverable one of that kind over size bytes at
// offset, and went on (QCOMPARE inside).
inline void verifyOneSkippedError(const DecodeResult &result, EasyNet::ParseError::Kind kind,
                                  qint64 offset, qint64 size)
{
    QCOMPARE(result.errors.size(), 1);
    const EasyNet::ParseError &error = result.errors.first();
    QCOMPARE(error.kind(), kind);
    QVERIFY(error.isRecoverable());
    QCOMPARE(error.offset(), offset);
    QCOMPARE(error.size(), size);
}

// What one decoder gave while fed chunk after chunk.
struct ChunkedFeed
{
    int packets = 0;
    int errors = 0;
    bool allRecoverable = true;
    qsizetype maxBuffered = 0; // the largest bufferedSize() after a chunk was drained
};

// Feeds rounds chunks, nextChunk(round) each, taking all the decoder has after each.
template<typename NextChunk>
ChunkedFeed feedChunks(EasyNet::StreamDecoder &decoder, int rounds, NextChunk &&nextChunk)
{
    ChunkedFeed feed;
    for (int round = 0; round < rounds; ++round) {
        decoder.feed(nextChunk(round));
        QVariant packet;
        EasyNet::ParseError error;
        for (;;) {
            const EasyNet::StreamDecoder::Status status = decoder.next(packet, error);
            if (status == EasyNet::StreamDecoder::Status::NeedMoreData)
                break;
            if (status == EasyNet::StreamDecoder::Status::Packet) {
                ++feed.packets;
            } else {
                ++feed.errors;
                feed.allRecoverable = feed.allRecoverable && error.isRecoverable();
            }
        }
        feed.maxBuffered = qMax(feed.maxBuffered, decoder.bufferedSize());
    }
    return feed;
}

// The decoder's next status that is not an error (packet holds the packet).
inline EasyNet::StreamDecoder::Status nextAfterErrors(EasyNet::StreamDecoder &decoder,
                                                      QVariant &packet)
{
    EasyNet::ParseError error;
    EasyNet::StreamDecoder::Status status;
    while ((status = decoder.next(packet, error)) == EasyNet::StreamDecoder::Status::Error) { }
    return status;
}

} // namespace EasyNetTest
