#include "abstractblockingclient_p.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QElapsedTimer>

namespace EasyNet {

AbstractBlockingClientPrivate::~AbstractBlockingClientPrivate() = default;

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
    const auto lock = d_ptr->socket.acquire(d_ptr->socket.sendMutex(), timeout);
    d_ptr->send(packet, nullptr, timeout);
}

QVariant AbstractBlockingClient::recvPacket(QDeadlineTimer timeout)
{
    return d_ptr->receiveLocked(timeout, [&] { return d_ptr->receive(timeout, {}); });
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
