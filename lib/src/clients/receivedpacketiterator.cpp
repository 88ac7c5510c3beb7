#include "abstractclient_p.h"

#include <EasyNet/receivedpacketiterator.h>

namespace EasyNet {

ReceivedPacketIterator::ReceivedPacketIterator(AbstractClient *client,
                                               std::optional<std::chrono::milliseconds> budget)
    : m_client(client), m_budget(std::make_shared<Budget>(Budget {budget}))
{
}

std::optional<std::chrono::milliseconds> ReceivedPacketIterator::remainingTime() const
{
    return m_budget->remaining;
}

QFuture<std::optional<QVariant>> ReceivedPacketIterator::next()
{
    using Result = std::optional<QVariant>;
    if (!m_client || m_client->isClosing())
        return QtFuture::makeReadyFuture<Result>(std::nullopt);
    auto promise = std::make_shared<QPromise<Result>>();
    promise->start();
    QFuture<Result> future = promise->future();
    const QDeadlineTimer deadline = m_budget->remaining
        ? QDeadlineTimer(*m_budget->remaining, Qt::PreciseTimer)
        : QDeadlineTimer(QDeadlineTimer::Forever);
    // Only the wait counts: what is left of the budget is taken when next() ends.
    auto budget = m_budget;
    const auto settle = [budget, deadline] {
        if (budget->remaining)
            budget->remaining
                = std::chrono::milliseconds(qMax<qint64>(0, deadline.remainingTime()));
    };
    m_client->d_func()->addReceiver(
        [promise, settle](std::optional<QVariant> &&packet, const Error *error) {
            if (promise->isCanceled())
                return false;
            settle();
            if (error)
                promise->setException(error->toExceptionPtr());
            else
                promise->addResult(std::move(packet));
            promise->finish();
            return true;
        },
        [promise] { return promise->isCanceled(); }, deadline, {}, true);
    return future;
}

} // namespace EasyNet
