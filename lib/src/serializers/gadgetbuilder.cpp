#include "serializers/gadgetbuilder_p.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace EasyNet {

GadgetBuilder::GadgetBuilder(QMetaType gadget)
    : m_gadget(gadget), m_fields(gadgetFields(*gadget.metaObject()))
{
    m_values.resize(m_fields.size());
    m_setInPlace.resize(m_fields.size(), false);
}

qsizetype GadgetBuilder::indexOf(QByteArrayView name) const
{
    // Gadgets have a handful of properties: a scan beats a hash.
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        // (QByteArrayView's == is a call even when the sizes differ)
        const QByteArray &field = m_fields[i].name;
        if (field.size() == name.size()
            && std::memcmp(field.data(), name.data(), size_t(name.size())) == 0)
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
    QVariant &gadget = building();
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        if (std::exchange(m_setInPlace[i], false))
            continue;
        const GadgetField &field = m_fields[i];
        QVariant &value = m_values[i];
        if (!value.isValid() || !value.convert(field.type) || !write(field, gadget, value)) {
            if (errorMessage) {
                *errorMessage
                    = QStringLiteral("field '%1' missing or not a %2")
                          .arg(QLatin1StringView(field.name), QLatin1StringView(field.type.name()));
            }
            clear();
            return std::nullopt;
        }
        value = QVariant();
    }
    return std::move(gadget); // (leaves m_building invalid, for the next gadget)
}

bool GadgetBuilder::write(const GadgetField &field, QVariant &gadget, const QVariant &value)
{
    if (field.type == QMetaType::fromType<QVariant>())
        return field.property.writeOnGadget(gadget.data(), value);
    if (!field.writable)
        return false;
    field.write(gadget.data(), value.constData());
    return true;
}

QVariant &GadgetBuilder::building()
{
    if (!m_building.isValid())
        m_building = QVariant(m_gadget);
    return m_building;
}

void GadgetBuilder::clear()
{
    for (QVariant &value : m_values)
        value = QVariant();
    std::fill(m_setInPlace.begin(), m_setInPlace.end(), false);
    m_building = QVariant();
}

} // namespace EasyNet
