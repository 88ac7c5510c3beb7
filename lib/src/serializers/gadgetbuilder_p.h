// GadgetBuilder: a Q_GADGET made of its fields, one at a time, with the rules
// of GadgetTypeConverter (gadgetconverter.h): every property set and
// convertible to its type, the last value of a field kept. The converter fills
// it from a map; a decoder that knows gadgets fills it straight from the
// parser, and reads the packet as a map instead when take() fails, so that
// the converter reports the error.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QMetaProperty>
#include <QtCore/QVariant>

#include <optional>

namespace EasyNet {

class GadgetBuilder
{
public:
    // A builder of gadget, a Q_GADGET type.
    explicit GadgetBuilder(QMetaType gadget);

    qsizetype fieldCount() const { return m_properties.size(); }
    // The name of field index (UTF-8: a C++ identifier).
    const QByteArray &fieldName(qsizetype index) const { return m_names[index]; }
    // The index of the field called name, or -1.
    qsizetype indexOf(QByteArrayView name) const;
    // Sets field index; a later call for the same field replaces the value.
    void setField(qsizetype index, QVariant value) { m_fields[index] = std::move(value); }

    // The gadget of the fields set since the last take(), or nullopt when a
    // field is missing or does not convert to its type (errorMessage, when
    // given, then says which). Clears the fields either way.
    std::optional<QVariant> take(QString *errorMessage = nullptr);

private:
    // Sets property of gadget to value, converted to the property's type
    // already; false when the property cannot be written.
    static bool write(const QMetaProperty &property, QVariant &gadget, const QVariant &value);
    void clearFields();

    QMetaType m_gadget;
    QList<QMetaProperty> m_properties;
    QList<QByteArray> m_names;
    QVariantList m_fields;
};

} // namespace EasyNet
