#include "abstractclient_p.h"
#include "endpoint/datagramendpoint_p.h"
#include "transport/dtlsengine_p.h"
#include "transport/fdsocketengine_p.h"
#include "transport/hostresolver_p.h"
#include "transport/inetsockaddr_p.h"

#include <EasyNet/udpclient.h>
#include <EasyNet/udpoptions.h>

#include <QtNetwork/QHostInfo>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QUdpSocket>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcUdp, "easynet.udp", QtWarningMsg)

// UdpClientPrivate: QUdpSocket binds and connects (or adoptUdpSocket() checks
// an adopted socket, as for BlockingUdpClient); then the descriptor goes to an
// FdSocketEngine, as the Unix datagram client's, whose recvmsg(MSG_TRUNC) tells
// an oversized datagram's real size and whose errors carry their errno
// (ECONNREFUSED after port unreachable), with a DtlsEngine over it for DTLS.
class UdpClientPrivate final : public AbstractClientPrivate, public SocketEngineReceiver
{
public:
    Error checkReadyToOpen() const override;
    void startConnecting() override;
    QByteArray serializePacket(const QVariant &packet) override;
    bool coalescesWrites() const override { return false; } // a datagram per packet
    bool writeBytes(const QByteArray &bytes, const SocketAncillary *ancillary,
                    Error &error) override;
    ReadResult readPacket(QVariant &packet, Error &error, const ReadRequest &request) override;
    void closeTransport() override;
    void abortTransport() override;
    qintptr descriptor() const override { return engine ? engine->descriptor() : -1; }

    // ---- SocketEngineReceiver ----
    void connectedNotification() override { transportConnected(); }
    void readNotification() override { transportReadable(); }
    void bytesWrittenNotification(qint64 bytes) override { transportBytesWritten(bytes); }
    void flushedNotification() override { }
    void failedNotification(const Error &error) override { transportFailed(error); }
    void closedNotification() override { transportClosed(); }

    void connectTo(const HostResolver::Result &resolved);
    void onConnected();
    // The data path on a connected descriptor (owned from here on).
    void startDataPath(int fd);
    void dropSocket();
    std::optional<TlsPolicy> dtlsPolicy() const;
    // What the DTLS handshake agreed; null without DTLS.
    const OpenSslSession *tlsSession() const { return engine ? engine->tlsSession() : nullptr; }

    QString host;
    quint16 port = 0;
    qintptr adoptedDescriptor = -1;
    UdpOptions options;
    DatagramProtocol protocol;
    QUdpSocket *socket = nullptr; // while connecting
    std::unique_ptr<SocketEngine> engine; // once connected: FdSocketEngine, DtlsEngine over it
    std::optional<DatagramEndpoint> endpoint; // once connected
    int lookupId = -1;
};

Error UdpClientPrivate::checkReadyToOpen() const
{
    if (protocol.isNull())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no protocol set"), EINVAL);
    if (adoptedDescriptor >= 0 && (!options.bindAddress.isNull() || options.bindPort != 0))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("an adopted socket takes no bind address"), EINVAL);
    if (adoptedDescriptor < 0 && host.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no host to send to"), EINVAL);
    if (options.serverHostname && !options.ssl)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("serverHostname is only valid with DTLS"), EINVAL);
    if (const std::optional<TlsPolicy> policy = dtlsPolicy(); policy && policy->error().isError())
        return policy->error();
    return {};
}

void UdpClientPrivate::startConnecting()
{
    AbstractClient *const q = q_ptr;
    if (adoptedDescriptor >= 0) {
        const int fd = int(adoptedDescriptor);
        Error error;
        if (!adoptUdpSocket(fd, error)) {
            ::close(fd); // the client owns it from open() on, refused or not
            transportFailed(error);
            return;
        }
        startDataPath(fd);
        return;
    }
    socket = new QUdpSocket(q);
    socket->setProxy(QNetworkProxy::NoProxy);
    if (const QHostAddress literal = HostResolver::literal(host); !literal.isNull()) {
        connectTo(HostResolver::filter(host, {literal}, options.family));
        return;
    }
    lookupId = QHostInfo::lookupHost(host, q, [this](const QHostInfo &info) {
        lookupId = -1;
        connectTo(HostResolver::fromLookup(host, info, options.family));
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
    if (!options.bindAddress.isNull() || options.bindPort != 0) {
        const QHostAddress bindTo = !options.bindAddress.isNull() ? options.bindAddress
            : address.protocol() == QAbstractSocket::IPv6Protocol
            ? QHostAddress(QHostAddress::AnyIPv6)
            : QHostAddress(QHostAddress::AnyIPv4);
        if (!socket->bind(bindTo, options.bindPort)) {
            transportFailed(Error(ErrorCode::OSError,
                                  QStringLiteral("cannot bind to %1:%2: %3")
                                      .arg(bindTo.toString())
                                      .arg(options.bindPort)
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
    // The data path leaves QUdpSocket: the engine takes a copy of the
    // descriptor (QUdpSocket closes its own).
    const int fd = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    const int dupErrno = errno;
    dropSocket();
    if (fd < 0) {
        transportFailed(Error::fromErrno(dupErrno, QStringLiteral("dup")));
        return;
    }
    startDataPath(fd);
}

std::optional<TlsPolicy> UdpClientPrivate::dtlsPolicy() const
{
    if (!options.ssl)
        return std::nullopt;
    return TlsPolicy(*options.ssl, host, options.serverHostname, TlsPolicy::Transport::Datagram);
}

void UdpClientPrivate::startDataPath(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    engine = std::make_unique<FdSocketEngine>();
    qsizetype packetLimit = options.maxDatagramSize;
    if (const std::optional<TlsPolicy> policy = dtlsPolicy()) {
        packetLimit = qMin(packetLimit, UdpOptions::MaxDtlsPacketSize);
        engine
            = std::make_unique<DtlsEngine>(std::move(engine), *policy, options.sslHandshakeTimeout,
                                           packetLimit + DtlsSession::MaxRecordOverhead);
    }
    engine->setReceiver(this);
    endpoint.emplace(protocol, packetLimit);
    engine->start(fd, q_ptr); // connectedNotification() follows
}

void UdpClientPrivate::dropSocket()
{
    if (!socket)
        return;
    QObject::disconnect(socket, nullptr, q_ptr, nullptr);
    socket->abort();
    socket->deleteLater();
    socket = nullptr;
}

QByteArray UdpClientPrivate::serializePacket(const QVariant &packet)
{
    return protocol.makeDatagram(packet);
}

bool UdpClientPrivate::writeBytes(const QByteArray &bytes, const SocketAncillary *, Error &error)
{
    return engine->write(bytes, nullptr, error);
}

ReadResult UdpClientPrivate::readPacket(QVariant &packet, Error &error, const ReadRequest &request)
{
    // Readability also signals a pending ICMP error (ECONNREFUSED): the read
    // returns it as an error of one datagram, and the client goes on.
    const ReadResult result = endpoint->next(*engine, packet, error, request);
    if (result == ReadResult::WouldBlock)
        engine->armRead();
    else if (result == ReadResult::EndOfStream) // the peer's DTLS close_notify
        engine->disarmRead();
    return result;
}

void UdpClientPrivate::closeTransport()
{
    engine->close(); // closedNotification() follows
}

void UdpClientPrivate::abortTransport()
{
    if (lookupId >= 0) {
        QHostInfo::abortHostLookup(lookupId);
        lookupId = -1;
    }
    dropSocket();
    if (engine)
        engine->abort();
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
    return d->options.family;
}

bool UdpClient::setFamily(QAbstractSocket::NetworkLayerProtocol family)
{
    Q_D(UdpClient);
    return d->checkArgument(family == QAbstractSocket::AnyIPProtocol
                                || family == QAbstractSocket::IPv4Protocol
                                || family == QAbstractSocket::IPv6Protocol,
                            QStringLiteral("family must be AnyIPProtocol, IPv4Protocol or "
                                           "IPv6Protocol"))
        && d->setOption(d->options.family, family);
}

QHostAddress UdpClient::bindAddress() const
{
    Q_D(const UdpClient);
    return d->options.bindAddress;
}

bool UdpClient::setBindAddress(const QHostAddress &address)
{
    Q_D(UdpClient);
    return d->setOption(d->options.bindAddress, address);
}

quint16 UdpClient::bindPort() const
{
    Q_D(const UdpClient);
    return d->options.bindPort;
}

bool UdpClient::setBindPort(quint16 port)
{
    Q_D(UdpClient);
    return d->setOption(d->options.bindPort, port);
}

qsizetype UdpClient::maxDatagramSize() const
{
    Q_D(const UdpClient);
    return d->options.maxDatagramSize;
}

bool UdpClient::setMaxDatagramSize(qsizetype bytes)
{
    Q_D(UdpClient);
    return d->setPositiveSize(d->options.maxDatagramSize, bytes, "maxDatagramSize");
}

bool UdpClient::isSsl() const
{
    Q_D(const UdpClient);
    return d->options.ssl.has_value();
}

bool UdpClient::setSsl(bool enabled)
{
    Q_D(UdpClient);
    if (enabled == d->options.ssl.has_value())
        return d->checkOptionsCanChange();
    return d->setOption(d->options.ssl,
                        enabled ? std::optional(QSslConfiguration::defaultConfiguration())
                                : std::nullopt);
}

QSslConfiguration UdpClient::sslConfiguration() const
{
    Q_D(const UdpClient);
    return d->options.ssl.value_or(QSslConfiguration());
}

bool UdpClient::setSslConfiguration(const QSslConfiguration &configuration)
{
    Q_D(UdpClient);
    return d->setOption(d->options.ssl, std::optional(configuration));
}

QString UdpClient::serverHostname() const
{
    Q_D(const UdpClient);
    return d->options.serverHostname.value_or(QString());
}

bool UdpClient::setServerHostname(const QString &name)
{
    Q_D(UdpClient);
    return d->setOption(d->options.serverHostname,
                        std::optional(name.isNull() ? QStringLiteral("") : name));
}

std::chrono::milliseconds UdpClient::sslHandshakeTimeout() const
{
    Q_D(const UdpClient);
    return d->options.sslHandshakeTimeout;
}

bool UdpClient::setSslHandshakeTimeout(std::chrono::milliseconds timeout)
{
    Q_D(UdpClient);
    return d->checkArgument(timeout.count() > 0,
                            QStringLiteral("sslHandshakeTimeout must be positive"))
        && d->setOption(d->options.sslHandshakeTimeout, timeout);
}

QSslCipher UdpClient::sessionCipher() const
{
    Q_D(const UdpClient);
    const OpenSslSession *session = d->tlsSession();
    return session ? session->cipher() : QSslCipher();
}

QSsl::SslProtocol UdpClient::sessionProtocol() const
{
    Q_D(const UdpClient);
    const OpenSslSession *session = d->tlsSession();
    return session ? session->protocol() : QSsl::UnknownProtocol;
}

QList<QSslCertificate> UdpClient::peerCertificateChain() const
{
    Q_D(const UdpClient);
    const OpenSslSession *session = d->tlsSession();
    return session ? session->peerCertificateChain() : QList<QSslCertificate>();
}

quint64 UdpClient::droppedDatagrams() const
{
    Q_D(const UdpClient);
    const auto *dtls = dynamic_cast<const DtlsEngine *>(d->engine.get());
    return dtls ? dtls->droppedDatagrams() : 0;
}

QHostAddress UdpClient::localAddress() const
{
    return socket().localAddress();
}

quint16 UdpClient::localPort() const
{
    return socket().localPort();
}

QHostAddress UdpClient::peerAddress() const
{
    return socket().peerAddress();
}

quint16 UdpClient::peerPort() const
{
    return socket().peerPort();
}

} // namespace EasyNet
