// Reading and writing a Q_GADGET's property in place, through the gadget's
// static metacall as moc generates it (argv[0]: a value of the property's
// type), without the QVariant that QMetaProperty::readOnGadget() and
// writeOnGadget() make, convert and check for every call: the hot path of
// GadgetConverter's packets. This is the call QMetaProperty makes itself.
#pragma once

#include <QtCore/QMetaProperty>

namespace EasyNet {

// Copies the property's value into *value, a T of the property's type.
template<typename T>
void readGadgetProperty(const QMetaProperty &property, const void *gadget, T *value)
{
    Q_ASSERT(property.metaType() == QMetaType::fromType<T>());
    void *argv[] = {value, nullptr};
    property.enclosingMetaObject()->d.static_metacall(
        reinterpret_cast<QObject *>(const_cast<void *>(gadget)), QMetaObject::ReadProperty,
        property.relativePropertyIndex(), argv);
}

// Sets the property from *value, a value of the property's type (not a
// QVariant property: QMetaProperty::writeOnGadget() handles those). The
// property must be writable.
inline void writeGadgetProperty(const QMetaProperty &property, void *gadget, const void *value)
{
    Q_ASSERT(property.isWritable() && property.metaType() != QMetaType::fromType<QVariant>());
    void *argv[] = {const_cast<void *>(value), nullptr};
    property.enclosingMetaObject()->d.static_metacall(reinterpret_cast<QObject *>(gadget),
                                                      QMetaObject::WriteProperty,
                                                      property.relativePropertyIndex(), argv);
}

} // namespace EasyNet
