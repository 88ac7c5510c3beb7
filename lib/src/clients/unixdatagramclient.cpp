#include "unixdatagramclient_p.h"

#include "core/socketancillary_p.h"

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

ReadResult UnixDatagramClientPrivate::readPacket(QVariant &packet, Error &error)
{
    if (!engine.isOpen())
        return ReadResult::WouldBlock;
    const UnixReceiveContext *context = receiveContextOf(receiveContext());
    std::optional<SocketAncillary> incoming;
    if (context)
        incoming.emplace();
    if (receiveBuffer.size() != maxDatagramSize)
        receiveBuffer.resize(maxDatagramSize);
    const UnixSocket::IoResult result
        = engine.read(receiveBuffer.data(), receiveBuffer.size(), context ? context->bufsize : 0,
                      incoming ? &*incoming : nullptr, true);
    if (result.wouldBlock) {
        engine.armRead();
        return ReadResult::WouldBlock;
    }
    if (result.error.isError()) {
        // One datagram lost (or a socket error such as ECONNREFUSED): reported,
        // the client goes on.
        error = result.error;
        return ReadResult::Error;
    }
    const QByteArrayView datagram(receiveBuffer.constData(),
                                  qMin(result.bytes, receiveBuffer.size()));
    if (observesReceivedBytes())
        reportReceivedBytes(datagram.toByteArray());
    if (result.truncated) {
        error = Error(ErrorCode::DatagramParseError,
                      ParseError(ParseError::Kind::TooLarge,
                                 QStringLiteral("datagram of %1 bytes larger than the limit of "
                                                "%2 bytes")
                                     .arg(result.bytes)
                                     .arg(maxDatagramSize),
                                 0, result.bytes, true));
        return ReadResult::Error;
    }
    ParseError parseError;
    packet = protocol.buildPacketFromDatagram(datagram, parseError);
    if (parseError.isError()) {
        error = Error(ErrorCode::DatagramParseError, parseError);
        return ReadResult::Error; // incoming's descriptors are closed
    }
    if (incoming && incoming->hasReceivedData()) {
        SocketAncillary target = context->ancillary; // shares the caller's state
        SocketAncillaryAccess::moveReceived(*incoming, target);
    }
    return ReadResult::Packet;
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
    return d->maxDatagramSize;
}

bool UnixDatagramClient::setMaxDatagramSize(qsizetype bytes)
{
    Q_D(UnixDatagramClient);
    return d->setPositiveSize(d->maxDatagramSize, bytes, "maxDatagramSize");
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
    return d->bindAddress;
}

bool UnixDatagramClient::setBindAddress(const UnixSocketAddress &address)
{
    Q_D(UnixDatagramClient);
    return d->setOption(d->bindAddress, address);
}

bool UnixDatagramClient::passCredentials() const
{
    Q_D(const UnixDatagramClient);
    return d->passCredentials;
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
    return d->sendPacketWithContext(packet, std::any(ancillary));
}

QFuture<QVariant> UnixDatagramClient::recvPacket(const SocketAncillary &ancillary,
                                                 qsizetype ancillaryBufsize)
{
    Q_D(UnixDatagramClient);
    return d->recvPacketWithContext(
        std::any(UnixReceiveContext {ancillary, qMax<qsizetype>(0, ancillaryBufsize)}));
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
