/// \class EasyNet::TcpClient
/// TcpClient: the event-driven TCP client, plain or TLS (the reference's
/// AsyncTCPNetworkClient).
///
///   auto protocol = StreamProtocol(std::make_shared<JsonSerializer>());
///   auto *client = new TcpClient(QStringLiteral("example.org"), 9000, protocol, this);
///   connect(client, &TcpClient::packetReceived, this, &Handler::onPacket);
///   client->sendPacket(QVariantMap{{"hello", "world"}});  // after connected()
///
/// Connecting starts when the event loop next runs (or at waitConnected()), so
/// set the options below right after construction. The host name is resolved and
/// every address is tried with Happy Eyeballs (RFC 8305): IPv6 and IPv4 addresses
/// interleaved, a new attempt every happyEyeballsDelay while earlier ones are still
/// pending, the first to succeed wins and the others are cancelled.
///
/// TLS: setSsl(true) uses the system CAs with peer verification and the host name
/// checked (or give a QSslConfiguration). Certificate and host name errors are
/// connection errors (ErrorCode::TlsError) that say why; nothing is accepted
/// silently. setServerHostname() overrides the name checked; an empty name turns
/// host name matching off (logged as a warning; the chain is still verified).
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/sockethandle.h>
#include <EasyNet/streamprotocol.h>

#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslConfiguration>

#include <chrono>

namespace EasyNet {

class TcpClientPrivate;

class EASYNET_EXPORT TcpClient : public AbstractClient
{
    Q_OBJECT
    Q_PROPERTY(QString host READ host WRITE setHost NOTIFY optionsChanged)
    Q_PROPERTY(quint16 port READ port WRITE setPort NOTIFY optionsChanged)
    Q_PROPERTY(
        QList<QHostAddress> addresses READ addresses WRITE setAddresses NOTIFY optionsChanged)
    Q_PROPERTY(qintptr socketDescriptor READ socketDescriptor WRITE setSocketDescriptor NOTIFY
                   optionsChanged)
    Q_PROPERTY(
        EasyNet::StreamProtocol protocol READ protocol WRITE setProtocol NOTIFY optionsChanged)
    Q_PROPERTY(QHostAddress bindAddress READ bindAddress WRITE setBindAddress NOTIFY optionsChanged)
    Q_PROPERTY(quint16 bindPort READ bindPort WRITE setBindPort NOTIFY optionsChanged)
    Q_PROPERTY(std::chrono::milliseconds happyEyeballsDelay READ happyEyeballsDelay WRITE
                   setHappyEyeballsDelay NOTIFY optionsChanged)
    Q_PROPERTY(qsizetype maxRecvSize READ maxRecvSize WRITE setMaxRecvSize NOTIFY optionsChanged)
    Q_PROPERTY(
        qsizetype maxPacketSize READ maxPacketSize WRITE setMaxPacketSize NOTIFY optionsChanged)
    Q_PROPERTY(bool ssl READ isSsl WRITE setSsl NOTIFY optionsChanged)
    Q_PROPERTY(QSslConfiguration sslConfiguration READ sslConfiguration WRITE setSslConfiguration
                   NOTIFY optionsChanged)
    Q_PROPERTY(
        QString serverHostname READ serverHostname WRITE setServerHostname NOTIFY optionsChanged)
    Q_PROPERTY(std::chrono::milliseconds sslHandshakeTimeout READ sslHandshakeTimeout WRITE
                   setSslHandshakeTimeout NOTIFY optionsChanged)
    Q_PROPERTY(std::chrono::milliseconds sslShutdownTimeout READ sslShutdownTimeout WRITE
                   setSslShutdownTimeout NOTIFY optionsChanged)
    Q_PROPERTY(bool sslStandardCompatible READ sslStandardCompatible WRITE setSslStandardCompatible
                   NOTIFY optionsChanged)

public:
    static constexpr std::chrono::milliseconds DefaultHappyEyeballsDelay {250};
    static constexpr std::chrono::milliseconds DefaultSslHandshakeTimeout {60000};
    static constexpr std::chrono::milliseconds DefaultSslShutdownTimeout {30000};
    static constexpr qsizetype DefaultMaxRecvSize = 16 * 1024;

    explicit TcpClient(QObject *parent = nullptr);
    /// Convenience: the same as setting host, port and protocol.
    TcpClient(const QString &host, quint16 port, const StreamProtocol &protocol,
              QObject *parent = nullptr);
    ~TcpClient() override;

    /// Where to connect: a host name or address literal, or a list of addresses
    /// (Happy Eyeballs over the list as given, no name resolution; TLS then needs
    /// a serverHostname), or an already connected TCP socket to adopt (the
    /// client then owns and closes it; no host, local address or connect
    /// timeout go with it). The last one set wins.
    QString host() const;
    bool setHost(const QString &host);
    quint16 port() const;
    bool setPort(quint16 port);
    QList<QHostAddress> addresses() const;
    bool setAddresses(const QList<QHostAddress> &addresses);
    qintptr socketDescriptor() const; ///< -1: none to adopt
    bool setSocketDescriptor(qintptr descriptor);

    StreamProtocol protocol() const;
    bool setProtocol(const StreamProtocol &protocol);

    /// Binds before connecting (a null address with a port: any address).
    QHostAddress bindAddress() const;
    bool setBindAddress(const QHostAddress &address);
    quint16 bindPort() const;
    bool setBindPort(quint16 port);
    std::chrono::milliseconds happyEyeballsDelay() const;
    bool setHappyEyeballsDelay(std::chrono::milliseconds delay);
    qsizetype maxRecvSize() const; ///< bytes read per socket read
    bool setMaxRecvSize(qsizetype bytes);
    qsizetype maxPacketSize() const; ///< the stream decoder's limit
    bool setMaxPacketSize(qsizetype bytes);

    bool isSsl() const;
    bool setSsl(bool enabled); ///< on: the default TLS configuration
    QSslConfiguration sslConfiguration() const;
    bool setSslConfiguration(const QSslConfiguration &configuration); ///< implies TLS
    /// The name the certificate is checked against (default: host). An empty
    /// string turns host name matching off; needs TLS.
    QString serverHostname() const;
    bool setServerHostname(const QString &name);
    std::chrono::milliseconds sslHandshakeTimeout() const;
    bool setSslHandshakeTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds sslShutdownTimeout() const;
    bool setSslShutdownTimeout(std::chrono::milliseconds timeout);
    /// Off: close without the TLS closing handshake, and accept a peer that
    /// does the same.
    bool sslStandardCompatible() const;
    bool setSslStandardCompatible(bool compatible);

    /// Closes the write side once queued data is flushed (TCP half-close); the
    /// peer sees end of stream, receiving goes on. Idempotent; connects first
    /// if needed, does nothing after close. Not available with TLS (fails with
    /// an OSError EOPNOTSUPP, as TLS has no half-close).
    QFuture<void> sendEof();

    /// The connection's own and peer addresses; null before connecting.
    QHostAddress localAddress() const;
    quint16 localPort() const;
    QHostAddress peerAddress() const;
    quint16 peerPort() const;
    /// Socket options (TCP_NODELAY and SO_KEEPALIVE are on) and the descriptor;
    /// invalid before connecting and after close.
    SocketHandle socket() const;

private:
    EASYNET_DECLARE_CLIENT_PRIVATE(TcpClient)
    Q_DISABLE_COPY_MOVE(TcpClient)
};

} // namespace EasyNet
