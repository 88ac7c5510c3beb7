#include "blockingproxytunnel_p.h"

#include "transport/proxyroute_p.h"
#include "transport/socketio_p.h"

#include <EasyNet/exceptions.h>

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>

namespace EasyNet {

BlockingProxyTunnel::BlockingProxyTunnel(const QNetworkProxy &proxy, const QString &host,
                                         quint16 port)
    : m_proxy(proxy), m_handshake(ProxyHandshake::create(proxy, host, port))
{
    if (m_handshake->status() == ProxyHandshake::Status::Failed)
        m_handshake->error().throwException(); // InvalidArgument: ValueError
}

BlockingProxyTunnel::~BlockingProxyTunnel() = default;

int BlockingProxyTunnel::open(TcpConnectRequest toTarget)
{
    // Happy Eyeballs races the proxy's addresses; the target's name goes to
    // the proxy unresolved.
    TcpConnectRequest toProxy = std::move(toTarget);
    toProxy.host = m_proxy.hostName();
    toProxy.port = m_proxy.port();
    int fd = -1;
    try {
        fd = connectTcp(toProxy);
    } catch (const Exception &e) {
        ProxyRoute::unreachable(m_proxy, e.error()).throwException();
    }
    try {
        establish(fd, toProxy.deadline);
    } catch (...) {
        ::close(fd);
        throw;
    }
    return fd;
}

void BlockingProxyTunnel::establish(int fd, QDeadlineTimer deadline)
{
    for (;;) {
        sendAll(fd, m_handshake->takeOutput(), deadline);
        switch (m_handshake->status()) {
        case ProxyHandshake::Status::Done: return;
        case ProxyHandshake::Status::Failed: m_handshake->error().throwException();
        case ProxyHandshake::Status::NeedMore: receive(fd, deadline); break;
        }
    }
}

void BlockingProxyTunnel::sendAll(int fd, QByteArrayView bytes, QDeadlineTimer deadline)
{
    while (!bytes.isEmpty()) {
        // MSG_NOSIGNAL | MSG_DONTWAIT, whatever the descriptor's mode.
        const IoResult result = SocketIo::send(fd, bytes, nullptr);
        if (result.wouldBlock) {
            wait(fd, POLLOUT, deadline);
        } else if (result.error.isError()) {
            const int osErrno = result.error.osErrno();
            // The proxy went away before the tunnel was up, as in receive().
            if (osErrno == EPIPE || osErrno == ECONNRESET)
                m_handshake->endOfStream();
            if (m_handshake->status() == ProxyHandshake::Status::Failed)
                m_handshake->error().throwException();
            Error(result.error.code(),
                  m_handshake->proxyName() + QStringLiteral(": ") + result.error.message(), osErrno)
                .throwException();
        } else {
            bytes = bytes.sliced(result.bytes);
        }
    }
}

void BlockingProxyTunnel::receive(int fd, QDeadlineTimer deadline)
{
    // A SOCKS5 reply is at most 262 bytes; an HTTP header takes a few reads.
    std::array<char, 4096> buffer;
    for (;;) {
        const ssize_t peeked = ::recv(fd, buffer.data(), buffer.size(), MSG_PEEK | MSG_DONTWAIT);
        if (peeked > 0) {
            qsizetype used = m_handshake->feed(QByteArrayView(buffer.data(), qsizetype(peeked)));
            // Those bytes were peeked at: they are there to be taken at once.
            while (used > 0) {
                const ssize_t taken = ::recv(fd, buffer.data(), size_t(used), MSG_DONTWAIT);
                if (taken > 0)
                    used -= taken;
                else if (taken < 0 && errno != EINTR)
                    Error::fromErrno(errno, m_handshake->proxyName() + QStringLiteral(": receive"))
                        .throwException();
            }
            return;
        }
        if (peeked == 0 || errno == ECONNRESET) {
            // Closed or reset before the tunnel was up: the handshake's error.
            m_handshake->endOfStream();
            return;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            wait(fd, POLLIN, deadline);
        else if (errno != EINTR)
            Error::fromErrno(errno, m_handshake->proxyName() + QStringLiteral(": receive"))
                .throwException();
    }
}

void BlockingProxyTunnel::wait(int fd, short events, QDeadlineTimer deadline) const
{
    for (;;) {
        if (deadline.hasExpired())
            Error(ErrorCode::Timeout, ErrorCause::Proxy,
                  m_handshake->proxyName() + QStringLiteral(": the tunnel was not set up in time"),
                  ETIMEDOUT)
                .throwException();
        pollfd pending {fd, events, 0};
        const qint64 waitMs = deadline.isForever() ? -1 : deadline.remainingTime();
        const int ready = ::poll(&pending, 1, int(qMin<qint64>(waitMs, INT_MAX)));
        if (ready > 0)
            return; // an error or hang-up shows in the next send or receive
        if (ready < 0 && errno != EINTR)
            Error::fromErrno(errno, QStringLiteral("poll")).throwException();
    }
}

} // namespace EasyNet
