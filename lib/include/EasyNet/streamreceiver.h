/// \class EasyNet::StreamReceiver
/// StreamReceiver: the receiving half of a StreamProtocol for one stream: the
/// format's StreamDecoder, with the protocol's converter applied to each packet
/// (a format that reads the converter's gadget type itself makes the gadget,
/// see AbstractIncrementalPacketSerializer::createGadgetDecoder()).
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
    /// A receiver decoding with serializer's decoder (frames up to maxPacketSize
    /// bytes), converting each packet with converter when one is given.
    StreamReceiver(std::shared_ptr<const AbstractIncrementalPacketSerializer> serializer,
                   std::shared_ptr<const AbstractPacketConverter> converter,
                   qsizetype maxPacketSize);
    /// Takes over the other receiver's state.
    StreamReceiver(StreamReceiver &&) noexcept;
    /// Takes over the other receiver's state.
    StreamReceiver &operator=(StreamReceiver &&) noexcept;
    /// Destroys the receiver and what it buffered.
    ~StreamReceiver();

    /// As StreamDecoder::feed().
    void feed(QByteArrayView bytes) { m_decoder->feed(bytes); }
    /// As StreamDecoder::prepareWrite().
    std::span<char> prepareWrite(qsizetype minSize) { return m_decoder->prepareWrite(minSize); }
    /// As StreamDecoder::commitWrite().
    void commitWrite(qsizetype written) { m_decoder->commitWrite(written); }

    /// As StreamDecoder::next(); a converter rejection is a recoverable
    /// ParseError::Kind::Malformed located at the packet's frame.
    StreamDecoder::Status next(QVariant &packet, ParseError &error);
    /// For a caller that gathers packets: moves the packets the decoder has
    /// already decoded whole, together with the one next() returned last, to
    /// the end of packets, at most max, each as next() would return it. It
    /// stops at anything else (an error, a packet to convert, a frame not
    /// decoded yet), which next() then returns, and never waits for bytes.
    /// Returns how many packets were moved; 0 with a format that decodes one
    /// frame at a time.
    qsizetype takeDecodedPackets(QVariantList &packets, qsizetype max);
    /// As StreamDecoder::endOfStream().
    ParseError endOfStream() { return m_decoder->endOfStream(); }

    /// As StreamDecoder::bufferedSize().
    qsizetype bufferedSize() const { return m_decoder->bufferedSize(); }
    /// As StreamDecoder::isBroken().
    bool isBroken() const { return m_decoder->isBroken(); }
    /// As StreamDecoder::maxPacketSize().
    qsizetype maxPacketSize() const { return m_decoder->maxPacketSize(); }

private:
    std::shared_ptr<const AbstractIncrementalPacketSerializer> m_serializer;
    std::unique_ptr<StreamDecoder> m_decoder;
    std::shared_ptr<const AbstractPacketConverter> m_converter;
    QMetaType m_decodedGadget; ///< the type the decoder makes itself, if any
    bool m_decodesAhead = false; ///< the decoder may hold packets for takeDecodedPackets()
};

} // namespace EasyNet
