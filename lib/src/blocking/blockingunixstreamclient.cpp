#include "blockingstreamclient_p.h"
#include "blockingunix_p.h"

#include "transport/unixsocket_p.h"

#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/exceptions.h>

#include <sys/socket.h>

namespace EasyNet {

namespace {

std::unique_ptr<AbstractBlockingClientPrivate> makePrivate(int fd, const StreamProtocol &protocol,
                                                           const BlockingUnixOptions &options)
{
    return std::make_unique<BlockingStreamClientPrivate>(fd, protocol, nullptr, options.maxRecvSize,
                                                         options.maxPacketSize, options);
}

} // namespace

BlockingUnixStreamClient::BlockingUnixStreamClient(const UnixSocketAddress &address,
                                                   const StreamProtocol &protocol,
                                                   const BlockingUnixOptions &options)
    : AbstractBlockingUnixClient(
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
    : AbstractBlockingUnixClient(
        makePrivate(adoptUnix(socketDescriptor, SOCK_STREAM, options), protocol, options))
{
}

BlockingUnixStreamClient::~BlockingUnixStreamClient() = default;

void BlockingUnixStreamClient::sendEof()
{
    static_cast<BlockingStreamClientPrivate *>(d_ptr.get())->sendEof();
}

std::optional<UnixCredentials> BlockingUnixStreamClient::peerCredentials() const
{
    Error ignored;
    return isClosed() ? std::nullopt : UnixSocket::peerCredentials(int(fileno()), ignored);
}

} // namespace EasyNet
