/// \class EasyNet::AbstractUnixClient
/// AbstractUnixClient: what UnixStreamClient and UnixDatagramClient share: a raw
/// AF_UNIX socket driven by QSocketNotifier, so that sendmsg()/recvmsg() carry
/// ancillary data (file descriptors, credentials), which QLocalSocket cannot.
///
/// Addresses: a UnixSocketAddress, or a string in its text form: a filesystem
/// path ("/tmp/x.sock", "./rel.sock"), "@name" for Linux's abstract namespace.
/// Or adopt an already connected socket of the client's type (the client then
/// owns and closes it). setBindAddress() binds first; a bound file is not
/// deleted on close, as the reference says.
///
/// Errors: no socket at the path is an OSError with errno ENOENT, a path with
/// nothing listening ConnectionRefused, a send to a closed peer BrokenPipe (no
/// SIGPIPE is ever raised), a full listener backlog is retried.
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/socketancillary.h>
#include <EasyNet/unixoptions.h>
#include <EasyNet/unixsocketaddress.h>

namespace EasyNet {

class AbstractUnixClientPrivate;

class EASYNET_EXPORT AbstractUnixClient : public AbstractClient
{
    Q_OBJECT
    Q_PROPERTY(
        EasyNet::UnixSocketAddress address READ address WRITE setAddress NOTIFY optionsChanged)
    Q_PROPERTY(qintptr socketDescriptor READ socketDescriptor WRITE setSocketDescriptor NOTIFY
                   optionsChanged)
    Q_PROPERTY(EasyNet::UnixSocketAddress bindAddress READ bindAddress WRITE setBindAddress NOTIFY
                   optionsChanged)
    Q_PROPERTY(
        bool passCredentials READ passCredentials WRITE setPassCredentials NOTIFY optionsChanged)

public:
    ~AbstractUnixClient() override;

    /// Where to connect, or an already connected socket to adopt.
    UnixSocketAddress address() const;
    /// Sets address(). Like every setter of the Unix clients: returns false,
    /// changes nothing and reports InvalidOperation once connecting has started,
    /// InvalidArgument for a value out of range.
    bool setAddress(const UnixSocketAddress &address);
    qintptr socketDescriptor() const; ///< -1: none to adopt
    /// Sets socketDescriptor(): the connected AF_UNIX socket to adopt.
    bool setSocketDescriptor(qintptr descriptor);

    /// Binds before connecting; a bound file is not deleted on close. A
    /// datagram client without one autobinds to a fresh abstract name.
    UnixSocketAddress bindAddress() const;
    /// Sets bindAddress().
    bool setBindAddress(const UnixSocketAddress &address);
    /// SO_PASSCRED: receive the sender's credentials with the data (see
    /// SocketAncillary::receivedCredentials()). Off by default; may change at
    /// any time.
    bool passCredentials() const;
    /// Sets passCredentials().
    bool setPassCredentials(bool enabled);

    using AbstractClient::recvPacket;
    using AbstractClient::sendPacket;
    /// Sends the packet with ancillary's descriptors and credentials to send.
    QFuture<void> sendPacket(const QVariant &packet, const SocketAncillary &ancillary);
    /// The next packet; what ancillary data comes with it is added to ancillary
    /// (a shared handle: keep a copy), received through a control buffer of
    /// ancillaryBufsize bytes.
    QFuture<QVariant> recvPacket(const SocketAncillary &ancillary,
                                 qsizetype ancillaryBufsize = SocketAncillary::DefaultBufferSize);

    /// The connection's own address; null before connecting and when unbound.
    UnixSocketAddress localAddress() const;
    /// The peer's address; null before connecting.
    UnixSocketAddress peerAddress() const;

protected:
    /// For UnixStreamClient and UnixDatagramClient.
    AbstractUnixClient(AbstractUnixClientPrivate &dd, QObject *parent);

private:
    EASYNET_DECLARE_CLIENT_PRIVATE(AbstractUnixClient)
    Q_DISABLE_COPY_MOVE(AbstractUnixClient)
};

} // namespace EasyNet
