#include "tcpconnector_p.h"

#include "transport/happyeyeballsplanner_p.h"
#include "transport/hostresolver_p.h"
#include "transport/inetsockaddr_p.h"

#include <EasyNet/exceptions.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <vector>

namespace EasyNet {

namespace {

struct Attempt
{
    int fd;
    qsizetype index; // into the planner's addresses
};

// Starts a non-blocking connect; returns the descriptor (connect in progress or
// done) or -1 with error set.
int startAttempt(const TcpConnectRequest &request, const QHostAddress &address, Error &error)
{
    const int family = address.protocol() == QAbstractSocket::IPv6Protocol ? AF_INET6 : AF_INET;
    const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        error = Error::fromErrno(errno, QStringLiteral("socket"));
        return -1;
    }
    sockaddr_storage storage;
    if (!request.bindAddress.isNull() || request.bindPort != 0) {
        const QHostAddress local = !request.bindAddress.isNull() ? request.bindAddress
            : family == AF_INET6 ? QHostAddress(QHostAddress::AnyIPv6)
                                 : QHostAddress(QHostAddress::AnyIPv4);
        const unsigned length = toSockAddr(local, request.bindPort, storage);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0) {
            error = Error::fromErrno(errno, QStringLiteral("bind to %1").arg(local.toString()));
            ::close(fd);
            return -1;
        }
    }
    const unsigned length = toSockAddr(address, request.port, storage);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&storage), length) == 0 || errno == EINPROGRESS)
        return fd;
    error = Error::fromErrno(errno, QStringLiteral("connect to %1").arg(address.toString()));
    ::close(fd);
    return -1;
}

// Milliseconds from now until deadline / the planner's next start, whichever
// comes first; -1 for "no limit".
int pollTimeout(const QDeadlineTimer &deadline, const HappyEyeballsPlanner &planner)
{
    qint64 waitMs = deadline.isForever() ? -1 : deadline.remainingTime();
    if (const auto next = planner.nextAttemptTime()) {
        const auto now = HappyEyeballsPlanner::Clock::now();
        const qint64 nextMs
            = *next <= now ? 0 : std::chrono::ceil<std::chrono::milliseconds>(*next - now).count();
        waitMs = waitMs < 0 ? nextMs : qMin(waitMs, nextMs);
    }
    return int(qMin<qint64>(waitMs, INT_MAX));
}

} // namespace

int connectTcp(const TcpConnectRequest &request)
{
    const HostResolver::Result resolved = HostResolver::resolve(request.host);
    if (resolved.error.isError())
        resolved.error.throwException();

    HappyEyeballsPlanner planner(resolved.addresses, request.happyEyeballsDelay);
    std::vector<Attempt> attempts;
    const auto closeAll = [&attempts] {
        for (const Attempt &attempt : attempts)
            ::close(attempt.fd);
        attempts.clear();
    };
    for (;;) {
        while (const auto index = planner.takeDueAttempt(HappyEyeballsPlanner::Clock::now())) {
            Error error;
            const int fd = startAttempt(request, planner.addresses().at(*index), error);
            if (fd < 0)
                planner.attemptFailed(*index, error);
            else
                attempts.push_back({fd, *index});
        }
        if (planner.hasFailed())
            planner.firstError().throwException();
        if (request.deadline.hasExpired()) {
            closeAll();
            Error(ErrorCode::Timeout,
                  QStringLiteral("connecting to %1 port %2 timed out")
                      .arg(request.host)
                      .arg(request.port),
                  ETIMEDOUT)
                .throwException();
        }
        std::vector<pollfd> fds;
        for (const Attempt &attempt : attempts)
            fds.push_back({attempt.fd, POLLOUT, 0});
        if (::poll(fds.data(), nfds_t(fds.size()), pollTimeout(request.deadline, planner)) <= 0)
            continue;
        for (size_t i = fds.size(); i-- > 0;) {
            if (!fds[i].revents)
                continue;
            int soError = 0;
            socklen_t length = sizeof(soError);
            ::getsockopt(fds[i].fd, SOL_SOCKET, SO_ERROR, &soError, &length);
            const Attempt attempt = attempts[i];
            attempts.erase(attempts.begin() + std::ptrdiff_t(i));
            if (soError == 0) {
                planner.attemptSucceeded(attempt.index);
                closeAll();
                return attempt.fd;
            }
            ::close(attempt.fd);
            planner.attemptFailed(
                attempt.index,
                Error::fromErrno(soError,
                                 QStringLiteral("connect to %1")
                                     .arg(planner.addresses().at(attempt.index).toString())));
        }
    }
}

} // namespace EasyNet
