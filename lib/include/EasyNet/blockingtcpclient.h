// BlockingTcpClient: the blocking, thread-safe TCP client, plain or TLS (the
// reference's TCPNetworkClient). See AbstractBlockingClient for the threading
// and timeout rules. The constructor connects (resolving the host name and
// racing its addresses with Happy Eyeballs) and throws on failure.
//
//   BlockingTcpClient client(QStringLiteral("localhost"), 9000,
//                            StreamProtocol(std::make_shared<JsonSerializer>()));
//   client.sendPacket(QVariantMap{{QStringLiteral("ask"), 42}}, 1s);
//   const QVariant answer = client.recvPacket(5s);   // throws TimeoutError
//
// TLS goes through OpenSSL directly (no event loop, no helper thread): the CA
// certificates of the given QSslConfiguration (the system's when it has none),
// its local certificate and key if set, peer verification always on, the host
// name (or serverHostname) checked; an empty serverHostname turns the name check
// off (logged as a warning). A rejected certificate or host name throws OSError
// with ErrorCode::TlsError and the reason.
#pragma once

#include <EasyNet/abstractblockingclient.h>
#include <EasyNet/streamprotocol.h>

#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslConfiguration>

#include <chrono>
#include <optional>

namespace EasyNet {

struct BlockingTcpOptions
{
    std::optional<std::chrono::milliseconds> connectTimeout; // none: the OS's
    QHostAddress localAddress;                               // null: no bind
    quint16 localPort = 0;
    std::chrono::milliseconds happyEyeballsDelay{250};
    std::optional<QSslConfiguration> ssl; // set: TLS
    std::optional<QString> serverHostname;
    std::chrono::milliseconds sslHandshakeTimeout{60000};
    std::chrono::milliseconds sslShutdownTimeout{30000};
    bool sslStandardCompatible = true;
    qsizetype maxRecvSize = 16 * 1024;
    qsizetype maxPacketSize = 64 * 1024;
    std::optional<std::chrono::milliseconds> retryInterval; // none: forever
};

class EASYNET_EXPORT BlockingTcpClient : public AbstractBlockingClient
{
public:
    BlockingTcpClient(const QString &host, quint16 port, const StreamProtocol &protocol,
                      const BlockingTcpOptions &options = {});
    // Adopts an already connected TCP socket (the client then owns and closes it).
    BlockingTcpClient(qintptr socketDescriptor, const StreamProtocol &protocol,
                      const BlockingTcpOptions &options = {});
    ~BlockingTcpClient() override;

    // Closes the write side (TCP half-close); receiving goes on. Thread-safe,
    // idempotent, does nothing once closed. Throws OSError over TLS.
    void sendEof();

    QHostAddress localAddress() const;
    quint16 localPort() const;
    QHostAddress peerAddress() const;
    quint16 peerPort() const;
    bool isSsl() const;
};

} // namespace EasyNet
