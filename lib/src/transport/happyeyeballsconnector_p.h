// HappyEyeballsConnector: the event-driven way to a connected TCP descriptor:
// resolves the host name (QHostInfo, unless addresses or a literal are given),
// then races connection attempts in HappyEyeballsPlanner's order, one
// QTcpSocket each, and hands over the winner's descriptor. The blocking
// clients' counterpart is connectTcp() (blocking/tcpconnector_p.h).
#pragma once

#include "transport/happyeyeballsplanner_p.h"

#include <EasyNet/errors.h>

#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QHostAddress>

#include <chrono>
#include <map>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QHostInfo)
QT_FORWARD_DECLARE_CLASS(QObject)
QT_FORWARD_DECLARE_CLASS(QTcpSocket)
QT_FORWARD_DECLARE_CLASS(QTimer)

namespace EasyNet {

class HappyEyeballsConnectorReceiver
{
public:
    virtual ~HappyEyeballsConnectorReceiver() = default;
    // An attempt connected: fd is a close-on-exec copy of its descriptor,
    // owned by the receiver from here on.
    virtual void tcpConnectedNotification(int fd) = 0;
    // The name did not resolve, or every attempt failed (the first failure).
    virtual void tcpConnectFailedNotification(const Error &error) = 0;
};

class HappyEyeballsConnector
{
public:
    struct Target
    {
        QString host; // resolved unless addresses is set
        QList<QHostAddress> addresses;
        quint16 port = 0;
        QHostAddress bindAddress; // null: no bind unless bindPort is set
        quint16 bindPort = 0;
        std::chrono::milliseconds attemptDelay {0}; // RFC 8305's Connection Attempt Delay
    };

    // context: the QObject the sockets, timer and lookup belong to.
    HappyEyeballsConnector(HappyEyeballsConnectorReceiver &receiver, QObject *context);
    ~HappyEyeballsConnector();
    Q_DISABLE_COPY_MOVE(HappyEyeballsConnector)

    // Starts connecting; exactly one notification follows (possibly from
    // inside this call: QTcpSocket reports some failures at once).
    void start(const Target &target);
    // Stops every attempt and the lookup; no notification follows.
    void stop();

private:
    void onHostResolved(const QHostInfo &info);
    void startPlan(const QList<QHostAddress> &addresses);
    void startDueAttempts();
    void onAttemptConnected(qsizetype index);
    void onAttemptFailed(qsizetype index);
    static Error socketError(const QTcpSocket *socket, QAbstractSocket::SocketError error);

    HappyEyeballsConnectorReceiver &m_receiver;
    QObject *const m_context;
    Target m_target;
    std::optional<HappyEyeballsPlanner> m_planner;
    std::map<qsizetype, QTcpSocket *> m_attempts; // by index into the planner's addresses
    QTimer *m_attemptTimer = nullptr;
    int m_lookupId = -1;
};

} // namespace EasyNet
