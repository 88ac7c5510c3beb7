#include <EasyNet/streamdecoder.h>

#include <cstring>

namespace EasyNet {

StreamDecoder::StreamDecoder(qsizetype maxPacketSize)
    : m_maxPacketSize(qMax<qsizetype>(1, maxPacketSize))
{
}

StreamDecoder::~StreamDecoder() = default;

void StreamDecoder::feed(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    const std::span<char> target = prepareWrite(bytes.size());
    std::memcpy(target.data(), bytes.data(), size_t(bytes.size()));
    commitWrite(bytes.size());
}

std::span<char> StreamDecoder::prepareWrite(qsizetype minSize)
{
    compact();
    const qsizetype used = m_buffer.size();
    // Grow geometrically so byte-by-byte feeding stays linear; the
    // decoders keep the buffer itself bounded by consuming or discarding.
    if (m_buffer.capacity() < used + minSize)
        m_buffer.reserve(qMax(used + minSize, 2 * m_buffer.capacity()));
    m_buffer.resize(used + minSize);
    m_pendingWrite = minSize;
    return std::span<char>(m_buffer.data() + used, size_t(minSize));
}

void StreamDecoder::commitWrite(qsizetype written)
{
    // prepareWrite() grew the buffer by minSize; give back what was not written.
    Q_ASSERT(written >= 0 && written <= m_pendingWrite);
    m_buffer.truncate(m_buffer.size() - (m_pendingWrite - written));
    m_pendingWrite = 0;
    if (m_broken) {
        m_consumedTotal += m_buffer.size() - m_readPos;
        m_buffer.clear();
        m_readPos = 0;
    }
}

StreamDecoder::Status StreamDecoder::next(QVariant &packet, ParseError &error)
{
    if (m_broken || bufferedSize() == 0)
        return Status::NeedMoreData;
    const Status status = decode(packet, error);
    if (status == Status::Error && !error.isRecoverable())
        markBroken();
    return status;
}

ParseError StreamDecoder::endOfStream()
{
    const qsizetype partial = m_broken ? 0 : consumedPartialFrameSize();
    if (m_broken || (bufferedSize() == 0 && partial == 0))
        return {};
    ParseError error
        = makeError(ParseError::Kind::Truncated, QStringLiteral("stream ended inside a packet"),
                    -partial, partial + bufferedSize(), false);
    consume(bufferedSize());
    markBroken();
    return error;
}

void StreamDecoder::consume(qsizetype count)
{
    Q_ASSERT(count >= 0 && count <= bufferedSize());
    m_readPos += count;
    m_consumedTotal += count;
    if (m_readPos == m_buffer.size()) {
        m_buffer.resize(0);
        m_readPos = 0;
    }
}

ParseError StreamDecoder::makeError(ParseError::Kind kind, const QString &message,
                                    qsizetype offsetInPending, qsizetype size, bool recoverable)
{
    return ParseError(kind, message, m_consumedTotal + offsetInPending, size, recoverable);
}

void StreamDecoder::compact()
{
    // Move the unread tail to the front once the consumed head dominates.
    if (m_readPos > 0 && m_readPos >= bufferedSize()) {
        const qsizetype remaining = bufferedSize();
        std::memmove(m_buffer.data(), m_buffer.constData() + m_readPos, size_t(remaining));
        m_buffer.resize(remaining);
        m_readPos = 0;
    }
}

} // namespace EasyNet
