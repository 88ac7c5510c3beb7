#include "qmltlsoptions.h"

#include <QtCore/QFile>
#include <QtCore/QUrl>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>

namespace EasyNetQml {

namespace {

// A path or a file: URL.
QString localPath(const QString &file)
{
    return file.startsWith(QLatin1String("file:")) ? QUrl(file).toLocalFile() : file;
}

std::optional<QByteArray> readFile(const QString &file, QString *error)
{
    QFile in(localPath(file));
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QObject::tr("TLS: cannot read %1: %2").arg(file, in.errorString());
        return std::nullopt;
    }
    return in.readAll();
}

} // namespace

QmlTlsOptions::QmlTlsOptions(QObject *parent) : QObject(parent) { }

std::optional<QSslConfiguration> QmlTlsOptions::configuration(QString *error) const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!m_caCertificates.isEmpty()) {
        QList<QSslCertificate> cas;
        for (const QString &file : m_caCertificates) {
            const std::optional<QByteArray> pem = readFile(file, error);
            if (!pem)
                return std::nullopt;
            const QList<QSslCertificate> certificates = QSslCertificate::fromData(*pem);
            if (certificates.isEmpty()) {
                *error = tr("TLS: no PEM certificate in %1").arg(file);
                return std::nullopt;
            }
            cas += certificates;
        }
        configuration.setCaCertificates(cas);
    }
    if (!m_clientCertificate.isEmpty() || !m_privateKey.isEmpty()) {
        if (m_clientCertificate.isEmpty() || m_privateKey.isEmpty()) {
            *error = tr("TLS: a client certificate needs both clientCertificate and privateKey");
            return std::nullopt;
        }
        const std::optional<QByteArray> certificatePem = readFile(m_clientCertificate, error);
        if (!certificatePem)
            return std::nullopt;
        const std::optional<QByteArray> keyPem = readFile(m_privateKey, error);
        if (!keyPem)
            return std::nullopt;
        const QSslCertificate certificate(*certificatePem);
        QSslKey key(*keyPem, QSsl::Rsa);
        if (key.isNull())
            key = QSslKey(*keyPem, QSsl::Ec);
        if (certificate.isNull() || key.isNull()) {
            *error = tr("TLS: %1 and %2 must hold a PEM certificate and its private key")
                         .arg(m_clientCertificate, m_privateKey);
            return std::nullopt;
        }
        configuration.setLocalCertificate(certificate);
        configuration.setPrivateKey(key);
    }
    configuration.setPeerVerifyMode(m_peerVerify ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
    return configuration;
}

} // namespace EasyNetQml
