#include "blockingproxytunnel_p.h"
#include "blockingstreamclient_p.h"
#include "tcpconnector_p.h"
#include "tlsstreamchannel_p.h"

#include "transport/inetsockaddr_p.h"
#include "transport/proxyroute_p.h"
#include "transport/tcpsocketoptions_p.h"

#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/exceptions.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>

namespace EasyNet {

namespace {

class BlockingTcpClientPrivate final : public BlockingStreamClientPrivate
{
public:
    BlockingTcpClientPrivate(int fd, const StreamProtocol &protocol,
                             std::unique_ptr<TlsStreamChannel> tls,
                             const BlockingTcpOptions &options)
        : BlockingStreamClientPrivate(fd, protocol, std::move(tls), options.maxRecvSize,
                                      options.maxPacketSize, options)
    {
    }
    TlsStreamChannel *tls() const { return m_tls; }
};

BlockingTcpClientPrivate *makePrivate(int fd, const QString &host, const StreamProtocol &protocol,
                                      const BlockingTcpOptions &options, QDeadlineTimer deadline)
{
    if (const Error refused = TcpSocketOptions::apply(fd, options); refused.isError()) {
        ::close(fd); // nothing owns it yet
        refused.throwException();
    }
    std::unique_ptr<TlsStreamChannel> tlsChannel;
    if (options.ssl) {
        try {
            tlsChannel = std::make_unique<TlsStreamChannel>(
                fd, TlsPolicy(*options.ssl, host, options.serverHostname),
                options.sslStandardCompatible, options.sslShutdownTimeout);
        } catch (...) {
            ::close(fd); // nothing owns it yet
            throw;
        }
    }
    TlsStreamChannel *const tls = tlsChannel.get();
    auto d
        = std::make_unique<BlockingTcpClientPrivate>(fd, protocol, std::move(tlsChannel), options);
    if (tls) {
        QDeadlineTimer handshakeDeadline(options.sslHandshakeTimeout);
        if (!deadline.isForever() && deadline < handshakeDeadline)
            handshakeDeadline = deadline;
        tls->handshake(d->socket, handshakeDeadline);
    }
    return d.release();
}

// host: the host connected to, empty for an adopted socket.
void checkOptions(const BlockingTcpOptions &options, const QString &host)
{
    BlockingStreamClientPrivate::checkSizes(options.maxRecvSize, options.maxPacketSize);
    AbstractBlockingClientPrivate::checkClientOptions(options);
    checkArgument(options.happyEyeballsDelay.count() >= 0,
                  QStringLiteral("happyEyeballsDelay must not be negative"));
    const QString socketOptionsProblem = TcpSocketOptions::problem(options);
    checkArgument(socketOptionsProblem.isEmpty(), socketOptionsProblem);
    checkArgument(!options.serverHostname || options.ssl,
                  QStringLiteral("serverHostname is only used with TLS (ssl is not set)"));
    checkArgument(ProxyRoute::isSupported(options.proxy.type()),
                  QStringLiteral("proxy: only DefaultProxy, NoProxy, Socks5Proxy and HttpProxy "
                                 "are supported"));
    // A TLS configuration that cannot be honoured is refused before connecting.
    if (options.ssl) {
        if (const Error refused = TlsPolicy(*options.ssl, host, options.serverHostname).error();
            refused.isError())
            refused.throwException();
    }
}

// A descriptor connected to host:port, directly or through the proxy the
// options name (or the application's, for DefaultProxy), before deadline.
int connectOrThrow(const QString &host, quint16 port, const BlockingTcpOptions &options,
                   QDeadlineTimer deadline)
{
    TcpConnectRequest request;
    request.host = host;
    request.port = port;
    request.bindAddress = options.bindAddress;
    request.bindPort = options.bindPort;
    request.happyEyeballsDelay = options.happyEyeballsDelay;
    request.deadline = deadline;
    const QNetworkProxy proxy = ProxyRoute::resolve(options.proxy, host, port);
    if (!ProxyRoute::isTunnel(proxy))
        return connectTcp(request);
    return BlockingProxyTunnel(proxy, host, port).open(request);
}

// The client of a new connection. The connect timeout covers the whole call:
// connecting, the proxy's handshake and the TLS handshake.
AbstractBlockingClientPrivate *connectPrivate(const QString &host, quint16 port,
                                              const StreamProtocol &protocol,
                                              const BlockingTcpOptions &options)
{
    checkOptions(options, host);
    const QDeadlineTimer deadline = options.connectTimeout
        ? QDeadlineTimer(*options.connectTimeout)
        : QDeadlineTimer(QDeadlineTimer::Forever);
    return makePrivate(connectOrThrow(host, port, options, deadline), host, protocol, options,
                       deadline);
}

// The adopted descriptor, checked; on a ValueError it stays the caller's. It
// is connected already: the application's proxy does not apply to it, and an
// explicit one is refused.
int adoptOrThrow(qintptr socketDescriptor, const BlockingTcpOptions &options)
{
    checkOptions(options, QString());
    checkArgument(!ProxyRoute::isTunnel(options.proxy),
                  QStringLiteral("an adopted socket is connected already: it takes no proxy"));
    Error error;
    if (!adoptTcpSocket(int(socketDescriptor), error))
        error.throwException();
    return int(socketDescriptor);
}

} // namespace

BlockingTcpClient::BlockingTcpClient(const QString &host, quint16 port,
                                     const StreamProtocol &protocol,
                                     const BlockingTcpOptions &options)
    : AbstractBlockingClient(std::unique_ptr<AbstractBlockingClientPrivate>(
        connectPrivate(host, port, protocol, options)))
{
}

BlockingTcpClient::BlockingTcpClient(qintptr socketDescriptor, const StreamProtocol &protocol,
                                     const BlockingTcpOptions &options)
    : AbstractBlockingClient(std::unique_ptr<AbstractBlockingClientPrivate>(
        makePrivate(adoptOrThrow(socketDescriptor, options), QString(), protocol, options,
                    QDeadlineTimer(QDeadlineTimer::Forever))))
{
}

BlockingTcpClient::~BlockingTcpClient() = default;

void BlockingTcpClient::sendEof()
{
    static_cast<BlockingTcpClientPrivate *>(d_ptr.get())->sendEof();
}

QHostAddress BlockingTcpClient::localAddress() const
{
    return socket().localAddress();
}

quint16 BlockingTcpClient::localPort() const
{
    return socket().localPort();
}

QHostAddress BlockingTcpClient::peerAddress() const
{
    return socket().peerAddress();
}

quint16 BlockingTcpClient::peerPort() const
{
    return socket().peerPort();
}

bool BlockingTcpClient::isSsl() const
{
    return static_cast<const BlockingTcpClientPrivate *>(d_ptr.get())->tls() != nullptr;
}

namespace {

// What fn reads of the client's TLS session; without TLS, the fallback.
template<typename T, typename Fn>
T inspectTls(const AbstractBlockingClientPrivate *base, Fn &&fn, T fallback = T())
{
    const auto *d = static_cast<const BlockingTcpClientPrivate *>(base);
    return d->tls() ? d->tls()->inspect(fn) : fallback;
}

} // namespace

QByteArray BlockingTcpClient::nextNegotiatedProtocol() const
{
    return inspectTls<QByteArray>(d_ptr.get(), std::mem_fn(&OpenSslSession::negotiatedProtocol));
}

QSslCipher BlockingTcpClient::sessionCipher() const
{
    return inspectTls<QSslCipher>(d_ptr.get(), std::mem_fn(&OpenSslSession::cipher));
}

QSsl::SslProtocol BlockingTcpClient::sessionProtocol() const
{
    return inspectTls(d_ptr.get(), std::mem_fn(&OpenSslSession::protocol), QSsl::UnknownProtocol);
}

QList<QSslCertificate> BlockingTcpClient::peerCertificateChain() const
{
    return inspectTls<QList<QSslCertificate>>(d_ptr.get(),
                                              std::mem_fn(&OpenSslSession::peerCertificateChain));
}

} // namespace EasyNet
