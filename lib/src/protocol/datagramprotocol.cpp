#include <EasyNet/datagramprotocol.h>

namespace EasyNet {

DatagramProtocol::DatagramProtocol(std::shared_ptr<const AbstractPacketSerializer> serializer,
                                   std::shared_ptr<const AbstractPacketConverter> converter)
    : m_serializer(std::move(serializer)), m_converter(std::move(converter))
{
    Q_ASSERT(m_serializer);
}

QByteArray DatagramProtocol::makeDatagram(const QVariant &packet) const
{
    if (m_converter)
        return m_serializer->serialize(m_converter->toSerializable(packet));
    return m_serializer->serialize(packet);
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
