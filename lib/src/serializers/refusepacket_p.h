#pragma once

#include <EasyNet/exceptions.h>

namespace EasyNet {

// How a serializer refuses a packet it cannot write: the SerializeError that
// send() reports, with a message that says why.
[[noreturn]] inline void refusePacket(const QString &message)
{
    throw SerializeError(Error(ErrorCode::SerializeError, message));
}

} // namespace EasyNet
