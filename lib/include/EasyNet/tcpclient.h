/// \class EasyNet::TcpClient
/// TcpClient: the event-driven TCP client, plain or TLS (the reference's
/// AsyncTCPNetworkClient).
///
/// \code
///   TcpClient client;
///   client.setHost(QStringLiteral("example.org"));
///   client.setPort(9000);
///   client.setProtocol(StreamProtocol(std::make_shared<JsonSerializer>()));
///   connect(&client, &TcpClient::packetReceived, this, &Handler::onPacket);
///   client.open();
///   client.sendPacket(QVariantMap{{"hello", "world"}});  // sent once connected
/// \endcode
///
/// Nothing connects before open() or the first operation (see AbstractClient).
/// The host name is resolved and every address is tried with Happy Eyeballs
/// (RFC 8305): IPv6 and IPv4 addresses interleaved, a new attempt every
/// happyEyeballsDelay while earlier ones are still pending, the first to succeed
/// wins and the others are cancelled.
///
/// Once connected, the client runs on its own socket engine: after the peer's
/// end of stream a plain TCP client stays half-open (receiving reports the end,
/// sending goes on until close()), and a reset is ConnectionReset (ECONNRESET).
///
/// TLS is OpenSSL's, configured from the QSslConfiguration (protocol range,
/// ciphers, CAs, client certificate and key, peer verify mode and depth, ALPN)
/// exactly as BlockingTcpClient does, and closes as the standard says: a
/// rejected certificate sends its alert to the server; in the
/// standard-compatible mode (the default) the peer's close_notify is answered,
/// close() sends close_notify and waits for the peer's at most
/// sslShutdownTimeout(), and a peer that ends the connection without
/// close_notify is a TlsError (a possible truncation attack). Without it, no
/// close_notify is sent or required. A configuration OpenSSL cannot honour is
/// refused with a TlsError that names the field. sendEof() is not supported over
/// TLS.
///
/// TLS: setSsl(true) uses the system CAs with peer verification and the host name
/// checked (or give a QSslConfiguration). Certificate and host name errors are
/// connection errors (ErrorCode::TlsError) that say why; nothing is accepted
/// silently. setServerHostname() overrides the name checked; an empty name turns
/// host name matching off (logged as a warning; the chain is still verified).
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/streamprotocol.h>
#include <EasyNet/tcpoptions.h>

#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslCipher>
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
    Q_PROPERTY(QNetworkProxy proxy READ proxy WRITE setProxy NOTIFY optionsChanged)
    Q_PROPERTY(bool noDelay READ noDelay WRITE setNoDelay NOTIFY optionsChanged)
    Q_PROPERTY(bool keepAlive READ keepAlive WRITE setKeepAlive NOTIFY optionsChanged)
    Q_PROPERTY(std::chrono::seconds keepAliveIdle READ keepAliveIdle WRITE setKeepAliveIdle NOTIFY
                   optionsChanged)
    Q_PROPERTY(std::chrono::seconds keepAliveInterval READ keepAliveInterval WRITE
                   setKeepAliveInterval NOTIFY optionsChanged)
    Q_PROPERTY(int keepAliveCount READ keepAliveCount WRITE setKeepAliveCount NOTIFY optionsChanged)
    Q_PROPERTY(std::chrono::milliseconds userTimeout READ userTimeout WRITE setUserTimeout NOTIFY
                   optionsChanged)
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
    /// A client with no host yet: set the options, then open().
    explicit TcpClient(QObject *parent = nullptr);
    /// Convenience: the same as setting host, port and protocol.
    TcpClient(const QString &host, quint16 port, const StreamProtocol &protocol,
              QObject *parent = nullptr);
    /// Aborts the connection if still open.
    ~TcpClient() override;

    /// Where to connect: a host name or address literal, or a list of addresses
    /// (Happy Eyeballs over the list as given, no name resolution; TLS then needs
    /// a serverHostname), or an already connected TCP socket to adopt (the
    /// client owns it from open() on and closes it, also when it refuses it; no
    /// bind address or connect timeout go with it). A descriptor to adopt comes
    /// before addresses, and addresses before host.
    QString host() const;
    /// Sets host(). Like every setter below: returns false, changes nothing and reports
    /// InvalidOperation once connecting has started, InvalidArgument for a value out of range.
    bool setHost(const QString &host);
    /// The port to connect to.
    quint16 port() const;
    /// Sets port().
    bool setPort(quint16 port);
    /// The addresses to connect to instead of resolving host(); empty by default.
    QList<QHostAddress> addresses() const;
    /// Sets addresses().
    bool setAddresses(const QList<QHostAddress> &addresses);
    qintptr socketDescriptor() const; ///< -1: none to adopt
    /// Sets socketDescriptor(): the connected TCP socket to adopt.
    bool setSocketDescriptor(qintptr descriptor);

    /// How packets are serialized to the stream and parsed back.
    StreamProtocol protocol() const;
    /// Sets protocol().
    bool setProtocol(const StreamProtocol &protocol);

    /// Binds before connecting (a null address with a port: any address).
    QHostAddress bindAddress() const;
    /// Sets bindAddress().
    bool setBindAddress(const QHostAddress &address);
    /// The local port to bind before connecting; 0: any.
    quint16 bindPort() const;
    /// Sets bindPort().
    bool setBindPort(quint16 port);
    /// How long an attempt has before the next address is tried as well
    /// (TcpOptions::DefaultHappyEyeballsDelay).
    std::chrono::milliseconds happyEyeballsDelay() const;
    /// Sets happyEyeballsDelay(); false (InvalidArgument) unless positive.
    bool setHappyEyeballsDelay(std::chrono::milliseconds delay);

    /// The proxy to tunnel through (TcpOptions::proxy): DefaultProxy by
    /// default, which follows QNetworkProxy::setApplicationProxy() and the
    /// application's QNetworkProxyFactory.
    QNetworkProxy proxy() const;
    /// Sets proxy(); false (InvalidArgument) for a type other than
    /// DefaultProxy, NoProxy, Socks5Proxy and HttpProxy.
    bool setProxy(const QNetworkProxy &proxy);

    /// The socket options of TcpOptions, set on the socket once connected
    /// (also an adopted one): noDelay and keepAlive (both on by default), the
    /// keep-alive timings and userTimeout (TcpOptions::SystemDefault by
    /// default: the system's). See TcpOptions for what each does and its range.
    bool noDelay() const;
    /// Sets noDelay().
    bool setNoDelay(bool enabled);
    bool keepAlive() const; ///< see noDelay()
    /// Sets keepAlive().
    bool setKeepAlive(bool enabled);
    std::chrono::seconds keepAliveIdle() const; ///< see noDelay()
    /// Sets keepAliveIdle(); false (InvalidArgument) outside its range.
    bool setKeepAliveIdle(std::chrono::seconds idle);
    std::chrono::seconds keepAliveInterval() const; ///< see noDelay()
    /// Sets keepAliveInterval(); false (InvalidArgument) outside its range.
    bool setKeepAliveInterval(std::chrono::seconds interval);
    int keepAliveCount() const; ///< see noDelay()
    /// Sets keepAliveCount(); false (InvalidArgument) outside its range.
    bool setKeepAliveCount(int probes);
    std::chrono::milliseconds userTimeout() const; ///< see noDelay()
    /// Sets userTimeout(); false (InvalidArgument) outside its range.
    bool setUserTimeout(std::chrono::milliseconds timeout);

    qsizetype maxRecvSize() const; ///< bytes read per socket read
    /// Sets maxRecvSize(); false (InvalidArgument) unless positive.
    bool setMaxRecvSize(qsizetype bytes);
    qsizetype maxPacketSize() const; ///< the stream decoder's limit
    /// Sets maxPacketSize(); false (InvalidArgument) unless positive.
    bool setMaxPacketSize(qsizetype bytes);

    /// Whether the connection uses TLS.
    bool isSsl() const;
    bool setSsl(bool enabled); ///< on: the default TLS configuration
    /// The ALPN protocol the server chose from QSslConfiguration::allowedNextProtocols();
    /// empty without TLS, before the handshake, or when none was agreed.
    QByteArray nextNegotiatedProtocol() const;
    /// What the TLS handshake agreed, named as QSslSocket names it: the cipher
    /// (null without TLS or before the handshake), the protocol version
    /// (QSsl::UnknownProtocol then) and the server's certificate chain as it
    /// sent it, its own certificate first (empty then). They stay readable
    /// after close(). QSslCertificate::verify() tells each certificate's own
    /// errors.
    QSslCipher sessionCipher() const;
    QSsl::SslProtocol sessionProtocol() const; ///< see sessionCipher()
    QList<QSslCertificate> peerCertificateChain() const; ///< see sessionCipher()
    /// The TLS configuration used when isSsl() is on.
    QSslConfiguration sslConfiguration() const;
    bool setSslConfiguration(const QSslConfiguration &configuration); ///< implies TLS
    /// The name the certificate is checked against (default: host). An empty
    /// string turns host name matching off; needs TLS.
    QString serverHostname() const;
    /// Sets serverHostname().
    bool setServerHostname(const QString &name);
    /// How long the TLS handshake may take (TcpOptions::DefaultSslHandshakeTimeout).
    std::chrono::milliseconds sslHandshakeTimeout() const;
    /// Sets sslHandshakeTimeout(); false (InvalidArgument) unless positive.
    bool setSslHandshakeTimeout(std::chrono::milliseconds timeout);
    /// How long close() waits for the peer's close_notify (TcpOptions::DefaultSslShutdownTimeout).
    std::chrono::milliseconds sslShutdownTimeout() const;
    /// Sets sslShutdownTimeout(); false (InvalidArgument) unless positive.
    bool setSslShutdownTimeout(std::chrono::milliseconds timeout);
    /// Off: close without the TLS closing handshake, and accept a peer that
    /// does the same.
    bool sslStandardCompatible() const;
    /// Sets sslStandardCompatible() (default on).
    bool setSslStandardCompatible(bool compatible);

    /// Closes the write side once queued data is flushed (TCP half-close); the
    /// peer sees end of stream, receiving goes on. Idempotent; connects first
    /// if needed, does nothing after close. Not available with TLS (fails with
    /// an OSError EOPNOTSUPP, as TLS has no half-close).
    QFuture<void> sendEof();

    /// The connection's own and peer addresses; null before connecting.
    QHostAddress localAddress() const;
    /// The connection's own port; 0 before connecting.
    quint16 localPort() const;
    /// The peer's address; null before connecting.
    QHostAddress peerAddress() const;
    /// The peer's port; 0 before connecting.
    quint16 peerPort() const;

private:
    EASYNET_DECLARE_CLIENT_PRIVATE(TcpClient)
    Q_DISABLE_COPY_MOVE(TcpClient)
};

} // namespace EasyNet
