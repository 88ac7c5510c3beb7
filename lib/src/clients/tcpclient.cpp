#include "tcpclient_p.h"

#include "transport/hostresolver_p.h"
#include "transport/inetsockaddr_p.h"
#include "transport/tlspolicy_p.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QTimer>
#include <QtNetwork/QHostInfo>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpSocket>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcTcp, "easynet.tcp", QtWarningMsg)

TcpClientPrivate::TcpClientPrivate() : engine(*this), tls(*this) { }

TcpClientPrivate::~TcpClientPrivate() = default;

QTcpSocket *TcpClientPrivate::newSocket()
{
    AbstractClient *const q = q_ptr;
    auto *s = new QTcpSocket(q);
    // No proxy: the client talks to exactly the address it was given.
    s->setProxy(QNetworkProxy::NoProxy);
    return s;
}

Error TcpClientPrivate::checkCanSend() const
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
    if (options.serverHostname && !options.ssl)
        return invalid(QStringLiteral("serverHostname is only valid with TLS"));
    if (options.ssl) {
        const TlsPolicy policy(*options.ssl, host, options.serverHostname);
        if (policy.error().isError())
            return policy.error();
    }
    return {};
}

void TcpClientPrivate::startConnecting()
{
    AbstractClient *const q = q_ptr;
    if (adoptedDescriptor >= 0) {
        const int fd = int(adoptedDescriptor);
        Error error;
        if (!adoptTcpSocket(fd, error)) {
            ::close(fd); // the client owns it from open() on, refused or not
            transportFailed(error);
            return;
        }
        startDataPath(fd);
        return;
    }
    if (!addresses.isEmpty()) {
        planner.emplace(addresses, options.happyEyeballsDelay);
        startDueAttempts();
        return;
    }
    if (const QHostAddress literal = HostResolver::literal(host); !literal.isNull()) {
        planner.emplace(QList {literal}, options.happyEyeballsDelay);
        startDueAttempts();
        return;
    }
    lookupId = QHostInfo::lookupHost(host, q, [this](const QHostInfo &info) {
        lookupId = -1;
        onHostResolved(info);
    });
}

void TcpClientPrivate::onHostResolved(const QHostInfo &info)
{
    const HostResolver::Result resolved = HostResolver::fromLookup(host, info);
    if (resolved.error.isError()) {
        transportFailed(resolved.error);
        return;
    }
    planner.emplace(resolved.addresses, options.happyEyeballsDelay);
    startDueAttempts();
}

void TcpClientPrivate::startDueAttempts()
{
    AbstractClient *const q = q_ptr;
    using Clock = HappyEyeballsPlanner::Clock;
    const Clock::time_point now = Clock::now();
    while (const std::optional<qsizetype> index = planner->takeDueAttempt(now)) {
        const QHostAddress address = planner->addresses().at(*index);
        QTcpSocket *attempt = newSocket();
        attempts.emplace(*index, attempt);
        QObject::connect(attempt, &QAbstractSocket::connected, q,
                         [this, i = *index] { onAttemptConnected(i); });
        QObject::connect(attempt, &QAbstractSocket::errorOccurred, q,
                         [this, i = *index] { onAttemptFailed(i); });
        if ((!options.bindAddress.isNull() || options.bindPort != 0)
            && !attempt->bind(options.bindAddress.isNull() ? QHostAddress(QHostAddress::Any)
                                                           : options.bindAddress,
                              options.bindPort)) {
            return; // errorOccurred was emitted: onAttemptFailed() went on
        }
        qCDebug(lcTcp) << q << "connecting to" << address << port;
        attempt->connectToHost(address, port);
    }
    if (planner->hasFailed()) {
        transportFailed(planner->firstError());
        return;
    }
    if (const std::optional<Clock::time_point> next = planner->nextAttemptTime()) {
        if (!attemptTimer) {
            attemptTimer = new QTimer(q);
            attemptTimer->setSingleShot(true);
            QObject::connect(attemptTimer, &QTimer::timeout, q, [this] {
                const EventLoopEntry entry;
                startDueAttempts();
            });
        }
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
            *next == Clock::time_point::min() ? Clock::duration::zero() : *next - now);
        attemptTimer->start(qMax(wait, std::chrono::milliseconds(0)));
    }
}

void TcpClientPrivate::onAttemptConnected(qsizetype index)
{
    QTcpSocket *const attempt = attempts.at(index);
    attempts.erase(index);
    planner->attemptSucceeded(index);
    QObject::disconnect(attempt, nullptr, q_ptr, nullptr);
    dropAttempts();
    // The data path leaves QTcpSocket: the descriptor goes to the engine (a
    // copy: QTcpSocket closes its own, which ends nothing while the copy is open).
    const int fd = ::fcntl(int(attempt->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    const int dupErrno = errno;
    attempt->abort();
    attempt->deleteLater();
    if (fd < 0) {
        transportFailed(Error::fromErrno(dupErrno, QStringLiteral("dup")));
        return;
    }
    startDataPath(fd);
}

void TcpClientPrivate::onAttemptFailed(qsizetype index)
{
    AbstractClient *const q = q_ptr;
    QTcpSocket *const attempt = attempts.at(index);
    const Error error = socketError(attempt, attempt->error());
    qCDebug(lcTcp) << q << "attempt failed:" << error;
    attempts.erase(index);
    QObject::disconnect(attempt, nullptr, q, nullptr);
    attempt->deleteLater();
    planner->attemptFailed(index, error); // the next attempt starts at once (RFC 8305)
    startDueAttempts();
}

void TcpClientPrivate::dropAttempts()
{
    AbstractClient *const q = q_ptr;
    if (attemptTimer)
        attemptTimer->stop();
    for (auto &[index, attempt] : std::exchange(attempts, {})) {
        QObject::disconnect(attempt, nullptr, q, nullptr);
        attempt->abort();
        attempt->deleteLater();
    }
    if (lookupId >= 0) {
        QHostInfo::abortHostLookup(lookupId);
        lookupId = -1;
    }
}

void TcpClientPrivate::startDataPath(int fd)
{
    setTcpSocketOptions(fd);
    endpoint.emplace(protocol, options.maxPacketSize, options.maxRecvSize);
    if (options.ssl) {
        // transportConnected() once the handshake is done.
        tls.start(fd, q_ptr, TlsPolicy(*options.ssl, host, options.serverHostname),
                  options.sslStandardCompatible, options.sslHandshakeTimeout);
        return;
    }
    engine.attach(fd, q_ptr);
    transportConnected();
    if (engine.isOpen())
        writeShutdown.shutdownIfFlushed(); // a sendEof() while connecting
}

Error TcpClientPrivate::socketError(const QTcpSocket *s, QAbstractSocket::SocketError e) const
{
    const QString text = s->errorString();
    switch (e) {
    case QAbstractSocket::ConnectionRefusedError:
        return Error(ErrorCode::ConnectionRefused, text, ECONNREFUSED);
    case QAbstractSocket::RemoteHostClosedError:
        return Error(ErrorCode::ConnectionAborted, QStringLiteral("the peer closed the connection"),
                     ECONNABORTED);
    case QAbstractSocket::HostNotFoundError: return Error(ErrorCode::HostNotFound, text);
    case QAbstractSocket::SocketTimeoutError: return Error(ErrorCode::Timeout, text, ETIMEDOUT);
    case QAbstractSocket::NetworkError: return Error(ErrorCode::ConnectionError, text);
    default: return Error(ErrorCode::OSError, text);
    }
}

QByteArray TcpClientPrivate::serializePacket(const QVariant &packet)
{
    return protocol.generateChunk(packet);
}

bool TcpClientPrivate::writeBytes(const QByteArray &bytes, const SocketAncillary *, Error &error)
{
    return options.ssl ? tls.write(bytes, error) : engine.write(bytes, nullptr, error);
}

ReadResult TcpClientPrivate::readPacket(QVariant &packet, Error &error, const ReadRequest &request)
{
    ReadSource &source = options.ssl ? static_cast<ReadSource &>(tls) : engine;
    const ReadResult result = endpoint->next(source, packet, error, request);
    if (result == ReadResult::WouldBlock)
        options.ssl ? tls.armRead() : engine.armRead();
    else if (result == ReadResult::EndOfStream || result == ReadResult::Failed)
        options.ssl ? tls.disarmRead() : engine.disarmRead();
    return result;
}

void TcpClientPrivate::closeTransport()
{
    dropAttempts();
    if (options.ssl)
        tls.close(options.sslShutdownTimeout);
    else
        engine.closeWhenFlushed();
}

void TcpClientPrivate::abortTransport()
{
    dropAttempts();
    engine.abort();
    tls.abort();
    writeShutdown.fail(closedError());
}

qintptr TcpClientPrivate::descriptor() const
{
    return options.ssl ? tls.descriptor() : engine.descriptor();
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

bool TcpClient::setHappyEyeballsDelay(std::chrono::milliseconds delay)
{
    Q_D(TcpClient);
    return d->checkArgument(delay.count() > 0,
                            QStringLiteral("happyEyeballsDelay must be positive"))
        && d->setOption(d->options.happyEyeballsDelay, delay);
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
    const OpenSslSession *session = d->tls.session();
    return session ? session->negotiatedProtocol() : QByteArray();
}

QSslCipher TcpClient::sessionCipher() const
{
    Q_D(const TcpClient);
    const OpenSslSession *session = d->tls.session();
    return session ? session->cipher() : QSslCipher();
}

QSsl::SslProtocol TcpClient::sessionProtocol() const
{
    Q_D(const TcpClient);
    const OpenSslSession *session = d->tls.session();
    return session ? session->protocol() : QSsl::UnknownProtocol;
}

QList<QSslCertificate> TcpClient::peerCertificateChain() const
{
    Q_D(const TcpClient);
    const OpenSslSession *session = d->tls.session();
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
