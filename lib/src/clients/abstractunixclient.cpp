#include "abstractunixclient_p.h"

#include "transport/socketio_p.h"
#include "transport/unixsocket_p.h"

#include <EasyNet/abstractunixclient.h>

#include <QtCore/QTimer>

#include <sys/socket.h>

#include <cerrno>

namespace EasyNet {

namespace {
constexpr int FirstConnectRetryMs = 5;
constexpr int MaxConnectRetryMs = 200;
} // namespace

AbstractUnixClientPrivate::AbstractUnixClientPrivate(int type) : socketType(type), engine(this) { }

AbstractUnixClientPrivate::~AbstractUnixClientPrivate()
{
    SocketIo::close(connectingFd);
}

Error AbstractUnixClientPrivate::checkReadyToOpen() const
{
    const auto invalid
        = [](const QString &why) { return Error(ErrorCode::InvalidArgument, why, EINVAL); };
    if (adoptedDescriptor >= 0) {
        if (!options.bindAddress.isNull() || connectTimeout() != AbstractClient::NoTimeout)
            return invalid(QStringLiteral("an adopted socket takes no bind address and no "
                                          "connect timeout"));
        return {};
    }
    if (address.isNull() || address.isUnnamed())
        return invalid(QStringLiteral("no Unix socket address to connect to"));
    return {};
}

bool AbstractUnixClientPrivate::setAdoptedDescriptor(qintptr descriptor)
{
    return checkArgument(descriptor >= -1, QStringLiteral("invalid socket descriptor"))
        && setOption(adoptedDescriptor, descriptor);
}

void AbstractUnixClientPrivate::startConnecting()
{
    Error error;
    if (adoptedDescriptor >= 0) {
        const int adopted = int(adoptedDescriptor);
        adoptedDescriptor = -1;
        // The client owns the descriptor from now on, refused or not.
        connectingFd = adopted;
        if (!UnixSocket::adopt(connectingFd, socketType, error)) {
            transportFailed(error);
            return;
        }
        applyPassCredentials();
        socketConnected();
        return;
    }
    if (address.isNull() || address.isUnnamed()) {
        transportFailed(Error(ErrorCode::OSError,
                              QStringLiteral("cannot connect: invalid Unix socket address"),
                              EINVAL));
        return;
    }
    connectingFd = UnixSocket::create(socketType, error);
    if (connectingFd < 0) {
        transportFailed(error);
        return;
    }
    applyPassCredentials();
    const UnixSocketAddress bindTo = !options.bindAddress.isNull() ? options.bindAddress
        : autobind                                                 ? UnixSocketAddress::unnamed()
                                                                   : UnixSocketAddress();
    if (!bindTo.isNull() && !UnixSocket::bind(connectingFd, bindTo, error)) {
        transportFailed(error);
        return;
    }
    qCDebug(lcUnix) << q_ptr << "connecting to" << address;
    tryConnect();
}

void AbstractUnixClientPrivate::tryConnect()
{
    Error error;
    switch (UnixSocket::connect(connectingFd, address, error)) {
    case UnixSocket::ConnectResult::Connected: socketConnected(); return;
    case UnixSocket::ConnectResult::Failed: transportFailed(error); return;
    case UnixSocket::ConnectResult::TryAgain: break;
    }
    // The listener's backlog is full: Linux gives no readiness event for a Unix
    // stream connect, so try again a little later (5 ms, doubling up to 200 ms).
    if (!connectRetryTimer) {
        connectRetryTimer = new QTimer(q_ptr);
        connectRetryTimer->setSingleShot(true);
        QObject::connect(connectRetryTimer, &QTimer::timeout, q_ptr, [this] {
            const EventLoopEntry entry;
            tryConnect();
        });
    }
    connectRetryDelayMs = connectRetryDelayMs == 0
        ? FirstConnectRetryMs
        : qMin(connectRetryDelayMs * 2, MaxConnectRetryMs);
    qCDebug(lcUnix) << q_ptr << "backlog full, retrying in" << connectRetryDelayMs << "ms";
    connectRetryTimer->start(connectRetryDelayMs);
}

void AbstractUnixClientPrivate::socketConnected()
{
    engine.start(std::exchange(connectingFd, -1), q_ptr); // connectedNotification() follows
}

void AbstractUnixClientPrivate::connectedNotification()
{
    onSocketConnected();
    transportConnected();
    if (engine.isOpen() && !engine.hasQueuedWrites())
        onWriteQueueFlushed(); // a sendEof() while connecting takes effect now
}

void AbstractUnixClientPrivate::applyPassCredentials()
{
    if (connectingFd < 0 || !options.passCredentials)
        return;
    Error error;
    if (!UnixSocket::setPassCredentials(connectingFd, true, error))
        qCWarning(lcUnix) << q_ptr << error;
}

void AbstractUnixClientPrivate::setPassCredentials(bool enabled)
{
    if (options.passCredentials == enabled)
        return;
    options.passCredentials = enabled;
    if (engine.isOpen()) {
        Error error;
        if (!UnixSocket::setPassCredentials(engine.descriptor(), enabled, error))
            qCWarning(lcUnix) << q_ptr << error;
    }
}

bool AbstractUnixClientPrivate::writeBytes(const QByteArray &bytes,
                                           const SocketAncillary *ancillary, Error &error)
{
    return engine.write(bytes, ancillary, error);
}

void AbstractUnixClientPrivate::closeTransport()
{
    if (connectRetryTimer)
        connectRetryTimer->stop();
    SocketIo::close(std::exchange(connectingFd, -1));
    engine.close();
}

void AbstractUnixClientPrivate::abortTransport()
{
    if (connectRetryTimer)
        connectRetryTimer->stop();
    SocketIo::close(std::exchange(connectingFd, -1));
    engine.abort();
    onAbort();
}

// ---------------------------------------------------------------------------

AbstractUnixClient::AbstractUnixClient(AbstractUnixClientPrivate &dd, QObject *parent)
    : AbstractClient(dd, parent)
{
}

AbstractUnixClient::~AbstractUnixClient() = default;

UnixSocketAddress AbstractUnixClient::address() const
{
    Q_D(const AbstractUnixClient);
    return d->address;
}

bool AbstractUnixClient::setAddress(const UnixSocketAddress &address)
{
    Q_D(AbstractUnixClient);
    return d->setOption(d->address, address);
}

qintptr AbstractUnixClient::socketDescriptor() const
{
    Q_D(const AbstractUnixClient);
    return d->adoptedDescriptor;
}

bool AbstractUnixClient::setSocketDescriptor(qintptr descriptor)
{
    Q_D(AbstractUnixClient);
    return d->setAdoptedDescriptor(descriptor);
}

UnixSocketAddress AbstractUnixClient::bindAddress() const
{
    Q_D(const AbstractUnixClient);
    return d->options.bindAddress;
}

bool AbstractUnixClient::setBindAddress(const UnixSocketAddress &address)
{
    Q_D(AbstractUnixClient);
    return d->setOption(d->options.bindAddress, address);
}

bool AbstractUnixClient::passCredentials() const
{
    Q_D(const AbstractUnixClient);
    return d->options.passCredentials;
}

bool AbstractUnixClient::setPassCredentials(bool enabled)
{
    Q_D(AbstractUnixClient);
    d->setPassCredentials(enabled);
    return true;
}

QFuture<void> AbstractUnixClient::sendPacket(const QVariant &packet,
                                             const SocketAncillary &ancillary)
{
    Q_D(AbstractUnixClient);
    return d->sendPacket(packet, &ancillary);
}

QFuture<QVariant> AbstractUnixClient::recvPacket(const SocketAncillary &ancillary,
                                                 qsizetype ancillaryBufsize)
{
    Q_D(AbstractUnixClient);
    return d->recvPacket(AncillaryRequest {ancillary, qMax<qsizetype>(0, ancillaryBufsize)});
}

UnixSocketAddress AbstractUnixClient::localAddress() const
{
    return socket().localUnixAddress();
}

UnixSocketAddress AbstractUnixClient::peerAddress() const
{
    return socket().peerUnixAddress();
}

} // namespace EasyNet
