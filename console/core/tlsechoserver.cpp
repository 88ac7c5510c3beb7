#include "tlsechoserver.h"

#include "selfsignedcertificate.h"

#include <QtNetwork/QSslServer>
#include <QtNetwork/QSslSocket>

namespace EasyNetConsole {

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

TlsEchoServer::~TlsEchoServer() = default;

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

QString TlsEchoServer::fingerprint() const
{
    return fingerprint(certificate());
}

QString TlsEchoServer::fingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace EasyNetConsole
