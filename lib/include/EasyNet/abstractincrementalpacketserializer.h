/// \class EasyNet::AbstractIncrementalPacketSerializer
/// AbstractIncrementalPacketSerializer: a serializer that can also frame packets on a
/// byte stream, and find them again in a stream that arrives in arbitrary pieces.
#pragma once

#include <EasyNet/abstractpacketserializer.h>
#include <EasyNet/streamdecoder.h>

#include <memory>

namespace EasyNet {

class EASYNET_EXPORT AbstractIncrementalPacketSerializer : public AbstractPacketSerializer
{
public:
    /// Default limit on one packet's size on a stream (as the reference: 64 KiB).
    static constexpr qsizetype DefaultMaxPacketSize = 64 * 1024;

    /// The bytes of one packet as it goes on a stream (with framing). Throws
    /// SerializeError like serialize().
    virtual QByteArray incrementalSerialize(const QVariant &packet) const = 0;
    /// Appends the bytes incrementalSerialize() returns to out, where a client
    /// gathers the packets of one write. Throws SerializeError like serialize(),
    /// and out is then as it was. The default appends incrementalSerialize()'s
    /// result; a format that writes in place saves a buffer and a copy per packet.
    virtual void incrementalSerializeTo(const QVariant &packet, QByteArray &out) const;

    /// A fresh decoder for one stream; it keeps its own buffer and state.
    /// maxPacketSize bounds the memory a peer can make it hold. The decoder may
    /// refer to this serializer: it must not outlive it (StreamReceiver, which
    /// holds the serializer's shared_ptr, takes care of that).
    virtual std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize
                                                         = DefaultMaxPacketSize) const = 0;
    /// A decoder like createDecoder()'s that reads a map describing a gadget of
    /// type gadget (every property there and convertible, as GadgetConverter
    /// wants it) straight into the gadget, field by field; any other packet it
    /// gives as createDecoder()'s would, and the converter decides. Null (the
    /// default) when the format has no such decoder. StreamReceiver uses it for
    /// its converter's gadgetType().
    virtual std::unique_ptr<StreamDecoder> createGadgetDecoder(QMetaType gadget,
                                                               qsizetype maxPacketSize) const;
};

} // namespace EasyNet
