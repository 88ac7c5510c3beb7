#include "blockingstreamclient_p.h"
#include "kernelwaitsource_p.h"
#include "waitfirstsource_p.h"

#include <EasyNet/exceptions.h>

#include <poll.h>

#include <cerrno>

namespace EasyNet {

BlockingStreamClientPrivate::BlockingStreamClientPrivate(int fd, const StreamProtocol &protocol,
                                                         std::unique_ptr<TlsStreamChannel> tls,
                                                         qsizetype maxRecvSize,
                                                         qsizetype maxPacketSize,
                                                         const BlockingClientOptions &options)
    : AbstractBlockingClientPrivate(
        fd, tls ? BlockingSocket::Reads::Polled : BlockingSocket::Reads::WaitInKernel, options)
    , m_protocol(protocol)
    , m_endpoint(protocol, maxPacketSize, maxRecvSize)
    , m_tls(tls.get())
    , m_channel(tls ? std::unique_ptr<StreamChannel>(std::move(tls))
                    : std::make_unique<PlainStreamChannel>(fd))
{
}

void BlockingStreamClientPrivate::checkSizes(qsizetype maxRecvSize, qsizetype maxPacketSize)
{
    checkArgument(maxRecvSize > 0,
                  QStringLiteral("maxRecvSize must be positive (got %1)").arg(maxRecvSize));
    checkArgument(maxPacketSize > 0,
                  QStringLiteral("maxPacketSize must be positive (got %1)").arg(maxPacketSize));
}

void BlockingStreamClientPrivate::writeAll(const char *data, qsizetype size,
                                           QDeadlineTimer deadline)
{
    qsizetype offset = 0;
    while (offset < size) {
        qsizetype written = 0;
        Error error;
        switch (m_channel->write(data + offset, size - offset, written, error)) {
        case StreamChannel::Status::Done: offset += written; break;
        case StreamChannel::Status::WantRead: socket.waitOrThrow(POLLIN, deadline, "send"); break;
        case StreamChannel::Status::WantWrite: socket.waitOrThrow(POLLOUT, deadline, "send"); break;
        case StreamChannel::Status::EndOfStream:
        case StreamChannel::Status::Failed: error.throwException();
        }
    }
}

QByteArray BlockingStreamClientPrivate::serialize(const QVariant &packet) const
{
    if (m_eofSent) // the caller's mistake, not the connection's
        Error(ErrorCode::InvalidOperation,
              QStringLiteral("cannot send: the write side was closed by sendEof()"))
            .throwException();
    return m_protocol.generateChunk(packet); // throws SerializeError
}

void BlockingStreamClientPrivate::send(const QVariant &packet, const SocketAncillary *ancillary,
                                       QDeadlineTimer deadline)
{
    const QByteArray chunk = serialize(packet);
    qsizetype offset = 0;
    // The ancillary data goes with the chunk's first byte (a Unix socket: the
    // channel is plain); the rest of a partial write goes without it.
    while (ancillary) {
        const IoResult result = SocketIo::send(socket.fd(), chunk, ancillary);
        if (result.error.isError())
            result.error.throwException();
        if (!result.wouldBlock) {
            offset = result.bytes;
            break;
        }
        socket.waitOrThrow(POLLOUT, deadline, "send");
    }
    writeAll(chunk.constData() + offset, chunk.size() - offset, deadline);
}

QVariant BlockingStreamClientPrivate::receive(QDeadlineTimer deadline, const ReadRequest &request)
{
    if (m_tls) {
        WaitFirstSource source(*m_tls, m_lastReadWaited && !m_tls->buffersReadData());
        return receiveFrom(source, deadline, request);
    }
    KernelWaitSource source(socket, deadline, false);
    return receiveFrom(source, deadline, request);
}

QVariant BlockingStreamClientPrivate::receiveFrom(ReadSource &source, QDeadlineTimer deadline,
                                                  const ReadRequest &request)
{
    m_lastReadWaited = false;
    QVariant packet;
    Error error;
    for (;;) {
        switch (m_endpoint.next(source, packet, error, request)) {
        case ReadResult::Packet: return packet;
        case ReadResult::WouldBlock:
            m_lastReadWaited = true;
            socket.waitOrThrow(m_endpoint.wantsWrite() ? POLLOUT : POLLIN, deadline, "receive");
            break;
        case ReadResult::Error:
        case ReadResult::EndOfStream:
        case ReadResult::Failed: error.throwException();
        }
    }
}

void BlockingStreamClientPrivate::sendEof()
{
    std::unique_lock<TimedMutex> lock;
    try {
        lock = socket.acquire(socket.sendMutex(), QDeadlineTimer::Forever);
    } catch (const ClientClosedError &) {
        return; // nothing to do once closed
    }
    if (m_eofSent)
        return;
    Error error;
    if (!m_channel->shutdownWrite(error))
        error.throwException();
    m_eofSent = true;
}

void BlockingStreamClientPrivate::beforeClose()
{
    m_channel->close();
}

} // namespace EasyNet
