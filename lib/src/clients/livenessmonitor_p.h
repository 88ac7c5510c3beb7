// LivenessMonitor: LivenessOptions for an event-driven client. One timer is
// set for the next moment the idle timeout may expire or a heartbeat may be
// due; reads and sends move those moments (LivenessClock) without touching
// the timer, which, when it fires, looks again and sets itself anew.
#pragma once

#include "core/livenessclock_p.h"

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace EasyNet {

class AbstractClientPrivate;

class LivenessMonitor
{
public:
    explicit LivenessMonitor(AbstractClientPrivate &client) : m_client(client) { }
    ~LivenessMonitor();
    Q_DISABLE_COPY_MOVE(LivenessMonitor)

    const LivenessOptions &options() const { return m_clock.options(); }
    // Changed before connecting only (the client's options).
    LivenessOptions &options() { return m_clock.options(); }

    // The connection is up / is going down.
    void start();
    void stop();

    void received() { m_clock.received(); }
    void sent() { m_clock.sent(); }

private:
    void check();
    void arm();

    AbstractClientPrivate &m_client;
    LivenessClock m_clock;
    QTimer *m_timer = nullptr; // while running
};

} // namespace EasyNet
