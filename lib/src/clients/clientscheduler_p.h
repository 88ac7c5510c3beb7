// ClientScheduler: runs what the event-driven clients of one thread deferred
// (signals and futures from inside their public calls, coalesced writes,
// reads a receive asked for) at the start of the event loop's next pass: from
// the dispatcher's aboutToBlock() and awake(), one of which starts every pass
// (both do with the Unix dispatcher, aboutToBlock() alone while waiting with
// GLib's). That costs no wake-up, where a queued call would cost one (an
// eventfd write, a poll and a read: half the system calls of a round trip).
//
// One pass runs until nothing is left, also what the run itself scheduled (a
// future's continuation that sends again, on this client or another): so the
// thread never goes to sleep with work pending. Only work scheduled after the
// pass, before the thread blocks, wakes the dispatcher.
#pragma once

#include <QtCore/QObject>

#include <deque>

QT_FORWARD_DECLARE_CLASS(QAbstractEventDispatcher)

namespace EasyNet {

class AbstractClientPrivate;

class ClientScheduler final : public QObject
{
public:
    // The calling thread's scheduler; null when the thread has no event dispatcher.
    static ClientScheduler *current();

    // client->runDeferred() at the start of the next pass (once, however often
    // it is scheduled before that).
    void schedule(AbstractClientPrivate *client);
    // Forgets client (it is being destroyed).
    void cancel(AbstractClientPrivate *client);

private:
    explicit ClientScheduler(QAbstractEventDispatcher *dispatcher);
    void runPass(bool beforeBlocking);

    QAbstractEventDispatcher *m_dispatcher;
    std::deque<AbstractClientPrivate *> m_queue;
};

} // namespace EasyNet
