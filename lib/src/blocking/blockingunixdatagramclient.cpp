#include "blockingdatagramclient_p.h"
#include "blockingunix_p.h"

#include <EasyNet/blockingunixdatagramclient.h>
#include <EasyNet/exceptions.h>

#include <sys/socket.h>

namespace EasyNet {

namespace {

std::unique_ptr<AbstractBlockingClientPrivate> makePrivate(int fd, const DatagramProtocol &protocol,
                                                           const BlockingUnixOptions &options)
{
    return std::make_unique<BlockingDatagramClientPrivate>(fd, protocol, options.maxDatagramSize,
                                                           options);
}

} // namespace

BlockingUnixDatagramClient::BlockingUnixDatagramClient(const UnixSocketAddress &address,
                                                       const DatagramProtocol &protocol,
                                                       const BlockingUnixOptions &options)
    : AbstractBlockingUnixClient(
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
    : AbstractBlockingUnixClient(
        makePrivate(adoptUnix(socketDescriptor, SOCK_DGRAM, options), protocol, options))
{
}

BlockingUnixDatagramClient::~BlockingUnixDatagramClient() = default;

} // namespace EasyNet
