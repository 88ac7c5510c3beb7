#include "tcpsocketoptions_p.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <cerrno>
#include <climits>

namespace EasyNet {

namespace {

// value is the system's default or within [1, max].
template<typename T>
bool isSystemDefaultOrWithin(T value, T max)
{
    return value == T(TcpOptions::SystemDefault) || (value >= T(1) && value <= max);
}

} // namespace

QString TcpSocketOptions::problem(const TcpOptions &options)
{
    if (!isSystemDefaultOrWithin(options.keepAliveIdle, TcpOptions::MaxKeepAliveTime))
        return QStringLiteral("keepAliveIdle must be 1 to %1 s, or 0 for the system's")
            .arg(TcpOptions::MaxKeepAliveTime.count());
    if (!isSystemDefaultOrWithin(options.keepAliveInterval, TcpOptions::MaxKeepAliveTime))
        return QStringLiteral("keepAliveInterval must be 1 to %1 s, or 0 for the system's")
            .arg(TcpOptions::MaxKeepAliveTime.count());
    if (!isSystemDefaultOrWithin(options.keepAliveCount, TcpOptions::MaxKeepAliveCount))
        return QStringLiteral("keepAliveCount must be 1 to %1, or 0 for the system's")
            .arg(TcpOptions::MaxKeepAliveCount);
    if (!isSystemDefaultOrWithin(options.userTimeout, std::chrono::milliseconds(INT_MAX)))
        return QStringLiteral("userTimeout must be 1 to %1 ms, or 0 for the system's").arg(INT_MAX);
    return {};
}

Error TcpSocketOptions::apply(int fd, const TcpOptions &options)
{
    const auto set = [fd](int level, int name, qint64 value, const char *what) {
        const int v = int(value);
        if (::setsockopt(fd, level, name, &v, sizeof(v)) == 0)
            return Error();
        return Error::fromErrno(errno,
                                QStringLiteral("cannot set %1").arg(QLatin1StringView(what)));
    };
    // The switches are always set (an adopted socket may come with others);
    // a timing left at SystemDefault is not, so the kernel keeps reading it
    // from its sysctl.
    Error error = set(IPPROTO_TCP, TCP_NODELAY, options.noDelay, "TCP_NODELAY");
    if (!error.isError())
        error = set(SOL_SOCKET, SO_KEEPALIVE, options.keepAlive, "SO_KEEPALIVE");
    if (!error.isError() && options.keepAliveIdle.count() != TcpOptions::SystemDefault)
        error = set(IPPROTO_TCP, TCP_KEEPIDLE, options.keepAliveIdle.count(), "TCP_KEEPIDLE");
    if (!error.isError() && options.keepAliveInterval.count() != TcpOptions::SystemDefault)
        error = set(IPPROTO_TCP, TCP_KEEPINTVL, options.keepAliveInterval.count(), "TCP_KEEPINTVL");
    if (!error.isError() && options.keepAliveCount != TcpOptions::SystemDefault)
        error = set(IPPROTO_TCP, TCP_KEEPCNT, options.keepAliveCount, "TCP_KEEPCNT");
    if (!error.isError() && options.userTimeout.count() != TcpOptions::SystemDefault)
        error = set(IPPROTO_TCP, TCP_USER_TIMEOUT, options.userTimeout.count(), "TCP_USER_TIMEOUT");
    return error;
}

} // namespace EasyNet
