/// \class EasyNet::AbstractPacketConverter
/// AbstractPacketConverter: application value <-> serializable value, applied by
/// StreamProtocol / DatagramProtocol around the serializer.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QMetaProperty>
#include <QtCore/QString>
#include <QtCore/QVariant>
#include <QtCore/QVariantMap>

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

protected:
    AbstractPacketConverter() = default;
    Q_DISABLE_COPY_MOVE(AbstractPacketConverter)
};

/// Converts a Q_GADGET type to and from a QVariantMap of its properties, e.g.
/// \code
///   struct Point { Q_GADGET Q_PROPERTY(int x MEMBER x) Q_PROPERTY(int y MEMBER y) ... };
///   StreamProtocol protocol(json, std::make_shared<GadgetConverter<Point>>());
/// \endcode
/// Every property must be present on receive and convertible to its type.
template<typename Gadget>
class GadgetConverter final : public AbstractPacketConverter
{
public:
    QVariant toSerializable(const QVariant &packet) const override;
    std::optional<QVariant> fromSerializable(const QVariant &value,
                                             QString &errorMessage) const override;
};

} // namespace EasyNet

#include <EasyNet/exceptions.h>

template<typename Gadget>
QVariant EasyNet::GadgetConverter<Gadget>::toSerializable(const QVariant &packet) const
{
    if (packet.metaType() != QMetaType::fromType<Gadget>())
        throw SerializeError(Error(ErrorCode::SerializeError,
                                   QStringLiteral("expected a %1, got %2")
                                       .arg(QLatin1StringView(QMetaType::fromType<Gadget>().name()),
                                            QLatin1StringView(packet.metaType().name()))));
    const QMetaObject &meta = Gadget::staticMetaObject;
    const Gadget &gadget = *static_cast<const Gadget *>(packet.constData());
    QVariantMap map;
    for (int i = meta.propertyOffset(); i < meta.propertyCount(); ++i) {
        const QMetaProperty property = meta.property(i);
        map.insert(QString::fromLatin1(property.name()), property.readOnGadget(&gadget));
    }
    return map;
}

template<typename Gadget>
std::optional<QVariant>
EasyNet::GadgetConverter<Gadget>::fromSerializable(const QVariant &value,
                                                   QString &errorMessage) const
{
    if (value.metaType() != QMetaType::fromType<QVariantMap>()) {
        errorMessage = QStringLiteral("expected a map for %1")
                           .arg(QLatin1StringView(QMetaType::fromType<Gadget>().name()));
        return std::nullopt;
    }
    const QVariantMap map = value.toMap();
    const QMetaObject &meta = Gadget::staticMetaObject;
    Gadget gadget {};
    for (int i = meta.propertyOffset(); i < meta.propertyCount(); ++i) {
        const QMetaProperty property = meta.property(i);
        const auto it = map.constFind(QString::fromLatin1(property.name()));
        QVariant field = it == map.cend() ? QVariant() : *it;
        if (!field.isValid() || !field.convert(property.metaType())
            || !property.writeOnGadget(&gadget, field)) {
            errorMessage = QStringLiteral("field '%1' missing or not a %2")
                               .arg(QLatin1StringView(property.name()),
                                    QLatin1StringView(property.typeName()));
            return std::nullopt;
        }
    }
    return QVariant::fromValue(gadget);
}
