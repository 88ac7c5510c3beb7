#include "tcpconnector_p.h"

#include "transport/happyeyeballs_p.h"
#include "transport/inetsockaddr_p.h"

#include <EasyNet/exceptions.h>

#include <QtNetwork/QHostInfo>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace EasyNet {

namespace {

struct Attempt
{
    int fd;
    QHostAddress address;
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
    if (!request.localAddress.isNull() || request.localPort != 0) {
        const QHostAddress local = !request.localAddress.isNull() ? request.localAddress
            : family == AF_INET6 ? QHostAddress(QHostAddress::AnyIPv6)
                                 : QHostAddress(QHostAddress::AnyIPv4);
        const unsigned length = toSockAddr(local, request.localPort, storage);
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

} // namespace

int connectTcp(const TcpConnectRequest &request)
{
    QList<QHostAddress> addresses;
    QHostAddress literal;
    if (literal.setAddress(request.host)) {
        addresses = {literal};
    } else {
        const QHostInfo info = QHostInfo::fromName(request.host);
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
            Error(ErrorCode::HostNotFound, QStringLiteral("cannot resolve %1: %2")
                                               .arg(request.host, info.errorString()))
                .throwException();
        addresses = interleaveAddressFamilies(info.addresses());
    }

    std::vector<Attempt> attempts;
    const auto closeAll = [&attempts] {
        for (const Attempt &attempt : attempts)
            ::close(attempt.fd);
        attempts.clear();
    };
    Error firstError;
    qsizetype next = 0;
    QDeadlineTimer nextStart(0);
    for (;;) {
        if (next < addresses.size() && (attempts.empty() || nextStart.hasExpired())) {
            Error error;
            const int fd = startAttempt(request, addresses.at(next), error);
            ++next;
            if (fd < 0) {
                if (!firstError.isError())
                    firstError = error;
                continue; // a failure starts the next attempt at once
            }
            attempts.push_back({fd, addresses.at(next - 1)});
            nextStart = QDeadlineTimer(request.happyEyeballsDelay);
        }
        if (attempts.empty()) {
            if (next >= addresses.size())
                firstError.throwException();
            continue;
        }
        if (request.deadline.hasExpired()) {
            closeAll();
            Error(ErrorCode::Timeout,
                  QStringLiteral("connecting to %1 port %2 timed out").arg(request.host).arg(request.port),
                  ETIMEDOUT)
                .throwException();
        }
        qint64 waitMs = request.deadline.isForever() ? -1 : request.deadline.remainingTime();
        if (next < addresses.size()) {
            const qint64 untilNext = nextStart.remainingTime();
            waitMs = waitMs < 0 ? untilNext : qMin(waitMs, untilNext);
        }
        std::vector<pollfd> fds;
        for (const Attempt &attempt : attempts)
            fds.push_back({attempt.fd, POLLOUT, 0});
        const int ready = ::poll(fds.data(), nfds_t(fds.size()), int(qMin<qint64>(waitMs, INT_MAX)));
        if (ready <= 0)
            continue;
        for (size_t i = fds.size(); i-- > 0;) {
            if (!fds[i].revents)
                continue;
            int soError = 0;
            socklen_t length = sizeof(soError);
            ::getsockopt(fds[i].fd, SOL_SOCKET, SO_ERROR, &soError, &length);
            if (soError == 0) {
                const int winner = fds[i].fd;
                attempts.erase(attempts.begin() + std::ptrdiff_t(i));
                closeAll();
                return winner;
            }
            if (!firstError.isError())
                firstError = Error::fromErrno(
                    soError, QStringLiteral("connect to %1").arg(attempts[i].address.toString()));
            ::close(fds[i].fd);
            attempts.erase(attempts.begin() + std::ptrdiff_t(i));
            nextStart = QDeadlineTimer(0); // a failure starts the next attempt at once
        }
    }
}

} // namespace EasyNet
