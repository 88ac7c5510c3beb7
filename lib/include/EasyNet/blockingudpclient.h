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
#include <QtNetwork/QSslCipher>

#include <optional>

namespace EasyNet {

/// The options of a BlockingUdpClient, given to its constructor. With ssl set,
/// the constructor runs the DTLS handshake (see UdpClient) within
/// sslHandshakeTimeout and throws what failed it: a TlsError (a rejected
/// certificate, after its alert went to the server; a refused configuration,
/// before anything is sent), TimeoutError, ConnectionRefusedError (ICMP).
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

    /// Whether the client speaks DTLS (options.ssl was set).
    bool isSsl() const;
    /// What the DTLS handshake agreed, as UdpClient names it.
    QSslCipher sessionCipher() const;
    QSsl::SslProtocol sessionProtocol() const; ///< see sessionCipher()
    QList<QSslCertificate> peerCertificateChain() const; ///< see sessionCipher()
    /// Datagrams dropped by DTLS because they yielded no packet (see UdpClient).
    quint64 droppedDatagrams() const;
};

} // namespace EasyNet
