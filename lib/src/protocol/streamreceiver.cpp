#include <EasyNet/streamreceiver.h>

namespace EasyNet {

StreamReceiver::StreamReceiver(
    std::shared_ptr<const AbstractIncrementalPacketSerializer> serializer,
    std::shared_ptr<const AbstractPacketConverter> converter, qsizetype maxPacketSize)
    : m_serializer(std::move(serializer))
    , m_decoder(m_serializer->createDecoder(maxPacketSize))
    , m_converter(std::move(converter))
{
}

StreamReceiver::StreamReceiver(StreamReceiver &&) noexcept = default;
StreamReceiver &StreamReceiver::operator=(StreamReceiver &&) noexcept = default;
StreamReceiver::~StreamReceiver() = default;

StreamDecoder::Status StreamReceiver::next(QVariant &packet, ParseError &error)
{
    const qint64 frameStart = m_decoder->streamPosition();
    const StreamDecoder::Status status = m_decoder->next(packet, error);
    if (status != StreamDecoder::Status::Packet || !m_converter)
        return status;
    QString message;
    std::optional<QVariant> converted = m_converter->fromSerializable(packet, message);
    if (!converted) {
        packet = QVariant();
        error = ParseError(ParseError::Kind::Malformed,
                           QStringLiteral("conversion failed: ") + message, frameStart,
                           m_decoder->streamPosition() - frameStart, true);
        return StreamDecoder::Status::Error;
    }
    packet = std::move(*converted);
    return status;
}

} // namespace EasyNet
