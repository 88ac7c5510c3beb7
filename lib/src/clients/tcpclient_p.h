// TcpClientPrivate: connecting (a HappyEyeballsConnector to the target or its
// proxy, or an adopted descriptor), then the data path on one SocketEngine:
// plain TCP on the same
// FdSocketEngine as the Unix clients (so that a peer's FIN leaves the client
// half-open and a reset is seen as ECONNRESET, which QTcpSocket cannot do),
// TLS as a TlsEngine over it (the same OpenSSL session as the blocking
// client, which QSslSocket is not: it cannot send the alert of a rejected
// certificate nor wait for the peer's close_notify), and a ProxyTunnelEngine
// between the two when a proxy is on the route. createEngine() is the one
// place that knows which engines there are.
#pragma once

#include "abstractclient_p.h"
#include "endpoint/streamendpoint_p.h"
#include "transport/happyeyeballsconnector_p.h"
#include "transport/socketengine_p.h"
#include "transport/tcpsocketoptions_p.h"
#include "writeshutdown_p.h"

#include <EasyNet/tcpclient.h>

#include <memory>
#include <optional>

namespace EasyNet {

class TcpClientPrivate final : public AbstractClientPrivate,
                               public SocketEngineReceiver,
                               public HappyEyeballsConnectorReceiver
{
public:
    TcpClientPrivate();
    ~TcpClientPrivate() override;

    // ---- AbstractClientPrivate ----
    Error checkReadyToOpen() const override;
    std::optional<Error> checkCanSend() const override;
    void startConnecting() override;
    QByteArray serializePacket(const QVariant &packet) override;
    void appendPacket(const QVariant &packet, QByteArray &out) override;
    bool writeBytes(const QByteArray &bytes, const SocketAncillary *ancillary,
                    Error &error) override;
    ReadResult readPacket(QVariant &packet, Error &error, const ReadRequest &request) override;
    qsizetype takeDecodedPackets(QVariantList &packets, qsizetype max) override
    {
        return endpoint->takeDecodedPackets(packets, max);
    }
    void closeTransport() override;
    void abortTransport() override;
    qintptr descriptor() const override;

    // ---- SocketEngineReceiver ----
    void connectedNotification() override;
    void readNotification() override { transportReadable(); }
    void bytesWrittenNotification(qint64 bytes) override { transportBytesWritten(bytes); }
    void flushedNotification() override { writeShutdown.shutdownIfFlushed(); }
    void failedNotification(const Error &error) override { transportFailed(error); }
    void closedNotification() override { transportClosed(); }

    // ---- HappyEyeballsConnectorReceiver ----
    void tcpConnectedNotification(int fd) override;
    void tcpConnectFailedNotification(const Error &error) override;

    std::unique_ptr<SocketEngine> createEngine() const;
    // Sets one of the socket options once TcpSocketOptions accepts the result.
    template<typename T>
    bool setSocketOption(T TcpOptions::*field, T value)
    {
        TcpOptions changed = options;
        changed.*field = value;
        const QString problem = TcpSocketOptions::problem(changed);
        return checkArgument(problem.isEmpty(), problem) && setOption(options.*field, value);
    }
    // What the handshake agreed, on a TLS connection.
    const OpenSslSession *tlsSession() const { return engine ? engine->tlsSession() : nullptr; }

    // options
    QString host;
    quint16 port = 0;
    QList<QHostAddress> addresses;
    qintptr adoptedDescriptor = -1;
    StreamProtocol protocol;
    TcpOptions options;

    QNetworkProxy route; // the proxy in use (NoProxy: direct), resolved on open()
    std::optional<HappyEyeballsConnector> connector; // while connecting
    std::unique_ptr<SocketEngine> engine; // from open() on
    std::optional<StreamEndpoint> endpoint;
    WriteShutdown writeShutdown {*this};
};

} // namespace EasyNet
