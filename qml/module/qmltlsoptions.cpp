#include "qmltlsoptions.h"

#include <EasyNet/sslpemfiles.h>

#include <QtCore/QUrl>

namespace EasyNetQml {

namespace {

// A path or a file: URL.
QString localPath(const QString &file)
{
    return file.startsWith(QLatin1String("file:")) ? QUrl(file).toLocalFile() : file;
}

} // namespace

QmlTlsOptions::QmlTlsOptions(QObject *parent) : QObject(parent) { }

std::optional<QSslConfiguration> QmlTlsOptions::configuration(QString *error) const
{
    // Checked here too, to name the properties at fault.
    if (m_clientCertificate.isEmpty() != m_privateKey.isEmpty()) {
        *error = tr("TLS: a client certificate needs both clientCertificate and privateKey");
        return std::nullopt;
    }
    QStringList caFiles;
    for (const QString &file : m_caCertificates)
        caFiles.append(localPath(file));
    QString reason;
    std::optional<QSslConfiguration> configuration = EasyNet::sslConfigurationWithPemFiles(
        QSslConfiguration::defaultConfiguration(), caFiles, localPath(m_clientCertificate),
        localPath(m_privateKey), EasyNet::PemCaCertificates::ReplaceTrusted, &reason);
    if (!configuration) {
        *error = tr("TLS: %1").arg(reason);
        return std::nullopt;
    }
    configuration->setPeerVerifyMode(m_peerVerify ? QSslSocket::VerifyPeer
                                                  : QSslSocket::VerifyNone);
    return configuration;
}

} // namespace EasyNetQml
