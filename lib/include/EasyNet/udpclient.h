/// \class EasyNet::UdpClient
/// UdpClient: the event-driven UDP client over a connected UDP socket (the
/// reference's AsyncUDPNetworkClient). One packet per datagram, through a
/// DatagramProtocol.
///
/// - A datagram that fails to parse is reported (errorOccurred with
///   ErrorCode::DatagramParseError, and the pending recvPacket() future fails);
///   the client goes on with the next datagram.
/// - A datagram larger than maxDatagramSize is dropped and reported as a
///   DatagramParseError of kind TooLarge.
/// - An ICMP "port unreachable" (nothing listening) is reported as
///   ConnectionRefused on the next receive or send, as the OS reports it; the
///   client stays usable.
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/udpoptions.h>

#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QHostAddress>

namespace EasyNet {

class UdpClientPrivate;

class EASYNET_EXPORT UdpClient : public AbstractClient
{
    Q_OBJECT
    Q_PROPERTY(QString host READ host WRITE setHost NOTIFY optionsChanged)
    Q_PROPERTY(quint16 port READ port WRITE setPort NOTIFY optionsChanged)
    Q_PROPERTY(qintptr socketDescriptor READ socketDescriptor WRITE setSocketDescriptor NOTIFY
                   optionsChanged)
    Q_PROPERTY(
        EasyNet::DatagramProtocol protocol READ protocol WRITE setProtocol NOTIFY optionsChanged)
    Q_PROPERTY(QAbstractSocket::NetworkLayerProtocol family READ family WRITE setFamily NOTIFY
                   optionsChanged)
    Q_PROPERTY(QHostAddress bindAddress READ bindAddress WRITE setBindAddress NOTIFY optionsChanged)
    Q_PROPERTY(quint16 bindPort READ bindPort WRITE setBindPort NOTIFY optionsChanged)
    Q_PROPERTY(qsizetype maxDatagramSize READ maxDatagramSize WRITE setMaxDatagramSize NOTIFY
                   optionsChanged)

public:
    /// A client with no host yet: set the options, then open().
    explicit UdpClient(QObject *parent = nullptr);
    /// Convenience: the same as setting host, port and protocol.
    UdpClient(const QString &host, quint16 port, const DatagramProtocol &protocol,
              QObject *parent = nullptr);
    /// Aborts the connection if still open.
    ~UdpClient() override;

    /// Where to send: a host name or address literal and a port, or an
    /// already connected UDP socket to adopt (the client then owns and closes
    /// it, and makes it close-on-exec; a socket that is not connected is refused
    /// with a ConnectionError, one that is not UDP, AF_UNIX included, with an
    /// InvalidArgument).
    QString host() const;
    /// Sets host(). Like every setter below: returns false, changes nothing and reports
    /// InvalidOperation once connecting has started, InvalidArgument for a value out of range.
    bool setHost(const QString &host);
    /// The port to send to.
    quint16 port() const;
    /// Sets port().
    bool setPort(quint16 port);
    qintptr socketDescriptor() const; ///< -1: none to adopt
    /// Sets socketDescriptor(): the connected UDP socket to adopt.
    bool setSocketDescriptor(qintptr descriptor);

    /// How packets are serialized to datagrams and parsed back.
    DatagramProtocol protocol() const;
    /// Sets protocol().
    bool setProtocol(const DatagramProtocol &protocol);

    /// AnyIPProtocol (default), IPv4Protocol or IPv6Protocol: which addresses of
    /// the host name to use; an address literal of the other family is refused.
    QAbstractSocket::NetworkLayerProtocol family() const;
    /// Sets family().
    bool setFamily(QAbstractSocket::NetworkLayerProtocol family);
    /// Binds before connecting (a null address with a port: any address).
    QHostAddress bindAddress() const;
    /// Sets bindAddress().
    bool setBindAddress(const QHostAddress &address);
    /// The local port to bind before connecting; 0: any.
    quint16 bindPort() const;
    /// Sets bindPort().
    bool setBindPort(quint16 port);
    /// The largest datagram received or sent (DatagramProtocol::DefaultMaxDatagramSize).
    qsizetype maxDatagramSize() const;
    /// Sets maxDatagramSize(); false (InvalidArgument) unless positive.
    bool setMaxDatagramSize(qsizetype bytes);

    /// The connection's own and peer addresses; null before connecting.
    QHostAddress localAddress() const;
    /// The connection's own port; 0 before connecting.
    quint16 localPort() const;
    /// The peer's address; null before connecting.
    QHostAddress peerAddress() const;
    /// The peer's port; 0 before connecting.
    quint16 peerPort() const;

private:
    EASYNET_DECLARE_CLIENT_PRIVATE(UdpClient)
    Q_DISABLE_COPY_MOVE(UdpClient)
};

} // namespace EasyNet
