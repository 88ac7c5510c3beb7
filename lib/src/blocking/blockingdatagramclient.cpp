#include "blockingdatagramclient_p.h"

#include <EasyNet/exceptions.h>

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace EasyNet {

BlockingDatagramClientPrivate::BlockingDatagramClientPrivate(int fd,
                                                             const DatagramProtocol &protocol,
                                                             qsizetype maxDatagramSize)
    : AbstractBlockingClientPrivate(fd), m_protocol(protocol), m_maxDatagramSize(maxDatagramSize)
{
}

void BlockingDatagramClientPrivate::checkSize(qsizetype maxDatagramSize)
{
    checkArgument(maxDatagramSize > 0,
                  QStringLiteral("maxDatagramSize must be positive (got %1)").arg(maxDatagramSize));
}

void BlockingDatagramClientPrivate::send(const QVariant &packet, QDeadlineTimer deadline)
{
    const QByteArray datagram = m_protocol.makeDatagram(packet); // throws SerializeError
    for (;;) {
        const ssize_t n
            = ::send(socket.fd(), datagram.constData(), size_t(datagram.size()), MSG_NOSIGNAL);
        if (n >= 0)
            return;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            Error::fromErrno(errno, QStringLiteral("send")).throwException();
        socket.waitOrThrow(POLLOUT, deadline, "send");
    }
}

QVariant BlockingDatagramClientPrivate::parse(qsizetype size)
{
    if (size > m_maxDatagramSize)
        Error(ErrorCode::DatagramParseError,
              ParseError(ParseError::Kind::TooLarge,
                         QStringLiteral("datagram of %1 bytes exceeds the limit of %2 bytes")
                             .arg(size)
                             .arg(m_maxDatagramSize),
                         0, size, true))
            .throwException();
    ParseError parseError;
    QVariant packet = m_protocol.buildPacketFromDatagram(QByteArrayView(m_buffer.constData(), size),
                                                         parseError);
    if (parseError.isError())
        Error(ErrorCode::DatagramParseError, parseError).throwException();
    return packet;
}

QVariant BlockingDatagramClientPrivate::receive(QDeadlineTimer deadline)
{
    m_buffer.resize(m_maxDatagramSize);
    bool waited = m_lastReceiveWaited;
    if (waited)
        socket.waitOrThrow(POLLIN, deadline, "receive");
    for (;;) {
        // MSG_TRUNC: the datagram's real size, even when it did not fit.
        const ssize_t n = ::recv(socket.fd(), m_buffer.data(), size_t(m_buffer.size()), MSG_TRUNC);
        if (n >= 0) {
            m_lastReceiveWaited = waited;
            return parse(qsizetype(n));
        }
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            Error::fromErrno(errno, QStringLiteral("recv")).throwException();
        waited = true;
        socket.waitOrThrow(POLLIN, deadline, "receive");
    }
}

} // namespace EasyNet
