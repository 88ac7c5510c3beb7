/// \class EasyNet::BlockingTcpClient
/// BlockingTcpClient: the blocking, thread-safe TCP client, plain or TLS (the
/// reference's TCPNetworkClient). See AbstractBlockingClient for the threading
/// and timeout rules. The constructor connects (resolving the host name and
/// racing its addresses with Happy Eyeballs) and throws on failure.
///
/// \code
///   BlockingTcpClient client(QStringLiteral("localhost"), 9000,
///                            StreamProtocol(std::make_shared<JsonSerializer>()));
///   client.sendPacket(QVariantMap{{QStringLiteral("ask"), 42}}, 1s);
///   const QVariant answer = client.recvPacket(5s);   // throws TimeoutError
/// \endcode
///
/// The socket gets TcpOptions' socket options (TCP_NODELAY and SO_KEEPALIVE by
/// default, and the keep-alive timings and TCP_USER_TIMEOUT when set).
///
/// Options are checked before anything connects: a non-positive maxRecvSize or
/// maxPacketSize, a negative happyEyeballsDelay, a socket option out of its
/// range, or a serverHostname without ssl throws ValueError
/// (ErrorCode::InvalidArgument).
///
/// TLS goes through OpenSSL directly (no event loop, no helper thread) and
/// applies the given QSslConfiguration: protocol() as the version range
/// (SecureProtocols: TLS 1.2 or later), ciphers(), caCertificates() (the system's
/// when empty), localCertificate()/localCertificateChain() with privateKey(),
/// peerVerifyMode() (VerifyNone and QueryPeer check nothing; VerifyPeer and
/// AutoVerifyPeer check the chain and the host name) and peerVerifyDepth(),
/// allowedNextProtocols() (ALPN). What it cannot apply (ellipticCurves, OCSP
/// stapling, sessionTicket, backendConfiguration, a DTLS protocol) is refused:
/// the constructor throws OSError with ErrorCode::TlsError. The host name (or
/// serverHostname) is checked and sent as SNI, except that an IP address is
/// never sent as SNI (RFC 6066); an empty serverHostname turns the name check off
/// (logged as a warning). A rejected certificate or host name throws OSError with
/// ErrorCode::TlsError and the reason, after the TLS alert went to the server.
/// With sslStandardCompatible (the default), close() sends close_notify and
/// waits up to sslShutdownTimeout for the server's, a received close_notify is
/// answered, and a server that closes without close_notify makes the receive
/// throw OSError with ErrorCode::TlsError; without it, close() just closes and a
/// bare end of stream is an ordinary end of stream.
///
/// Through a proxy (TcpOptions::proxy; DefaultProxy takes the application's,
/// which, as for QTcpSocket, never applies to localhost or a loopback address),
/// the client connects to the proxy (Happy Eyeballs over the proxy's addresses),
/// sets up a SOCKS5 or HTTP CONNECT tunnel to host and port, and runs TLS, if
/// set, inside the tunnel with the certificate checked against host (or
/// serverHostname), never the proxy. connectTimeout covers all of it: the
/// connection, the proxy's handshake and the TLS handshake. A proxy that cannot
/// be reached, refuses the tunnel or the credentials, or answers garbage throws
/// ProxyError (ErrorCode::Proxy*); what the target did through the proxy (refused,
/// unreachable) throws the usual exception with ErrorCause::Proxy, as does a
/// proxy handshake that outlasts connectTimeout (TimeoutError). peerAddress() and
/// peerPort() are then the proxy's. An adopted socket is connected already: it
/// ignores DefaultProxy, and an explicit Socks5Proxy or HttpProxy throws ValueError.
#pragma once

#include <EasyNet/abstractblockingclient.h>
#include <EasyNet/blockingclientoptions.h>
#include <EasyNet/streamprotocol.h>
#include <EasyNet/tcpoptions.h>

#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslCipher>
#include <QtNetwork/QSslConfiguration>

#include <chrono>
#include <optional>

namespace EasyNet {

/// The options of a BlockingTcpClient, given to its constructor.
struct BlockingTcpOptions : TcpOptions, BlockingClientOptions
{
    std::optional<std::chrono::milliseconds> connectTimeout; ///< none: the OS's
};

class EASYNET_EXPORT BlockingTcpClient : public AbstractBlockingClient
{
public:
    /// Connects to host and port; throws the exceptions of exceptions.h on failure.
    BlockingTcpClient(const QString &host, quint16 port, const StreamProtocol &protocol,
                      const BlockingTcpOptions &options = {});
    /// Adopts an already connected TCP socket (the client then owns and closes it);
    /// anything else throws ValueError and the descriptor stays the caller's.
    BlockingTcpClient(qintptr socketDescriptor, const StreamProtocol &protocol,
                      const BlockingTcpOptions &options = {});
    ~BlockingTcpClient() override;

    /// Closes the write side (TCP half-close); receiving goes on, and a later
    /// sendPacket() throws RuntimeError (ErrorCode::InvalidOperation). Thread-safe,
    /// idempotent, does nothing once closed. Throws OSError over TLS.
    void sendEof();

    /// The connection's own address.
    QHostAddress localAddress() const;
    /// The connection's own port.
    quint16 localPort() const;
    /// The peer's address.
    QHostAddress peerAddress() const;
    /// The peer's port.
    quint16 peerPort() const;
    /// Whether the connection uses TLS.
    bool isSsl() const;
    /// The ALPN protocol the server chose from QSslConfiguration::allowedNextProtocols();
    /// empty without TLS or when none was agreed.
    QByteArray nextNegotiatedProtocol() const;
    /// What the TLS handshake agreed, named as QSslSocket names it: the cipher
    /// (null without TLS), the protocol version (QSsl::UnknownProtocol without
    /// TLS) and the server's certificate chain as it sent it, its own
    /// certificate first (empty without TLS). QSslCertificate::verify() tells
    /// each certificate's own errors.
    QSslCipher sessionCipher() const;
    QSsl::SslProtocol sessionProtocol() const; ///< see sessionCipher()
    QList<QSslCertificate> peerCertificateChain() const; ///< see sessionCipher()
};

} // namespace EasyNet
