// ReconnectBackoff: the delays of a ReconnectPolicy (see reconnectpolicy.h for
// the formula), with the random source injectable so that a test can drive the
// jitter to its bounds. No I/O, no clock.
#pragma once

#include <EasyNet/errors.h>
#include <EasyNet/reconnectpolicy.h>

#include <chrono>
#include <functional>

namespace EasyNet {

class ReconnectBackoff
{
public:
    // Uniform in [0, 1).
    using RandomSource = std::function<double()>;

    // random: QRandomGenerator::global() when empty.
    explicit ReconnectBackoff(RandomSource random = {});

    // Why policy cannot be used (InvalidArgument), or no error.
    static Error check(const ReconnectPolicy &policy);
    // The delay of attempt (1 for the first retry) without jitter: the most it can be.
    static std::chrono::milliseconds ceiling(const ReconnectPolicy &policy, int attempt);
    // The delay of attempt, with jitter.
    std::chrono::milliseconds delay(const ReconnectPolicy &policy, int attempt) const;

private:
    RandomSource m_random;
};

} // namespace EasyNet
