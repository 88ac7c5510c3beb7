#include "inetsockaddr_p.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

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
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    auto *raw = reinterpret_cast<sockaddr *>(&storage);
    if ((peer ? ::getpeername(int(fd), raw, &length) : ::getsockname(int(fd), raw, &length)) != 0)
        return {};
    const quint16 port = storage.ss_family == AF_INET6
        ? ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port)
        : ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
    return {QHostAddress(raw), port};
}

} // namespace EasyNet
