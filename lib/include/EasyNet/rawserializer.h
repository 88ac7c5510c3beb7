/// \class EasyNet::RawSerializer
/// RawSerializer: bytes as they are, no framing at all.
///
/// Wire format
/// - Datagram: the datagram is the packet, and the packet is the datagram.
/// - Stream: a packet's bytes are written as they are. There are no packet
///   boundaries on a stream: each StreamDecoder::next() returns all the bytes
///   buffered so far (at most maxPacketSize at a time) as one packet, so a
///   received "packet" is whatever the transport delivered in one read. Two
///   packets sent back to back may arrive as one, one packet may arrive in
///   several, and an empty packet sends nothing. Meant for the console, for
///   debugging and for protocols the application frames itself.
/// - Packets: QByteArray. A QString is accepted on send for convenience (typing
///   text in the console) and encoded as UTF-8; received packets are always
///   QByteArray. Anything else is refused with a SerializeError.
/// - Receive never fails.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>

namespace EasyNet {

class EASYNET_EXPORT RawSerializer final : public AbstractIncrementalPacketSerializer
{
public:
    RawSerializer();

    QByteArray serialize(const QVariant &packet) const override;
    QVariant deserialize(QByteArrayView data, ParseError &error) const override;
    QByteArray incrementalSerialize(const QVariant &packet) const override;
    std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize
                                                 = DefaultMaxPacketSize) const override;
};

} // namespace EasyNet
