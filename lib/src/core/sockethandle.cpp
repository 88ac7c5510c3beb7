#include <EasyNet/sockethandle.h>

#include "transport/inetsockaddr_p.h"
#include "transport/unixsocket_p.h"

#include <sys/socket.h>

#include <cerrno>

namespace EasyNet {

static bool fail(int *errnum)
{
    if (errnum)
        *errnum = errno;
    return false;
}

qintptr SocketHandle::descriptor() const noexcept
{
    return m_descriptor ? m_descriptor->load(std::memory_order_acquire) : -1;
}

SocketHandle::Family SocketHandle::family() const
{
    int domain = AF_UNSPEC;
    socklen_t length = sizeof(domain);
    if (::getsockopt(int(descriptor()), SOL_SOCKET, SO_DOMAIN, &domain, &length) != 0)
        return Family::Unknown;
    switch (domain) {
    case AF_INET: return Family::IPv4;
    case AF_INET6: return Family::IPv6;
    case AF_UNIX: return Family::Unix;
    default: return Family::Unknown;
    }
}

QHostAddress SocketHandle::localAddress() const
{
    return socketAddress(descriptor(), false).first;
}

quint16 SocketHandle::localPort() const
{
    return socketAddress(descriptor(), false).second;
}

QHostAddress SocketHandle::peerAddress() const
{
    return socketAddress(descriptor(), true).first;
}

quint16 SocketHandle::peerPort() const
{
    return socketAddress(descriptor(), true).second;
}

UnixSocketAddress SocketHandle::localUnixAddress() const
{
    Error ignored;
    return family() == Family::Unix ? UnixSocket::localName(int(descriptor()), ignored)
                                    : UnixSocketAddress();
}

UnixSocketAddress SocketHandle::peerUnixAddress() const
{
    Error ignored;
    return family() == Family::Unix ? UnixSocket::peerName(int(descriptor()), ignored)
                                    : UnixSocketAddress();
}

std::optional<int> SocketHandle::intOption(int level, int name, int *errnum) const
{
    int value = 0;
    socklen_t length = sizeof(value);
    if (::getsockopt(int(descriptor()), level, name, &value, &length) != 0) {
        fail(errnum);
        return std::nullopt;
    }
    return value;
}

bool SocketHandle::setIntOption(int level, int name, int value, int *errnum) const
{
    if (::setsockopt(int(descriptor()), level, name, &value, sizeof(value)) != 0)
        return fail(errnum);
    return true;
}

std::optional<QByteArray> SocketHandle::option(int level, int name, qsizetype maxSize,
                                               int *errnum) const
{
    QByteArray value(maxSize, Qt::Uninitialized);
    socklen_t length = socklen_t(maxSize);
    if (::getsockopt(int(descriptor()), level, name, value.data(), &length) != 0) {
        fail(errnum);
        return std::nullopt;
    }
    value.truncate(qsizetype(length));
    return value;
}

bool SocketHandle::setOption(int level, int name, const QByteArray &value, int *errnum) const
{
    if (::setsockopt(int(descriptor()), level, name, value.constData(), socklen_t(value.size()))
        != 0)
        return fail(errnum);
    return true;
}

} // namespace EasyNet
