// MapOnlyConverter: GadgetTypeConverter's conversions without its
// gadgetType(). A protocol with it goes through the map both ways: the path
// the gadget decoders must match (tst_gadgetpackets, fuzz_json).
#pragma once

#include <EasyNet/gadgetconverter.h>

#include <optional>

class MapOnlyConverter final : public EasyNet::AbstractPacketConverter
{
public:
    explicit MapOnlyConverter(QMetaType gadget) : m_converter(gadget) { }
    QVariant toSerializable(const QVariant &packet) const override
    {
        return m_converter.toSerializable(packet);
    }
    std::optional<QVariant> fromSerializable(const QVariant &value,
                                             QString &errorMessage) const override
    {
        return m_converter.fromSerializable(value, errorMessage);
    }

private:
    EasyNet::GadgetTypeConverter m_converter;
};
