#include "abstractclient_p.h"
#include "transport/hostresolver_p.h"

#include <EasyNet/udpclient.h>

#include <QtNetwork/QHostInfo>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QUdpSocket>

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcUdp, "easynet.udp", QtWarningMsg)

class UdpClientPrivate final : public AbstractClientPrivate
{
public:
    Error checkReadyToOpen() const override;
    void startConnecting() override;
    QByteArray serializePacket(const QVariant &packet) override;
    bool coalescesWrites() const override { return false; } // a datagram per packet
    bool writeBytes(const QByteArray &bytes, Error &error) override;
    ReadResult readPacket(QVariant &packet, Error &error) override;
    void closeTransport() override;
    void abortTransport() override;

    void connectTo(const HostResolver::Result &resolved);
    void onConnected();
    Error socketError() const;

    QString host;
    quint16 port = 0;
    qintptr adoptedDescriptor = -1;
    QAbstractSocket::NetworkLayerProtocol family = QAbstractSocket::AnyIPProtocol;
    QHostAddress bindAddress;
    quint16 bindPort = 0;
    qsizetype maxDatagramSize = DatagramProtocol::DefaultMaxDatagramSize;
    DatagramProtocol protocol;
    QUdpSocket *socket = nullptr;
    QByteArray receiveBuffer; // reused: maxDatagramSize + 1 bytes
    int lookupId = -1;
};

Error UdpClientPrivate::checkReadyToOpen() const
{
    if (protocol.isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no protocol set"), EINVAL);
    if (adoptedDescriptor >= 0 && (!bindAddress.isNull() || bindPort != 0))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("an adopted socket takes no bind address"), EINVAL);
    if (adoptedDescriptor < 0 && host.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no host to send to"), EINVAL);
    return {};
}

void UdpClientPrivate::startConnecting()
{
    AbstractClient *const q = q_ptr;
    socket = new QUdpSocket(q);
    socket->setProxy(QNetworkProxy::NoProxy);
    // Readability also signals a pending ICMP error (ECONNREFUSED): the next
    // read returns it, see readPacket().
    QObject::connect(socket, &QIODevice::readyRead, q, [this] { transportReadable(); });

    if (adoptedDescriptor >= 0) {
        sockaddr_storage peer {};
        socklen_t length = sizeof(peer);
        if (::getpeername(int(adoptedDescriptor), reinterpret_cast<sockaddr *>(&peer), &length)
            != 0) {
            transportFailed(Error(ErrorCode::ConnectionError,
                                  QStringLiteral("cannot adopt socket %1: it is not a connected "
                                                 "UDP socket (%2)")
                                      .arg(adoptedDescriptor)
                                      .arg(QString::fromLocal8Bit(std::strerror(errno)))));
            return;
        }
        if (!socket->setSocketDescriptor(adoptedDescriptor, QAbstractSocket::ConnectedState)) {
            transportFailed(Error(ErrorCode::OSError,
                                  QStringLiteral("cannot adopt socket %1: %2")
                                      .arg(adoptedDescriptor)
                                      .arg(socket->errorString())));
            return;
        }
        onConnected();
        return;
    }
    if (const QHostAddress literal = HostResolver::literal(host); !literal.isNull()) {
        connectTo(HostResolver::filter(host, {literal}, family));
        return;
    }
    lookupId = QHostInfo::lookupHost(host, q, [this](const QHostInfo &info) {
        lookupId = -1;
        connectTo(HostResolver::fromLookup(host, info, family));
    });
}

void UdpClientPrivate::connectTo(const HostResolver::Result &resolved)
{
    AbstractClient *const q = q_ptr;
    if (resolved.error.isError()) {
        transportFailed(resolved.error);
        return;
    }
    const QHostAddress address = resolved.addresses.first();
    if (!bindAddress.isNull() || bindPort != 0) {
        const QHostAddress bindTo = !bindAddress.isNull() ? bindAddress
            : address.protocol() == QAbstractSocket::IPv6Protocol
            ? QHostAddress(QHostAddress::AnyIPv6)
            : QHostAddress(QHostAddress::AnyIPv4);
        if (!socket->bind(bindTo, bindPort)) {
            transportFailed(Error(ErrorCode::OSError,
                                  QStringLiteral("cannot bind to %1:%2: %3")
                                      .arg(bindTo.toString())
                                      .arg(bindPort)
                                      .arg(socket->errorString())));
            return;
        }
    }
    qCDebug(lcUdp) << q << "connecting to" << address << port;
    QObject::connect(socket, &QAbstractSocket::connected, q, [this] { onConnected(); });
    socket->connectToHost(address, port);
}

void UdpClientPrivate::onConnected()
{
    transportConnected();
}

Error UdpClientPrivate::socketError() const
{
    switch (socket->error()) {
    case QAbstractSocket::ConnectionRefusedError:
        return Error(ErrorCode::ConnectionRefused,
                     QStringLiteral("connection refused (nothing listening at the peer)"),
                     ECONNREFUSED);
    case QAbstractSocket::DatagramTooLargeError:
        return Error(ErrorCode::OSError, socket->errorString(), EMSGSIZE);
    default: return Error(ErrorCode::OSError, socket->errorString());
    }
}

QByteArray UdpClientPrivate::serializePacket(const QVariant &packet)
{
    return protocol.makeDatagram(packet);
}

bool UdpClientPrivate::writeBytes(const QByteArray &bytes, Error &error)
{
    // Straight to send(): QUdpSocket::write() reports a pending ICMP error
    // (ECONNREFUSED) as an unknown error without its errno.
    const int fd = int(socket->socketDescriptor());
    ssize_t sent;
    do {
        sent = ::send(fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    if (sent < 0) {
        error = Error::fromErrno(errno, QStringLiteral("send"));
        return false;
    }
    transportBytesWritten(bytes.size());
    return true;
}

ReadResult UdpClientPrivate::readPacket(QVariant &packet, Error &error)
{
    // Read without peeking first: a peek (hasPendingDatagrams()) would consume
    // and hide a pending ECONNREFUSED. One byte more than the limit tells a
    // datagram at the limit from a longer (truncated) one.
    receiveBuffer.resize(maxDatagramSize + 1);
    const qint64 got = socket->readDatagram(receiveBuffer.data(), receiveBuffer.size());
    if (got < 0) {
        if (socket->error() == QAbstractSocket::TemporaryError) // EAGAIN: nothing there
            return ReadResult::WouldBlock;
        error = socketError();
        return ReadResult::Error;
    }
    const QByteArrayView datagram(receiveBuffer.constData(), qsizetype(got));
    if (observesReceivedBytes())
        reportReceivedBytes(datagram.toByteArray());
    if (got > maxDatagramSize) {
        error = Error(
            ErrorCode::DatagramParseError,
            ParseError(
                ParseError::Kind::TooLarge,
                QStringLiteral("datagram larger than the limit of %1 bytes").arg(maxDatagramSize),
                0, got, true));
        return ReadResult::Error;
    }
    ParseError parseError;
    packet = protocol.buildPacketFromDatagram(datagram, parseError);
    if (parseError.isError()) {
        error = Error(ErrorCode::DatagramParseError, parseError);
        return ReadResult::Error;
    }
    return ReadResult::Packet;
}

void UdpClientPrivate::closeTransport()
{
    abortTransport();
    QMetaObject::invokeMethod(
        q_ptr, [this] { transportClosed(); }, Qt::QueuedConnection);
}

void UdpClientPrivate::abortTransport()
{
    if (lookupId >= 0) {
        QHostInfo::abortHostLookup(lookupId);
        lookupId = -1;
    }
    if (socket) {
        QObject::disconnect(socket, nullptr, q_ptr, nullptr);
        socket->abort();
        socket->deleteLater();
        socket = nullptr;
    }
}

// ---------------------------------------------------------------------------

UdpClient::UdpClient(QObject *parent) : AbstractClient(*new UdpClientPrivate, parent) { }

UdpClient::UdpClient(const QString &host, quint16 port, const DatagramProtocol &protocol,
                     QObject *parent)
    : UdpClient(parent)
{
    Q_D(UdpClient);
    d->host = host;
    d->port = port;
    d->protocol = protocol;
}

UdpClient::~UdpClient() = default;

QString UdpClient::host() const
{
    Q_D(const UdpClient);
    return d->host;
}

bool UdpClient::setHost(const QString &host)
{
    Q_D(UdpClient);
    return d->setOption(d->host, host);
}

quint16 UdpClient::port() const
{
    Q_D(const UdpClient);
    return d->port;
}

bool UdpClient::setPort(quint16 port)
{
    Q_D(UdpClient);
    return d->setOption(d->port, port);
}

qintptr UdpClient::socketDescriptor() const
{
    Q_D(const UdpClient);
    return d->adoptedDescriptor;
}

bool UdpClient::setSocketDescriptor(qintptr descriptor)
{
    Q_D(UdpClient);
    return d->checkArgument(descriptor >= -1, QStringLiteral("invalid socket descriptor"))
        && d->setOption(d->adoptedDescriptor, descriptor);
}

DatagramProtocol UdpClient::protocol() const
{
    Q_D(const UdpClient);
    return d->protocol;
}

bool UdpClient::setProtocol(const DatagramProtocol &protocol)
{
    Q_D(UdpClient);
    return d->setOption(d->protocol, protocol);
}

QAbstractSocket::NetworkLayerProtocol UdpClient::family() const
{
    Q_D(const UdpClient);
    return d->family;
}

bool UdpClient::setFamily(QAbstractSocket::NetworkLayerProtocol family)
{
    Q_D(UdpClient);
    return d->checkArgument(family == QAbstractSocket::AnyIPProtocol
                                || family == QAbstractSocket::IPv4Protocol
                                || family == QAbstractSocket::IPv6Protocol,
                            QStringLiteral("family must be AnyIPProtocol, IPv4Protocol or "
                                           "IPv6Protocol"))
        && d->setOption(d->family, family);
}

QHostAddress UdpClient::bindAddress() const
{
    Q_D(const UdpClient);
    return d->bindAddress;
}

bool UdpClient::setBindAddress(const QHostAddress &address)
{
    Q_D(UdpClient);
    return d->setOption(d->bindAddress, address);
}

quint16 UdpClient::bindPort() const
{
    Q_D(const UdpClient);
    return d->bindPort;
}

bool UdpClient::setBindPort(quint16 port)
{
    Q_D(UdpClient);
    return d->setOption(d->bindPort, port);
}

qsizetype UdpClient::maxDatagramSize() const
{
    Q_D(const UdpClient);
    return d->maxDatagramSize;
}

bool UdpClient::setMaxDatagramSize(qsizetype bytes)
{
    Q_D(UdpClient);
    return d->setPositiveSize(d->maxDatagramSize, bytes, "maxDatagramSize");
}

QHostAddress UdpClient::localAddress() const
{
    Q_D(const UdpClient);
    return d->socket ? d->socket->localAddress() : QHostAddress();
}

quint16 UdpClient::localPort() const
{
    Q_D(const UdpClient);
    return d->socket ? d->socket->localPort() : 0;
}

QHostAddress UdpClient::peerAddress() const
{
    Q_D(const UdpClient);
    return d->socket ? d->socket->peerAddress() : QHostAddress();
}

quint16 UdpClient::peerPort() const
{
    Q_D(const UdpClient);
    return d->socket ? d->socket->peerPort() : 0;
}

SocketHandle UdpClient::socket() const
{
    Q_D(const UdpClient);
    return SocketHandle(d->socket ? d->socket->socketDescriptor() : -1);
}

} // namespace EasyNet
