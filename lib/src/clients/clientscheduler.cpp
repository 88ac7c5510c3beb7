#include "clients/clientscheduler_p.h"

#include "clients/abstractclient_p.h"
#include "core/eventloopentry_p.h"

#include <QtCore/QAbstractEventDispatcher>
#include <QtCore/QPointer>

#include <algorithm>

namespace EasyNet {

ClientScheduler *ClientScheduler::current()
{
    // A child of the dispatcher, so it goes with it; the pointer clears then.
    static thread_local QPointer<ClientScheduler> t_scheduler;
    QAbstractEventDispatcher *const dispatcher = QAbstractEventDispatcher::instance();
    if (!dispatcher)
        return nullptr;
    if (!t_scheduler || t_scheduler->m_dispatcher != dispatcher)
        t_scheduler = new ClientScheduler(dispatcher);
    return t_scheduler;
}

ClientScheduler::ClientScheduler(QAbstractEventDispatcher *dispatcher)
    : QObject(dispatcher), m_dispatcher(dispatcher)
{
    QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this,
                     [this] { runPass(true); });
    QObject::connect(dispatcher, &QAbstractEventDispatcher::awake, this,
                     [this] { runPass(false); });
}

void ClientScheduler::schedule(AbstractClientPrivate *client)
{
    m_queue.push_back(client);
    // Scheduled after this thread's last pass, before it blocks: wake it, or
    // it would sleep with the work pending.
    if (EventLoopEntry::takeMayBlock())
        m_dispatcher->wakeUp();
}

void ClientScheduler::cancel(AbstractClientPrivate *client)
{
    std::erase(m_queue, client);
}

void ClientScheduler::runPass(bool beforeBlocking)
{
    {
        const EventLoopEntry entry;
        // A client's run may schedule more (this client or another): run that
        // too. A nested event loop inside a run takes from the same queue.
        while (!m_queue.empty()) {
            AbstractClientPrivate *const client = m_queue.front();
            m_queue.pop_front();
            client->runDeferred();
        }
    }
    if (beforeBlocking)
        EventLoopEntry::noteMayBlock();
}

} // namespace EasyNet
