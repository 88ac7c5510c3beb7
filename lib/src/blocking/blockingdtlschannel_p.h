// BlockingDtlsChannel: DTLS for the blocking UDP client, a DtlsSession driven
// by blocking calls on the client's socket: the handshake (retransmitting a
// lost flight on the session's timer, within its deadline), sending one
// packet as one record, and a ReadSource of decrypted packets for the
// client's DatagramEndpoint. The sending and receiving threads share the
// session: every call into it runs under a mutex, the waits do not hold it.
#pragma once

#include "blockingsocket_p.h"

#include "transport/dtlssession_p.h"
#include "transport/readsource_p.h"

#include <QtCore/QDeadlineTimer>

#include <mutex>

namespace EasyNet {

class BlockingDtlsChannel
{
public:
    // Throws the policy's TlsError when it is refused. maxDatagramSize: the
    // largest datagram read from the socket.
    BlockingDtlsChannel(const TlsPolicy &policy, qsizetype maxDatagramSize);

    // The client handshake; throws TlsError, TimeoutError ("DTLS handshake"),
    // ConnectionRefusedError (ICMP), ClientClosedError.
    void handshake(BlockingSocket &socket, QDeadlineTimer deadline);
    // One packet as one record; throws as a datagram send does.
    void send(BlockingSocket &socket, QByteArrayView payload, QDeadlineTimer deadline);
    // Our close_notify, sent once without waiting (the socket closes next).
    void close(BlockingSocket &socket);

    // What fn reads of the session (what the handshake agreed), under the lock.
    template<typename Fn>
    auto inspect(Fn &&fn) const
    {
        const std::lock_guard lock(m_mutex);
        return fn(m_session.session());
    }
    quint64 droppedDatagrams() const;

    // The decrypted packets of one receive: each read takes the datagrams
    // waiting in the socket until one yields a packet, and says wouldBlock
    // when none is left (the caller polls). The peer's close_notify is the
    // end (endOfStream).
    class Source final : public ReadSource
    {
    public:
        Source(BlockingDtlsChannel &channel, BlockingSocket &socket, QDeadlineTimer deadline)
            : m_channel(channel), m_socket(socket), m_deadline(deadline)
        {
        }
        IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                      SocketAncillary *received) override;

    private:
        BlockingDtlsChannel &m_channel;
        BlockingSocket &m_socket;
        const QDeadlineTimer m_deadline;
    };

private:
    // Sends what the session wants sent; throws on a socket error.
    void sendOutgoing(BlockingSocket &socket, QDeadlineTimer deadline);
    // One datagram from the socket into the session, without waiting: false
    // when none is there; throws the socket's error (ECONNREFUSED).
    bool pullDatagram(BlockingSocket &socket);

    DtlsSession m_session;
    const qsizetype m_maxDatagramSize;
    mutable std::mutex m_mutex;
};

} // namespace EasyNet
