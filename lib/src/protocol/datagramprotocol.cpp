#include <EasyNet/datagramprotocol.h>

#include "protocol/packetconversion_p.h"

namespace EasyNet {

DatagramProtocol::DatagramProtocol(std::shared_ptr<const AbstractPacketSerializer> serializer,
                                   std::shared_ptr<const AbstractPacketConverter> converter)
    : m_serializer(std::move(serializer))
    , m_converter(std::move(converter))
    , m_directGadget(gadgetWrittenDirectly(*m_serializer, m_converter.get()))
{
    Q_ASSERT(m_serializer);
}

QByteArray DatagramProtocol::makeDatagram(const QVariant &packet) const
{
    return writeConverted(packet, m_converter.get(), m_directGadget,
                          [&](const QVariant &value) { return m_serializer->serialize(value); });
}

QVariant DatagramProtocol::buildPacketFromDatagram(QByteArrayView datagram, ParseError &error) const
{
    error = ParseError();
    QVariant packet = m_serializer->deserialize(datagram, error);
    if (error.isError() || !m_converter)
        return packet;
    QString message;
    std::optional<QVariant> converted = m_converter->fromSerializable(packet, message);
    if (!converted) {
        error
            = ParseError(ParseError::Kind::Malformed,
                         QStringLiteral("conversion failed: ") + message, 0, datagram.size(), true);
        return {};
    }
    return std::move(*converted);
}

} // namespace EasyNet
