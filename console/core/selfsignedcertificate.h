// SelfSignedCertificate: a throw-away TLS identity for the built-in TLS echo
// server, made with OpenSSL: an EC P-256 key and a self-signed X.509 v3
// certificate for CN=localhost with subjectAltName DNS:localhost,
// IP:127.0.0.1 and IP:::1, valid for one day from now.
#pragma once

#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>

#include <optional>

namespace EasyNetConsole {

class SelfSignedCertificate
{
public:
    // Nothing, with *errorString set, when OpenSSL fails.
    static std::optional<SelfSignedCertificate> generate(QString *errorString = nullptr);

    QSslCertificate certificate() const { return m_certificate; }
    QSslKey privateKey() const { return m_privateKey; }

private:
    SelfSignedCertificate(QSslCertificate certificate, QSslKey privateKey)
        : m_certificate(std::move(certificate)), m_privateKey(std::move(privateKey))
    {
    }

    QSslCertificate m_certificate;
    QSslKey m_privateKey;
};

} // namespace EasyNetConsole
