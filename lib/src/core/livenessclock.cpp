#include "livenessclock_p.h"

#include <cerrno>

namespace EasyNet {

QString LivenessClock::problem(const LivenessOptions &options)
{
    if (options.idleTimeout.count() < 0)
        return QStringLiteral("idleTimeout must not be negative (0: off)");
    if (options.heartbeatInterval.count() < 0)
        return QStringLiteral("heartbeatInterval must not be negative (0: off)");
    if (options.heartbeatInterval.count() > 0 && !options.heartbeatPacket.isValid())
        return QStringLiteral("a heartbeatInterval needs a heartbeatPacket");
    return {};
}

void LivenessClock::start()
{
    const Clock::rep started = now();
    m_lastReceived.store(started, std::memory_order_relaxed);
    m_lastSent.store(started, std::memory_order_relaxed);
}

LivenessClock::Clock::time_point LivenessClock::at(const std::atomic<Clock::rep> &point)
{
    return Clock::time_point(Clock::duration(point.load(std::memory_order_relaxed)));
}

LivenessClock::Clock::time_point LivenessClock::idleDeadline() const
{
    return watchesIdle() ? at(m_lastReceived) + m_options.idleTimeout : Clock::time_point::max();
}

LivenessClock::Clock::time_point LivenessClock::heartbeatDue() const
{
    return sendsHeartbeats() ? at(m_lastSent) + m_options.heartbeatInterval
                             : Clock::time_point::max();
}

Error LivenessClock::idleError() const
{
    return Error(ErrorCode::Timeout,
                 QStringLiteral("nothing received for %1 ms (idleTimeout)")
                     .arg(m_options.idleTimeout.count()),
                 ETIMEDOUT);
}

} // namespace EasyNet
