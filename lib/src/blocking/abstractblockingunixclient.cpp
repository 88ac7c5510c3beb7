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
    d_ptr->sendLocked(packet, &ancillary, timeout);
}

QVariant AbstractBlockingUnixClient::recvPacket(const SocketAncillary &ancillary,
                                                qsizetype ancillaryBufsize, QDeadlineTimer timeout)
{
    return d_ptr->receiveLocked(timeout, [&](QDeadlineTimer step) {
        return d_ptr->receive(step,
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
