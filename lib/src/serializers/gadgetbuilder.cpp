#include "serializers/gadgetbuilder_p.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <utility>

namespace EasyNet {

namespace {

// Whether typeId is an integer type: signed (true), unsigned (false) or not
// an integer (nullopt). (char is signed on the platforms built for.)
std::optional<bool> integerSign(int typeId)
{
    switch (typeId) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Long:
    case QMetaType::Short:
    case QMetaType::Char:
    case QMetaType::SChar: return true;
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::ULong:
    case QMetaType::UShort:
    case QMetaType::UChar: return false;
    default: return std::nullopt;
    }
}

// Whether the number value keeps its value as an integer of type:
// QVariant::convert() wraps an integer beyond the type's range and rounds a
// fraction, silently. True for anything else (text, bool, a float type),
// which convert() itself accepts or refuses.
bool fitsInteger(const QVariant &value, QMetaType type)
{
    const std::optional<bool> typeSigned = integerSign(type.id());
    if (!typeSigned)
        return true;
    const bool isSigned = *typeSigned;
    const int bits = 8 * type.sizeOf();
    const int valueBits = isSigned ? bits - 1 : bits; // below 2^valueBits
    if (const std::optional<bool> valueSigned = integerSign(value.typeId())) {
        if (*valueSigned) {
            const qint64 number = value.toLongLong();
            if (!isSigned && number < 0)
                return false;
            if (bits == 64)
                return true;
            const qint64 bound = qint64(1) << valueBits;
            return number < bound && number >= (isSigned ? -bound : 0);
        }
        const quint64 number = value.toULongLong();
        return valueBits == 64 || number < (quint64(1) << valueBits);
    }
    if (value.typeId() == QMetaType::Double || value.typeId() == QMetaType::Float) {
        const double number = value.toDouble();
        const double bound = std::ldexp(1.0, valueBits);
        return std::trunc(number) == number && number < bound
            && number >= (isSigned ? -bound : 0.0);
    }
    return true;
}

// Whether value keeps its data inside itself, as QVariant does with a small
// relocatable type: a copy of it is then a copy of the data, not a share.
bool storedInside(const QVariant &value)
{
    const auto *const data = static_cast<const char *>(value.constData());
    const auto *const self = reinterpret_cast<const char *>(&value);
    return data >= self && data < self + sizeof(QVariant);
}

} // namespace

GadgetBuilder::GadgetBuilder(QMetaType gadget)
    : m_gadget(gadget)
    , m_fields(gadgetFields(*gadget.metaObject()))
    , m_values(size_t(m_fields.size()))
{
    m_setInPlace.resize(m_fields.size(), false);
}

bool GadgetBuilder::take(QVariant &out, QString *errorMessage)
{
    QVariant &gadget = building();
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        if (std::exchange(m_setInPlace[i], false))
            continue;
        const GadgetField &field = m_fields[i];
        QVariant &value = m_values[i];
        if (!fitsInteger(value, field.type)) {
            if (errorMessage) {
                *errorMessage = QStringLiteral("field '%1': %2 does not fit a %3")
                                    .arg(QLatin1StringView(field.name), value.toString(),
                                         QLatin1StringView(field.type.name()));
            }
            clear();
            return false;
        }
        if (!value.isValid() || !value.convert(field.type) || !write(field, gadget, value)) {
            if (errorMessage) {
                *errorMessage
                    = QStringLiteral("field '%1' missing or not a %2")
                          .arg(QLatin1StringView(field.name), QLatin1StringView(field.type.name()));
            }
            clear();
            return false;
        }
        value = QVariant();
    }
    if (m_reused) {
        QVariant(gadget).swap(out); // (see m_reused)
        return true;
    }
    out = std::move(gadget); // (a swap: m_building now holds what out held)
    if (gadget.isValid())
        gadget = QVariant();
    m_buildingData = nullptr; // building() makes the next gadget
    return true;
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
    if (m_buildingData)
        return m_building;
    m_building = QVariant(m_gadget);
    m_buildingData = m_building.data();
    m_reused = storedInside(m_building);
    return m_building;
}

void GadgetBuilder::clear()
{
    for (QVariant &value : m_values)
        value = QVariant();
    std::fill(m_setInPlace.begin(), m_setInPlace.end(), false);
    if (!m_reused) {
        m_building = QVariant();
        m_buildingData = nullptr;
    }
}

} // namespace EasyNet
