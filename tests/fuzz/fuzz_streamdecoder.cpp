// libFuzzer target for one serializer format's StreamDecoder and datagram
// deserialize(). Compiled once per format, with EASYNET_FUZZ_FORMAT_<NAME> defined
// (and EASYNET_FUZZ_FORMAT_NAME its name): see CMakeLists.txt.
//
// Input layout:
//   byte 0: options: bit 0-1 format variant (separator, header size...), bit 2-3
//           maxPacketSize (64, 300, 4096, 64 KiB), bit 4 feed through
//           prepareWrite()/commitWrite() instead of feed(), bit 5 call
//           endOfStream() at the end
//   byte 1: chunking seed: 0 = the whole stream in one piece, else pieces of
//           pseudo-random sizes from 1 to (seed % 64) + 1 (seed > 127: up to 1024)
//   rest:   the stream bytes (and, whole, one datagram)
//
// Checked on every input: no crash / sanitizer report / Qt assertion, after each
// piece is drained bufferedSize() <= maxPacketSize + piece size + framing
// overhead, every next() call makes progress (a bounded number of results per
// piece), error values are consistent (offset within the stream, kind set); for
// JSON, the simdjson reader and the Qt-based fallback reader agree, the
// stream in pieces (lines parsed in batches) gives what it gives byte by byte,
// and the gadget decoder (into FuzzPacket) gives the map path's packets and
// errors.
#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/streamdecoder.h>

#if defined(EASYNET_FUZZ_FORMAT_LINE)
#include <EasyNet/lineserializer.h>
#elif defined(EASYNET_FUZZ_FORMAT_JSON)
#include <EasyNet/jsonserializer.h>

#include <EasyNet/gadgetconverter.h>
#include <EasyNet/streamprotocol.h>

#include "fuzzpacket.h"
#include "maponlyconverter.h"
#include "serializers/jsonfallbackreader_p.h" // the differential checks below
#elif defined(EASYNET_FUZZ_FORMAT_BASE64)
#include <EasyNet/base64serializer.h>
#include <EasyNet/jsonserializer.h>
#elif defined(EASYNET_FUZZ_FORMAT_ZLIB)
#include <EasyNet/jsonserializer.h>
#include <EasyNet/zlibserializer.h>
#elif defined(EASYNET_FUZZ_FORMAT_CBOR)
#include <EasyNet/cborserializer.h>
#elif defined(EASYNET_FUZZ_FORMAT_MSGPACK)
#include <EasyNet/msgpackserializer.h>
#elif defined(EASYNET_FUZZ_FORMAT_LENGTHPREFIXED)
#include <EasyNet/lengthprefixedserializer.h>
#elif defined(EASYNET_FUZZ_FORMAT_STRUCT)
#include <EasyNet/structserializer.h>
#elif defined(EASYNET_FUZZ_FORMAT_DATASTREAM)
#include <EasyNet/datastreamserializer.h>
#else
#error "define one EASYNET_FUZZ_FORMAT_<NAME>"
#endif

#include <QtCore/QtGlobal>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

using namespace EasyNet;

namespace {

using SerializerPtr = std::shared_ptr<const AbstractIncrementalPacketSerializer>;

// Bytes a decoder may hold beyond maxPacketSize for framing (a length header, a
// CRLF separator, a partial Base64 quantum...), on top of the last piece fed.
constexpr qsizetype FramingOverhead = 16;

[[noreturn]] void fail(const char *what, qsizetype a = 0, qsizetype b = 0)
{
    std::fprintf(stderr, "easynet fuzz (%s): %s (%lld, %lld)\n", EASYNET_FUZZ_FORMAT_NAME, what,
                 static_cast<long long>(a), static_cast<long long>(b));
    std::abort();
}

#define FUZZ_CHECK(condition, a, b)                                                                \
    do {                                                                                           \
        if (!(condition))                                                                          \
            fail("check failed: " #condition, (a), (b));                                           \
    } while (false)

// The serializers of this format, indexed by the variant bits of the options byte.
std::array<SerializerPtr, 4> makeSerializers()
{
#if defined(EASYNET_FUZZ_FORMAT_LINE)
    using S = LineSerializer;
    return {std::make_shared<S>(S::Separator::LF, S::Encoding::Ascii),
            std::make_shared<S>(S::Separator::LF, S::Encoding::Utf8, true),
            std::make_shared<S>(S::Separator::CRLF, S::Encoding::Utf8),
            std::make_shared<S>(S::Separator::CR, S::Encoding::Latin1)};
#elif defined(EASYNET_FUZZ_FORMAT_JSON)
    const auto json = std::make_shared<JsonSerializer>();
    return {json, json, json, json};
#elif defined(EASYNET_FUZZ_FORMAT_BASE64)
    using S = Base64Serializer;
    const auto json = std::make_shared<JsonSerializer>();
    return {std::make_shared<S>(json), std::make_shared<S>(json, S::Checksum::Sha256),
            std::make_shared<S>(json, S::Checksum::HmacSha256, QByteArray(S::KeySize, 'k')),
            std::make_shared<S>(json)};
#elif defined(EASYNET_FUZZ_FORMAT_ZLIB)
    // Datagrams inflate to 1 MiB at most here, so that a small "zip bomb" input
    // does not slow the fuzzer down to a crawl (the default is 16 MiB).
    const auto zlib = std::make_shared<ZlibSerializer>(
        std::make_shared<JsonSerializer>(), ZlibSerializer::DefaultCompressionLevel, 1024 * 1024);
    return {zlib, zlib, zlib, zlib};
#elif defined(EASYNET_FUZZ_FORMAT_CBOR)
    const auto cbor = std::make_shared<CborSerializer>();
    return {cbor, cbor, cbor, cbor};
#elif defined(EASYNET_FUZZ_FORMAT_MSGPACK)
    const auto msgpack = std::make_shared<MsgPackSerializer>();
    return {msgpack, msgpack, msgpack, msgpack};
#elif defined(EASYNET_FUZZ_FORMAT_LENGTHPREFIXED)
    using S = LengthPrefixedSerializer;
    return {std::make_shared<S>(S::HeaderSize::UInt8), std::make_shared<S>(S::HeaderSize::UInt16),
            std::make_shared<S>(S::HeaderSize::UInt32), std::make_shared<S>(S::HeaderSize::UInt32)};
#elif defined(EASYNET_FUZZ_FORMAT_STRUCT)
    // The golden vectors' format (int32, int64, float64, network order), and a
    // smaller one with every other field kind the format strings allow.
    SerializerPtr iqd = StructSerializer::fromFormat(u"!iqd");
    SerializerPtr mixed = StructSerializer::fromFormat(u">bBhHIQf?");
    if (!iqd || !mixed)
        fail("StructSerializer::fromFormat refused the fuzz formats");
    return {iqd, mixed, iqd, mixed};
#elif defined(EASYNET_FUZZ_FORMAT_DATASTREAM)
    const auto datastream = std::make_shared<DataStreamSerializer>();
    return {datastream, datastream, datastream, datastream};
#endif
}

// A small deterministic generator for the piece sizes.
class PieceSizes
{
public:
    explicit PieceSizes(uint8_t seed)
        : m_state(0x9e3779b9u ^ seed)
        , m_max(seed == 0        ? 0
                    : seed > 127 ? 1024
                                 : seed % 64 + 1)
    {
    }
    qsizetype next(qsizetype remaining)
    {
        if (m_max == 0)
            return remaining;
        m_state ^= m_state << 13;
        m_state ^= m_state >> 17;
        m_state ^= m_state << 5;
        return qMin<qsizetype>(remaining, 1 + qsizetype(m_state % uint32_t(m_max)));
    }

private:
    uint32_t m_state;
    qsizetype m_max;
};

void checkError(const ParseError &error, qint64 streamEnd)
{
    FUZZ_CHECK(error.isError(), 0, 0);
    FUZZ_CHECK(error.offset() >= 0 && error.offset() <= streamEnd, error.offset(), streamEnd);
    FUZZ_CHECK(error.size() >= 0, error.size(), 0);
}

#if defined(EASYNET_FUZZ_FORMAT_JSON)
// One result of next(), as the differential check below compares them: a
// packet's JSON text, or an error's kind and offset (how much of an over-long
// line is known when it is reported depends on how it arrived).
QByteArray describe(StreamDecoder::Status status, const QVariant &packet, const ParseError &error)
{
    if (status == StreamDecoder::Status::Packet)
        return JsonSerializer::toJson(packet);
    return QByteArray::number(int(error.kind())) + '@' + QByteArray::number(error.offset());
}

// The results of the stream fed one byte at a time, when no two lines are ever
// buffered together (so each line is parsed alone, never in a batch).
QList<QByteArray> decodeByteByByte(const AbstractIncrementalPacketSerializer &serializer,
                                   QByteArrayView stream, qsizetype maxPacketSize)
{
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(maxPacketSize);
    QList<QByteArray> results;
    for (const char byte : stream) {
        decoder->feed(QByteArrayView(&byte, 1));
        QVariant packet;
        ParseError error;
        for (StreamDecoder::Status status;
             (status = decoder->next(packet, error)) != StreamDecoder::Status::NeedMoreData;) {
            results.append(describe(status, packet, error));
        }
    }
    return results;
}

// The results of the stream received as FuzzPacket gadgets, fed whole (lines
// parsed in batches) or byte by byte (each alone). The packets are described
// at the end, so that one changed by a later packet shows.
QList<QByteArray> receiveGadgets(const StreamProtocol &protocol, QByteArrayView stream,
                                 qsizetype maxPacketSize, bool byteByByte)
{
    StreamReceiver receiver = protocol.createReceiver(maxPacketSize);
    QList<QByteArray> results; // null for a packet, described below
    QVariantList packets;
    const qsizetype piece = byteByByte ? 1 : qMax<qsizetype>(1, stream.size());
    for (qsizetype fed = 0; fed < stream.size() && !receiver.isBroken(); fed += piece) {
        receiver.feed(stream.sliced(fed, qMin(piece, stream.size() - fed)));
        QVariant packet;
        ParseError error;
        for (StreamDecoder::Status status;
             (status = receiver.next(packet, error)) != StreamDecoder::Status::NeedMoreData;) {
            packets.append(packet);
            results.append(status == StreamDecoder::Status::Packet
                               ? QByteArray()
                               : describe(status, packet, error) + ' ' + error.message().toUtf8());
        }
    }
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (results[i].isNull())
            results[i] = describe(StreamDecoder::Status::Packet, packets[i], ParseError());
    }
    return results;
}
#endif

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const std::array<SerializerPtr, 4> serializers = makeSerializers();
    static const qsizetype packetSizes[] = {64, 300, 4096, 64 * 1024};

    if (size < 2)
        return 0;
    const uint8_t options = data[0];
    PieceSizes pieces(data[1]);
    const QByteArrayView stream(reinterpret_cast<const char *>(data) + 2, qsizetype(size) - 2);

    const AbstractIncrementalPacketSerializer &serializer = *serializers[options & 3];
    const qsizetype maxPacketSize = packetSizes[(options >> 2) & 3];
    const bool zeroCopy = options & 0x10;
    const bool endOfStream = options & 0x20;

    // Datagram: the whole stream as one datagram.
    {
        ParseError error;
        const QVariant packet = serializer.deserialize(stream, error);
        FUZZ_CHECK(packet.isValid() != error.isError(), packet.isValid(), error.isError());
#if defined(EASYNET_FUZZ_FORMAT_JSON)
        // Differential: what the simdjson pass accepts, the Qt-based fallback reader
        // (the reference of the value model) reads to the same value, in both map
        // forms (ordered: the same keys in the same order); the JSON text tells
        // integers, floats and -0.0 apart.
        for (const MapForm form : {MapForm::VariantMap, MapForm::OrderedCborMap}) {
            ParseError directError, fallbackError;
            const QVariant direct = JsonSerializer::fromJson(stream, directError, form);
            const QVariant fallback = JsonFallbackReader::read(stream, fallbackError, form);
            FUZZ_CHECK(fallback.isValid() == packet.isValid(), fallback.isValid(),
                       packet.isValid());
            FUZZ_CHECK(direct.isValid() == packet.isValid(), direct.isValid(), packet.isValid());
            if (packet.isValid())
                FUZZ_CHECK(JsonSerializer::toJson(fallback) == JsonSerializer::toJson(direct), 0,
                           0);
        }
#endif
    }

    // Stream, in pieces.
    const std::unique_ptr<StreamDecoder> decoder = serializer.createDecoder(maxPacketSize);
#if defined(EASYNET_FUZZ_FORMAT_JSON)
    QList<QByteArray> results;
#endif
    FUZZ_CHECK(decoder && decoder->maxPacketSize() == maxPacketSize, maxPacketSize, 0);
    qsizetype fed = 0;
    while (fed < stream.size()) {
        const qsizetype piece = pieces.next(stream.size() - fed);
        const QByteArrayView bytes = stream.sliced(fed, piece);
        if (zeroCopy) {
            // Ask for a bit more room than used, as a socket read would.
            const std::span<char> target = decoder->prepareWrite(piece + 7);
            FUZZ_CHECK(qsizetype(target.size()) >= piece + 7, qsizetype(target.size()), piece);
            std::memcpy(target.data(), bytes.data(), size_t(piece));
            decoder->commitWrite(piece);
        } else {
            decoder->feed(bytes);
        }
        fed += piece;

        // Drain. Each result consumes bytes or reports an error at most once for
        // the same bytes, so the number of results is bounded by what is buffered.
        const qsizetype bound = 2 * (decoder->bufferedSize() + 1);
        qsizetype resultCount = 0;
        for (;;) {
            QVariant packet;
            ParseError error;
            const StreamDecoder::Status status = decoder->next(packet, error);
            if (status == StreamDecoder::Status::NeedMoreData)
                break;
            if (status == StreamDecoder::Status::Packet) {
                FUZZ_CHECK(packet.isValid() && !error.isError(), 0, 0);
            } else {
                checkError(error, decoder->streamPosition() + decoder->bufferedSize());
                FUZZ_CHECK(error.isRecoverable() || decoder->isBroken(), 0, 0);
            }
            FUZZ_CHECK(++resultCount <= bound, resultCount, bound);
#if defined(EASYNET_FUZZ_FORMAT_JSON)
            results.append(describe(status, packet, error));
#endif
        }
        FUZZ_CHECK(decoder->bufferedSize() <= maxPacketSize + piece + FramingOverhead,
                   decoder->bufferedSize(), maxPacketSize + piece);
        FUZZ_CHECK(!decoder->isBroken() || decoder->bufferedSize() == 0, decoder->bufferedSize(),
                   0);
    }
#if defined(EASYNET_FUZZ_FORMAT_JSON)
    // Differential: lines that arrive together are parsed in one batch; they
    // give what each line parsed alone gives.
    FUZZ_CHECK(results == decodeByteByByte(serializer, stream, maxPacketSize), results.size(), 0);
    // Differential: the gadget decoder gives the packets and errors of the
    // map path and the converter, whole and byte by byte.
    {
        static const auto json = std::make_shared<JsonSerializer>();
        static const StreamProtocol typed(json, std::make_shared<GadgetConverter<FuzzPacket>>());
        static const StreamProtocol mapped(
            json, std::make_shared<MapOnlyConverter>(QMetaType::fromType<FuzzPacket>()));
        for (const bool byteByByte : {false, true}) {
            FUZZ_CHECK(receiveGadgets(typed, stream, maxPacketSize, byteByByte)
                           == receiveGadgets(mapped, stream, maxPacketSize, byteByByte),
                       byteByByte, 0);
        }
    }
#endif
    if (endOfStream) {
        const qsizetype buffered = decoder->bufferedSize();
        const ParseError error = decoder->endOfStream();
        // Bytes still buffered are an unfinished packet. A decoder may also hold
        // a packet's state elsewhere (zlib inflates as bytes arrive), so an
        // error with nothing buffered is fine.
        FUZZ_CHECK(buffered == 0 || error.kind() == ParseError::Kind::Truncated, buffered,
                   qsizetype(error.kind()));
        FUZZ_CHECK(decoder->bufferedSize() == 0, decoder->bufferedSize(), 0);
    }
    return 0;
}
