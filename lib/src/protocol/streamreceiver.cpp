#include <EasyNet/streamreceiver.h>

#include "protocol/separatorstreamdecoder_p.h"

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
    // (the decoders that decode ahead, JSON lines', are separator decoders)
    m_decodesAhead = dynamic_cast<SeparatorStreamDecoder *>(m_decoder.get()) != nullptr;
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

qsizetype StreamReceiver::takeDecodedPackets(QVariantList &packets, qsizetype max)
{
    // Without conversion: any packet; with it, only the gadgets the decoder
    // made itself, which next() passes on as they are.
    if (!m_decodesAhead || (m_converter && !m_decodedGadget.isValid()))
        return 0;
    return static_cast<SeparatorStreamDecoder *>(m_decoder.get())
        ->takeDecodedPackets(packets, max, m_decodedGadget);
}

} // namespace EasyNet
