#include "unixsocket_p.h"

#include "adopteddescriptor_p.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcUnix, "easynet.unix", QtWarningMsg)

namespace UnixSocket {

namespace {

sockaddr *asSockaddr(sockaddr_un *address)
{
    return reinterpret_cast<sockaddr *>(address);
}

QString describe(const UnixSocketAddress &address)
{
    return address.isNull() ? QStringLiteral("<invalid address>") : address.toString();
}

Error invalidAddress(const QString &what)
{
    return Error(ErrorCode::OSError, what + QStringLiteral(": invalid Unix socket address"),
                 EINVAL);
}

} // namespace

int create(int type, Error &error)
{
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0)
        error = Error::fromErrno(errno, QStringLiteral("socket(AF_UNIX)"));
    return fd;
}

bool adopt(int fd, int type, Error &error)
{
    int value = 0;
    socklen_t length = sizeof(value);
    if (::getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &value, &length) != 0) {
        error = Error::fromErrno(errno, QStringLiteral("cannot adopt descriptor %1").arg(fd));
        return false;
    }
    if (value != AF_UNIX) {
        error = Error(ErrorCode::OSError,
                      QStringLiteral("cannot adopt descriptor %1: not an AF_UNIX socket").arg(fd),
                      EAFNOSUPPORT);
        return false;
    }
    length = sizeof(value);
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &value, &length) != 0 || value != type) {
        error = Error(ErrorCode::OSError,
                      QStringLiteral("cannot adopt descriptor %1: not a %2 socket")
                          .arg(fd)
                          .arg(type == SOCK_STREAM ? QStringLiteral("SOCK_STREAM")
                                                   : QStringLiteral("SOCK_DGRAM")),
                      EPROTOTYPE);
        return false;
    }
    sockaddr_un peer {};
    socklen_t peerLength = sizeof(peer);
    if (::getpeername(fd, asSockaddr(&peer), &peerLength) != 0) {
        const int e = errno;
        error = Error(ErrorCode::ConnectionError,
                      QStringLiteral("cannot adopt descriptor %1: not a connected socket (%2)")
                          .arg(fd)
                          .arg(QString::fromLocal8Bit(std::strerror(e))),
                      e);
        return false;
    }
    return prepareAdoptedDescriptor(fd, error);
}

bool bind(int fd, const UnixSocketAddress &address, Error &error)
{
    sockaddr_un addr {};
    const qsizetype length = address.toSockAddr(addr);
    if (length < 0) {
        error = invalidAddress(QStringLiteral("bind"));
        return false;
    }
    if (::bind(fd, asSockaddr(&addr), socklen_t(length)) != 0) {
        error = Error::fromErrno(errno, QStringLiteral("bind to %1").arg(describe(address)));
        return false;
    }
    return true;
}

ConnectResult connect(int fd, const UnixSocketAddress &address, Error &error)
{
    sockaddr_un addr {};
    const qsizetype length = address.toSockAddr(addr);
    if (length < 0 || address.isUnnamed()) {
        error = invalidAddress(QStringLiteral("connect"));
        return ConnectResult::Failed;
    }
    int result;
    do {
        result = ::connect(fd, asSockaddr(&addr), socklen_t(length));
    } while (result != 0 && errno == EINTR);
    if (result == 0)
        return ConnectResult::Connected;
    const int e = errno;
    if (e == EAGAIN || e == EINPROGRESS)
        return ConnectResult::TryAgain;
    QString context = QStringLiteral("connect to %1").arg(describe(address));
    if (e == ENOENT)
        context += QStringLiteral(" (no such socket path)");
    else if (e == ECONNREFUSED)
        context += QStringLiteral(" (nothing is listening there)");
    error = Error::fromErrno(e, context);
    return ConnectResult::Failed;
}

bool setPassCredentials(int fd, bool enabled, Error &error)
{
    const int value = enabled ? 1 : 0;
    if (::setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &value, sizeof(value)) != 0) {
        error = Error::fromErrno(errno, QStringLiteral("setsockopt(SO_PASSCRED)"));
        return false;
    }
    return true;
}

std::optional<UnixCredentials> peerCredentials(int fd, Error &error)
{
    ucred c {};
    socklen_t length = sizeof(c);
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &c, &length) != 0) {
        error = Error::fromErrno(errno, QStringLiteral("getsockopt(SO_PEERCRED)"));
        return std::nullopt;
    }
    return UnixCredentials(qint64(c.pid), quint32(c.uid), quint32(c.gid));
}

UnixSocketAddress localName(int fd, Error &error)
{
    sockaddr_un addr {};
    socklen_t length = sizeof(addr);
    if (::getsockname(fd, asSockaddr(&addr), &length) != 0) {
        error = Error::fromErrno(errno, QStringLiteral("getsockname"));
        return {};
    }
    return UnixSocketAddress::fromSockAddr(addr, qsizetype(length));
}

UnixSocketAddress peerName(int fd, Error &error)
{
    sockaddr_un addr {};
    socklen_t length = sizeof(addr);
    if (::getpeername(fd, asSockaddr(&addr), &length) != 0) {
        error = Error::fromErrno(errno, QStringLiteral("getpeername"));
        return {};
    }
    return UnixSocketAddress::fromSockAddr(addr, qsizetype(length));
}

} // namespace UnixSocket
} // namespace EasyNet
