#include "tcpclient_p.h"

#include "transport/hostresolver_p.h"
#include "transport/inetsockaddr_p.h"
#include "transport/tlspolicy_p.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QTimer>
#include <QtNetwork/QHostInfo>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpSocket>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcTcp, "easynet.tcp", QtWarningMsg)

namespace {

// Reads a TLS connection's decrypted bytes for the StreamEndpoint.
class TlsSocketSource final : public StreamSource
{
public:
    explicit TlsSocketSource(TcpClientPrivate &d) : m_d(d) { }
    UnixSocket::IoResult readStream(char *buffer, qsizetype size, qsizetype,
                                    SocketAncillary *) override
    {
        UnixSocket::IoResult result;
        const qint64 got = m_d.tlsSocket->read(buffer, size);
        if (got > 0) {
            result.bytes = qsizetype(got);
        } else if (!m_d.tlsPeerClosed) {
            result.wouldBlock = true;
        } else if (m_d.tlsPeerError.isError()) {
            result.error = m_d.tlsPeerError;
        } // else bytes == 0: the end of the stream
        return result;
    }

private:
    TcpClientPrivate &m_d;
};

} // namespace

TcpClientPrivate::TcpClientPrivate() : engine(*this) { }

TcpClientPrivate::~TcpClientPrivate() = default;

QTcpSocket *TcpClientPrivate::newSocket()
{
    AbstractClient *const q = q_ptr;
    QTcpSocket *s = ssl ? new QSslSocket(q) : new QTcpSocket(q);
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
        if (!bindAddress.isNull() || bindPort != 0 || connectTimeout() != AbstractClient::NoTimeout)
            return invalid(QStringLiteral("an adopted socket takes no bind address and no "
                                          "connect timeout"));
    } else if (host.isEmpty() && addresses.isEmpty()) {
        return invalid(QStringLiteral("no host and no addresses to connect to"));
    }
    if (serverHostname && !ssl)
        return invalid(QStringLiteral("serverHostname is only valid with TLS"));
    if (ssl) {
        const TlsPolicy policy(*ssl, host, serverHostname);
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
        if (!ssl) {
            startPlain(fd);
            return;
        }
        auto *s = static_cast<QSslSocket *>(newSocket());
        if (!s->setSocketDescriptor(fd)) {
            const Error refused(ErrorCode::OSError,
                                QStringLiteral("cannot adopt socket descriptor %1: %2")
                                    .arg(fd)
                                    .arg(s->errorString()));
            delete s;
            transportFailed(refused);
            return;
        }
        startTls(s);
        return;
    }
    if (!addresses.isEmpty()) {
        planner.emplace(addresses, happyEyeballsDelay);
        startDueAttempts();
        return;
    }
    if (const QHostAddress literal = HostResolver::literal(host); !literal.isNull()) {
        planner.emplace(QList {literal}, happyEyeballsDelay);
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
    planner.emplace(resolved.addresses, happyEyeballsDelay);
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
        if ((!bindAddress.isNull() || bindPort != 0)
            && !attempt->bind(bindAddress.isNull() ? QHostAddress(QHostAddress::Any) : bindAddress,
                              bindPort)) {
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
            QObject::connect(attemptTimer, &QTimer::timeout, q, [this] { startDueAttempts(); });
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
    if (auto *tls = qobject_cast<QSslSocket *>(attempt)) {
        startTls(tls);
        return;
    }
    // Plain TCP leaves QTcpSocket: the descriptor goes to the engine (a copy:
    // QTcpSocket closes its own, which ends nothing while the copy is open).
    const int fd = ::fcntl(int(attempt->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    const int dupErrno = errno;
    attempt->abort();
    attempt->deleteLater();
    if (fd < 0) {
        transportFailed(Error::fromErrno(dupErrno, QStringLiteral("dup")));
        return;
    }
    startPlain(fd);
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

void TcpClientPrivate::startPlain(int fd)
{
    setTcpSocketOptions(fd);
    engine.attach(fd, q_ptr);
    endpoint.emplace(protocol, maxPacketSize, maxRecvSize);
    transportConnected();
    if (engine.isOpen())
        writeShutdown.shutdownIfFlushed(engine); // a sendEof() while connecting
}

void TcpClientPrivate::startTls(QSslSocket *socket)
{
    AbstractClient *const q = q_ptr;
    tlsSocket = socket;
    setTcpSocketOptions(int(socket->socketDescriptor()));
    // Qt reads ahead at most this much: what the client has not asked for stays
    // in the kernel, so a slow reader holds back the peer (backpressure).
    socket->setReadBufferSize(maxRecvSize);
    endpoint.emplace(protocol, maxPacketSize, maxRecvSize);
    QObject::connect(socket, &QIODevice::readyRead, q, [this] { transportReadable(); });
    QObject::connect(socket, &QIODevice::bytesWritten, q,
                     [this](qint64 bytes) { transportBytesWritten(bytes); });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, q,
                     [this](QAbstractSocket::SocketError e) { onTlsSocketError(e); });
    QObject::connect(socket, &QAbstractSocket::disconnected, q, [this] { onTlsDisconnected(); });

    const TlsPolicy policy(*ssl, host, serverHostname);
    socket->setSslConfiguration(policy.configuration());
    socket->setPeerVerifyName(policy.checksHostName() ? policy.peerVerifyName()
                                                      : policy.serverNameIndication());
    QObject::connect(socket, &QSslSocket::sslErrors, q,
                     [this](const QList<QSslError> &errors) { onSslErrors(errors); });
    QObject::connect(socket, &QSslSocket::encrypted, q, [this] {
        tlsTimer->stop();
        transportConnected();
    });
    tlsTimer = new QTimer(q);
    tlsTimer->setSingleShot(true);
    QObject::connect(tlsTimer, &QTimer::timeout, q, [this] {
        if (q_ptr->state() == AbstractClient::State::Connecting) {
            transportFailed(Error(ErrorCode::Timeout,
                                  QStringLiteral("TLS handshake did not finish within %1 ms")
                                      .arg(sslHandshakeTimeout.count()),
                                  ETIMEDOUT));
            return;
        }
        // The closing handshake took too long.
        abortTransport();
        transportClosed();
    });
    tlsTimer->start(sslHandshakeTimeout);
    socket->startClientEncryption();
}

void TcpClientPrivate::onSslErrors(const QList<QSslError> &errors)
{
    const bool matchHostName = !serverHostname || !serverHostname->isEmpty();
    QList<QSslError> ignorable;
    QStringList reasons;
    for (const QSslError &e : errors) {
        if (!matchHostName && e.error() == QSslError::HostNameMismatch)
            ignorable.append(e);
        else
            reasons.append(e.errorString());
    }
    if (!reasons.isEmpty()) {
        transportFailed(Error(ErrorCode::TlsError,
                              QStringLiteral("TLS certificate rejected: ") + reasons.join(u"; ")));
        return;
    }
    tlsSocket->ignoreSslErrors(ignorable);
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
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: return Error(ErrorCode::TlsError, text);
    case QAbstractSocket::NetworkError: return Error(ErrorCode::ConnectionError, text);
    default: return Error(ErrorCode::OSError, text);
    }
}

void TcpClientPrivate::onTlsSocketError(QAbstractSocket::SocketError e)
{
    if (q_ptr->state() == AbstractClient::State::Connecting) {
        transportFailed(socketError(tlsSocket, e));
        return;
    }
    if (e == QAbstractSocket::RemoteHostClosedError) {
        // Either the peer's close_notify (QSslSocket then keeps the TCP
        // connection) or the TCP connection's end (disconnected() follows at
        // once): which one is known once this signal has returned.
        QMetaObject::invokeMethod(
            q_ptr,
            [this] {
                if (tlsSocket && tlsSocket->state() == QAbstractSocket::ConnectedState)
                    onTlsCloseNotify();
            },
            Qt::QueuedConnection);
        return;
    }
    if (!tlsPeerError.isError())
        tlsPeerError = socketError(tlsSocket, e);
    if (tlsSocket->state() != QAbstractSocket::ConnectedState)
        onTlsDisconnected();
}

void TcpClientPrivate::onTlsCloseNotify()
{
    if (tlsPeerClosed || q_ptr->state() != AbstractClient::State::Connected)
        return;
    tlsCloseNotifyReceived = true;
    onTlsPeerClosed();
}

void TcpClientPrivate::onTlsDisconnected()
{
    if (q_ptr->state() == AbstractClient::State::Closing) {
        transportClosed();
        return;
    }
    if (sslStandardCompatible && !tlsCloseNotifyReceived && !tlsPeerError.isError())
        tlsPeerError = Error::fromTls(QStringLiteral("the peer closed the connection without "
                                                     "close_notify (truncation attack?)"));
    onTlsPeerClosed();
}

void TcpClientPrivate::onTlsPeerClosed()
{
    if (tlsPeerClosed)
        return;
    tlsPeerClosed = true;
    // TLS has no half-close here: nothing queued can be sent any more.
    failPendingSends(tlsPeerError.isError()
                         ? tlsPeerError
                         : Error(ErrorCode::ConnectionAborted,
                                 QStringLiteral("the peer closed the connection"), ECONNABORTED));
    // Deliver what is still buffered, then the end of stream.
    transportReadable();
}

QByteArray TcpClientPrivate::serializePacket(const QVariant &packet)
{
    return protocol.generateChunk(packet);
}

bool TcpClientPrivate::writeBytes(const QByteArray &bytes, Error &error)
{
    if (!tlsSocket)
        return engine.write(bytes, nullptr, error);
    if (tlsPeerClosed || tlsSocket->state() != QAbstractSocket::ConnectedState) {
        error = tlsPeerError.isError()
            ? tlsPeerError
            : Error(ErrorCode::ConnectionAborted, QStringLiteral("the peer closed the connection"),
                    ECONNABORTED);
        return false;
    }
    if (tlsSocket->write(bytes) != bytes.size()) {
        error = socketError(tlsSocket, tlsSocket->error());
        return false;
    }
    return true;
}

ReadResult TcpClientPrivate::readPacket(QVariant &packet, Error &error)
{
    if (tlsSocket) {
        TlsSocketSource source(*this);
        return endpoint->next(source, packet, error, nullptr, receivedBytesObserver());
    }
    const ReadResult result
        = endpoint->next(engine, packet, error, nullptr, receivedBytesObserver());
    if (result == ReadResult::WouldBlock)
        engine.armRead();
    else if (result == ReadResult::EndOfStream || result == ReadResult::Failed)
        engine.disarmRead();
    return result;
}

void TcpClientPrivate::closeTransport()
{
    dropAttempts();
    if (!tlsSocket) {
        engine.closeWhenFlushed();
        return;
    }
    if (tlsSocket->state() == QAbstractSocket::UnconnectedState) {
        QMetaObject::invokeMethod(
            q_ptr, [this] { transportClosed(); }, Qt::QueuedConnection);
        return;
    }
    if (tlsSocket->isEncrypted()) {
        if (!sslStandardCompatible) {
            // Skip the closing handshake: flush, then drop the connection.
            tlsSocket->flush();
            tlsSocket->abort();
            QMetaObject::invokeMethod(
                q_ptr, [this] { transportClosed(); }, Qt::QueuedConnection);
            return;
        }
        tlsTimer->start(sslShutdownTimeout);
    }
    tlsSocket->disconnectFromHost(); // flushes, then closes; disconnected() follows
}

void TcpClientPrivate::abortTransport()
{
    dropAttempts();
    engine.abort();
    if (tlsTimer)
        tlsTimer->stop();
    if (tlsSocket) {
        QObject::disconnect(tlsSocket, nullptr, q_ptr, nullptr);
        tlsSocket->abort();
        tlsSocket->deleteLater();
        tlsSocket = nullptr;
    }
    writeShutdown.fail(closedError());
}

int TcpClientPrivate::descriptor() const
{
    return tlsSocket ? int(tlsSocket->socketDescriptor()) : engine.descriptor();
}

std::pair<QHostAddress, quint16> TcpClientPrivate::address(bool peer) const
{
    const int fd = descriptor();
    return fd >= 0 ? socketAddress(fd, peer) : std::pair<QHostAddress, quint16>();
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
    return d->bindAddress;
}

bool TcpClient::setBindAddress(const QHostAddress &address)
{
    Q_D(TcpClient);
    return d->setOption(d->bindAddress, address);
}

quint16 TcpClient::bindPort() const
{
    Q_D(const TcpClient);
    return d->bindPort;
}

bool TcpClient::setBindPort(quint16 port)
{
    Q_D(TcpClient);
    return d->setOption(d->bindPort, port);
}

std::chrono::milliseconds TcpClient::happyEyeballsDelay() const
{
    Q_D(const TcpClient);
    return d->happyEyeballsDelay;
}

bool TcpClient::setHappyEyeballsDelay(std::chrono::milliseconds delay)
{
    Q_D(TcpClient);
    return d->checkArgument(delay.count() > 0,
                            QStringLiteral("happyEyeballsDelay must be positive"))
        && d->setOption(d->happyEyeballsDelay, delay);
}

qsizetype TcpClient::maxRecvSize() const
{
    Q_D(const TcpClient);
    return d->maxRecvSize;
}

bool TcpClient::setMaxRecvSize(qsizetype bytes)
{
    Q_D(TcpClient);
    return d->setPositiveSize(d->maxRecvSize, bytes, "maxRecvSize");
}

qsizetype TcpClient::maxPacketSize() const
{
    Q_D(const TcpClient);
    return d->maxPacketSize;
}

bool TcpClient::setMaxPacketSize(qsizetype bytes)
{
    Q_D(TcpClient);
    return d->setPositiveSize(d->maxPacketSize, bytes, "maxPacketSize");
}

bool TcpClient::isSsl() const
{
    Q_D(const TcpClient);
    return d->ssl.has_value();
}

bool TcpClient::setSsl(bool enabled)
{
    Q_D(TcpClient);
    if (enabled == d->ssl.has_value())
        return d->checkOptionsCanChange();
    return d->setOption(
        d->ssl, enabled ? std::optional(QSslConfiguration::defaultConfiguration()) : std::nullopt);
}

QSslConfiguration TcpClient::sslConfiguration() const
{
    Q_D(const TcpClient);
    return d->ssl.value_or(QSslConfiguration());
}

bool TcpClient::setSslConfiguration(const QSslConfiguration &configuration)
{
    Q_D(TcpClient);
    return d->setOption(d->ssl, std::optional(configuration));
}

QString TcpClient::serverHostname() const
{
    Q_D(const TcpClient);
    return d->serverHostname.value_or(QString());
}

bool TcpClient::setServerHostname(const QString &name)
{
    Q_D(TcpClient);
    return d->setOption(d->serverHostname,
                        std::optional(name.isNull() ? QStringLiteral("") : name));
}

std::chrono::milliseconds TcpClient::sslHandshakeTimeout() const
{
    Q_D(const TcpClient);
    return d->sslHandshakeTimeout;
}

bool TcpClient::setSslHandshakeTimeout(std::chrono::milliseconds timeout)
{
    Q_D(TcpClient);
    return d->checkArgument(timeout.count() > 0,
                            QStringLiteral("sslHandshakeTimeout must be positive"))
        && d->setOption(d->sslHandshakeTimeout, timeout);
}

std::chrono::milliseconds TcpClient::sslShutdownTimeout() const
{
    Q_D(const TcpClient);
    return d->sslShutdownTimeout;
}

bool TcpClient::setSslShutdownTimeout(std::chrono::milliseconds timeout)
{
    Q_D(TcpClient);
    return d->checkArgument(timeout.count() > 0,
                            QStringLiteral("sslShutdownTimeout must be positive"))
        && d->setOption(d->sslShutdownTimeout, timeout);
}

bool TcpClient::sslStandardCompatible() const
{
    Q_D(const TcpClient);
    return d->sslStandardCompatible;
}

bool TcpClient::setSslStandardCompatible(bool compatible)
{
    Q_D(TcpClient);
    return d->setOption(d->sslStandardCompatible, compatible);
}

QSslConfiguration TcpClient::sslSession() const
{
    Q_D(const TcpClient);
    return d->tlsSocket && d->tlsSocket->isEncrypted() ? d->tlsSocket->sslConfiguration()
                                                       : QSslConfiguration();
}

QFuture<void> TcpClient::sendEof()
{
    Q_D(TcpClient);
    if (d->ssl && !isClosing())
        return d->failedFuture(Error(
            ErrorCode::OSError, QStringLiteral("sendEof() is not supported over TLS"), EOPNOTSUPP));
    return d->writeShutdown.request(*d, d->engine);
}

QHostAddress TcpClient::localAddress() const
{
    Q_D(const TcpClient);
    return d->address(false).first;
}

quint16 TcpClient::localPort() const
{
    Q_D(const TcpClient);
    return d->address(false).second;
}

QHostAddress TcpClient::peerAddress() const
{
    Q_D(const TcpClient);
    return d->address(true).first;
}

quint16 TcpClient::peerPort() const
{
    Q_D(const TcpClient);
    return d->address(true).second;
}

SocketHandle TcpClient::socket() const
{
    Q_D(const TcpClient);
    return SocketHandle(d->descriptor());
}

} // namespace EasyNet
