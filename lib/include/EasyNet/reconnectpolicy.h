/// \class EasyNet::ReconnectPolicy
/// ReconnectPolicy: when ReconnectingClient tries again after a connection
/// failed or was lost: exponential backoff with jitter, and how many attempts
/// before it gives up.
///
/// Attempt n (1 for the first retry after a failure) waits
///
/// \verbatim
///   ceiling(n) = max(MinimumDelay, min(maxDelay, initialDelay * multiplier^(n-1)))
///   delay(n)   = max(MinimumDelay, ceiling(n) * (1 - jitter * r)),  r uniform in [0, 1)
/// \endverbatim
///
/// so jitter only ever shortens a delay: maxDelay is a hard bound, and
/// ceiling(n) * (1 - jitter) the lowest a delay can be. No delay is shorter than
/// MinimumDelay, also with an initialDelay of 0: a server that refuses at once
/// is never flooded with attempts (and the thread never spins).
#pragma once

#include <QtCore/QtGlobal>

#include <chrono>

namespace EasyNet {

struct ReconnectPolicy
{
    /// The default initialDelay: 1 s.
    static constexpr std::chrono::milliseconds DefaultInitialDelay {1000};
    /// The default maxDelay: 30 s.
    static constexpr std::chrono::milliseconds DefaultMaxDelay {30000};
    /// The default multiplier: each delay doubles.
    static constexpr double DefaultMultiplier = 2.0;
    /// The default jitter: delays are shortened by up to a fifth, at random.
    static constexpr double DefaultJitter = 0.2;
    /// The shortest delay between two attempts, whatever the policy says.
    static constexpr std::chrono::milliseconds MinimumDelay {10};

    /// The delay before the first retry; 0 or more.
    std::chrono::milliseconds initialDelay = DefaultInitialDelay;
    /// The longest delay; at least initialDelay.
    std::chrono::milliseconds maxDelay = DefaultMaxDelay;
    /// What each delay is multiplied by; 1 or more (1: a fixed interval).
    double multiplier = DefaultMultiplier;
    /// The fraction, from 0 to 1, by which a delay may be shortened at random
    /// (so that many clients of one server do not retry in step).
    double jitter = DefaultJitter;
    /// The attempts after a failure before ReconnectingClient gives up; 0:
    /// unlimited. A connection that succeeds starts the count again.
    int maxAttempts = 0;

    /// Equal when every field is equal.
    friend bool operator==(const ReconnectPolicy &, const ReconnectPolicy &) = default;
};

} // namespace EasyNet
