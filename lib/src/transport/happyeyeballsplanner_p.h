// HappyEyeballsPlanner: the schedule of Happy Eyeballs connection attempts
// (RFC 8305 section 5), without any I/O, so that the QTimer-driven and the
// poll()-driven connectors share it. Given the addresses (already in
// interleaved order) and the Connection Attempt Delay, it says which attempt
// starts when; the caller does the connecting and reports each outcome.
//
//   HappyEyeballsPlanner plan(addresses, 250ms);
//   loop:
//     while (auto i = plan.takeDueAttempt(Clock::now())) start connect() to addresses[*i]
//     if (plan.hasFailed()) give up with plan.firstError()
//     wait for an outcome, at most until plan.nextAttemptTime()
//     on failure of i: plan.attemptFailed(i, error)   (the next attempt is due at once)
//     on success of i: plan.attemptSucceeded(i); cancel the other running attempts
#pragma once

#include <EasyNet/errors.h>

#include <QtCore/QList>
#include <QtNetwork/QHostAddress>

#include <chrono>
#include <optional>

namespace EasyNet {

class HappyEyeballsPlanner
{
public:
    using Clock = std::chrono::steady_clock;

    // delay: the Connection Attempt Delay (RFC 8305 recommends 250 ms); a
    // negative delay counts as zero (every attempt at once).
    HappyEyeballsPlanner(QList<QHostAddress> addresses, std::chrono::milliseconds delay);

    const QList<QHostAddress> &addresses() const { return m_addresses; }

    // The index (into addresses()) of the attempt to start at now, if one is
    // due, and marks it running. Call it until it returns nothing.
    std::optional<qsizetype> takeDueAttempt(Clock::time_point now);
    // When the next attempt becomes due: Clock::time_point::min() for "now",
    // nothing when no attempt is left to start (or the race is over).
    std::optional<Clock::time_point> nextAttemptTime() const;
    // The running attempt index failed (also when it could not even start):
    // the next attempt becomes due at once. The first error is kept.
    void attemptFailed(qsizetype index, const Error &error);
    // The running attempt index connected: the race is over, nothing more is due.
    void attemptSucceeded(qsizetype index);

    qsizetype runningAttempts() const { return m_running; }
    // True when every address was tried and every attempt failed.
    bool hasFailed() const;
    bool hasSucceeded() const { return m_winner >= 0; }
    // The error of the first attempt that failed; an OSError (EADDRNOTAVAIL)
    // when there was no address at all.
    Error firstError() const;

private:
    QList<QHostAddress> m_addresses;
    std::chrono::milliseconds m_delay;
    qsizetype m_next = 0;
    qsizetype m_running = 0;
    qsizetype m_winner = -1;
    bool m_dueNow = true; // the first attempt, or one right after a failure
    Clock::time_point m_lastStart;
    Error m_firstError;
};

} // namespace EasyNet
