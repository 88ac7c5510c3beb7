#include "blockingdatagramclient_p.h"
#include "waitfirstsource_p.h"

#include <EasyNet/exceptions.h>

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

namespace EasyNet {

BlockingDatagramClientPrivate::BlockingDatagramClientPrivate(int fd,
                                                             const DatagramProtocol &protocol,
                                                             qsizetype maxDatagramSize)
    : AbstractBlockingClientPrivate(fd), m_protocol(protocol), m_endpoint(protocol, maxDatagramSize)
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

namespace {

// Datagrams straight from the descriptor: recvmsg() with MSG_TRUNC.
class DescriptorDatagramSource final : public ReadSource
{
public:
    explicit DescriptorDatagramSource(int fd) : m_fd(fd) { }
    UnixSocket::IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                              SocketAncillary *received) override
    {
        return UnixSocket::receive(m_fd, buffer, size, ancillaryBufsize, received, true);
    }

private:
    int m_fd;
};

} // namespace

QVariant BlockingDatagramClientPrivate::receive(QDeadlineTimer deadline, const ReadRequest &request)
{
    DescriptorDatagramSource descriptor(socket.fd());
    WaitFirstSource source(descriptor, m_lastReceiveWaited);
    bool waited = false;
    QVariant packet;
    Error error;
    for (;;) {
        switch (m_endpoint.next(source, packet, error, request)) {
        case ReadResult::Packet: m_lastReceiveWaited = waited; return packet;
        case ReadResult::WouldBlock:
            waited = true;
            socket.waitOrThrow(POLLIN, deadline, "receive");
            break;
        case ReadResult::Error:
        case ReadResult::EndOfStream:
        case ReadResult::Failed: error.throwException();
        }
    }
}

} // namespace EasyNet
