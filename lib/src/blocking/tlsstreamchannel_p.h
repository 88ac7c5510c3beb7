// TlsStreamChannel: TLS over a connected non-blocking socket with OpenSSL, for
// the blocking TCP client. One SSL object is shared by the sending and the
// receiving thread, so every SSL_* call runs under a mutex; the waits between
// calls (poll) do not hold it.
#pragma once

#include "streamchannel_p.h"

#include <QtCore/QDeadlineTimer>
#include <QtNetwork/QSslConfiguration>

#include <chrono>
#include <memory>
#include <mutex>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace EasyNet {

class BlockingSocket;

class TlsStreamChannel final : public StreamChannel
{
public:
    // verifyName: the name the certificate must carry; empty: no name check.
    TlsStreamChannel(int fd, const QSslConfiguration &configuration, const QString &verifyName,
                     bool standardCompatible, std::chrono::milliseconds shutdownTimeout);
    ~TlsStreamChannel() override;

    // The client handshake; throws TlsError / TimeoutError / ClientClosedError.
    void handshake(const BlockingSocket &socket, QDeadlineTimer deadline);

    Status write(const char *data, qsizetype size, qsizetype &written, Error &error) override;
    Status read(char *data, qsizetype size, qsizetype &got, Error &error) override;
    bool shutdownWrite(Error &error) override;
    void close() override;

private:
    Status status(int result, const char *operation, Error &error);

    int m_fd;
    SSL_CTX *m_context = nullptr;
    SSL *m_ssl = nullptr;
    bool m_standardCompatible;
    std::chrono::milliseconds m_shutdownTimeout;
    std::mutex m_mutex;
};

} // namespace EasyNet
