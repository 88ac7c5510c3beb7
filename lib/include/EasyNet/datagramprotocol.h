// DatagramProtocol: a serializer (plus an optional converter) applied to
// datagrams: one packet per datagram, no framing.
#pragma once

#include <EasyNet/abstractpacketconverter.h>
#include <EasyNet/abstractpacketserializer.h>

#include <memory>

namespace EasyNet {

class EASYNET_EXPORT DatagramProtocol
{
public:
    // Default receive size for one datagram (as the reference: 64 KiB).
    static constexpr qsizetype DefaultMaxDatagramSize = 64 * 1024;

    explicit DatagramProtocol(std::shared_ptr<const AbstractPacketSerializer> serializer,
                              std::shared_ptr<const AbstractPacketConverter> converter = {});

    // The datagram for one packet. Throws SerializeError.
    QByteArray makeDatagram(const QVariant &packet) const;
    // The packet of one datagram; invalid QVariant and error set on failure.
    QVariant buildPacketFromDatagram(QByteArrayView datagram, ParseError &error) const;

    std::shared_ptr<const AbstractPacketSerializer> serializer() const { return m_serializer; }
    std::shared_ptr<const AbstractPacketConverter> converter() const { return m_converter; }

private:
    std::shared_ptr<const AbstractPacketSerializer> m_serializer;
    std::shared_ptr<const AbstractPacketConverter> m_converter;
};

} // namespace EasyNet
