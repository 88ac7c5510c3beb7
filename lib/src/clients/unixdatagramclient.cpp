#include "unixdatagramclient_p.h"

#include <sys/socket.h>

namespace EasyNet {

UnixDatagramClientPrivate::UnixDatagramClientPrivate() : AbstractUnixClientPrivate(SOCK_DGRAM)
{
    autobind = true;
}

Error UnixDatagramClientPrivate::checkReadyToOpen() const
{
    if (protocol.isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no protocol set"), EINVAL);
    return AbstractUnixClientPrivate::checkReadyToOpen();
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
    : AbstractUnixClient(*new UnixDatagramClientPrivate, parent)
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

} // namespace EasyNet
