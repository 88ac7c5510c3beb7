#include "clients/receivequeue_p.h"

#include "clients/abstractclient_p.h"

#include <QtCore/QTimer>

namespace EasyNet {

bool ReceiveQueue::add(Deliver deliver, std::function<bool()> isCancelled, QDeadlineTimer deadline,
                       std::optional<AncillaryRequest> ancillary, bool endsQuietly)
{
    AbstractClient *const q = m_client.q_ptr;
    const quint64 id = m_nextId++;
    QTimer *timer = nullptr;
    if (!deadline.isForever() && !deadline.hasExpired()) {
        timer = new QTimer(q);
        timer->setSingleShot(true);
        timer->setTimerType(Qt::PreciseTimer);
        QObject::connect(timer, &QTimer::timeout, q, [this, id] {
            const EventLoopEntry entry;
            expire(id);
        });
        timer->start(std::chrono::milliseconds(deadline.remainingTime()));
    }
    const bool expired = deadline.hasExpired();
    m_receivers.push_back(Receiver {id, std::move(deliver), std::move(isCancelled), timer,
                                    std::move(ancillary), endsQuietly, expired});
    return expired;
}

ReceiveQueue::Receiver ReceiveQueue::takeFront()
{
    Receiver receiver = std::move(m_receivers.front());
    m_receivers.pop_front();
    delete receiver.timer;
    return receiver;
}

void ReceiveQueue::eraseCancelled()
{
    std::erase_if(m_receivers, [](Receiver &receiver) {
        if (!receiver.isCancelled())
            return false;
        if (receiver.timer)
            receiver.timer->deleteLater();
        return true;
    });
}

void ReceiveQueue::expireDue()
{
    std::vector<quint64> due;
    for (const Receiver &receiver : m_receivers)
        if (receiver.expiresAfterRead)
            due.push_back(receiver.id);
    for (const quint64 id : due)
        expire(id);
}

void ReceiveQueue::expire(quint64 id)
{
    for (auto it = m_receivers.begin(); it != m_receivers.end(); ++it) {
        if (it->id == id) {
            Deliver deliverTo = std::move(it->deliver);
            if (it->timer)
                it->timer->deleteLater();
            m_receivers.erase(it);
            m_client.deliver(
                [deliverTo = std::move(deliverTo)] { deliverTo(std::nullopt, nullptr); });
            return;
        }
    }
}

void ReceiveQueue::failFront(const Error &error, bool quietEnd)
{
    if (std::optional<Receiver> receiver = take())
        fail(*receiver, error, quietEnd);
}

void ReceiveQueue::failAll(const Error &error, bool quietEnd)
{
    for (Receiver &receiver : std::exchange(m_receivers, {})) {
        delete receiver.timer;
        fail(receiver, error, quietEnd);
    }
}

void ReceiveQueue::fail(Receiver &receiver, const Error &error, bool quietEnd)
{
    m_client.deliver(
        [deliverTo = std::move(receiver.deliver), error, quiet = receiver.endsQuietly && quietEnd] {
            deliverTo(std::nullopt, quiet ? nullptr : &error);
        });
}

} // namespace EasyNet
