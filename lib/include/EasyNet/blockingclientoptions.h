/// \class EasyNet::BlockingClientOptions
/// BlockingClientOptions: what the options of every blocking client have
/// beside their transport's (BlockingTcpOptions, BlockingUdpOptions,
/// BlockingUnixOptions derive from it).
#pragma once

#include <EasyNet/livenessoptions.h>

#include <chrono>
#include <optional>

namespace EasyNet {

struct BlockingClientOptions
{
    /// The longest a blocking wait lasts before the client re-checks its state
    /// (AbstractBlockingClient::setRetryInterval()); none: forever.
    std::optional<std::chrono::milliseconds> retryInterval;
    /// The idle timeout and heartbeat (see LivenessOptions); off by default.
    LivenessOptions liveness;
};

} // namespace EasyNet
