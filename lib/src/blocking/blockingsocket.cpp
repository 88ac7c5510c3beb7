#include "blockingsocket_p.h"

#include <EasyNet/exceptions.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>

namespace EasyNet {

BlockingSocket::BlockingSocket(int fd)
    : m_fd(fd), m_wakeFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_wakeFd < 0)
        Error::fromErrno(errno, QStringLiteral("eventfd")).throwException();
    m_handleCell.set(fd);
    const int flags = ::fcntl(m_fd, F_GETFL);
    ::fcntl(m_fd, F_SETFL, flags | O_NONBLOCK);
}

BlockingSocket::~BlockingSocket()
{
    close();
}

void BlockingSocket::closeDescriptors()
{
    ::close(m_fd);
    ::close(m_wakeFd);
    m_fd = -1;
    m_wakeFd = -1;
}

Error BlockingSocket::closedError()
{
    return Error(ErrorCode::ClientClosed, QStringLiteral("the client is closed"));
}

std::unique_lock<TimedMutex> BlockingSocket::acquire(TimedMutex &mutex,
                                                          QDeadlineTimer deadline)
{
    if (isClosed())
        closedError().throwException();
    std::unique_lock lock(mutex, std::defer_lock);
    if (!lock.try_lock()) {
        const bool locked = deadline.isForever()
            ? (lock.lock(), true)
            : lock.try_lock_until(deadline.deadline<std::chrono::steady_clock>());
        if (!locked)
            Error(ErrorCode::Timeout, QStringLiteral("timed out waiting for the client's lock"),
                  ETIMEDOUT)
                .throwException();
    }
    if (isClosed())
        closedError().throwException();
    return lock;
}

BlockingSocket::Wait BlockingSocket::wait(short events, QDeadlineTimer deadline) const
{
    for (;;) {
        if (isClosed())
            return Wait::Closed;
        qint64 timeoutMs = deadline.isForever() ? -1 : deadline.remainingTime();
        const qint64 retryMs = m_retryMs.load();
        if (retryMs >= 0 && (timeoutMs < 0 || timeoutMs > retryMs))
            timeoutMs = retryMs;
        pollfd fds[2] = {{m_fd, events, 0}, {m_wakeFd, POLLIN, 0}};
        const int ready = ::poll(fds, 2, int(qMin<qint64>(timeoutMs, INT_MAX)));
        if (ready < 0 && errno != EINTR)
            return Wait::Closed; // the descriptors are gone: treat as closed
        if (isClosed() || (fds[1].revents & POLLIN))
            return Wait::Closed;
        if (ready > 0 && fds[0].revents)
            return Wait::Ready; // readiness or an error/hang-up the next call reports
        if (deadline.hasExpired())
            return Wait::Timeout;
    }
}

void BlockingSocket::waitOrThrow(short events, QDeadlineTimer deadline, const char *what) const
{
    switch (wait(events, deadline)) {
    case Wait::Ready:
        return;
    case Wait::Timeout:
        Error(ErrorCode::Timeout, QStringLiteral("%1 timed out").arg(QLatin1StringView(what)),
              ETIMEDOUT)
            .throwException();
    case Wait::Closed:
        closedError().throwException();
    }
}

} // namespace EasyNet
