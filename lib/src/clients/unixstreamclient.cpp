#include "unixstreamclient_p.h"

#include "core/socketancillary_p.h"
#include "transport/unixsocket_p.h"

#include <sys/socket.h>

#include <cerrno>

namespace EasyNet {

UnixStreamClientPrivate::UnixStreamClientPrivate() : AbstractUnixClientPrivate(SOCK_STREAM) { }

Error UnixStreamClientPrivate::checkReadyToOpen() const
{
    if (protocol.isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no protocol set"), EINVAL);
    return AbstractUnixClientPrivate::checkReadyToOpen();
}

void UnixStreamClientPrivate::onSocketConnected()
{
    endpoint.emplace(protocol, options.maxPacketSize, options.maxRecvSize);
}

QByteArray UnixStreamClientPrivate::serializePacket(const QVariant &packet)
{
    return protocol.generateChunk(packet);
}

void UnixStreamClientPrivate::appendPacket(const QVariant &packet, QByteArray &out)
{
    protocol.appendChunk(packet, out);
}

std::optional<Error> UnixStreamClientPrivate::checkCanSend() const
{
    return writeShutdown.checkCanSend();
}

ReadResult UnixStreamClientPrivate::readPacket(QVariant &packet, Error &error,
                                               const ReadRequest &request)
{
    const ReadResult result = endpoint->next(engine, packet, error, request);
    if (result == ReadResult::WouldBlock)
        engine.armRead();
    else if (result == ReadResult::EndOfStream || result == ReadResult::Failed)
        engine.disarmRead();
    return result;
}

void UnixStreamClientPrivate::onWriteQueueFlushed()
{
    writeShutdown.shutdownIfFlushed();
}

void UnixStreamClientPrivate::onAbort()
{
    writeShutdown.fail(closedError());
}

// ---------------------------------------------------------------------------

UnixStreamClient::UnixStreamClient(QObject *parent)
    : AbstractUnixClient(*new UnixStreamClientPrivate, parent)
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
    return d->options.maxRecvSize;
}

bool UnixStreamClient::setMaxRecvSize(qsizetype bytes)
{
    Q_D(UnixStreamClient);
    return d->setPositiveSize(d->options.maxRecvSize, bytes, "maxRecvSize");
}

qsizetype UnixStreamClient::maxPacketSize() const
{
    Q_D(const UnixStreamClient);
    return d->options.maxPacketSize;
}

bool UnixStreamClient::setMaxPacketSize(qsizetype bytes)
{
    Q_D(UnixStreamClient);
    return d->setPositiveSize(d->options.maxPacketSize, bytes, "maxPacketSize");
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

QFuture<void> UnixStreamClient::sendEof()
{
    Q_D(UnixStreamClient);
    return d->writeShutdown.request();
}

std::optional<UnixCredentials> UnixStreamClient::peerCredentials() const
{
    Q_D(const UnixStreamClient);
    if (int(d->descriptor()) < 0)
        return std::nullopt;
    Error error;
    return UnixSocket::peerCredentials(int(d->descriptor()), error);
}

} // namespace EasyNet
