// TlsObserver: one TLS connection served by OpenSSL in a thread of its own,
// which records what the client sent (SNI, ALPN, version, cipher, client
// certificate, alerts, close_notify) and closes the way the test asks; for the
// TLS contract of both client forms.
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include "testsupport.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace EasyNetTest {

// The queued OpenSSL errors as text, for the test's log.
inline QString openSslErrors()
{
    BIO *bio = BIO_new(BIO_s_mem());
    ERR_print_errors(bio);
    char text[4096];
    const int size = BIO_read(bio, text, sizeof(text));
    BIO_free(bio);
    return size > 0 ? QString::fromLatin1(text, size) : QString();
}

// What the server does after the handshake.
enum class Then {
    Echo, // echo until the client closes; answer its close_notify
    SendCloseNotify, // echo one chunk, send close_notify, see whether the client answers
    CloseAbruptly, // echo one chunk, close the TCP connection without close_notify
    HoldCloseNotify, // echo until the client's close_notify, never answer it until released
};

struct ServerOptions
{
    const char *certificate = "server.pem";
    const char *key = "server.key";
    int maxVersion = 0; // 0: no limit
    QByteArray cipherList; // TLS 1.2 ciphers; empty: OpenSSL's
    QByteArray alpn; // the protocol chosen when the client offers it
    bool requireClientCertificate = false;
    const char *clientCa = "client-ca.pem"; // the client certificate's trust anchor
    Then then = Then::Echo;
};

struct Observed
{
    QString handshakeError; // empty: the handshake succeeded
    QByteArray sni;
    QByteArray alpn;
    QByteArray version;
    QByteArray cipher;
    QString clientCertificate; // its subject
    bool closeNotifyReceived = false;
    bool closeNotifyAnswered = false;
};

inline ServerOptions after(Then then)
{
    ServerOptions options;
    options.then = then;
    return options;
}

inline int selectAlpn(SSL *, const unsigned char **out, unsigned char *outlen,
                      const unsigned char *in, unsigned inlen, void *arg)
{
    const auto *wanted = static_cast<const QByteArray *>(arg);
    for (unsigned i = 0; i < inlen; i += in[i] + 1u) {
        if (QByteArray(reinterpret_cast<const char *>(in + i + 1), in[i]) == *wanted) {
            *out = in + i + 1;
            *outlen = in[i];
            return SSL_TLSEXT_ERR_OK;
        }
    }
    return SSL_TLSEXT_ERR_NOACK;
}

// One TLS connection served by OpenSSL in a thread; observed() waits for it.
class TlsObserver
{
public:
    explicit TlsObserver(ServerOptions options) : m_options(std::move(options))
    {
        m_listener = boundLoopbackSocket(SOCK_STREAM, m_port);
        ::listen(m_listener, 1);
        m_thread = std::thread([this] { serve(); });
    }
    ~TlsObserver()
    {
        release();
        stopListening();
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_listener);
    }
    quint16 port() const { return m_port; }
    Observed observed()
    {
        if (m_thread.joinable())
            m_thread.join();
        return m_observed;
    }
    // No connection is accepted any more (one that was accepted is served).
    void stopListening() { ::shutdown(m_listener, SHUT_RDWR); }
    // Ends Then::HoldCloseNotify.
    void release()
    {
        const std::lock_guard lock(m_mutex);
        m_released = true;
        m_changed.notify_all();
    }

private:
    void serve()
    {
        // OpenSSL writes with write(): a client gone first must give EPIPE, not
        // kill the test; a blocked SIGPIPE is dropped when this thread ends.
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
        pollfd pending {m_listener, POLLIN, 0};
        if (::poll(&pending, 1, 10000) != 1)
            return;
        const int fd = ::accept(m_listener, nullptr, nullptr);
        if (fd < 0)
            return; // stopListening()
        const timeval timeout {10, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
        SSL_CTX *context = SSL_CTX_new(TLS_server_method());
        SSL_CTX_use_certificate_chain_file(context, qPrintable(tlsFile(m_options.certificate)));
        SSL_CTX_use_PrivateKey_file(context, qPrintable(tlsFile(m_options.key)), SSL_FILETYPE_PEM);
        if (m_options.maxVersion)
            SSL_CTX_set_max_proto_version(context, m_options.maxVersion);
        if (!m_options.cipherList.isEmpty())
            SSL_CTX_set_cipher_list(context, m_options.cipherList.constData());
        if (!m_options.alpn.isEmpty())
            SSL_CTX_set_alpn_select_cb(context, selectAlpn, &m_options.alpn);
        if (m_options.requireClientCertificate) {
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
            SSL_CTX_load_verify_locations(context, qPrintable(tlsFile(m_options.clientCa)),
                                          nullptr);
        }
        SSL *ssl = SSL_new(context);
        SSL_set_fd(ssl, fd);
        ERR_clear_error();
        const bool accepted = SSL_accept(ssl) == 1;
        if (const char *name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name))
            m_observed.sni = name;
        if (!accepted) {
            m_observed.handshakeError = openSslErrors();
            if (m_observed.handshakeError.isEmpty())
                m_observed.handshakeError = QStringLiteral("handshake failed");
        } else {
            record(ssl);
            afterHandshake(ssl, fd);
        }
        SSL_free(ssl);
        SSL_CTX_free(context);
        ::close(fd);
    }

    void record(SSL *ssl)
    {
        const unsigned char *alpn = nullptr;
        unsigned alpnSize = 0;
        SSL_get0_alpn_selected(ssl, &alpn, &alpnSize);
        m_observed.alpn = QByteArray(reinterpret_cast<const char *>(alpn), qsizetype(alpnSize));
        m_observed.version = SSL_get_version(ssl);
        m_observed.cipher = SSL_CIPHER_get_name(SSL_get_current_cipher(ssl));
        if (X509 *peer = SSL_get1_peer_certificate(ssl)) {
            char subject[256];
            X509_NAME_oneline(X509_get_subject_name(peer), subject, sizeof(subject));
            m_observed.clientCertificate = QString::fromLatin1(subject);
            X509_free(peer);
        }
    }

    // Echoes what arrives; returns after one chunk when once is set. False at
    // the end of the connection (close_notify noted).
    bool echo(SSL *ssl, bool once)
    {
        char buffer[4096];
        for (;;) {
            size_t got = 0;
            const int result = SSL_read_ex(ssl, buffer, sizeof(buffer), &got);
            if (result != 1) {
                m_observed.closeNotifyReceived
                    = SSL_get_error(ssl, result) == SSL_ERROR_ZERO_RETURN;
                return false;
            }
            size_t written = 0;
            SSL_write_ex(ssl, buffer, got, &written);
            if (once)
                return true;
        }
    }

    void afterHandshake(SSL *ssl, int fd)
    {
        switch (m_options.then) {
        case Then::Echo:
            echo(ssl, false);
            if (m_observed.closeNotifyReceived)
                SSL_shutdown(ssl);
            return;
        case Then::SendCloseNotify:
            if (!echo(ssl, true))
                return;
            SSL_shutdown(ssl);
            echo(ssl, false); // what the client does next
            m_observed.closeNotifyAnswered = m_observed.closeNotifyReceived;
            return;
        case Then::CloseAbruptly:
            echo(ssl, true);
            ::shutdown(fd, SHUT_RDWR);
            return;
        case Then::HoldCloseNotify: {
            echo(ssl, false);
            std::unique_lock lock(m_mutex);
            m_changed.wait_for(lock, std::chrono::seconds(30), [this] { return m_released; });
            return;
        }
        }
    }

    ServerOptions m_options;
    Observed m_observed;
    int m_listener = -1;
    quint16 m_port = 0;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_released = false;
    std::thread m_thread;
};

} // namespace EasyNetTest
