#include "transport/opensslsession_p.h"

#include <QtCore/QLoggingCategory>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <sys/socket.h>

#include <cerrno>
#include <cstdint>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcTls, "easynet.tls", QtWarningMsg)

namespace {

// OpenSSL's error queue as text (and empties it).
QString takeOpenSslErrors()
{
    QStringList reasons;
    while (const unsigned long code = ERR_get_error()) {
        char text[256];
        ERR_error_string_n(code, text, sizeof(text));
        reasons.append(QString::fromLatin1(text));
    }
    return reasons.isEmpty() ? QStringLiteral("unknown TLS error") : reasons.join(u"; ");
}

X509 *toX509(const QSslCertificate &certificate)
{
    const QByteArray der = certificate.toDer();
    const auto *data = reinterpret_cast<const unsigned char *>(der.constData());
    return d2i_X509(nullptr, &data, long(der.size()));
}

int openSslVersion(TlsPolicy::Version version, bool datagram)
{
    if (datagram) // DTLS 1.2 is the only one (TlsPolicy)
        return DTLS1_2_VERSION;
    switch (version) {
    case TlsPolicy::Version::Unbounded: return 0; // OpenSSL: no limit
    case TlsPolicy::Version::Tls1_0: return TLS1_VERSION;
    case TlsPolicy::Version::Tls1_1: return TLS1_1_VERSION;
    case TlsPolicy::Version::Tls1_2: return TLS1_2_VERSION;
    case TlsPolicy::Version::Tls1_3: return TLS1_3_VERSION;
    }
    return 0;
}

// Each apply*() returns the reason it failed, or an empty string.
QString applyIdentity(SSL_CTX *context, const TlsPolicy &policy)
{
    if (policy.localCertificate().isNull())
        return {};
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
    return ok ? QString()
              : QStringLiteral("cannot use the local certificate: ") + takeOpenSslErrors();
}

QString applyPolicy(SSL_CTX *context, const TlsPolicy &policy)
{
    const bool datagram = policy.isDatagram();
    if (SSL_CTX_set_min_proto_version(context, openSslVersion(policy.minimumVersion(), datagram))
            != 1
        || SSL_CTX_set_max_proto_version(context, openSslVersion(policy.maximumVersion(), datagram))
            != 1)
        return QStringLiteral("cannot set the TLS protocol range: ") + takeOpenSslErrors();
    if (!policy.cipherList().isEmpty()
        && SSL_CTX_set_cipher_list(context, policy.cipherList().constData()) != 1)
        return QStringLiteral("none of the configured ciphers is usable: ") + takeOpenSslErrors();
    if (!datagram && !policy.cipherSuites().isEmpty()
        && SSL_CTX_set_ciphersuites(context, policy.cipherSuites().constData()) != 1)
        return QStringLiteral("none of the configured TLS 1.3 ciphers is usable: ")
            + takeOpenSslErrors();
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
    if (QString refused = applyIdentity(context, policy); !refused.isEmpty())
        return refused;
    const QByteArray &alpn = policy.alpnWireFormat();
    // SSL_CTX_set_alpn_protos() returns 0 on success.
    if (!alpn.isEmpty()
        && SSL_CTX_set_alpn_protos(context,
                                   reinterpret_cast<const unsigned char *>(alpn.constData()),
                                   unsigned(alpn.size()))
            != 0)
        return QStringLiteral("cannot set the ALPN protocols: ") + takeOpenSslErrors();
    return {};
}

// The name checks and SNI of the policy, applied to a connection.
QString applyNames(SSL *ssl, const TlsPolicy &policy)
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
        return {};
    const QByteArray name = policy.peerVerifyName().toUtf8();
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    const bool set = TlsPolicy::isIpAddress(policy.peerVerifyName())
        ? X509_VERIFY_PARAM_set1_ip_asc(param, name.constData()) == 1
        : X509_VERIFY_PARAM_set1_host(param, name.constData(), size_t(name.size())) == 1;
    return set ? QString()
               : QStringLiteral("cannot check the name %1: %2")
                     .arg(policy.peerVerifyName(), takeOpenSslErrors());
}

// A socket BIO that cannot raise SIGPIPE: OpenSSL's BIO_s_socket() writes
// with write(), which kills the process when the peer has reset the connection.
int descriptorOf(BIO *bio)
{
    return int(reinterpret_cast<std::intptr_t>(BIO_get_data(bio)));
}

bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK || error == EINTR;
}

int socketWrite(BIO *bio, const char *data, int size)
{
    BIO_clear_retry_flags(bio);
    const ssize_t sent = ::send(descriptorOf(bio), data, size_t(size), MSG_NOSIGNAL);
    if (sent < 0 && wouldBlock(errno))
        BIO_set_retry_write(bio);
    return int(sent);
}

int socketRead(BIO *bio, char *data, int size)
{
    BIO_clear_retry_flags(bio);
    const ssize_t got = ::recv(descriptorOf(bio), data, size_t(size), 0);
    if (got == 0)
        BIO_set_flags(bio, BIO_FLAGS_IN_EOF); // what tells OpenSSL an end of stream
    else if (got < 0 && wouldBlock(errno))
        BIO_set_retry_read(bio);
    return int(got);
}

long socketControl(BIO *bio, int command, long, void *)
{
    switch (command) {
    case BIO_CTRL_FLUSH: return 1; // nothing is buffered
    case BIO_CTRL_EOF: return BIO_test_flags(bio, BIO_FLAGS_IN_EOF) != 0;
    default: return 0;
    }
}

const BIO_METHOD *socketMethod()
{
    static BIO_METHOD *const method = [] {
        BIO_METHOD *created = BIO_meth_new(
            BIO_get_new_index() | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR, "EasyNet socket");
        BIO_meth_set_write(created, socketWrite);
        BIO_meth_set_read(created, socketRead);
        BIO_meth_set_ctrl(created, socketControl);
        return created;
    }();
    return method;
}

} // namespace

OpenSslSession::OpenSslSession(const TlsPolicy &policy, bool standardCompatible)
    : m_standardCompatible(standardCompatible)
    , m_protocolName(policy.isDatagram() ? QLatin1StringView("DTLS") : QLatin1StringView("TLS"))
{
    if (policy.error().isError()) {
        m_error = policy.error();
        return;
    }
    ERR_clear_error();
    m_context = SSL_CTX_new(policy.isDatagram() ? DTLS_client_method() : TLS_client_method());
    QString refused = m_context ? applyPolicy(m_context, policy) : takeOpenSslErrors();
    if (refused.isEmpty()) {
        if (!standardCompatible)
            SSL_CTX_set_options(m_context, SSL_OP_IGNORE_UNEXPECTED_EOF);
        SSL_CTX_set_mode(m_context,
                         SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        m_ssl = SSL_new(m_context);
        refused = m_ssl ? applyNames(m_ssl, policy) : takeOpenSslErrors();
    }
    if (!refused.isEmpty())
        m_error = Error::fromTls(refused);
    else if (policy.nameCheckDisabled())
        qCWarning(lcTls) << "TLS host name matching is disabled (empty server host name)";
}

OpenSslSession::~OpenSslSession()
{
    SSL_free(m_ssl);
    SSL_CTX_free(m_context);
}

bool OpenSslSession::attachSocket(int fd)
{
    BIO *bio = BIO_new(socketMethod());
    if (!bio)
        return false;
    BIO_set_data(bio, reinterpret_cast<void *>(std::intptr_t(fd)));
    BIO_set_init(bio, 1);
    SSL_set_bio(m_ssl, bio, bio); // one reference, taken by the SSL object
    return true;
}

void OpenSslSession::attachMemory(BIO **incoming, BIO **outgoing)
{
    *incoming = BIO_new(BIO_s_mem());
    *outgoing = BIO_new(BIO_s_mem());
    SSL_set_bio(m_ssl, *incoming, *outgoing);
}

int OpenSslSession::connect()
{
    ERR_clear_error();
    const int result = SSL_connect(m_ssl);
    m_connected = result == 1;
    return result;
}

Error OpenSslSession::openSslError(const QString &what)
{
    return Error::fromTls(QStringLiteral("%1 failed: %2").arg(what, takeOpenSslErrors()));
}

OpenSslSession::Outcome OpenSslSession::outcome(int result, const char *operation, Error &error)
{
    if (m_peerAlert.isError()) { // every later call fails for that reason
        ERR_clear_error();
        error = m_peerAlert;
        return Outcome::Failed;
    }
    const QString what = QStringLiteral("%1 %2").arg(m_protocolName, QLatin1StringView(operation));
    switch (SSL_get_error(m_ssl, result)) {
    case SSL_ERROR_WANT_READ: return Outcome::WantRead;
    case SSL_ERROR_WANT_WRITE: return Outcome::WantWrite;
    case SSL_ERROR_ZERO_RETURN:
        // The peer's close_notify: answer it (TLS 1.2 requires it at once).
        if (m_standardCompatible)
            SSL_shutdown(m_ssl);
        ERR_clear_error();
        return Outcome::CloseNotify;
    case SSL_ERROR_SYSCALL: {
        m_broken = true;
        const int reason = errno ? errno : ECONNRESET;
        ERR_clear_error();
        // A reset leaves what came before it readable, without blocking.
        error = reason == ECONNRESET ? peerAlertOr(Error::fromErrno(reason, what))
                                     : Error::fromErrno(reason, what);
        return Outcome::Failed;
    }
    default:
        m_broken = true;
        // Only in standard-compatible mode: otherwise SSL_OP_IGNORE_UNEXPECTED_EOF
        // turns it into SSL_ERROR_ZERO_RETURN.
        if (ERR_GET_REASON(ERR_peek_error()) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
            ERR_clear_error();
            error = endOfStreamError();
            return Outcome::Failed;
        }
        // OpenSSL has queued the alert that tells the peer why.
        if (const long verdict = SSL_get_verify_result(m_ssl);
            verdict != X509_V_OK && !SSL_is_init_finished(m_ssl)) {
            ERR_clear_error();
            error = Error::fromTls(
                QStringLiteral("%1 certificate rejected: %2")
                    .arg(m_protocolName,
                         QString::fromLatin1(X509_verify_cert_error_string(verdict))));
            return Outcome::Failed;
        }
        error = openSslError(what);
        return Outcome::Failed;
    }
}

bool OpenSslSession::receivedCloseNotify() const
{
    return SSL_get_shutdown(m_ssl) & SSL_RECEIVED_SHUTDOWN;
}

QByteArray OpenSslSession::negotiatedProtocol() const
{
    const unsigned char *data = nullptr;
    unsigned size = 0;
    SSL_get0_alpn_selected(m_ssl, &data, &size);
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

QSslCipher OpenSslSession::cipher() const
{
    const SSL_CIPHER *current = SSL_get_current_cipher(m_ssl);
    if (!current)
        return QSslCipher();
    const QString name = QString::fromLatin1(SSL_CIPHER_get_name(current));
    // Qt lists its ciphers under TLS versions: a DTLS 1.2 cipher is found by name.
    const QSslCipher cipher(name, protocol());
    return cipher.isNull() ? QSslCipher(name) : cipher;
}

QSsl::SslProtocol OpenSslSession::protocol() const
{
    if (!SSL_is_init_finished(m_ssl))
        return QSsl::UnknownProtocol;
    switch (SSL_version(m_ssl)) {
    case TLS1_2_VERSION: return QSsl::TlsV1_2;
    case TLS1_3_VERSION: return QSsl::TlsV1_3;
    case DTLS1_2_VERSION: return QSsl::DtlsV1_2;
    default: return QSsl::UnknownProtocol; // older versions are deprecated in Qt 6
    }
}

QList<QSslCertificate> OpenSslSession::peerCertificateChain() const
{
    QList<QSslCertificate> chain;
    STACK_OF(X509) *sent = SSL_get_peer_cert_chain(m_ssl); // a client's includes the server's own
    for (int i = 0; sent && i < sk_X509_num(sent); ++i) {
        unsigned char *der = nullptr;
        const int size = i2d_X509(sk_X509_value(sent, i), &der);
        if (size > 0)
            chain.append(
                QSslCertificate(QByteArray(reinterpret_cast<const char *>(der), size), QSsl::Der));
        OPENSSL_free(der);
    }
    return chain;
}

Error OpenSslSession::peerAlertOr(const Error &transportError)
{
    if (transportError.code() != ErrorCode::ConnectionReset)
        return transportError;
    ERR_clear_error();
    char first = 0;
    size_t got = 0;
    if (SSL_peek_ex(m_ssl, &first, 1, &got) != 1
        && ERR_GET_REASON(ERR_peek_error()) >= SSL_AD_REASON_OFFSET) {
        m_broken = true;
        m_peerAlert
            = openSslError(QStringLiteral("%1 connection (the peer's alert)").arg(m_protocolName));
        return m_peerAlert;
    }
    ERR_clear_error();
    return transportError;
}

Error OpenSslSession::endOfStreamError() const
{
    if (!m_connected)
        return Error::fromTls(
            QStringLiteral("the peer closed the connection during the %1 handshake")
                .arg(m_protocolName));
    if (!m_standardCompatible)
        return {};
    return Error::fromTls(QStringLiteral("the peer closed the connection without a %1 "
                                         "close_notify (truncation attack?)")
                              .arg(m_protocolName));
}

} // namespace EasyNet
