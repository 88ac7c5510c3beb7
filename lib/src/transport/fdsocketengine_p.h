// FdSocketEngine: the SocketEngine of a connected, non-blocking socket
// descriptor driven by two QSocketNotifiers: it does the I/O
// (sendmsg()/recvmsg() with optional ancillary data, on any connected socket:
// AF_UNIX stream or datagram, TCP, UDP) and reports readiness, progress and
// failure to its receiver. It owns the write queue (partial writes, ancillary
// data sent with a chunk's first byte) and the descriptor.
//
// Reading: the read notifier is enabled once a read would block while someone
// wants data (armRead()), and disabled when it fires while nobody reads, so an
// unread peer is held back by the kernel (backpressure). The write notifier is
// enabled only while queued bytes wait for room in the socket.
#pragma once

#include "transport/socketengine_p.h"

#include <EasyNet/errors.h>
#include <EasyNet/socketancillary.h>

#include <QtCore/QByteArray>

#include <chrono>
#include <deque>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QObject)
QT_FORWARD_DECLARE_CLASS(QSocketNotifier)
QT_FORWARD_DECLARE_CLASS(QTimer)

namespace EasyNet {

class FdSocketEngine final : public SocketEngine
{
public:
    using SocketEngine::SocketEngine;
    ~FdSocketEngine() override;

    // Takes the descriptor and reports connectedNotification() at once.
    void start(int fd, QObject *context) override;
    int descriptor() const override { return m_fd; }
    bool isOpen() const override { return m_fd >= 0; }

    // ReadSource: one recvmsg() (see SocketIo::receive()) of the socket's
    // kind (stream or datagram). While a read notification is handled, a
    // short read of a stream means the socket is empty for now: the next
    // read() says "would block" without a system call, and poll() tells when
    // there is more. A datagram socket has no short read, so the read after a
    // datagram would fail with EAGAIN whenever datagrams come one at a time
    // (request/response): outside a burst, a notification takes one datagram
    // and leaves it to poll() to say whether more are there. A burst is a
    // notification that found more than one; every BurstProbeInterval-th
    // quiet notification reads on to notice one. A read outside a
    // notification (a receive the caller just started, one with a zero
    // timeout among them) always asks the socket.
    IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                  SocketAncillary *received) override;
    void armRead() override;
    void disarmRead() override;

    bool write(const QByteArray &bytes, const SocketAncillary *ancillary, Error &error) override;
    bool hasQueuedWrites() const override { return !m_writeQueue.empty(); }
    // shutdown(SHUT_WR).
    bool shutdownWrite(Error &error) override;

    // Graceful: once the queue is flushed, the write side is shut down and,
    // on a stream, what still arrives is read and dropped until the peer's end
    // of stream (at most LingerTimeout), so that closing with unread data does
    // not reset the connection and lose what the peer has not read yet. Then
    // the descriptor is closed and closedNotification() follows (always from
    // the event loop).
    void close() override;
    static constexpr std::chrono::milliseconds LingerTimeout {2000};
    void abort() override;

private:
    struct OutChunk
    {
        QByteArray bytes;
        qsizetype offset = 0;
        std::optional<SocketAncillary> ancillary; // sent with the chunk's first byte
    };

    void onReadActivated();
    void onWriteActivated();
    void startLingering();
    void finishClosing();
    // Writes what the queue holds; false when the connection failed.
    bool flushQueue();
    void release();

    QObject *m_context = nullptr;
    int m_fd = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    bool m_readWanted = false;
    bool m_drained = false; // see read()
    bool m_notifying = false; // inside readNotification()
    static constexpr int BurstProbeInterval = 8;
    bool m_datagramBurst = true;
    int m_datagramsThisActivation = 0;
    quint8 m_quietActivations = 0;
    bool m_closingGracefully = false;
    bool m_lingering = false;
    bool m_stream = true;
    QTimer *m_lingerTimer = nullptr;
    std::deque<OutChunk> m_writeQueue;
};

} // namespace EasyNet
