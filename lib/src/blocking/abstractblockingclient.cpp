#include "abstractblockingclient_p.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QElapsedTimer>

namespace EasyNet {

AbstractBlockingClientPrivate::~AbstractBlockingClientPrivate() = default;

void AbstractBlockingClientPrivate::checkClientOptions(const BlockingClientOptions &options)
{
    const QString problem = LivenessClock::problem(options.liveness);
    checkArgument(problem.isEmpty(), problem);
}

void AbstractBlockingClientPrivate::sendLocked(const QVariant &packet,
                                               const SocketAncillary *ancillary,
                                               QDeadlineTimer deadline)
{
    checkIdle();
    const auto lock = socket.acquire(socket.sendMutex(), deadline);
    send(packet, ancillary, deadline);
    socket.liveness().sent();
}

Error AbstractBlockingClientPrivate::idleError() const
{
    const LivenessClock &liveness = socket.liveness();
    if (liveness.idleDeadline() > LivenessClock::Clock::now())
        return {};
    // Data nobody has read yet arrived all the same.
    if (SocketIo::hasPendingInput(socket.fd())) {
        socket.liveness().received();
        return {};
    }
    return liveness.idleError();
}

void AbstractBlockingClientPrivate::checkIdle()
{
    if (!socket.liveness().watchesIdle() || socket.isClosed())
        return;
    if (const Error idle = idleError(); idle.isError()) {
        close();
        idle.throwException();
    }
}

QDeadlineTimer AbstractBlockingClientPrivate::livenessStep(QDeadlineTimer deadline) const
{
    const LivenessClock &liveness = socket.liveness();
    if (!liveness.isEnabled())
        return deadline;
    const QDeadlineTimer check(liveness.nextCheck());
    return deadline.isForever() || check < deadline ? check : deadline;
}

void AbstractBlockingClientPrivate::serviceLiveness(QDeadlineTimer deadline)
{
    LivenessClock &liveness = socket.liveness();
    if (const Error idle = idleError(); idle.isError())
        throw IdleTimeout {idle};
    if (liveness.heartbeatDue() > LivenessClock::Clock::now())
        return;
    const std::unique_lock lock(socket.sendMutex(), std::try_to_lock);
    if (lock.owns_lock())
        send(liveness.options().heartbeatPacket, nullptr, deadline);
    liveness.sent(); // sent, or a sender is sending: the next one is an interval away
}

AbstractBlockingClient::AbstractBlockingClient(std::unique_ptr<AbstractBlockingClientPrivate> d)
    : d_ptr(std::move(d))
{
}

AbstractBlockingClient::~AbstractBlockingClient()
{
    close();
}

void AbstractBlockingClient::sendPacket(const QVariant &packet, QDeadlineTimer timeout)
{
    d_ptr->sendLocked(packet, nullptr, timeout);
}

QVariant AbstractBlockingClient::recvPacket(QDeadlineTimer timeout)
{
    return d_ptr->receiveLocked(timeout,
                                [&](QDeadlineTimer step) { return d_ptr->receive(step, {}); });
}

void AbstractBlockingClient::close()
{
    d_ptr->close();
}

bool AbstractBlockingClient::isClosed() const
{
    return d_ptr->socket.isClosed();
}

qintptr AbstractBlockingClient::fileno() const
{
    return isClosed() ? -1 : d_ptr->socket.fd();
}

SocketHandle AbstractBlockingClient::socket() const
{
    return d_ptr->socket.handle();
}

void AbstractBlockingClient::setRetryInterval(QDeadlineTimer::ForeverConstant)
{
    d_ptr->socket.setRetryForever();
}

void AbstractBlockingClient::setRetryInterval(std::chrono::milliseconds interval)
{
    d_ptr->socket.setRetryInterval(interval);
}

AbstractBlockingClient::PacketRange AbstractBlockingClient::receivedPackets(QDeadlineTimer timeout)
{
    return PacketRange(this, timeout);
}

AbstractBlockingClient::PacketRange::iterator &
AbstractBlockingClient::PacketRange::iterator::operator++()
{
    qint64 &remaining = m_range->m_remainingNs;
    QElapsedTimer waited;
    waited.start();
    try {
        m_packet = m_range->m_client->recvPacket(
            remaining < 0 ? QDeadlineTimer(QDeadlineTimer::Forever)
                          : QDeadlineTimer(std::chrono::nanoseconds(remaining)));
    } catch (const TimeoutError &) { // the budget is used up
        m_range = nullptr;
    } catch (const ClientClosedError &) {
        m_range = nullptr;
    } catch (const ConnectionAbortedError &) { // end of stream
        m_range = nullptr;
    }
    if (!m_range)
        m_packet = QVariant();
    else if (remaining >= 0) // only the time spent waiting here counts
        remaining = qMax<qint64>(0, remaining - waited.nsecsElapsed());
    return *this;
}

} // namespace EasyNet
