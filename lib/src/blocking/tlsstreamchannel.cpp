#include "tlsstreamchannel_p.h"

#include "blockingsocket_p.h"

#include <EasyNet/exceptions.h>

#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <poll.h>

#include <cerrno>
#include <climits>

namespace EasyNet {

namespace {

QString openSslErrors()
{
    QStringList reasons;
    while (const unsigned long code = ERR_get_error()) {
        char text[256];
        ERR_error_string_n(code, text, sizeof(text));
        reasons.append(QString::fromLatin1(text));
    }
    return reasons.isEmpty() ? QStringLiteral("unknown TLS error") : reasons.join(u"; ");
}

[[noreturn]] void throwTls(const QString &message)
{
    Error(ErrorCode::TlsError, message).throwException();
}

X509 *toX509(const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    return d2i_X509(nullptr, &data, long(der.size()));
}

int openSslVersion(TlsPolicy::Version version)
{
    switch (version) {
    case TlsPolicy::Version::Unbounded: return 0; // OpenSSL: no limit
    case TlsPolicy::Version::Tls1_0: return TLS1_VERSION;
    case TlsPolicy::Version::Tls1_1: return TLS1_1_VERSION;
    case TlsPolicy::Version::Tls1_2: return TLS1_2_VERSION;
    case TlsPolicy::Version::Tls1_3: return TLS1_3_VERSION;
    }
    return 0;
}

void applyIdentity(SSL_CTX *context, const TlsPolicy &policy)
{
    if (policy.localCertificate().isNull())
        return;
    X509 *x509 = toX509(policy.localCertificate());
    const QByteArray key = policy.privateKey().toPem();
    BIO *bio = BIO_new_mem_buf(key.constData(), int(key.size()));
    EVP_PKEY *pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    bool ok = x509 && pkey && SSL_CTX_use_certificate(context, x509) == 1
        && SSL_CTX_use_PrivateKey(context, pkey) == 1 && SSL_CTX_check_private_key(context) == 1;
    X509_free(x509);
    EVP_PKEY_free(pkey);
    for (const QSslCertificate &intermediate : policy.intermediateCertificates()) {
        X509 *link = toX509(intermediate);
        // The OpenSSL macro casts old-style.
        QT_WARNING_PUSH
        QT_WARNING_DISABLE_GCC("-Wold-style-cast")
        ok = ok && link && SSL_CTX_add1_chain_cert(context, link) == 1;
        QT_WARNING_POP
        X509_free(link);
    }
    if (!ok)
        throwTls(QStringLiteral("cannot use the local certificate: ") + openSslErrors());
}

// Every field of the policy, applied to a client context.
void applyPolicy(SSL_CTX *context, const TlsPolicy &policy)
{
    if (SSL_CTX_set_min_proto_version(context, openSslVersion(policy.minimumVersion())) != 1
        || SSL_CTX_set_max_proto_version(context, openSslVersion(policy.maximumVersion())) != 1)
        throwTls(QStringLiteral("cannot set the TLS protocol range: ") + openSslErrors());
    if (!policy.cipherList().isEmpty()
        && SSL_CTX_set_cipher_list(context, policy.cipherList().constData()) != 1)
        throwTls(QStringLiteral("none of the configured ciphers is usable: ") + openSslErrors());
    if (!policy.cipherSuites().isEmpty()
        && SSL_CTX_set_ciphersuites(context, policy.cipherSuites().constData()) != 1)
        throwTls(QStringLiteral("none of the configured TLS 1.3 ciphers is usable: ")
                 + openSslErrors());
    SSL_CTX_set_verify(context, policy.verifiesPeer() ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nullptr);
    if (policy.verifyDepth() > 0)
        SSL_CTX_set_verify_depth(context, policy.verifyDepth());
    const QList<QSslCertificate> authorities = policy.caCertificates();
    if (authorities.isEmpty()) {
        SSL_CTX_set_default_verify_paths(context);
    } else {
        X509_STORE *store = SSL_CTX_get_cert_store(context);
        for (const QSslCertificate &authority : authorities) {
            if (X509 *x509 = toX509(authority)) {
                X509_STORE_add_cert(store, x509);
                X509_free(x509);
            }
        }
    }
    applyIdentity(context, policy);
    const QByteArray &alpn = policy.alpnWireFormat();
    // SSL_CTX_set_alpn_protos() returns 0 on success.
    if (!alpn.isEmpty()
        && SSL_CTX_set_alpn_protos(context,
                                   reinterpret_cast<const unsigned char *>(alpn.constData()),
                                   unsigned(alpn.size()))
            != 0)
        throwTls(QStringLiteral("cannot set the ALPN protocols: ") + openSslErrors());
}

// The name checks and SNI of the policy, applied to a connection.
void applyNames(SSL *ssl, const TlsPolicy &policy)
{
    if (!policy.serverNameIndication().isEmpty()) {
        const QByteArray sni = policy.serverNameIndication().toUtf8();
        // The OpenSSL macro casts old-style.
        QT_WARNING_PUSH
        QT_WARNING_DISABLE_GCC("-Wold-style-cast")
        SSL_set_tlsext_host_name(ssl, sni.constData());
        QT_WARNING_POP
    }
    if (policy.peerVerifyName().isEmpty())
        return;
    const QByteArray name = policy.peerVerifyName().toUtf8();
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    const bool set = TlsPolicy::isIpAddress(policy.peerVerifyName())
        ? X509_VERIFY_PARAM_set1_ip_asc(param, name.constData()) == 1
        : X509_VERIFY_PARAM_set1_host(param, name.constData(), size_t(name.size())) == 1;
    if (!set)
        throwTls(QStringLiteral("cannot check the name %1: %2")
                     .arg(policy.peerVerifyName(), openSslErrors()));
}

} // namespace

TlsStreamChannel::TlsStreamChannel(int fd, const TlsPolicy &policy, bool standardCompatible,
                                   std::chrono::milliseconds shutdownTimeout)
    : m_fd(fd), m_standardCompatible(standardCompatible), m_shutdownTimeout(shutdownTimeout)
{
    if (policy.error().isError())
        policy.error().throwException();
    m_context = SSL_CTX_new(TLS_client_method());
    if (!m_context)
        throwTls(openSslErrors());
    applyPolicy(m_context, policy);
    if (!standardCompatible)
        SSL_CTX_set_options(m_context, SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_mode(m_context,
                     SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);

    m_ssl = SSL_new(m_context);
    if (!m_ssl || SSL_set_fd(m_ssl, fd) != 1)
        throwTls(openSslErrors());
    applyNames(m_ssl, policy);
}

TlsStreamChannel::~TlsStreamChannel()
{
    SSL_free(m_ssl);
    SSL_CTX_free(m_context);
}

void TlsStreamChannel::handshake(const BlockingSocket &socket, QDeadlineTimer deadline)
{
    for (;;) {
        ERR_clear_error();
        const int result = SSL_connect(m_ssl);
        if (result == 1)
            return;
        switch (SSL_get_error(m_ssl, result)) {
        case SSL_ERROR_WANT_READ: socket.waitOrThrow(POLLIN, deadline, "TLS handshake"); break;
        case SSL_ERROR_WANT_WRITE: socket.waitOrThrow(POLLOUT, deadline, "TLS handshake"); break;
        default: {
            // OpenSSL has sent the alert that tells the peer why.
            m_broken = true;
            const long verify = SSL_get_verify_result(m_ssl);
            if (verify != X509_V_OK)
                throwTls(QStringLiteral("TLS certificate rejected: ")
                         + QString::fromLatin1(X509_verify_cert_error_string(verify)));
            throwTls(QStringLiteral("TLS handshake failed: ") + openSslErrors());
        }
        }
    }
}

QByteArray TlsStreamChannel::nextNegotiatedProtocol() const
{
    const unsigned char *data = nullptr;
    unsigned size = 0;
    SSL_get0_alpn_selected(m_ssl, &data, &size);
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

StreamChannel::Status TlsStreamChannel::status(int result, const char *operation, Error &error)
{
    const QString what = QStringLiteral("TLS %1").arg(QLatin1StringView(operation));
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ: return Status::WantRead;
    case SSL_ERROR_WANT_WRITE: return Status::WantWrite;
    case SSL_ERROR_ZERO_RETURN:
        // The peer's close_notify: answer it (TLS 1.2 requires it at once); a
        // pending write of ours is retried by close().
        if (m_standardCompatible)
            SSL_shutdown(m_ssl);
        return Status::EndOfStream;
    case SSL_ERROR_SYSCALL:
        m_broken = true;
        error = Error::fromErrno(errno ? errno : ECONNRESET, what);
        return Status::Failed;
    default:
        m_broken = true;
        // Only in standard-compatible mode: otherwise SSL_OP_IGNORE_UNEXPECTED_EOF
        // turns it into SSL_ERROR_ZERO_RETURN.
        if (ERR_GET_REASON(ERR_peek_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
            ERR_clear_error();
            error = Error(
                ErrorCode::TlsError,
                QStringLiteral("the peer closed the connection without a TLS close_notify"));
            return Status::Failed;
        }
        error = Error(ErrorCode::TlsError,
                      QStringLiteral("%1 failed: %2").arg(what, openSslErrors()));
        return Status::Failed;
    }
}

StreamChannel::Status TlsStreamChannel::write(const char *data, qsizetype size, qsizetype &written,
                                              Error &error)
{
    const std::lock_guard lock(m_mutex);
    ERR_clear_error();
    size_t done = 0;
    const int result = SSL_write_ex(m_ssl, data, size_t(size), &done);
    if (result == 1) {
        written = qsizetype(done);
        return Status::Done;
    }
    return status(result, "write", error);
}

StreamChannel::Status TlsStreamChannel::read(char *data, qsizetype size, qsizetype &got,
                                             Error &error)
{
    const std::lock_guard lock(m_mutex);
    ERR_clear_error();
    size_t done = 0;
    const int result = SSL_read_ex(m_ssl, data, size_t(size), &done);
    if (result == 1) {
        got = qsizetype(done);
        return Status::Done;
    }
    return status(result, "read", error);
}

bool TlsStreamChannel::shutdownWrite(Error &error)
{
    error = Error(ErrorCode::OSError, QStringLiteral("sendEof() is not supported over TLS"),
                  EOPNOTSUPP);
    return false;
}

bool TlsStreamChannel::waitUntil(int reason, const QDeadlineTimer &deadline) const
{
    if ((reason != SSL_ERROR_WANT_WRITE && reason != SSL_ERROR_WANT_READ) || deadline.hasExpired())
        return false;
    pollfd fd {m_fd, short(reason == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
    ::poll(&fd, 1, int(qMin<qint64>(deadline.remainingTime(), INT_MAX)));
    return true;
}

void TlsStreamChannel::close()
{
    const QDeadlineTimer deadline(m_shutdownTimeout);
    const std::lock_guard lock(m_mutex);
    if (!m_standardCompatible || m_broken)
        return; // no closing handshake, or none possible after a fatal error
    // Our close_notify, then the peer's (the data before it is dropped), both
    // within the shutdown timeout.
    for (;;) {
        ERR_clear_error();
        const int result = SSL_shutdown(m_ssl);
        if (result == 1)
            return; // both sent and received
        if (result == 0)
            break; // ours is out
        const int reason = SSL_get_error(m_ssl, result);
        if (reason == SSL_ERROR_WANT_READ)
            break; // ours is out, OpenSSL went on reading
        if (!waitUntil(reason, deadline))
            return;
    }
    while (!(SSL_get_shutdown(m_ssl) & SSL_RECEIVED_SHUTDOWN)) {
        ERR_clear_error();
        char discarded[4096];
        size_t got = 0;
        const int result = SSL_read_ex(m_ssl, discarded, sizeof(discarded), &got);
        if (result == 1)
            continue;
        if (!waitUntil(SSL_get_error(m_ssl, result), deadline))
            return;
    }
}

} // namespace EasyNet
