// BlockingSocket: what every blocking client shares: the socket descriptor, a
// wake-up eventfd polled beside it (so close() from another thread ends every
// wait at once), the send and receive locks whose waiting time counts against
// the caller's timeout, and the retry interval.
#pragma once

#include "timedmutex_p.h"

#include "core/sockethandlecell_p.h"

#include <EasyNet/errors.h>

#include <QtCore/QDeadlineTimer>

#include <atomic>
#include <chrono>
#include <mutex>

namespace EasyNet {

class BlockingSocket
{
public:
    enum class Wait { Ready, Timeout, Closed };

    // Takes ownership of a connected descriptor and makes it non-blocking.
    explicit BlockingSocket(int fd);
    ~BlockingSocket();
    Q_DISABLE_COPY_MOVE(BlockingSocket)

    int fd() const noexcept { return m_fd; }
    // A handle on the socket: invalid from the moment close() starts.
    SocketHandle handle() const { return m_handleCell.handle(); }
    bool isClosed() const noexcept { return m_closed.load(std::memory_order_acquire); }

    // Marks the socket closed, wakes every waiter, waits until no call is inside
    // the send or receive path, then closes the descriptor. Idempotent.
    // beforeClose runs with both locks held, before the descriptor is closed
    // (e.g. a TLS closing handshake).
    template <typename Fn>
    void close(Fn &&beforeClose);
    void close() { close([] {}); }

    // Locks mutex before deadline, or throws TimeoutError; throws
    // ClientClosedError when the socket is closed (before or after locking).
    std::unique_lock<TimedMutex> acquire(TimedMutex &mutex, QDeadlineTimer deadline);
    TimedMutex &sendMutex() { return m_sendMutex; }
    TimedMutex &recvMutex() { return m_recvMutex; }

    // Waits until the socket has one of events (POLLIN / POLLOUT), the deadline
    // passes, or close() is called. Each poll lasts at most the retry interval.
    Wait wait(short events, QDeadlineTimer deadline) const;
    // wait() turned into exceptions: returns when ready, else throws
    // TimeoutError (what: e.g. "receive") or ClientClosedError.
    void waitOrThrow(short events, QDeadlineTimer deadline, const char *what) const;

    void setRetryInterval(std::chrono::milliseconds interval) { m_retryMs.store(interval.count()); }
    void setRetryForever() { m_retryMs.store(-1); }

    static Error closedError();

private:
    void closeDescriptors();

    int m_fd;
    int m_wakeFd;
    std::atomic<bool> m_closed{false};
    SocketHandleCell m_handleCell;
    std::atomic<qint64> m_retryMs{-1};
    TimedMutex m_sendMutex;
    TimedMutex m_recvMutex;
    std::mutex m_closeMutex;
};

template <typename Fn>
void BlockingSocket::close(Fn &&beforeClose)
{
    const std::lock_guard closing(m_closeMutex);
    if (m_fd < 0)
        return;
    m_closed.store(true, std::memory_order_release);
    m_handleCell.invalidate();
    const quint64 one = 1;
    [[maybe_unused]] const auto ignored = ::write(m_wakeFd, &one, sizeof(one));
    // Blocked callers wake up, see the flag and leave; then nobody uses m_fd.
    const std::scoped_lock both(m_sendMutex, m_recvMutex);
    beforeClose();
    closeDescriptors();
}

} // namespace EasyNet
