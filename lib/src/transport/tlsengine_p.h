// TlsEngine: the event-driven TLS client connection. OpenSSL (an
// OpenSslSession) works on memory BIOs; the TlsEngine moves the encrypted
// bytes between them and an FdSocketEngine, so TLS has the same data path as
// plain TCP (half-open, resets as ECONNRESET, backpressure) and the same TLS
// behaviour as the blocking client: the alert on a rejected certificate, a
// received close_notify answered, our close_notify followed by a wait for the
// peer's within the shutdown timeout, and a peer's end of stream without
// close_notify reported as a TlsError in the standard-compatible mode.
//
// It is a ReadSource of the decrypted bytes and reports to a
// TlsEngineReceiver, as an FdSocketEngine does to its own receiver.
#pragma once

#include "transport/fdsocketengine_p.h"
#include "transport/opensslsession_p.h"

#include <chrono>
#include <deque>
#include <memory>

namespace EasyNet {

class TlsEngineReceiver
{
public:
    virtual ~TlsEngineReceiver() = default;
    // The handshake finished: data may flow.
    virtual void encryptedNotification() = 0;
    // Decrypted data (or the end of the stream) may be there, and someone
    // wanted data (armRead()).
    virtual void readNotification() = 0;
    // bytes of what was given to write() went out (encrypted). May run user code.
    virtual void bytesWrittenNotification(qint64 bytes) = 0;
    // The handshake failed or timed out, or a write failed: the connection is broken.
    virtual void failedNotification(const Error &error) = 0;
    // close() finished: the descriptor is closed.
    virtual void closedNotification() = 0;
};

class TlsEngine final : public ReadSource, private FdSocketEngineReceiver
{
public:
    explicit TlsEngine(TlsEngineReceiver &receiver);
    ~TlsEngine() override;
    Q_DISABLE_COPY_MOVE(TlsEngine)

    // Takes ownership of a connected non-blocking TCP descriptor and starts
    // the client handshake under policy: encryptedNotification() or
    // failedNotification() follows (a refused policy included, from the event
    // loop). context: the QObject the notifiers and timers belong to.
    void start(int fd, QObject *context, const TlsPolicy &policy, bool standardCompatible,
               std::chrono::milliseconds handshakeTimeout);
    int descriptor() const { return m_socket.descriptor(); }
    bool isOpen() const { return m_socket.isOpen(); }

    // ReadSource: the decrypted bytes, never waiting. The peer's
    // close_notify is the end of the stream; its end of the TCP stream
    // without one is the session's endOfStreamError().
    UnixSocket::IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                                    SocketAncillary *received) override;
    void armRead() { m_socket.armRead(); }
    void disarmRead() { m_socket.disarmRead(); }

    // Encrypts and queues; false and error set when the connection cannot
    // send (nothing queued). During a renegotiation the server started, the
    // bytes wait, in order, until it is over: the socket is read for it
    // meanwhile, even when nobody reads (what arrives is kept for read()).
    bool write(const QByteArray &bytes, Error &error);
    bool hasQueuedWrites() const { return m_socket.hasQueuedWrites(); }

    // Graceful: what write() took that still waits for a renegotiation to
    // end goes out first; in the standard-compatible mode our close_notify, then the
    // peer's awaited for at most shutdownTimeout; then the socket closes
    // gracefully and closedNotification() follows (always from the event loop).
    void close(std::chrono::milliseconds shutdownTimeout);
    // Abrupt: drops everything and closes now.
    void abort();

    // The session (what the handshake agreed); null before start().
    const OpenSslSession *session() const { return m_session && m_session->ssl() ? m_session.get() : nullptr; }

private:
    enum class Phase { Idle, Handshaking, Established, ShuttingDown };
    // Ciphertext given to the socket for plaintext bytes of write(): the
    // plaintext counts as written once all of the ciphertext is.
    struct Unwritten
    {
        qint64 ciphertext;
        qint64 plaintext;
    };

    // ---- FdSocketEngineReceiver ----
    void readNotification() override;
    void bytesWrittenNotification(qint64 bytes) override;
    void writeFailedNotification(const Error &error) override;
    void flushedNotification() override { }
    void closedNotification() override;

    void continueHandshake();
    // read() without what m_readAhead holds.
    UnixSocket::IoResult decrypt(char *buffer, qsizetype size);
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
    void startTimer(std::chrono::milliseconds timeout);
    void stopTimer();

    TlsEngineReceiver &m_receiver;
    FdSocketEngine m_socket;
    QObject *m_context = nullptr;
    std::unique_ptr<OpenSslSession> m_session;
    BIO *m_incoming = nullptr; // owned by the SSL object
    BIO *m_outgoing = nullptr;
    Phase m_phase = Phase::Idle;
    bool m_peerEnded = false; // the TCP stream's end arrived
    bool m_closeNotifyDelivered = false;
    Error m_readError; // what ended reading, repeated by later reads
    std::chrono::milliseconds m_handshakeTimeout {0};
    QTimer *m_timer = nullptr; // handshake, then shutdown timeout
    std::deque<Unwritten> m_unwritten;
    QByteArray m_unencrypted; // what write() took that waits for a handshake
    QByteArray m_readAhead; // decrypted while reading for that handshake
    bool m_closeRequested = false; // close() waits for m_unencrypted
    bool m_readPosted = false; // a readNotification() from the event loop is due
};

} // namespace EasyNet
