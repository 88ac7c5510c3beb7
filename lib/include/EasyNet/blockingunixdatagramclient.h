/// \class EasyNet::BlockingUnixDatagramClient
/// BlockingUnixDatagramClient: the blocking, thread-safe Unix datagram client
/// (the reference's UnixDatagramClient). See AbstractBlockingClient for the
/// threading and timeout rules, UnixDatagramClient for addresses. One packet per
/// datagram; ancillary data travels with its datagram.
#pragma once

#include <EasyNet/abstractblockingclient.h>
#include <EasyNet/blockingunixoptions.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/socketancillary.h>
#include <EasyNet/unixsocketaddress.h>

namespace EasyNet {

class EASYNET_EXPORT BlockingUnixDatagramClient : public AbstractBlockingClient
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

    using AbstractBlockingClient::recvPacket;
    using AbstractBlockingClient::sendPacket;
    /// Sends the packet in one datagram with ancillary's descriptors and credentials to send.
    void sendPacket(const QVariant &packet, const SocketAncillary &ancillary,
                    QDeadlineTimer timeout = QDeadlineTimer::Forever);
    /// Receives the next packet; the ancillary data of its datagram is added to
    /// ancillary, received through a control buffer of ancillaryBufsize bytes.
    QVariant recvPacket(const SocketAncillary &ancillary,
                        qsizetype ancillaryBufsize = SocketAncillary::DefaultBufferSize,
                        QDeadlineTimer timeout = QDeadlineTimer::Forever);

    /// The socket's own address; null once closed.
    UnixSocketAddress localAddress() const;
    /// The peer's address; null once closed.
    UnixSocketAddress peerAddress() const;
};

} // namespace EasyNet
