// BlockingUdpClient: the blocking, thread-safe UDP client over a connected UDP
// socket (the reference's UDPNetworkClient). See AbstractBlockingClient for the
// threading and timeout rules. One packet per datagram through a
// DatagramProtocol; a datagram that fails to parse or exceeds maxDatagramSize
// throws DatagramProtocolParseError from recvPacket() and the client goes on.
// An ICMP port-unreachable surfaces as ConnectionRefusedError on the next call.
#pragma once

#include <EasyNet/abstractblockingclient.h>
#include <EasyNet/datagramprotocol.h>

#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QHostAddress>

#include <optional>

namespace EasyNet {

struct BlockingUdpOptions
{
    // AnyIPProtocol, IPv4Protocol or IPv6Protocol: which addresses of the host to use.
    QAbstractSocket::NetworkLayerProtocol family = QAbstractSocket::AnyIPProtocol;
    QHostAddress localAddress; // null: no bind
    quint16 localPort = 0;
    qsizetype maxDatagramSize = DatagramProtocol::DefaultMaxDatagramSize;
    std::optional<std::chrono::milliseconds> retryInterval; // none: forever
};

class EASYNET_EXPORT BlockingUdpClient : public AbstractBlockingClient
{
public:
    BlockingUdpClient(const QString &host, quint16 port, const DatagramProtocol &protocol,
                      const BlockingUdpOptions &options = {});
    // Adopts a connected UDP socket; throws ValueError if it is not a UDP socket
    // and ConnectionError if it is not connected (the descriptor then stays the
    // caller's). A non-positive maxDatagramSize or a family other than
    // AnyIPProtocol, IPv4Protocol and IPv6Protocol throws ValueError.
    BlockingUdpClient(qintptr socketDescriptor, const DatagramProtocol &protocol,
                      const BlockingUdpOptions &options = {});
    ~BlockingUdpClient() override;

    QHostAddress localAddress() const;
    quint16 localPort() const;
    QHostAddress peerAddress() const;
    quint16 peerPort() const;
};

} // namespace EasyNet
