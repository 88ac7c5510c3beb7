#include "unixstreamclient_p.h"

#include "core/socketancillary_p.h"

#include <sys/socket.h>

#include <cerrno>

namespace EasyNet {

UnixStreamClientPrivate::UnixStreamClientPrivate() : UnixClientPrivate(SOCK_STREAM) { }

Error UnixStreamClientPrivate::checkReadyToOpen() const
{
    if (protocol.isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no protocol set"), EINVAL);
    return UnixClientPrivate::checkReadyToOpen();
}

void UnixStreamClientPrivate::onSocketConnected()
{
    receiver.emplace(protocol.createReceiver(maxPacketSize));
}

QByteArray UnixStreamClientPrivate::serializePacket(const QVariant &packet)
{
    return protocol.generateChunk(packet);
}

Error UnixStreamClientPrivate::checkCanSend() const
{
    if (!eofRequested)
        return {};
    return Error(ErrorCode::InvalidOperation,
                 QStringLiteral("the write side was closed by sendEof()"));
}

AbstractClientPrivate::ReadResult UnixStreamClientPrivate::endOfStream(Error &error)
{
    disarmRead();
    const ParseError truncated = receiver->endOfStream();
    if (truncated.isError())
        error = Error(ErrorCode::ConnectionAborted,
                      QStringLiteral("the peer closed the connection in the middle of a packet "
                                     "(%1 bytes lost)")
                          .arg(truncated.size()));
    return ReadResult::EndOfStream;
}

AbstractClientPrivate::ReadResult UnixStreamClientPrivate::readPacket(QVariant &packet,
                                                                      Error &error)
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
        if (peerClosed || fd < 0)
            return endOfStream(error);

        if (drained) {
            armRead();
            return ReadResult::NoData;
        }
        // Ancillary data is asked for only by a recvPacket(ancillary) waiting
        // for this packet; otherwise the kernel drops it (no descriptor leaks in).
        const UnixReceiveContext *context = receiveContextOf(receiveContext());
        std::optional<SocketAncillary> incoming;
        if (context)
            incoming.emplace();
        const std::span<char> target = receiver->prepareWrite(maxRecvSize);
        const UnixSocket::IoResult result
            = UnixSocket::receive(fd, target.data(), maxRecvSize, context ? context->bufsize : 0,
                                  incoming ? &*incoming : nullptr, false);
        if (result.wouldBlock) {
            receiver->commitWrite(0);
            armRead();
            return ReadResult::NoData;
        }
        if (result.error.isError() && !result.controlTruncated) {
            receiver->commitWrite(0);
            disarmRead();
            error = result.error;
            return ReadResult::Failed;
        }
        if (result.bytes > 0 && observesReceivedBytes())
            reportReceivedBytes(QByteArray(target.data(), result.bytes));
        receiver->commitWrite(result.bytes);
        if (result.controlTruncated) {
            // The bytes stay in the stream; this receive reports the loss.
            error = result.error;
            return ReadResult::DeliverError;
        }
        if (result.bytes == 0) {
            peerClosed = true;
            return endOfStream(error);
        }
        if (result.bytes < maxRecvSize)
            drained = true;
        if (!incoming || !incoming->hasReceivedData())
            continue;
        // The chunk carried ancillary data: it belongs to the packet that
        // completes in this chunk, and to no later one.
        switch (receiver->next(packet, parseError)) {
        case StreamDecoder::Status::Packet: {
            SocketAncillary target_ = context->ancillary; // shares the caller's state
            SocketAncillaryAccess::moveReceived(*incoming, target_);
            return ReadResult::Packet;
        }
        case StreamDecoder::Status::Error:
            error = Error(ErrorCode::StreamParseError, parseError);
            return ReadResult::DeliverError; // incoming's descriptors are closed
        case StreamDecoder::Status::NeedMoreData: break;
        }
        error = UnixSocket::partialChunkError(result.bytes,
                                              incoming->receivedFileDescriptors().size());
        return ReadResult::DeliverError;
    }
}

void UnixStreamClientPrivate::shutdownWriteSideIfFlushed()
{
    if (!eofRequested || eofSent || fd < 0 || hasQueuedWrites())
        return;
    eofSent = true;
    Error error;
    const bool done = UnixSocket::shutdownWrite(fd, error);
    for (QPromise<void> &promise : std::exchange(eofWaiters, {})) {
        if (!done)
            promise.setException(error.toExceptionPtr());
        promise.finish();
    }
}

void UnixStreamClientPrivate::onWriteQueueFlushed()
{
    shutdownWriteSideIfFlushed();
}

void UnixStreamClientPrivate::onAbort()
{
    for (QPromise<void> &promise : std::exchange(eofWaiters, {})) {
        promise.setException(closedError().toExceptionPtr());
        promise.finish();
    }
}

// ---------------------------------------------------------------------------

UnixStreamClient::UnixStreamClient(QObject *parent)
    : AbstractClient(*new UnixStreamClientPrivate, parent)
{
}

UnixStreamClient::UnixStreamClient(const UnixSocketAddress &address, const StreamProtocol &protocol,
                                   QObject *parent)
    : UnixStreamClient(parent)
{
    Q_D(UnixStreamClient);
    d->address = address;
    d->protocol = protocol;
}

UnixStreamClient::UnixStreamClient(const QString &address, const StreamProtocol &protocol,
                                   QObject *parent)
    : UnixStreamClient(UnixSocketAddress::fromString(address), protocol, parent)
{
}

UnixStreamClient::~UnixStreamClient() = default;

qsizetype UnixStreamClient::maxRecvSize() const
{
    Q_D(const UnixStreamClient);
    return d->maxRecvSize;
}

bool UnixStreamClient::setMaxRecvSize(qsizetype bytes)
{
    Q_D(UnixStreamClient);
    return d->setPositiveSize(d->maxRecvSize, bytes, "maxRecvSize");
}

qsizetype UnixStreamClient::maxPacketSize() const
{
    Q_D(const UnixStreamClient);
    return d->maxPacketSize;
}

bool UnixStreamClient::setMaxPacketSize(qsizetype bytes)
{
    Q_D(UnixStreamClient);
    return d->setPositiveSize(d->maxPacketSize, bytes, "maxPacketSize");
}

UnixSocketAddress UnixStreamClient::address() const
{
    Q_D(const UnixStreamClient);
    return d->address;
}

bool UnixStreamClient::setAddress(const UnixSocketAddress &address)
{
    Q_D(UnixStreamClient);
    return d->setOption(d->address, address);
}

qintptr UnixStreamClient::socketDescriptor() const
{
    Q_D(const UnixStreamClient);
    return d->adoptedDescriptor;
}

bool UnixStreamClient::setSocketDescriptor(qintptr descriptor)
{
    Q_D(UnixStreamClient);
    return d->setAdoptedDescriptor(descriptor);
}

StreamProtocol UnixStreamClient::protocol() const
{
    Q_D(const UnixStreamClient);
    return d->protocol;
}

bool UnixStreamClient::setProtocol(const StreamProtocol &protocol)
{
    Q_D(UnixStreamClient);
    return d->setOption(d->protocol, protocol);
}

UnixSocketAddress UnixStreamClient::bindAddress() const
{
    Q_D(const UnixStreamClient);
    return d->bindAddress;
}

bool UnixStreamClient::setBindAddress(const UnixSocketAddress &address)
{
    Q_D(UnixStreamClient);
    return d->setOption(d->bindAddress, address);
}

bool UnixStreamClient::passCredentials() const
{
    Q_D(const UnixStreamClient);
    return d->passCredentials;
}

bool UnixStreamClient::setPassCredentials(bool enabled)
{
    Q_D(UnixStreamClient);
    d->setPassCredentials(enabled);
    return true;
}

QFuture<void> UnixStreamClient::sendPacket(const QVariant &packet, const SocketAncillary &ancillary)
{
    Q_D(UnixStreamClient);
    return d->sendPacketWithContext(packet, std::any(ancillary));
}

QFuture<QVariant> UnixStreamClient::recvPacket(const SocketAncillary &ancillary,
                                               qsizetype ancillaryBufsize)
{
    Q_D(UnixStreamClient);
    return d->recvPacketWithContext(
        std::any(UnixReceiveContext {ancillary, qMax<qsizetype>(0, ancillaryBufsize)}));
}

UnixSocketAddress UnixStreamClient::localAddress() const
{
    Q_D(const UnixStreamClient);
    return d->localName();
}

UnixSocketAddress UnixStreamClient::peerAddress() const
{
    Q_D(const UnixStreamClient);
    return d->peerName();
}

QFuture<void> UnixStreamClient::sendEof()
{
    Q_D(UnixStreamClient);
    if (isClosing())
        return QtFuture::makeReadyFuture();
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

std::optional<UnixCredentials> UnixStreamClient::peerCredentials() const
{
    Q_D(const UnixStreamClient);
    if (d->fd < 0)
        return std::nullopt;
    Error error;
    return UnixSocket::peerCredentials(d->fd, error);
}

SocketHandle UnixStreamClient::socket() const
{
    Q_D(const UnixStreamClient);
    return SocketHandle(d->fd);
}

} // namespace EasyNet
