/// \class EasyNet::AbstractPacketSerializer
/// AbstractPacketSerializer: one packet <-> one byte string (the datagram form).
#pragma once

#include <EasyNet/easynetglobal.h>
#include <EasyNet/parseerror.h>

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QVariant>

namespace EasyNet {

class EASYNET_EXPORT AbstractPacketSerializer
{
public:
    virtual ~AbstractPacketSerializer();

    /// The bytes of one packet, without stream framing. Throws SerializeError
    /// (exceptions.h) when the packet cannot be represented in this format.
    virtual QByteArray serialize(const QVariant &packet) const = 0;

    /// The packet held by exactly these bytes. On failure returns an invalid
    /// QVariant and fills error (offsets relative to data).
    virtual QVariant deserialize(QByteArrayView data, ParseError &error) const = 0;

    /// True when serialize() takes a QVariant holding a Q_GADGET as the map of
    /// its properties, in declaration order: a protocol with a GadgetConverter
    /// then hands the gadget over without making the map. False by default.
    virtual bool writesGadgets() const;

protected:
    AbstractPacketSerializer() = default;
    Q_DISABLE_COPY_MOVE(AbstractPacketSerializer)
};

} // namespace EasyNet
