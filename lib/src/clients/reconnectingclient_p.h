// ReconnectingClientPrivate: the supervisor's state machine. Each attempt is a
// fresh client from the factory, a child of the supervisor, known by a
// generation number so that nothing a retired client still delivers (a hook's
// future, say) is mistaken for the current one's. User code (signals, futures
// finishing) runs through deliver(): at once from the event loop, deferred to
// the next pass while one of the supervisor's public calls runs (CallScope).
#pragma once

#include "clients/reconnectbackoff_p.h"
#include "core/uniquefunction_p.h"

#include <EasyNet/reconnectingclient.h>

#include <QtCore/QPointer>
#include <QtCore/QPromise>
#include <QtCore/QTimer>

#include <deque>
#include <memory>

namespace EasyNet {

class ReconnectingClientPrivate
{
    Q_DECLARE_PUBLIC(ReconnectingClient)

public:
    explicit ReconnectingClientPrivate(ReconnectingClient *q);

    // Open while a public call runs: what it delivers waits for the event loop.
    struct CallScope
    {
        explicit CallScope(ReconnectingClientPrivate &d) : owner(d) { ++d.m_calls; }
        ~CallScope() { --owner.m_calls; }
        Q_DISABLE_COPY_MOVE(CallScope)
        ReconnectingClientPrivate &owner;
    };

    // Queues function (user code: a signal, a promise finishing); it runs at
    // the end of the event loop's call that queued it (fromEventLoop()), or,
    // queued by a public call, from the event loop's next pass. In order.
    template<typename F>
    void deliver(F &&function)
    {
        m_deferred.emplace_back(std::forward<F>(function));
        scheduleDeferred();
    }
    // Runs handler (called by the event loop: a client's signal, a timer), then
    // what it delivered unless a public call is under way. The supervisor may
    // be gone after: touch nothing.
    template<typename F>
    void fromEventLoop(F &&handler)
    {
        {
            const CallScope scope(*this);
            handler();
        }
        if (m_calls == 0)
            runDeferred();
    }
    // Runs what was deferred (the event loop's pass, or the destructor).
    void runDeferred();

    void setState(ReconnectingClient::State state);
    void reportError(const Error &error);
    // Makes a client and opens it; false when there is no factory (nothing changed).
    bool attempt();
    // The current client went (failed, lost, or its hook failed): retire it and wait.
    void connectionLost(bool closeGracefully);
    // The next attempt after a delay, or gaveUp() once the attempts are used up.
    void scheduleRetry();
    // Retires the current client (no more of its signals here), closing it
    // gracefully or aborting it; the future finishes once it is closed.
    QFuture<void> retire(bool gracefully);
    // Fails every queued packet with error.
    void failQueued(const Error &error);

    ReconnectingClient *q_ptr;
    ReconnectingClient::ClientFactory m_factory;
    ReconnectingClient::ConnectionHook m_hook;
    ReconnectPolicy m_policy;
    ReconnectBackoff m_backoff;
    int m_maxQueued = ReconnectingClient::DefaultMaxQueuedPackets;
    struct QueuedPacket
    {
        QVariant packet;
        std::shared_ptr<QPromise<void>> promise; // shared: QFuture::then() copies its callable
    };
    std::deque<QueuedPacket> m_queue;
    ReconnectingClient::State m_state = ReconnectingClient::State::Unconnected;
    QPointer<AbstractClient> m_client;
    quint64 m_generation = 0; // of m_client; a retired client's is older
    int m_attempt = 0; // attempts since the last connection (or open())
    QTimer m_retryTimer;
    Error m_lastError;

private:
    void scheduleDeferred();
    void onClientConnected();
    void onClientError(const Error &error);
    // The current client's packets, as AbstractClient emits them: in bulk,
    // or each on its own (then also in a list of its own when both signals
    // are connected).
    void forwardPackets(const QVariantList &packets);
    void hookFinished(const QFuture<void> &hook);
    void becomeConnected();
    void handOver(QueuedPacket &&queued);

    int m_calls = 0; // CallScopes open
    std::deque<UniqueFunction> m_deferred;
    bool m_deferredScheduled = false;
};

} // namespace EasyNet
