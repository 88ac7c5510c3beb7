#include "tlsstreamchannel_p.h"

#include "blockingsocket_p.h"

#include <EasyNet/exceptions.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <poll.h>

#include <cerrno>
#include <climits>

namespace EasyNet {

TlsStreamChannel::TlsStreamChannel(int fd, const TlsPolicy &policy, bool standardCompatible,
                                   std::chrono::milliseconds shutdownTimeout)
    : m_fd(fd)
    , m_session(policy, standardCompatible)
    , m_ssl(m_session.ssl())
    , m_shutdownTimeout(shutdownTimeout)
{
    if (m_session.error().isError())
        m_session.error().throwException();
    if (!m_session.attachSocket(fd))
        Error::fromTls(QStringLiteral("cannot use the socket")).throwException();
    // One recv() takes what the socket has (a whole record, usually) instead of a
    // record header and then its body: a system call less per packet. What is
    // read ahead stays in OpenSSL, which buffersReadData() tells.
    SSL_set_read_ahead(m_ssl, 1);
}

bool TlsStreamChannel::buffersReadData() const
{
    const std::lock_guard lock(m_mutex);
    return SSL_has_pending(m_ssl) == 1;
}

TlsStreamChannel::~TlsStreamChannel() = default;

void TlsStreamChannel::handshake(const BlockingSocket &socket, QDeadlineTimer deadline)
{
    for (;;) {
        const int result = m_session.connect();
        if (result == 1)
            return;
        Error error;
        switch (m_session.outcome(result, "handshake", error)) {
        case OpenSslSession::Outcome::WantRead:
            socket.waitOrThrow(POLLIN, deadline, "TLS handshake");
            break;
        case OpenSslSession::Outcome::WantWrite:
            socket.waitOrThrow(POLLOUT, deadline, "TLS handshake");
            break;
        case OpenSslSession::Outcome::CloseNotify: m_session.endOfStreamError().throwException();
        case OpenSslSession::Outcome::Failed: error.throwException();
        }
    }
}

StreamChannel::Status TlsStreamChannel::status(int result, const char *operation, Error &error)
{
    switch (m_session.outcome(result, operation, error)) {
    case OpenSslSession::Outcome::WantRead: return Status::WantRead;
    case OpenSslSession::Outcome::WantWrite: return Status::WantWrite;
    case OpenSslSession::Outcome::CloseNotify: return Status::EndOfStream;
    case OpenSslSession::Outcome::Failed: break;
    }
    return Status::Failed;
}

StreamChannel::Status TlsStreamChannel::write(const char *data, qsizetype size, qsizetype &written,
                                              Error &error)
{
    const std::lock_guard lock(m_mutex);
    ERR_clear_error();
    size_t done = 0;
    const int result = SSL_write_ex(m_ssl, data, size_t(size), &done);
    if (result == 1) {
        written = qsizetype(done);
        return Status::Done;
    }
    return status(result, "write", error);
}

IoResult TlsStreamChannel::read(char *buffer, qsizetype size, qsizetype, SocketAncillary *)
{
    const std::lock_guard lock(m_mutex);
    ERR_clear_error();
    size_t done = 0;
    IoResult result;
    const int status = SSL_read_ex(m_ssl, buffer, size_t(size), &done);
    if (status == 1) {
        result.bytes = qsizetype(done);
        return result;
    }
    switch (this->status(status, "read", result.error)) {
    case Status::WantWrite: result.wantsWrite = true; [[fallthrough]];
    case Status::WantRead: result.wouldBlock = true; break;
    case Status::Done:
    case Status::EndOfStream:
    case Status::Failed: break; // bytes == 0: the end of the stream; or the error
    }
    return result;
}

bool TlsStreamChannel::shutdownWrite(Error &error)
{
    error = Error(ErrorCode::OSError, QStringLiteral("sendEof() is not supported over TLS"),
                  EOPNOTSUPP);
    return false;
}

bool TlsStreamChannel::waitUntil(int reason, const QDeadlineTimer &deadline) const
{
    if ((reason != SSL_ERROR_WANT_WRITE && reason != SSL_ERROR_WANT_READ) || deadline.hasExpired())
        return false;
    pollfd fd {m_fd, short(reason == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
    ::poll(&fd, 1, int(qMin<qint64>(deadline.remainingTime(), INT_MAX)));
    return true;
}

void TlsStreamChannel::close()
{
    const QDeadlineTimer deadline(m_shutdownTimeout);
    const std::lock_guard lock(m_mutex);
    if (!m_session.isStandardCompatible() || m_session.isBroken())
        return; // no closing handshake, or none possible after a fatal error
    // Our close_notify, then the peer's (the data before it is dropped), both
    // within the shutdown timeout.
    for (;;) {
        ERR_clear_error();
        const int result = SSL_shutdown(m_ssl);
        if (result == 1)
            return; // both sent and received
        if (result == 0)
            break; // ours is out
        const int reason = SSL_get_error(m_ssl, result);
        if (reason == SSL_ERROR_WANT_READ)
            break; // ours is out, OpenSSL went on reading
        if (!waitUntil(reason, deadline))
            return;
    }
    while (!m_session.receivedCloseNotify()) {
        ERR_clear_error();
        char discarded[4096];
        size_t got = 0;
        const int result = SSL_read_ex(m_ssl, discarded, sizeof(discarded), &got);
        if (result == 1)
            continue;
        if (!waitUntil(SSL_get_error(m_ssl, result), deadline))
            return;
    }
}

} // namespace EasyNet
