#include "dtlsechoserver.h"

#include "selfsignedcertificate.h"

#include <QtNetwork/QDtls>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QUdpSocket>

namespace EasyNetConsole {

namespace {

// What a DTLS 1.2 record adds to its packet at most (header, IV, MAC or tag,
// padding).
constexpr qsizetype RecordOverhead = 13 + 16 + 64 + 256;

} // namespace

DtlsEchoServer::DtlsEchoServer(const EasyNet::DatagramProtocol &protocol, QObject *parent)
    : UdpEchoServer(Transport::Dtls, protocol, parent)
    , m_configuration(QSslConfiguration::defaultDtlsConfiguration())
    , m_verifier(std::make_unique<QDtlsClientVerifier>())
{
    m_configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (const auto identity = SelfSignedCertificate::generate(&m_identityError)) {
        m_configuration.setLocalCertificate(identity->certificate());
        m_configuration.setPrivateKey(identity->privateKey());
    }
}

DtlsEchoServer::~DtlsEchoServer()
{
    close(); // here, while the sessions are still there
}

bool DtlsEchoServer::listen(const QHostAddress &host, quint16 port)
{
    if (certificate().isNull()) {
        close();
        reportError(tr("No certificate for DTLS: %1").arg(m_identityError));
        return false;
    }
    return UdpEchoServer::listen(host, port);
}

void DtlsEchoServer::close()
{
    for (const auto &[peer, session] : m_sessions) {
        if (session->isConnectionEncrypted())
            session->shutdown(socket());
    }
    m_sessions.clear();
    UdpEchoServer::close();
}

QSslCertificate DtlsEchoServer::certificate() const
{
    return m_configuration.localCertificate();
}

qsizetype DtlsEchoServer::receiveLimit() const
{
    return maxPacketSize() + RecordOverhead;
}

void DtlsEchoServer::serve(const QNetworkDatagram &datagram, qint64)
{
    const QHostAddress address = datagram.senderAddress();
    const quint16 port = quint16(datagram.senderPort());
    const QString peer = inetPeerName(address, port);
    auto found = m_sessions.find(peer);
    if (found == m_sessions.end()) {
        // A session starts only after the cookie exchange: the verifier
        // answers a first ClientHello with a HelloVerifyRequest.
        if (!m_verifier->verifyClient(socket(), datagram.data(), address, port))
            return;
        auto session = std::make_unique<QDtls>(QSslSocket::SslServerMode);
        session->setDtlsConfiguration(m_configuration);
        session->setPeer(address, port);
        QDtls *raw = session.get();
        connect(raw, &QDtls::handshakeTimeout, this, [this, raw] { raw->handleTimeout(socket()); });
        found = m_sessions.emplace(peer, std::move(session)).first;
    }
    QDtls &session = *found->second;
    if (!session.isConnectionEncrypted()) {
        if (!session.doHandshake(socket(), datagram.data())) {
            reportError(
                tr("DTLS handshake with %1 failed: %2").arg(peer, session.dtlsErrorString()));
            m_sessions.erase(found);
        } else if (session.isConnectionEncrypted()) {
            addClient(peer);
        }
        return;
    }
    const QByteArray packet = session.decryptDatagram(socket(), datagram.data());
    switch (session.dtlsError()) {
    case QDtlsError::NoError: break;
    case QDtlsError::RemoteClosedConnectionError: // the client's close_notify
        m_sessions.erase(found);
        removeClient(peer);
        return;
    default: return; // a record that did not authenticate: dropped, as DTLS says
    }
    bool close = false;
    const QList<QByteArray> replies
        = answerDatagram(peer, protocol(), packet, packet.size(), &close);
    // Found again for each: a slot may have closed the server meanwhile.
    for (const QByteArray &reply : replies)
        deliver(peer, reply);
    if (close)
        closePeer(peer);
}

void DtlsEchoServer::deliver(const QString &peer, const QByteArray &bytes)
{
    const auto found = m_sessions.find(peer);
    if (found == m_sessions.end() || !found->second->isConnectionEncrypted())
        return;
    if (found->second->writeDatagramEncrypted(socket(), bytes) < 0)
        reportError(tr("Cannot answer %1: %2").arg(peer, found->second->dtlsErrorString()));
}

void DtlsEchoServer::closePeer(const QString &peer)
{
    const auto found = m_sessions.find(peer);
    if (found != m_sessions.end()) {
        if (found->second->isConnectionEncrypted())
            found->second->shutdown(socket());
        m_sessions.erase(found);
    }
    removeClient(peer);
}

} // namespace EasyNetConsole
