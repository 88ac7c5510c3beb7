/// \class EasyNet::AbstractPacketConverter
/// AbstractPacketConverter: application value <-> serializable value, applied by
/// StreamProtocol / DatagramProtocol around the serializer.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QMetaType>
#include <QtCore/QString>
#include <QtCore/QVariant>

#include <optional>

namespace EasyNet {

class EASYNET_EXPORT AbstractPacketConverter
{
public:
    virtual ~AbstractPacketConverter();

    /// Application packet -> value the serializer understands. Throws
    /// SerializeError when the value is not of the expected type.
    virtual QVariant toSerializable(const QVariant &packet) const = 0;
    /// Received value -> application packet; nullopt with errorMessage set when the
    /// value does not describe a valid packet (reported as a parse error).
    virtual std::optional<QVariant> fromSerializable(const QVariant &value,
                                                     QString &errorMessage) const = 0;
    /// The Q_GADGET type this converter makes of a map of its properties (as
    /// GadgetConverter does), or an invalid QMetaType (the default). Formats that
    /// know gadgets (JsonSerializer, CborSerializer, MsgPackSerializer) then
    /// write that type and read it field by field, without the map in between.
    virtual QMetaType gadgetType() const;

protected:
    AbstractPacketConverter() = default;
    Q_DISABLE_COPY_MOVE(AbstractPacketConverter)
};

} // namespace EasyNet
