// GadgetBuilder: a Q_GADGET made of its fields, one at a time, with the rules
// of GadgetTypeConverter (gadgetconverter.h): every property set and
// convertible to its type, the last value of a field kept. The converter fills
// it from a map; a decoder that knows gadgets fills it straight from the
// parser (readGadgetOr()), and reads the packet as a map instead when that
// fails, so that the converter reports the error.
#pragma once

#include "serializers/gadgetfield_p.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QVarLengthArray>
#include <QtCore/QVariant>

#include <cstring>
#include <memory>
#include <vector>

namespace EasyNet {

class GadgetBuilder
{
public:
    // A builder of gadget, a Q_GADGET type.
    explicit GadgetBuilder(QMetaType gadget);

    qsizetype fieldCount() const { return m_fields.size(); }
    // The name of field index (an identifier: ASCII).
    const QByteArray &fieldName(qsizetype index) const { return m_fields[index].name; }
    // The index of the field called name (UTF-8, or text), or -1.
    qsizetype indexOf(QByteArrayView name)
    {
        return indexWhere([name](const GadgetField &field) { return hasName(field, name); });
    }
    qsizetype indexOf(QStringView name)
    {
        return indexWhere([name](const GadgetField &field) { return hasName(field, name); });
    }
    // The index of a field for which isIt(field) is true, or -1: the field
    // after the one found last is looked at first, inline. The fields of a
    // packet usually come in declaration order (every writer here sends them
    // so). Gadgets have a handful of properties: then a scan of them all
    // beats a hash.
    template<typename IsIt>
    qsizetype indexWhere(IsIt &&isIt)
    {
        const qsizetype count = m_fields.size();
        qsizetype index = m_expected;
        if (index >= count || !isIt(m_fields.constData()[index])) {
            index = 0;
            while (index < count && !isIt(m_fields.constData()[index]))
                ++index;
            if (index == count)
                return -1;
        }
        m_expected = index + 1 < count ? index + 1 : 0;
        return index;
    }
    // Sets field index; a later call for the same field replaces the value.
    void setField(qsizetype index, QVariant value)
    {
        m_values[index] = std::move(value);
        m_setInPlace[index] = false;
    }
    // Whether setInteger() can set field index in place (a writable int or
    // qlonglong field).
    bool takesIntegers(qsizetype index) const
    {
        const GadgetField &field = m_fields[index];
        return field.writable
            && (field.typeId == QMetaType::Int || field.typeId == QMetaType::LongLong);
    }
    // Sets field index from a parsed scalar without a QVariant in between,
    // when that gives what setField() would: the field has the value's own
    // type (an integer that fits an int field too) and a plain setter.
    // Returns false, having set nothing, when the field needs setField().
    bool setInteger(qsizetype index, qint64 value)
    {
        if (m_fields[index].typeId == QMetaType::Int && value == int(value))
            return setInPlace(index, int(value));
        return setInPlace(index, qlonglong(value));
    }
    template<typename T>
    bool setInPlace(qsizetype index, const T &value)
    {
        const GadgetField &field = m_fields[index];
        if (field.typeId != QMetaType::fromType<T>().id() || !field.writable)
            return false;
        field.write(buildingData(), &value);
        if (m_values[index].isValid()) // set earlier by setField(): this value is later
            m_values[index] = QVariant();
        m_setInPlace[index] = true;
        return true;
    }

    // The gadget of the fields set since the last take() into out, or false
    // when a field is missing, does not convert to its type or is a number
    // that type cannot hold (errorMessage, when given, then says which; out
    // is unchanged). Clears the fields either way.
    bool take(QVariant &out, QString *errorMessage = nullptr);
    // Drops the fields set since the last take().
    void clear();

private:
    // Sets field of gadget to value, converted to the field's type already;
    // false when the property cannot be written.
    static bool write(const GadgetField &field, QVariant &gadget, const QVariant &value);
    static bool hasName(const GadgetField &field, QByteArrayView name)
    {
        // (QByteArrayView's == is a call even when the sizes differ)
        return field.name.size() == name.size()
            && std::memcmp(field.name.constData(), name.data(), size_t(name.size())) == 0;
    }
    static bool hasName(const GadgetField &field, QStringView name) { return name == field.text; }
    // The gadget the fields set in place are written into, made on first use.
    QVariant &building();
    // Where building()'s value is, without a call to QVariant::data() per field.
    void *buildingData()
    {
        if (!m_buildingData)
            building();
        return m_buildingData;
    }

    QMetaType m_gadget;
    // (const, and a std::vector: no check for a detach on every access)
    const QList<GadgetField> m_fields;
    std::vector<QVariant> m_values; // of the fields, invalid until set
    QVarLengthArray<bool, 16> m_setInPlace; // of the fields: set in m_building
    qsizetype m_expected = 0; // the field after the one indexOf() found last
    QVariant m_building; // the gadget being built: m_buildingData points into it
    void *m_buildingData = nullptr; // m_building.data(), once made
    // A small gadget, kept inside m_building, is made once and copied out by
    // take(); the next packet writes over it, and every field is written
    // before take() succeeds. A larger one is shared by a copy, and made anew
    // for each packet.
    bool m_reused = false;
};

// A decoder's builder of gadget, or none when gadget is invalid (the decoder
// then reads as the plain one).
inline std::unique_ptr<GadgetBuilder> gadgetBuilderFor(QMetaType gadget)
{
    return gadget.isValid() ? std::make_unique<GadgetBuilder>(gadget) : nullptr;
}

// The packet of one frame for a decoder that may know gadgets. With a
// builder: the gadget when fillFields(*builder) reads the frame's top-level
// map into the fields (by indexOf() and setField(), each value as the plain
// decoder reads it; false to give up: not a map, a key that is not text, an
// error) and take() makes it. Else readPlain(out): the frame as the plain
// decoder reads it, the map the converter then refuses with its message, or
// the plain decoder's error. Returns what readPlain() returns, or true.
template<typename FillFields, typename ReadPlain>
bool readGadgetOr(GadgetBuilder *builder, QVariant &out, FillFields &&fillFields,
                  ReadPlain &&readPlain)
{
    if (builder) {
        if (fillFields(*builder)) {
            if (builder->take(out))
                return true;
        } else {
            builder->clear();
        }
    }
    return readPlain(out);
}

} // namespace EasyNet
