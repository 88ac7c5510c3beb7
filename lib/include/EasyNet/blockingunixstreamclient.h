/// \class EasyNet::BlockingUnixStreamClient
/// BlockingUnixStreamClient: the blocking, thread-safe Unix stream client (the
/// reference's UnixStreamClient). See AbstractBlockingClient for the threading
/// and timeout rules; UnixStreamClient for addresses and ancillary data.
///
/// Ancillary data: sendPacket(packet, ancillary) sends the descriptors and
/// credentials with the packet's first byte. recvPacket(ancillary) collects what
/// arrives with the chunk that completes the packet; a chunk carrying ancillary
/// data that ends inside a packet throws EOFError (its descriptors are closed).
#pragma once

#include <EasyNet/abstractblockingunixclient.h>
#include <EasyNet/streamprotocol.h>
#include <EasyNet/unixcredentials.h>

#include <optional>

namespace EasyNet {

class EASYNET_EXPORT BlockingUnixStreamClient : public AbstractBlockingUnixClient
{
public:
    /// Connects to address; throws the exceptions of exceptions.h on failure.
    BlockingUnixStreamClient(const UnixSocketAddress &address, const StreamProtocol &protocol,
                             const BlockingUnixOptions &options = {});
    /// address: UnixSocketAddress::fromString() form ("/path", "@abstract").
    BlockingUnixStreamClient(const QString &address, const StreamProtocol &protocol,
                             const BlockingUnixOptions &options = {});
    /// Adopts a connected AF_UNIX stream socket (the client then owns it).
    BlockingUnixStreamClient(qintptr socketDescriptor, const StreamProtocol &protocol,
                             const BlockingUnixOptions &options = {});
    ~BlockingUnixStreamClient() override;

    /// Closes the write side; receiving goes on, and a later sendPacket() throws
    /// RuntimeError (ErrorCode::InvalidOperation). Idempotent; nothing once closed.
    void sendEof();

    /// SO_PEERCRED: the peer process's credentials at connect time.
    std::optional<UnixCredentials> peerCredentials() const;
};

} // namespace EasyNet
