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
    BlockingUnixDatagramClient(const UnixSocketAddress &address, const DatagramProtocol &protocol,
                               const BlockingUnixOptions &options = {});
    BlockingUnixDatagramClient(const QString &address, const DatagramProtocol &protocol,
                               const BlockingUnixOptions &options = {});
    /// Adopts a connected AF_UNIX datagram socket (the client then owns it).
    BlockingUnixDatagramClient(qintptr socketDescriptor, const DatagramProtocol &protocol,
                               const BlockingUnixOptions &options = {});
    ~BlockingUnixDatagramClient() override;

    using AbstractBlockingClient::recvPacket;
    using AbstractBlockingClient::sendPacket;
    void sendPacket(const QVariant &packet, const SocketAncillary &ancillary,
                    QDeadlineTimer timeout = QDeadlineTimer::Forever);
    QVariant recvPacket(SocketAncillary &ancillary,
                        qsizetype ancillaryBufsize = SocketAncillary::DefaultBufferSize,
                        QDeadlineTimer timeout = QDeadlineTimer::Forever);

    UnixSocketAddress localName() const;
    UnixSocketAddress peerName() const;
};

} // namespace EasyNet
