#include "abstractblockingclient_p.h"

#include <EasyNet/exceptions.h>

namespace EasyNet {

AbstractBlockingClientPrivate::~AbstractBlockingClientPrivate() = default;

AbstractBlockingClient::AbstractBlockingClient(std::unique_ptr<AbstractBlockingClientPrivate> d)
    : d_ptr(std::move(d))
{}

AbstractBlockingClient::~AbstractBlockingClient()
{
    close();
}

void AbstractBlockingClient::sendPacket(const QVariant &packet, QDeadlineTimer timeout)
{
    const auto lock = d_ptr->socket.acquire(d_ptr->socket.sendMutex(), timeout);
    d_ptr->send(packet, timeout);
}

QVariant AbstractBlockingClient::recvPacket(QDeadlineTimer timeout)
{
    const auto lock = d_ptr->socket.acquire(d_ptr->socket.recvMutex(), timeout);
    return d_ptr->receive(timeout);
}

void AbstractBlockingClient::close()
{
    d_ptr->socket.close([this] { d_ptr->beforeClose(); });
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
    return SocketHandle(fileno());
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

AbstractBlockingClient::PacketRange::iterator &AbstractBlockingClient::PacketRange::iterator::operator++()
{
    try {
        m_packet = m_range->m_client->recvPacket(m_range->m_deadline);
    } catch (const TimeoutError &) {
        m_range = nullptr; // the deadline of the whole iteration has passed
        m_packet = QVariant();
    }
    return *this;
}

} // namespace EasyNet
