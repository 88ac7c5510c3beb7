#include "livenessmonitor_p.h"

#include "abstractclient_p.h"
#include "core/eventloopentry_p.h"
#include "transport/socketio_p.h"

#include <QtCore/QTimer>

namespace EasyNet {

LivenessMonitor::~LivenessMonitor()
{
    stop();
}

void LivenessMonitor::start()
{
    if (!m_clock.isEnabled() || m_timer)
        return;
    m_clock.start();
    m_timer = new QTimer(m_client.q_ptr);
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    QObject::connect(m_timer, &QTimer::timeout, m_client.q_ptr, [this] {
        const EventLoopEntry entry;
        check();
    });
    arm();
}

void LivenessMonitor::stop()
{
    // Possibly from inside the timer's own timeout(): deleted later.
    if (QTimer *timer = std::exchange(m_timer, nullptr)) {
        timer->stop();
        timer->deleteLater();
    }
}

void LivenessMonitor::arm()
{
    using namespace std::chrono;
    const auto wait = m_clock.nextCheck() - LivenessClock::Clock::now();
    // Rounded up: a timer that fires early only sets itself again.
    m_timer->start(qMax(ceil<milliseconds>(wait), milliseconds(0)));
}

void LivenessMonitor::check()
{
    const auto now = LivenessClock::Clock::now();
    if (m_clock.idleDeadline() <= now) {
        // Data the client has not read yet (autoRead off) arrived all the same.
        if (!SocketIo::hasPendingInput(int(m_client.descriptor()))) {
            m_client.transportFailed(m_clock.idleError());
            return; // stopped by the state change
        }
        m_clock.received();
    }
    if (m_clock.heartbeatDue() <= now) {
        m_client.q_ptr->send(m_clock.options().heartbeatPacket);
        m_clock.sent(); // also when it was refused (reported): the next one is an interval away
    }
    if (m_timer)
        arm();
}

} // namespace EasyNet
