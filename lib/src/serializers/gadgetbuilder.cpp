#include "serializers/gadgetbuilder_p.h"

namespace EasyNet {

GadgetBuilder::GadgetBuilder(QMetaType gadget)
    : m_gadget(gadget), m_fields(gadgetFields(*gadget.metaObject()))
{
    m_values.resize(m_fields.size());
}

qsizetype GadgetBuilder::indexOf(QByteArrayView name) const
{
    // Gadgets have a handful of properties: a scan beats a hash.
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        if (QByteArrayView(m_fields[i].name) == name)
            return i;
    }
    return -1;
}

qsizetype GadgetBuilder::indexOf(QStringView name) const
{
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        if (name == m_fields[i].text)
            return i;
    }
    return -1;
}

std::optional<QVariant> GadgetBuilder::take(QString *errorMessage)
{
    QVariant gadget(m_gadget);
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const GadgetField &field = m_fields[i];
        QVariant &value = m_values[i];
        if (!value.isValid() || !value.convert(field.type) || !write(field, gadget, value)) {
            if (errorMessage) {
                *errorMessage
                    = QStringLiteral("field '%1' missing or not a %2")
                          .arg(QLatin1StringView(field.name), QLatin1StringView(field.type.name()));
            }
            clearValues();
            return std::nullopt;
        }
        value = QVariant();
    }
    return gadget;
}

bool GadgetBuilder::write(const GadgetField &field, QVariant &gadget, const QVariant &value)
{
    if (field.type == QMetaType::fromType<QVariant>())
        return field.property.writeOnGadget(gadget.data(), value);
    if (!field.property.isWritable())
        return false;
    field.write(gadget.data(), value.constData());
    return true;
}

void GadgetBuilder::clearValues()
{
    for (QVariant &value : m_values)
        value = QVariant();
}

} // namespace EasyNet
