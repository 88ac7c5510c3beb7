// SendQueue: a client's sends from being queued until their bytes are
// written. What is sent while connecting waits for the connection; once
// connected, the sends of one event-loop pass coalesce into one write (as
// QAbstractSocket's write buffer does: one system call, not one per packet),
// flushed when the thread's event loop starts its next pass, and a
// sendPacket()'s future completes once its last byte is written.
#pragma once

#include <EasyNet/errors.h>
#include <EasyNet/socketancillary.h>

#include <QtCore/QByteArray>
#include <QtCore/QPromise>

#include <deque>
#include <optional>

namespace EasyNet {

class AbstractClientPrivate;

class SendQueue
{
public:
    explicit SendQueue(AbstractClientPrivate &client) : m_client(client) { }
    Q_DISABLE_COPY_MOVE(SendQueue)

    qint64 bytesToWrite() const { return m_bytesQueued - m_bytesWritten; }
    // Queues the bytes of one packet, with the ancillary data to send (Unix
    // sockets only, else null): written now or coalesced when connected, else
    // once connected (writeUnsent()). promise: moved in and completed once the
    // bytes are written, or null for send(), whose later write failure is
    // reported through errorOccurred().
    void add(const QByteArray &bytes, const SocketAncillary *ancillary, QPromise<void> *promise);
    // Where a send may serialize its packet in place, after the sends coalesced
    // before it (connected, over a transport that coalesces); null when the
    // packet must go through add().
    QByteArray *coalescingBuffer();
    // The last size bytes of coalescingBuffer() are a packet: queued as add()
    // queues it.
    void addCoalesced(qsizetype size, QPromise<void> *promise);
    // Writes, in order, what was sent while connecting.
    void writeUnsent();
    // Hands what the sends coalesced so far to the transport.
    void flush();
    // The transport wrote bytes: completes the sends they finish.
    void bytesWritten(qint64 bytes);
    // Forgets every send; those waiting for their future fail with error.
    void failAll(const Error &error);

private:
    // A sendPacket() waiting for its bytes to be written (send() has none).
    struct PendingSend
    {
        qint64 endOffset; // send completes once this many bytes were written
        QPromise<void> promise;
    };
    // A packet sent while connecting: written once connected.
    struct UnsentPacket
    {
        QByteArray bytes;
        std::optional<SocketAncillary> ancillary;
        bool tracked; // has a PendingSend (sendPacket()), else send()
    };

    // Counts size bytes more queued, and the promise completed once written.
    void track(qsizetype size, QPromise<void> *promise);
    void write(const QByteArray &bytes, const SocketAncillary *ancillary, bool tracked);
    void coalesce(const QByteArray &bytes, bool tracked);
    // The last size bytes of m_coalesced were added: flushed when they are
    // the first and there is no event loop, or the limit is reached.
    void coalesced(qsizetype size, bool tracked);

    AbstractClientPrivate &m_client;
    std::deque<UnsentPacket> m_unsent;
    std::deque<PendingSend> m_pendingSends;
    // Bytes of the sends coalesced in this event-loop pass (flushed at the
    // latest once CoalesceLimit is reached); whether one of them is a send().
    QByteArray m_coalesced;
    bool m_coalescedUntracked = false;
    qint64 m_bytesQueued = 0;
    qint64 m_bytesWritten = 0;
};

} // namespace EasyNet
