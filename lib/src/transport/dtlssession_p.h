// DtlsSession: one DTLS 1.2 client session (RFC 6347) without I/O of its own,
// for both forms of the UDP client. Datagrams from the peer go in with push();
// the datagrams OpenSSL wants sent come out of takeOutgoing(), one each, in
// order: a BIO of its own keeps the datagram boundaries that memory BIOs lose.
// One packet is one record in one datagram.
//
// A lost handshake flight is sent again on the caller's timer: retransmitIn()
// tells when, retransmit() does it; OpenSSL doubles the wait each time from 1 s.
// The server's cookie exchange (HelloVerifyRequest) is part of the handshake.
// After it, a datagram that yields nothing (a record that fails to
// authenticate, which DTLS drops without a word, or a forged one) is counted
// and never fatal: anyone can send a UDP datagram.
#pragma once

#include "transport/ioresult_p.h"
#include "transport/opensslsession_p.h"

#include <QtCore/QByteArray>

#include <chrono>
#include <deque>
#include <optional>
#include <vector>

namespace EasyNet {

class DtlsSession
{
public:
    // The most one record carries (the DTLS plaintext limit), and the most a
    // record adds to it (header, explicit IV, MAC or tag, CBC padding).
    static constexpr qsizetype MaxPayload = 16384;
    static constexpr qsizetype MaxRecordOverhead = 13 + 16 + 64 + 256;

    // policy: a datagram one (TlsPolicy::Transport::Datagram).
    explicit DtlsSession(const TlsPolicy &policy);
    ~DtlsSession();
    Q_DISABLE_COPY_MOVE(DtlsSession)

    // Why the session cannot start (a refused policy); NoError otherwise.
    const Error &error() const { return m_session.error(); }
    const OpenSslSession &session() const { return m_session; }

    // One step of the handshake, after start and after each push() or
    // retransmit(): true once it is done; false with error set when it
    // failed (a rejected certificate's alert waits in takeOutgoing()), else
    // it waits for a datagram or the timer.
    bool handshake(Error &error);
    bool isEstablished() const { return m_established; }
    // How long until the last flight is to be sent again; none: no timer runs.
    std::optional<std::chrono::milliseconds> retransmitIn() const;
    void retransmit();

    // A datagram from the peer, read by the next handshake() or read().
    void push(QByteArray datagram) { m_incoming.push_back(std::move(datagram)); }
    // The next packet from what was pushed: bytes (more than size: cut to
    // size, as recvmsg(MSG_TRUNC) tells a datagram that did not fit),
    // wouldBlock when the next datagram is needed. The session's end is an
    // error, the same for every later read, and hasEnded() true: the peer's
    // close_notify (ConnectionAborted) or a failure (a fatal alert: TlsError).
    IoResult read(char *buffer, qsizetype size);
    bool hasEnded() const { return m_end.isError(); }
    // Encrypts payload (at most MaxPayload bytes) into one record for
    // takeOutgoing(); false and error set when the session cannot.
    bool write(QByteArrayView payload, Error &error);
    // Our close_notify, for takeOutgoing(); nothing once the session broke.
    void shutdown();

    bool hasOutgoing() const { return !m_outgoing.empty(); }
    std::vector<QByteArray> takeOutgoing() { return std::exchange(m_outgoing, {}); }
    // Datagrams dropped after the handshake because they yielded nothing.
    quint64 droppedDatagrams() const { return m_dropped; }

private:
    friend struct DtlsSessionBio;

    OpenSslSession m_session;
    std::deque<QByteArray> m_incoming;
    std::vector<QByteArray> m_outgoing;
    bool m_established = false;
    Error m_end; // why the session ended, once it did
    // Datagrams OpenSSL took since the last packet it gave.
    int m_takenSinceLastPacket = 0;
    quint64 m_dropped = 0;
};

} // namespace EasyNet
