// bench_echoserver: the peer of every benchmark, a plain threaded C++ program
// (no Qt, no EasyNet) in a process of its own, so the benchmarks measure the
// client and not the server's contention with it for the same event loop.
//
//   bench_echoserver tcp | udp                       on 127.0.0.1, an ephemeral port
//   bench_echoserver unix-stream PATH | unix-dgram PATH
//   bench_echoserver tls CERTIFICATE KEY             TCP + TLS (OpenSSL) on 127.0.0.1
//   bench_echoserver dtls CERTIFICATE KEY            UDP + DTLS 1.2 (OpenSSL) on 127.0.0.1
//   bench_echoserver flood-tcp COUNT LINE            each connection gets COUNT times
//                                                    LINE + "\n", then end of stream
//
// Prints one line, "ready <port>" (0 for Unix sockets), once it listens; exits
// when its standard input closes (the benchmark ended or died). Stream servers
// serve each connection in a thread of its own; datagram servers echo each
// datagram to its sender.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "dtlsechothread.h"

#include <openssl/ssl.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <thread>

namespace {

[[noreturn]] void fail(const char *what)
{
    std::perror(what);
    std::exit(2);
}

void sendAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0)
            return;
        data += n;
        size -= size_t(n);
    }
}

// A socket bound to 127.0.0.1 on an ephemeral port; port receives it.
int bindLoopback(int type, int &port)
{
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0)
        fail("bind");
    socklen_t length = sizeof(address);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    port = ntohs(address.sin_port);
    return fd;
}

int bindUnix(int type, const char *path)
{
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (std::strlen(path) >= sizeof(address.sun_path))
        fail("path too long");
    std::strcpy(address.sun_path, path);
    ::unlink(path);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0)
        fail("bind");
    return fd;
}

void echoStream(int fd)
{
    char buffer[65536];
    ssize_t n;
    while ((n = ::recv(fd, buffer, sizeof(buffer), 0)) > 0)
        sendAll(fd, buffer, size_t(n));
    ::close(fd);
}

void echoTls(SSL_CTX *context, int fd)
{
    SSL *ssl = SSL_new(context);
    SSL_set_fd(ssl, fd);
    if (SSL_accept(ssl) == 1) {
        char buffer[65536];
        int n;
        while ((n = SSL_read(ssl, buffer, sizeof(buffer))) > 0) {
            if (SSL_write(ssl, buffer, n) <= 0)
                break;
        }
        SSL_shutdown(ssl);
    }
    SSL_free(ssl);
    ::close(fd);
}

// Writes the flood, then waits for the client to close.
void flood(int fd, long count, const std::string &line)
{
    std::string batch;
    for (int i = 0; i < 64; ++i)
        batch += line;
    for (long sent = 0; sent < count; sent += 64) {
        if (count - sent < 64)
            batch.resize(size_t(count - sent) * line.size());
        sendAll(fd, batch.data(), batch.size());
    }
    ::shutdown(fd, SHUT_WR);
    echoStream(fd); // drains until the client closes
}

// Accepts forever; each connection is served by serve() in a thread of its own.
[[noreturn]] void acceptLoop(int listener, bool tcp, const std::function<void(int)> &serve)
{
    if (::listen(listener, 64) != 0)
        fail("listen");
    for (;;) {
        const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            fail("accept");
        if (tcp) {
            const int on = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
        }
        std::thread(serve, fd).detach();
    }
}

[[noreturn]] void echoDatagrams(int fd)
{
    char buffer[65536];
    for (;;) {
        sockaddr_storage peer {};
        socklen_t length = sizeof(peer);
        const ssize_t n = ::recvfrom(fd, buffer, sizeof(buffer), 0,
                                     reinterpret_cast<sockaddr *>(&peer), &length);
        if (n < 0)
            fail("recvfrom");
        ::sendto(fd, buffer, size_t(n), 0, reinterpret_cast<sockaddr *>(&peer), length);
    }
}

SSL_CTX *serverContext(const SSL_METHOD *method, const char *certificate, const char *key)
{
    SSL_CTX *context = SSL_CTX_new(method);
    if (SSL_CTX_use_certificate_chain_file(context, certificate) != 1
        || SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) != 1)
        fail("certificate or key");
    return context;
}

void announce(int port)
{
    std::printf("ready %d\n", port);
    std::fflush(stdout);
    // The parent holds our standard input: when it closes, we are done.
    std::thread([] {
        char c;
        while (::read(0, &c, 1) > 0) { }
        std::_Exit(0);
    }).detach();
}

int usage()
{
    std::fprintf(stderr,
                 "usage: bench_echoserver tcp | udp | unix-stream PATH | unix-dgram PATH | "
                 "tls CERTIFICATE KEY | dtls CERTIFICATE KEY | flood-tcp COUNT LINE\n");
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const std::string mode = argv[1];
    int port = 0;
    if (mode == "tcp" || mode == "flood-tcp" || mode == "tls") {
        const int listener = bindLoopback(SOCK_STREAM, port);
        std::function<void(int)> serve = echoStream;
        if (mode == "flood-tcp") {
            if (argc != 4)
                return usage();
            const long count = std::atol(argv[2]);
            const std::string line = std::string(argv[3]) + '\n';
            serve = [count, line](int fd) { flood(fd, count, line); };
        } else if (mode == "tls") {
            if (argc != 4)
                return usage();
            SSL_CTX *context = serverContext(TLS_server_method(), argv[2], argv[3]);
            serve = [context](int fd) { echoTls(context, fd); };
        }
        announce(port);
        acceptLoop(listener, true, serve);
    }
    if (mode == "udp") {
        const int fd = bindLoopback(SOCK_DGRAM, port);
        announce(port);
        echoDatagrams(fd);
    }
    if (mode == "dtls") {
        if (argc != 4)
            return usage();
        const EasyNetTest::DtlsEchoThread server(argv[2], argv[3]);
        if (!server.ok()) {
            std::fprintf(stderr, "%s\n", server.error().c_str());
            return 2;
        }
        announce(server.port());
        for (;;)
            ::pause(); // until announce()'s thread sees standard input close
    }
    if (argc != 3)
        return usage();
    if (mode == "unix-stream") {
        const int listener = bindUnix(SOCK_STREAM, argv[2]);
        announce(0);
        acceptLoop(listener, false, echoStream);
    }
    if (mode == "unix-dgram") {
        const int fd = bindUnix(SOCK_DGRAM, argv[2]);
        announce(0);
        echoDatagrams(fd);
    }
    return usage();
}
