// BlockingDatagramClientPrivate: the blocking datagram machinery shared by
// BlockingUdpClient and BlockingUnixDatagramClient: one packet per datagram,
// received through the same DatagramEndpoint as the event-driven clients
// (datagrams over the limit and unparsable ones reported without closing),
// waiting in the kernel where they wait for the event loop.
#pragma once

#include "abstractblockingclient_p.h"

#include "endpoint/datagramendpoint_p.h"

#include <EasyNet/datagramprotocol.h>

namespace EasyNet {

class BlockingDatagramClientPrivate : public AbstractBlockingClientPrivate
{
public:
    BlockingDatagramClientPrivate(int fd, const DatagramProtocol &protocol,
                                  qsizetype maxDatagramSize, const BlockingClientOptions &options);

    // Throws ValueError unless the limit is positive.
    static void checkSize(qsizetype maxDatagramSize);

    void send(const QVariant &packet, const SocketAncillary *ancillary,
              QDeadlineTimer deadline) override;
    QVariant receive(QDeadlineTimer deadline, const ReadRequest &request) override;

protected:
    DatagramProtocol m_protocol;
    DatagramEndpoint m_endpoint;
};

} // namespace EasyNet
