#include "inetsockaddr_p.h"

#include "adopteddescriptor_p.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace EasyNet {

unsigned toSockAddr(const QHostAddress &address, quint16 port, sockaddr_storage &storage)
{
    std::memset(&storage, 0, sizeof(storage));
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof(bytes));
        in6->sin6_scope_id = address.scopeId().toUInt();
        return sizeof(sockaddr_in6);
    }
    auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
    in4->sin_family = AF_INET;
    in4->sin_port = htons(port);
    in4->sin_addr.s_addr = htonl(address.toIPv4Address());
    return sizeof(sockaddr_in);
}

std::pair<QHostAddress, quint16> socketAddress(qintptr fd, bool peer)
{
    if (fd < 0)
        return {};
    sockaddr_storage storage {};
    socklen_t length = sizeof(storage);
    auto *raw = reinterpret_cast<sockaddr *>(&storage);
    if ((peer ? ::getpeername(int(fd), raw, &length) : ::getsockname(int(fd), raw, &length)) != 0
        || (storage.ss_family != AF_INET && storage.ss_family != AF_INET6))
        return {};
    const quint16 port = storage.ss_family == AF_INET6
        ? ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port)
        : ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
    return {QHostAddress(raw), port};
}

bool adoptTcpSocket(int fd, Error &error)
{
    int type = 0;
    socklen_t length = sizeof(type);
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) != 0) {
        error = Error::fromErrno(errno, QStringLiteral("cannot adopt descriptor %1").arg(fd));
        return false;
    }
    const QHostAddress peer = socketAddress(fd, true).first;
    if (type != SOCK_STREAM || peer.isNull()
        || (peer.protocol() != QAbstractSocket::IPv4Protocol
            && peer.protocol() != QAbstractSocket::IPv6Protocol)) {
        error = Error(
            ErrorCode::InvalidArgument,
            QStringLiteral("cannot adopt descriptor %1: not a connected TCP socket").arg(fd),
            EINVAL);
        return false;
    }
    return prepareAdoptedDescriptor(fd, error);
}

bool adoptUdpSocket(int fd, Error &error)
{
    const auto option = [fd](int name, int &value) {
        socklen_t length = sizeof(value);
        return ::getsockopt(fd, SOL_SOCKET, name, &value, &length) == 0;
    };
    int domain = 0;
    int type = 0;
    if (!option(SO_DOMAIN, domain) || !option(SO_TYPE, type)) {
        error = Error::fromErrno(errno, QStringLiteral("cannot adopt descriptor %1").arg(fd));
        return false;
    }
    if ((domain != AF_INET && domain != AF_INET6) || type != SOCK_DGRAM) {
        error
            = Error(ErrorCode::InvalidArgument,
                    QStringLiteral("cannot adopt descriptor %1: not a UDP socket").arg(fd), EINVAL);
        return false;
    }
    sockaddr_storage peer {};
    socklen_t length = sizeof(peer);
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &length) != 0) {
        const int e = errno;
        error = Error(ErrorCode::ConnectionError,
                      QStringLiteral("cannot adopt descriptor %1: not a connected UDP socket (%2)")
                          .arg(fd)
                          .arg(QString::fromLocal8Bit(std::strerror(e))),
                      e);
        return false;
    }
    return prepareAdoptedDescriptor(fd, error);
}

} // namespace EasyNet
