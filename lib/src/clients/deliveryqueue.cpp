#include "clients/deliveryqueue_p.h"

#include "clients/abstractclient_p.h"
#include "clients/clientscheduler_p.h"

namespace EasyNet {

DeliveryQueue::~DeliveryQueue()
{
    if (m_scheduler)
        m_scheduler->cancel(&m_client);
    for (LifeGuard *guard = m_lifeGuards; guard; guard = guard->previous)
        guard->alive = false;
}

DeliveryQueue::Hold::~Hold()
{
    if (--queue.m_holds == 0 && !queue.m_deferred.empty() && EventLoopEntry::active())
        queue.runDeferredCalls();
}

bool DeliveryQueue::scheduleRun()
{
    if (m_runScheduled)
        return true;
    // The thread's scheduler, looked up again only when the client moved threads.
    ClientScheduler *scheduler = m_scheduler.data();
    if (!scheduler || scheduler->thread() != m_client.q_ptr->thread()) {
        scheduler = ClientScheduler::current();
        if (!scheduler)
            return false;
        if (m_scheduler)
            m_scheduler->cancel(&m_client);
        m_scheduler = scheduler;
    }
    m_runScheduled = true;
    scheduler->schedule(&m_client);
    return true;
}

bool DeliveryQueue::runDeferredCalls()
{
    const LifeGuard guard(*this);
    while (!m_deferred.empty()) {
        UniqueFunction call = std::move(m_deferred.front());
        m_deferred.pop_front();
        EventLoopEntry::callUserCode(call);
        if (!guard.alive)
            return false;
    }
    return true;
}

} // namespace EasyNet
