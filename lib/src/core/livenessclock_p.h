// LivenessClock: the arithmetic of LivenessOptions, shared by both forms:
// when the peer was last heard from, when a packet last went out, and
// whether the idle timeout has expired or a heartbeat is due. The event-driven
// clients drive it from a timer (LivenessMonitor), the blocking ones from
// inside their calls. Thread-safe: a blocking client's sender and receiver
// touch it at once.
#pragma once

#include <EasyNet/errors.h>
#include <EasyNet/livenessoptions.h>

#include <atomic>
#include <chrono>

namespace EasyNet {

class LivenessClock
{
public:
    using Clock = std::chrono::steady_clock;

    // Why options cannot be used (naming the field), or an empty string.
    static QString problem(const LivenessOptions &options);

    const LivenessOptions &options() const { return m_options; }
    // Changed only while the clock does not run, or from its only thread.
    LivenessOptions &options() { return m_options; }
    bool watchesIdle() const { return m_options.idleTimeout.count() > 0; }
    bool sendsHeartbeats() const { return m_options.heartbeatInterval.count() > 0; }
    bool isEnabled() const { return watchesIdle() || sendsHeartbeats(); }

    // The connection is up: both clocks start now.
    void start();
    // Something arrived from the peer / a packet went out (cheap when the
    // option that needs it is off: no clock is read).
    void received()
    {
        if (watchesIdle())
            m_lastReceived.store(now(), std::memory_order_relaxed);
    }
    void sent()
    {
        if (sendsHeartbeats())
            m_lastSent.store(now(), std::memory_order_relaxed);
    }

    // When the idle timeout expires / the next heartbeat is due if nothing
    // happens meanwhile; Clock::time_point::max() when that is off.
    Clock::time_point idleDeadline() const;
    Clock::time_point heartbeatDue() const;
    // The earlier of the two.
    Clock::time_point nextCheck() const { return std::min(idleDeadline(), heartbeatDue()); }

    // What an expired idle timeout fails the connection with.
    Error idleError() const;

private:
    static Clock::rep now() { return Clock::now().time_since_epoch().count(); }
    static Clock::time_point at(const std::atomic<Clock::rep> &point);

    LivenessOptions m_options;
    std::atomic<Clock::rep> m_lastReceived {0};
    std::atomic<Clock::rep> m_lastSent {0};
};

} // namespace EasyNet
