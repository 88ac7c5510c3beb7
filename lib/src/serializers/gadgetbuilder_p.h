// GadgetBuilder: a Q_GADGET made of its fields, one at a time, with the rules
// of GadgetTypeConverter (gadgetconverter.h): every property set and
// convertible to its type, the last value of a field kept. The converter fills
// it from a map; a decoder that knows gadgets fills it straight from the
// parser, and reads the packet as a map instead when take() fails, so that
// the converter reports the error.
#pragma once

#include "serializers/gadgetfield_p.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QVariant>

#include <optional>

namespace EasyNet {

class GadgetBuilder
{
public:
    // A builder of gadget, a Q_GADGET type.
    explicit GadgetBuilder(QMetaType gadget);

    qsizetype fieldCount() const { return m_fields.size(); }
    // The name of field index (an identifier: ASCII).
    const QByteArray &fieldName(qsizetype index) const { return m_fields[index].name; }
    // The index of the field called name, or -1.
    qsizetype indexOf(QByteArrayView name) const;
    // Sets field index; a later call for the same field replaces the value.
    void setField(qsizetype index, QVariant value) { m_values[index] = std::move(value); }

    // The gadget of the fields set since the last take(), or nullopt when a
    // field is missing or does not convert to its type (errorMessage, when
    // given, then says which). Clears the fields either way.
    std::optional<QVariant> take(QString *errorMessage = nullptr);

private:
    // Sets field of gadget to value, converted to the field's type already;
    // false when the property cannot be written.
    static bool write(const GadgetField &field, QVariant &gadget, const QVariant &value);
    void clearValues();

    QMetaType m_gadget;
    QList<GadgetField> m_fields;
    QVariantList m_values; // of the fields, invalid until set
};

} // namespace EasyNet
