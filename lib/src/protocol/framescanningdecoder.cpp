#include "framescanningdecoder_p.h"

namespace EasyNet {

FrameScanningDecoder::FrameScanningDecoder(qsizetype maxPacketSize, int maxDepth)
    : StreamDecoder(maxPacketSize), m_maxDepth(qMax(1, maxDepth))
{
}

FrameScanningDecoder::~FrameScanningDecoder() = default;

void FrameScanningDecoder::resetScanner()
{
    m_stack.clear();
    m_scanPos = 0;
    m_discarded = 0;
    m_skip = 0;
    m_started = false;
}

FrameScanningDecoder::ScanStatus FrameScanningDecoder::scan(QByteArrayView data, QString &message)
{
    for (;;) {
        if (m_skip > 0) {
            const quint64 available = quint64(data.size() - m_scanPos);
            const quint64 take = qMin(m_skip, available);
            m_scanPos += qsizetype(take);
            m_skip -= take;
            if (m_skip > 0)
                return ScanStatus::NeedMoreData;
        }
        while (!m_stack.empty() && !m_stack.back().indefinite && m_stack.back().remaining == 0)
            m_stack.pop_back();
        if (m_started && m_stack.empty())
            return ScanStatus::Complete;
        if (m_scanPos == data.size())
            return ScanStatus::NeedMoreData;

        Header header;
        const qsizetype at = m_discarded + m_scanPos;
        switch (readHeader(data.sliced(m_scanPos), header, message)) {
        case HeaderStatus::NeedMoreData: return ScanStatus::NeedMoreData;
        case HeaderStatus::Invalid:
            message += QStringLiteral(" (at byte %1 of the frame)").arg(at);
            return ScanStatus::Invalid;
        case HeaderStatus::Ok: break;
        }
        Q_ASSERT(header.size >= 1);
        if (header.size > data.size() - m_scanPos)
            return ScanStatus::NeedMoreData; // the header is not all there yet

        Level *parent = m_stack.empty() ? nullptr : &m_stack.back();
        if (header.isBreak) {
            if (!parent || !parent->indefinite) {
                message = QStringLiteral("break outside an indefinite-length item (at byte %1 "
                                         "of the frame)")
                              .arg(at);
                return ScanStatus::Invalid;
            }
            if (parent->pairs && parent->oddCount) {
                message = QStringLiteral("break after a map key with no value (at byte %1 of "
                                         "the frame)")
                              .arg(at);
                return ScanStatus::Invalid;
            }
            m_scanPos += header.size;
            m_stack.pop_back();
            continue;
        }
        if (parent && parent->chunkType >= 0
            && (header.type != parent->chunkType || header.indefinite || header.children != 0)) {
            message = QStringLiteral("an indefinite-length string holds an item that is not a "
                                     "definite string of its type (at byte %1 of the frame)")
                          .arg(at);
            return ScanStatus::Invalid;
        }
        if (parent) {
            if (parent->indefinite)
                parent->oddCount = !parent->oddCount;
            else
                --parent->remaining;
        }
        m_started = true;
        m_scanPos += header.size;
        m_skip = header.payload;
        if (header.indefinite || header.children > 0) {
            if (m_stack.size() >= size_t(m_maxDepth)) {
                message = QStringLiteral("nesting deeper than %1 levels (at byte %2 of the "
                                         "frame)")
                              .arg(m_maxDepth)
                              .arg(at);
                return ScanStatus::Invalid;
            }
            m_stack.push_back(Level {header.indefinite ? 0 : header.children, header.indefinite,
                                     header.pairs, false, header.chunkType});
        }
    }
}

StreamDecoder::Status FrameScanningDecoder::decode(QVariant &packet, ParseError &error)
{
    for (;;) {
        const QByteArrayView data = pending();
        if (data.isEmpty())
            return Status::NeedMoreData;
        QString message;
        const ScanStatus status = scan(data, message);

        if (status == ScanStatus::Invalid) {
            // The end of this frame cannot be found: the stream is unusable.
            // Size: the frame up to and including the offending header byte.
            error = makeError(ParseError::Kind::Malformed, message, -m_discarded,
                              m_discarded + qMin(m_scanPos + 1, data.size()), false);
            consume(data.size());
            resetScanner();
            m_discarding = false;
            return Status::Error;
        }

        if (m_discarding) {
            // The rest of an oversized frame: walked, then dropped.
            consume(m_scanPos);
            m_discarded += m_scanPos;
            m_scanPos = 0;
            if (status == ScanStatus::NeedMoreData)
                return Status::NeedMoreData;
            resetScanner();
            m_discarding = false;
            continue;
        }

        if (status == ScanStatus::NeedMoreData) {
            if (knownFrameSize() <= quint64(maxPacketSize()))
                return Status::NeedMoreData;
            error = makeError(ParseError::Kind::TooLarge,
                              QStringLiteral("frame of at least %1 bytes exceeds the limit of "
                                             "%2 bytes")
                                  .arg(knownFrameSize())
                                  .arg(maxPacketSize()),
                              0, m_scanPos, true);
            m_discarding = true;
            consume(m_scanPos);
            m_discarded = m_scanPos;
            m_scanPos = 0;
            return Status::Error;
        }

        // A whole frame.
        const qsizetype size = m_scanPos;
        resetScanner();
        if (size > maxPacketSize()) {
            error = makeError(ParseError::Kind::TooLarge,
                              QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes")
                                  .arg(size)
                                  .arg(maxPacketSize()),
                              0, size, true);
            consume(size);
            return Status::Error;
        }
        ParseError frameError;
        packet = decodeFrame(data.first(size), frameError);
        if (frameError.isError()) {
            packet = QVariant();
            QString text = frameError.message();
            if (frameError.offset() > 0)
                text += QStringLiteral(" (at byte %1 of the frame)").arg(frameError.offset());
            error = makeError(frameError.kind(), text, 0, size, true);
            consume(size);
            return Status::Error;
        }
        consume(size);
        return Status::Packet;
    }
}

QVariant FrameScanningDecoder::decodeDatagram(QByteArrayView data, ParseError &error)
{
    Q_ASSERT(streamPosition() == 0 && bufferedSize() == 0);
    feed(data);
    QVariant packet;
    ParseError decodeError;
    switch (next(packet, decodeError)) {
    case Status::Packet:
        if (bufferedSize() == 0)
            return packet;
        error = ParseError(
            ParseError::Kind::Malformed,
            QStringLiteral("%1 bytes of extra data after the data item").arg(bufferedSize()),
            streamPosition(), bufferedSize(), true);
        return {};
    case Status::Error:
        // The limit is the datagram's size: a frame declaring more than that
        // is cut short, not too large.
        if (decodeError.kind() != ParseError::Kind::TooLarge) {
            error = ParseError(decodeError.kind(), decodeError.message(), decodeError.offset(),
                               decodeError.size(), true);
            return {};
        }
        break;
    case Status::NeedMoreData: break;
    }
    error = ParseError(ParseError::Kind::Truncated,
                       data.isEmpty() ? QStringLiteral("empty datagram")
                                      : QStringLiteral("the datagram ends inside a data item"),
                       0, data.size(), true);
    return {};
}

} // namespace EasyNet
