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

#include <EasyNet/abstractunixclient.h>
#include <EasyNet/datagramprotocol.h>

namespace EasyNet {

class UnixDatagramClientPrivate;

class EASYNET_EXPORT UnixDatagramClient : public AbstractUnixClient
{
    Q_OBJECT
    Q_PROPERTY(
        EasyNet::DatagramProtocol protocol READ protocol WRITE setProtocol NOTIFY optionsChanged)
    Q_PROPERTY(qsizetype maxDatagramSize READ maxDatagramSize WRITE setMaxDatagramSize NOTIFY
                   optionsChanged)

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

    /// How packets are serialized to datagrams and parsed back.
    DatagramProtocol protocol() const;
    /// Sets protocol().
    bool setProtocol(const DatagramProtocol &protocol);

    /// The largest datagram received or sent.
    qsizetype maxDatagramSize() const;
    /// Sets maxDatagramSize(); false (InvalidArgument) unless positive.
    bool setMaxDatagramSize(qsizetype bytes);

private:
    EASYNET_DECLARE_CLIENT_PRIVATE(UnixDatagramClient)
    Q_DISABLE_COPY_MOVE(UnixDatagramClient)
};

} // namespace EasyNet
