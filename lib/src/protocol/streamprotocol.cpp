#include <EasyNet/streamprotocol.h>

#include "protocol/packetconversion_p.h"

namespace EasyNet {

StreamProtocol::StreamProtocol(
    std::shared_ptr<const AbstractIncrementalPacketSerializer> serializer,
    std::shared_ptr<const AbstractPacketConverter> converter)
    : m_serializer(std::move(serializer))
    , m_converter(std::move(converter))
    , m_directGadget(gadgetWrittenDirectly(*m_serializer, m_converter.get()))
{
    Q_ASSERT(m_serializer);
}

QByteArray StreamProtocol::generateChunk(const QVariant &packet) const
{
    return writeConverted(packet, m_converter.get(), m_directGadget, [&](const QVariant &value) {
        return m_serializer->incrementalSerialize(value);
    });
}

void StreamProtocol::appendChunk(const QVariant &packet, QByteArray &out) const
{
    writeConverted(packet, m_converter.get(), m_directGadget, [&](const QVariant &value) {
        m_serializer->incrementalSerializeTo(value, out);
    });
}

StreamReceiver StreamProtocol::createReceiver(qsizetype maxPacketSize) const
{
    return StreamReceiver(m_serializer, m_converter, maxPacketSize);
}

} // namespace EasyNet
