#include "selfsignedcertificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <functional>
#include <memory>

namespace EasyNetConsole {

namespace {

template<auto Free>
struct Deleter
{
    template<typename T>
    void operator()(T *object) const
    {
        Free(object);
    }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

QString openSslError(const char *step)
{
    char reason[256] = {};
    ERR_error_string_n(ERR_get_error(), reason, sizeof(reason));
    ERR_clear_error();
    return QStringLiteral("cannot create a self-signed certificate (%1): %2")
        .arg(QLatin1String(step), QString::fromLatin1(reason));
}

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    const ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

QByteArray toPem(const std::function<int(BIO *)> &write)
{
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(size));
}

// The certificate as a step list, so that each failure names its step.
const char *build(X509 *certificate, EVP_PKEY *key)
{
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof(serial)) != 1)
        return "serial number";
    serial[0] &= 0x7f; // a positive INTEGER
    BIGNUM *number = BN_bin2bn(serial, sizeof(serial), nullptr);
    const bool serialSet = number && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate));
    BN_free(number);
    if (!serialSet)
        return "serial number";
    if (X509_set_version(certificate, X509_VERSION_3) != 1)
        return "version";
    // A minute of slack for clocks a little behind.
    if (!X509_gmtime_adj(X509_getm_notBefore(certificate), -60)
        || !X509_gmtime_adj(X509_getm_notAfter(certificate), 24 * 60 * 60))
        return "validity";
    X509_NAME *name = X509_get_subject_name(certificate);
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>("localhost"), -1, -1, 0)
            != 1
        || X509_set_issuer_name(certificate, name) != 1)
        return "name";
    if (X509_set_pubkey(certificate, key) != 1)
        return "public key";
    if (!addExtension(certificate, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1")
        || !addExtension(certificate, NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(certificate, NID_key_usage, "critical,digitalSignature")
        || !addExtension(certificate, NID_ext_key_usage, "serverAuth")
        || !addExtension(certificate, NID_subject_key_identifier, "hash"))
        return "extensions";
    if (X509_sign(certificate, key, EVP_sha256()) <= 0)
        return "signature";
    return nullptr;
}

} // namespace

std::optional<SelfSignedCertificate> SelfSignedCertificate::generate(QString *errorString)
{
    const auto fail = [errorString](const char *step) {
        if (errorString)
            *errorString = openSslError(step);
        return std::nullopt;
    };
    const PKeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return fail("key");
    const X509Ptr certificate(X509_new());
    if (!certificate)
        return fail("certificate");
    if (const char *failedStep = build(certificate.get(), key.get()))
        return fail(failedStep);
    const QByteArray certificatePem
        = toPem([&](BIO *bio) { return PEM_write_bio_X509(bio, certificate.get()); });
    const QByteArray keyPem = toPem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    SelfSignedCertificate result(QSslCertificate(certificatePem, QSsl::Pem),
                                 QSslKey(keyPem, QSsl::Ec, QSsl::Pem));
    if (result.m_certificate.isNull() || result.m_privateKey.isNull())
        return fail("PEM");
    return result;
}

} // namespace EasyNetConsole
