// UnixDatagramEchoServer: the packet-aware echo server over an AF_UNIX
// datagram socket (see EchoServer), bound to a filesystem path or an abstract
// name: one packet per datagram, answered to the sender's address (a
// datagram per reply), the first reply sent at once with the descriptors
// (SCM_RIGHTS) that came with it, which are closed afterwards.
//
// A sender that never bound an address (no autobind either) cannot be
// answered: its packet is decoded and reported, and errorOccurred() says the
// answer could not be sent. Credentials (SCM_CREDENTIALS) are reported with
// credentialsReceived().
#pragma once

#include "echoserver.h"
#include "unixserversocket_p.h"

#include <EasyNet/datagramprotocol.h>

namespace EasyNetConsole {

class UnixDatagramEchoServer : public EchoServer
{
    Q_OBJECT

public:
    explicit UnixDatagramEchoServer(const EasyNet::DatagramProtocol &protocol,
                                    QObject *parent = nullptr);
    ~UnixDatagramEchoServer() override;

    bool listen(const QString &address) override;
    bool listen(const EasyNet::UnixSocketAddress &address);
    void close() override;

protected:
    void deliver(const QString &peer, const QByteArray &bytes) override;

private:
    void readDatagrams();
    void sendDatagram(const QString &peer, const EasyNet::UnixSocketAddress &address,
                      const QByteArray &bytes, const QList<int> &fileDescriptors);

    EasyNet::DatagramProtocol m_protocol;
    UnixServerSocket m_socket;
};

} // namespace EasyNetConsole
