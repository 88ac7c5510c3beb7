// TcpEchoServer: the packet-aware echo server over TCP (see EchoServer), on a
// QTcpServer. Each accepted connection is handed to an EasyNet::TcpClient,
// which stays half-open after the client's end of stream: what arrives with
// the client's FIN is answered, then the server closes its side.
// TlsEchoServer is the same over TLS, on QSslSocket.
#pragma once

#include "echoserver.h"

#include <EasyNet/streamprotocol.h>

#include <memory>
#include <unordered_map>

QT_BEGIN_NAMESPACE
class QTcpServer;
class QTcpSocket;
QT_END_NAMESPACE

namespace EasyNet {
class Error;
class TcpClient;
} // namespace EasyNet

namespace EasyNetConsole {

class TcpEchoServer : public EchoServer
{
    Q_OBJECT

public:
    explicit TcpEchoServer(const EasyNet::StreamProtocol &protocol, QObject *parent = nullptr);
    ~TcpEchoServer() override;

    bool listen(const QString &address) override;
    // Listens on host and port (0: any free port; port() tells which).
    bool listen(const QHostAddress &host, quint16 port);
    void close() override;

    // Bytes queued for one client beyond which the server stops reading from it
    // until the client has read its echoes (the kernel then slows the client down).
    static constexpr qint64 MaxQueuedBytes = 1024 * 1024;

protected:
    // For TlsEchoServer: a server that emits pendingConnectionAvailable() for
    // sockets ready to use (a QSslServer, once encrypted). Takes ownership.
    TcpEchoServer(Transport transport, const EasyNet::StreamProtocol &protocol, QTcpServer *server,
                  QObject *parent);
    QTcpServer *tcpServer() const { return m_server; }
    const EasyNet::StreamProtocol &protocol() const { return m_protocol; }
    // While not empty, listen() fails with this reason (TLS without an identity).
    void setListenBlocker(const QString &reason) { m_listenBlocker = reason; }

    // Serves one accepted connection (the default: plain TCP through a TcpClient).
    virtual void serve(QTcpSocket *socket);
    // Disconnects every client served (close() and destruction).
    virtual void dropConnections();
    void deliver(const QString &peer, const QByteArray &bytes) override;
    void closePeer(const QString &peer) override;

    // Forgets one connection (a QTcpSocket or a TcpClient) of connections and
    // reports its client gone; nothing happens for one not there.
    template<typename Connection, typename Record>
    void dropClient(std::unordered_map<Connection *, std::shared_ptr<Record>> &connections,
                    Connection *connection)
    {
        const auto found = connections.find(connection);
        if (found == connections.end())
            return;
        const QString peer = found->second->peer;
        connections.erase(found);
        connection->disconnect(this);
        connection->abort();
        connection->deleteLater();
        removeClient(peer);
    }

private:
    struct Client;
    void receiveFrom(EasyNet::TcpClient *connection, const QByteArray &bytes);
    void connectionFailed(EasyNet::TcpClient *connection, const EasyNet::Error &error);
    void updateReading(EasyNet::TcpClient *connection);
    // Stops reading and closes the connection after what was queued on it.
    void closeAfterQueued(EasyNet::TcpClient *connection, Client &client);

    EasyNet::StreamProtocol m_protocol;
    QTcpServer *m_server;
    QString m_listenBlocker;
    // Shared: a slot connected to a signal emitted while a client's bytes are
    // decoded may close the server, and the client must outlive that call.
    std::unordered_map<EasyNet::TcpClient *, std::shared_ptr<Client>> m_connections;
};

} // namespace EasyNetConsole
