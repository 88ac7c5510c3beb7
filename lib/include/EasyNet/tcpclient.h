// TcpClient: the event-driven TCP client, plain or TLS (the reference's
// AsyncTCPNetworkClient).
//
//   auto protocol = StreamProtocol(std::make_shared<JsonSerializer>());
//   auto *client = new TcpClient(QStringLiteral("example.org"), 9000, protocol, this);
//   connect(client, &TcpClient::packetReceived, this, &Handler::onPacket);
//   client->sendPacket(QVariantMap{{"hello", "world"}});  // after connected()
//
// Connecting starts when the event loop next runs (or at waitConnected()), so
// set the options below right after construction. The host name is resolved and
// every address is tried with Happy Eyeballs (RFC 8305): IPv6 and IPv4 addresses
// interleaved, a new attempt every happyEyeballsDelay while earlier ones are still
// pending, the first to succeed wins and the others are cancelled.
//
// TLS: setSsl(true) uses the system CAs with peer verification and the host name
// checked (or give a QSslConfiguration). Certificate and host name errors are
// connection errors (ErrorCode::TlsError) that say why; nothing is accepted
// silently. setServerHostname() overrides the name checked; an empty name turns
// host name matching off (logged as a warning; the chain is still verified).
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/sockethandle.h>
#include <EasyNet/streamprotocol.h>

#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslConfiguration>

#include <chrono>

namespace EasyNet {

class TcpClientPrivate;

class EASYNET_EXPORT TcpClient : public AbstractClient
{
    Q_OBJECT
    Q_PROPERTY(QString host READ host CONSTANT)
    Q_PROPERTY(quint16 port READ port CONSTANT)

public:
    static constexpr std::chrono::milliseconds DefaultHappyEyeballsDelay{250};
    static constexpr std::chrono::milliseconds DefaultSslHandshakeTimeout{60000};
    static constexpr std::chrono::milliseconds DefaultSslShutdownTimeout{30000};
    static constexpr qsizetype DefaultMaxRecvSize = 16 * 1024;

    TcpClient(const QString &host, quint16 port, const StreamProtocol &protocol,
              QObject *parent = nullptr);
    // Connects to one of these addresses (Happy Eyeballs over the list as given,
    // no name resolution). TLS then needs setServerHostname().
    TcpClient(const QList<QHostAddress> &addresses, quint16 port, const StreamProtocol &protocol,
              QObject *parent = nullptr);
    // Adopts an already connected TCP socket (the client then owns and closes it).
    TcpClient(qintptr socketDescriptor, const StreamProtocol &protocol, QObject *parent = nullptr);
    ~TcpClient() override;

    QString host() const;
    quint16 port() const;

    // Options: set before connecting starts.
    void setLocalAddress(const QHostAddress &address, quint16 port = 0);
    void setHappyEyeballsDelay(std::chrono::milliseconds delay);
    void setMaxRecvSize(qsizetype bytes);       // bytes read per socket read
    void setMaxPacketSize(qsizetype bytes);     // the stream decoder's limit
    void setSsl(bool enabled);                  // default TLS configuration
    void setSslConfiguration(const QSslConfiguration &configuration); // implies TLS
    void setServerHostname(const QString &name);
    void setSslHandshakeTimeout(std::chrono::milliseconds timeout);
    void setSslShutdownTimeout(std::chrono::milliseconds timeout);
    // Off: close without the TLS closing handshake, and accept a peer that
    // does the same.
    void setSslStandardCompatible(bool compatible);

    bool isSsl() const;
    qsizetype maxRecvSize() const;

    // Closes the write side once queued data is flushed (TCP half-close); the
    // peer sees end of stream, receiving goes on. Idempotent. Not available
    // with TLS (fails with an OSError, as TLS has no half-close).
    QFuture<void> sendEof();

    // Valid once connected.
    QHostAddress localAddress() const;
    quint16 localPort() const;
    QHostAddress peerAddress() const;
    quint16 peerPort() const;
    // Socket options (TCP_NODELAY is on by default) and the descriptor.
    SocketHandle socket() const;

private:
    Q_DECLARE_PRIVATE(TcpClient)
    Q_DISABLE_COPY_MOVE(TcpClient)
};

} // namespace EasyNet
