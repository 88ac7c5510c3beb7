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
    /// The value of keepAliveIdle, keepAliveInterval, keepAliveCount and
    /// userTimeout that leaves the system's setting in place.
    static constexpr int SystemDefault = 0;
    /// The largest keepAliveIdle and keepAliveInterval Linux accepts (MAX_TCP_KEEPIDLE).
    static constexpr std::chrono::seconds MaxKeepAliveTime {32767};
    /// The largest keepAliveCount Linux accepts (MAX_TCP_KEEPCNT).
    static constexpr int MaxKeepAliveCount = 127;

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
    /// TCP_NODELAY: each write goes out at once instead of waiting to
    /// coalesce with the next (Nagle's algorithm off). The clients coalesce the
    /// packets of one event-loop pass themselves.
    bool noDelay = true;
    /// SO_KEEPALIVE: the system probes a connection on which nothing was
    /// received for keepAliveIdle, and fails it (ETIMEDOUT) once keepAliveCount
    /// probes, keepAliveInterval apart, went unanswered. With the system's
    /// timings (Linux: 7200 s, 75 s, 9) a dead peer is noticed after 2 h 11 min.
    bool keepAlive = true;
    /// TCP_KEEPIDLE: how long the connection is quiet before the first probe;
    /// 1 s to MaxKeepAliveTime, or SystemDefault (0). Used only with keepAlive.
    std::chrono::seconds keepAliveIdle {SystemDefault};
    /// TCP_KEEPINTVL: the time between probes; 1 s to MaxKeepAliveTime, or
    /// SystemDefault (0). Used only with keepAlive.
    std::chrono::seconds keepAliveInterval {SystemDefault};
    /// TCP_KEEPCNT: the probes that go unanswered before the connection fails;
    /// 1 to MaxKeepAliveCount, or SystemDefault (0). Used only with keepAlive.
    int keepAliveCount = SystemDefault;
    /// TCP_USER_TIMEOUT: how long sent data may stay unacknowledged (or the
    /// peer's receive window closed) before the connection fails with
    /// TimeoutError; SystemDefault (0): the system's retransmission limits
    /// (about 15 minutes on Linux). At most INT_MAX ms.
    std::chrono::milliseconds userTimeout {SystemDefault};
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
