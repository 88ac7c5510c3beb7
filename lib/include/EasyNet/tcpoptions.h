/// \class EasyNet::TcpOptions
/// TcpOptions: the options of a TCP client and their defaults, the same for
/// both forms: TcpClient keeps one (each field is one of its properties),
/// BlockingTcpOptions adds what only the blocking client has.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/streamprotocol.h>

#include <QtNetwork/QHostAddress>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QSslConfiguration>

#include <chrono>
#include <optional>

namespace EasyNet {

struct TcpOptions
{
    /// The default happyEyeballsDelay, as RFC 8305 recommends.
    static constexpr std::chrono::milliseconds DefaultHappyEyeballsDelay {250};
    /// The default sslHandshakeTimeout: 60 s.
    static constexpr std::chrono::milliseconds DefaultSslHandshakeTimeout {60000};
    /// The default sslShutdownTimeout: 30 s.
    static constexpr std::chrono::milliseconds DefaultSslShutdownTimeout {30000};

    QHostAddress bindAddress; ///< the local address to bind; null: none
    quint16 bindPort = 0; ///< the local port to bind; 0: any
    /// How long an attempt has before the next address is tried as well.
    std::chrono::milliseconds happyEyeballsDelay = DefaultHappyEyeballsDelay;
    /// The proxy to tunnel through, as QTcpSocket takes it: DefaultProxy (the
    /// default) asks QNetworkProxyFactory for the application's proxy (NoProxy
    /// unless the application set one), NoProxy connects directly, Socks5Proxy
    /// (RFC 1928, with RFC 1929 user/password) and HttpProxy (CONNECT, Basic
    /// authentication) tunnel; any other type is refused (InvalidArgument).
    /// The target's host name goes to the proxy unresolved; Happy Eyeballs
    /// applies to reaching the proxy.
    QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
    std::optional<QSslConfiguration> ssl; ///< set: TLS
    /// The name the certificate is checked against and sent as SNI (default: the
    /// host); an empty string turns host name matching off.
    std::optional<QString> serverHostname;
    /// How long the TLS handshake may take.
    std::chrono::milliseconds sslHandshakeTimeout = DefaultSslHandshakeTimeout;
    /// How long close() waits for the server's close_notify.
    std::chrono::milliseconds sslShutdownTimeout = DefaultSslShutdownTimeout;
    /// The TLS closing handshake as the standard says (see TcpClient).
    bool sslStandardCompatible = true;
    qsizetype maxRecvSize = StreamProtocol::DefaultMaxRecvSize; ///< bytes read per socket read
    /// The stream decoder's limit.
    qsizetype maxPacketSize = AbstractIncrementalPacketSerializer::DefaultMaxPacketSize;
};

} // namespace EasyNet
