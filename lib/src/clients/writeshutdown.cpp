#include "writeshutdown_p.h"

#include "abstractclient_p.h"

namespace EasyNet {

std::optional<Error> WriteShutdown::checkCanSend() const
{
    if (!m_requested)
        return std::nullopt;
    return Error(ErrorCode::InvalidOperation,
                 QStringLiteral("the write side was closed by sendEof()"));
}

QFuture<void> WriteShutdown::request()
{
    if (m_client.q_ptr->isClosing() || m_done)
        return QtFuture::makeReadyFuture();
    m_client.flushWrites(); // what was sent before goes before the end of stream
    m_requested = true;
    QPromise<void> promise;
    promise.start();
    QFuture<void> future = promise.future();
    m_waiters.push_back(std::move(promise));
    if (m_client.q_ptr->isConnected())
        shutdownIfFlushed();
    else
        m_client.open(); // the write side closes once connected and flushed
    return future;
}

void WriteShutdown::shutdownIfFlushed()
{
    if (!m_requested || m_done || !m_engine || !m_engine->isOpen() || m_engine->hasQueuedWrites())
        return;
    m_done = true;
    Error error;
    if (m_engine->shutdownWrite(error))
        error = Error();
    for (QPromise<void> &promise : std::exchange(m_waiters, {}))
        m_client.finishPromise(std::move(promise), error);
}

void WriteShutdown::fail(const Error &error)
{
    for (QPromise<void> &promise : std::exchange(m_waiters, {}))
        m_client.finishPromise(std::move(promise), error);
}

} // namespace EasyNet
