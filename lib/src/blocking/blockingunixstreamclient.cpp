#include "blockingstreamclient_p.h"
#include "blockingunix_p.h"

#include "transport/unixsocket_p.h"

#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/exceptions.h>

#include <poll.h>
#include <sys/socket.h>

namespace EasyNet {

namespace {

class BlockingUnixStreamClientPrivate final : public BlockingStreamClientPrivate
{
public:
    BlockingUnixStreamClientPrivate(int fd, const StreamProtocol &protocol,
                                    const BlockingUnixOptions &options)
        : BlockingStreamClientPrivate(fd, protocol, std::make_unique<PlainStreamChannel>(fd),
                                      options.maxRecvSize, options.maxPacketSize)
    {
        if (options.retryInterval)
            socket.setRetryInterval(*options.retryInterval);
    }

    // The ancillary data goes with the chunk's first byte; the rest (after a
    // partial write) goes without it.
    void sendWithAncillary(const QVariant &packet, const SocketAncillary &ancillary,
                           QDeadlineTimer deadline)
    {
        const QByteArray chunk = serialize(packet);
        for (;;) {
            const UnixSocket::IoResult result = UnixSocket::send(socket.fd(), chunk, &ancillary);
            if (result.wouldBlock) {
                socket.waitOrThrow(POLLOUT, deadline, "send");
                continue;
            }
            if (result.error.isError())
                result.error.throwException();
            writeAll(chunk.constData() + result.bytes, chunk.size() - result.bytes, deadline);
            return;
        }
    }
};

BlockingUnixStreamClientPrivate *d_of(const std::unique_ptr<AbstractBlockingClientPrivate> &d)
{
    return static_cast<BlockingUnixStreamClientPrivate *>(d.get());
}

std::unique_ptr<AbstractBlockingClientPrivate> makePrivate(int fd, const StreamProtocol &protocol,
                                                           const BlockingUnixOptions &options)
{
    return std::make_unique<BlockingUnixStreamClientPrivate>(fd, protocol, options);
}

} // namespace

BlockingUnixStreamClient::BlockingUnixStreamClient(const UnixSocketAddress &address,
                                                   const StreamProtocol &protocol,
                                                   const BlockingUnixOptions &options)
    : AbstractBlockingClient(
        makePrivate(connectUnix(address, SOCK_STREAM, options), protocol, options))
{
}

BlockingUnixStreamClient::BlockingUnixStreamClient(const QString &address,
                                                   const StreamProtocol &protocol,
                                                   const BlockingUnixOptions &options)
    : BlockingUnixStreamClient(parseUnixAddress(address), protocol, options)
{
}

BlockingUnixStreamClient::BlockingUnixStreamClient(qintptr socketDescriptor,
                                                   const StreamProtocol &protocol,
                                                   const BlockingUnixOptions &options)
    : AbstractBlockingClient(
        makePrivate(adoptUnix(socketDescriptor, SOCK_STREAM, options), protocol, options))
{
}

BlockingUnixStreamClient::~BlockingUnixStreamClient() = default;

void BlockingUnixStreamClient::sendPacket(const QVariant &packet, const SocketAncillary &ancillary,
                                          QDeadlineTimer timeout)
{
    const auto lock = d_ptr->socket.acquire(d_ptr->socket.sendMutex(), timeout);
    d_of(d_ptr)->sendWithAncillary(packet, ancillary, timeout);
}

QVariant BlockingUnixStreamClient::recvPacket(const SocketAncillary &ancillary,
                                              qsizetype ancillaryBufsize, QDeadlineTimer timeout)
{
    return d_ptr->receiveLocked(timeout, [&] {
        return d_of(d_ptr)->receive(
            timeout, ReadRequest {AncillaryRequest {ancillary, ancillaryBufsize}, {}});
    });
}

void BlockingUnixStreamClient::sendEof()
{
    d_of(d_ptr)->sendEof();
}

UnixSocketAddress BlockingUnixStreamClient::localAddress() const
{
    return socket().localUnixAddress();
}

UnixSocketAddress BlockingUnixStreamClient::peerAddress() const
{
    return socket().peerUnixAddress();
}

std::optional<UnixCredentials> BlockingUnixStreamClient::peerCredentials() const
{
    Error ignored;
    return isClosed() ? std::nullopt : UnixSocket::peerCredentials(int(fileno()), ignored);
}

} // namespace EasyNet
