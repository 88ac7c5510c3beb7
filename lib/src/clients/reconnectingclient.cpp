#include "reconnectingclient_p.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QFutureWatcher>
#include <QtCore/QLoggingCategory>
#include <QtCore/QMetaMethod>

#include <cerrno>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcReconnect, "easynet.reconnect", QtWarningMsg)

using State = ReconnectingClient::State;

namespace {

QFuture<void> failedFuture(const Error &error)
{
    return QtFuture::makeExceptionalFuture<void>(error.toExceptionPtr());
}

Error closedError()
{
    return Error(ErrorCode::ClientClosed, QStringLiteral("the client is closed"));
}

// What a finished future failed with, or no error.
Error failureOf(const QFuture<void> &future, const QString &what)
{
    try {
        QFuture<void>(future).waitForFinished(); // rethrows the failure
    } catch (const Exception &e) {
        return e.error();
    } catch (const std::exception &e) {
        return Error(ErrorCode::ConnectionError,
                     what + QStringLiteral(" failed: ") + QString::fromUtf8(e.what()));
    } catch (...) {
        return Error(ErrorCode::ConnectionError, what + QStringLiteral(" failed"));
    }
    if (future.isCanceled())
        return Error(ErrorCode::ConnectionError, what + QStringLiteral(" was cancelled"));
    return {};
}

} // namespace

ReconnectingClientPrivate::ReconnectingClientPrivate(ReconnectingClient *q) : q_ptr(q)
{
    m_retryTimer.setSingleShot(true);
    QObject::connect(&m_retryTimer, &QTimer::timeout, q, [this] {
        fromEventLoop([this] {
            if (!attempt())
                connectionLost(false); // no client this time: wait again
        });
    });
}

void ReconnectingClientPrivate::scheduleDeferred()
{
    if (std::exchange(m_deferredScheduled, true))
        return;
    QMetaObject::invokeMethod(
        q_ptr,
        [this] {
            m_deferredScheduled = false;
            runDeferred();
        },
        Qt::QueuedConnection);
}

void ReconnectingClientPrivate::runDeferred()
{
    const QPointer<ReconnectingClient> alive(q_ptr);
    while (alive && !m_deferred.empty()) {
        UniqueFunction call = std::move(m_deferred.front());
        m_deferred.pop_front();
        call();
    }
}

void ReconnectingClientPrivate::setState(State state)
{
    Q_Q(ReconnectingClient);
    if (m_state == state)
        return;
    m_state = state;
    deliver([q, state] { Q_EMIT q->stateChanged(state); });
}

void ReconnectingClientPrivate::reportError(const Error &error)
{
    Q_Q(ReconnectingClient);
    m_lastError = error;
    qCDebug(lcReconnect) << q << error;
    deliver([q, error] { Q_EMIT q->errorOccurred(error); });
}

bool ReconnectingClientPrivate::attempt()
{
    Q_Q(ReconnectingClient);
    if (!m_factory) {
        reportError(Error(ErrorCode::InvalidOperation,
                          QStringLiteral("no client factory: call setClientFactory() first")));
        return false;
    }
    std::unique_ptr<AbstractClient> made = m_factory();
    if (!made) {
        reportError(Error(ErrorCode::InvalidOperation,
                          QStringLiteral("the client factory made no client")));
        return false;
    }
    AbstractClient *client = made.release();
    client->setParent(q);
    m_client = client;
    ++m_generation;
    QObject::connect(client, &AbstractClient::connected, q,
                     [this] { fromEventLoop([this] { onClientConnected(); }); });
    // Only packetsReceived(): the client gathers a pass's packets while
    // nothing listens to its packetReceived().
    QObject::connect(client, &AbstractClient::packetsReceived, q,
                     [this](const QVariantList &packets) {
                         fromEventLoop([this, &packets] { forwardPackets(packets); });
                     });
    QObject::connect(client, &AbstractClient::errorOccurred, q, [this](const Error &error) {
        fromEventLoop([this, &error] { onClientError(error); });
    });
    QObject::connect(client, &AbstractClient::closed, q,
                     [this] { fromEventLoop([this] { connectionLost(false); }); });
    client->open();
    return true;
}

void ReconnectingClientPrivate::forwardPackets(const QVariantList &packets)
{
    Q_Q(ReconnectingClient);
    const bool eachPacket
        = q->isSignalConnected(QMetaMethod::fromSignal(&ReconnectingClient::packetReceived));
    const bool inBulk
        = q->isSignalConnected(QMetaMethod::fromSignal(&ReconnectingClient::packetsReceived));
    if (!eachPacket) {
        if (inBulk)
            deliver([q, packets] { Q_EMIT q->packetsReceived(packets); });
        return;
    }
    for (const QVariant &packet : packets) {
        deliver([q, packet] { Q_EMIT q->packetReceived(packet); });
        if (inBulk)
            deliver([q, packet] { Q_EMIT q->packetsReceived(QVariantList {packet}); });
    }
}

void ReconnectingClientPrivate::onClientError(const Error &error)
{
    reportError(error);
    // A peer that ended the stream leaves the client half-open: the
    // connection is over all the same.
    if (error.cause() == ErrorCause::EndOfStream && m_client
        && m_client->state() == AbstractClient::State::Connected)
        connectionLost(true);
}

void ReconnectingClientPrivate::onClientConnected()
{
    if (!m_hook) {
        becomeConnected();
        return;
    }
    const quint64 generation = m_generation;
    QFuture<void> hook = m_hook(m_client);
    if (generation != m_generation || !m_client)
        return; // the hook's own calls ended the connection
    // A watcher rather than QFuture::then(context, ...): it goes with the
    // client it waits for.
    auto *watcher = new QFutureWatcher<void>(m_client);
    QObject::connect(watcher, &QFutureWatcherBase::finished, q_ptr, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation)
            fromEventLoop([this, watcher] { hookFinished(watcher->future()); });
    });
    watcher->setFuture(hook);
}

void ReconnectingClientPrivate::hookFinished(const QFuture<void> &hook)
{
    if (const Error failed = failureOf(hook, QStringLiteral("the connection hook"));
        failed.isError()) {
        reportError(failed);
        connectionLost(false);
        return;
    }
    becomeConnected();
}

void ReconnectingClientPrivate::becomeConnected()
{
    Q_Q(ReconnectingClient);
    m_attempt = 0;
    while (!m_queue.empty()) {
        QueuedPacket queued = std::move(m_queue.front());
        m_queue.pop_front();
        handOver(std::move(queued));
    }
    setState(State::Connected);
    deliver([q] { Q_EMIT q->connected(); });
}

void ReconnectingClientPrivate::handOver(QueuedPacket &&queued)
{
    m_client->sendPacket(queued.packet)
        .then([promise = std::move(queued.promise)](QFuture<void> sent) {
            if (const Error failed = failureOf(sent, QStringLiteral("the send")); failed.isError())
                promise->setException(failed.toExceptionPtr());
            promise->finish();
        });
}

void ReconnectingClientPrivate::connectionLost(bool closeGracefully)
{
    retire(closeGracefully);
    scheduleRetry();
}

void ReconnectingClientPrivate::scheduleRetry()
{
    Q_Q(ReconnectingClient);
    ++m_attempt;
    if (m_policy.maxAttempts > 0 && m_attempt > m_policy.maxAttempts) {
        qCDebug(lcReconnect) << q << "gave up after" << m_policy.maxAttempts << "attempts";
        m_attempt = 0;
        failQueued(m_lastError.isError()
                       ? m_lastError
                       : Error(ErrorCode::ConnectionError, QStringLiteral("gave up reconnecting")));
        setState(State::Unconnected);
        deliver([q] { Q_EMIT q->gaveUp(); });
        return;
    }
    const std::chrono::milliseconds delay = m_backoff.delay(m_policy, m_attempt);
    qCDebug(lcReconnect) << q << "attempt" << m_attempt << "in" << delay.count() << "ms";
    m_retryTimer.start(delay);
    setState(State::Reconnecting);
    deliver([q, attempt = m_attempt, delay] { Q_EMIT q->reconnecting(attempt, delay); });
}

QFuture<void> ReconnectingClientPrivate::retire(bool gracefully)
{
    Q_Q(ReconnectingClient);
    AbstractClient *old = std::exchange(m_client, nullptr);
    ++m_generation;
    if (!old)
        return QtFuture::makeReadyFuture();
    QObject::disconnect(old, nullptr, q, nullptr);
    if (old->state() == AbstractClient::State::Closed) {
        old->deleteLater();
        return QtFuture::makeReadyFuture();
    }
    QObject::connect(old, &AbstractClient::closed, old, &QObject::deleteLater);
    if (gracefully)
        return old->close();
    old->abort();
    return QtFuture::makeReadyFuture();
}

void ReconnectingClientPrivate::failQueued(const Error &error)
{
    for (QueuedPacket &queued : std::exchange(m_queue, {})) {
        deliver([promise = std::move(queued.promise), error] {
            promise->setException(error.toExceptionPtr());
            promise->finish();
        });
    }
}

// ---------------------------------------------------------------------------

ReconnectingClient::ReconnectingClient(QObject *parent)
    : QObject(parent), m_d(std::make_unique<ReconnectingClientPrivate>(this))
{
}

ReconnectingClient::~ReconnectingClient()
{
    Q_D(ReconnectingClient);
    const QSignalBlocker blocker(this);
    d->m_retryTimer.stop();
    d->retire(false);
    d->failQueued(closedError());
    // What was deferred runs now: the futures waiting for it finish (the
    // signals are blocked).
    d->runDeferred();
}

ReconnectingClient::ClientFactory ReconnectingClient::clientFactory() const
{
    Q_D(const ReconnectingClient);
    return d->m_factory;
}

void ReconnectingClient::setClientFactory(ClientFactory factory)
{
    Q_D(ReconnectingClient);
    d->m_factory = std::move(factory);
}

ReconnectingClient::ConnectionHook ReconnectingClient::connectionHook() const
{
    Q_D(const ReconnectingClient);
    return d->m_hook;
}

void ReconnectingClient::setConnectionHook(ConnectionHook hook)
{
    Q_D(ReconnectingClient);
    d->m_hook = std::move(hook);
}

ReconnectPolicy ReconnectingClient::policy() const
{
    Q_D(const ReconnectingClient);
    return d->m_policy;
}

bool ReconnectingClient::setPolicy(const ReconnectPolicy &policy)
{
    Q_D(ReconnectingClient);
    const ReconnectingClientPrivate::CallScope scope(*d);
    if (const Error refused = ReconnectBackoff::check(policy); refused.isError()) {
        d->reportError(refused);
        return false;
    }
    if (!(d->m_policy == policy)) {
        d->m_policy = policy;
        d->deliver([this] { Q_EMIT policyChanged(); });
    }
    return true;
}

int ReconnectingClient::maxQueuedPackets() const
{
    Q_D(const ReconnectingClient);
    return d->m_maxQueued;
}

bool ReconnectingClient::setMaxQueuedPackets(int packets)
{
    Q_D(ReconnectingClient);
    const ReconnectingClientPrivate::CallScope scope(*d);
    if (packets < 0) {
        d->reportError(Error(ErrorCode::InvalidArgument,
                             QStringLiteral("maxQueuedPackets must not be negative"), EINVAL));
        return false;
    }
    if (d->m_maxQueued != packets) {
        d->m_maxQueued = packets;
        d->deliver([this, packets] { Q_EMIT maxQueuedPacketsChanged(packets); });
    }
    return true;
}

int ReconnectingClient::queuedPackets() const
{
    Q_D(const ReconnectingClient);
    return int(d->m_queue.size());
}

ReconnectingClient::State ReconnectingClient::state() const
{
    Q_D(const ReconnectingClient);
    return d->m_state;
}

AbstractClient *ReconnectingClient::client() const
{
    Q_D(const ReconnectingClient);
    return d->m_client;
}

Error ReconnectingClient::lastError() const
{
    Q_D(const ReconnectingClient);
    return d->m_lastError;
}

QString ReconnectingClient::errorString() const
{
    return lastError().message();
}

void ReconnectingClient::open()
{
    Q_D(ReconnectingClient);
    const ReconnectingClientPrivate::CallScope scope(*d);
    if (d->m_state != State::Unconnected)
        return;
    d->m_attempt = 0;
    if (d->attempt())
        d->setState(State::Connecting);
}

QFuture<void> ReconnectingClient::close()
{
    Q_D(ReconnectingClient);
    const ReconnectingClientPrivate::CallScope scope(*d);
    d->m_retryTimer.stop();
    d->m_attempt = 0;
    d->failQueued(closedError());
    QFuture<void> closing = d->retire(true);
    d->setState(State::Unconnected);
    return closing;
}

QFuture<void> ReconnectingClient::sendPacket(const QVariant &packet)
{
    Q_D(ReconnectingClient);
    const ReconnectingClientPrivate::CallScope scope(*d);
    switch (d->m_state) {
    case State::Connected: return d->m_client->sendPacket(packet);
    case State::Unconnected:
        return failedFuture(
            Error(ErrorCode::InvalidOperation, QStringLiteral("not open: call open() first")));
    case State::Connecting:
    case State::Reconnecting: break;
    }
    if (d->m_maxQueued == 0)
        return failedFuture(Error(ErrorCode::ConnectionError,
                                  QStringLiteral("not connected, and maxQueuedPackets is 0"),
                                  ENOTCONN));
    if (int(d->m_queue.size()) >= d->m_maxQueued)
        return failedFuture(Error(ErrorCode::InvalidOperation,
                                  QStringLiteral("send queue full: %1 packets wait for a "
                                                 "connection (maxQueuedPackets)")
                                      .arg(d->m_queue.size())));
    auto promise = std::make_shared<QPromise<void>>();
    promise->start();
    QFuture<void> future = promise->future();
    d->m_queue.push_back({packet, std::move(promise)});
    return future;
}

} // namespace EasyNet
