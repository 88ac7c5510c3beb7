// TlsEngine: the event-driven TLS client connection, a SocketEngine over
// another one (the socket's FdSocketEngine, or a proxy tunnel). OpenSSL (an
// OpenSslSession) works on memory BIOs; the TlsEngine moves the encrypted
// bytes between them and the engine below, so TLS has the same data path as
// plain TCP (half-open, resets as ECONNRESET, backpressure) and the same TLS
// behaviour as the blocking client: the alert on a rejected certificate, a
// received close_notify answered, our close_notify followed by a wait for the
// peer's within the shutdown timeout, and a peer's end of stream without
// close_notify reported as a TlsError in the standard-compatible mode.
//
// It reads and writes the decrypted bytes; connectedNotification() means the
// handshake finished.
#pragma once

#include "transport/ciphertextledger_p.h"
#include "transport/opensslsession_p.h"
#include "transport/stackedsocketengine_p.h"
#include "transport/tlspolicy_p.h"

#include <chrono>
#include <deque>
#include <memory>

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace EasyNet {

class TlsEngine final : public StackedSocketEngine
{
public:
    // The client handshake under policy runs over lower once it is connected.
    // standardCompatible: close with close_notify exchanged within
    // shutdownTimeout, and a peer's end of stream without close_notify is a
    // TlsError.
    TlsEngine(std::unique_ptr<SocketEngine> lower, const TlsPolicy &policy, bool standardCompatible,
              std::chrono::milliseconds handshakeTimeout,
              std::chrono::milliseconds shutdownTimeout);
    ~TlsEngine() override;

    // Starts the engine below; once it is connected, the handshake:
    // connectedNotification() or failedNotification() follows (a refused
    // policy included), always from the event loop.
    void start(int fd, QObject *context) override;

    // ReadSource: the decrypted bytes, never waiting (no ancillary data). The
    // peer's close_notify is the end of the stream; its end of the TCP stream
    // without one is the session's endOfStreamError().
    IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                  SocketAncillary *received) override;

    // Encrypts and queues (ancillary data is not carried). During a
    // renegotiation the server started, the bytes wait, in order, until it
    // is over: the socket is read for it meanwhile, even when nobody reads
    // (what arrives is kept for read()).
    bool write(const QByteArray &bytes, const SocketAncillary *ancillary, Error &error) override;
    bool hasQueuedWrites() const override
    {
        return !m_unencrypted.isEmpty() || m_lower->hasQueuedWrites();
    }
    // TLS has no half-close: refused (EOPNOTSUPP).
    bool shutdownWrite(Error &error) override;

    // Graceful: what write() took that still waits for a renegotiation to
    // end goes out first; in the standard-compatible mode our close_notify,
    // then the peer's awaited for at most the shutdown timeout; then the
    // engine below closes gracefully.
    void close() override;
    void abort() override;

    // What the handshake agreed; null before the handshake starts.
    const OpenSslSession *tlsSession() const override
    {
        return m_session && m_session->ssl() ? m_session.get() : nullptr;
    }

private:
    enum class Phase { Idle, Handshaking, Established, ShuttingDown };

    // ---- SocketEngineReceiver, for the engine below ----
    void connectedNotification() override;
    void readNotification() override;
    void bytesWrittenNotification(qint64 bytes) override;
    void flushedNotification() override;
    void failedNotification(const Error &error) override;
    void closedNotification() override;

    void continueHandshake();
    void closeWithin(std::chrono::milliseconds shutdownTimeout);
    // read() without what m_readAhead holds.
    IoResult decrypt(char *buffer, qsizetype size);
    // Encrypts m_unencrypted unless a handshake holds it back; false and
    // error set when the connection failed.
    bool encryptWaiting(Error &error);
    // Reads for the handshake m_unencrypted waits for; false when the
    // connection failed (reported).
    bool readForWaitingWrites();
    void continueShutdown();
    void fail(const Error &error);
    // Moves what arrived from the socket into OpenSSL.
    enum class Pull { Got, WouldBlock, EndOfStream, Failed };
    Pull pullCiphertext(Error &error);
    // Moves what OpenSSL produced to the socket, for plaintext bytes of write().
    bool pushCiphertext(qint64 plaintext, Error &error);
    // OpenSslSession::peerAlertOr(), with the ciphertext still readable below
    // taken into the session first.
    Error peerAlertOr(const Error &transportError);
    void startTimer(std::chrono::milliseconds timeout);
    void stopTimer();

    const TlsPolicy m_policy;
    const bool m_standardCompatible;
    const std::chrono::milliseconds m_handshakeTimeout;
    const std::chrono::milliseconds m_shutdownTimeout;
    QObject *m_context = nullptr;
    std::unique_ptr<OpenSslSession> m_session;
    BIO *m_incoming = nullptr; // owned by the SSL object
    BIO *m_outgoing = nullptr;
    Phase m_phase = Phase::Idle;
    bool m_peerEnded = false; // the TCP stream's end arrived
    bool m_closeNotifyDelivered = false;
    Error m_readError; // what ended reading, repeated by later reads
    QTimer *m_timer = nullptr; // handshake, then shutdown timeout
    CiphertextLedger m_unwritten;
    QByteArray m_unencrypted; // what write() took that waits for a handshake
    QByteArray m_readAhead; // decrypted while reading for that handshake
    bool m_closeRequested = false; // close() waits for m_unencrypted
    bool m_readPosted = false; // a readNotification() from the event loop is due
};

} // namespace EasyNet
