#include <EasyNet/streamprotocol.h>

namespace EasyNet {

StreamProtocol::StreamProtocol(
    std::shared_ptr<const AbstractIncrementalPacketSerializer> serializer,
    std::shared_ptr<const AbstractPacketConverter> converter)
    : m_serializer(std::move(serializer)), m_converter(std::move(converter))
{
    Q_ASSERT(m_serializer);
}

QByteArray StreamProtocol::generateChunk(const QVariant &packet) const
{
    if (m_converter)
        return m_serializer->incrementalSerialize(m_converter->toSerializable(packet));
    return m_serializer->incrementalSerialize(packet);
}

void StreamProtocol::appendChunk(const QVariant &packet, QByteArray &out) const
{
    if (m_converter)
        m_serializer->incrementalSerializeTo(m_converter->toSerializable(packet), out);
    else
        m_serializer->incrementalSerializeTo(packet, out);
}

StreamReceiver StreamProtocol::createReceiver(qsizetype maxPacketSize) const
{
    return StreamReceiver(m_serializer, m_converter, maxPacketSize);
}

} // namespace EasyNet
