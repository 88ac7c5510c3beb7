/// \class EasyNet::BlockingUnixOptions
/// BlockingUnixOptions: the options of the blocking Unix clients, UnixOptions
/// and the timeouts only they have. The sizes a client uses must be positive,
/// or its constructor throws ValueError; so does adopting a descriptor that is
/// not an AF_UNIX socket of the client's type.
#pragma once

#include <EasyNet/blockingclientoptions.h>
#include <EasyNet/unixoptions.h>

#include <chrono>
#include <optional>

namespace EasyNet {

struct BlockingUnixOptions : UnixOptions, BlockingClientOptions
{
    std::optional<std::chrono::milliseconds> connectTimeout; ///< none: forever
};

} // namespace EasyNet
