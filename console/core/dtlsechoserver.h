// DtlsEchoServer: the packet-aware echo server over DTLS 1.2 (see EchoServer),
// Qt's QDtls on the UdpEchoServer's socket: the cookie exchange (QDtlsClientVerifier) before
// a session starts, one QDtls session per client address, one packet per
// record, each reply in a record of its own. Its identity is a
// SelfSignedCertificate made when the server is constructed; clients are not
// asked for a certificate. A client counts as connected once its handshake is
// done and as gone once its close_notify came; a failed handshake is reported
// through errorOccurred().
#pragma once

#include "udpechoserver.h"

#include <QtNetwork/QSslConfiguration>

#include <map>
#include <memory>

QT_BEGIN_NAMESPACE
class QDtls;
class QDtlsClientVerifier;
QT_END_NAMESPACE

namespace EasyNetConsole {

class DtlsEchoServer : public UdpEchoServer
{
    Q_OBJECT

public:
    explicit DtlsEchoServer(const EasyNet::DatagramProtocol &protocol, QObject *parent = nullptr);
    ~DtlsEchoServer() override;

    using UdpEchoServer::listen;
    bool listen(const QHostAddress &host, quint16 port) override;
    // Sends close_notify to every client, then stops.
    void close() override;
    QSslCertificate certificate() const override;

protected:
    void serve(const QNetworkDatagram &datagram, qint64 size) override;
    // A record's overhead on top of the largest packet.
    qsizetype receiveLimit() const override;
    void deliver(const QString &peer, const QByteArray &bytes) override;
    // Sends close_notify and forgets the session.
    void closePeer(const QString &peer) override;

private:
    QSslConfiguration m_configuration;
    QString m_identityError; // why there is no certificate
    std::unique_ptr<QDtlsClientVerifier> m_verifier;
    std::map<QString, std::unique_ptr<QDtls>> m_sessions; // by peer name
};

} // namespace EasyNetConsole
