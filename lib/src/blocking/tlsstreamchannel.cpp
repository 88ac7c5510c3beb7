#include "tlsstreamchannel_p.h"

#include "blockingsocket_p.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QLoggingCategory>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <poll.h>

#include <cerrno>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcBlockingTls, "easynet.tls", QtWarningMsg)

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

} // namespace

TlsStreamChannel::TlsStreamChannel(int fd, const QSslConfiguration &configuration,
                                   const QString &verifyName, bool standardCompatible,
                                   std::chrono::milliseconds shutdownTimeout)
    : m_fd(fd), m_standardCompatible(standardCompatible), m_shutdownTimeout(shutdownTimeout)
{
    m_context = SSL_CTX_new(TLS_client_method());
    if (!m_context)
        throwTls(openSslErrors());
    SSL_CTX_set_min_proto_version(m_context, TLS1_2_VERSION);
    SSL_CTX_set_verify(m_context, SSL_VERIFY_PEER, nullptr);
    const QList<QSslCertificate> authorities = configuration.caCertificates();
    if (authorities.isEmpty()) {
        SSL_CTX_set_default_verify_paths(m_context);
    } else {
        X509_STORE *store = SSL_CTX_get_cert_store(m_context);
        for (const QSslCertificate &authority : authorities) {
            if (X509 *x509 = toX509(authority)) {
                X509_STORE_add_cert(store, x509);
                X509_free(x509);
            }
        }
    }
    if (!configuration.localCertificate().isNull()) {
        X509 *x509 = toX509(configuration.localCertificate());
        const QByteArray key = configuration.privateKey().toPem();
        BIO *bio = BIO_new_mem_buf(key.constData(), int(key.size()));
        EVP_PKEY *pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
        BIO_free(bio);
        const bool ok = x509 && pkey && SSL_CTX_use_certificate(m_context, x509) == 1
            && SSL_CTX_use_PrivateKey(m_context, pkey) == 1;
        X509_free(x509);
        EVP_PKEY_free(pkey);
        if (!ok)
            throwTls(QStringLiteral("cannot use the local certificate: ") + openSslErrors());
    }
    if (!standardCompatible)
        SSL_CTX_set_options(m_context, SSL_OP_IGNORE_UNEXPECTED_EOF);
    SSL_CTX_set_mode(m_context, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);

    m_ssl = SSL_new(m_context);
    if (!m_ssl || SSL_set_fd(m_ssl, fd) != 1)
        throwTls(openSslErrors());
    if (verifyName.isEmpty()) {
        qCWarning(lcBlockingTls) << "TLS host name matching is disabled (empty server host name)";
    } else {
        const QByteArray name = verifyName.toUtf8();
        // The OpenSSL macro casts old-style.
        QT_WARNING_PUSH
        QT_WARNING_DISABLE_GCC("-Wold-style-cast")
        SSL_set_tlsext_host_name(m_ssl, name.constData());
        QT_WARNING_POP
        X509_VERIFY_PARAM *param = SSL_get0_param(m_ssl);
        X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        // set1_ip_asc for an address, set1_host for a name
        if (X509_VERIFY_PARAM_set1_ip_asc(param, name.constData()) != 1)
            X509_VERIFY_PARAM_set1_host(param, name.constData(), size_t(name.size()));
        ERR_clear_error();
    }
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
        case SSL_ERROR_WANT_READ:
            socket.waitOrThrow(POLLIN, deadline, "TLS handshake");
            break;
        case SSL_ERROR_WANT_WRITE:
            socket.waitOrThrow(POLLOUT, deadline, "TLS handshake");
            break;
        default: {
            const long verify = SSL_get_verify_result(m_ssl);
            if (verify != X509_V_OK)
                throwTls(QStringLiteral("TLS certificate rejected: ")
                         + QString::fromLatin1(X509_verify_cert_error_string(verify)));
            throwTls(QStringLiteral("TLS handshake failed: ") + openSslErrors());
        }
        }
    }
}

StreamChannel::Status TlsStreamChannel::status(int result, const char *operation, Error &error)
{
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ:
        return Status::WantRead;
    case SSL_ERROR_WANT_WRITE:
        return Status::WantWrite;
    case SSL_ERROR_ZERO_RETURN:
        return Status::EndOfStream;
    case SSL_ERROR_SYSCALL:
        if (errno == 0 || errno == EPIPE || errno == ECONNRESET) {
            error = Error::fromErrno(errno ? errno : ECONNRESET,
                                     QStringLiteral("TLS %1").arg(QLatin1StringView(operation)));
            if (errno == 0)
                error = Error(ErrorCode::ConnectionAborted,
                              QStringLiteral("the peer closed the connection without a TLS "
                                             "close_notify"));
            return Status::Failed;
        }
        error = Error::fromErrno(errno, QStringLiteral("TLS %1").arg(QLatin1StringView(operation)));
        return Status::Failed;
    default:
        error = Error(ErrorCode::TlsError, QStringLiteral("TLS %1 failed: %2")
                                               .arg(QLatin1StringView(operation), openSslErrors()));
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

StreamChannel::Status TlsStreamChannel::read(char *data, qsizetype size, qsizetype &got, Error &error)
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

void TlsStreamChannel::close()
{
    if (!m_standardCompatible)
        return; // no closing handshake
    const QDeadlineTimer deadline(m_shutdownTimeout);
    const std::lock_guard lock(m_mutex);
    // Send our close_notify; waiting for the peer's is not needed to close.
    for (;;) {
        ERR_clear_error();
        const int result = SSL_shutdown(m_ssl);
        if (result >= 0)
            return;
        const int reason = SSL_get_error(m_ssl, result);
        if ((reason != SSL_ERROR_WANT_WRITE && reason != SSL_ERROR_WANT_READ) || deadline.hasExpired())
            return;
        pollfd fd{m_fd, short(reason == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
        ::poll(&fd, 1, int(qMin<qint64>(deadline.remainingTime(), 100)));
    }
}

} // namespace EasyNet
