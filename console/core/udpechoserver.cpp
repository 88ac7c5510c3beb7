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
    const QHostAddress host = datagram.senderAddress();
    const auto port = quint16(datagram.senderPort());
    const QString peer = inetPeerName(host, port);
    addClient(peer);
    bool close = false;
    const QList<QByteArray> replies
        = answerDatagram(peer, m_protocol, datagram.data(), size, &close);
    for (const QByteArray &reply : replies)
        sendDatagram(peer, host, port, reply);
    if (close)
        closePeer(peer);
}

void UdpEchoServer::deliver(const QString &peer, const QByteArray &bytes)
{
    QHostAddress host;
    quint16 port = 0;
    if (parseInetAddress(peer, host, port))
        sendDatagram(peer, host, port, bytes);
}

void UdpEchoServer::sendDatagram(const QString &peer, const QHostAddress &host, quint16 port,
                                 const QByteArray &bytes)
{
    if (m_socket->writeDatagram(bytes, host, port) < 0)
        reportError(tr("Cannot answer %1: %2").arg(peer, m_socket->errorString()));
}

} // namespace EasyNetConsole
