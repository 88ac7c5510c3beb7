/// \class EasyNet::StreamProtocol
/// StreamProtocol: a serializer (plus an optional converter) applied to a byte
/// stream. generateChunk() frames one packet; a StreamReceiver finds packets again.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/abstractpacketconverter.h>
#include <EasyNet/streamreceiver.h>

#include <QtCore/QMetaType>

#include <memory>

namespace EasyNet {

class EASYNET_EXPORT StreamProtocol
{
public:
    /// How many bytes a stream client reads per call by default (its
    /// maxRecvSize): 16 KiB, as the reference.
    static constexpr qsizetype DefaultMaxRecvSize = 16 * 1024;

    /// A null protocol (no serializer): a client refuses to open with it.
    StreamProtocol() = default;
    /// Packets serialized by serializer, converted by converter when one is given.
    explicit StreamProtocol(std::shared_ptr<const AbstractIncrementalPacketSerializer> serializer,
                            std::shared_ptr<const AbstractPacketConverter> converter = {});

    /// The bytes to write for one packet. Throws SerializeError.
    QByteArray generateChunk(const QVariant &packet) const;
    /// Appends the bytes of generateChunk() to out. Throws SerializeError, and
    /// out is then as it was.
    void appendChunk(const QVariant &packet, QByteArray &out) const;
    /// A receiver for one stream (one connection).
    StreamReceiver
    createReceiver(qsizetype maxPacketSize
                   = AbstractIncrementalPacketSerializer::DefaultMaxPacketSize) const;

    /// The serializer; null for a null protocol.
    std::shared_ptr<const AbstractIncrementalPacketSerializer> serializer() const
    {
        return m_serializer;
    }
    /// The converter; null when packets go to the serializer as they are.
    std::shared_ptr<const AbstractPacketConverter> converter() const { return m_converter; }
    /// True without a serializer.
    bool isNull() const { return !m_serializer; }

    /// Equal when both share the same serializer and converter objects.
    friend bool operator==(const StreamProtocol &a, const StreamProtocol &b)
    {
        return a.m_serializer == b.m_serializer && a.m_converter == b.m_converter;
    }

private:
    std::shared_ptr<const AbstractIncrementalPacketSerializer> m_serializer;
    std::shared_ptr<const AbstractPacketConverter> m_converter;
    QMetaType m_directGadget; ///< written without the converter (packetconversion_p.h)
};

} // namespace EasyNet

Q_DECLARE_METATYPE(EasyNet::StreamProtocol)
