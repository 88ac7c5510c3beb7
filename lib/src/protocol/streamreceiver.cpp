#include <EasyNet/streamreceiver.h>

namespace EasyNet {

namespace {

// The decoder that makes the converter's gadgets itself, when the format has one.
std::unique_ptr<StreamDecoder> gadgetDecoder(const AbstractIncrementalPacketSerializer &serializer,
                                             const AbstractPacketConverter *converter,
                                             qsizetype maxPacketSize)
{
    if (!converter || !converter->gadgetType().isValid())
        return nullptr;
    return serializer.createGadgetDecoder(converter->gadgetType(), maxPacketSize);
}

} // namespace

StreamReceiver::StreamReceiver(
    std::shared_ptr<const AbstractIncrementalPacketSerializer> serializer,
    std::shared_ptr<const AbstractPacketConverter> converter, qsizetype maxPacketSize)
    : m_serializer(std::move(serializer))
    , m_decoder(gadgetDecoder(*m_serializer, converter.get(), maxPacketSize))
    , m_converter(std::move(converter))
{
    if (m_decoder)
        m_decodedGadget = m_converter->gadgetType();
    else
        m_decoder = m_serializer->createDecoder(maxPacketSize);
}

StreamReceiver::StreamReceiver(StreamReceiver &&) noexcept = default;
StreamReceiver &StreamReceiver::operator=(StreamReceiver &&) noexcept = default;
StreamReceiver::~StreamReceiver() = default;

StreamDecoder::Status StreamReceiver::next(QVariant &packet, ParseError &error)
{
    const qint64 frameStart = m_decoder->streamPosition();
    const StreamDecoder::Status status = m_decoder->next(packet, error);
    if (status != StreamDecoder::Status::Packet || !m_converter
        || (m_decodedGadget.isValid() && packet.metaType() == m_decodedGadget)) {
        return status;
    }
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
