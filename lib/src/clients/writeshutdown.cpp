#include "writeshutdown_p.h"

#include "abstractclient_p.h"

namespace EasyNet {

Error WriteShutdown::checkCanSend() const
{
    if (!m_requested)
        return {};
    return Error(ErrorCode::InvalidOperation,
                 QStringLiteral("the write side was closed by sendEof()"));
}

QFuture<void> WriteShutdown::request(AbstractClientPrivate &client, FdSocketEngine &engine)
{
    if (client.q_ptr->isClosing() || m_done)
        return QtFuture::makeReadyFuture();
    client.flushWrites(); // what was sent before goes before the end of stream
    m_requested = true;
    QPromise<void> promise;
    promise.start();
    QFuture<void> future = promise.future();
    m_waiters.push_back(std::move(promise));
    if (client.q_ptr->isConnected())
        shutdownIfFlushed(engine);
    else
        client.open(); // the write side closes once connected and flushed
    return future;
}

void WriteShutdown::shutdownIfFlushed(FdSocketEngine &engine)
{
    if (!m_requested || m_done || !engine.isOpen() || engine.hasQueuedWrites())
        return;
    m_done = true;
    Error error;
    const bool done = engine.shutdownWrite(error);
    for (QPromise<void> &promise : std::exchange(m_waiters, {})) {
        if (!done)
            promise.setException(error.toExceptionPtr());
        promise.finish();
    }
}

void WriteShutdown::fail(const Error &error)
{
    for (QPromise<void> &promise : std::exchange(m_waiters, {})) {
        promise.setException(error.toExceptionPtr());
        promise.finish();
    }
}

} // namespace EasyNet
