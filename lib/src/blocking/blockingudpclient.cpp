#include "blockingdatagramclient_p.h"

#include "transport/hostresolver_p.h"
#include "transport/inetsockaddr_p.h"

#include <EasyNet/blockingudpclient.h>
#include <EasyNet/exceptions.h>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <functional>

namespace EasyNet {

namespace {

// The address to send to: the first of host's addresses of family (the same
// resolution and family filter as every client).
QHostAddress resolve(const QString &host, QAbstractSocket::NetworkLayerProtocol family)
{
    const HostResolver::Result resolved = HostResolver::resolve(host, family);
    if (resolved.error.isError())
        resolved.error.throwException();
    return resolved.addresses.first();
}

void checkOptions(const BlockingUdpOptions &options)
{
    BlockingDatagramClientPrivate::checkSize(options.maxDatagramSize);
    AbstractBlockingClientPrivate::checkClientOptions(options);
    checkArgument(options.family == QAbstractSocket::AnyIPProtocol
                      || options.family == QAbstractSocket::IPv4Protocol
                      || options.family == QAbstractSocket::IPv6Protocol,
                  QStringLiteral("family must be AnyIPProtocol, IPv4Protocol or IPv6Protocol"));
    checkArgument(!options.serverHostname || options.ssl,
                  QStringLiteral("serverHostname is only used with DTLS (ssl is not set)"));
    checkArgument(options.sslHandshakeTimeout.count() > 0,
                  QStringLiteral("sslHandshakeTimeout must be positive"));
}

// A DTLS configuration that cannot be honoured is refused before connecting.
void checkDtls(const BlockingUdpOptions &options, const QString &host)
{
    if (!options.ssl)
        return;
    const TlsPolicy policy(*options.ssl, host, options.serverHostname,
                           TlsPolicy::Transport::Datagram);
    if (policy.error().isError())
        policy.error().throwException();
}

int connectUdp(const QString &host, quint16 port, const BlockingUdpOptions &options)
{
    checkOptions(options);
    checkDtls(options, host);
    const QHostAddress address = resolve(host, options.family);
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        Error::fromErrno(errno, QStringLiteral("socket")).throwException();
    sockaddr_storage storage;
    if (!options.bindAddress.isNull() || options.bindPort != 0) {
        const QHostAddress local = !options.bindAddress.isNull() ? options.bindAddress
            : v6 ? QHostAddress(QHostAddress::AnyIPv6)
                 : QHostAddress(QHostAddress::AnyIPv4);
        const unsigned length = toSockAddr(local, options.bindPort, storage);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0) {
            const Error error
                = Error::fromErrno(errno, QStringLiteral("bind to %1").arg(local.toString()));
            ::close(fd);
            error.throwException();
        }
    }
    const unsigned length = toSockAddr(address, port, storage);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0) {
        const Error error
            = Error::fromErrno(errno, QStringLiteral("connect to %1").arg(address.toString()));
        ::close(fd);
        error.throwException();
    }
    return fd;
}

// The adopted descriptor, checked; on an error it stays the caller's.
int adoptUdp(qintptr fd, const BlockingUdpOptions &options)
{
    checkOptions(options);
    checkDtls(options, QString());
    Error error;
    if (!adoptUdpSocket(int(fd), error))
        error.throwException();
    return int(fd);
}

// host: the host connected to, empty for an adopted socket.
std::unique_ptr<AbstractBlockingClientPrivate> makePrivate(int fd, const QString &host,
                                                           const DatagramProtocol &protocol,
                                                           const BlockingUdpOptions &options)
{
    auto d = std::make_unique<BlockingDatagramClientPrivate>(fd, protocol, options.maxDatagramSize,
                                                             options);
    if (options.ssl)
        d->startDtls(
            TlsPolicy(*options.ssl, host, options.serverHostname, TlsPolicy::Transport::Datagram),
            QDeadlineTimer(options.sslHandshakeTimeout));
    return d;
}

const BlockingDtlsChannel *dtlsOf(const AbstractBlockingClientPrivate *d)
{
    return static_cast<const BlockingDatagramClientPrivate *>(d)->dtls();
}

} // namespace

BlockingUdpClient::BlockingUdpClient(const QString &host, quint16 port,
                                     const DatagramProtocol &protocol,
                                     const BlockingUdpOptions &options)
    : AbstractBlockingClient(makePrivate(connectUdp(host, port, options), host, protocol, options))
{
}

BlockingUdpClient::BlockingUdpClient(qintptr socketDescriptor, const DatagramProtocol &protocol,
                                     const BlockingUdpOptions &options)
    : AbstractBlockingClient(
        makePrivate(adoptUdp(socketDescriptor, options), QString(), protocol, options))
{
}

BlockingUdpClient::~BlockingUdpClient() = default;

bool BlockingUdpClient::isSsl() const
{
    return dtlsOf(d_ptr.get()) != nullptr;
}

QSslCipher BlockingUdpClient::sessionCipher() const
{
    const BlockingDtlsChannel *dtls = dtlsOf(d_ptr.get());
    return dtls ? dtls->inspect(std::mem_fn(&OpenSslSession::cipher)) : QSslCipher();
}

QSsl::SslProtocol BlockingUdpClient::sessionProtocol() const
{
    const BlockingDtlsChannel *dtls = dtlsOf(d_ptr.get());
    return dtls ? dtls->inspect(std::mem_fn(&OpenSslSession::protocol)) : QSsl::UnknownProtocol;
}

QList<QSslCertificate> BlockingUdpClient::peerCertificateChain() const
{
    const BlockingDtlsChannel *dtls = dtlsOf(d_ptr.get());
    return dtls ? dtls->inspect(std::mem_fn(&OpenSslSession::peerCertificateChain))
                : QList<QSslCertificate>();
}

quint64 BlockingUdpClient::droppedDatagrams() const
{
    const BlockingDtlsChannel *dtls = dtlsOf(d_ptr.get());
    return dtls ? dtls->droppedDatagrams() : 0;
}

QHostAddress BlockingUdpClient::localAddress() const
{
    return socket().localAddress();
}

quint16 BlockingUdpClient::localPort() const
{
    return socket().localPort();
}

QHostAddress BlockingUdpClient::peerAddress() const
{
    return socket().peerAddress();
}

quint16 BlockingUdpClient::peerPort() const
{
    return socket().peerPort();
}

} // namespace EasyNet
