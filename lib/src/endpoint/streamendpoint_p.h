// StreamEndpoint: the protocol side of one stream connection, shared by every
// stream client (TCP plain and TLS, Unix stream): the stream receiver and its
// packet size limit, how much one read takes, which packet gets the ancillary
// data that came with a chunk, the packet cut short at end of stream, and
// parse errors, and how the stream ended: once it did (end of stream, a
// failure, an unrecoverable parse error), every later next() says so again.
// It reads from a ReadSource and never waits: an event-driven client waits
// for readability when it says WouldBlock, a blocking one polls.
#pragma once

#include "endpoint/readrequest_p.h"
#include "endpoint/readresult_p.h"
#include "transport/readsource_p.h"

#include <EasyNet/streamprotocol.h>

#include <QtCore/QVariant>

#include <optional>

namespace EasyNet {

class StreamEndpoint
{
public:
    StreamEndpoint(const StreamProtocol &protocol, qsizetype maxPacketSize, qsizetype maxRecvSize);

    // The next packet, from what is buffered or after reading from source.
    // error is set with every result but Packet and WouldBlock; at
    // EndOfStream it is the ConnectionAborted error that says how the stream
    // ended (a packet cut short included). The ancillary data of the chunk
    // that completes the packet goes where request says.
    ReadResult next(ReadSource &source, QVariant &packet, Error &error,
                    const ReadRequest &request = {});
    // After a packet, the packets decoded with it (StreamReceiver::
    // takeDecodedPackets()), without reading.
    qsizetype takeDecodedPackets(QVariantList &packets, qsizetype max)
    {
        return m_receiver.takeDecodedPackets(packets, max);
    }
    // After WouldBlock: the source waits for writability, not readability.
    bool wantsWrite() const { return m_wantsWrite; }

private:
    ReadResult endOfStream(Error &error);

    StreamReceiver m_receiver;
    qsizetype m_maxRecvSize;
    bool m_atEnd = false;
    bool m_wantsWrite = false;
    Error m_endError; // how the stream ended, once it did
    Error m_failure; // what broke the connection, once something did
};

} // namespace EasyNet
