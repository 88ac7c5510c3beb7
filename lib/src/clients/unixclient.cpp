#include "unixclient_p.h"

#include <QtCore/QSocketNotifier>
#include <QtCore/QTimer>

#include <sys/socket.h>

#include <cerrno>

namespace EasyNet {

namespace {
constexpr int FirstConnectRetryMs = 5;
constexpr int MaxConnectRetryMs = 200;
} // namespace

UnixClientPrivate::UnixClientPrivate(int type) : socketType(type) { }

UnixClientPrivate::~UnixClientPrivate()
{
    // AbstractClient's destructor aborted the transport; this is for safety.
    UnixSocket::close(fd);
}

const UnixReceiveContext *UnixClientPrivate::receiveContextOf(const std::any *context)
{
    return context ? std::any_cast<UnixReceiveContext>(context) : nullptr;
}

Error UnixClientPrivate::checkReadyToOpen() const
{
    const auto invalid
        = [](const QString &why) { return Error(ErrorCode::InvalidArgument, why, EINVAL); };
    if (adoptedDescriptor >= 0) {
        if (!bindAddress.isNull() || connectTimeout() != AbstractClient::NoTimeout)
            return invalid(QStringLiteral("an adopted socket takes no bind address and no "
                                          "connect timeout"));
        return {};
    }
    if (address.isNull() || address.isUnnamed())
        return invalid(QStringLiteral("no Unix socket address to connect to"));
    return {};
}

bool UnixClientPrivate::setAdoptedDescriptor(qintptr descriptor)
{
    return checkArgument(descriptor >= -1, QStringLiteral("invalid socket descriptor"))
        && setOption(adoptedDescriptor, descriptor);
}

void UnixClientPrivate::startConnecting()
{
    Error error;
    if (adoptedDescriptor >= 0) {
        const int adopted = int(adoptedDescriptor);
        adoptedDescriptor = -1;
        // The client owns the descriptor from now on, refused or not.
        fd = adopted;
        if (!UnixSocket::adopt(fd, socketType, error)) {
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
    fd = UnixSocket::create(socketType, error);
    if (fd < 0) {
        transportFailed(error);
        return;
    }
    applyPassCredentials();
    const UnixSocketAddress bindTo = !bindAddress.isNull() ? bindAddress
        : autobind                                         ? UnixSocketAddress::unnamed()
                                                           : UnixSocketAddress();
    if (!bindTo.isNull() && !UnixSocket::bind(fd, bindTo, error)) {
        transportFailed(error);
        return;
    }
    qCDebug(lcUnix) << q_ptr << "connecting to" << address;
    tryConnect();
}

void UnixClientPrivate::tryConnect()
{
    Error error;
    switch (UnixSocket::connect(fd, address, error)) {
    case UnixSocket::ConnectResult::Connected: socketConnected(); return;
    case UnixSocket::ConnectResult::Failed: transportFailed(error); return;
    case UnixSocket::ConnectResult::TryAgain: break;
    }
    // The listener's backlog is full: Linux gives no readiness event for a Unix
    // stream connect, so try again a little later (5 ms, doubling up to 200 ms).
    if (!connectRetryTimer) {
        connectRetryTimer = new QTimer(q_ptr);
        connectRetryTimer->setSingleShot(true);
        QObject::connect(connectRetryTimer, &QTimer::timeout, q_ptr, [this] { tryConnect(); });
    }
    connectRetryDelayMs = connectRetryDelayMs == 0
        ? FirstConnectRetryMs
        : qMin(connectRetryDelayMs * 2, MaxConnectRetryMs);
    qCDebug(lcUnix) << q_ptr << "backlog full, retrying in" << connectRetryDelayMs << "ms";
    connectRetryTimer->start(connectRetryDelayMs);
}

void UnixClientPrivate::socketConnected()
{
    readNotifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, q_ptr);
    readNotifier->setEnabled(false);
    QObject::connect(readNotifier, &QSocketNotifier::activated, q_ptr,
                     [this] { onReadActivated(); });
    writeNotifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Write, q_ptr);
    writeNotifier->setEnabled(false);
    QObject::connect(writeNotifier, &QSocketNotifier::activated, q_ptr,
                     [this] { onWriteActivated(); });
    onSocketConnected();
    transportConnected();
    if (fd >= 0 && writeQueue.empty())
        onWriteQueueFlushed(); // a sendEof() while connecting takes effect now
}

void UnixClientPrivate::applyPassCredentials()
{
    if (fd < 0 || !passCredentials)
        return;
    Error error;
    if (!UnixSocket::setPassCredentials(fd, true, error))
        qCWarning(lcUnix) << q_ptr << error;
}

void UnixClientPrivate::setPassCredentials(bool enabled)
{
    if (passCredentials == enabled)
        return;
    passCredentials = enabled;
    if (fd >= 0) {
        Error error;
        if (!UnixSocket::setPassCredentials(fd, enabled, error))
            qCWarning(lcUnix) << q_ptr << error;
    }
}

void UnixClientPrivate::armRead()
{
    readWanted = true;
    if (readNotifier && !readNotifier->isEnabled())
        readNotifier->setEnabled(true);
}

void UnixClientPrivate::disarmRead()
{
    if (readNotifier)
        readNotifier->setEnabled(false);
}

void UnixClientPrivate::onReadActivated()
{
    readWanted = false;
    drained = false;
    transportReadable(); // calls readPacket() while someone wants packets
    // Nobody read: stop watching until someone asks (backpressure). While
    // packets are wanted the notifier stays on, which saves toggling it.
    if (!readWanted && readNotifier)
        readNotifier->setEnabled(false);
}

bool UnixClientPrivate::writeBytes(const QByteArray &bytes, Error &error)
{
    return writeBytesWithContext(bytes, std::any(), error);
}

bool UnixClientPrivate::writeBytesWithContext(const QByteArray &bytes, const std::any &context,
                                              Error &error)
{
    if (fd < 0) {
        error = closedError();
        return false;
    }
    const SocketAncillary *ancillary
        = context.has_value() ? std::any_cast<SocketAncillary>(&context) : nullptr;
    if (ancillary && !ancillary->hasDataToSend())
        ancillary = nullptr;
    if (!writeQueue.empty()) { // keep the order: behind what waits already
        writeQueue.push_back(
            OutChunk {bytes, 0, ancillary ? std::optional(*ancillary) : std::nullopt});
        return true;
    }
    const UnixSocket::IoResult result = UnixSocket::send(fd, bytes, ancillary);
    if (result.error.isError()) {
        error = result.error;
        return false;
    }
    if (result.wouldBlock) {
        writeQueue.push_back(
            OutChunk {bytes, 0, ancillary ? std::optional(*ancillary) : std::nullopt});
    } else if (result.bytes < bytes.size()) {
        // Partial write (streams only): the ancillary data went with the first part.
        writeQueue.push_back(OutChunk {bytes, result.bytes, std::nullopt});
    }
    if (!writeQueue.empty())
        writeNotifier->setEnabled(true);
    if (!result.wouldBlock)
        transportBytesWritten(result.bytes); // may run user code: nothing after this
    return true;
}

bool UnixClientPrivate::flushQueue()
{
    while (!writeQueue.empty() && fd >= 0) {
        OutChunk &chunk = writeQueue.front();
        const QByteArrayView rest = QByteArrayView(chunk.bytes).sliced(chunk.offset);
        const UnixSocket::IoResult result
            = UnixSocket::send(fd, rest, chunk.ancillary ? &*chunk.ancillary : nullptr);
        if (result.wouldBlock)
            return true;
        if (result.error.isError()) {
            transportFailed(result.error);
            return false;
        }
        chunk.ancillary.reset();
        chunk.offset += result.bytes;
        const bool done = chunk.offset >= chunk.bytes.size();
        if (done)
            writeQueue.pop_front();
        // May run user code (a finished future): re-check everything after.
        transportBytesWritten(result.bytes);
    }
    return fd >= 0;
}

void UnixClientPrivate::onWriteActivated()
{
    if (!flushQueue())
        return;
    if (!writeQueue.empty())
        return;
    if (writeNotifier)
        writeNotifier->setEnabled(false);
    if (closingGracefully) {
        finishGracefulClose();
        return;
    }
    onWriteQueueFlushed();
}

void UnixClientPrivate::closeTransport()
{
    if (connectRetryTimer)
        connectRetryTimer->stop();
    disarmRead();
    if (fd >= 0 && !writeQueue.empty()) {
        closingGracefully = true; // onWriteActivated() finishes once flushed
        return;
    }
    releaseSocket();
    QMetaObject::invokeMethod(
        q_ptr, [this] { transportClosed(); }, Qt::QueuedConnection);
}

void UnixClientPrivate::finishGracefulClose()
{
    closingGracefully = false;
    releaseSocket();
    transportClosed();
}

void UnixClientPrivate::abortTransport()
{
    if (connectRetryTimer)
        connectRetryTimer->stop();
    closingGracefully = false;
    writeQueue.clear();
    releaseSocket();
    onAbort();
}

void UnixClientPrivate::releaseSocket()
{
    for (QSocketNotifier **notifier : {&readNotifier, &writeNotifier}) {
        if (*notifier) {
            (*notifier)->setEnabled(false);
            QObject::disconnect(*notifier, nullptr, q_ptr, nullptr);
            (*notifier)->deleteLater(); // may be inside its own activated()
            *notifier = nullptr;
        }
    }
    if (fd >= 0) {
        qCDebug(lcUnix) << q_ptr << "closing socket" << fd;
        UnixSocket::close(fd);
        fd = -1;
    }
}

UnixSocketAddress UnixClientPrivate::localName() const
{
    if (fd < 0)
        return {};
    Error error;
    const UnixSocketAddress name = UnixSocket::localName(fd, error);
    if (error.isError())
        qCDebug(lcUnix) << q_ptr << error;
    return name;
}

UnixSocketAddress UnixClientPrivate::peerName() const
{
    if (fd < 0)
        return {};
    Error error;
    const UnixSocketAddress name = UnixSocket::peerName(fd, error);
    if (error.isError())
        qCDebug(lcUnix) << q_ptr << error;
    return name;
}

} // namespace EasyNet
