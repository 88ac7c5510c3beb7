#include <EasyNet/rawserializer.h>

#include "serializers/refusepacket_p.h"

namespace EasyNet {

namespace {

class RawStreamDecoder final : public StreamDecoder
{
public:
    using StreamDecoder::StreamDecoder;

protected:
    Status decode(QVariant &packet, ParseError &) override
    {
        const QByteArrayView data = pending();
        const qsizetype size = qMin(data.size(), maxPacketSize());
        if (size == 0)
            return Status::NeedMoreData;
        packet = data.first(size).toByteArray();
        consume(size);
        return Status::Packet;
    }
};

} // namespace

RawSerializer::RawSerializer() = default;

QByteArray RawSerializer::serialize(const QVariant &packet) const
{
    switch (packet.typeId()) {
    case QMetaType::QByteArray: return packet.toByteArray();
    case QMetaType::QString: return packet.toString().toUtf8();
    default:
        refusePacket(QStringLiteral("a raw packet must be a QByteArray or a QString, not %1")
                         .arg(packetTypeName(packet)));
    }
}

QVariant RawSerializer::deserialize(QByteArrayView data, ParseError &) const
{
    return data.toByteArray();
}

QByteArray RawSerializer::incrementalSerialize(const QVariant &packet) const
{
    return serialize(packet);
}

std::unique_ptr<StreamDecoder> RawSerializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<RawStreamDecoder>(maxPacketSize);
}

} // namespace EasyNet
