/// \class EasyNet::DatagramProtocol
/// DatagramProtocol: a serializer (plus an optional converter) applied to
/// datagrams: one packet per datagram, no framing.
#pragma once

#include <EasyNet/abstractpacketconverter.h>
#include <EasyNet/abstractpacketserializer.h>

#include <QtCore/QMetaType>

#include <memory>

namespace EasyNet {

class EASYNET_EXPORT DatagramProtocol
{
public:
    /// Default receive size for one datagram (as the reference: 64 KiB).
    static constexpr qsizetype DefaultMaxDatagramSize = 64 * 1024;

    /// A null protocol (no serializer): a client refuses to open with it.
    DatagramProtocol() = default;
    /// Packets serialized by serializer, converted by converter when one is given.
    explicit DatagramProtocol(std::shared_ptr<const AbstractPacketSerializer> serializer,
                              std::shared_ptr<const AbstractPacketConverter> converter = {});

    /// The datagram for one packet. Throws SerializeError.
    QByteArray makeDatagram(const QVariant &packet) const;
    /// The packet of one datagram; invalid QVariant and error set on failure.
    QVariant buildPacketFromDatagram(QByteArrayView datagram, ParseError &error) const;

    /// The serializer; null for a null protocol.
    std::shared_ptr<const AbstractPacketSerializer> serializer() const { return m_serializer; }
    /// The converter; null when packets go to the serializer as they are.
    std::shared_ptr<const AbstractPacketConverter> converter() const { return m_converter; }
    /// True without a serializer.
    bool isNull() const { return !m_serializer; }

    /// Equal when both share the same serializer and converter objects.
    friend bool operator==(const DatagramProtocol &a, const DatagramProtocol &b)
    {
        return a.m_serializer == b.m_serializer && a.m_converter == b.m_converter;
    }

private:
    std::shared_ptr<const AbstractPacketSerializer> m_serializer;
    std::shared_ptr<const AbstractPacketConverter> m_converter;
    QMetaType m_directGadget; ///< written without the converter (packetconversion_p.h)
};

} // namespace EasyNet

Q_DECLARE_METATYPE(EasyNet::DatagramProtocol)
