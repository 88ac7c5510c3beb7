#include <EasyNet/sslpemfiles.h>

#include <QtCore/QFile>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>

using namespace Qt::StringLiterals;

namespace EasyNet {

namespace {

// what: the role of the file in messages ("CA file", ...).
std::optional<QByteArray> readFile(const QString &path, QLatin1StringView what,
                                   QString *errorString)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *errorString
            = QStringLiteral("cannot read the %1 %2: %3").arg(what, path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

std::optional<QList<QSslCertificate>> readCertificates(const QString &path, QLatin1StringView what,
                                                       QString *errorString)
{
    const std::optional<QByteArray> pem = readFile(path, what, errorString);
    if (!pem)
        return std::nullopt;
    QList<QSslCertificate> certificates = QSslCertificate::fromData(*pem, QSsl::Pem);
    if (certificates.isEmpty()) {
        *errorString = QStringLiteral("the %1 %2 holds no PEM certificate").arg(what, path);
        return std::nullopt;
    }
    return certificates;
}

std::optional<QSslKey> readKey(const QString &path, QString *errorString)
{
    const std::optional<QByteArray> pem = readFile(path, "key file"_L1, errorString);
    if (!pem)
        return std::nullopt;
    // QSslKey parses one algorithm at a time. Not QSsl::Dh: a DH key cannot
    // sign, so it cannot prove a certificate is ours.
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        if (QSslKey key(*pem, algorithm); !key.isNull())
            return key;
    }
    *errorString
        = QStringLiteral("the key file %1 holds no unencrypted PEM key (RSA, EC or DSA)").arg(path);
    return std::nullopt;
}

} // namespace

std::optional<QSslConfiguration>
sslConfigurationWithPemFiles(const QSslConfiguration &base, const QStringList &caFiles,
                             const QString &certificateChainFile, const QString &privateKeyFile,
                             PemCaCertificates caCertificates, QString *errorString)
{
    QString ignored;
    QString *const error = errorString ? errorString : &ignored;
    QSslConfiguration configuration = base;
    QList<QSslCertificate> cas;
    for (const QString &file : caFiles) {
        if (file.isEmpty())
            continue;
        const std::optional<QList<QSslCertificate>> read
            = readCertificates(file, "CA file"_L1, error);
        if (!read)
            return std::nullopt;
        cas += *read;
    }
    if (!cas.isEmpty()) {
        // An empty list means "the system's, loaded on demand" (Linux): adding to
        // it would drop them, so name them first.
        if (caCertificates == PemCaCertificates::AddToTrusted)
            cas = (base.caCertificates().isEmpty() ? QSslConfiguration::systemCaCertificates()
                                                   : base.caCertificates())
                + cas;
        configuration.setCaCertificates(cas);
    }
    if (certificateChainFile.isEmpty() != privateKeyFile.isEmpty()) {
        *error = QStringLiteral("a client certificate needs both a certificate file and a "
                                "private key file");
        return std::nullopt;
    }
    if (!certificateChainFile.isEmpty()) {
        const std::optional<QList<QSslCertificate>> chain
            = readCertificates(certificateChainFile, "certificate file"_L1, error);
        if (!chain)
            return std::nullopt;
        const std::optional<QSslKey> key = readKey(privateKeyFile, error);
        if (!key)
            return std::nullopt;
        configuration.setLocalCertificateChain(*chain);
        configuration.setPrivateKey(*key);
    }
    return configuration;
}

} // namespace EasyNet
