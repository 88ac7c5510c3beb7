/// \class EasyNet::LengthPrefixedSerializer
/// LengthPrefixedSerializer: raw byte packets framed by a big-endian length header.
///
/// Wire format
/// - Stream: an unsigned big-endian length header of 1, 2 or 4 bytes (chosen in
///   the constructor: HeaderSize::UInt8, UInt16, UInt32), counting the payload
///   only, followed by the payload bytes. An empty packet is a lone zero header.
/// - Datagram: the payload alone (the datagram boundary is the frame).
/// - Packets are QByteArray only; anything else (QString included: choose its
///   encoding yourself) is refused with SerializeError. A packet longer than the
///   header can express (255 / 65535 / 4294967295 bytes) is refused on a stream.
/// - Receive: a header announcing more than the decoder's maxPacketSize is a
///   recoverable TooLarge error, reported as soon as the header arrives; exactly
///   that many following bytes are skipped as they arrive (never buffered) and
///   the stream resynchronises on the next header. A stream that ends inside a
///   frame is Truncated (StreamDecoder::endOfStream()). Any datagram is valid.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>

namespace EasyNet {

class EASYNET_EXPORT LengthPrefixedSerializer final : public AbstractIncrementalPacketSerializer
{
public:
    /// The length header's size: UInt8 (1 byte), UInt16 (2 bytes) or UInt32 (4 bytes).
    enum class HeaderSize { UInt8 = 1, UInt16 = 2, UInt32 = 4 };

    /// Frames packets with a header of headerSize.
    explicit LengthPrefixedSerializer(HeaderSize headerSize = HeaderSize::UInt32);

    /// The length header's size.
    HeaderSize headerSize() const noexcept { return m_headerSize; }
    /// The header's size in bytes (1, 2 or 4).
    int headerBytes() const noexcept { return int(m_headerSize); }
    /// The largest payload the header can announce.
    quint64 maxEncodableSize() const noexcept;

    QByteArray serialize(const QVariant &packet) const override;
    QVariant deserialize(QByteArrayView data, ParseError &error) const override;
    QByteArray incrementalSerialize(const QVariant &packet) const override;
    std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize
                                                 = DefaultMaxPacketSize) const override;

private:
    HeaderSize m_headerSize;
};

} // namespace EasyNet
