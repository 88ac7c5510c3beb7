// UnixStreamEchoServer: the packet-aware echo server over an AF_UNIX stream
// socket (see EchoServer), bound to a filesystem path or an abstract name.
//
// Descriptors a client passes (SCM_RIGHTS) go back to it with the next
// answer sent and are closed once sent (or when the client goes away), so a client
// can test descriptor passing. The peer's credentials (SO_PEERCRED at accept,
// SCM_CREDENTIALS as they arrive) are reported with credentialsReceived().
#pragma once

#include "echoserver.h"
#include "unixserversocket_p.h"

#include <EasyNet/streamprotocol.h>

#include <map>
#include <memory>

namespace EasyNetConsole {

class UnixStreamEchoServer : public EchoServer
{
    Q_OBJECT

public:
    explicit UnixStreamEchoServer(const EasyNet::StreamProtocol &protocol,
                                  QObject *parent = nullptr);
    ~UnixStreamEchoServer() override;

    bool listen(const QString &address) override;
    bool listen(const EasyNet::UnixSocketAddress &address);
    void close() override;

    // Answer bytes queued for one client beyond which the server stops reading
    // from it until the client has read them.
    static constexpr qsizetype MaxQueuedBytes = 1024 * 1024;

protected:
    void deliver(const QString &peer, const QByteArray &bytes) override;
    void closePeer(const QString &peer) override;

private:
    struct Client;
    void acceptClients();
    void readFrom(int fd);
    void writeTo(int fd);
    void dropClient(int fd);
    // Queues bytes for client, with the descriptors it holds.
    static void queue(Client &client, const QByteArray &bytes);

    EasyNet::StreamProtocol m_protocol;
    UnixServerSocket m_socket;
    // Shared: a slot connected to a signal emitted while a client's bytes are
    // decoded may close the server, and the client must outlive that call.
    std::map<int, std::shared_ptr<Client>> m_connections;
    quint64 m_accepted = 0;
};

} // namespace EasyNetConsole
