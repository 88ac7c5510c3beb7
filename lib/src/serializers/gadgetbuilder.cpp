#include "serializers/gadgetbuilder_p.h"

#include "serializers/gadgetproperty_p.h"

#include <QtCore/QMetaObject>

namespace EasyNet {

GadgetBuilder::GadgetBuilder(QMetaType gadget) : m_gadget(gadget)
{
    const QMetaObject *meta = gadget.metaObject();
    Q_ASSERT(meta);
    for (int i = meta->propertyOffset(); i < meta->propertyCount(); ++i) {
        m_properties.append(meta->property(i));
        m_names.append(QByteArray(m_properties.back().name()));
    }
    m_fields.resize(m_properties.size());
}

qsizetype GadgetBuilder::indexOf(QByteArrayView name) const
{
    // Gadgets have a handful of properties: a scan beats a hash.
    for (qsizetype i = 0; i < m_names.size(); ++i) {
        if (QByteArrayView(m_names[i]) == name)
            return i;
    }
    return -1;
}

qsizetype GadgetBuilder::indexOf(QStringView name) const
{
    for (qsizetype i = 0; i < m_names.size(); ++i) {
        if (name == QLatin1StringView(m_names[i])) // (an identifier: ASCII)
            return i;
    }
    return -1;
}

std::optional<QVariant> GadgetBuilder::take(QString *errorMessage)
{
    QVariant gadget(m_gadget);
    for (qsizetype i = 0; i < m_properties.size(); ++i) {
        const QMetaProperty &property = m_properties[i];
        QVariant &field = m_fields[i];
        if (!field.isValid() || !field.convert(property.metaType())
            || !write(property, gadget, field)) {
            if (errorMessage) {
                *errorMessage = QStringLiteral("field '%1' missing or not a %2")
                                    .arg(QLatin1StringView(property.name()),
                                         QLatin1StringView(property.typeName()));
            }
            clearFields();
            return std::nullopt;
        }
        field = QVariant();
    }
    return gadget;
}

bool GadgetBuilder::write(const QMetaProperty &property, QVariant &gadget, const QVariant &value)
{
    if (property.metaType() == QMetaType::fromType<QVariant>())
        return property.writeOnGadget(gadget.data(), value);
    if (!property.isWritable())
        return false;
    writeGadgetProperty(property, gadget.data(), value.constData());
    return true;
}

void GadgetBuilder::clearFields()
{
    for (QVariant &field : m_fields)
        field = QVariant();
}

} // namespace EasyNet
