/// \class EasyNet::StreamReceiver
/// StreamReceiver: the receiving half of a StreamProtocol for one stream: the
/// format's StreamDecoder, with the protocol's converter applied to each packet.
/// It keeps the serializer alive: decoders may refer to the serializer that
/// made them, and a receiver may outlive the protocol it came from.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/abstractpacketconverter.h>
#include <EasyNet/streamdecoder.h>

#include <memory>

namespace EasyNet {

class EASYNET_EXPORT StreamReceiver
{
public:
    StreamReceiver(std::shared_ptr<const AbstractIncrementalPacketSerializer> serializer,
                   std::shared_ptr<const AbstractPacketConverter> converter,
                   qsizetype maxPacketSize);
    StreamReceiver(StreamReceiver &&) noexcept;
    StreamReceiver &operator=(StreamReceiver &&) noexcept;
    ~StreamReceiver();

    void feed(QByteArrayView bytes) { m_decoder->feed(bytes); }
    std::span<char> prepareWrite(qsizetype minSize) { return m_decoder->prepareWrite(minSize); }
    void commitWrite(qsizetype written) { m_decoder->commitWrite(written); }

    /// As StreamDecoder::next(); a converter rejection is a recoverable
    /// ParseError::Kind::Malformed located at the packet's frame.
    StreamDecoder::Status next(QVariant &packet, ParseError &error);
    ParseError endOfStream() { return m_decoder->endOfStream(); }

    qsizetype bufferedSize() const { return m_decoder->bufferedSize(); }
    bool isBroken() const { return m_decoder->isBroken(); }
    qsizetype maxPacketSize() const { return m_decoder->maxPacketSize(); }

private:
    std::shared_ptr<const AbstractIncrementalPacketSerializer> m_serializer;
    std::unique_ptr<StreamDecoder> m_decoder;
    std::shared_ptr<const AbstractPacketConverter> m_converter;
};

} // namespace EasyNet
