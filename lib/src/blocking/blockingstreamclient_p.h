// BlockingStreamClientPrivate: the blocking stream machinery shared by
// BlockingTcpClient and BlockingUnixStreamClient: whole-packet writes and
// half-close on its StreamChannel (plain, or TLS), and receiving through the
// same StreamEndpoint as the event-driven clients: from a plain socket waiting
// in the kernel, from TLS polling where they wait for the event loop.
#pragma once

#include "abstractblockingclient_p.h"
#include "streamchannel_p.h"
#include "tlsstreamchannel_p.h"

#include "endpoint/streamendpoint_p.h"

#include <EasyNet/streamprotocol.h>

#include <memory>

namespace EasyNet {

class BlockingStreamClientPrivate : public AbstractBlockingClientPrivate
{
public:
    // tls: the TLS channel over fd; none: a plain socket.
    BlockingStreamClientPrivate(int fd, const StreamProtocol &protocol,
                                std::unique_ptr<TlsStreamChannel> tls, qsizetype maxRecvSize,
                                qsizetype maxPacketSize, const BlockingClientOptions &options);

    // Throws ValueError unless both limits are positive.
    static void checkSizes(qsizetype maxRecvSize, qsizetype maxPacketSize);

    void send(const QVariant &packet, const SocketAncillary *ancillary,
              QDeadlineTimer deadline) override;
    QVariant receive(QDeadlineTimer deadline, const ReadRequest &request) override;
    void beforeClose() override;
    // Takes the send lock, closes the write side; idempotent, nothing once closed.
    void sendEof();

protected:
    // The packet's bytes; throws RuntimeError after sendEof(), SerializeError.
    QByteArray serialize(const QVariant &packet) const;
    void writeAll(const char *data, qsizetype size, QDeadlineTimer deadline);
    // A receive from source, polling when it would block (m_lastReadWaited says whether it did).
    QVariant receiveFrom(ReadSource &source, QDeadlineTimer deadline, const ReadRequest &request);

    StreamProtocol m_protocol;
    StreamEndpoint m_endpoint;
    TlsStreamChannel *const m_tls; // m_channel, or null for a plain socket
    const std::unique_ptr<StreamChannel> m_channel;
    bool m_eofSent = false;
    // TLS: the last read waited for data, the next one most likely waits too
    // (request/response), so it polls first (see WaitFirstSource).
    bool m_lastReadWaited = false;
};

} // namespace EasyNet
