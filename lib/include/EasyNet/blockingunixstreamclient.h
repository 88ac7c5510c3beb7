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

#include <EasyNet/abstractblockingclient.h>
#include <EasyNet/blockingunixoptions.h>
#include <EasyNet/socketancillary.h>
#include <EasyNet/streamprotocol.h>
#include <EasyNet/unixcredentials.h>
#include <EasyNet/unixsocketaddress.h>

#include <optional>

namespace EasyNet {

class EASYNET_EXPORT BlockingUnixStreamClient : public AbstractBlockingClient
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

    using AbstractBlockingClient::recvPacket;
    using AbstractBlockingClient::sendPacket;
    /// Sends the packet with ancillary's descriptors and credentials (with its first byte).
    void sendPacket(const QVariant &packet, const SocketAncillary &ancillary,
                    QDeadlineTimer timeout = QDeadlineTimer::Forever);
    /// Receives the next packet; the ancillary data of the chunk that completes it is
    /// added to ancillary, received through a control buffer of ancillaryBufsize bytes.
    QVariant recvPacket(const SocketAncillary &ancillary,
                        qsizetype ancillaryBufsize = SocketAncillary::DefaultBufferSize,
                        QDeadlineTimer timeout = QDeadlineTimer::Forever);

    /// Closes the write side; receiving goes on, and a later sendPacket() throws
    /// RuntimeError (ErrorCode::InvalidOperation). Idempotent; nothing once closed.
    void sendEof();

    /// The socket's own address; null once closed.
    UnixSocketAddress localAddress() const;
    /// The peer's address; null once closed.
    UnixSocketAddress peerAddress() const;
    /// SO_PEERCRED: the peer process's credentials at connect time.
    std::optional<UnixCredentials> peerCredentials() const;
};

} // namespace EasyNet
