#include "tlsechoserver.h"

#include "selfsignedcertificate.h"

#include <EasyNet/streamreceiver.h>

#include <QtNetwork/QSslServer>
#include <QtNetwork/QSslSocket>

namespace EasyNetConsole {

struct TlsEchoServer::Client
{
    QString peer;
    EasyNet::StreamReceiver receiver;
    bool closing = false; // the stream broke or an answer closes it: flush, then close
};

TlsEchoServer::TlsEchoServer(const EasyNet::StreamProtocol &protocol, QObject *parent)
    : TcpEchoServer(Transport::Tls, protocol, new QSslServer, parent)
    , m_configuration(QSslConfiguration::defaultConfiguration())
{
    m_configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    QString error;
    if (const auto identity = SelfSignedCertificate::generate(&error))
        setLocalCertificate(identity->certificate(), identity->privateKey());
    else
        setListenBlocker(error);
    auto *server = static_cast<QSslServer *>(tcpServer());
    connect(server, &QSslServer::errorOccurred, this,
            [this](QSslSocket *socket, QAbstractSocket::SocketError) {
                reportError(tr("TLS handshake with %1 failed: %2")
                                .arg(inetPeerName(socket->peerAddress(), socket->peerPort()),
                                     socket->errorString()));
            });
}

TlsEchoServer::~TlsEchoServer()
{
    close(); // here, while dropConnections() is still this class's
}

bool TlsEchoServer::setLocalCertificate(const QSslCertificate &certificate,
                                        const QSslKey &privateKey)
{
    if (certificate.isNull() || privateKey.isNull())
        return false;
    m_configuration.setLocalCertificate(certificate);
    m_configuration.setPrivateKey(privateKey);
    static_cast<QSslServer *>(tcpServer())->setSslConfiguration(m_configuration);
    setListenBlocker({});
    Q_EMIT certificateChanged();
    return true;
}

QSslCertificate TlsEchoServer::certificate() const
{
    return m_configuration.localCertificate();
}

QSslKey TlsEchoServer::privateKey() const
{
    return m_configuration.privateKey();
}

void TlsEchoServer::serve(QTcpSocket *socket)
{
    const QString peer = inetPeerName(socket->peerAddress(), socket->peerPort());
    m_connections.emplace(
        socket,
        std::make_shared<Client>(Client {peer, protocol().createReceiver(maxPacketSize())}));
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
        // Gone both ways (TLS has no half-close): delayed answers are dropped.
        if (!client->closing)
            endStream(client->peer, client->receiver);
        dropClient(m_connections, socket);
    });
    connect(socket, &QAbstractSocket::errorOccurred, this,
            [this, socket](QAbstractSocket::SocketError error) {
                const auto found = m_connections.find(socket);
                if (found == m_connections.end())
                    return;
                if (error != QAbstractSocket::RemoteHostClosedError) {
                    reportError(
                        tr("Client %1: %2").arg(found->second->peer, socket->errorString()));
                    return;
                }
                // QSslSocket reports the peer's close_notify this way and
                // leaves the connection open, so the peer would wait for
                // ours until it times out: close it (after the answers),
                // out of QSslSocket's own call.
                QMetaObject::invokeMethod(
                    socket, [socket] { socket->disconnectFromHost(); }, Qt::QueuedConnection);
            });
    addClient(peer);
    readFrom(socket); // bytes may have come with the handshake
}

void TlsEchoServer::readFrom(QTcpSocket *socket)
{
    for (;;) {
        const auto found = m_connections.find(socket);
        if (found == m_connections.end())
            return;
        const std::shared_ptr<Client> client = found->second;
        if (client->closing || socket->bytesToWrite() >= MaxQueuedBytes
            || socket->bytesAvailable() == 0)
            return;
        bool close = false;
        const QByteArray reply = answerStream(client->peer, protocol(), client->receiver,
                                              socket->read(64 * 1024), &close);
        if (!m_connections.contains(socket))
            return; // dropped by a slot meanwhile
        socket->write(reply);
        if (close) {
            closeAfterWritten(socket, *client);
            return;
        }
    }
}

void TlsEchoServer::closeAfterWritten(QTcpSocket *socket, Client &client)
{
    qCInfo(lcEchoServer) << "closing" << client.peer << "after its answers";
    client.closing = true;
    socket->disconnectFromHost();
}

void TlsEchoServer::deliver(const QString &peer, const QByteArray &bytes)
{
    const auto found = findPeer(m_connections, peer);
    if (found != m_connections.end() && !found->second->closing)
        found->first->write(bytes);
}

void TlsEchoServer::closePeer(const QString &peer)
{
    const auto found = findPeer(m_connections, peer);
    if (found != m_connections.end() && !found->second->closing)
        closeAfterWritten(found->first, *found->second);
}

void TlsEchoServer::dropConnections()
{
    while (!m_connections.empty())
        dropClient(m_connections, m_connections.begin()->first);
}

} // namespace EasyNetConsole
