// TlsPolicy: what a TLS client connection must do, read once from a
// QSslConfiguration plus the reference's server_hostname rules. A field that
// cannot be honoured is refused: error() is then a TlsError naming it, and the
// connection must not be attempted. OpenSslSession applies every field below,
// for both client forms, over a stream (TLS) or datagrams (DTLS 1.2: the
// protocol range is read as DTLS's, and what only TLS has is refused).
#pragma once

#include <EasyNet/errors.h>

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>

#include <optional>

namespace EasyNet {

class TlsPolicy
{
public:
    // Protocol versions in order; Unbounded: no limit on that side (OpenSSL's
    // own). Over datagrams Tls1_2 stands for DTLS 1.2, the only DTLS version.
    enum class Version { Unbounded, Tls1_0, Tls1_1, Tls1_2, Tls1_3 };
    enum class Transport { Stream, Datagram };

    // host: the host connected to (empty for an adopted socket); serverHostname:
    // the name the certificate must match instead of host (set but empty: no
    // name check, logged as a warning).
    TlsPolicy(const QSslConfiguration &configuration, const QString &host,
              const std::optional<QString> &serverHostname,
              Transport transport = Transport::Stream);

    // DTLS (over datagrams) rather than TLS.
    bool isDatagram() const { return m_transport == Transport::Datagram; }

    // NoError, or the TlsError that refuses this configuration.
    const Error &error() const { return m_error; }

    // Protocol range from QSslConfiguration::protocol(), narrowed by the
    // ciphers (only TLS 1.3 suites listed: 1.3 minimum; none: 1.2 maximum).
    Version minimumVersion() const { return m_minimum; }
    Version maximumVersion() const { return m_maximum; }

    // OpenSSL cipher strings from QSslConfiguration::ciphers(): TLS 1.2 and
    // older (SSL_CTX_set_cipher_list) and TLS 1.3 suites (SSL_CTX_set_ciphersuites).
    // Both empty: the library's defaults (no cipher configured).
    const QByteArray &cipherList() const { return m_cipherList; }
    const QByteArray &cipherSuites() const { return m_cipherSuites; }
    bool ciphersConfigured() const { return !m_cipherList.isEmpty() || !m_cipherSuites.isEmpty(); }

    // Trust anchors; empty: the system's.
    QList<QSslCertificate> caCertificates() const { return m_configuration.caCertificates(); }
    // The client certificate (null: none), the intermediates sent with it, its key.
    QSslCertificate localCertificate() const { return m_configuration.localCertificate(); }
    QList<QSslCertificate> intermediateCertificates() const { return m_chain; }
    QSslKey privateKey() const { return m_configuration.privateKey(); }

    // VerifyPeer and AutoVerifyPeer verify; VerifyNone and QueryPeer (a client
    // always gets the server's certificate) do not, host name included.
    bool verifiesPeer() const { return m_verifiesPeer; }
    // QSslConfiguration::peerVerifyDepth(): 0 for no limit.
    int verifyDepth() const { return m_configuration.peerVerifyDepth(); }

    // ALPN: allowedNextProtocols() in the wire format (length-prefixed names).
    const QByteArray &alpnWireFormat() const { return m_alpn; }

    // The name the certificate must match, a host name in its ACE form (an
    // IP address is matched against the certificate's IP entries); empty: no
    // name check.
    const QString &peerVerifyName() const { return m_peerVerifyName; }
    // The chain is verified but the name is not (serverHostname set but empty).
    bool nameCheckDisabled() const { return m_verifiesPeer && m_peerVerifyName.isEmpty(); }
    bool checksHostName() const { return !m_peerVerifyName.isEmpty(); }
    // The SNI to send (ACE form): empty for an IP address (RFC 6066 section 3), an empty
    // name, or SslOptionDisableServerNameIndication.
    const QString &serverNameIndication() const { return m_sni; }

    static bool isIpAddress(const QString &name);

private:
    void refuse(const QString &why);
    void readProtocol(QSsl::SslProtocol protocol);
    void readDatagramProtocol(QSsl::SslProtocol protocol);
    void readCiphers();
    void readIdentity();
    void readAlpn();
    void readNames(const QString &host, const std::optional<QString> &serverHostname);

    QSslConfiguration m_configuration;
    Transport m_transport;
    Error m_error;
    Version m_minimum = Version::Tls1_2;
    Version m_maximum = Version::Unbounded;
    QByteArray m_cipherList;
    QByteArray m_cipherSuites;
    QList<QSslCertificate> m_chain;
    bool m_verifiesPeer = true;
    QByteArray m_alpn;
    QString m_peerVerifyName;
    QString m_sni;
};

} // namespace EasyNet
