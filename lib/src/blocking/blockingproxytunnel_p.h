// BlockingProxyTunnel: a blocking client's tunnel through a SOCKS5 or HTTP
// CONNECT proxy. The handshake is the shared ProxyHandshake; only the waiting
// is this form's own: poll() on the socket until the call's deadline. The
// proxy's replies are read with MSG_PEEK and only the bytes the handshake
// used are taken off the socket, so the tunnel's first bytes (and TLS over
// it) find everything the proxy sent after its answer.
#pragma once

#include "tcpconnector_p.h"

#include "transport/proxyhandshake_p.h"

#include <QtCore/QDeadlineTimer>
#include <QtNetwork/QNetworkProxy>

#include <memory>

namespace EasyNet {

class BlockingProxyTunnel
{
public:
    // The tunnel through proxy (Socks5Proxy or HttpProxy) to host:port. Throws
    // ValueError when the handshake cannot even be started (a SOCKS5 user name
    // over 255 bytes, a host name that cannot be sent), before any connection.
    BlockingProxyTunnel(const QNetworkProxy &proxy, const QString &host, quint16 port);
    ~BlockingProxyTunnel();
    Q_DISABLE_COPY_MOVE(BlockingProxyTunnel)

    // Connects to the proxy as toTarget says (its bind address, Happy Eyeballs
    // delay and deadline; its host and port are the target's) and sets the
    // tunnel up, all before toTarget.deadline. Returns the descriptor, which
    // then carries the target's bytes. Throws ProxyError when the proxy cannot
    // be reached (ProxyRoute::unreachable()) or fails the handshake, what the
    // target did through the proxy (cause Proxy), or TimeoutError; no
    // descriptor is left open then.
    int open(TcpConnectRequest toTarget);

    // The handshake on fd, a socket connected to the proxy; fd stays the
    // caller's whatever happens. Throws as open() does.
    void establish(int fd, QDeadlineTimer deadline);

private:
    void sendAll(int fd, QByteArrayView bytes, QDeadlineTimer deadline);
    // Feeds what the proxy sent (waiting for it), or its end of stream, to
    // the handshake; takes off the socket the bytes it used, no more.
    void receive(int fd, QDeadlineTimer deadline);
    // Waits for events on fd; throws TimeoutError (cause Proxy) when deadline passes.
    void wait(int fd, short events, QDeadlineTimer deadline) const;

    QNetworkProxy m_proxy;
    std::unique_ptr<ProxyHandshake> m_handshake;
};

} // namespace EasyNet
