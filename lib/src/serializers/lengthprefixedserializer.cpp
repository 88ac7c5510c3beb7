#include <EasyNet/lengthprefixedserializer.h>

#include "protocol/lengthprefixedstreamdecoder_p.h"
#include "serializers/refusepacket_p.h"

namespace EasyNet {

namespace {

class LengthPrefixedBytesDecoder final : public LengthPrefixedStreamDecoder
{
public:
    using LengthPrefixedStreamDecoder::LengthPrefixedStreamDecoder;

protected:
    QVariant decodeFrame(QByteArrayView payload, ParseError &) override
    {
        return payload.toByteArray();
    }
};

const QByteArray &bytesOf(const QVariant &packet)
{
    if (packet.typeId() != QMetaType::QByteArray)
        refusePacket(QStringLiteral("a length-prefixed packet must be a QByteArray, not %1")
                         .arg(packetTypeName(packet)));
    return *static_cast<const QByteArray *>(packet.constData());
}

} // namespace

LengthPrefixedSerializer::LengthPrefixedSerializer(HeaderSize headerSize) : m_headerSize(headerSize)
{
    Q_ASSERT(headerSize == HeaderSize::UInt8 || headerSize == HeaderSize::UInt16
             || headerSize == HeaderSize::UInt32);
}

quint64 LengthPrefixedSerializer::maxEncodableSize() const noexcept
{
    return (quint64(1) << (8 * headerBytes())) - 1;
}

QByteArray LengthPrefixedSerializer::serialize(const QVariant &packet) const
{
    return bytesOf(packet);
}

QVariant LengthPrefixedSerializer::deserialize(QByteArrayView data, ParseError &) const
{
    return data.toByteArray();
}

QByteArray LengthPrefixedSerializer::incrementalSerialize(const QVariant &packet) const
{
    const QByteArray &payload = bytesOf(packet);
    const quint64 length = quint64(payload.size());
    if (length > maxEncodableSize())
        refusePacket(QStringLiteral("a packet of %1 bytes does not fit a %2-byte length header "
                                    "(at most %3 bytes)")
                         .arg(length)
                         .arg(headerBytes())
                         .arg(maxEncodableSize()));
    QByteArray frame;
    frame.reserve(headerBytes() + payload.size());
    for (int shift = 8 * (headerBytes() - 1); shift >= 0; shift -= 8)
        frame.append(char((length >> shift) & 0xff));
    frame.append(payload);
    return frame;
}

std::unique_ptr<StreamDecoder>
LengthPrefixedSerializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<LengthPrefixedBytesDecoder>(headerBytes(), maxPacketSize);
}

} // namespace EasyNet
