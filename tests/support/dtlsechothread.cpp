#include "dtlsechothread.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>

#include <cerrno>
#include <cstring>

namespace EasyNetTest {

DtlsEchoThread::DtlsEchoThread(const char *certificateFile, const char *keyFile)
{
    m_context = SSL_CTX_new(DTLS_server_method());
    if (!m_context || SSL_CTX_use_certificate_chain_file(m_context, certificateFile) != 1
        || SSL_CTX_use_PrivateKey_file(m_context, keyFile, SSL_FILETYPE_PEM) != 1) {
        m_error = std::string("certificate or key: ") + ERR_error_string(ERR_get_error(), nullptr);
        return;
    }
    m_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0
        || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0
        || ::pipe2(m_stop, O_CLOEXEC) != 0) {
        m_error = std::string("socket: ") + std::strerror(errno);
        return;
    }
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { run(); });
}

DtlsEchoThread::~DtlsEchoThread()
{
    if (m_thread.joinable()) {
        const char stop = 0;
        (void)!::write(m_stop[1], &stop, 1);
        m_thread.join();
    }
    for (auto &[peer, ssl] : m_sessions)
        SSL_free(ssl);
    for (const int fd : {m_fd, m_stop[0], m_stop[1]})
        if (fd >= 0)
            ::close(fd);
    SSL_CTX_free(m_context);
}

void DtlsEchoThread::run()
{
    char buffer[65536];
    for (;;) {
        pollfd fds[] = {{m_fd, POLLIN, 0}, {m_stop[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0 && errno != EINTR)
            return;
        if (fds[1].revents != 0)
            return;
        if (fds[0].revents == 0)
            continue;
        sockaddr_storage peer {};
        socklen_t length = sizeof(peer);
        const ssize_t n = ::recvfrom(m_fd, buffer, sizeof(buffer), 0,
                                     reinterpret_cast<sockaddr *>(&peer), &length);
        if (n >= 0)
            serveDatagram(buffer, size_t(n), &peer, length);
    }
}

void DtlsEchoThread::serveDatagram(const char *data, size_t size, const void *peer,
                                   unsigned peerLength)
{
    const std::string key(static_cast<const char *>(peer), peerLength);
    auto found = m_sessions.find(key);
    if (found == m_sessions.end()) {
        SSL *ssl = SSL_new(m_context);
        SSL_set_bio(ssl, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
        SSL_set_options(ssl, SSL_OP_NO_QUERY_MTU);
        DTLS_set_link_mtu(ssl, 1500);
        SSL_set_accept_state(ssl);
        found = m_sessions.emplace(key, ssl).first;
    }
    SSL *ssl = found->second;
    BIO_write(SSL_get_rbio(ssl), data, int(size));
    char plaintext[16384]; // a DTLS record holds at most 2^14 bytes
    int got;
    while ((got = SSL_read(ssl, plaintext, sizeof(plaintext))) > 0)
        SSL_write(ssl, plaintext, got);
    const int reason = SSL_get_error(ssl, got);
    const bool ended = reason != SSL_ERROR_WANT_READ && reason != SSL_ERROR_WANT_WRITE;
    if (ended)
        SSL_shutdown(ssl);
    BIO *out = SSL_get_wbio(ssl);
    char reply[65536];
    while (BIO_ctrl_pending(out) > 0) {
        const int n = BIO_read(out, reply, sizeof(reply));
        ::sendto(m_fd, reply, size_t(n), 0, static_cast<const sockaddr *>(peer), peerLength);
    }
    ERR_clear_error();
    if (ended) {
        SSL_free(ssl);
        m_sessions.erase(found);
    }
}

} // namespace EasyNetTest
