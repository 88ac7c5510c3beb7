// TlsStreamChannel: TLS over a connected non-blocking socket with OpenSSL (an
// OpenSslSession on the descriptor), for the blocking TCP client. One SSL object is shared by the
// sending and the receiving thread, so every SSL_* call runs under a mutex; the waits between calls
// (poll) do not hold it.
#pragma once

#include "streamchannel_p.h"

#include "transport/opensslsession_p.h"
#include "transport/readsource_p.h"

#include <QtCore/QDeadlineTimer>

#include <chrono>
#include <memory>
#include <mutex>

namespace EasyNet {

class BlockingSocket;

class TlsStreamChannel final : public StreamChannel, public ReadSource
{
public:
    // Applies every field of policy (throws its error() or a TlsError when
    // OpenSSL refuses one). standardCompatible: close with close_notify
    // exchanged within shutdownTimeout, and a peer's end of stream without
    // close_notify is a TlsError; otherwise neither.
    TlsStreamChannel(int fd, const TlsPolicy &policy, bool standardCompatible,
                     std::chrono::milliseconds shutdownTimeout);
    ~TlsStreamChannel() override;

    // The client handshake; throws TlsError / TimeoutError / ClientClosedError.
    void handshake(const BlockingSocket &socket, QDeadlineTimer deadline);
    // What fn reads of the session (what the handshake agreed), under the lock
    // the reading and sending threads take.
    template<typename Fn>
    auto inspect(Fn &&fn) const
    {
        const std::lock_guard lock(m_mutex);
        return fn(m_session);
    }

    Status write(const char *data, qsizetype size, qsizetype &written, Error &error) override;
    // The decrypted bytes (no ancillary data over TLS).
    IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                  SocketAncillary *received) override;
    bool shutdownWrite(Error &error) override;
    void close() override;
    // Whether OpenSSL holds bytes, decrypted or read ahead, the socket no longer
    // shows as readable: then a read must come before a poll.
    bool buffersReadData() const;

private:
    Status status(int result, const char *operation, Error &error);
    // Polls for what the SSL_get_error() reason asks, until deadline; false
    // when the reason is not a wait or the deadline has passed.
    bool waitUntil(int reason, const QDeadlineTimer &deadline) const;

    int m_fd;
    OpenSslSession m_session;
    SSL *m_ssl; // m_session's
    std::chrono::milliseconds m_shutdownTimeout;
    mutable std::mutex m_mutex;
};

} // namespace EasyNet
