// UnixDatagramClient: the event-driven Unix datagram socket client (the
// reference's AsyncUnixDatagramClient), on a raw AF_UNIX SOCK_DGRAM socket driven
// by QSocketNotifier (Qt has no Unix datagram sockets). One packet per
// datagram, through a DatagramProtocol; ancillary data (descriptors,
// credentials) travels with a datagram, so it always belongs to its packet.
//
// - The socket is connected to the server's address. Unless setLocalAddress()
//   names one, it is bound to a fresh abstract address (Linux autobind) so that
//   the server can answer; a bound file is not deleted on close.
// - A datagram that fails to parse is reported (errorOccurred with
//   ErrorCode::DatagramParseError, and the pending recvPacket() future fails);
//   the client goes on with the next datagram. One larger than
//   maxDatagramSize is dropped and reported as a DatagramParseError of kind
//   TooLarge; its descriptors are closed.
// - No socket at the path: OSError with errno ENOENT; a stale socket file with
//   nothing bound: ConnectionRefused.
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/socketancillary.h>
#include <EasyNet/sockethandle.h>
#include <EasyNet/unixsocketaddress.h>

namespace EasyNet {

class UnixDatagramClientPrivate;

class EASYNET_EXPORT UnixDatagramClient : public AbstractClient
{
    Q_OBJECT
    Q_PROPERTY(EasyNet::UnixSocketAddress address READ address CONSTANT)

public:
    UnixDatagramClient(const UnixSocketAddress &address, const DatagramProtocol &protocol,
                       QObject *parent = nullptr);
    // address: UnixSocketAddress::fromString() form ("/path", "@abstract").
    UnixDatagramClient(const QString &address, const DatagramProtocol &protocol,
                       QObject *parent = nullptr);
    // Adopts an already connected AF_UNIX datagram socket.
    UnixDatagramClient(qintptr socketDescriptor, const DatagramProtocol &protocol,
                       QObject *parent = nullptr);
    ~UnixDatagramClient() override;

    UnixSocketAddress address() const;

    // Options: set before connecting starts (setPassCredentials() at any time).
    void setLocalAddress(const UnixSocketAddress &address);
    void setMaxDatagramSize(qsizetype bytes);
    qsizetype maxDatagramSize() const;
    void setPassCredentials(bool enabled); // SO_PASSCRED, see UnixStreamClient
    bool passCredentials() const;

    using AbstractClient::recvPacket;
    using AbstractClient::sendPacket;
    QFuture<void> sendPacket(const QVariant &packet, const SocketAncillary &ancillary);
    QFuture<QVariant> recvPacket(const SocketAncillary &ancillary,
                                 qsizetype ancillaryBufsize = SocketAncillary::DefaultBufferSize);

    // Valid once connected (null addresses otherwise).
    UnixSocketAddress localName() const;
    UnixSocketAddress peerName() const;
    SocketHandle socket() const;

private:
    Q_DECLARE_PRIVATE(UnixDatagramClient)
    Q_DISABLE_COPY_MOVE(UnixDatagramClient)
};

} // namespace EasyNet
