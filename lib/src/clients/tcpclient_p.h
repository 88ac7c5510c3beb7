// TcpClientPrivate: connecting (name resolution, Happy Eyeballs through the
// planner with one QTcpSocket per attempt, or an adopted descriptor), then the
// data path on the descriptor: plain TCP on the same FdSocketEngine as the
// Unix clients (so that a peer's FIN leaves the client half-open and a reset
// is seen as ECONNRESET, which QTcpSocket cannot do), TLS on a TlsEngine (the
// same OpenSSL session as the blocking client, which QSslSocket is not: it
// cannot send the alert of a rejected certificate nor wait for the peer's
// close_notify). Both read through one StreamEndpoint.
#pragma once

#include "abstractclient_p.h"
#include "endpoint/streamendpoint_p.h"
#include "transport/fdsocketengine_p.h"
#include "transport/happyeyeballsplanner_p.h"
#include "transport/tlsengine_p.h"
#include "writeshutdown_p.h"

#include <EasyNet/tcpclient.h>

#include <QtNetwork/QAbstractSocket>

#include <map>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QTcpSocket)
QT_FORWARD_DECLARE_CLASS(QTimer)
QT_FORWARD_DECLARE_CLASS(QHostInfo)

namespace EasyNet {

// The two engines' notifications of the same name mean the same to the
// client, so one override serves both.
class TcpClientPrivate final : public AbstractClientPrivate,
                               public FdSocketEngineReceiver,
                               public TlsEngineReceiver
{
public:
    TcpClientPrivate();
    ~TcpClientPrivate() override;

    // ---- AbstractClientPrivate ----
    Error checkReadyToOpen() const override;
    Error checkCanSend() const override;
    void startConnecting() override;
    QByteArray serializePacket(const QVariant &packet) override;
    bool writeBytes(const QByteArray &bytes, const SocketAncillary *ancillary,
                    Error &error) override;
    ReadResult readPacket(QVariant &packet, Error &error, const ReadRequest &request) override;
    void closeTransport() override;
    void abortTransport() override;

    // ---- FdSocketEngineReceiver (plain TCP) and TlsEngineReceiver ----
    void readNotification() override { transportReadable(); }
    void bytesWrittenNotification(qint64 bytes) override { transportBytesWritten(bytes); }
    void closedNotification() override { transportClosed(); }
    void writeFailedNotification(const Error &error) override { transportFailed(error); }
    void flushedNotification() override { writeShutdown.shutdownIfFlushed(); }
    void encryptedNotification() override { transportConnected(); }
    void failedNotification(const Error &error) override { transportFailed(error); }

    // Happy Eyeballs
    void onHostResolved(const QHostInfo &info);
    void startDueAttempts();
    void onAttemptConnected(qsizetype index);
    void onAttemptFailed(qsizetype index);
    void dropAttempts();

    // The data path on a connected descriptor (owned from here on).
    void startDataPath(int fd);
    QTcpSocket *newSocket();
    Error socketError(const QTcpSocket *socket, QAbstractSocket::SocketError socketError) const;
    qintptr descriptor() const override;

    // options
    QString host;
    quint16 port = 0;
    QList<QHostAddress> addresses;
    qintptr adoptedDescriptor = -1;
    StreamProtocol protocol;
    TcpOptions options;

    // connecting
    std::optional<HappyEyeballsPlanner> planner;
    std::map<qsizetype, QTcpSocket *> attempts; // by index into the planner's addresses
    QTimer *attemptTimer = nullptr;
    int lookupId = -1;

    // connected
    std::optional<StreamEndpoint> endpoint;
    FdSocketEngine engine; // plain TCP
    TlsEngine tls; // TLS
    WriteShutdown writeShutdown {*this, engine};
};

} // namespace EasyNet
