/// \class EasyNet::GadgetTypeConverter
/// GadgetTypeConverter: a Q_GADGET type <-> a map of its properties, for a
/// type known at run time; GadgetConverter<T> is this converter for T.
///
/// A packet to send must hold the gadget type; a received map must have every
/// property (extra keys are ignored, a repeated key keeps its last value) and
/// each must convert to its property's type, else the packet is a parse error
/// ("field 'x' missing or not a int"). A number for an integer property must
/// keep its value: an integer beyond the type's range or a fraction is an
/// error too ("field 'x': 2147483648 does not fit a int"), where
/// QVariant::convert() would wrap or round it. The properties are the
/// gadget's own (from QMetaObject::propertyOffset()), in declaration order.
///
/// JsonSerializer, CborSerializer and MsgPackSerializer take the gadget
/// straight: they write its properties in declaration order, and read a stream
/// into gadgets field by field, without a QVariantMap in between; the packets
/// and errors are the same as through the map.
#pragma once

#include <EasyNet/abstractpacketconverter.h>

namespace EasyNet {

class EASYNET_EXPORT GadgetTypeConverter : public AbstractPacketConverter
{
public:
    /// Converts packets of gadget, a Q_GADGET type (its metaObject() is not null).
    explicit GadgetTypeConverter(QMetaType gadget);

    /// The map of the gadget's properties. Throws SerializeError when packet
    /// does not hold the gadget type.
    QVariant toSerializable(const QVariant &packet) const override;
    /// The gadget of a map of its properties (see the class description).
    std::optional<QVariant> fromSerializable(const QVariant &value,
                                             QString &errorMessage) const override;
    /// The gadget type given to the constructor.
    QMetaType gadgetType() const override { return m_gadget; }

private:
    QMetaType m_gadget;
};

/// Converts a Q_GADGET type to and from a map of its properties, e.g.
/// \code
///   struct Point { Q_GADGET Q_PROPERTY(int x MEMBER x) Q_PROPERTY(int y MEMBER y) ... };
///   StreamProtocol protocol(json, std::make_shared<GadgetConverter<Point>>());
///   client.send(QVariant::fromValue(Point {1, 2}));   // {"x":1,"y":2}
///   const Point point = client.recvPacketAs<Point>(); // blocking clients
/// \endcode
template<typename Gadget>
class GadgetConverter final : public GadgetTypeConverter
{
public:
    /// A converter of Gadget packets.
    GadgetConverter() : GadgetTypeConverter(QMetaType::fromType<Gadget>()) { }
};

} // namespace EasyNet
