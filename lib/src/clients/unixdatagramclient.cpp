#include "unixdatagramclient_p.h"


#include <sys/socket.h>

namespace EasyNet {

UnixDatagramClientPrivate::UnixDatagramClientPrivate() : UnixClientPrivate(SOCK_DGRAM)
{
    autobind = true;
}

Error UnixDatagramClientPrivate::checkReadyToOpen() const
{
    if (protocol.isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no protocol set"), EINVAL);
    return UnixClientPrivate::checkReadyToOpen();
}

QByteArray UnixDatagramClientPrivate::serializePacket(const QVariant &packet)
{
    return protocol.makeDatagram(packet);
}

void UnixDatagramClientPrivate::onSocketConnected()
{
    endpoint.emplace(protocol, options.maxDatagramSize);
}

ReadResult UnixDatagramClientPrivate::readPacket(QVariant &packet, Error &error,
                                                 const ReadRequest &request)
{
    if (!engine.isOpen())
        return ReadResult::WouldBlock;
    const ReadResult result = endpoint->next(engine, packet, error, request);
    if (result == ReadResult::WouldBlock)
        engine.armRead();
    return result;
}

// ---------------------------------------------------------------------------

UnixDatagramClient::UnixDatagramClient(QObject *parent)
    : AbstractClient(*new UnixDatagramClientPrivate, parent)
{
}

UnixDatagramClient::UnixDatagramClient(const UnixSocketAddress &address,
                                       const DatagramProtocol &protocol, QObject *parent)
    : UnixDatagramClient(parent)
{
    Q_D(UnixDatagramClient);
    d->address = address;
    d->protocol = protocol;
}

UnixDatagramClient::UnixDatagramClient(const QString &address, const DatagramProtocol &protocol,
                                       QObject *parent)
    : UnixDatagramClient(UnixSocketAddress::fromString(address), protocol, parent)
{
}

UnixDatagramClient::~UnixDatagramClient() = default;

qsizetype UnixDatagramClient::maxDatagramSize() const
{
    Q_D(const UnixDatagramClient);
    return d->options.maxDatagramSize;
}

bool UnixDatagramClient::setMaxDatagramSize(qsizetype bytes)
{
    Q_D(UnixDatagramClient);
    return d->setPositiveSize(d->options.maxDatagramSize, bytes, "maxDatagramSize");
}

UnixSocketAddress UnixDatagramClient::address() const
{
    Q_D(const UnixDatagramClient);
    return d->address;
}

bool UnixDatagramClient::setAddress(const UnixSocketAddress &address)
{
    Q_D(UnixDatagramClient);
    return d->setOption(d->address, address);
}

qintptr UnixDatagramClient::socketDescriptor() const
{
    Q_D(const UnixDatagramClient);
    return d->adoptedDescriptor;
}

bool UnixDatagramClient::setSocketDescriptor(qintptr descriptor)
{
    Q_D(UnixDatagramClient);
    return d->setAdoptedDescriptor(descriptor);
}

DatagramProtocol UnixDatagramClient::protocol() const
{
    Q_D(const UnixDatagramClient);
    return d->protocol;
}

bool UnixDatagramClient::setProtocol(const DatagramProtocol &protocol)
{
    Q_D(UnixDatagramClient);
    return d->setOption(d->protocol, protocol);
}

UnixSocketAddress UnixDatagramClient::bindAddress() const
{
    Q_D(const UnixDatagramClient);
    return d->options.bindAddress;
}

bool UnixDatagramClient::setBindAddress(const UnixSocketAddress &address)
{
    Q_D(UnixDatagramClient);
    return d->setOption(d->options.bindAddress, address);
}

bool UnixDatagramClient::passCredentials() const
{
    Q_D(const UnixDatagramClient);
    return d->options.passCredentials;
}

bool UnixDatagramClient::setPassCredentials(bool enabled)
{
    Q_D(UnixDatagramClient);
    d->setPassCredentials(enabled);
    return true;
}

QFuture<void> UnixDatagramClient::sendPacket(const QVariant &packet,
                                             const SocketAncillary &ancillary)
{
    Q_D(UnixDatagramClient);
    return d->sendPacket(packet, &ancillary);
}

QFuture<QVariant> UnixDatagramClient::recvPacket(const SocketAncillary &ancillary,
                                                 qsizetype ancillaryBufsize)
{
    Q_D(UnixDatagramClient);
    return d->recvPacket(AncillaryRequest {ancillary, qMax<qsizetype>(0, ancillaryBufsize)});
}

UnixSocketAddress UnixDatagramClient::localAddress() const
{
    return socket().localUnixAddress();
}

UnixSocketAddress UnixDatagramClient::peerAddress() const
{
    return socket().peerUnixAddress();
}


} // namespace EasyNet
