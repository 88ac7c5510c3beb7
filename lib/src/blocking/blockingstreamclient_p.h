// BlockingStreamClientPrivate: the blocking stream machinery shared by
// BlockingTcpClient and BlockingUnixStreamClient: framing through a
// StreamReceiver, whole-packet writes, half-close, end of stream.
#pragma once

#include "abstractblockingclient_p.h"
#include "streamchannel_p.h"

#include <EasyNet/streamprotocol.h>

#include <memory>

namespace EasyNet {

class BlockingStreamClientPrivate : public AbstractBlockingClientPrivate
{
public:
    BlockingStreamClientPrivate(int fd, const StreamProtocol &protocol,
                                std::unique_ptr<StreamChannel> channel, qsizetype maxRecvSize,
                                qsizetype maxPacketSize);

    // Throws ValueError unless both limits are positive.
    static void checkSizes(qsizetype maxRecvSize, qsizetype maxPacketSize);

    void send(const QVariant &packet, QDeadlineTimer deadline) override;
    QVariant receive(QDeadlineTimer deadline) override;
    void beforeClose() override;
    // Takes the send lock, closes the write side; idempotent, nothing once closed.
    void sendEof();

protected:
    // The packet's bytes; throws RuntimeError after sendEof(), SerializeError.
    QByteArray serialize(const QVariant &packet) const;
    void writeAll(const char *data, qsizetype size, QDeadlineTimer deadline);
    // One read into the receiver (waiting until the deadline for data).
    void readMore(QDeadlineTimer deadline);
    // The next packet already received, if any; throws the parse error, or the
    // end-of-stream error once nothing more can come.
    bool nextBuffered(QVariant &packet);
    // Records the end of the stream (a truncated packet says so).
    void noteEndOfStream();

    StreamProtocol m_protocol;
    StreamReceiver m_receiver;
    std::unique_ptr<StreamChannel> m_channel;
    qsizetype m_maxRecvSize;
    bool m_eofSent = false;
    // The last read waited for data: the next one most likely waits too
    // (request/response), so it polls first instead of a read failing with EAGAIN.
    bool m_lastReadWaited = false;
    Error m_endOfStream; // set once the peer ended the stream
};

} // namespace EasyNet
