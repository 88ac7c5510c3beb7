#include "tcpechoserver.h"

#include <EasyNet/rawserializer.h>
#include <EasyNet/streamreceiver.h>
#include <EasyNet/tcpclient.h>

#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <cerrno>
#include <cstring>

#include <fcntl.h>

namespace EasyNetConsole {

using namespace EasyNet;

struct TcpEchoServer::Client
{
    QString peer;
    // The server decodes itself (the TcpClient passes raw bytes), so that parse
    // errors, a packet cut short at the end included, are reported as such.
    StreamReceiver receiver;
    bool ended = false; // the client ended its stream: nothing more is read
    bool closing = false; // closed after the answers queued (an answer's close, a broken stream)
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
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection())
            serve(socket);
    });
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
    dropConnections();
    setStopped();
}

void TcpEchoServer::serve(QTcpSocket *socket)
{
    const QString peer = inetPeerName(socket->peerAddress(), socket->peerPort());
    // QTcpSocket ends both directions at the peer's FIN; TcpClient's engine
    // stays half-open. It gets a copy, as TcpClient does with its own attempts.
    const int fd = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    const int dupErrno = errno;
    socket->abort();
    socket->deleteLater();
    if (fd < 0) {
        reportError(tr("Client %1: %2").arg(peer, QString::fromLocal8Bit(std::strerror(dupErrno))));
        return;
    }
    auto *connection = new TcpClient(this);
    connection->setProtocol(StreamProtocol(std::make_shared<RawSerializer>()));
    connection->setSocketDescriptor(fd);
    connect(connection, &AbstractClient::packetReceived, this,
            [this, connection](const QVariant &bytes) {
                receiveFrom(connection, bytes.toByteArray());
            });
    connect(connection, &AbstractClient::errorOccurred, this,
            [this, connection](const Error &error) { connectionFailed(connection, error); });
    connect(connection, &AbstractClient::sendQueueDrained, this,
            [this, connection] { updateReading(connection); });
    connect(connection, &AbstractClient::closed, this,
            [this, connection] { dropClient(m_connections, connection); });
    m_connections.emplace(
        connection,
        std::make_shared<Client>(Client {peer, m_protocol.createReceiver(maxPacketSize())}));
    addClient(peer);
    if (m_connections.contains(connection)) // a slot may have closed the server
        connection->open();
}

void TcpEchoServer::receiveFrom(TcpClient *connection, const QByteArray &bytes)
{
    const auto found = m_connections.find(connection);
    if (found == m_connections.end())
        return;
    const std::shared_ptr<Client> client = found->second;
    if (client->closing || client->ended)
        return;
    bool close = false;
    const QByteArray reply
        = answerStream(client->peer, m_protocol, client->receiver, bytes, &close);
    if (!m_connections.contains(connection))
        return; // dropped by a slot meanwhile
    if (!reply.isEmpty())
        connection->send(reply);
    if (close)
        closeAfterQueued(connection, *client);
    updateReading(connection);
}

void TcpEchoServer::closeAfterQueued(TcpClient *connection, Client &client)
{
    qCInfo(lcEchoServer) << "closing" << client.peer << "after its answers";
    client.closing = true;
    connection->close(); // after the answers already queued
}

void TcpEchoServer::deliver(const QString &peer, const QByteArray &bytes)
{
    const auto found = findPeer(m_connections, peer);
    if (found == m_connections.end() || found->second->closing)
        return;
    found->first->send(bytes);
    updateReading(found->first);
}

void TcpEchoServer::closePeer(const QString &peer)
{
    const auto found = findPeer(m_connections, peer);
    if (found != m_connections.end() && !found->second->closing)
        closeAfterQueued(found->first, *found->second);
}

void TcpEchoServer::connectionFailed(TcpClient *connection, const Error &error)
{
    const auto found = m_connections.find(connection);
    if (found == m_connections.end())
        return;
    const std::shared_ptr<Client> client = found->second;
    if (error.cause() != ErrorCause::EndOfStream) {
        // The connection's own failures end it (closed() drops the client).
        reportError(tr("Client %1: %2").arg(client->peer, error.message()));
        return;
    }
    if (client->closing || client->ended)
        return;
    client->ended = true;
    // The answers go first (delayed ones too), then our FIN.
    if (endStream(client->peer, client->receiver) && m_connections.contains(connection))
        closeAfterQueued(connection, *client);
    updateReading(connection);
}

void TcpEchoServer::updateReading(TcpClient *connection)
{
    const auto found = m_connections.find(connection);
    if (found != m_connections.end())
        connection->setAutoRead(!found->second->closing && !found->second->ended
                                && connection->bytesToWrite() <= MaxQueuedBytes);
}

void TcpEchoServer::dropConnections()
{
    while (!m_connections.empty())
        dropClient(m_connections, m_connections.begin()->first);
}

} // namespace EasyNetConsole
