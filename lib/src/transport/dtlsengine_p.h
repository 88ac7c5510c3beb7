// DtlsEngine: the event-driven DTLS client, a SocketEngine over the UDP
// socket's FdSocketEngine. A DtlsSession does the protocol; the engine moves
// datagrams between it and the socket, runs the retransmission timer of the
// handshake (a lost flight is sent again, the wait doubling, within the
// handshake timeout) and reports connected once the handshake is done.
//
// It reads and writes packets: one decrypted record per read(), one record
// per write(). The peer's close_notify ends reading (IoResult::endOfStream),
// and so does a failed session (a fatal alert), which is never read again;
// close() sends ours. ICMP errors (ECONNREFUSED) fail the handshake, and
// after it are reported as for plain UDP (one read's error, the client goes on).
#pragma once

#include "transport/ciphertextledger_p.h"
#include "transport/dtlssession_p.h"
#include "transport/stackedsocketengine_p.h"
#include "transport/tlspolicy_p.h"

#include <chrono>
#include <memory>

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace EasyNet {

class DtlsEngine final : public StackedSocketEngine
{
public:
    // maxDatagramSize: the largest datagram read from the socket.
    DtlsEngine(std::unique_ptr<SocketEngine> lower, const TlsPolicy &policy,
               std::chrono::milliseconds handshakeTimeout, qsizetype maxDatagramSize);
    ~DtlsEngine() override;

    // Starts the engine below, then the handshake: connectedNotification() or
    // failedNotification() follows, always from the event loop.
    void start(int fd, QObject *context) override;

    IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                  SocketAncillary *received) override;
    bool write(const QByteArray &bytes, const SocketAncillary *ancillary, Error &error) override;
    // A datagram has no half-close: refused (EOPNOTSUPP).
    bool shutdownWrite(Error &error) override;
    // Our close_notify, then the engine below closes gracefully.
    void close() override;
    void abort() override;

    const OpenSslSession *tlsSession() const override
    {
        return m_session && m_session->session().ssl() ? &m_session->session() : nullptr;
    }
    quint64 droppedDatagrams() const { return m_session ? m_session->droppedDatagrams() : 0; }

private:
    // ---- SocketEngineReceiver, for the engine below ----
    void connectedNotification() override;
    void readNotification() override;
    void bytesWrittenNotification(qint64 bytes) override;
    void flushedNotification() override;
    void failedNotification(const Error &error) override;

    void continueHandshake();
    // One datagram from the socket into the session: false when none is
    // there (result says why: would block, or an error).
    bool pullDatagram(IoResult &result);
    // What the session wants sent goes to the socket (for plaintext bytes
    // of write()); false and error set when the socket refused it.
    bool pushDatagrams(qint64 plaintext, Error &error);
    void armRetransmission();
    void fail(const Error &error);
    void stopTimers();

    const TlsPolicy m_policy;
    const std::chrono::milliseconds m_handshakeTimeout;
    const qsizetype m_maxDatagramSize;
    QObject *m_context = nullptr;
    std::unique_ptr<DtlsSession> m_session;
    QTimer *m_handshakeTimer = nullptr;
    QTimer *m_retransmitTimer = nullptr;
    bool m_handshaking = false;
    QByteArray m_datagram; // the read buffer
    CiphertextLedger m_unwritten;
};

} // namespace EasyNet
