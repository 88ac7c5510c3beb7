// The name of a Q_ENUM value, as toString() and QDebug output show it.
#pragma once

#include <QtCore/QMetaEnum>

namespace EasyNet {

// "Unknown" for a value outside the enum (e.g. cast from a newer peer's number).
template<typename Enum>
const char *enumKey(Enum value)
{
    const char *key = QMetaEnum::fromType<Enum>().valueToKey(int(value));
    return key ? key : "Unknown";
}

} // namespace EasyNet
