// How StreamProtocol and DatagramProtocol apply their converter on the way
// out: a serializer that writes the converter's gadget itself gets the packet
// as it is, without the map the converter would make of it.
#pragma once

#include <EasyNet/abstractpacketconverter.h>
#include <EasyNet/abstractpacketserializer.h>

namespace EasyNet {

// The packet type the serializer takes unconverted: the converter's gadget
// type when the serializer writes gadgets, else none.
inline QMetaType gadgetWrittenDirectly(const AbstractPacketSerializer &serializer,
                                       const AbstractPacketConverter *converter)
{
    if (!converter || !serializer.writesGadgets())
        return {};
    return converter->gadgetType();
}

// write(the packet as the serializer takes it): converted, unless the
// converter is null or the packet is of type direct (a valid type).
template<typename Write>
decltype(auto) writeConverted(const QVariant &packet, const AbstractPacketConverter *converter,
                              QMetaType direct, Write &&write)
{
    if (!converter || (direct.isValid() && packet.metaType() == direct))
        return write(packet);
    return write(converter->toSerializable(packet));
}

} // namespace EasyNet
