/// \class EasyNet::UnixStreamClient
/// UnixStreamClient: the event-driven Unix stream socket client (the reference's
/// AsyncUnixStreamClient), on a raw AF_UNIX SOCK_STREAM socket (see
/// AbstractUnixClient for addresses, binding, ancillary data and errors), with
/// the peer's credentials (SO_PEERCRED).
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
#pragma once

#include <EasyNet/abstractunixclient.h>
#include <EasyNet/streamprotocol.h>
#include <EasyNet/unixcredentials.h>

#include <optional>

namespace EasyNet {

class UnixStreamClientPrivate;

class EASYNET_EXPORT UnixStreamClient : public AbstractUnixClient
{
    Q_OBJECT
    Q_PROPERTY(
        EasyNet::StreamProtocol protocol READ protocol WRITE setProtocol NOTIFY optionsChanged)
    Q_PROPERTY(qsizetype maxRecvSize READ maxRecvSize WRITE setMaxRecvSize NOTIFY optionsChanged)
    Q_PROPERTY(
        qsizetype maxPacketSize READ maxPacketSize WRITE setMaxPacketSize NOTIFY optionsChanged)

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

    /// How packets are serialized to the stream and parsed back.
    StreamProtocol protocol() const;
    /// Sets protocol().
    bool setProtocol(const StreamProtocol &protocol);

    qsizetype maxRecvSize() const; ///< bytes read per recvmsg()
    /// Sets maxRecvSize(); false (InvalidArgument) unless positive.
    bool setMaxRecvSize(qsizetype bytes);
    qsizetype maxPacketSize() const; ///< the stream decoder's limit
    /// Sets maxPacketSize(); false (InvalidArgument) unless positive.
    bool setMaxPacketSize(qsizetype bytes);

    /// Closes the write side once queued data is flushed; the peer sees end of
    /// stream, receiving goes on. Idempotent; connects first if needed, does
    /// nothing after close.
    QFuture<void> sendEof();

    std::optional<UnixCredentials> peerCredentials() const; ///< SO_PEERCRED

private:
    EASYNET_DECLARE_CLIENT_PRIVATE(UnixStreamClient)
    Q_DISABLE_COPY_MOVE(UnixStreamClient)
};

} // namespace EasyNet
