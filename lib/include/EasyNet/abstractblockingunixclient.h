/// \class EasyNet::AbstractBlockingUnixClient
/// AbstractBlockingUnixClient: what BlockingUnixStreamClient and
/// BlockingUnixDatagramClient share: sending and receiving with ancillary data
/// (file descriptors, credentials) and the socket's addresses. See
/// AbstractBlockingClient for the threading and timeout rules, AbstractUnixClient
/// for addresses and errors.
#pragma once

#include <EasyNet/abstractblockingclient.h>
#include <EasyNet/blockingunixoptions.h>
#include <EasyNet/socketancillary.h>
#include <EasyNet/unixsocketaddress.h>

namespace EasyNet {

class EASYNET_EXPORT AbstractBlockingUnixClient : public AbstractBlockingClient
{
public:
    ~AbstractBlockingUnixClient() override;

    using AbstractBlockingClient::recvPacket;
    using AbstractBlockingClient::sendPacket;
    /// Sends the packet with ancillary's descriptors and credentials (a stream:
    /// with the packet's first byte; a datagram: with its datagram).
    void sendPacket(const QVariant &packet, const SocketAncillary &ancillary,
                    QDeadlineTimer timeout = QDeadlineTimer::Forever);
    /// Receives the next packet; the ancillary data that came with it is added
    /// to ancillary (a shared handle), received through a control buffer of
    /// ancillaryBufsize bytes.
    QVariant recvPacket(const SocketAncillary &ancillary,
                        qsizetype ancillaryBufsize = SocketAncillary::DefaultBufferSize,
                        QDeadlineTimer timeout = QDeadlineTimer::Forever);

    /// The socket's own address; null once closed and when unbound.
    UnixSocketAddress localAddress() const;
    /// The peer's address; null once closed.
    UnixSocketAddress peerAddress() const;

protected:
    /// For BlockingUnixStreamClient and BlockingUnixDatagramClient.
    explicit AbstractBlockingUnixClient(std::unique_ptr<AbstractBlockingClientPrivate> d);
};

} // namespace EasyNet
