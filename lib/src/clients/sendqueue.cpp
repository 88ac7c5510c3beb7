#include "clients/sendqueue_p.h"

#include "clients/abstractclient_p.h"

namespace EasyNet {

namespace {

// Coalesced sends are written at the latest once this many bytes wait.
constexpr qsizetype CoalesceLimit = 64 * 1024;

} // namespace

void SendQueue::add(const QByteArray &bytes, const SocketAncillary *ancillary,
                    QPromise<void> *promise)
{
    track(bytes.size(), promise);
    if (m_client.m_state == AbstractClient::State::Connected) {
        if (m_client.coalescesWrites() && !ancillary) {
            coalesce(bytes, promise != nullptr);
        } else {
            flush(); // what was coalesced goes first
            write(bytes, ancillary, promise != nullptr);
        }
    } else {
        m_unsent.push_back(
            {bytes, ancillary ? std::optional(*ancillary) : std::nullopt, promise != nullptr});
    }
}

void SendQueue::track(qsizetype size, QPromise<void> *promise)
{
    m_bytesQueued += size;
    if (promise)
        m_pendingSends.push_back({m_bytesQueued, std::move(*promise)});
}

void SendQueue::writeUnsent()
{
    for (UnsentPacket &unsent : std::exchange(m_unsent, {}))
        write(unsent.bytes, unsent.ancillary ? &*unsent.ancillary : nullptr, unsent.tracked);
}

void SendQueue::write(const QByteArray &bytes, const SocketAncillary *ancillary, bool tracked)
{
    Error error;
    if (m_client.writeBytes(bytes, ancillary, error))
        return;
    // Not queued (nothing was written): the transport said why.
    m_bytesQueued -= bytes.size();
    if (!tracked) {
        m_client.reportError(error);
        return;
    }
    // Ours is still the last pending send, as writeBytes() queues nothing else.
    QPromise<void> failed = std::move(m_pendingSends.back().promise);
    m_pendingSends.pop_back();
    m_client.finishPromise(std::move(failed), error);
}

QByteArray *SendQueue::coalescingBuffer()
{
    return m_client.m_state == AbstractClient::State::Connected && m_client.coalescesWrites()
        ? &m_coalesced
        : nullptr;
}

void SendQueue::addCoalesced(qsizetype size, QPromise<void> *promise)
{
    track(size, promise);
    coalesced(size, promise != nullptr);
}

void SendQueue::coalesce(const QByteArray &bytes, bool tracked)
{
    if (m_coalesced.isEmpty())
        m_coalesced = bytes;
    else
        m_coalesced.append(bytes);
    coalesced(bytes.size(), tracked);
}

void SendQueue::coalesced(qsizetype size, bool tracked)
{
    const bool first = m_coalesced.size() == size;
    m_coalescedUntracked = m_coalescedUntracked || !tracked;
    // Without an event loop to wait for, nothing coalesces.
    if ((first && !m_client.m_deliveries.scheduleRun()) || m_coalesced.size() >= CoalesceLimit)
        flush();
}

void SendQueue::flush()
{
    if (m_coalesced.isEmpty())
        return;
    const QByteArray bytes = std::exchange(m_coalesced, {});
    const bool untracked = std::exchange(m_coalescedUntracked, false);
    Error error;
    if (m_client.writeBytes(bytes, nullptr, error))
        return;
    // Nothing of it was queued: the sends it holds fail (they are the last ones).
    const DeliveryQueue::Hold hold(m_client.m_deliveries);
    m_bytesQueued -= bytes.size();
    std::deque<QPromise<void>> failed;
    while (!m_pendingSends.empty() && m_pendingSends.back().endOffset > m_bytesQueued) {
        failed.push_front(std::move(m_pendingSends.back().promise));
        m_pendingSends.pop_back();
    }
    for (QPromise<void> &promise : failed)
        m_client.finishPromise(std::move(promise), error);
    if (untracked)
        m_client.reportError(error);
}

void SendQueue::bytesWritten(qint64 bytes)
{
    m_bytesWritten += bytes;
    // A continuation that runs at once may send, close or destroy the client.
    while (!m_pendingSends.empty() && m_pendingSends.front().endOffset <= m_bytesWritten) {
        QPromise<void> promise = std::move(m_pendingSends.front().promise);
        m_pendingSends.pop_front();
        if (!m_client.finishPromise(std::move(promise)))
            return;
    }
    if (m_pendingSends.empty() && m_bytesWritten == m_bytesQueued && bytes > 0)
        m_client.deliver([q = m_client.q_ptr] { Q_EMIT q->sendQueueDrained(); });
}

void SendQueue::failAll(const Error &error)
{
    const DeliveryQueue::Hold hold(m_client.m_deliveries);
    m_unsent.clear();
    m_coalesced.clear();
    m_coalescedUntracked = false;
    m_bytesQueued = m_bytesWritten = 0;
    for (PendingSend &send : std::exchange(m_pendingSends, {}))
        m_client.finishPromise(std::move(send.promise), error);
}

} // namespace EasyNet
