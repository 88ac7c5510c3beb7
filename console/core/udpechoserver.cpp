#include "udpechoserver.h"

#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QUdpSocket>

namespace EasyNetConsole {

UdpEchoServer::UdpEchoServer(const EasyNet::DatagramProtocol &protocol, QObject *parent)
    : UdpEchoServer(Transport::Udp, protocol, parent)
{
}

UdpEchoServer::UdpEchoServer(Transport transport, const EasyNet::DatagramProtocol &protocol,
                             QObject *parent)
    : EchoServer(transport, !protocol.isNull(), parent)
    , m_protocol(protocol)
    , m_socket(new QUdpSocket(this))
{
    m_socket->setProxy(QNetworkProxy::NoProxy);
    connect(m_socket, &QUdpSocket::readyRead, this, &UdpEchoServer::readDatagrams);
}

UdpEchoServer::~UdpEchoServer()
{
    close();
}

bool UdpEchoServer::listen(const QString &address)
{
    QHostAddress host;
    quint16 port = 0;
    return parseInetAddress(address, host, port) && listen(host, port);
}

bool UdpEchoServer::listen(const QHostAddress &host, quint16 port)
{
    if (!prepareListen())
        return false;
    if (!m_socket->bind(host, port)) {
        reportError(
            tr("Cannot bind %1: %2").arg(inetPeerName(host, port), m_socket->errorString()));
        return false;
    }
    setListening(m_socket->localAddress(), m_socket->localPort());
    return true;
}

void UdpEchoServer::close()
{
    m_socket->close();
    setStopped();
}

void UdpEchoServer::readDatagrams()
{
    while (m_socket->hasPendingDatagrams()) {
        const qint64 size = m_socket->pendingDatagramSize();
        const QNetworkDatagram datagram = m_socket->receiveDatagram(qMin(size, receiveLimit()));
        if (!datagram.isValid())
            break;
        serve(datagram, size);
    }
}

void UdpEchoServer::serve(const QNetworkDatagram &datagram, qint64 size)
{
    const QString peer = inetPeerName(datagram.senderAddress(), quint16(datagram.senderPort()));
    addClient(peer);
    const auto reply = echoDatagram(peer, m_protocol, datagram.data(), size);
    if (reply
        && m_socket->writeDatagram(*reply, datagram.senderAddress(), quint16(datagram.senderPort()))
            < 0)
        reportError(tr("Cannot echo to %1: %2").arg(peer, m_socket->errorString()));
}

} // namespace EasyNetConsole
