// UdpEchoServer: the packet-aware echo server over UDP (see EchoServer): one
// packet per datagram, each echoed to its sender. A datagram that does not
// parse, or is larger than maxPacketSize(), is reported and not answered.
#pragma once

#include "echoserver.h"

#include <EasyNet/datagramprotocol.h>

QT_BEGIN_NAMESPACE
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
    bool listen(const QHostAddress &host, quint16 port);
    void close() override;

private:
    void readDatagrams();

    EasyNet::DatagramProtocol m_protocol;
    QUdpSocket *m_socket;
};

} // namespace EasyNetConsole
