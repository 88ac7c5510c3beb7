// WriteShutdown: a stream client's sendEof() (TCP and Unix stream): once
// asked for, no packet may be sent any more, and the write side is shut down
// as soon as everything queued before has been written.
#pragma once

#include "transport/socketengine_p.h"

#include <QtCore/QFuture>
#include <QtCore/QPromise>

#include <deque>
#include <optional>

namespace EasyNet {

class AbstractClientPrivate;

class WriteShutdown
{
public:
    // For client, whose data path is engine (set later where the client
    // creates it on open()).
    explicit WriteShutdown(AbstractClientPrivate &client, SocketEngine *engine = nullptr)
        : m_client(client), m_engine(engine)
    {
    }
    void setEngine(SocketEngine *engine) { m_engine = engine; }

    // InvalidOperation once sendEof() was called (a usage error).
    std::optional<Error> checkCanSend() const;
    // sendEof() of the client: connects first when needed, does nothing once
    // the client is closing or the write side is shut down already.
    QFuture<void> request();
    // Shuts the write side down when asked for and nothing waits to be written.
    void shutdownIfFlushed();
    // The connection is gone: pending requests fail with error.
    void fail(const Error &error);

private:
    AbstractClientPrivate &m_client;
    SocketEngine *m_engine;
    bool m_requested = false;
    bool m_done = false;
    std::deque<QPromise<void>> m_waiters;
};

} // namespace EasyNet
