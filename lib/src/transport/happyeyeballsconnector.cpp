#include "transport/happyeyeballsconnector_p.h"

#include "core/eventloopentry_p.h"
#include "transport/hostresolver_p.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QTimer>
#include <QtNetwork/QHostInfo>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpSocket>

#include <fcntl.h>

#include <cerrno>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcTcp, "easynet.tcp", QtWarningMsg)

HappyEyeballsConnector::HappyEyeballsConnector(HappyEyeballsConnectorReceiver &receiver,
                                               QObject *context)
    : m_receiver(receiver), m_context(context)
{
}

HappyEyeballsConnector::~HappyEyeballsConnector()
{
    stop();
}

void HappyEyeballsConnector::start(const Target &target)
{
    m_target = target;
    if (!target.addresses.isEmpty()) {
        startPlan(target.addresses);
        return;
    }
    if (const QHostAddress literal = HostResolver::literal(target.host); !literal.isNull()) {
        startPlan({literal});
        return;
    }
    m_lookupId = QHostInfo::lookupHost(target.host, m_context, [this](const QHostInfo &info) {
        m_lookupId = -1;
        onHostResolved(info);
    });
}

void HappyEyeballsConnector::onHostResolved(const QHostInfo &info)
{
    const HostResolver::Result resolved = HostResolver::fromLookup(m_target.host, info);
    if (resolved.error.isError()) {
        m_receiver.tcpConnectFailedNotification(resolved.error);
        return;
    }
    startPlan(resolved.addresses);
}

void HappyEyeballsConnector::startPlan(const QList<QHostAddress> &addresses)
{
    m_planner.emplace(addresses, m_target.attemptDelay);
    startDueAttempts();
}

void HappyEyeballsConnector::startDueAttempts()
{
    using Clock = HappyEyeballsPlanner::Clock;
    const Clock::time_point now = Clock::now();
    const bool bind = !m_target.bindAddress.isNull() || m_target.bindPort != 0;
    while (const std::optional<qsizetype> index = m_planner->takeDueAttempt(now)) {
        const QHostAddress address = m_planner->addresses().at(*index);
        auto *attempt = new QTcpSocket(m_context);
        // No proxy: the attempt goes to exactly the address it was given.
        attempt->setProxy(QNetworkProxy::NoProxy);
        m_attempts.emplace(*index, attempt);
        QObject::connect(attempt, &QAbstractSocket::connected, m_context,
                         [this, i = *index] { onAttemptConnected(i); });
        QObject::connect(attempt, &QAbstractSocket::errorOccurred, m_context,
                         [this, i = *index] { onAttemptFailed(i); });
        if (bind
            && !attempt->bind(m_target.bindAddress.isNull() ? QHostAddress(QHostAddress::Any)
                                                            : m_target.bindAddress,
                              m_target.bindPort)) {
            return; // errorOccurred was emitted: onAttemptFailed() went on
        }
        qCDebug(lcTcp) << m_context << "connecting to" << address << m_target.port;
        attempt->connectToHost(address, m_target.port);
    }
    if (m_planner->hasFailed()) {
        m_receiver.tcpConnectFailedNotification(m_planner->firstError());
        return;
    }
    if (const std::optional<Clock::time_point> next = m_planner->nextAttemptTime()) {
        if (!m_attemptTimer) {
            m_attemptTimer = new QTimer(m_context);
            m_attemptTimer->setSingleShot(true);
            QObject::connect(m_attemptTimer, &QTimer::timeout, m_context, [this] {
                const EventLoopEntry entry;
                startDueAttempts();
            });
        }
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
            *next == Clock::time_point::min() ? Clock::duration::zero() : *next - now);
        m_attemptTimer->start(qMax(wait, std::chrono::milliseconds(0)));
    }
}

void HappyEyeballsConnector::onAttemptConnected(qsizetype index)
{
    QTcpSocket *const attempt = m_attempts.at(index);
    m_attempts.erase(index);
    m_planner->attemptSucceeded(index);
    QObject::disconnect(attempt, nullptr, m_context, nullptr);
    stop();
    // The data path leaves QTcpSocket: the descriptor goes on as a copy
    // (QTcpSocket closes its own, which ends nothing while the copy is open).
    const int fd = ::fcntl(int(attempt->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    const int dupErrno = errno;
    attempt->abort();
    attempt->deleteLater();
    if (fd < 0) {
        m_receiver.tcpConnectFailedNotification(Error::fromErrno(dupErrno, QStringLiteral("dup")));
        return;
    }
    m_receiver.tcpConnectedNotification(fd);
}

void HappyEyeballsConnector::onAttemptFailed(qsizetype index)
{
    QTcpSocket *const attempt = m_attempts.at(index);
    const Error error = socketError(attempt, attempt->error());
    qCDebug(lcTcp) << m_context << "attempt failed:" << error;
    m_attempts.erase(index);
    QObject::disconnect(attempt, nullptr, m_context, nullptr);
    attempt->deleteLater();
    m_planner->attemptFailed(index, error); // the next attempt starts at once (RFC 8305)
    startDueAttempts();
}

void HappyEyeballsConnector::stop()
{
    if (m_attemptTimer)
        m_attemptTimer->stop();
    for (auto &[index, attempt] : std::exchange(m_attempts, {})) {
        QObject::disconnect(attempt, nullptr, m_context, nullptr);
        attempt->abort();
        attempt->deleteLater();
    }
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
}

Error HappyEyeballsConnector::socketError(const QTcpSocket *socket,
                                          QAbstractSocket::SocketError error)
{
    const QString text = socket->errorString();
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return Error(ErrorCode::ConnectionRefused, text, ECONNREFUSED);
    case QAbstractSocket::RemoteHostClosedError:
        return Error(ErrorCode::ConnectionAborted, QStringLiteral("the peer closed the connection"),
                     ECONNABORTED);
    case QAbstractSocket::HostNotFoundError: return Error(ErrorCode::HostNotFound, text);
    case QAbstractSocket::SocketTimeoutError: return Error(ErrorCode::Timeout, text, ETIMEDOUT);
    case QAbstractSocket::NetworkError: return Error(ErrorCode::ConnectionError, text);
    default: return Error(ErrorCode::OSError, text);
    }
}

} // namespace EasyNet
