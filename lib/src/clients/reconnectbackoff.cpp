#include "reconnectbackoff_p.h"

#include <QtCore/QRandomGenerator>

#include <algorithm>
#include <cerrno>
#include <cmath>

namespace EasyNet {

using std::chrono::milliseconds;

ReconnectBackoff::ReconnectBackoff(RandomSource random)
    : m_random(random ? std::move(random)
                      : RandomSource([] { return QRandomGenerator::global()->generateDouble(); }))
{
}

Error ReconnectBackoff::check(const ReconnectPolicy &policy)
{
    QString why;
    if (policy.initialDelay.count() < 0)
        why = QStringLiteral("initialDelay must not be negative");
    else if (policy.maxDelay < policy.initialDelay)
        why = QStringLiteral("maxDelay must not be less than initialDelay");
    else if (!(std::isfinite(policy.multiplier) && policy.multiplier >= 1.0))
        why = QStringLiteral("multiplier must be 1 or more");
    else if (!(policy.jitter >= 0.0 && policy.jitter <= 1.0))
        why = QStringLiteral("jitter must be from 0 to 1");
    else if (policy.maxAttempts < 0)
        why = QStringLiteral("maxAttempts must not be negative (0: unlimited)");
    return why.isEmpty() ? Error() : Error(ErrorCode::InvalidArgument, why, EINVAL);
}

milliseconds ReconnectBackoff::ceiling(const ReconnectPolicy &policy, int attempt)
{
    // In double: the power overflows to infinity long before the cap stops mattering.
    const double grown = double(policy.initialDelay.count())
        * std::pow(policy.multiplier, double(std::max(attempt, 1) - 1));
    const double capped = std::min(grown, double(policy.maxDelay.count()));
    return std::max(ReconnectPolicy::MinimumDelay, milliseconds(qint64(capped)));
}

milliseconds ReconnectBackoff::delay(const ReconnectPolicy &policy, int attempt) const
{
    const milliseconds most = ceiling(policy, attempt);
    const double shortened = double(most.count()) * (1.0 - policy.jitter * m_random());
    return std::max(ReconnectPolicy::MinimumDelay, milliseconds(qint64(std::ceil(shortened))));
}

} // namespace EasyNet
