// Shared helpers of the protocol tests: the golden wire vectors, packet
// comparison that knows NaN and -0.0, and stream feeding in every split.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/streamprotocol.h>

#include <EasyNet/exceptions.h>

#include <QtCore/QEventLoop>
#include <QtCore/QFutureWatcher>
#include <QtCore/QJsonValue>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QTimer>
#include <QtCore/QVariant>

#include <memory>
#include <optional>

// A test whose real peer (a Debian program) is missing here skips with the
// reason; in CI (CI set), which installs .ci/debian-packages, it fails instead.
#define SKIP_UNLESS_CI(reason)                                                                     \
    do {                                                                                           \
        if (qEnvironmentVariableIsEmpty("CI"))                                                     \
            QSKIP(qPrintable(reason));                                                             \
        QFAIL(qPrintable(QStringLiteral("in CI: ") + (reason)));                                   \
    } while (false)

namespace EasyNetTest {

// One line of tests/data/wire/<format>.jsonl.
struct GoldenVector
{
    QString id;
    QString repr;
    QVariant packet; // the tagged JSON "packet", as a packet value
    bool representable = true; // false when packet holds an int outside [-2^63, 2^64)
    QByteArray wire; // wire_hex: stream bytes (empty with "error")
    QByteArray datagram; // datagram_hex
    std::optional<QVariantList> streamDecodesTo; // when not just [packet]
    std::optional<QVariant> datagramDecodesTo; // when not just packet
    QString error; // the reference refuses to serialize the packet
    QString streamDecodeError; // the reference fails to decode wire
    QString datagramDecodeError; // the reference fails to decode datagram
};

QString dataDir();

// The format most client tests use, UTF-8 lines ending in LF, and the
// protocols most client tests use: those lines, and JSON lines.
std::shared_ptr<EasyNet::AbstractIncrementalPacketSerializer> lineSerializer();
EasyNet::StreamProtocol lineProtocol();
EasyNet::StreamProtocol jsonProtocol();

QString tlsFile(const char *name); // a file of tests/data/tls
QList<GoldenVector> loadGoldenVectors(const QString &format); // e.g. "json"
// A column "index" and one row per golden vector of the format, named by its id.
void addGoldenVectorRows(const QString &format);

// The packet value of the vectors' tagged JSON: {"$tuple": [...]} -> QVariantList,
// {"$float": "1.5"} -> double, {"$int": "..."} -> qint64 / quint64 (or double when
// out of 64-bit range, with *representable = false), {"$bytes": hex} -> QByteArray,
// {"$dict": [[k, v], ...]} -> QCborMap (non-string keys), objects -> QVariantMap,
// integers -> qint64, null -> nullptr.
QVariant packetFromTaggedJson(const QJsonValue &value, bool *representable = nullptr);

// Deep equality of packets: integers of any width compare by value, but an
// integer never equals a double; NaN equals NaN; 0.0 and -0.0 differ.
bool packetsEqual(const QVariant &a, const QVariant &b);
QString describePacket(const QVariant &packet);

// Result of decoding a byte stream with a fresh decoder.
struct DecodeResult
{
    QVariantList packets;
    QList<EasyNet::ParseError> errors;
    qsizetype maxBuffered = 0; // the largest bufferedSize() seen between feeds
    bool broken = false;
};

// Feeds the bytes in pieces: chunkSize 0 = all at once, 1 = byte by byte, n = n at a
// time; splitAt >= 0 feeds [0, splitAt) then the rest. Drains next() after each piece.
DecodeResult decodeStream(EasyNet::StreamDecoder &decoder, QByteArrayView bytes,
                          qsizetype chunkSize = 0);
DecodeResult decodeStream(const EasyNet::AbstractIncrementalPacketSerializer &serializer,
                          QByteArrayView bytes, qsizetype chunkSize = 0,
                          qsizetype maxPacketSize
                          = EasyNet::AbstractIncrementalPacketSerializer::DefaultMaxPacketSize);
DecodeResult decodeStreamSplitAt(const EasyNet::AbstractIncrementalPacketSerializer &serializer,
                                 QByteArrayView bytes, qsizetype splitAt);

// Whether the decode gave exactly these packets and no error; *why says what differs.
bool samePackets(const QVariantList &expected, const DecodeResult &result, QString *why);

// The reference's bytes of a vector it could write decode to the vector's
// packet: the stream form whole, byte by byte and three bytes at a time, and the
// datagram form (QVERIFY inside; check QTest::currentTestFailed() after).
void verifyGoldenDecode(const EasyNet::AbstractIncrementalPacketSerializer &serializer,
                        const GoldenVector &vector);
// Whether the vector's packet is a map in a key order a QVariantMap cannot
// keep (it sorts its keys): the "key-order" vector, whose bytes need a QCborMap.
bool keyOrderDiffers(const GoldenVector &vector);
// Whether our value model holds the vector's packet exactly (an integer beyond
// 64 bits is a double here) and in its key order, so that we write its bytes.
bool holdsExactly(const GoldenVector &vector);

// The check of one golden vector that the text and wrapping serializers share:
// a packet the reference refuses is refused in both forms (returns empty);
// else the reference's bytes decode to the packet (verifyGoldenDecode()) and
// what we write, returned, decodes again to the same packet (QVERIFY inside;
// check QTest::currentTestFailed() after).
QByteArray verifyGoldenRoundTrip(const EasyNet::AbstractIncrementalPacketSerializer &serializer,
                                 const GoldenVector &vector);
// Every vector's stream bytes of a format, back to back, decode to all their
// packets in each chunking; with maxBufferedBeyondChunk >= 0 the decoder never
// holds more than that beyond one chunk.
void verifyGoldenStream(const EasyNet::AbstractIncrementalPacketSerializer &serializer,
                        const QString &format, const QList<qsizetype> &chunks,
                        qsizetype maxBufferedBeyondChunk = -1);

// The round trip every stream serializer must pass (QVERIFY inside; check
// QTest::currentTestFailed() after): the packets, framed one after another, decode
// to the same packets fed whole, byte by byte, in odd chunks, and each packet split
// at every boundary (sampled boundaries for packets over 4 KiB).
void verifyStreamRoundTrip(const EasyNet::AbstractIncrementalPacketSerializer &serializer,
                           const QVariantList &packets);

// A few hundred varied JSON-like packets (empty, unicode, nested, large close
// to sizeLimit), deterministic.
QVariantList variedPackets(qsizetype sizeLimit, bool withBytes, bool withNonStringKeys);

QByteArray fromHex(const QString &hex);

// Runs the event loop until the future is finished (or the timeout passed).
template<typename T>
bool finish(const QFuture<T> &future, int timeoutMs = 10000)
{
    if (future.isFinished())
        return true;
    QEventLoop loop;
    QFutureWatcher<T> watcher;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    // A timer that goes with this call: a singleShot() would stay registered
    // for its whole timeout, and thousands of waits would slow every pass.
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    if (!future.isFinished())
        loop.exec();
    return future.isFinished();
}

// Whether fn throws an Exception (and nothing else).
template<typename Exception, typename Fn>
bool throws(Fn &&fn)
{
    try {
        fn();
    } catch (const Exception &) {
        return true;
    } catch (...) {
        return false;
    }
    return false;
}

// Whether fn throws an Exception (and nothing else) carrying code.
template<typename Exception, typename Fn>
bool throwsWithCode(EasyNet::ErrorCode code, Fn &&fn)
{
    try {
        fn();
    } catch (const Exception &e) {
        return e.error().code() == code;
    } catch (...) {
        return false;
    }
    return false;
}

// A port of 127.0.0.1 that was free a moment ago, for tests that bind a client
// to a local port (type: SOCK_STREAM or SOCK_DGRAM).
quint16 freePort(int type);
// A socket bound to a free port of 127.0.0.1 (set in port), for the test's own
// servers; the test closes it.
int boundLoopbackSocket(int type, quint16 &port);

// Records a test failure unless the exception is of the class its code maps to
// (ConnectionRefused -> ConnectionRefusedError, ...).
void verifyExceptionClass(const EasyNet::Exception &exception);

// The ErrorCode a finished future failed with, or NoError; its exception's class
// is checked against the code (verifyExceptionClass()).
template<typename T>
EasyNet::ErrorCode failure(const QFuture<T> &future)
{
    try {
        QFuture<T>(future).waitForFinished();
    } catch (const EasyNet::Exception &e) {
        verifyExceptionClass(e);
        return e.error().code();
    }
    return EasyNet::ErrorCode::NoError;
}

// The error fn throws, NoError when it does not; the exception's class is
// checked (verifyExceptionClass()). For tests that drive both client forms.
template<typename Fn>
EasyNet::Error errorOf(Fn &&fn)
{
    try {
        fn();
    } catch (const EasyNet::Exception &e) {
        verifyExceptionClass(e);
        return e.error();
    }
    return EasyNet::Error();
}

// The error a future ends with (NoError on success), waiting for it in the
// event loop; a Timeout error if it does not finish.
template<typename T>
EasyNet::Error outcome(const QFuture<T> &future)
{
    if (!finish(future))
        return EasyNet::Error(EasyNet::ErrorCode::Timeout,
                              QStringLiteral("the test gave up waiting"));
    return errorOf([&] { QFuture<T>(future).waitForFinished(); });
}

} // namespace EasyNetTest
