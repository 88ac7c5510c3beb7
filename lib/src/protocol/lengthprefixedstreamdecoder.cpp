#include "lengthprefixedstreamdecoder_p.h"

namespace EasyNet {

LengthPrefixedStreamDecoder::LengthPrefixedStreamDecoder(int headerSize, qsizetype maxPacketSize,
                                                         qsizetype fixedFrameSize)
    : StreamDecoder(maxPacketSize), m_headerSize(headerSize), m_fixedFrameSize(fixedFrameSize)
{
    Q_ASSERT(headerSize == 0 || headerSize == 1 || headerSize == 2 || headerSize == 4);
    Q_ASSERT((headerSize == 0) == (fixedFrameSize > 0));
}

StreamDecoder::Status LengthPrefixedStreamDecoder::decode(QVariant &packet, ParseError &error)
{
    if (m_skipRemaining > 0) {
        const qsizetype n = qsizetype(qMin<quint64>(m_skipRemaining, quint64(bufferedSize())));
        consume(n);
        m_skipRemaining -= quint64(n);
        if (m_skipRemaining > 0 || bufferedSize() == 0)
            return Status::NeedMoreData;
    }

    const QByteArrayView data = pending();
    if (data.size() < m_headerSize)
        return Status::NeedMoreData;

    quint64 length = quint64(m_fixedFrameSize);
    for (int i = 0; i < m_headerSize; ++i)
        length = (length << 8) | static_cast<unsigned char>(data.at(i));

    if (length > quint64(maxPacketSize())) {
        error = makeError(ParseError::Kind::TooLarge,
                          QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes")
                              .arg(length)
                              .arg(maxPacketSize()),
                          0, qint64(m_headerSize) + qint64(length), true);
        consume(m_headerSize);
        m_skipRemaining = length;
        const qsizetype n = qsizetype(qMin<quint64>(m_skipRemaining, quint64(bufferedSize())));
        consume(n);
        m_skipRemaining -= quint64(n);
        return Status::Error;
    }

    const qsizetype frameSize = m_headerSize + qsizetype(length);
    if (data.size() < frameSize)
        return Status::NeedMoreData;

    ParseError frameError;
    packet = decodeFrame(data.sliced(m_headerSize, qsizetype(length)), frameError);
    if (frameError.isError()) {
        packet = QVariant();
        QString message = frameError.message();
        if (frameError.offset() > 0)
            message += QStringLiteral(" (at byte %1 of the payload)").arg(frameError.offset());
        error = makeError(frameError.kind(), message, 0, frameSize, true);
        consume(frameSize);
        return Status::Error;
    }
    consume(frameSize);
    return Status::Packet;
}

} // namespace EasyNet
