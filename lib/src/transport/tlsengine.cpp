#include "transport/tlsengine_p.h"

#include "core/eventloopentry_p.h"

#include <QtCore/QTimer>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>

namespace EasyNet {

namespace {

// One read from the socket at most: a whole TLS record with its overhead.
constexpr qsizetype CiphertextChunk = 16 * 1024 + 512;

} // namespace

TlsEngine::TlsEngine(std::unique_ptr<SocketEngine> lower, const TlsPolicy &policy,
                     bool standardCompatible, std::chrono::milliseconds handshakeTimeout,
                     std::chrono::milliseconds shutdownTimeout)
    : StackedSocketEngine(std::move(lower))
    , m_policy(policy)
    , m_standardCompatible(standardCompatible)
    , m_handshakeTimeout(handshakeTimeout)
    , m_shutdownTimeout(shutdownTimeout)
{
}

TlsEngine::~TlsEngine()
{
    delete m_timer;
}

void TlsEngine::start(int fd, QObject *context)
{
    Q_ASSERT(m_phase == Phase::Idle && !m_session);
    m_context = context;
    m_lower->start(fd, context); // connectedNotification() goes on
}

void TlsEngine::connectedNotification()
{
    m_session = std::make_unique<OpenSslSession>(m_policy, m_standardCompatible);
    m_timer = new QTimer;
    m_timer->setSingleShot(true);
    QObject::connect(m_timer, &QTimer::timeout, m_context, [this] {
        const EventLoopEntry entry;
        if (m_phase == Phase::Handshaking) {
            fail(Error(ErrorCode::Timeout,
                       QStringLiteral("TLS handshake did not finish within %1 ms")
                           .arg(m_handshakeTimeout.count()),
                       ETIMEDOUT));
        } else if (m_phase == Phase::ShuttingDown || m_closeRequested) {
            // The peer's close_notify, or the end of the renegotiation that
            // held writes back, did not come in time.
            abort();
            m_receiver->closedNotification();
        }
    });
    m_phase = Phase::Handshaking;
    // Failing or not, the handshake reports from the event loop, never from
    // inside the caller.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            const EventLoopEntry entry;
            if (m_phase != Phase::Handshaking)
                return; // closed meanwhile
            if (m_session->error().isError())
                fail(m_session->error());
            else
                continueHandshake();
        },
        Qt::QueuedConnection);
    if (m_session->error().isError())
        return;
    m_session->attachMemory(&m_incoming, &m_outgoing);
    SSL_set_connect_state(m_session->ssl());
    startTimer(m_handshakeTimeout);
}

void TlsEngine::continueHandshake()
{
    while (m_phase == Phase::Handshaking) {
        const int result = m_session->connect();
        Error error;
        // What the step produced goes out first: on failure, the alert.
        if (!pushCiphertext(0, error)) {
            fail(error);
            return;
        }
        if (result == 1) {
            stopTimer();
            m_phase = Phase::Established;
            m_receiver->connectedNotification();
            return;
        }
        switch (m_session->outcome(result, "handshake", error)) {
        case OpenSslSession::Outcome::WantRead:
        case OpenSslSession::Outcome::WantWrite: // memory BIOs always take more
            switch (pullCiphertext(error)) {
            case Pull::Got: continue;
            case Pull::WouldBlock: m_lower->armRead(); return;
            case Pull::EndOfStream: fail(m_session->endOfStreamError()); return;
            case Pull::Failed: fail(error); return;
            }
            return;
        case OpenSslSession::Outcome::CloseNotify: fail(m_session->endOfStreamError()); return;
        case OpenSslSession::Outcome::Failed: fail(error); return;
        }
    }
}

IoResult TlsEngine::read(char *buffer, qsizetype size, qsizetype, SocketAncillary *)
{
    if (m_readAhead.isEmpty())
        return decrypt(buffer, size);
    IoResult result;
    result.bytes = qMin(size, m_readAhead.size());
    std::memcpy(buffer, m_readAhead.constData(), size_t(result.bytes));
    m_readAhead.remove(0, result.bytes);
    return result;
}

IoResult TlsEngine::decrypt(char *buffer, qsizetype size)
{
    IoResult result;
    if (m_readError.isError()) {
        result.error = m_readError;
        return result;
    }
    if (m_closeNotifyDelivered || m_phase != Phase::Established)
        return result; // the end of the stream
    for (;;) {
        ERR_clear_error();
        size_t got = 0;
        const int status = SSL_read_ex(m_session->ssl(), buffer, size_t(size), &got);
        Error error;
        // Reading may produce output: a key update, the answer to close_notify,
        // a renegotiation's messages.
        const bool pushed = pushCiphertext(0, error);
        if (status == 1) {
            result.bytes = qsizetype(got);
            // It may have ended the handshake writes wait for; a failure is
            // what the next read reports.
            if (!encryptWaiting(error))
                m_readError = error;
            return result;
        }
        if (!pushed) {
            m_readError = result.error = error;
            return result;
        }
        switch (m_session->outcome(status, "read", error)) {
        case OpenSslSession::Outcome::WantRead:
        case OpenSslSession::Outcome::WantWrite:
            if (!encryptWaiting(error)) // after outcome(): it calls SSL_write()
                break;
            switch (pullCiphertext(error)) {
            case Pull::Got: continue;
            case Pull::WouldBlock: result.wouldBlock = true; return result;
            case Pull::EndOfStream:
                error = m_session->endOfStreamError();
                if (!error.isError()) {
                    m_closeNotifyDelivered = true; // taken for a clean end
                    return result;
                }
                m_session->markBroken();
                break;
            case Pull::Failed: m_session->markBroken(); break;
            }
            break;
        case OpenSslSession::Outcome::CloseNotify:
            m_closeNotifyDelivered = true;
            // The answering close_notify, in the standard-compatible mode; a
            // peer that is gone already does not make the end unclean.
            pushCiphertext(0, error);
            return result;
        case OpenSslSession::Outcome::Failed: break;
        }
        m_readError = result.error = error;
        return result;
    }
}

bool TlsEngine::write(const QByteArray &bytes, const SocketAncillary *, Error &error)
{
    if (m_phase != Phase::Established || m_session->isBroken()) {
        error = m_readError.isError()
            ? m_readError
            : Error(ErrorCode::ConnectionAborted, QStringLiteral("the connection is closed"),
                    ECONNABORTED);
        return false;
    }
    if (m_closeNotifyDelivered || m_peerEnded) {
        error = Error(ErrorCode::ConnectionAborted,
                      QStringLiteral("the peer closed the TLS connection"), ECONNABORTED);
        return false;
    }
    const bool behindOthers = !m_unencrypted.isEmpty();
    m_unencrypted += bytes;
    return behindOthers || encryptWaiting(error);
}

bool TlsEngine::encryptWaiting(Error &error)
{
    if (m_unencrypted.isEmpty())
        return true;
    // During a handshake (a renegotiation the server started), SSL_write()
    // would read the server's records itself, and application data among
    // them is fatal outside SSL_read(): reading goes on with the handshake,
    // and calls again once it is over.
    if (SSL_in_init(m_session->ssl())) {
        m_lower->armRead();
        // The handshake's messages may have arrived already, behind data
        // that a read took: they are read from the event loop.
        if (!m_readPosted
            && (SSL_has_pending(m_session->ssl()) || BIO_ctrl_pending(m_incoming) > 0)) {
            m_readPosted = true;
            QMetaObject::invokeMethod(
                m_context,
                [this] {
                    const EventLoopEntry entry;
                    m_readPosted = false;
                    readNotification();
                },
                Qt::QueuedConnection);
        }
        return true;
    }
    while (!m_unencrypted.isEmpty()) {
        ERR_clear_error();
        size_t done = 0;
        const int status = SSL_write_ex(m_session->ssl(), m_unencrypted.constData(),
                                        size_t(m_unencrypted.size()), &done);
        if (status != 1) {
            switch (m_session->outcome(status, "write", error)) {
            case OpenSslSession::Outcome::WantRead:
            case OpenSslSession::Outcome::WantWrite: m_lower->armRead(); return true;
            case OpenSslSession::Outcome::CloseNotify:
                error = Error(ErrorCode::ConnectionAborted,
                              QStringLiteral("the peer closed the TLS connection"), ECONNABORTED);
                break;
            case OpenSslSession::Outcome::Failed: break;
            }
            m_unencrypted.clear();
            return false;
        }
        m_unencrypted.remove(0, qsizetype(done));
        if (!pushCiphertext(qint64(done), error)) {
            m_unencrypted.clear();
            return false;
        }
    }
    return true;
}

bool TlsEngine::readForWaitingWrites()
{
    while (!m_unencrypted.isEmpty()) {
        char chunk[CiphertextChunk];
        const IoResult got = decrypt(chunk, sizeof(chunk));
        if (got.bytes > 0) {
            m_readAhead.append(chunk, got.bytes);
        } else if (got.wouldBlock) {
            return true; // encryptWaiting() armed the read
        } else {
            fail(got.error.isError()
                     ? got.error
                     : Error(ErrorCode::ConnectionAborted,
                             QStringLiteral("the peer closed the TLS connection"), ECONNABORTED));
            return false;
        }
    }
    return true;
}

bool TlsEngine::shutdownWrite(Error &error)
{
    return refuseHalfClose(QStringLiteral("TLS has no half-close (sendEof())"), error);
}

void TlsEngine::close()
{
    closeWithin(m_shutdownTimeout);
}

void TlsEngine::closeWithin(std::chrono::milliseconds shutdownTimeout)
{
    Q_ASSERT(m_context); // start() was called
    stopTimer();
    if (m_phase == Phase::Established && !m_unencrypted.isEmpty() && !m_session->isBroken()) {
        // What write() took goes out before the close_notify: the rest of
        // the closing waits for it (readNotification()).
        m_closeRequested = true;
        startTimer(shutdownTimeout);
        m_lower->armRead();
        return;
    }
    const bool closingHandshake = m_phase == Phase::Established && !m_session->isBroken()
        && m_session->isStandardCompatible();
    m_phase = Phase::ShuttingDown;
    if (closingHandshake) {
        ERR_clear_error();
        const int status = SSL_shutdown(m_session->ssl()); // our close_notify
        ERR_clear_error();
        Error error;
        if (pushCiphertext(0, error) && status != 1 && !m_peerEnded) {
            startTimer(shutdownTimeout);
            continueShutdown(); // wait for the peer's
            return;
        }
    }
    m_lower->close();
}

void TlsEngine::continueShutdown()
{
    while (m_phase == Phase::ShuttingDown && !m_session->receivedCloseNotify()) {
        ERR_clear_error();
        char discarded[4096];
        size_t got = 0;
        const int status = SSL_read_ex(m_session->ssl(), discarded, sizeof(discarded), &got);
        if (status == 1)
            continue; // data before the close_notify is dropped
        Error error;
        const OpenSslSession::Outcome outcome = m_session->outcome(status, "shutdown", error);
        if (outcome == OpenSslSession::Outcome::CloseNotify)
            continue;
        if (outcome == OpenSslSession::Outcome::Failed)
            break;
        const Pull pull = pullCiphertext(error);
        if (pull == Pull::WouldBlock) {
            m_lower->armRead();
            return;
        }
        if (pull != Pull::Got)
            break; // the peer's end of stream, or an error: nothing more to wait for
    }
    stopTimer();
    Error ignored; // what reading produced still goes out; the peer may be gone
    pushCiphertext(0, ignored);
    m_lower->close();
}

void TlsEngine::abort()
{
    stopTimer();
    m_phase = Phase::Idle;
    m_unwritten.clear();
    m_unencrypted.clear();
    m_readAhead.clear();
    m_closeRequested = false;
    m_lower->abort();
}

void TlsEngine::readNotification()
{
    switch (m_phase) {
    case Phase::Handshaking: continueHandshake(); break;
    case Phase::Established:
        if (!m_unencrypted.isEmpty() && !readForWaitingWrites())
            return;
        if (m_closeRequested) {
            if (m_unencrypted.isEmpty()) {
                m_closeRequested = false;
                closeWithin(m_timer->remainingTimeAsDuration());
            }
            return;
        }
        m_receiver->readNotification();
        break;
    case Phase::ShuttingDown: continueShutdown(); break;
    case Phase::Idle: break;
    }
}

void TlsEngine::bytesWrittenNotification(qint64 bytes)
{
    if (const qint64 plaintext = m_unwritten.written(bytes); plaintext > 0)
        m_receiver->bytesWrittenNotification(plaintext); // may run user code: nothing after this
}

void TlsEngine::flushedNotification()
{
    if (m_phase == Phase::Established && m_unencrypted.isEmpty())
        m_receiver->flushedNotification();
}

void TlsEngine::failedNotification(const Error &error)
{
    if (m_phase == Phase::ShuttingDown) {
        abort();
        m_receiver->closedNotification();
        return;
    }
    fail(peerAlertOr(error));
}

Error TlsEngine::peerAlertOr(const Error &transportError)
{
    if (transportError.code() != ErrorCode::ConnectionReset || !m_session)
        return transportError;
    // What the peer sent before its reset, into the session's input.
    Error ignored;
    while (pullCiphertext(ignored) == Pull::Got) { }
    const Error reason = m_session->peerAlertOr(transportError);
    if (reason.code() != transportError.code())
        m_readError = reason; // what later reads and writes report
    return reason;
}

void TlsEngine::closedNotification()
{
    m_phase = Phase::Idle;
    m_receiver->closedNotification();
}

void TlsEngine::fail(const Error &error)
{
    stopTimer();
    m_phase = Phase::Idle;
    m_readError = error;
    if (m_session)
        m_session->markBroken();
    m_receiver->failedNotification(error);
}

TlsEngine::Pull TlsEngine::pullCiphertext(Error &error)
{
    if (m_peerEnded)
        return Pull::EndOfStream;
    char chunk[CiphertextChunk];
    const IoResult got = m_lower->read(chunk, sizeof(chunk), 0, nullptr);
    if (got.wouldBlock)
        return Pull::WouldBlock;
    if (got.error.isError()) {
        error = got.error;
        return Pull::Failed;
    }
    if (got.bytes == 0) {
        m_peerEnded = true;
        return Pull::EndOfStream;
    }
    BIO_write(m_incoming, chunk, int(got.bytes));
    return Pull::Got;
}

bool TlsEngine::pushCiphertext(qint64 plaintext, Error &error)
{
    const size_t pending = m_outgoing ? BIO_ctrl_pending(m_outgoing) : 0;
    if (pending == 0)
        return true;
    QByteArray ciphertext(qsizetype(pending), Qt::Uninitialized);
    BIO_read(m_outgoing, ciphertext.data(), int(pending));
    // Recorded first: the socket may report the bytes written at once.
    m_unwritten.add(qint64(pending), plaintext);
    if (m_lower->write(ciphertext, nullptr, error))
        return true;
    m_unwritten.removeLast();
    error = peerAlertOr(error);
    return false;
}

void TlsEngine::startTimer(std::chrono::milliseconds timeout)
{
    m_timer->start(timeout);
}

void TlsEngine::stopTimer()
{
    if (m_timer)
        m_timer->stop();
}

} // namespace EasyNet
