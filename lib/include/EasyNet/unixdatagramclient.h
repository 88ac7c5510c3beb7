/// \class EasyNet::UnixDatagramClient
/// UnixDatagramClient: the event-driven Unix datagram socket client (the
/// reference's AsyncUnixDatagramClient), on a raw AF_UNIX SOCK_DGRAM socket driven
/// by QSocketNotifier (Qt has no Unix datagram sockets). One packet per
/// datagram, through a DatagramProtocol; ancillary data (descriptors,
/// credentials) travels with a datagram, so it always belongs to its packet.
///
/// - The socket is connected to the server's address. Unless setBindAddress()
///   names one, it is bound to a fresh abstract address (Linux autobind) so that
///   the server can answer; a bound file is not deleted on close.
/// - A datagram that fails to parse is reported (errorOccurred with
///   ErrorCode::DatagramParseError, and the pending recvPacket() future fails);
///   the client goes on with the next datagram. One larger than
///   maxDatagramSize is dropped and reported as a DatagramParseError of kind
///   TooLarge; its descriptors are closed.
/// - No socket at the path: OSError with errno ENOENT; a stale socket file with
///   nothing bound: ConnectionRefused.
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/unixoptions.h>
#include <EasyNet/socketancillary.h>
#include <EasyNet/unixsocketaddress.h>

namespace EasyNet {

class UnixDatagramClientPrivate;

class EASYNET_EXPORT UnixDatagramClient : public AbstractClient
{
    Q_OBJECT
    Q_PROPERTY(
        EasyNet::UnixSocketAddress address READ address WRITE setAddress NOTIFY optionsChanged)
    Q_PROPERTY(qintptr socketDescriptor READ socketDescriptor WRITE setSocketDescriptor NOTIFY
                   optionsChanged)
    Q_PROPERTY(
        EasyNet::DatagramProtocol protocol READ protocol WRITE setProtocol NOTIFY optionsChanged)
    Q_PROPERTY(EasyNet::UnixSocketAddress bindAddress READ bindAddress WRITE setBindAddress NOTIFY
                   optionsChanged)
    Q_PROPERTY(qsizetype maxDatagramSize READ maxDatagramSize WRITE setMaxDatagramSize NOTIFY
                   optionsChanged)
    Q_PROPERTY(
        bool passCredentials READ passCredentials WRITE setPassCredentials NOTIFY optionsChanged)

public:
    /// A client with no address yet: set the options, then open().
    explicit UnixDatagramClient(QObject *parent = nullptr);
    /// Convenience: the same as setting address and protocol. address:
    /// UnixSocketAddress::fromString() form ("/path", "@abstract").
    UnixDatagramClient(const UnixSocketAddress &address, const DatagramProtocol &protocol,
                       QObject *parent = nullptr);
    /// The same, with address in UnixSocketAddress::fromString() form.
    UnixDatagramClient(const QString &address, const DatagramProtocol &protocol,
                       QObject *parent = nullptr);
    /// Aborts the connection if still open.
    ~UnixDatagramClient() override;

    /// Where to send, or an already connected AF_UNIX datagram socket to adopt.
    UnixSocketAddress address() const;
    /// Sets address(). Like every setter below: returns false, changes nothing and reports
    /// InvalidOperation once connecting has started, InvalidArgument for a value out of range.
    bool setAddress(const UnixSocketAddress &address);
    qintptr socketDescriptor() const; ///< -1: none to adopt
    /// Sets socketDescriptor(): the connected AF_UNIX datagram socket to adopt.
    bool setSocketDescriptor(qintptr descriptor);

    /// How packets are serialized to datagrams and parsed back.
    DatagramProtocol protocol() const;
    /// Sets protocol().
    bool setProtocol(const DatagramProtocol &protocol);

    /// Binds before connecting (default: a fresh abstract name, Linux autobind).
    UnixSocketAddress bindAddress() const;
    /// Sets bindAddress().
    bool setBindAddress(const UnixSocketAddress &address);
    /// The largest datagram received or sent.
    qsizetype maxDatagramSize() const;
    /// Sets maxDatagramSize(); false (InvalidArgument) unless positive.
    bool setMaxDatagramSize(qsizetype bytes);
    bool passCredentials() const; ///< SO_PASSCRED, see UnixStreamClient
    /// Sets passCredentials().
    bool setPassCredentials(bool enabled);

    using AbstractClient::recvPacket;
    using AbstractClient::sendPacket;
    /// Sends the packet in one datagram with ancillary's descriptors and credentials to send.
    QFuture<void> sendPacket(const QVariant &packet, const SocketAncillary &ancillary);
    /// The next packet; the ancillary data of its datagram is added to ancillary (a
    /// shared handle: keep a copy), received through a control buffer of
    /// ancillaryBufsize bytes.
    QFuture<QVariant> recvPacket(const SocketAncillary &ancillary,
                                 qsizetype ancillaryBufsize = SocketAncillary::DefaultBufferSize);

    /// The connection's own and peer addresses; null before connecting.
    UnixSocketAddress localAddress() const;
    /// The peer's address; null before connecting.
    UnixSocketAddress peerAddress() const;

private:
    EASYNET_DECLARE_CLIENT_PRIVATE(UnixDatagramClient)
    Q_DISABLE_COPY_MOVE(UnixDatagramClient)
};

} // namespace EasyNet
