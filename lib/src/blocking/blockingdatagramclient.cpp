#include "blockingdatagramclient_p.h"
#include "kernelwaitsource_p.h"

#include <EasyNet/exceptions.h>
#include <EasyNet/udpoptions.h>

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
    , m_maxDatagramSize(maxDatagramSize)
{
}

void BlockingDatagramClientPrivate::startDtls(const TlsPolicy &policy, QDeadlineTimer deadline)
{
    const qsizetype packetLimit = qMin(m_maxDatagramSize, UdpOptions::MaxDtlsPacketSize);
    m_endpoint = DatagramEndpoint(m_protocol, packetLimit);
    m_dtls = std::make_unique<BlockingDtlsChannel>(policy,
                                                   packetLimit + DtlsSession::MaxRecordOverhead);
    m_dtls->handshake(socket, deadline);
}

void BlockingDatagramClientPrivate::beforeClose()
{
    if (m_dtls)
        m_dtls->close(socket);
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
    if (m_dtls) {
        m_dtls->send(socket, datagram, deadline);
        return;
    }
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
    if (m_dtls) {
        BlockingDtlsChannel::Source source(*m_dtls, socket, deadline);
        return receiveFrom(source, deadline, request);
    }
    KernelWaitSource source(socket, deadline, true);
    return receiveFrom(source, deadline, request);
}

QVariant BlockingDatagramClientPrivate::receiveFrom(ReadSource &source, QDeadlineTimer deadline,
                                                    const ReadRequest &request)
{
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
