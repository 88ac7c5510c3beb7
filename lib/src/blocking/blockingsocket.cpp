#include "blockingsocket_p.h"

#include <EasyNet/exceptions.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <limits>

namespace EasyNet {

namespace {

// SO_RCVTIMEO counts in scheduler ticks (4 ms at Debian's 250 Hz), rounded up:
// a kernel wait may last up to two ticks longer than asked. It is asked for
// that much less than the caller's wait, and wait() polls the rest.
constexpr qint64 KernelTimerSlackUs = 8000;
// Waits shorter than this are polled: the kernel's part would be too small.
constexpr qint64 ShortestKernelWaitUs = 2 * KernelTimerSlackUs;

} // namespace

BlockingSocket::BlockingSocket(int fd, Reads reads)
    : m_fd(fd), m_wakeFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_wakeFd < 0)
        Error::fromErrno(errno, QStringLiteral("eventfd")).throwException();
    m_handleCell.set(fd);
    const int flags = ::fcntl(m_fd, F_GETFL);
    ::fcntl(m_fd, F_SETFL, reads == Reads::WaitInKernel ? flags & ~O_NONBLOCK : flags | O_NONBLOCK);
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

std::unique_lock<TimedMutex> BlockingSocket::acquire(TimedMutex &mutex, QDeadlineTimer deadline)
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

qint64 BlockingSocket::kernelWaitMicroseconds(QDeadlineTimer deadline) const
{
    const qint64 retryMs = m_retryMs.load();
    if (deadline.isForever() && retryMs < 0)
        return 0;
    qint64 waitUs = deadline.isForever() ? std::numeric_limits<qint64>::max()
                                         : deadline.remainingTimeNSecs() / 1000;
    if (retryMs >= 0)
        waitUs = qMin(waitUs, retryMs * 1000);
    // Ask for less; the rest, and all of a short wait, is polled (see above).
    const qint64 kernelUs = waitUs - qMax(waitUs / 8, KernelTimerSlackUs);
    return waitUs < ShortestKernelWaitUs ? -1 : kernelUs;
}

bool BlockingSocket::setReceiveTimeout(qint64 waitUs)
{
    // The one set fits when it waits no longer than asked, and not less than
    // half: a caller with the same timeout every time sets it once.
    const bool fits = m_receiveTimeoutUs == waitUs
        || (waitUs > 0 && m_receiveTimeoutUs > 0 && m_receiveTimeoutUs <= waitUs
            && m_receiveTimeoutUs >= waitUs / 2);
    if (fits)
        return true;
    const timeval timeout {time_t(waitUs / 1000000), suseconds_t(waitUs % 1000000)};
    if (::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)) != 0)
        return false;
    m_receiveTimeoutUs = waitUs;
    return true;
}

IoResult BlockingSocket::receive(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                                 SocketAncillary *received, bool datagram, QDeadlineTimer deadline)
{
    for (;;) {
        const qint64 waitUs = kernelWaitMicroseconds(deadline);
        if (waitUs < 0 || !setReceiveTimeout(waitUs)) {
            const IoResult result
                = SocketIo::receive(m_fd, buffer, size, ancillaryBufsize, received, datagram);
            if (result.ok())
                m_liveness.received();
            return result;
        }
        m_receiverInKernel.store(true);
        IoResult result;
        if (m_closed.load()) {
            result.wouldBlock = true; // close() may not have seen this receiver
        } else {
            result = SocketIo::receive(m_fd, buffer, size, ancillaryBufsize, received, datagram,
                                       SocketIo::Wait::InKernel);
            // After shutdown(SHUT_RD) recvmsg() says end of stream (an empty
            // datagram): that was close(), not the peer.
            if (result.ok() && result.bytes == 0 && m_closed.load())
                result.wouldBlock = true;
        }
        m_receiverInKernel.store(false);
        if (result.ok())
            m_liveness.received();
        // SO_RCVTIMEO passed: the retry interval's re-check, or the deadline's
        // last part, which the next round leaves to the caller's wait().
        if (!result.wouldBlock || isClosed())
            return result;
    }
}

void BlockingSocket::wakeKernelReceiver()
{
    // Only a waiting receiver: shutdown() acts on the socket itself, which an
    // adopted descriptor may share with a dup() elsewhere.
    if (m_receiverInKernel.load())
        ::shutdown(m_fd, SHUT_RD);
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
        if (ready > 0 && fds[0].revents) {
            if (fds[0].revents & POLLIN)
                m_liveness.received();
            return Wait::Ready; // readiness or an error/hang-up the next call reports
        }
        if (deadline.hasExpired())
            return Wait::Timeout;
    }
}

void BlockingSocket::waitOrThrow(short events, QDeadlineTimer deadline, const char *what) const
{
    switch (wait(events, deadline)) {
    case Wait::Ready: return;
    case Wait::Timeout:
        Error(ErrorCode::Timeout, QStringLiteral("%1 timed out").arg(QLatin1StringView(what)),
              ETIMEDOUT)
            .throwException();
    case Wait::Closed: closedError().throwException();
    }
}

} // namespace EasyNet
