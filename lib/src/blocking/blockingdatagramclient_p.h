// BlockingDatagramClientPrivate: the blocking datagram machinery shared by
// BlockingUdpClient and BlockingUnixDatagramClient: one packet per datagram,
// received through the same DatagramEndpoint as the event-driven clients
// (datagrams over the limit and unparsable ones reported without closing),
// waiting in the kernel where they wait for the event loop. A UDP client may
// run DTLS over it (a BlockingDtlsChannel): its packets are then records.
#pragma once

#include "abstractblockingclient_p.h"
#include "blockingdtlschannel_p.h"

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
    void beforeClose() override;

    // Runs DTLS over the socket from now on (before any call), the handshake
    // done under deadline; throws its error.
    void startDtls(const TlsPolicy &policy, QDeadlineTimer deadline);
    const BlockingDtlsChannel *dtls() const { return m_dtls.get(); }

protected:
    QVariant receiveFrom(ReadSource &source, QDeadlineTimer deadline, const ReadRequest &request);

    DatagramProtocol m_protocol;
    DatagramEndpoint m_endpoint;
    qsizetype m_maxDatagramSize;
    std::unique_ptr<BlockingDtlsChannel> m_dtls;
};

} // namespace EasyNet
