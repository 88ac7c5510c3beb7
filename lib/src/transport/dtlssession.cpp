#include "dtlssession_p.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>

namespace EasyNet {

// The BIO between OpenSSL and the session's queues: a read takes one whole
// datagram, a write gives one.
struct DtlsSessionBio
{
    static DtlsSession &sessionOf(BIO *bio)
    {
        return *static_cast<DtlsSession *>(BIO_get_data(bio));
    }

    static int read(BIO *bio, char *data, int size)
    {
        BIO_clear_retry_flags(bio);
        DtlsSession &session = sessionOf(bio);
        if (session.m_incoming.empty()) {
            BIO_set_retry_read(bio);
            return -1;
        }
        const QByteArray datagram = std::move(session.m_incoming.front());
        session.m_incoming.pop_front();
        ++session.m_takenSinceLastPacket;
        // A datagram larger than the read is cut, as recv() on a socket BIO
        // would cut it; DTLS then drops the damaged record.
        const int copied = int(qMin<qsizetype>(datagram.size(), size));
        std::memcpy(data, datagram.constData(), size_t(copied));
        return copied;
    }

    static int write(BIO *bio, const char *data, int size)
    {
        BIO_clear_retry_flags(bio);
        sessionOf(bio).m_outgoing.emplace_back(data, size);
        return size;
    }

    static long control(BIO *, int command, long, void *)
    {
        switch (command) {
        case BIO_CTRL_FLUSH:
        case BIO_CTRL_DGRAM_SET_CONNECTED:
        case BIO_CTRL_DGRAM_SET_PEER:
        case BIO_CTRL_DGRAM_SET_NEXT_TIMEOUT: return 1;
        // The socket is connected: the address is the kernel's business.
        case BIO_CTRL_DGRAM_GET_PEER: return 0;
        // Handshake messages are cut to fit an Ethernet MTU (what OpenSSL's own
        // datagram BIO assumes when it cannot ask); IPv6 and UDP headers.
        case BIO_CTRL_DGRAM_QUERY_MTU:
        case BIO_CTRL_DGRAM_GET_FALLBACK_MTU: return 1500;
        case BIO_CTRL_DGRAM_GET_MTU_OVERHEAD: return 48;
        default: return 0;
        }
    }

    static const BIO_METHOD *method()
    {
        static BIO_METHOD *const created = [] {
            BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK,
                                         "EasyNet DTLS datagrams");
            BIO_meth_set_read(m, read);
            BIO_meth_set_write(m, write);
            BIO_meth_set_ctrl(m, control);
            return m;
        }();
        return created;
    }
};

DtlsSession::DtlsSession(const TlsPolicy &policy) : m_session(policy, /*standardCompatible=*/true)
{
    if (m_session.error().isError())
        return;
    BIO *bio = BIO_new(DtlsSessionBio::method());
    BIO_set_data(bio, this);
    BIO_set_init(bio, 1);
    SSL_set_bio(m_session.ssl(), bio, bio); // one reference, taken by the SSL object
}

DtlsSession::~DtlsSession() = default;

bool DtlsSession::handshake(Error &error)
{
    if (m_established)
        return true;
    const int result = m_session.connect();
    if (result == 1) {
        m_established = true;
        m_takenSinceLastPacket = 0;
        return true;
    }
    switch (m_session.outcome(result, "handshake", error)) {
    case OpenSslSession::Outcome::WantRead:
    case OpenSslSession::Outcome::WantWrite: return false;
    case OpenSslSession::Outcome::CloseNotify:
        error = Error::fromTls(QStringLiteral("the peer ended the DTLS handshake"));
        return false;
    case OpenSslSession::Outcome::Failed: return false;
    }
    return false;
}

std::optional<std::chrono::milliseconds> DtlsSession::retransmitIn() const
{
    timeval left {};
    // The OpenSSL macro casts old-style.
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_GCC("-Wold-style-cast")
    if (!m_session.ssl() || DTLSv1_get_timeout(m_session.ssl(), &left) != 1)
        return std::nullopt;
    QT_WARNING_POP
    // Rounded up: a timer that fires early only finds nothing to do.
    return std::chrono::milliseconds(qint64(left.tv_sec) * 1000 + (left.tv_usec + 999) / 1000);
}

void DtlsSession::retransmit()
{
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_GCC("-Wold-style-cast")
    DTLSv1_handle_timeout(m_session.ssl());
    QT_WARNING_POP
    ERR_clear_error();
}

IoResult DtlsSession::read(char *buffer, qsizetype size)
{
    IoResult result;
    if (m_end.isError()) {
        result.error = m_end;
        return result;
    }
    // One record at most MaxPayload: a smaller buffer takes a copy to cut.
    char whole[MaxPayload];
    char *target = size >= MaxPayload ? buffer : whole;
    ERR_clear_error();
    const int got = SSL_read(m_session.ssl(), target, int(MaxPayload));
    if (got > 0) {
        m_takenSinceLastPacket = 0;
        if (target != buffer)
            std::memcpy(buffer, whole, size_t(qMin<qsizetype>(got, size)));
        result.bytes = got;
        result.truncated = got > size;
        return result;
    }
    Error error;
    switch (m_session.outcome(got, "read", error)) {
    case OpenSslSession::Outcome::WantRead:
    case OpenSslSession::Outcome::WantWrite:
        m_dropped += quint64(std::exchange(m_takenSinceLastPacket, 0));
        result.wouldBlock = true;
        return result;
    case OpenSslSession::Outcome::CloseNotify:
        m_end = Error(ErrorCode::ConnectionAborted,
                      QStringLiteral("the peer closed the DTLS session (close_notify)"),
                      ECONNABORTED);
        break;
    case OpenSslSession::Outcome::Failed: m_end = error; break; // a fatal alert, say
    }
    result.error = m_end;
    return result;
}

bool DtlsSession::write(QByteArrayView payload, Error &error)
{
    if (payload.size() > MaxPayload) {
        error = Error(ErrorCode::InvalidArgument,
                      QStringLiteral("a DTLS packet has at most %1 bytes (one record), not %2")
                          .arg(MaxPayload)
                          .arg(payload.size()),
                      EMSGSIZE);
        return false;
    }
    ERR_clear_error();
    const int written = SSL_write(m_session.ssl(), payload.data(), int(payload.size()));
    if (written == int(payload.size()))
        return true;
    m_session.outcome(written, "write", error);
    if (!error.isError())
        error = Error::fromTls(QStringLiteral("DTLS write failed"));
    return false;
}

void DtlsSession::shutdown()
{
    if (m_session.isBroken() || !m_established)
        return;
    ERR_clear_error();
    SSL_shutdown(m_session.ssl());
    ERR_clear_error();
}

} // namespace EasyNet
