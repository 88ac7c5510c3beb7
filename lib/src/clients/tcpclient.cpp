#include "tcpclient_p.h"

#include "transport/fdsocketengine_p.h"
#include "transport/inetsockaddr_p.h"
#include "transport/proxyroute_p.h"
#include "transport/proxytunnelengine_p.h"
#include "transport/socketio_p.h"
#include "transport/tlsengine_p.h"

#include <EasyNet/exceptions.h>

#include <cerrno>

namespace EasyNet {

TcpClientPrivate::TcpClientPrivate() = default;

TcpClientPrivate::~TcpClientPrivate() = default;

std::optional<Error> TcpClientPrivate::checkCanSend() const
{
    return writeShutdown.checkCanSend();
}

Error TcpClientPrivate::checkReadyToOpen() const
{
    const auto invalid
        = [](const QString &why) { return Error(ErrorCode::InvalidArgument, why, EINVAL); };
    if (protocol.isNull())
        return invalid(QStringLiteral("no protocol set"));
    if (adoptedDescriptor >= 0) {
        if (!options.bindAddress.isNull() || options.bindPort != 0
            || connectTimeout() != AbstractClient::NoTimeout)
            return invalid(QStringLiteral("an adopted socket takes no bind address and no "
                                          "connect timeout"));
    } else if (host.isEmpty() && addresses.isEmpty()) {
        return invalid(QStringLiteral("no host and no addresses to connect to"));
    }
    if (ProxyRoute::isTunnel(options.proxy) && (adoptedDescriptor >= 0 || host.isEmpty()))
        return invalid(QStringLiteral("a proxy tunnels to a host: it takes neither an adopted "
                                      "socket nor a list of addresses"));
    if (options.serverHostname && !options.ssl)
        return invalid(QStringLiteral("serverHostname is only valid with TLS"));
    if (options.ssl) {
        const TlsPolicy policy(*options.ssl, host, options.serverHostname);
        if (policy.error().isError())
            return policy.error();
    }
    return {};
}

std::unique_ptr<SocketEngine> TcpClientPrivate::createEngine() const
{
    std::unique_ptr<SocketEngine> stack = std::make_unique<FdSocketEngine>();
    if (ProxyRoute::isTunnel(route))
        stack = std::make_unique<ProxyTunnelEngine>(std::move(stack),
                                                    ProxyHandshake::create(route, host, port));
    if (!options.ssl)
        return stack;
    return std::make_unique<TlsEngine>(
        std::move(stack), TlsPolicy(*options.ssl, host, options.serverHostname),
        options.sslStandardCompatible, options.sslHandshakeTimeout, options.sslShutdownTimeout);
}

void TcpClientPrivate::startConnecting()
{
    // An adopted socket is connected already; a list of addresses is
    // connected to directly unless a proxy was set explicitly (refused).
    route = adoptedDescriptor >= 0 || host.isEmpty()
        ? QNetworkProxy(QNetworkProxy::NoProxy)
        : ProxyRoute::resolve(options.proxy, host, port);
    engine = createEngine();
    engine->setReceiver(this);
    writeShutdown.setEngine(engine.get());
    if (adoptedDescriptor >= 0) {
        const int fd = int(adoptedDescriptor);
        Error error;
        if (!adoptTcpSocket(fd, error)) {
            SocketIo::close(fd); // the client owns it from open() on, refused or not
            transportFailed(error);
            return;
        }
        tcpConnectedNotification(fd);
        return;
    }
    connector.emplace(*this, q_ptr);
    if (ProxyRoute::isTunnel(route))
        connector->start({route.hostName(),
                          {},
                          quint16(route.port()),
                          options.bindAddress,
                          options.bindPort,
                          options.happyEyeballsDelay});
    else
        connector->start({host, addresses, port, options.bindAddress, options.bindPort,
                          options.happyEyeballsDelay});
}

void TcpClientPrivate::tcpConnectFailedNotification(const Error &error)
{
    transportFailed(ProxyRoute::isTunnel(route) ? ProxyRoute::unreachable(route, error) : error);
}

void TcpClientPrivate::tcpConnectedNotification(int fd)
{
    if (const Error refused = TcpSocketOptions::apply(fd, options); refused.isError()) {
        SocketIo::close(fd);
        transportFailed(refused);
        return;
    }
    endpoint.emplace(protocol, options.maxPacketSize, options.maxRecvSize);
    engine->start(fd, q_ptr); // connectedNotification() follows
}

void TcpClientPrivate::connectedNotification()
{
    transportConnected();
    if (engine->isOpen())
        writeShutdown.shutdownIfFlushed(); // a sendEof() while connecting
}

QByteArray TcpClientPrivate::serializePacket(const QVariant &packet)
{
    return protocol.generateChunk(packet);
}

void TcpClientPrivate::appendPacket(const QVariant &packet, QByteArray &out)
{
    protocol.appendChunk(packet, out);
}

bool TcpClientPrivate::writeBytes(const QByteArray &bytes, const SocketAncillary *, Error &error)
{
    return engine->write(bytes, nullptr, error);
}

ReadResult TcpClientPrivate::readPacket(QVariant &packet, Error &error, const ReadRequest &request)
{
    const ReadResult result = endpoint->next(*engine, packet, error, request);
    if (result == ReadResult::WouldBlock)
        engine->armRead();
    else if (result == ReadResult::EndOfStream || result == ReadResult::Failed)
        engine->disarmRead();
    return result;
}

void TcpClientPrivate::closeTransport()
{
    connector.reset();
    engine->close(); // closedNotification() follows
}

void TcpClientPrivate::abortTransport()
{
    connector.reset();
    if (engine)
        engine->abort();
    writeShutdown.fail(closedError());
}

qintptr TcpClientPrivate::descriptor() const
{
    return engine ? engine->descriptor() : -1;
}

// ---------------------------------------------------------------------------

TcpClient::TcpClient(QObject *parent) : AbstractClient(*new TcpClientPrivate, parent) { }

TcpClient::TcpClient(const QString &host, quint16 port, const StreamProtocol &protocol,
                     QObject *parent)
    : TcpClient(parent)
{
    Q_D(TcpClient);
    d->host = host;
    d->port = port;
    d->protocol = protocol;
}

TcpClient::~TcpClient() = default;

QString TcpClient::host() const
{
    Q_D(const TcpClient);
    return d->host;
}

bool TcpClient::setHost(const QString &host)
{
    Q_D(TcpClient);
    return d->setOption(d->host, host);
}

quint16 TcpClient::port() const
{
    Q_D(const TcpClient);
    return d->port;
}

bool TcpClient::setPort(quint16 port)
{
    Q_D(TcpClient);
    return d->setOption(d->port, port);
}

QList<QHostAddress> TcpClient::addresses() const
{
    Q_D(const TcpClient);
    return d->addresses;
}

bool TcpClient::setAddresses(const QList<QHostAddress> &addresses)
{
    Q_D(TcpClient);
    return d->setOption(d->addresses, addresses);
}

qintptr TcpClient::socketDescriptor() const
{
    Q_D(const TcpClient);
    return d->adoptedDescriptor;
}

bool TcpClient::setSocketDescriptor(qintptr descriptor)
{
    Q_D(TcpClient);
    return d->checkArgument(descriptor >= -1, QStringLiteral("invalid socket descriptor"))
        && d->setOption(d->adoptedDescriptor, descriptor);
}

StreamProtocol TcpClient::protocol() const
{
    Q_D(const TcpClient);
    return d->protocol;
}

bool TcpClient::setProtocol(const StreamProtocol &protocol)
{
    Q_D(TcpClient);
    return d->setOption(d->protocol, protocol);
}

QHostAddress TcpClient::bindAddress() const
{
    Q_D(const TcpClient);
    return d->options.bindAddress;
}

bool TcpClient::setBindAddress(const QHostAddress &address)
{
    Q_D(TcpClient);
    return d->setOption(d->options.bindAddress, address);
}

quint16 TcpClient::bindPort() const
{
    Q_D(const TcpClient);
    return d->options.bindPort;
}

bool TcpClient::setBindPort(quint16 port)
{
    Q_D(TcpClient);
    return d->setOption(d->options.bindPort, port);
}

std::chrono::milliseconds TcpClient::happyEyeballsDelay() const
{
    Q_D(const TcpClient);
    return d->options.happyEyeballsDelay;
}

QNetworkProxy TcpClient::proxy() const
{
    Q_D(const TcpClient);
    return d->options.proxy;
}

bool TcpClient::setProxy(const QNetworkProxy &proxy)
{
    Q_D(TcpClient);
    return d->checkArgument(ProxyRoute::isSupported(proxy.type()),
                            QStringLiteral("proxy: only DefaultProxy, NoProxy, Socks5Proxy and "
                                           "HttpProxy are supported"))
        && d->setOption(d->options.proxy, proxy);
}

bool TcpClient::setHappyEyeballsDelay(std::chrono::milliseconds delay)
{
    Q_D(TcpClient);
    return d->checkArgument(delay.count() > 0,
                            QStringLiteral("happyEyeballsDelay must be positive"))
        && d->setOption(d->options.happyEyeballsDelay, delay);
}

bool TcpClient::noDelay() const
{
    Q_D(const TcpClient);
    return d->options.noDelay;
}

bool TcpClient::setNoDelay(bool enabled)
{
    Q_D(TcpClient);
    return d->setSocketOption(&TcpOptions::noDelay, enabled);
}

bool TcpClient::keepAlive() const
{
    Q_D(const TcpClient);
    return d->options.keepAlive;
}

bool TcpClient::setKeepAlive(bool enabled)
{
    Q_D(TcpClient);
    return d->setSocketOption(&TcpOptions::keepAlive, enabled);
}

std::chrono::seconds TcpClient::keepAliveIdle() const
{
    Q_D(const TcpClient);
    return d->options.keepAliveIdle;
}

bool TcpClient::setKeepAliveIdle(std::chrono::seconds idle)
{
    Q_D(TcpClient);
    return d->setSocketOption(&TcpOptions::keepAliveIdle, idle);
}

std::chrono::seconds TcpClient::keepAliveInterval() const
{
    Q_D(const TcpClient);
    return d->options.keepAliveInterval;
}

bool TcpClient::setKeepAliveInterval(std::chrono::seconds interval)
{
    Q_D(TcpClient);
    return d->setSocketOption(&TcpOptions::keepAliveInterval, interval);
}

int TcpClient::keepAliveCount() const
{
    Q_D(const TcpClient);
    return d->options.keepAliveCount;
}

bool TcpClient::setKeepAliveCount(int probes)
{
    Q_D(TcpClient);
    return d->setSocketOption(&TcpOptions::keepAliveCount, probes);
}

std::chrono::milliseconds TcpClient::userTimeout() const
{
    Q_D(const TcpClient);
    return d->options.userTimeout;
}

bool TcpClient::setUserTimeout(std::chrono::milliseconds timeout)
{
    Q_D(TcpClient);
    return d->setSocketOption(&TcpOptions::userTimeout, timeout);
}

qsizetype TcpClient::maxRecvSize() const
{
    Q_D(const TcpClient);
    return d->options.maxRecvSize;
}

bool TcpClient::setMaxRecvSize(qsizetype bytes)
{
    Q_D(TcpClient);
    return d->setPositiveSize(d->options.maxRecvSize, bytes, "maxRecvSize");
}

qsizetype TcpClient::maxPacketSize() const
{
    Q_D(const TcpClient);
    return d->options.maxPacketSize;
}

bool TcpClient::setMaxPacketSize(qsizetype bytes)
{
    Q_D(TcpClient);
    return d->setPositiveSize(d->options.maxPacketSize, bytes, "maxPacketSize");
}

bool TcpClient::isSsl() const
{
    Q_D(const TcpClient);
    return d->options.ssl.has_value();
}

bool TcpClient::setSsl(bool enabled)
{
    Q_D(TcpClient);
    if (enabled == d->options.ssl.has_value())
        return d->checkOptionsCanChange();
    return d->setOption(d->options.ssl,
                        enabled ? std::optional(QSslConfiguration::defaultConfiguration())
                                : std::nullopt);
}

QByteArray TcpClient::nextNegotiatedProtocol() const
{
    Q_D(const TcpClient);
    const OpenSslSession *session = d->tlsSession();
    return session ? session->negotiatedProtocol() : QByteArray();
}

QSslCipher TcpClient::sessionCipher() const
{
    Q_D(const TcpClient);
    const OpenSslSession *session = d->tlsSession();
    return session ? session->cipher() : QSslCipher();
}

QSsl::SslProtocol TcpClient::sessionProtocol() const
{
    Q_D(const TcpClient);
    const OpenSslSession *session = d->tlsSession();
    return session ? session->protocol() : QSsl::UnknownProtocol;
}

QList<QSslCertificate> TcpClient::peerCertificateChain() const
{
    Q_D(const TcpClient);
    const OpenSslSession *session = d->tlsSession();
    return session ? session->peerCertificateChain() : QList<QSslCertificate>();
}

QSslConfiguration TcpClient::sslConfiguration() const
{
    Q_D(const TcpClient);
    return d->options.ssl.value_or(QSslConfiguration());
}

bool TcpClient::setSslConfiguration(const QSslConfiguration &configuration)
{
    Q_D(TcpClient);
    return d->setOption(d->options.ssl, std::optional(configuration));
}

QString TcpClient::serverHostname() const
{
    Q_D(const TcpClient);
    return d->options.serverHostname.value_or(QString());
}

bool TcpClient::setServerHostname(const QString &name)
{
    Q_D(TcpClient);
    return d->setOption(d->options.serverHostname,
                        std::optional(name.isNull() ? QStringLiteral("") : name));
}

std::chrono::milliseconds TcpClient::sslHandshakeTimeout() const
{
    Q_D(const TcpClient);
    return d->options.sslHandshakeTimeout;
}

bool TcpClient::setSslHandshakeTimeout(std::chrono::milliseconds timeout)
{
    Q_D(TcpClient);
    return d->checkArgument(timeout.count() > 0,
                            QStringLiteral("sslHandshakeTimeout must be positive"))
        && d->setOption(d->options.sslHandshakeTimeout, timeout);
}

std::chrono::milliseconds TcpClient::sslShutdownTimeout() const
{
    Q_D(const TcpClient);
    return d->options.sslShutdownTimeout;
}

bool TcpClient::setSslShutdownTimeout(std::chrono::milliseconds timeout)
{
    Q_D(TcpClient);
    return d->checkArgument(timeout.count() > 0,
                            QStringLiteral("sslShutdownTimeout must be positive"))
        && d->setOption(d->options.sslShutdownTimeout, timeout);
}

bool TcpClient::sslStandardCompatible() const
{
    Q_D(const TcpClient);
    return d->options.sslStandardCompatible;
}

bool TcpClient::setSslStandardCompatible(bool compatible)
{
    Q_D(TcpClient);
    return d->setOption(d->options.sslStandardCompatible, compatible);
}

QFuture<void> TcpClient::sendEof()
{
    Q_D(TcpClient);
    if (d->options.ssl && !isClosing())
        return d->failedFuture(Error(
            ErrorCode::OSError, QStringLiteral("sendEof() is not supported over TLS"), EOPNOTSUPP));
    return d->writeShutdown.request();
}

QHostAddress TcpClient::localAddress() const
{
    return socket().localAddress();
}

quint16 TcpClient::localPort() const
{
    return socket().localPort();
}

QHostAddress TcpClient::peerAddress() const
{
    return socket().peerAddress();
}

quint16 TcpClient::peerPort() const
{
    return socket().peerPort();
}

} // namespace EasyNet
