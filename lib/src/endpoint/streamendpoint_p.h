// StreamEndpoint: the protocol side of one stream connection, shared by every
// stream client (TCP plain and TLS, Unix stream): the stream receiver and its
// packet size limit, how much one read takes, which packet gets the ancillary
// data that came with a chunk, the packet cut short at end of stream, and
// parse errors. It reads from a StreamSource and never waits: an event-driven
// client waits for readability when it says WouldBlock, a blocking one polls.
#pragma once

#include "endpoint/readresult_p.h"
#include "transport/streamsource_p.h"

#include <EasyNet/streamprotocol.h>

#include <QtCore/QVariant>

#include <functional>
#include <optional>

namespace EasyNet {

class StreamEndpoint
{
public:
    StreamEndpoint(const StreamProtocol &protocol, qsizetype maxPacketSize, qsizetype maxRecvSize);

    // Where the ancillary data of the chunk that completes the next packet
    // goes, and the control buffer's size; without one, the kernel drops it.
    struct AncillaryRequest
    {
        SocketAncillary target; // shares the caller's state
        qsizetype bufsize;
    };

    // The next packet, from what is buffered or after reading from source.
    // observer, when set, sees every chunk read (for bytesReceived()).
    ReadResult next(StreamSource &source, QVariant &packet, Error &error,
                    const AncillaryRequest *ancillary = nullptr,
                    const std::function<void(QByteArrayView)> &observer = {});
    bool atEnd() const { return m_atEnd; }

private:
    ReadResult endOfStream(Error &error);

    StreamReceiver m_receiver;
    qsizetype m_maxRecvSize;
    bool m_atEnd = false;
};

} // namespace EasyNet
