// TlsEchoServer: the packet-aware echo server over TLS (see EchoServer), on a
// QSslServer. Its identity is a SelfSignedCertificate made when the server is
// constructed, or one given with setLocalCertificate(). Clients are not asked
// for a certificate. A client counts as connected once its handshake is done;
// a failed handshake (a client that does not trust the certificate, say) is
// reported through errorOccurred().
#pragma once

#include "tcpechoserver.h"

#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>

#include <memory>
#include <unordered_map>

namespace EasyNetConsole {

class TlsEchoServer : public TcpEchoServer
{
    Q_OBJECT
    Q_PROPERTY(QSslCertificate certificate READ certificate NOTIFY certificateChanged)
    Q_PROPERTY(QString fingerprint READ fingerprint NOTIFY certificateChanged)

public:
    explicit TlsEchoServer(const EasyNet::StreamProtocol &protocol, QObject *parent = nullptr);
    ~TlsEchoServer() override;

    // Replaces the server's identity for the handshakes that follow; false
    // (nothing changed) when either is null. A key that does not match the
    // certificate makes every handshake fail.
    bool setLocalCertificate(const QSslCertificate &certificate, const QSslKey &privateKey);

    QSslCertificate certificate() const override;
    QSslKey privateKey() const;

Q_SIGNALS:
    void certificateChanged();

protected:
    // TLS stays on QSslSocket (TcpClient's TLS is the client side's).
    void serve(QTcpSocket *socket) override;
    void dropConnections() override;
    void deliver(const QString &peer, const QByteArray &bytes) override;
    void closePeer(const QString &peer) override;

private:
    struct Client;
    void readFrom(QTcpSocket *socket);
    // Stops reading and closes the connection after what was written to it;
    // may emit disconnected() (and drop the client) at once.
    void closeAfterWritten(QTcpSocket *socket, Client &client);

    QSslConfiguration m_configuration;
    // Shared: a slot connected to a signal emitted while a client's bytes are
    // decoded may close the server, and the client must outlive that call.
    std::unordered_map<QTcpSocket *, std::shared_ptr<Client>> m_connections;
};

} // namespace EasyNetConsole
