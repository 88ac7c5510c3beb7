#include "separatorstreamdecoder_p.h"

#include <cstring>

namespace EasyNet {

SeparatorStreamDecoder::SeparatorStreamDecoder(QByteArray separator, qsizetype maxPacketSize)
    : StreamDecoder(maxPacketSize), m_separator(std::move(separator))
{
    Q_ASSERT(!m_separator.isEmpty());
}

qsizetype SeparatorStreamDecoder::findSeparator(QByteArrayView data, qsizetype from) const
{
    if (m_separator.size() == 1) {
        const void *hit
            = std::memchr(data.data() + from, m_separator.front(), size_t(data.size() - from));
        return hit ? static_cast<const char *>(hit) - data.data() : -1;
    }
    return data.indexOf(QByteArrayView(m_separator), from);
}

StreamDecoder::Status SeparatorStreamDecoder::discard()
{
    const QByteArrayView data = pending();
    const qsizetype end = findSeparator(data, m_searchFrom);
    if (end < 0) {
        // Keep only what could be the start of a separator split across reads.
        const qsizetype keep = qMin<qsizetype>(m_separator.size() - 1, data.size());
        consume(data.size() - keep);
        m_searchFrom = 0;
        return Status::NeedMoreData;
    }
    consume(end + m_separator.size());
    m_searchFrom = 0;
    m_discarding = false;
    return Status::NeedMoreData;
}

bool SeparatorStreamDecoder::takeDecodedAhead(QVariant &, qsizetype &)
{
    return false;
}

qsizetype SeparatorStreamDecoder::takeManyDecodedAhead(QVariantList &, qsizetype, QMetaType,
                                                       qsizetype &)
{
    return 0;
}

qsizetype SeparatorStreamDecoder::takeDecodedPackets(QVariantList &packets, qsizetype max,
                                                     QMetaType only)
{
    if (!m_holdsDecodedAhead || m_discarding || isBroken()) // (as decode() and next())
        return 0;
    qsizetype bytes = 0;
    const qsizetype taken = takeManyDecodedAhead(packets, max, only, bytes);
    Q_ASSERT(m_searchFrom == 0);
    consume(bytes);
    return taken;
}

StreamDecoder::Status SeparatorStreamDecoder::decode(QVariant &packet, ParseError &error)
{
    if (m_discarding && discard() == Status::NeedMoreData && m_discarding)
        return Status::NeedMoreData;
    if (qsizetype frameSize = 0; m_holdsDecodedAhead && takeDecodedAhead(packet, frameSize)) {
        Q_ASSERT(m_searchFrom == 0 && frameSize <= maxPacketSize());
        consume(frameSize + m_separator.size());
        return Status::Packet;
    }

    const QByteArrayView data = pending();
    const qsizetype sepSize = m_separator.size();
    const qsizetype end = findSeparator(data, m_searchFrom);
    if (end < 0) {
        if (data.size() - (sepSize - 1) > maxPacketSize()) {
            error = makeError(ParseError::Kind::TooLarge,
                              QStringLiteral("frame longer than %1 bytes without a separator")
                                  .arg(maxPacketSize()),
                              0, data.size(), true);
            m_discarding = true;
            m_searchFrom = 0;
            discard();
            return Status::Error;
        }
        m_searchFrom = qMax<qsizetype>(0, data.size() - (sepSize - 1));
        return Status::NeedMoreData;
    }

    m_searchFrom = 0;
    if (end > maxPacketSize()) {
        error = makeError(ParseError::Kind::TooLarge,
                          QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes")
                              .arg(end)
                              .arg(maxPacketSize()),
                          0, end + sepSize, true);
        consume(end + sepSize);
        return Status::Error;
    }

    ParseError frameError;
    packet = decodeFrame(data.first(end), frameError);
    if (frameError.isError()) {
        packet = QVariant();
        QString message = frameError.message();
        if (frameError.offset() > 0)
            message += QStringLiteral(" (at byte %1 of the frame)").arg(frameError.offset());
        error = makeError(frameError.kind(), message, 0, end + sepSize, true);
        consume(end + sepSize);
        return Status::Error;
    }
    consume(end + sepSize);
    return Status::Packet;
}

} // namespace EasyNet
