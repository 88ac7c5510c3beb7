// GadgetField: one property of a Q_GADGET as the hot path of GadgetConverter's
// packets reads and writes it. QMetaProperty looks up the type, the index and
// the name again on every call, and readOnGadget()/writeOnGadget() make,
// convert and check a QVariant each time; a GadgetField has them looked up
// once and calls the gadget's static metacall as moc generates it (argv[0]: a
// value of the property's type), the call QMetaProperty itself makes.
#pragma once

#include <QtCore/QList>
#include <QtCore/QMetaProperty>
#include <QtCore/QString>

namespace EasyNet {

struct GadgetField
{
    explicit GadgetField(const QMetaProperty &metaProperty);

    // The property's value, T being the property's type.
    template<typename T>
    T read(const void *gadget) const
    {
        Q_ASSERT(type == QMetaType::fromType<T>());
        T value {};
        void *argv[] = {&value, nullptr};
        metacall(reinterpret_cast<QObject *>(const_cast<void *>(gadget)), QMetaObject::ReadProperty,
                 relativeIndex, argv);
        return value;
    }
    // Sets the property from *value, of the property's type (not a QVariant
    // property: writeOnGadget() handles those). It must be writable.
    void write(void *gadget, const void *value) const
    {
        Q_ASSERT(writable && type != QMetaType::fromType<QVariant>());
        void *argv[] = {const_cast<void *>(value), nullptr};
        metacall(reinterpret_cast<QObject *>(gadget), QMetaObject::WriteProperty, relativeIndex,
                 argv);
    }

    QMetaProperty property;
    QMetaType type;
    int typeId;
    int relativeIndex;
    bool writable;
    QByteArray name; // an identifier: ASCII
    QString text; // the name as the writers' map key
    bool plainName; // every byte JsonWriter::isPlain(): a JSON string as it stands
    QByteArray jsonKey; // with plainName: "name": as JSON writes it before a value
    QMetaObject::Data::StaticMetacallFunction metacall;
};

// The fields of meta's own properties (from propertyOffset()), in declaration
// order: looked up on the first use of the type, then kept. Thread-safe.
const QList<GadgetField> &gadgetFields(const QMetaObject &meta);

} // namespace EasyNet
