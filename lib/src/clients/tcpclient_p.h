#pragma once

#include "abstractclient_p.h"

#include <EasyNet/tcpclient.h>

#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QSslError>

#include <optional>
#include <vector>

QT_FORWARD_DECLARE_CLASS(QTcpSocket)
QT_FORWARD_DECLARE_CLASS(QSslSocket)
QT_FORWARD_DECLARE_CLASS(QTimer)
QT_FORWARD_DECLARE_CLASS(QHostInfo)

namespace EasyNet {

class TcpClientPrivate final : public AbstractClientPrivate
{
public:
    TcpClientPrivate();
    ~TcpClientPrivate() override;

    Error checkReadyToOpen() const override;
    Error checkCanSend() const override;
    void startConnecting() override;
    QByteArray serializePacket(const QVariant &packet) override;
    bool writeBytes(const QByteArray &bytes, Error &error) override;
    ReadResult readPacket(QVariant &packet, Error &error) override;
    void closeTransport() override;
    void abortTransport() override;

    // Happy Eyeballs
    void onHostResolved(const QHostInfo &info);
    void startNextAttempt();
    void onAttemptConnected(QTcpSocket *attempt);
    void onAttemptFailed(QTcpSocket *attempt);
    void dropAttempts();

    void adoptConnectedSocket(QTcpSocket *socket);
    void onSocketError(QAbstractSocket::SocketError socketError);
    void onDisconnected();
    void onSslErrors(const QList<QSslError> &errors);
    void onBytesWritten(qint64 bytes);
    void shutdownWriteSideIfFlushed();
    QTcpSocket *newSocket();
    Error socketError(const QTcpSocket *socket, QAbstractSocket::SocketError socketError) const;

    // options
    QString host;
    quint16 port = 0;
    qintptr adoptedDescriptor = -1;
    QHostAddress bindAddress;
    quint16 bindPort = 0;
    std::chrono::milliseconds happyEyeballsDelay = TcpClient::DefaultHappyEyeballsDelay;
    std::chrono::milliseconds sslHandshakeTimeout = TcpClient::DefaultSslHandshakeTimeout;
    std::chrono::milliseconds sslShutdownTimeout = TcpClient::DefaultSslShutdownTimeout;
    qsizetype maxRecvSize = TcpClient::DefaultMaxRecvSize;
    qsizetype maxPacketSize = AbstractIncrementalPacketSerializer::DefaultMaxPacketSize;
    std::optional<QSslConfiguration> ssl;
    std::optional<QString> serverHostname;
    bool sslStandardCompatible = true;

    StreamProtocol protocol;
    std::optional<StreamReceiver> receiver;

    // connection
    QTcpSocket *socket = nullptr;
    std::vector<QTcpSocket *> attempts;
    QList<QHostAddress> addresses;
    qsizetype nextAddress = 0;
    Error firstAttemptError;
    QTimer *attemptTimer = nullptr;
    QTimer *tlsTimer = nullptr; // handshake, then shutdown timeout
    int lookupId = -1;
    bool peerClosed = false;
    Error peerError; // how the connection ended, when not a clean EOF
    bool eofRequested = false;
    bool eofSent = false;
    std::deque<QPromise<void>> eofWaiters;
};

} // namespace EasyNet
