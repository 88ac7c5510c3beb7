#include "happyeyeballsplanner_p.h"

#include <cerrno>

namespace EasyNet {

HappyEyeballsPlanner::HappyEyeballsPlanner(QList<QHostAddress> addresses,
                                           std::chrono::milliseconds delay)
    : m_addresses(std::move(addresses)), m_delay(std::max(delay, std::chrono::milliseconds::zero()))
{
}

std::optional<qsizetype> HappyEyeballsPlanner::takeDueAttempt(Clock::time_point now)
{
    const std::optional<Clock::time_point> due = nextAttemptTime();
    if (!due || *due > now)
        return std::nullopt;
    m_dueNow = false;
    m_lastStart = now;
    ++m_running;
    return m_next++;
}

std::optional<HappyEyeballsPlanner::Clock::time_point> HappyEyeballsPlanner::nextAttemptTime() const
{
    if (hasSucceeded() || m_next >= m_addresses.size())
        return std::nullopt;
    // Nothing running means nothing to wait for (RFC 8305: a failure starts
    // the next attempt without waiting for the delay).
    if (m_dueNow || m_running == 0)
        return Clock::time_point::min();
    return m_lastStart + m_delay;
}

void HappyEyeballsPlanner::attemptFailed(qsizetype index, const Error &error)
{
    Q_ASSERT(index >= 0 && index < m_next && m_running > 0);
    Q_UNUSED(index);
    --m_running;
    if (!m_firstError.isError())
        m_firstError = error;
    m_dueNow = true;
}

void HappyEyeballsPlanner::attemptSucceeded(qsizetype index)
{
    Q_ASSERT(index >= 0 && index < m_next && m_running > 0);
    --m_running;
    m_winner = index;
}

bool HappyEyeballsPlanner::hasFailed() const
{
    return !hasSucceeded() && m_running == 0 && m_next >= m_addresses.size();
}

Error HappyEyeballsPlanner::firstError() const
{
    if (m_firstError.isError())
        return m_firstError;
    return Error(ErrorCode::OSError, QStringLiteral("no address to connect to"), EADDRNOTAVAIL);
}

} // namespace EasyNet
