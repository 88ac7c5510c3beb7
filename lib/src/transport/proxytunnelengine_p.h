// ProxyTunnelEngine: a SocketEngine over the connection to a proxy (the
// engine below, an FdSocketEngine): once that is connected it runs the
// ProxyHandshake, then reports connectedNotification() and passes bytes
// through both ways. Stacked under a TlsEngine for TLS through the proxy, so
// that TLS runs end to end with the target.
#pragma once

#include "transport/proxyhandshake_p.h"
#include "transport/stackedsocketengine_p.h"

#include <memory>

namespace EasyNet {

class ProxyTunnelEngine final : public StackedSocketEngine
{
public:
    ProxyTunnelEngine(std::unique_ptr<SocketEngine> lower,
                      std::unique_ptr<ProxyHandshake> handshake);
    ~ProxyTunnelEngine() override;

    void start(int fd, QObject *context) override;

    // The tunnel's bytes: first what arrived with the proxy's last reply.
    IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                  SocketAncillary *received) override;

    bool write(const QByteArray &bytes, const SocketAncillary *ancillary, Error &error) override
    {
        return m_lower->write(bytes, ancillary, error);
    }
    bool shutdownWrite(Error &error) override { return m_lower->shutdownWrite(error); }
    void close() override { m_lower->close(); }
    void abort() override { m_lower->abort(); }

private:
    // ---- SocketEngineReceiver, for the engine below ----
    void connectedNotification() override;
    void readNotification() override;
    void bytesWrittenNotification(qint64 bytes) override;
    void flushedNotification() override;
    void failedNotification(const Error &error) override;

    // Reads and answers the proxy until the handshake is over or waits.
    void continueHandshake();
    bool sendHandshakeOutput();
    bool established() const { return m_handshake->status() == ProxyHandshake::Status::Done; }

    std::unique_ptr<ProxyHandshake> m_handshake;
    qint64 m_handshakeBytesUnwritten = 0; // ours, not the tunnel's
    QByteArray m_readAhead; // tunnel bytes that came with the proxy's reply
};

} // namespace EasyNet
