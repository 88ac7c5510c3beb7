/// \class EasyNet::BlockingUdpClient
/// BlockingUdpClient: the blocking, thread-safe UDP client over a connected UDP
/// socket (the reference's UDPNetworkClient). See AbstractBlockingClient for the
/// threading and timeout rules. One packet per datagram through a
/// DatagramProtocol; a datagram that fails to parse or exceeds maxDatagramSize
/// throws DatagramProtocolParseError from recvPacket() and the client goes on.
/// An ICMP port-unreachable surfaces as ConnectionRefusedError on the next call.
#pragma once

#include <EasyNet/abstractblockingclient.h>
#include <EasyNet/blockingclientoptions.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/udpoptions.h>

#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QHostAddress>

#include <optional>

namespace EasyNet {

/// The options of a BlockingUdpClient, given to its constructor.
struct BlockingUdpOptions : UdpOptions, BlockingClientOptions
{
};

class EASYNET_EXPORT BlockingUdpClient : public AbstractBlockingClient
{
public:
    /// Connects the socket to host and port; throws the exceptions of exceptions.h on failure.
    BlockingUdpClient(const QString &host, quint16 port, const DatagramProtocol &protocol,
                      const BlockingUdpOptions &options = {});
    /// Adopts a connected UDP socket; throws ValueError if it is not a UDP socket
    /// and ConnectionError if it is not connected (the descriptor then stays the
    /// caller's). A non-positive maxDatagramSize or a family other than
    /// AnyIPProtocol, IPv4Protocol and IPv6Protocol throws ValueError.
    BlockingUdpClient(qintptr socketDescriptor, const DatagramProtocol &protocol,
                      const BlockingUdpOptions &options = {});
    ~BlockingUdpClient() override;

    /// The socket's own address.
    QHostAddress localAddress() const;
    /// The socket's own port.
    quint16 localPort() const;
    /// The peer's address.
    QHostAddress peerAddress() const;
    /// The peer's port.
    quint16 peerPort() const;
};

} // namespace EasyNet
