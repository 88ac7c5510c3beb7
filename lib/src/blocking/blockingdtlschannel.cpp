#include "blockingdtlschannel_p.h"

#include "transport/socketio_p.h"

#include <poll.h>

#include <cerrno>

namespace EasyNet {

BlockingDtlsChannel::BlockingDtlsChannel(const TlsPolicy &policy, qsizetype maxDatagramSize)
    : m_session(policy), m_maxDatagramSize(maxDatagramSize)
{
    if (m_session.error().isError())
        m_session.error().throwException();
}

void BlockingDtlsChannel::handshake(BlockingSocket &socket, QDeadlineTimer deadline)
{
    for (;;) {
        Error error;
        bool done;
        {
            const std::lock_guard lock(m_mutex);
            done = m_session.handshake(error);
        }
        sendOutgoing(socket, deadline); // on failure, the alert
        if (error.isError())
            error.throwException();
        if (done)
            return;
        if (pullDatagram(socket))
            continue;
        // Wait for the next flight, or until the last one is due again.
        std::optional<std::chrono::milliseconds> retransmitIn;
        {
            const std::lock_guard lock(m_mutex);
            retransmitIn = m_session.retransmitIn();
        }
        QDeadlineTimer step = deadline;
        if (retransmitIn && (deadline.isForever() || QDeadlineTimer(*retransmitIn) < deadline))
            step = QDeadlineTimer(*retransmitIn, Qt::PreciseTimer);
        switch (socket.wait(POLLIN, step)) {
        case BlockingSocket::Wait::Ready: break;
        case BlockingSocket::Wait::Closed: BlockingSocket::closedError().throwException();
        case BlockingSocket::Wait::Timeout:
            if (deadline.hasExpired())
                Error(ErrorCode::Timeout,
                      QStringLiteral("DTLS handshake did not finish in time (sslHandshakeTimeout)"),
                      ETIMEDOUT)
                    .throwException();
            {
                const std::lock_guard lock(m_mutex);
                m_session.retransmit();
            }
            break;
        }
    }
}

bool BlockingDtlsChannel::pullDatagram(BlockingSocket &socket)
{
    QByteArray datagram(m_maxDatagramSize + 1, Qt::Uninitialized);
    for (;;) {
        const IoResult result
            = SocketIo::receive(socket.fd(), datagram.data(), datagram.size(), 0, nullptr, true);
        if (result.wouldBlock)
            return false;
        if (result.error.isError())
            result.error.throwException(); // ICMP: nothing listens there
        if (result.bytes > m_maxDatagramSize)
            continue; // too large for any record of ours: not from the session
        datagram.truncate(result.bytes);
        const std::lock_guard lock(m_mutex);
        m_session.push(std::move(datagram));
        return true;
    }
}

void BlockingDtlsChannel::send(BlockingSocket &socket, QByteArrayView payload,
                               QDeadlineTimer deadline)
{
    Error error;
    bool written;
    {
        const std::lock_guard lock(m_mutex);
        written = m_session.write(payload, error);
    }
    if (!written)
        error.throwException();
    sendOutgoing(socket, deadline);
}

void BlockingDtlsChannel::sendOutgoing(BlockingSocket &socket, QDeadlineTimer deadline)
{
    std::vector<QByteArray> datagrams;
    {
        const std::lock_guard lock(m_mutex);
        datagrams = m_session.takeOutgoing();
    }
    for (const QByteArray &datagram : datagrams) {
        for (;;) {
            const IoResult result = SocketIo::send(socket.fd(), datagram, nullptr);
            if (result.error.isError())
                result.error.throwException();
            if (!result.wouldBlock)
                break;
            socket.waitOrThrow(POLLOUT, deadline, "send");
        }
    }
}

void BlockingDtlsChannel::close(BlockingSocket &socket)
{
    std::vector<QByteArray> datagrams;
    {
        const std::lock_guard lock(m_mutex);
        m_session.shutdown();
        datagrams = m_session.takeOutgoing();
    }
    for (const QByteArray &datagram : datagrams)
        SocketIo::send(socket.fd(), datagram, nullptr); // best effort: closing anyway
}

quint64 BlockingDtlsChannel::droppedDatagrams() const
{
    const std::lock_guard lock(m_mutex);
    return m_session.droppedDatagrams();
}

IoResult BlockingDtlsChannel::Source::read(char *buffer, qsizetype size, qsizetype,
                                           SocketAncillary *)
{
    for (;;) {
        IoResult result;
        {
            const std::lock_guard lock(m_channel.m_mutex);
            result = m_channel.m_session.read(buffer, size);
            result.endOfStream = m_channel.m_session.hasEnded();
        }
        if (!result.wouldBlock) {
            if (result.endOfStream)
                m_channel.sendOutgoing(m_socket, m_deadline); // the answering close_notify
            return result;
        }
        if (!m_channel.pullDatagram(m_socket))
            return result; // would block: the caller polls
    }
}

} // namespace EasyNet
