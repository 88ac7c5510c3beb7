#include <EasyNet/gadgetconverter.h>

#include "serializers/gadgetbuilder_p.h"
#include "serializers/refusepacket_p.h"

#include <QtCore/QMetaObject>
#include <QtCore/QVariantMap>

namespace EasyNet {

GadgetTypeConverter::GadgetTypeConverter(QMetaType gadget) : m_gadget(gadget)
{
    Q_ASSERT_X(gadget.metaObject(), "GadgetTypeConverter", "the type is not a Q_GADGET");
}

QVariant GadgetTypeConverter::toSerializable(const QVariant &packet) const
{
    if (packet.metaType() != m_gadget) {
        refusePacket(QStringLiteral("expected a %1, got %2")
                         .arg(QLatin1StringView(m_gadget.name()), packetTypeName(packet)));
    }
    const QMetaObject &meta = *m_gadget.metaObject();
    QVariantMap map;
    for (int i = meta.propertyOffset(); i < meta.propertyCount(); ++i) {
        const QMetaProperty property = meta.property(i);
        map.insert(QString::fromLatin1(property.name()), property.readOnGadget(packet.constData()));
    }
    return map;
}

std::optional<QVariant> GadgetTypeConverter::fromSerializable(const QVariant &value,
                                                              QString &errorMessage) const
{
    if (value.metaType() != QMetaType::fromType<QVariantMap>()) {
        errorMessage
            = QStringLiteral("expected a map for %1").arg(QLatin1StringView(m_gadget.name()));
        return std::nullopt;
    }
    const QVariantMap &map = *static_cast<const QVariantMap *>(value.constData());
    GadgetBuilder builder(m_gadget);
    for (qsizetype i = 0; i < builder.fieldCount(); ++i) {
        const auto it = map.constFind(QString::fromUtf8(builder.fieldName(i)));
        if (it != map.cend())
            builder.setField(i, *it);
    }
    QVariant gadget;
    if (!builder.take(gadget, &errorMessage))
        return std::nullopt;
    return gadget;
}

} // namespace EasyNet
