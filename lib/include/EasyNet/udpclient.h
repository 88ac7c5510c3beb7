// UdpClient: the event-driven UDP client over a connected UDP socket (the
// reference's AsyncUDPNetworkClient). One packet per datagram, through a
// DatagramProtocol.
//
// - A datagram that fails to parse is reported (errorOccurred with
//   ErrorCode::DatagramParseError, and the pending recvPacket() future fails);
//   the client goes on with the next datagram.
// - A datagram larger than maxDatagramSize is dropped and reported as a
//   DatagramParseError of kind TooLarge.
// - An ICMP "port unreachable" (nothing listening) is reported as
//   ConnectionRefused on the next receive or send, as the OS reports it; the
//   client stays usable.
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/sockethandle.h>

#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QHostAddress>

namespace EasyNet {

class UdpClientPrivate;

class EASYNET_EXPORT UdpClient : public AbstractClient
{
    Q_OBJECT
    Q_PROPERTY(QString host READ host CONSTANT)
    Q_PROPERTY(quint16 port READ port CONSTANT)

public:
    UdpClient(const QString &host, quint16 port, const DatagramProtocol &protocol,
              QObject *parent = nullptr);
    // Adopts an already connected UDP socket (the client then owns and closes
    // it); a socket that is not connected is refused with a ConnectionError.
    UdpClient(qintptr socketDescriptor, const DatagramProtocol &protocol,
              QObject *parent = nullptr);
    ~UdpClient() override;

    QString host() const;
    quint16 port() const;

    // Options: set before connecting starts.
    // AnyIPProtocol (default), IPv4Protocol or IPv6Protocol: which addresses of
    // the host name to use.
    void setFamily(QAbstractSocket::NetworkLayerProtocol family);
    void setLocalAddress(const QHostAddress &address, quint16 port = 0);
    void setMaxDatagramSize(qsizetype bytes);
    qsizetype maxDatagramSize() const;

    // Valid once connected.
    QHostAddress localAddress() const;
    quint16 localPort() const;
    QHostAddress peerAddress() const;
    quint16 peerPort() const;
    SocketHandle socket() const;

private:
    Q_DECLARE_PRIVATE(UdpClient)
    Q_DISABLE_COPY_MOVE(UdpClient)
};

} // namespace EasyNet
