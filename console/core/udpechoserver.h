// UdpEchoServer: the packet-aware echo server over UDP (see EchoServer): one
// packet per datagram, each answered to its sender (a datagram per reply). A
// datagram that does not parse, or is larger than maxPacketSize(), is
// reported and not answered.
#pragma once

#include "echoserver.h"

#include <EasyNet/datagramprotocol.h>

QT_BEGIN_NAMESPACE
class QNetworkDatagram;
class QUdpSocket;
QT_END_NAMESPACE

namespace EasyNetConsole {

class UdpEchoServer : public EchoServer
{
    Q_OBJECT

public:
    explicit UdpEchoServer(const EasyNet::DatagramProtocol &protocol, QObject *parent = nullptr);
    ~UdpEchoServer() override;

    bool listen(const QString &address) override;
    // Binds host and port (0: any free port; port() tells which).
    virtual bool listen(const QHostAddress &host, quint16 port);
    void close() override;

protected:
    // For DtlsEchoServer: a server of another transport over the same socket.
    UdpEchoServer(Transport transport, const EasyNet::DatagramProtocol &protocol, QObject *parent);
    // One datagram, of size bytes, of which at most receiveLimit() were read:
    // answers its packet to the sender.
    virtual void serve(const QNetworkDatagram &datagram, qint64 size);
    void deliver(const QString &peer, const QByteArray &bytes) override;
    // The most read of one datagram.
    virtual qsizetype receiveLimit() const { return maxPacketSize(); }
    QUdpSocket *socket() const { return m_socket; }
    const EasyNet::DatagramProtocol &protocol() const { return m_protocol; }

private:
    void readDatagrams();
    void sendDatagram(const QString &peer, const QHostAddress &host, quint16 port,
                      const QByteArray &bytes);

    EasyNet::DatagramProtocol m_protocol;
    QUdpSocket *m_socket;
};

} // namespace EasyNetConsole
