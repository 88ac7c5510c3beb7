#include "blockingdatagramclient_p.h"
#include "kernelwaitsource_p.h"

#include <EasyNet/exceptions.h>

#include <poll.h>

#include <cerrno>

namespace EasyNet {

BlockingDatagramClientPrivate::BlockingDatagramClientPrivate(int fd,
                                                             const DatagramProtocol &protocol,
                                                             qsizetype maxDatagramSize,
                                                             const BlockingClientOptions &options)
    : AbstractBlockingClientPrivate(fd, BlockingSocket::Reads::WaitInKernel, options)
    , m_protocol(protocol)
    , m_endpoint(protocol, maxDatagramSize)
{
}

void BlockingDatagramClientPrivate::checkSize(qsizetype maxDatagramSize)
{
    checkArgument(maxDatagramSize > 0,
                  QStringLiteral("maxDatagramSize must be positive (got %1)").arg(maxDatagramSize));
}

void BlockingDatagramClientPrivate::send(const QVariant &packet, const SocketAncillary *ancillary,
                                         QDeadlineTimer deadline)
{
    const QByteArray datagram = m_protocol.makeDatagram(packet); // throws SerializeError
    for (;;) {
        // One sendmsg() for the datagram and its ancillary data (Unix sockets).
        const IoResult result = SocketIo::send(socket.fd(), datagram, ancillary);
        if (result.error.isError())
            result.error.throwException();
        if (!result.wouldBlock)
            return;
        socket.waitOrThrow(POLLOUT, deadline, "send");
    }
}

QVariant BlockingDatagramClientPrivate::receive(QDeadlineTimer deadline, const ReadRequest &request)
{
    KernelWaitSource source(socket, deadline, true);
    QVariant packet;
    Error error;
    for (;;) {
        switch (m_endpoint.next(source, packet, error, request)) {
        case ReadResult::Packet: return packet;
        case ReadResult::WouldBlock: socket.waitOrThrow(POLLIN, deadline, "receive"); break;
        case ReadResult::Error:
        case ReadResult::EndOfStream:
        case ReadResult::Failed: error.throwException();
        }
    }
}

} // namespace EasyNet
