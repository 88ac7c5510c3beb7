#include "blockingstreamclient_p.h"

#include <EasyNet/exceptions.h>

#include <poll.h>

#include <cerrno>

namespace EasyNet {

BlockingStreamClientPrivate::BlockingStreamClientPrivate(int fd, const StreamProtocol &protocol,
                                                         std::unique_ptr<StreamChannel> channel,
                                                         qsizetype maxRecvSize,
                                                         qsizetype maxPacketSize)
    : AbstractBlockingClientPrivate(fd)
    , m_protocol(protocol)
    , m_receiver(protocol.createReceiver(maxPacketSize))
    , m_channel(std::move(channel))
    , m_maxRecvSize(maxRecvSize)
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

void BlockingStreamClientPrivate::send(const QVariant &packet, QDeadlineTimer deadline)
{
    const QByteArray chunk = serialize(packet);
    writeAll(chunk.constData(), chunk.size(), deadline);
}

void BlockingStreamClientPrivate::readMore(QDeadlineTimer deadline)
{
    bool waited = m_lastReadWaited && !m_channel->buffersReadData();
    if (waited)
        socket.waitOrThrow(POLLIN, deadline, "receive");
    for (;;) {
        const std::span<char> target = m_receiver.prepareWrite(m_maxRecvSize);
        qsizetype got = 0;
        Error error;
        const StreamChannel::Status status
            = m_channel->read(target.data(), m_maxRecvSize, got, error);
        m_receiver.commitWrite(status == StreamChannel::Status::Done ? got : 0);
        switch (status) {
        case StreamChannel::Status::Done: m_lastReadWaited = waited; return;
        case StreamChannel::Status::WantRead:
            waited = true;
            socket.waitOrThrow(POLLIN, deadline, "receive");
            break;
        case StreamChannel::Status::WantWrite:
            socket.waitOrThrow(POLLOUT, deadline, "receive");
            break;
        case StreamChannel::Status::EndOfStream: noteEndOfStream(); return;
        case StreamChannel::Status::Failed: m_endOfStream = error; return;
        }
    }
}

void BlockingStreamClientPrivate::noteEndOfStream()
{
    const ParseError truncated = m_receiver.endOfStream();
    m_endOfStream = truncated.isError()
        ? Error(ErrorCode::ConnectionAborted, ErrorCause::EndOfStream,
                QStringLiteral("the peer closed the connection in the middle of a packet "
                               "(%1 bytes lost)")
                    .arg(truncated.size()),
                ECONNABORTED)
        : Error(ErrorCode::ConnectionAborted, ErrorCause::EndOfStream,
                QStringLiteral("the peer closed the connection"), ECONNABORTED);
}

bool BlockingStreamClientPrivate::nextBuffered(QVariant &packet)
{
    ParseError parseError;
    switch (m_receiver.next(packet, parseError)) {
    case StreamDecoder::Status::Packet: return true;
    case StreamDecoder::Status::Error:
        Error(ErrorCode::StreamParseError, parseError).throwException();
    case StreamDecoder::Status::NeedMoreData: break;
    }
    if (m_endOfStream.isError())
        m_endOfStream.throwException();
    if (m_receiver.isBroken())
        Error(ErrorCode::ConnectionAborted,
              QStringLiteral("the stream is unusable after an unrecoverable parse error"),
              ECONNABORTED)
            .throwException();
    return false;
}

QVariant BlockingStreamClientPrivate::receive(QDeadlineTimer deadline)
{
    QVariant packet;
    while (!nextBuffered(packet))
        readMore(deadline);
    return packet;
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
