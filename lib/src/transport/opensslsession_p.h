// OpenSslSession: one OpenSSL client connection (SSL_CTX and SSL) set up from a
// TlsPolicy, and what a failed SSL_* call means. Shared by both TLS paths: the
// blocking TlsStreamChannel puts it on the socket descriptor, the event-driven
// TlsEngine on memory BIOs over an FdSocketEngine (attach*()). Both read their errors,
// close_notify handling and certificate verdicts from here, so that they
// behave the same.
#pragma once

#include "transport/tlspolicy_p.h"

#include <EasyNet/errors.h>

#include <QtCore/QByteArray>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslCipher>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;
typedef struct bio_st BIO;

namespace EasyNet {

class OpenSslSession
{
public:
    // Applies every field of policy; error() says why when OpenSSL or the
    // policy refuses one (the session is then unusable). standardCompatible:
    // a peer's end of stream without close_notify is a TlsError, and a
    // received close_notify is answered; otherwise neither.
    OpenSslSession(const TlsPolicy &policy, bool standardCompatible);
    ~OpenSslSession();
    Q_DISABLE_COPY_MOVE(OpenSslSession)

    const Error &error() const { return m_error; }
    SSL *ssl() const { return m_ssl; }
    bool isStandardCompatible() const { return m_standardCompatible; }

    // Where the records go, set once (the SSL object owns the BIOs). The
    // descriptor of a connected socket, which OpenSSL reads with recv() and
    // writes with send(MSG_NOSIGNAL): no path may raise SIGPIPE. False when
    // OpenSSL cannot make the BIO.
    bool attachSocket(int fd);
    // Or memory BIOs, that the caller fills with what arrives and empties
    // into the socket (the caller's own I/O: MSG_NOSIGNAL as well).
    void attachMemory(BIO **incoming, BIO **outgoing);

    // One step of the client handshake (SSL_connect()): 1 once it is done,
    // else what outcome() tells.
    int connect();

    enum class Outcome {
        WantRead, // retry once the socket is readable
        WantWrite, // retry once the socket is writable
        CloseNotify, // the peer's close_notify: a clean end of stream
        Failed, // error is set; the session is broken
    };
    // What the failed SSL_* call operation ("handshake", "read", ...) with
    // result means. Clears OpenSSL's error queue. At CloseNotify in the
    // standard-compatible mode, the answering close_notify is produced.
    Outcome outcome(int result, const char *operation, Error &error);
    // A fatal error happened: no close_notify may be sent any more.
    bool isBroken() const { return m_broken; }
    void markBroken() { m_broken = true; }
    // Whether the peer's close_notify arrived.
    bool receivedCloseNotify() const;

    // The ALPN protocol the server chose; empty if none.
    QByteArray negotiatedProtocol() const;
    // What the handshake agreed (null / UnknownProtocol / empty before it):
    // the cipher, the protocol version, the server's certificate chain (the
    // server's own certificate first) as the server sent it.
    QSslCipher cipher() const;
    QSsl::SslProtocol protocol() const;
    QList<QSslCertificate> peerCertificateChain() const;

    // What the peer's end of stream without close_notify is, for both forms:
    // before the handshake finished a TlsError that says so; then a TlsError in the
    // standard-compatible mode, else (NoError) a clean end of stream.
    Error endOfStreamError() const;

    // The peer reset the connection (transportError): when the ciphertext
    // already received ends in the peer's alert, say a refused client
    // certificate that TLS 1.3 reports only after the client's handshake,
    // that alert is the reason, and a TlsError naming it is returned;
    // otherwise transportError. Consumes no application data (SSL_peek).
    // outcome() then reports that alert for every later call.
    Error peerAlertOr(const Error &transportError);

private:
    static Error openSslError(const QString &what);

    SSL_CTX *m_context = nullptr;
    SSL *m_ssl = nullptr;
    bool m_standardCompatible;
    // "TLS" or "DTLS", as the errors name the protocol.
    QLatin1StringView m_protocolName;
    // The alert peerAlertOr() found; the session is over.
    Error m_peerAlert;
    bool m_broken = false;
    // The handshake finished once. Not SSL_is_init_finished(): a fatal error
    // puts OpenSSL back "in init".
    bool m_connected = false;
    Error m_error;
};

} // namespace EasyNet
