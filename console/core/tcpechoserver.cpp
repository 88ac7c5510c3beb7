#include "tcpechoserver.h"

#include <EasyNet/streamreceiver.h>

#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

namespace EasyNetConsole {

using namespace EasyNet;

struct TcpEchoServer::Client
{
    QString peer;
    StreamReceiver receiver;
    bool closing = false; // the stream broke: flush the echoes, then close
};

TcpEchoServer::TcpEchoServer(const StreamProtocol &protocol, QObject *parent)
    : TcpEchoServer(Transport::Tcp, protocol, new QTcpServer, parent)
{
}

TcpEchoServer::TcpEchoServer(Transport transport, const StreamProtocol &protocol,
                             QTcpServer *server, QObject *parent)
    : EchoServer(transport, !protocol.isNull(), parent), m_protocol(protocol), m_server(server)
{
    m_server->setParent(this);
    m_server->setProxy(QNetworkProxy::NoProxy);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &TcpEchoServer::acceptClients);
}

TcpEchoServer::~TcpEchoServer()
{
    close();
}

bool TcpEchoServer::listen(const QString &address)
{
    QHostAddress host;
    quint16 port = 0;
    return parseInetAddress(address, host, port) && listen(host, port);
}

bool TcpEchoServer::listen(const QHostAddress &host, quint16 port)
{
    if (!prepareListen())
        return false;
    if (!m_listenBlocker.isEmpty()) {
        reportError(m_listenBlocker);
        return false;
    }
    if (!m_server->listen(host, port)) {
        reportError(
            tr("Cannot listen on %1: %2").arg(inetPeerName(host, port), m_server->errorString()));
        return false;
    }
    setListening(m_server->serverAddress(), m_server->serverPort());
    return true;
}

void TcpEchoServer::close()
{
    m_server->close();
    while (!m_connections.empty())
        dropClient(m_connections.begin()->first);
    setStopped();
}

void TcpEchoServer::acceptClients()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        const QString peer = inetPeerName(socket->peerAddress(), socket->peerPort());
        m_connections.emplace(
            socket,
            std::make_shared<Client>(Client {peer, m_protocol.createReceiver(maxPacketSize())}));
        // Bounded buffers both ways: what the client sends faster than it
        // reads its echoes stays in the kernel.
        socket->setReadBufferSize(MaxQueuedBytes);
        connect(socket, &QIODevice::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QIODevice::bytesWritten, this, [this, socket] { readFrom(socket); });
        connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
            readFrom(socket); // what arrived before the end of the stream
            const auto found = m_connections.find(socket);
            if (found == m_connections.end())
                return;
            const std::shared_ptr<Client> client = found->second;
            if (!client->closing)
                endStream(client->peer, client->receiver);
            dropClient(socket);
        });
        connect(socket, &QAbstractSocket::errorOccurred, this,
                [this, socket](QAbstractSocket::SocketError error) {
                    const auto found = m_connections.find(socket);
                    if (found == m_connections.end())
                        return;
                    if (error != QAbstractSocket::RemoteHostClosedError) {
                        reportError(
                            tr("Client %1: %2").arg(found->second->peer, socket->errorString()));
                    } else if (qobject_cast<QSslSocket *>(socket)) {
                        // QSslSocket reports the peer's close_notify this way and
                        // leaves the connection open, so the peer would wait for
                        // ours until it times out: close it (after the echoes),
                        // out of QSslSocket's own call.
                        QMetaObject::invokeMethod(
                            socket, [socket] { socket->disconnectFromHost(); },
                            Qt::QueuedConnection);
                    }
                });
        addClient(peer);
        readFrom(socket); // bytes may have come with the handshake
    }
}

void TcpEchoServer::readFrom(QTcpSocket *socket)
{
    for (;;) {
        const auto found = m_connections.find(socket);
        if (found == m_connections.end())
            return;
        const std::shared_ptr<Client> client = found->second;
        if (client->closing || socket->bytesToWrite() >= MaxQueuedBytes
            || socket->bytesAvailable() == 0)
            return;
        bool broken = false;
        const QByteArray reply = echoStream(client->peer, m_protocol, client->receiver,
                                            socket->read(64 * 1024), &broken);
        if (!m_connections.contains(socket))
            return; // dropped by a slot meanwhile
        socket->write(reply);
        if (broken) {
            client->closing = true;
            qCInfo(lcEchoServer) << "closing" << client->peer
                                 << "after an unrecoverable parse error";
            // After the echoes already queued; may emit disconnected() (and
            // drop the client) at once.
            socket->disconnectFromHost();
            return;
        }
    }
}

void TcpEchoServer::dropClient(QTcpSocket *socket)
{
    const auto found = m_connections.find(socket);
    if (found == m_connections.end())
        return;
    const QString peer = found->second->peer;
    m_connections.erase(found);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
    removeClient(peer);
}

} // namespace EasyNetConsole
