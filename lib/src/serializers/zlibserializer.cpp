#include <EasyNet/zlibserializer.h>

#include "serializers/refusepacket_p.h"

#define ZLIB_CONST
#include <zlib.h>

#include <climits>
#include <stdexcept>

namespace EasyNet {

namespace {

constexpr qsizetype InitialOutputSize = 4096;
// Output kept allocated between packets; a bigger buffer is released.
constexpr qsizetype RetainedOutputSize = 64 * 1024;
// zlib counts in uInt: hand it at most this much per call.
constexpr qsizetype MaxZlibChunk = qsizetype(1) << 30;

const Bytef *inputBytes(const char *data)
{
    return reinterpret_cast<const Bytef *>(data);
}

Bytef *outputBytes(char *data)
{
    return reinterpret_cast<Bytef *>(data);
}

QString zlibMessage(const z_stream &stream, int ret)
{
    QString message = QStringLiteral("invalid zlib data");
    if (stream.msg)
        message += QStringLiteral(": ") + QString::fromLatin1(stream.msg);
    else if (ret == Z_NEED_DICT)
        message += QStringLiteral(": a preset dictionary is required");
    else if (ret == Z_MEM_ERROR)
        message = QStringLiteral("zlib is out of memory");
    return message;
}

// Grows out (up to limit + 1 bytes, so that exceeding the limit is seen without
// holding more) when produced fills it. Returns false when the limit is passed.
bool ensureOutputSpace(QByteArray &out, qsizetype produced, qsizetype limit)
{
    if (produced < out.size())
        return true;
    if (produced > limit)
        return false;
    const qsizetype grown = qMin(limit + 1, qMax(InitialOutputSize, out.size() * 2));
    out.resize(grown);
    return true;
}

class ZlibStreamDecoder final : public StreamDecoder
{
public:
    ZlibStreamDecoder(std::shared_ptr<const AbstractPacketSerializer> inner, qsizetype max)
        : StreamDecoder(max), m_inner(std::move(inner))
    {
    }
    ~ZlibStreamDecoder() override
    {
        if (m_initialized)
            inflateEnd(&m_stream);
    }

protected:
    Status decode(QVariant &packet, ParseError &error) override;
    qsizetype consumedPartialFrameSize() const noexcept override { return m_frameConsumed; }

private:
    Status fail(ParseError &error, ParseError::Kind kind, const QString &message);
    void resetFrame();

    std::shared_ptr<const AbstractPacketSerializer> m_inner;
    z_stream m_stream = {};
    bool m_initialized = false;
    QByteArray m_output;
    qsizetype m_produced = 0; // decompressed bytes of the current packet
    qint64 m_frameStart = 0; // stream position of the current zlib stream
    qsizetype m_frameConsumed = 0; // its compressed bytes consumed so far
};

void ZlibStreamDecoder::resetFrame()
{
    inflateReset(&m_stream);
    m_produced = 0;
    m_frameConsumed = 0;
    if (m_output.size() > RetainedOutputSize)
        m_output = QByteArray();
}

StreamDecoder::Status ZlibStreamDecoder::fail(ParseError &error, ParseError::Kind kind,
                                              const QString &message)
{
    // Unrecoverable: drop what is buffered (the decoder is broken from now on).
    const qsizetype frameSize = m_frameConsumed + bufferedSize();
    consume(bufferedSize());
    error = ParseError(kind, message, m_frameStart, frameSize, false);
    m_output = QByteArray();
    m_produced = 0;
    m_frameConsumed = 0;
    return Status::Error;
}

StreamDecoder::Status ZlibStreamDecoder::decode(QVariant &packet, ParseError &error)
{
    if (!m_initialized) {
        if (inflateInit(&m_stream) != Z_OK)
            return fail(error, ParseError::Kind::Malformed,
                        QStringLiteral("cannot initialise zlib"));
        m_initialized = true;
    }
    const qsizetype limit = maxPacketSize();
    for (;;) {
        const QByteArrayView input = pending();
        if (input.isEmpty())
            return Status::NeedMoreData;
        if (m_frameConsumed == 0)
            m_frameStart = streamPosition();
        if (!ensureOutputSpace(m_output, m_produced, limit))
            return fail(error, ParseError::Kind::TooLarge,
                        QStringLiteral("decompressed packet larger than %1 bytes").arg(limit));

        const auto inSize = uInt(qMin(input.size(), MaxZlibChunk));
        const auto outSize = uInt(qMin(m_output.size() - m_produced, MaxZlibChunk));
        m_stream.next_in = inputBytes(input.data());
        m_stream.avail_in = inSize;
        m_stream.next_out = outputBytes(m_output.data() + m_produced);
        m_stream.avail_out = outSize;
        const int ret = inflate(&m_stream, Z_NO_FLUSH);
        const qsizetype used = qsizetype(inSize - m_stream.avail_in);
        const qsizetype made = qsizetype(outSize - m_stream.avail_out);
        m_produced += made;
        consume(used);
        m_frameConsumed += used;

        if (m_produced > limit) // the buffer holds limit + 1 bytes at most
            return fail(error, ParseError::Kind::TooLarge,
                        QStringLiteral("decompressed packet larger than %1 bytes").arg(limit));
        if (ret == Z_OK || (ret == Z_BUF_ERROR && (used > 0 || made > 0)))
            continue; // more input needed, or more output space (checked above)
        if (ret != Z_STREAM_END)
            return fail(error, ParseError::Kind::Malformed, zlibMessage(m_stream, ret));

        const qint64 frameStart = m_frameStart;
        const qsizetype frameSize = m_frameConsumed;
        ParseError innerError;
        packet = m_inner->deserialize(QByteArrayView(m_output.constData(), m_produced), innerError);
        resetFrame();
        if (innerError.isError()) {
            packet = QVariant();
            error
                = ParseError(innerError.kind(),
                             QStringLiteral("in the decompressed payload: ") + innerError.message(),
                             frameStart, frameSize, true);
            return Status::Error;
        }
        return Status::Packet;
    }
}

struct InflateGuard
{
    z_stream &stream;
    ~InflateGuard() { inflateEnd(&stream); }
};

} // namespace

ZlibSerializer::ZlibSerializer(std::shared_ptr<const AbstractPacketSerializer> inner,
                               int compressionLevel, qsizetype maxDatagramSize)
    : m_inner(std::move(inner)), m_level(compressionLevel), m_maxDatagramSize(maxDatagramSize)
{
    if (!m_inner)
        throw std::invalid_argument("ZlibSerializer: the inner serializer is null");
    if (m_level < -1 || m_level > 9)
        throw std::invalid_argument("ZlibSerializer: the compression level must be -1 to 9");
    if (m_maxDatagramSize <= 0)
        throw std::invalid_argument("ZlibSerializer: maxDatagramSize must be positive");
}

QByteArray ZlibSerializer::serialize(const QVariant &packet) const
{
    const QByteArray raw = m_inner->serialize(packet);
    uLongf size = compressBound(uLong(raw.size()));
    QByteArray compressed(qsizetype(size), Qt::Uninitialized);
    const int ret = compress2(outputBytes(compressed.data()), &size, inputBytes(raw.constData()),
                              uLong(raw.size()), m_level);
    if (ret != Z_OK)
        refusePacket(QStringLiteral("zlib compression failed (error %1)").arg(ret));
    compressed.truncate(qsizetype(size));
    compressed.squeeze(); // compressBound() is about the input size
    return compressed;
}

QByteArray ZlibSerializer::incrementalSerialize(const QVariant &packet) const
{
    return serialize(packet);
}

QVariant ZlibSerializer::deserialize(QByteArrayView data, ParseError &error) const
{
    z_stream stream = {};
    if (inflateInit(&stream) != Z_OK) {
        error = ParseError(ParseError::Kind::Malformed, QStringLiteral("cannot initialise zlib"), 0,
                           data.size(), true);
        return {};
    }
    const InflateGuard guard {stream};
    QByteArray output;
    qsizetype produced = 0;
    qsizetype used = 0;
    for (;;) {
        if (!ensureOutputSpace(output, produced, m_maxDatagramSize)) {
            error = ParseError(
                ParseError::Kind::TooLarge,
                QStringLiteral("decompressed datagram larger than %1 bytes").arg(m_maxDatagramSize),
                0, data.size(), true);
            return {};
        }
        const auto inSize = uInt(qMin(data.size() - used, MaxZlibChunk));
        const auto outSize = uInt(qMin(output.size() - produced, MaxZlibChunk));
        stream.next_in = inputBytes(data.data() + used);
        stream.avail_in = inSize;
        stream.next_out = outputBytes(output.data() + produced);
        stream.avail_out = outSize;
        const int ret = inflate(&stream, Z_NO_FLUSH);
        used += qsizetype(inSize - stream.avail_in);
        produced += qsizetype(outSize - stream.avail_out);
        if (produced > m_maxDatagramSize)
            continue; // reported by ensureOutputSpace() above
        if (ret == Z_STREAM_END)
            break;
        if (ret == Z_OK)
            continue;
        if (ret == Z_BUF_ERROR) {
            if (used < data.size())
                continue; // the output was full: grow it
            error = ParseError(ParseError::Kind::Truncated,
                               QStringLiteral("the datagram ends inside the zlib stream"), 0,
                               data.size(), true);
            return {};
        }
        error = ParseError(ParseError::Kind::Malformed, zlibMessage(stream, ret), 0, data.size(),
                           true);
        return {};
    }
    if (used != data.size()) {
        error = ParseError(
            ParseError::Kind::Malformed,
            QStringLiteral("%1 bytes after the end of the zlib stream").arg(data.size() - used),
            used, data.size(), true);
        return {};
    }
    ParseError innerError;
    QVariant packet
        = m_inner->deserialize(QByteArrayView(output.constData(), produced), innerError);
    if (innerError.isError()) {
        error = ParseError(innerError.kind(),
                           QStringLiteral("in the decompressed payload: ") + innerError.message(),
                           0, data.size(), true);
        return {};
    }
    return packet;
}

std::unique_ptr<StreamDecoder> ZlibSerializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<ZlibStreamDecoder>(m_inner, maxPacketSize);
}

} // namespace EasyNet
