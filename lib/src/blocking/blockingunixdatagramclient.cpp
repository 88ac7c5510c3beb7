#include "blockingdatagramclient_p.h"
#include "blockingunix_p.h"

#include "transport/unixsocket_p.h"

#include <EasyNet/blockingunixdatagramclient.h>
#include <EasyNet/exceptions.h>

#include <poll.h>
#include <sys/socket.h>

namespace EasyNet {

namespace {

class BlockingUnixDatagramClientPrivate final : public BlockingDatagramClientPrivate
{
public:
    BlockingUnixDatagramClientPrivate(int fd, const DatagramProtocol &protocol,
                                      const BlockingUnixOptions &options)
        : BlockingDatagramClientPrivate(fd, protocol, options.maxDatagramSize)
    {
        if (options.retryInterval)
            socket.setRetryInterval(*options.retryInterval);
    }

    void sendWithAncillary(const QVariant &packet, const SocketAncillary &ancillary,
                           QDeadlineTimer deadline)
    {
        const QByteArray datagram = m_protocol.makeDatagram(packet);
        for (;;) {
            const UnixSocket::IoResult result = UnixSocket::send(socket.fd(), datagram, &ancillary);
            if (!result.wouldBlock) {
                if (result.error.isError())
                    result.error.throwException();
                return;
            }
            socket.waitOrThrow(POLLOUT, deadline, "send");
        }
    }
};

BlockingUnixDatagramClientPrivate *d_of(const std::unique_ptr<AbstractBlockingClientPrivate> &d)
{
    return static_cast<BlockingUnixDatagramClientPrivate *>(d.get());
}

std::unique_ptr<AbstractBlockingClientPrivate> makePrivate(int fd, const DatagramProtocol &protocol,
                                                           const BlockingUnixOptions &options)
{
    return std::make_unique<BlockingUnixDatagramClientPrivate>(fd, protocol, options);
}

} // namespace

BlockingUnixDatagramClient::BlockingUnixDatagramClient(const UnixSocketAddress &address,
                                                       const DatagramProtocol &protocol,
                                                       const BlockingUnixOptions &options)
    : AbstractBlockingClient(
        makePrivate(connectUnix(address, SOCK_DGRAM, options), protocol, options))
{
}

BlockingUnixDatagramClient::BlockingUnixDatagramClient(const QString &address,
                                                       const DatagramProtocol &protocol,
                                                       const BlockingUnixOptions &options)
    : BlockingUnixDatagramClient(parseUnixAddress(address), protocol, options)
{
}

BlockingUnixDatagramClient::BlockingUnixDatagramClient(qintptr socketDescriptor,
                                                       const DatagramProtocol &protocol,
                                                       const BlockingUnixOptions &options)
    : AbstractBlockingClient(
        makePrivate(adoptUnix(socketDescriptor, SOCK_DGRAM, options), protocol, options))
{
}

BlockingUnixDatagramClient::~BlockingUnixDatagramClient() = default;

void BlockingUnixDatagramClient::sendPacket(const QVariant &packet,
                                            const SocketAncillary &ancillary,
                                            QDeadlineTimer timeout)
{
    const auto lock = d_ptr->socket.acquire(d_ptr->socket.sendMutex(), timeout);
    d_of(d_ptr)->sendWithAncillary(packet, ancillary, timeout);
}

QVariant BlockingUnixDatagramClient::recvPacket(const SocketAncillary &ancillary,
                                                qsizetype ancillaryBufsize, QDeadlineTimer timeout)
{
    return d_ptr->receiveLocked(timeout, [&] {
        return d_of(d_ptr)->receive(
            timeout, ReadRequest {AncillaryRequest {ancillary, ancillaryBufsize}, {}});
    });
}

UnixSocketAddress BlockingUnixDatagramClient::localAddress() const
{
    return socket().localUnixAddress();
}

UnixSocketAddress BlockingUnixDatagramClient::peerAddress() const
{
    return socket().peerUnixAddress();
}

} // namespace EasyNet
