#pragma once

#include <EasyNet/exceptions.h>

#include <QtCore/QLatin1StringView>
#include <QtCore/QVariant>

namespace EasyNet {

// How a serializer refuses a packet it cannot write: the SerializeError that
// send() reports, with a message that says why.
[[noreturn]] inline void refusePacket(const QString &message)
{
    throw SerializeError(Error(ErrorCode::SerializeError, message));
}

// What a refusal calls the type of packet: its name, or an invalid QVariant.
inline QLatin1StringView packetTypeName(const QVariant &packet)
{
    return packet.isValid() ? QLatin1StringView(packet.metaType().name())
                            : QLatin1StringView("an invalid QVariant");
}

} // namespace EasyNet
