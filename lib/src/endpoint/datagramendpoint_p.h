// DatagramEndpoint: the protocol side of a datagram connection, shared by
// every datagram client (UDP and Unix datagram, both forms): the datagram
// protocol, the size limit (a larger datagram is a TooLarge parse error and
// the client goes on), parse errors, and the ancillary data that came with a
// datagram. It reads from a ReadSource and never waits: an event-driven
// client waits for readability when it says WouldBlock, a blocking one polls.
#pragma once

#include "endpoint/readrequest_p.h"
#include "endpoint/readresult_p.h"
#include "transport/readsource_p.h"

#include <EasyNet/datagramprotocol.h>

#include <QtCore/QVariant>

namespace EasyNet {

class DatagramEndpoint
{
public:
    DatagramEndpoint(const DatagramProtocol &protocol, qsizetype maxDatagramSize);

    // The next packet after one read from source: Packet, WouldBlock, Error
    // (one datagram lost or refused, or a socket error such as ECONNREFUSED:
    // the connection goes on), or EndOfStream (a DTLS session's close_notify).
    ReadResult next(ReadSource &source, QVariant &packet, Error &error,
                    const ReadRequest &request = {});

private:
    DatagramProtocol m_protocol;
    qsizetype m_maxDatagramSize;
    QByteArray
        m_buffer; // reused; one byte over the limit tells a datagram at the limit from a longer one
};

} // namespace EasyNet
