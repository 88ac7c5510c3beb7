#include "tlspolicy_p.h"

#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslCipher>
#include <QtNetwork/QSslEllipticCurve>

namespace EasyNet {

namespace {

// Unbounded means "no limit": lowest as a minimum, highest as a maximum.
int rank(TlsPolicy::Version version, bool asMaximum)
{
    if (version == TlsPolicy::Version::Unbounded)
        return asMaximum ? 100 : -1;
    return int(version);
}

} // namespace

TlsPolicy::TlsPolicy(const QSslConfiguration &configuration, const QString &host,
                     const std::optional<QString> &serverHostname, Transport transport)
    : m_configuration(configuration), m_transport(transport)
{
    if (isDatagram())
        readDatagramProtocol(configuration.protocol());
    else
        readProtocol(configuration.protocol());
    readCiphers();
    readIdentity();
    readAlpn();
    switch (configuration.peerVerifyMode()) {
    case QSslSocket::VerifyNone:
    case QSslSocket::QueryPeer: m_verifiesPeer = false; break;
    case QSslSocket::VerifyPeer:
    case QSslSocket::AutoVerifyPeer: m_verifiesPeer = true; break;
    }
    // What the blocking path cannot apply is refused on both paths, so that one
    // configuration behaves the same with either client.
    if (!configuration.ellipticCurves().isEmpty())
        refuse(QStringLiteral("ellipticCurves are not supported"));
    if (configuration.ocspStaplingEnabled())
        refuse(QStringLiteral("OCSP stapling is not supported"));
    if (!configuration.sessionTicket().isEmpty())
        refuse(QStringLiteral("session resumption (sessionTicket) is not supported"));
    if (!configuration.backendConfiguration().isEmpty())
        refuse(QStringLiteral("backendConfiguration is not supported"));
    readNames(host, serverHostname);
}

bool TlsPolicy::isIpAddress(const QString &name)
{
    return !QHostAddress(name).isNull();
}

void TlsPolicy::refuse(const QString &why)
{
    if (!m_error.isError())
        m_error = Error(ErrorCode::TlsError, QStringLiteral("TLS configuration refused: ") + why);
}

void TlsPolicy::readProtocol(QSsl::SslProtocol protocol)
{
    const auto range = [this](Version minimum, Version maximum) {
        m_minimum = minimum;
        m_maximum = maximum;
    };
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    switch (protocol) {
    case QSsl::TlsV1_0: return range(Version::Tls1_0, Version::Tls1_0);
    case QSsl::TlsV1_1: return range(Version::Tls1_1, Version::Tls1_1);
    case QSsl::TlsV1_2: return range(Version::Tls1_2, Version::Tls1_2);
    case QSsl::TlsV1_3: return range(Version::Tls1_3, Version::Tls1_3);
    case QSsl::TlsV1_0OrLater: return range(Version::Tls1_0, Version::Unbounded);
    case QSsl::TlsV1_1OrLater: return range(Version::Tls1_1, Version::Unbounded);
    case QSsl::TlsV1_2OrLater:
    case QSsl::SecureProtocols: return range(Version::Tls1_2, Version::Unbounded);
    case QSsl::TlsV1_3OrLater: return range(Version::Tls1_3, Version::Unbounded);
    case QSsl::AnyProtocol: return range(Version::Unbounded, Version::Unbounded);
    case QSsl::DtlsV1_0:
    case QSsl::DtlsV1_0OrLater:
    case QSsl::DtlsV1_2:
    case QSsl::DtlsV1_2OrLater:
        return refuse(QStringLiteral("a DTLS protocol for a stream connection"));
    case QSsl::UnknownProtocol: break;
    }
    QT_WARNING_POP
    refuse(QStringLiteral("unknown protocol %1").arg(int(protocol)));
}

void TlsPolicy::readDatagramProtocol(QSsl::SslProtocol protocol)
{
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    switch (protocol) {
    // Every range that holds 1.2 is DTLS 1.2, the one DTLS version OpenSSL 3.0 has
    // beside the obsolete DTLS 1.0.
    case QSsl::DtlsV1_2:
    case QSsl::DtlsV1_2OrLater:
    case QSsl::DtlsV1_0OrLater:
    case QSsl::TlsV1_2:
    case QSsl::TlsV1_2OrLater:
    case QSsl::TlsV1_1OrLater:
    case QSsl::TlsV1_0OrLater:
    case QSsl::SecureProtocols:
    case QSsl::AnyProtocol: m_minimum = m_maximum = Version::Tls1_2; return;
    case QSsl::TlsV1_3:
    case QSsl::TlsV1_3OrLater:
        return refuse(QStringLiteral("DTLS 1.3 is not supported (DTLS 1.2 is)"));
    case QSsl::DtlsV1_0:
    case QSsl::TlsV1_0:
    case QSsl::TlsV1_1: return refuse(QStringLiteral("DTLS 1.0 is not supported (DTLS 1.2 is)"));
    case QSsl::UnknownProtocol: break;
    }
    QT_WARNING_POP
    refuse(QStringLiteral("unknown protocol %1").arg(int(protocol)));
}

void TlsPolicy::readCiphers()
{
    for (const QSslCipher &cipher : m_configuration.ciphers()) {
        if (cipher.isNull())
            continue;
        const QByteArray name = cipher.name().toLatin1();
        const bool tls13 = cipher.protocol() == QSsl::TlsV1_3
            || cipher.protocol() == QSsl::TlsV1_3OrLater || name.startsWith("TLS_");
        QByteArray &list = tls13 ? m_cipherSuites : m_cipherList;
        if (!list.isEmpty())
            list += ':';
        list += name;
    }
    if (!ciphersConfigured())
        return;
    // The listed ciphers decide which versions can be negotiated at all.
    if (m_cipherList.isEmpty()) {
        if (rank(m_maximum, true) < rank(Version::Tls1_3, true))
            return refuse(
                QStringLiteral("only TLS 1.3 ciphers are listed, the protocol excludes TLS 1.3"));
        if (rank(m_minimum, false) < rank(Version::Tls1_3, false))
            m_minimum = Version::Tls1_3;
    } else if (m_cipherSuites.isEmpty()) {
        if (rank(m_minimum, false) >= rank(Version::Tls1_3, false))
            return refuse(
                QStringLiteral("no TLS 1.3 cipher is listed, the protocol requires TLS 1.3"));
        if (rank(m_maximum, true) > rank(Version::Tls1_2, true))
            m_maximum = Version::Tls1_2;
    }
}

void TlsPolicy::readIdentity()
{
    const QList<QSslCertificate> chain = m_configuration.localCertificateChain();
    if (chain.size() > 1)
        m_chain = chain.mid(1);
    const bool hasCertificate = !m_configuration.localCertificate().isNull();
    const QSslKey key = m_configuration.privateKey();
    if (hasCertificate && key.isNull())
        refuse(QStringLiteral("a local certificate without its private key"));
    else if (!hasCertificate && !key.isNull())
        refuse(QStringLiteral("a private key without a local certificate"));
    else if (!key.isNull() && key.toPem().isEmpty())
        refuse(QStringLiteral("the private key cannot be exported (opaque key)"));
}

void TlsPolicy::readAlpn()
{
    for (const QByteArray &protocol : m_configuration.allowedNextProtocols()) {
        if (protocol.isEmpty() || protocol.size() > 255)
            return refuse(QStringLiteral("an ALPN protocol name must have 1 to 255 bytes"));
        m_alpn += char(protocol.size());
        m_alpn += protocol;
    }
}

void TlsPolicy::readNames(const QString &host, const std::optional<QString> &serverHostname)
{
    if (host.isEmpty() && !serverHostname)
        return refuse(QStringLiteral("TLS over an adopted socket needs serverHostname"));
    QString name = serverHostname.value_or(host);
    // SNI and the certificate's names carry the A-label (RFC 6066, RFC 6125),
    // not the UTF-8 of an internationalized name; what IDNA refuses stays as
    // given, and the certificate check refuses it then.
    if (const QByteArray ace = QUrl::toAce(name); !ace.isEmpty() && !isIpAddress(name))
        name = QString::fromLatin1(ace);
    if (m_verifiesPeer)
        m_peerVerifyName = name;
    if (!name.isEmpty() && !isIpAddress(name)
        && !m_configuration.testSslOption(QSsl::SslOptionDisableServerNameIndication))
        m_sni = name;
}

} // namespace EasyNet
