#include "abstractblockingclient_p.h"

#include <EasyNet/abstractblockingunixclient.h>

namespace EasyNet {

AbstractBlockingUnixClient::AbstractBlockingUnixClient(
    std::unique_ptr<AbstractBlockingClientPrivate> d)
    : AbstractBlockingClient(std::move(d))
{
}

AbstractBlockingUnixClient::~AbstractBlockingUnixClient() = default;

void AbstractBlockingUnixClient::sendPacket(const QVariant &packet,
                                            const SocketAncillary &ancillary,
                                            QDeadlineTimer timeout)
{
    const auto lock = d_ptr->socket.acquire(d_ptr->socket.sendMutex(), timeout);
    d_ptr->send(packet, &ancillary, timeout);
}

QVariant AbstractBlockingUnixClient::recvPacket(const SocketAncillary &ancillary,
                                                qsizetype ancillaryBufsize, QDeadlineTimer timeout)
{
    return d_ptr->receiveLocked(timeout, [&] {
        return d_ptr->receive(timeout,
                              ReadRequest {AncillaryRequest {ancillary, ancillaryBufsize}, {}});
    });
}

UnixSocketAddress AbstractBlockingUnixClient::localAddress() const
{
    return socket().localUnixAddress();
}

UnixSocketAddress AbstractBlockingUnixClient::peerAddress() const
{
    return socket().peerUnixAddress();
}

} // namespace EasyNet
