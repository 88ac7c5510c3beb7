/// \class EasyNet::BlockingUnixDatagramClient
/// BlockingUnixDatagramClient: the blocking, thread-safe Unix datagram client
/// (the reference's UnixDatagramClient). See AbstractBlockingClient for the
/// threading and timeout rules, UnixDatagramClient for addresses. One packet per
/// datagram; ancillary data travels with its datagram.
#pragma once

#include <EasyNet/abstractblockingunixclient.h>
#include <EasyNet/datagramprotocol.h>

namespace EasyNet {

class EASYNET_EXPORT BlockingUnixDatagramClient : public AbstractBlockingUnixClient
{
public:
    /// Connects to address; throws the exceptions of exceptions.h on failure.
    BlockingUnixDatagramClient(const UnixSocketAddress &address, const DatagramProtocol &protocol,
                               const BlockingUnixOptions &options = {});
    /// The same, with address in UnixSocketAddress::fromString() form ("/path", "@abstract").
    BlockingUnixDatagramClient(const QString &address, const DatagramProtocol &protocol,
                               const BlockingUnixOptions &options = {});
    /// Adopts a connected AF_UNIX datagram socket (the client then owns it).
    BlockingUnixDatagramClient(qintptr socketDescriptor, const DatagramProtocol &protocol,
                               const BlockingUnixOptions &options = {});
    ~BlockingUnixDatagramClient() override;
};

} // namespace EasyNet
