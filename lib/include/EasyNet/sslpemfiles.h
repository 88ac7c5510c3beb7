/// \file
/// Building a QSslConfiguration from PEM files, as a user names them in a
/// settings dialog or a QML `tls` group: CA certificates, a certificate chain
/// and its private key.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QStringList>
#include <QtNetwork/QSslConfiguration>

#include <optional>

namespace EasyNet {

/// What sslConfigurationWithPemFiles() does with the CA certificates it reads.
enum class PemCaCertificates {
    /// Trusted besides the base configuration's CAs, or besides the system's
    /// when the base names none (as QSslConfiguration::defaultConfiguration()).
    AddToTrusted,
    /// Trusted instead of any other CA.
    ReplaceTrusted,
};

/// Returns base with the certificates and key of these PEM files, or nullopt
/// with *errorString (when not null) naming the file at fault when one cannot be
/// read or holds no usable PEM data.
///
/// - caFiles: files of one or more CA certificates each; none leaves the CAs as
///   they are.
/// - certificateChainFile: the local certificate, then the intermediate
///   certificates that lead to its CA (QSslConfiguration::setLocalCertificateChain()).
/// - privateKeyFile: the certificate's unencrypted private key, RSA, EC or DSA.
///
/// The certificate and the key go together: naming only one is an error.
/// Empty names are skipped, so that every option can come from a settings field.
EASYNET_EXPORT std::optional<QSslConfiguration>
sslConfigurationWithPemFiles(const QSslConfiguration &base, const QStringList &caFiles,
                             const QString &certificateChainFile, const QString &privateKeyFile,
                             PemCaCertificates caCertificates = PemCaCertificates::AddToTrusted,
                             QString *errorString = nullptr);

} // namespace EasyNet
