#include "tcpclient_p.h"

#include "transport/happyeyeballs_p.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QTimer>
#include <QtNetwork/QHostInfo>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpSocket>

#include <sys/socket.h>

#include <cerrno>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcTcp, "easynet.tcp", QtWarningMsg)

TcpClientPrivate::TcpClientPrivate() = default;

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
    if (!eofRequested)
        return {};
    return Error(ErrorCode::InvalidOperation,
                 QStringLiteral("the write side was closed by sendEof()"));
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
    return {};
}

void TcpClientPrivate::startConnecting()
{
    AbstractClient *const q = q_ptr;
    if (adoptedDescriptor >= 0) {
        QTcpSocket *s = newSocket();
        if (!s->setSocketDescriptor(adoptedDescriptor)) {
            const Error error(ErrorCode::OSError,
                              QStringLiteral("cannot adopt socket descriptor %1: %2")
                                  .arg(adoptedDescriptor)
                                  .arg(s->errorString()));
            delete s;
            transportFailed(error);
            return;
        }
        adoptConnectedSocket(s);
        return;
    }
    QHostAddress literal;
    if (addresses.isEmpty() && literal.setAddress(host))
        addresses = {literal};
    if (!addresses.isEmpty()) {
        startNextAttempt();
        return;
    }
    lookupId = QHostInfo::lookupHost(host, q, [this](const QHostInfo &info) {
        lookupId = -1;
        onHostResolved(info);
    });
}

void TcpClientPrivate::onHostResolved(const QHostInfo &info)
{
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        transportFailed(
            Error(ErrorCode::HostNotFound,
                  QStringLiteral("cannot resolve %1: %2").arg(host, info.errorString())));
        return;
    }
    addresses = interleaveAddressFamilies(info.addresses());
    startNextAttempt();
}

void TcpClientPrivate::startNextAttempt()
{
    AbstractClient *const q = q_ptr;
    if (nextAddress >= addresses.size()) {
        if (attempts.empty())
            transportFailed(firstAttemptError);
        return;
    }
    const QHostAddress address = addresses.at(nextAddress++);
    QTcpSocket *attempt = newSocket();
    attempts.push_back(attempt);
    QObject::connect(attempt, &QAbstractSocket::connected, q,
                     [this, attempt] { onAttemptConnected(attempt); });
    QObject::connect(attempt, &QAbstractSocket::errorOccurred, q,
                     [this, attempt] { onAttemptFailed(attempt); });
    if (!bindAddress.isNull() || bindPort != 0) {
        if (!attempt->bind(bindAddress.isNull() ? QHostAddress(QHostAddress::Any) : bindAddress,
                           bindPort)) {
            // errorOccurred was emitted: onAttemptFailed() handled it.
            return;
        }
    }
    qCDebug(lcTcp) << q << "connecting to" << address << port;
    attempt->connectToHost(address, port);
    if (nextAddress < addresses.size()) {
        if (!attemptTimer) {
            attemptTimer = new QTimer(q);
            attemptTimer->setSingleShot(true);
            QObject::connect(attemptTimer, &QTimer::timeout, q, [this] { startNextAttempt(); });
        }
        attemptTimer->start(happyEyeballsDelay);
    }
}

void TcpClientPrivate::onAttemptConnected(QTcpSocket *attempt)
{
    std::erase(attempts, attempt);
    QObject::disconnect(attempt, nullptr, q_ptr, nullptr);
    dropAttempts();
    adoptConnectedSocket(attempt);
}

void TcpClientPrivate::onAttemptFailed(QTcpSocket *attempt)
{
    AbstractClient *const q = q_ptr;
    const Error error = socketError(attempt, attempt->error());
    qCDebug(lcTcp) << q << "attempt failed:" << error;
    if (!firstAttemptError.isError())
        firstAttemptError = error;
    std::erase(attempts, attempt);
    QObject::disconnect(attempt, nullptr, q, nullptr);
    attempt->deleteLater();
    // A failure starts the next attempt at once (RFC 8305 section 5).
    if (attemptTimer)
        attemptTimer->stop();
    startNextAttempt();
}

void TcpClientPrivate::dropAttempts()
{
    AbstractClient *const q = q_ptr;
    if (attemptTimer)
        attemptTimer->stop();
    for (QTcpSocket *attempt : std::exchange(attempts, {})) {
        QObject::disconnect(attempt, nullptr, q, nullptr);
        attempt->abort();
        attempt->deleteLater();
    }
    if (lookupId >= 0) {
        QHostInfo::abortHostLookup(lookupId);
        lookupId = -1;
    }
}

void TcpClientPrivate::adoptConnectedSocket(QTcpSocket *s)
{
    AbstractClient *const q = q_ptr;
    socket = s;
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Qt reads ahead at most this much: what the client has not asked for stays
    // in the kernel, so a slow reader holds back the peer (backpressure).
    socket->setReadBufferSize(maxRecvSize);
    receiver.emplace(protocol.createReceiver(maxPacketSize));
    QObject::connect(socket, &QIODevice::readyRead, q, [this] { transportReadable(); });
    QObject::connect(socket, &QIODevice::bytesWritten, q,
                     [this](qint64 bytes) { onBytesWritten(bytes); });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, q,
                     [this](QAbstractSocket::SocketError e) { onSocketError(e); });
    QObject::connect(socket, &QAbstractSocket::disconnected, q, [this] { onDisconnected(); });

    auto *sslSocket = qobject_cast<QSslSocket *>(socket);
    if (!sslSocket) {
        transportConnected();
        if (socket)
            shutdownWriteSideIfFlushed(); // a sendEof() while connecting
        return;
    }
    if (host.isEmpty() && !serverHostname) {
        transportFailed(Error(ErrorCode::TlsError,
                              QStringLiteral("TLS without a host name (adopted socket or address "
                                             "list) needs setServerHostname()")));
        return;
    }
    const QString verifyName = serverHostname.value_or(host);
    if (verifyName.isEmpty())
        qCWarning(lcTcp) << q << "TLS host name matching is disabled (empty server host name)";
    sslSocket->setSslConfiguration(*ssl);
    sslSocket->setPeerVerifyName(verifyName);
    QObject::connect(sslSocket, &QSslSocket::sslErrors, q,
                     [this](const QList<QSslError> &errors) { onSslErrors(errors); });
    QObject::connect(sslSocket, &QSslSocket::encrypted, q, [this] {
        tlsTimer->stop();
        transportConnected();
    });
    tlsTimer = new QTimer(q);
    tlsTimer->setSingleShot(true);
    QObject::connect(tlsTimer, &QTimer::timeout, q, [this] {
        if (q_ptr->state() == AbstractClient::State::Connecting)
            transportFailed(Error(ErrorCode::Timeout,
                                  QStringLiteral("TLS handshake did not finish within %1 ms")
                                      .arg(sslHandshakeTimeout.count())));
        else // the closing handshake took too long
            abortTransport(), transportClosed();
    });
    tlsTimer->start(sslHandshakeTimeout);
    sslSocket->startClientEncryption();
}

void TcpClientPrivate::onSslErrors(const QList<QSslError> &errors)
{
    auto *sslSocket = static_cast<QSslSocket *>(socket);
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
    sslSocket->ignoreSslErrors(ignorable);
}

Error TcpClientPrivate::socketError(const QTcpSocket *s, QAbstractSocket::SocketError e) const
{
    const QString text = s->errorString();
    switch (e) {
    case QAbstractSocket::ConnectionRefusedError:
        return Error(ErrorCode::ConnectionRefused, text, ECONNREFUSED);
    case QAbstractSocket::RemoteHostClosedError:
        // Qt reports a reset (ECONNRESET) like an orderly close.
        return Error(ErrorCode::ConnectionAborted,
                     QStringLiteral("the peer closed or reset the connection"));
    case QAbstractSocket::HostNotFoundError: return Error(ErrorCode::HostNotFound, text);
    case QAbstractSocket::SocketTimeoutError: return Error(ErrorCode::Timeout, text, ETIMEDOUT);
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: return Error(ErrorCode::TlsError, text);
    case QAbstractSocket::NetworkError: return Error(ErrorCode::ConnectionError, text);
    default: return Error(ErrorCode::OSError, text);
    }
}

void TcpClientPrivate::onSocketError(QAbstractSocket::SocketError e)
{
    if (q_ptr->state() == AbstractClient::State::Connecting) {
        transportFailed(socketError(socket, e));
        return;
    }
    if (e != QAbstractSocket::RemoteHostClosedError && !peerError.isError())
        peerError = socketError(socket, e);
    if (e == QAbstractSocket::RemoteHostClosedError
        || socket->state() != QAbstractSocket::ConnectedState)
        onDisconnected();
}

void TcpClientPrivate::onDisconnected()
{
    AbstractClient *const q = q_ptr;
    if (q->state() == AbstractClient::State::Closing) {
        transportClosed();
        return;
    }
    if (peerClosed)
        return;
    peerClosed = true;
    // Deliver what is still buffered, then the end of stream.
    transportReadable();
}

void TcpClientPrivate::onBytesWritten(qint64 bytes)
{
    transportBytesWritten(bytes);
    shutdownWriteSideIfFlushed();
}

QByteArray TcpClientPrivate::serializePacket(const QVariant &packet)
{
    return protocol.generateChunk(packet);
}

bool TcpClientPrivate::writeBytes(const QByteArray &bytes, Error &error)
{
    if (peerClosed || !socket || socket->state() != QAbstractSocket::ConnectedState) {
        error = peerError.isError()
            ? peerError
            : Error(ErrorCode::ConnectionAborted, QStringLiteral("the peer closed the connection"));
        return false;
    }
    if (socket->write(bytes) != bytes.size()) {
        error = socketError(socket, socket->error());
        return false;
    }
    return true;
}

AbstractClientPrivate::ReadResult TcpClientPrivate::readPacket(QVariant &packet, Error &error)
{
    for (;;) {
        ParseError parseError;
        switch (receiver->next(packet, parseError)) {
        case StreamDecoder::Status::Packet: return ReadResult::Packet;
        case StreamDecoder::Status::Error:
            error = Error(ErrorCode::StreamParseError, parseError);
            return ReadResult::DeliverError;
        case StreamDecoder::Status::NeedMoreData: break;
        }
        const qint64 available = socket->bytesAvailable();
        if (available > 0) {
            const qsizetype wanted = qsizetype(qMin<qint64>(available, maxRecvSize));
            const std::span<char> target = receiver->prepareWrite(wanted);
            const qint64 got = socket->read(target.data(), wanted);
            if (got > 0 && observesReceivedBytes())
                reportReceivedBytes(QByteArray(target.data(), qsizetype(got)));
            receiver->commitWrite(qsizetype(qMax<qint64>(got, 0)));
            if (got <= 0)
                return ReadResult::NoData;
            continue;
        }
        if (!peerClosed)
            return ReadResult::NoData;
        if (peerError.isError()) {
            error = peerError;
            return ReadResult::Failed;
        }
        const ParseError truncated = receiver->endOfStream();
        if (truncated.isError())
            error = Error(ErrorCode::ConnectionAborted,
                          QStringLiteral("the peer closed the connection in the middle of a "
                                         "packet (%1 bytes lost)")
                              .arg(truncated.size()));
        return ReadResult::EndOfStream;
    }
}

void TcpClientPrivate::closeTransport()
{
    dropAttempts();
    if (!socket || socket->state() == QAbstractSocket::UnconnectedState) {
        QMetaObject::invokeMethod(
            q_ptr, [this] { transportClosed(); }, Qt::QueuedConnection);
        return;
    }
    auto *sslSocket = qobject_cast<QSslSocket *>(socket);
    if (sslSocket && sslSocket->isEncrypted()) {
        if (!sslStandardCompatible) {
            // Skip the closing handshake: flush, then drop the connection.
            socket->flush();
            socket->abort();
            QMetaObject::invokeMethod(
                q_ptr, [this] { transportClosed(); }, Qt::QueuedConnection);
            return;
        }
        tlsTimer->start(sslShutdownTimeout);
    }
    socket->disconnectFromHost(); // flushes, then closes; disconnected() follows
}

void TcpClientPrivate::abortTransport()
{
    dropAttempts();
    if (tlsTimer)
        tlsTimer->stop();
    if (socket) {
        QObject::disconnect(socket, nullptr, q_ptr, nullptr);
        socket->abort();
        socket->deleteLater();
        socket = nullptr;
    }
    for (QPromise<void> &promise : std::exchange(eofWaiters, {})) {
        promise.setException(closedError().toExceptionPtr());
        promise.finish();
    }
}

void TcpClientPrivate::shutdownWriteSideIfFlushed()
{
    if (!eofRequested || eofSent || !socket || socket->bytesToWrite() > 0)
        return;
    eofSent = true;
    if (::shutdown(int(socket->socketDescriptor()), SHUT_WR) != 0) {
        const Error error = Error::fromErrno(errno, QStringLiteral("shutdown"));
        for (QPromise<void> &promise : std::exchange(eofWaiters, {})) {
            promise.setException(error.toExceptionPtr());
            promise.finish();
        }
        return;
    }
    for (QPromise<void> &promise : std::exchange(eofWaiters, {}))
        promise.finish();
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

QFuture<void> TcpClient::sendEof()
{
    Q_D(TcpClient);
    if (isClosing())
        return QtFuture::makeReadyFuture();
    if (d->ssl)
        return d->failedFuture(Error(
            ErrorCode::OSError, QStringLiteral("sendEof() is not supported over TLS"), EOPNOTSUPP));
    if (d->eofSent)
        return QtFuture::makeReadyFuture();
    d->eofRequested = true;
    QPromise<void> promise;
    promise.start();
    QFuture<void> future = promise.future();
    d->eofWaiters.push_back(std::move(promise));
    if (isConnected())
        d->shutdownWriteSideIfFlushed();
    else
        open(); // the write side closes once connected and flushed
    return future;
}

QHostAddress TcpClient::localAddress() const
{
    Q_D(const TcpClient);
    return d->socket ? d->socket->localAddress() : QHostAddress();
}

quint16 TcpClient::localPort() const
{
    Q_D(const TcpClient);
    return d->socket ? d->socket->localPort() : 0;
}

QHostAddress TcpClient::peerAddress() const
{
    Q_D(const TcpClient);
    return d->socket ? d->socket->peerAddress() : QHostAddress();
}

quint16 TcpClient::peerPort() const
{
    Q_D(const TcpClient);
    return d->socket ? d->socket->peerPort() : 0;
}

SocketHandle TcpClient::socket() const
{
    Q_D(const TcpClient);
    return SocketHandle(d->socket ? d->socket->socketDescriptor() : -1);
}

} // namespace EasyNet
