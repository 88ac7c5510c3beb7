// BlockingSocket: what every blocking client shares: the socket descriptor, a
// wake-up eventfd polled beside it (so close() from another thread ends every
// wait at once), the send and receive locks whose waiting time counts against
// the caller's timeout, and the retry interval.
//
// A plain socket (not TLS) is read by waiting in recvmsg() itself, bounded by
// SO_RCVTIMEO: one system call for a receive that has to wait, where poll()
// and then recvmsg() make two. Its descriptor is then blocking, every other
// call on it passes MSG_DONTWAIT, and close() wakes a receiver waiting in the
// kernel with shutdown(SHUT_RD).
#pragma once

#include "timedmutex_p.h"

#include "core/livenessclock_p.h"
#include "core/sockethandlecell_p.h"
#include "transport/socketio_p.h"

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
    // How receives wait: in recvmsg() (a plain socket, see receive()), or in
    // wait() between non-blocking reads (TLS: OpenSSL reads the descriptor).
    enum class Reads { WaitInKernel, Polled };

    // Takes ownership of a connected descriptor: blocking for Reads::WaitInKernel,
    // else non-blocking.
    BlockingSocket(int fd, Reads reads);
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
    template<typename Fn>
    void close(Fn &&beforeClose);
    void close()
    {
        close([] {});
    }

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

    // Reads::WaitInKernel, with the receive lock held: SocketIo::receive()
    // waiting in the kernel until data comes, re-checking every retry
    // interval. wouldBlock when close() was called, or when what is left
    // until deadline is too short for the kernel's coarse timer: the
    // caller's wait() then tells which, or waits the rest.
    IoResult receive(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                     SocketAncillary *received, bool datagram, QDeadlineTimer deadline);

    // The client's idle timeout and heartbeat: receive() and wait() tell it
    // when something arrives.
    LivenessClock &liveness() const { return m_liveness; }

    void setRetryInterval(std::chrono::milliseconds interval) { m_retryMs.store(interval.count()); }
    void setRetryForever() { m_retryMs.store(-1); }

    static Error closedError();

private:
    void closeDescriptors();
    // The kernel wait of receive(), in microseconds (0: forever), or -1 when
    // too short for SO_RCVTIMEO.
    qint64 kernelWaitMicroseconds(QDeadlineTimer deadline) const;
    // Sets SO_RCVTIMEO for a wait of waitUs unless the one set already fits.
    bool setReceiveTimeout(qint64 waitUs);
    void wakeKernelReceiver();

    int m_fd;
    int m_wakeFd;
    std::atomic<bool> m_closed {false};
    // A receive is in (or about to enter) recvmsg() and waits there: close()
    // must wake it with shutdown(). Sequentially consistent with m_closed, so
    // either the receiver sees the flag or close() sees the receiver.
    std::atomic<bool> m_receiverInKernel {false};
    // The SO_RCVTIMEO last set, in microseconds (0: none); -1 not known yet
    // (an adopted descriptor may come with its own). Under the receive lock.
    qint64 m_receiveTimeoutUs = -1;
    SocketHandleCell m_handleCell;
    std::atomic<qint64> m_retryMs {-1};
    mutable LivenessClock m_liveness; // thread-safe
    TimedMutex m_sendMutex;
    TimedMutex m_recvMutex;
    std::mutex m_closeMutex;
};

template<typename Fn>
void BlockingSocket::close(Fn &&beforeClose)
{
    const std::lock_guard closing(m_closeMutex);
    if (m_fd < 0)
        return;
    m_closed.store(true);
    m_handleCell.invalidate();
    const quint64 one = 1;
    [[maybe_unused]] const auto ignored = ::write(m_wakeFd, &one, sizeof(one));
    wakeKernelReceiver();
    // Blocked callers wake up, see the flag and leave; then nobody uses m_fd.
    const std::scoped_lock both(m_sendMutex, m_recvMutex);
    beforeClose();
    closeDescriptors();
}

} // namespace EasyNet
