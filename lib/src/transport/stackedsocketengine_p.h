// StackedSocketEngine: the base of an engine over another one (TlsEngine,
// DtlsEngine, ProxyTunnelEngine). It owns the engine below and is its
// receiver, and forwards what a layer above does not change: the descriptor,
// read arming (backpressure stays the socket's), the write queue's state,
// and the end of close().
#pragma once

#include "transport/socketengine_p.h"

#include <memory>

namespace EasyNet {

class StackedSocketEngine : public SocketEngine, protected SocketEngineReceiver
{
public:
    explicit StackedSocketEngine(std::unique_ptr<SocketEngine> lower) : m_lower(std::move(lower))
    {
        m_lower->setReceiver(this);
    }

    int descriptor() const override { return m_lower->descriptor(); }
    bool isOpen() const override { return m_lower->isOpen(); }
    void armRead() override { m_lower->armRead(); }
    void disarmRead() override { m_lower->disarmRead(); }
    bool hasQueuedWrites() const override { return m_lower->hasQueuedWrites(); }

protected:
    void closedNotification() override { m_receiver->closedNotification(); }

    // shutdownWrite() of a layer that has no half-close (TLS, DTLS): false
    // with an OSError (EOPNOTSUPP) that says so.
    static bool refuseHalfClose(const QString &why, Error &error)
    {
        error = Error(ErrorCode::OSError, why, EOPNOTSUPP);
        return false;
    }

    std::unique_ptr<SocketEngine> m_lower;
};

} // namespace EasyNet
