/// \class EasyNet::UnixStreamClient
/// UnixStreamClient: the event-driven Unix stream socket client (the reference's
/// AsyncUnixStreamClient), on a raw AF_UNIX SOCK_STREAM socket driven by
/// QSocketNotifier: sendmsg()/recvmsg() give ancillary data (file descriptors,
/// credentials) and peer credentials, which QLocalSocket cannot.
///
/// \code
///   auto protocol = StreamProtocol(std::make_shared<JsonSerializer>());
///   auto *client = new UnixStreamClient(QStringLiteral("/run/app.sock"), protocol, this);
///   client->open();
///   SocketAncillary fds;
///   fds.addFileDescriptors({memfd});
///   co_await client->sendPacket(QVariantMap{{"op", "share"}}, fds);
/// \endcode
///
/// Addresses: a UnixSocketAddress, or a string in its text form: a filesystem
/// path ("/tmp/x.sock", "./rel.sock"), "@name" for Linux's abstract namespace.
/// Or adopt an already connected socket (the client then owns and closes it).
/// setBindAddress() binds first; a bound file is not deleted on close, as the
/// reference says.
///
/// Ancillary data on a stream travels with a chunk of bytes, not with a packet.
/// recvPacket(ancillary) gives the packet that completes in the chunk that
/// carried the ancillary data; when that chunk ends in the middle of a packet,
/// the receive fails with an EOFError (ErrorCode::EndOfStream: "partial chunk
/// with ancillary data", as the reference), the descriptors that came with the
/// chunk are closed, and the stream goes on (its bytes are kept). Ancillary data
/// arriving while no recvPacket(ancillary) waits is discarded by the kernel (no
/// descriptor reaches the process). A control buffer too small for what arrived
/// fails the receive (OSError EMSGSIZE, MSG_CTRUNC) after closing the descriptors
/// that did arrive; the bytes stay in the stream.
///
/// Errors: no socket at the path is an OSError with errno ENOENT, a path with
/// nothing listening ConnectionRefused, a send to a closed peer BrokenPipe (no
/// SIGPIPE is ever raised), a full listener backlog is retried.
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/socketancillary.h>
#include <EasyNet/streamprotocol.h>
#include <EasyNet/unixoptions.h>
#include <EasyNet/unixcredentials.h>
#include <EasyNet/unixsocketaddress.h>

#include <optional>

namespace EasyNet {

class UnixStreamClientPrivate;

class EASYNET_EXPORT UnixStreamClient : public AbstractClient
{
    Q_OBJECT
    Q_PROPERTY(
        EasyNet::UnixSocketAddress address READ address WRITE setAddress NOTIFY optionsChanged)
    Q_PROPERTY(qintptr socketDescriptor READ socketDescriptor WRITE setSocketDescriptor NOTIFY
                   optionsChanged)
    Q_PROPERTY(
        EasyNet::StreamProtocol protocol READ protocol WRITE setProtocol NOTIFY optionsChanged)
    Q_PROPERTY(EasyNet::UnixSocketAddress bindAddress READ bindAddress WRITE setBindAddress NOTIFY
                   optionsChanged)
    Q_PROPERTY(qsizetype maxRecvSize READ maxRecvSize WRITE setMaxRecvSize NOTIFY optionsChanged)
    Q_PROPERTY(
        qsizetype maxPacketSize READ maxPacketSize WRITE setMaxPacketSize NOTIFY optionsChanged)
    Q_PROPERTY(
        bool passCredentials READ passCredentials WRITE setPassCredentials NOTIFY optionsChanged)

public:

    /// A client with no address yet: set the options, then open().
    explicit UnixStreamClient(QObject *parent = nullptr);
    /// Convenience: the same as setting address and protocol. address:
    /// UnixSocketAddress::fromString() form ("/path", "@abstract").
    UnixStreamClient(const UnixSocketAddress &address, const StreamProtocol &protocol,
                     QObject *parent = nullptr);
    /// The same, with address in UnixSocketAddress::fromString() form.
    UnixStreamClient(const QString &address, const StreamProtocol &protocol,
                     QObject *parent = nullptr);
    /// Aborts the connection if still open.
    ~UnixStreamClient() override;

    /// Where to connect, or an already connected AF_UNIX stream socket to
    /// adopt (the client then owns and closes it).
    UnixSocketAddress address() const;
    /// Sets address(). Like every setter below: returns false, changes nothing and reports
    /// InvalidOperation once connecting has started, InvalidArgument for a value out of range.
    bool setAddress(const UnixSocketAddress &address);
    qintptr socketDescriptor() const; ///< -1: none to adopt
    /// Sets socketDescriptor(): the connected AF_UNIX stream socket to adopt.
    bool setSocketDescriptor(qintptr descriptor);

    /// How packets are serialized to the stream and parsed back.
    StreamProtocol protocol() const;
    /// Sets protocol().
    bool setProtocol(const StreamProtocol &protocol);

    /// Binds before connecting; a bound file is not deleted on close.
    UnixSocketAddress bindAddress() const;
    /// Sets bindAddress().
    bool setBindAddress(const UnixSocketAddress &address);
    qsizetype maxRecvSize() const; ///< bytes read per recvmsg()
    /// Sets maxRecvSize(); false (InvalidArgument) unless positive.
    bool setMaxRecvSize(qsizetype bytes);
    qsizetype maxPacketSize() const; ///< the stream decoder's limit
    /// Sets maxPacketSize(); false (InvalidArgument) unless positive.
    bool setMaxPacketSize(qsizetype bytes);
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

    /// Closes the write side once queued data is flushed; the peer sees end of
    /// stream, receiving goes on. Idempotent; connects first if needed, does
    /// nothing after close.
    QFuture<void> sendEof();

    /// The connection's own and peer addresses; null before connecting.
    UnixSocketAddress localAddress() const;
    /// The peer's address; null before connecting.
    UnixSocketAddress peerAddress() const;
    std::optional<UnixCredentials> peerCredentials() const; ///< SO_PEERCRED

private:
    EASYNET_DECLARE_CLIENT_PRIVATE(UnixStreamClient)
    Q_DISABLE_COPY_MOVE(UnixStreamClient)
};

} // namespace EasyNet
