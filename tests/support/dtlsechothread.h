// DtlsEchoThread: a DTLS 1.2 echo server (OpenSSL, no Qt, no EasyNet) on
// 127.0.0.1 in a thread of its own, for tests that must not share the
// client's thread with its peer, and for bench_echoserver's "dtls" mode.
// One session per client address, on memory BIOs fed one datagram at a time;
// each record is echoed, and what OpenSSL writes for one datagram (a
// handshake flight, the echoed records) goes back as one datagram. A session
// ends with the client's close_notify or a fatal alert, and is left behind
// when the client vanishes. The thread stops with the object.
#pragma once

#include <openssl/ssl.h>

#include <map>
#include <string>
#include <thread>

namespace EasyNetTest {

class DtlsEchoThread
{
public:
    // Listens with the PEM certificate chain and key files; ok() tells.
    DtlsEchoThread(const char *certificateFile, const char *keyFile);
    ~DtlsEchoThread();
    DtlsEchoThread(const DtlsEchoThread &) = delete;
    DtlsEchoThread &operator=(const DtlsEchoThread &) = delete;

    // Whether it listens; else why not (an OpenSSL or socket error).
    bool ok() const { return m_error.empty(); }
    const std::string &error() const { return m_error; }
    int port() const { return m_port; }

private:
    void run();
    void serveDatagram(const char *data, size_t size, const void *peer, unsigned peerLength);

    SSL_CTX *m_context = nullptr;
    int m_fd = -1;
    int m_stop[2] = {-1, -1}; // a pipe: the destructor writes, run() returns
    int m_port = 0;
    std::string m_error;
    std::map<std::string, SSL *> m_sessions; // by the peer's sockaddr bytes
    std::thread m_thread;
};

} // namespace EasyNetTest
