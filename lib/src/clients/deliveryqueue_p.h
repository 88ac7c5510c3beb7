// DeliveryQueue: how a client runs user code (a signal, a future finishing).
// Straight from the event loop (EventLoopEntry), with nothing waiting before
// it, a delivery runs at once; inside a public call or inside user code it is
// queued, in order, and runs from the event loop's next pass, where the
// ClientScheduler calls the client's AbstractClientPrivate::runDeferred().
#pragma once

#include "core/eventloopentry_p.h"
#include "core/uniquefunction_p.h"

#include <QtCore/QPointer>

#include <deque>

namespace EasyNet {

class AbstractClientPrivate;
class ClientScheduler;

class DeliveryQueue
{
public:
    explicit DeliveryQueue(AbstractClientPrivate &client) : m_client(client) { }
    ~DeliveryQueue();
    Q_DISABLE_COPY_MOVE(DeliveryQueue)

    // Knows whether the client was destroyed while it lived (by user code).
    struct LifeGuard
    {
        explicit LifeGuard(DeliveryQueue &owner) : queue(owner), previous(owner.m_lifeGuards)
        {
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
            // The destructor unlinks it again (g++ cannot see that it does).
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif
            owner.m_lifeGuards = this;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
        }
        ~LifeGuard()
        {
            if (alive)
                queue.m_lifeGuards = previous;
        }
        Q_DISABLE_COPY_MOVE(LifeGuard)
        DeliveryQueue &queue;
        LifeGuard *previous;
        bool alive = true;
    };
    // Holds deliveries back while a change of several steps is half made (a
    // connection ending): what it delivers runs once the client is consistent.
    struct Hold
    {
        explicit Hold(DeliveryQueue &owner) : queue(owner) { ++owner.m_holds; }
        ~Hold();
        Q_DISABLE_COPY_MOVE(Hold)
        DeliveryQueue &queue;
    };

    // Runs function now when called straight from the event loop and nothing
    // waits before it, else queues it for the event loop's next pass.
    // Everything it queued earlier goes first. Returns false when the user
    // code destroyed the client: touch nothing then.
    template<typename F>
    bool deliver(F &&function)
    {
        if (EventLoopEntry::active() && m_deferred.empty() && m_holds == 0) {
            const LifeGuard guard(*this);
            EventLoopEntry::callUserCode(function);
            if (!guard.alive)
                return false;
            if (!m_deferred.empty()) // what the user code's calls deferred
                return runDeferredCalls();
            return true;
        }
        m_deferred.emplace_back(std::forward<F>(function));
        scheduleRun();
        return true;
    }
    // Whether a Hold is open: nothing may be delivered at once.
    bool isHeld() const
    {
        return m_holds != 0;
    }
    // Runs the deferred calls (the caller is straight below the event loop);
    // false when they destroyed the client.
    bool runDeferredCalls();
    // The client's runDeferred() at the next pass; false when the thread has
    // no event loop.
    bool scheduleRun();
    // The scheduled run has begun: what it schedules again (its own calls'
    // work, or a nested event loop's) runs in a later turn of the same pass.
    void runStarted()
    {
        m_runScheduled = false;
    }

private:
    AbstractClientPrivate &m_client;
    bool m_runScheduled = false;
    QPointer<ClientScheduler> m_scheduler; // where runDeferred() is scheduled
    std::deque<UniqueFunction> m_deferred;
    int m_holds = 0; // Hold scopes open
    LifeGuard *m_lifeGuards = nullptr; // the innermost; each links to the one before
};

} // namespace EasyNet
