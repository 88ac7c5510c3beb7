// BlockingDatagramClientPrivate: the blocking datagram machinery shared by
// BlockingUdpClient and BlockingUnixDatagramClient: one packet per datagram,
// datagrams over the limit and unparsable ones reported without closing.
#pragma once

#include "abstractblockingclient_p.h"

#include <EasyNet/datagramprotocol.h>

namespace EasyNet {

class BlockingDatagramClientPrivate : public AbstractBlockingClientPrivate
{
public:
    BlockingDatagramClientPrivate(int fd, const DatagramProtocol &protocol,
                                  qsizetype maxDatagramSize);

    // Throws ValueError unless the limit is positive.
    static void checkSize(qsizetype maxDatagramSize);

    void send(const QVariant &packet, QDeadlineTimer deadline) override;
    QVariant receive(QDeadlineTimer deadline) override;

protected:
    // The packet of one received datagram of size bytes (in m_buffer), or throws.
    QVariant parse(qsizetype size);

    DatagramProtocol m_protocol;
    qsizetype m_maxDatagramSize;
    QByteArray m_buffer; // reused receive buffer
    // The last receive waited: poll first next time (see BlockingStreamClientPrivate).
    bool m_lastReceiveWaited = false;
};

} // namespace EasyNet
