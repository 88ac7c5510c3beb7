#include "abstractclient_p.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QMetaMethod>
#include <QtCore/QTimer>

#include <cerrno>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcClient, "easynet.client", QtWarningMsg)

namespace {

template<typename T>
QFuture<T> failedFutureOf(const Error &error)
{
    return QtFuture::makeExceptionalFuture<T>(error.toExceptionPtr());
}

} // namespace

AbstractClientPrivate::AbstractClientPrivate() = default;

AbstractClientPrivate::~AbstractClientPrivate() = default;

void AbstractClientPrivate::runDeferred()
{
    m_deliveries.runStarted();
    const DeliveryQueue::LifeGuard guard(m_deliveries);
    if (!m_deliveries.runDeferredCalls())
        return;
    flushWrites();
    if (!guard.alive)
        return;
    if (std::exchange(m_pumpWanted, false))
        pump();
    if (guard.alive && std::exchange(m_expireWanted, false))
        m_receivers.expireDue();
}

bool AbstractClientPrivate::finishPromise(QPromise<void> &&promise, const Error &error)
{
    return deliver([promise = std::move(promise), error]() mutable {
        if (error.isError())
            promise.setException(error.toExceptionPtr());
        promise.finish();
    });
}

Error AbstractClientPrivate::closedError() const
{
    return Error(ErrorCode::ClientClosed, QStringLiteral("the client is closed"));
}

Error AbstractClientPrivate::operationError() const
{
    return m_closedByUser || !m_terminalError.isError() ? closedError() : m_terminalError;
}

QFuture<void> AbstractClientPrivate::failedFuture(const Error &error) const
{
    return failedFutureOf<void>(error);
}

void AbstractClientPrivate::setState(AbstractClient::State state)
{
    Q_Q(AbstractClient);
    if (m_state == state)
        return;
    m_state = state;
    if (state == AbstractClient::State::Connected)
        m_liveness.start();
    else
        m_liveness.stop();
    if (state == AbstractClient::State::Closed)
        m_socketCell.invalidate();
    deliver([q, state] { Q_EMIT q->stateChanged(state); });
}

void AbstractClientPrivate::reportError(const Error &error)
{
    Q_Q(AbstractClient);
    m_lastError = error;
    qCDebug(lcClient) << q << error;
    deliver([q, error] { Q_EMIT q->errorOccurred(error); });
}

void AbstractClientPrivate::recountObservers()
{
    if (!m_recountObservers.exchange(false))
        return;
    m_observedBytesSent
        = q_ptr->isSignalConnected(QMetaMethod::fromSignal(&AbstractClient::bytesSent));
    m_observedBytesReceived
        = q_ptr->isSignalConnected(QMetaMethod::fromSignal(&AbstractClient::bytesReceived));
    m_observedPacketReceived
        = q_ptr->isSignalConnected(QMetaMethod::fromSignal(&AbstractClient::packetReceived));
    m_observedPacketsReceived
        = q_ptr->isSignalConnected(QMetaMethod::fromSignal(&AbstractClient::packetsReceived));
}

ReadRequest AbstractClientPrivate::readRequest()
{
    ReadRequest request;
    if (!m_receivers.isEmpty())
        request.ancillary = m_receivers.front().ancillary;
    if (observes(m_observedBytesReceived)) {
        request.observer = [this](QByteArrayView bytes) {
            deliver([q = q_ptr, bytes = bytes.toByteArray()] { Q_EMIT q->bytesReceived(bytes); });
        };
    }
    return request;
}

bool AbstractClientPrivate::checkOptionsCanChange()
{
    if (m_state == AbstractClient::State::Unconnected)
        return true;
    reportError(Error(ErrorCode::InvalidOperation,
                      QStringLiteral("options must be set before open(): a new connection is a "
                                     "new client")));
    return false;
}

bool AbstractClientPrivate::checkArgument(bool ok, const QString &what)
{
    if (!ok)
        reportError(Error(ErrorCode::InvalidArgument, what, EINVAL));
    return ok;
}

void AbstractClientPrivate::open()
{
    Q_Q(AbstractClient);
    if (m_state != AbstractClient::State::Unconnected) {
        if (m_state == AbstractClient::State::Closed && !m_terminalError.isError())
            reportError(closedError());
        return;
    }
    setState(AbstractClient::State::Connecting);
    Error refused = checkReadyToOpen();
    if (const QString problem = LivenessClock::problem(m_liveness.options());
        !refused.isError() && !problem.isEmpty())
        refused = Error(ErrorCode::InvalidArgument, problem, EINVAL);
    if (refused.isError()) {
        finishWithError(refused);
        return;
    }
    if (m_connectTimeout != AbstractClient::NoTimeout) {
        m_connectTimer = new QTimer(q);
        m_connectTimer->setSingleShot(true);
        QObject::connect(m_connectTimer, &QTimer::timeout, q, [this] {
            const EventLoopEntry entry;
            transportFailed(
                Error(ErrorCode::Timeout,
                      QStringLiteral("not connected within %1 ms").arg(m_connectTimeout.count()),
                      ETIMEDOUT));
        });
        m_connectTimer->start(m_connectTimeout);
    }
    startConnecting();
}

void AbstractClientPrivate::stopConnectTimer()
{
    if (m_connectTimer) {
        m_connectTimer->stop();
        m_connectTimer->deleteLater();
        m_connectTimer = nullptr;
    }
}

void AbstractClientPrivate::transportConnected()
{
    Q_Q(AbstractClient);
    if (m_state != AbstractClient::State::Connecting)
        return;
    {
        const DeliveryQueue::Hold hold(m_deliveries);
        stopConnectTimer();
        m_socketCell.set(descriptor());
        setState(AbstractClient::State::Connected);
        m_sends.writeUnsent(); // what was sent while connecting goes first
        deliver([q] { Q_EMIT q->connected(); });
        for (QPromise<void> &promise : std::exchange(m_connectWaiters, {}))
            finishPromise(std::move(promise));
    }
    // Reading waits for the next pass: the connection's signals come first.
    m_pumpWanted = true;
    m_deliveries.scheduleRun();
}

void AbstractClientPrivate::transportFailed(const Error &error)
{
    if (m_state == AbstractClient::State::Closed)
        return;
    finishWithError(error);
}

void AbstractClientPrivate::finishWithError(const Error &error)
{
    Q_Q(AbstractClient);
    const DeliveryQueue::Hold hold(m_deliveries);
    m_terminalError = error;
    stopConnectTimer();
    reportError(error);
    failPending(error);
    abortTransport();
    setState(AbstractClient::State::Closed);
    deliver([q] { Q_EMIT q->closed(); });
}

void AbstractClientPrivate::failReceivers(const Error &error)
{
    const DeliveryQueue::Hold hold(m_deliveries);
    m_receivers.failAll(error, m_endOfStream || error.code() == ErrorCode::ClientClosed);
}

void AbstractClientPrivate::failPending(const Error &error)
{
    const DeliveryQueue::Hold hold(m_deliveries);
    for (QPromise<void> &promise : std::exchange(m_connectWaiters, {}))
        finishPromise(std::move(promise), error);
    failReceivers(error);
    m_sends.failAll(error);
    for (QPromise<void> &promise : std::exchange(m_closeWaiters, {}))
        finishPromise(std::move(promise));
}

void AbstractClientPrivate::transportClosed()
{
    Q_Q(AbstractClient);
    if (m_state == AbstractClient::State::Closed)
        return;
    const DeliveryQueue::Hold hold(m_deliveries);
    stopConnectTimer();
    failPending(operationError());
    setState(AbstractClient::State::Closed);
    deliver([q] { Q_EMIT q->closed(); });
}

void AbstractClientPrivate::addReceiver(ReceiveQueue::Deliver deliver,
                                        std::function<bool()> isCancelled, QDeadlineTimer deadline,
                                        std::optional<AncillaryRequest> ancillary, bool endsQuietly)
{
    const bool expired = m_receivers.add(std::move(deliver), std::move(isCancelled), deadline,
                                         std::move(ancillary), endsQuietly);
    if (m_state == AbstractClient::State::Unconnected)
        open(); // an implicit connect, as the reference's recv_packet()
    pump();
    if (expired) { // it takes what the next read finds, if anything
        m_expireWanted = true;
        m_deliveries.scheduleRun();
    }
}

void AbstractClientPrivate::deliverPacket(QVariant &&packet)
{
    deliver([this, packet = std::move(packet)]() mutable { dispatchPacket(std::move(packet)); });
}

void AbstractClientPrivate::dispatchPacket(QVariant &&packet)
{
    Q_Q(AbstractClient);
    // A receiver cancelled since the read began does not take the packet: the
    // next one does, or packetReceived().
    while (std::optional<ReceiveQueue::Receiver> receiver = m_receivers.take()) {
        if (receiver->deliver(std::move(packet), nullptr))
            return;
    }
    if (!observes(m_observedPacketsReceived)) {
        Q_EMIT q->packetReceived(packet);
        return;
    }
    const DeliveryQueue::LifeGuard guard(m_deliveries);
    Q_EMIT q->packetReceived(packet);
    if (guard.alive)
        Q_EMIT q->packetsReceived(QVariantList {std::move(packet)});
}

bool AbstractClientPrivate::batchesPackets()
{
    return observes(m_observedPacketsReceived) && m_receivers.isEmpty()
        && !observes(m_observedPacketReceived);
}

qsizetype AbstractClientPrivate::takeDecodedPackets(QVariantList &, qsizetype)
{
    return 0;
}

void AbstractClientPrivate::deliverBatch()
{
    if (m_batch.isEmpty())
        return;
    // The next batch starts with room for as many packets as this one, so
    // that a steady stream does not grow a list from empty for every batch.
    QVariantList next;
    next.reserve(m_batch.size());
    deliver([q = q_ptr, packets = std::exchange(m_batch, std::move(next))] {
        Q_EMIT q->packetsReceived(packets);
    });
}

void AbstractClientPrivate::deliverError(const Error &error)
{
    reportError(error);
    m_receivers.failFront(error, m_endOfStream);
}

void AbstractClientPrivate::pump()
{
    const int depth = EventLoopEntry::depth();
    if (m_pumpingDepth != 0 && depth <= m_pumpingDepth)
        return; // called by user code inside pump(): its loop serves the new receiver
    if (!EventLoopEntry::active() || m_deliveries.isHeld()) {
        // Inside a public call or user code: nothing is delivered from there.
        m_pumpWanted = true;
        m_deliveries.scheduleRun();
        return;
    }
    const DeliveryQueue::LifeGuard guard(m_deliveries);
    if (!m_deliveries.runDeferredCalls()) // what was deferred comes before what is read now
        return;
    const int outerDepth = std::exchange(m_pumpingDepth, depth);
    const auto readable = [this] {
        m_receivers.dropCancelled();
        return m_state == AbstractClient::State::Connected
            && (m_autoRead || !m_receivers.isEmpty());
    };
    // Made once for the pass, not per packet: a packet leaves packet empty
    // when it is moved on, and error is set anew by each result that is one.
    QVariant packet;
    Error error;
    while (readable()) {
        if (m_endOfStream) {
            // Later receivers fail at once, as the first one did.
            while (guard.alive && !m_receivers.isEmpty())
                deliverError(m_terminalError);
            break;
        }
        const ReadResult result = readPacket(packet, error, readRequest());
        if (result == ReadResult::WouldBlock)
            break;
        const bool gathered = result == ReadResult::Packet && batchesPackets();
        if (!gathered || m_batch.size() == AbstractClient::MaxPacketBatch) {
            deliverBatch(); // what was read before goes first
            if (!guard.alive)
                return;
        }
        switch (result) {
        case ReadResult::Packet:
            m_liveness.received(); // it may have been in the socket before the last notification
            if (gathered) {
                m_batch.append(std::move(packet));
                takeDecodedPackets(m_batch, AbstractClient::MaxPacketBatch - m_batch.size());
            } else {
                deliverPacket(std::move(packet));
            }
            break;
        case ReadResult::Error:
            deliverError(error);
            if (guard.alive && !error.parseError().isRecoverable()
                && m_state == AbstractClient::State::Connected) {
                // The format cannot find the next packet: end the connection
                // cleanly; what was parsed before has been delivered. The parse
                // error was reported once; later operations fail as on a
                // connection closed by the peer.
                m_terminalError = Error(ErrorCode::ConnectionAborted,
                                        QStringLiteral("the connection was closed after an "
                                                       "unrecoverable parse error: ")
                                            + error.message(),
                                        ECONNABORTED);
                m_endOfStream = true;
                failReceivers(m_terminalError);
                setState(AbstractClient::State::Closing);
                if (guard.alive) {
                    flushWrites();
                    closeTransport();
                }
            }
            break;
        case ReadResult::EndOfStream:
            m_endOfStream = true;
            m_terminalError = error;
            if (m_receivers.isEmpty())
                reportError(error);
            break;
        case ReadResult::Failed:
            m_pumpingDepth = outerDepth;
            finishWithError(error);
            return;
        case ReadResult::WouldBlock: break;
        }
        if (!guard.alive)
            return; // user code destroyed the client
    }
    if (!guard.alive)
        return;
    deliverBatch();
    if (guard.alive)
        m_pumpingDepth = outerDepth;
}

std::optional<Error> AbstractClientPrivate::queuePacket(const QVariant &packet,
                                                        const SocketAncillary *ancillary,
                                                        QPromise<void> *promise)
{
    if (m_state == AbstractClient::State::Closing || m_state == AbstractClient::State::Closed)
        return operationError();
    if (std::optional<Error> refused = checkCanSend())
        return refused;
    // Serialized in place, after the sends coalesced before it, unless the
    // packet's bytes are wanted on their own (ancillary data, bytesSent()).
    QByteArray *coalesced
        = ancillary || observes(m_observedBytesSent) ? nullptr : m_sends.coalescingBuffer();
    const qsizetype start = coalesced ? coalesced->size() : 0;
    QByteArray bytes;
    try {
        if (coalesced)
            appendPacket(packet, *coalesced);
        else
            bytes = serializePacket(packet);
    } catch (const Exception &e) {
        return e.error();
    }
    const qsizetype size = coalesced ? coalesced->size() - start : bytes.size();
    const qint64 queued = m_sends.bytesToWrite();
    if (queued > 0 && queued + size > m_sendQueueLimit) {
        if (coalesced)
            coalesced->truncate(start);
        return Error(ErrorCode::InvalidOperation,
                     QStringLiteral("send queue full: %1 bytes wait to be written "
                                    "(sendQueueLimit %2)")
                         .arg(queued)
                         .arg(m_sendQueueLimit));
    }
    if (coalesced) {
        m_sends.addCoalesced(size, promise);
    } else {
        if (observes(m_observedBytesSent))
            deliver([q = q_ptr, bytes] { Q_EMIT q->bytesSent(bytes); });
        m_sends.add(bytes, ancillary, promise);
    }
    m_liveness.sent();
    if (m_state != AbstractClient::State::Connected)
        open(); // an implicit connect, as the reference's send_packet()
    return {};
}

QFuture<void> AbstractClientPrivate::sendPacket(const QVariant &packet,
                                                const SocketAncillary *ancillary)
{
    QPromise<void> promise;
    promise.start();
    QFuture<void> future = promise.future();
    if (const std::optional<Error> refused = queuePacket(packet, ancillary, &promise))
        return failedFuture(*refused);
    return future;
}

QFuture<QVariant> AbstractClientPrivate::recvPacket(std::optional<AncillaryRequest> ancillary,
                                                    QDeadlineTimer timeout)
{
    Q_Q(AbstractClient);
    if (q->isClosing())
        return failedFutureOf<QVariant>(operationError());
    auto promise = std::make_shared<QPromise<QVariant>>();
    promise->start();
    QFuture<QVariant> future = promise->future();
    addReceiver(
        [promise](std::optional<QVariant> &&packet, const Error *error) {
            if (promise->isCanceled())
                return false;
            if (error)
                promise->setException(error->toExceptionPtr());
            else if (packet)
                promise->addResult(std::move(*packet));
            else
                promise->setException(Error(ErrorCode::Timeout,
                                            QStringLiteral("no packet within the timeout"),
                                            ETIMEDOUT)
                                          .toExceptionPtr());
            promise->finish();
            return true;
        },
        [promise] { return promise->isCanceled(); }, timeout, std::move(ancillary));
    return future;
}

// ---------------------------------------------------------------------------

AbstractClient::AbstractClient(AbstractClientPrivate &dd, QObject *parent)
    : QObject(parent), m_d(&dd)
{
    dd.q_ptr = this;
}

AbstractClient::~AbstractClient()
{
    Q_D(AbstractClient);
    const QSignalBlocker blocker(this);
    if (d->m_state != State::Closed) {
        d->abortTransport();
        d->failPending(d->closedError());
        d->m_state = State::Closed;
        d->m_socketCell.invalidate();
    }
    // What was deferred runs now: the futures waiting for it finish (the
    // signals are blocked).
    const EventLoopEntry entry;
    d->m_deliveries.runDeferredCalls();
}

SocketHandle AbstractClient::socket() const
{
    Q_D(const AbstractClient);
    return d->m_socketCell.handle();
}

void AbstractClient::open()
{
    Q_D(AbstractClient);
    d->open();
}

AbstractClient::State AbstractClient::state() const
{
    Q_D(const AbstractClient);
    return d->m_state;
}

bool AbstractClient::isConnected() const
{
    return state() == State::Connected;
}

bool AbstractClient::isClosing() const
{
    return state() == State::Closing || state() == State::Closed;
}

bool AbstractClient::autoRead() const
{
    Q_D(const AbstractClient);
    return d->m_autoRead;
}

void AbstractClient::setAutoRead(bool enabled)
{
    Q_D(AbstractClient);
    if (d->m_autoRead == enabled)
        return;
    d->m_autoRead = enabled;
    d->deliver([this, enabled] { Q_EMIT autoReadChanged(enabled); });
    if (enabled)
        d->pump();
}

std::chrono::milliseconds AbstractClient::connectTimeout() const
{
    Q_D(const AbstractClient);
    return d->m_connectTimeout;
}

bool AbstractClient::setConnectTimeout(std::chrono::milliseconds timeout)
{
    Q_D(AbstractClient);
    return d->checkArgument(timeout.count() > 0, QStringLiteral("connectTimeout must be positive"))
        && d->setOption(d->m_connectTimeout, timeout);
}

qint64 AbstractClient::sendQueueLimit() const
{
    Q_D(const AbstractClient);
    return d->m_sendQueueLimit;
}

bool AbstractClient::setSendQueueLimit(qint64 bytes)
{
    Q_D(AbstractClient);
    return d->checkArgument(bytes > 0, QStringLiteral("sendQueueLimit must be positive"))
        && d->setOption(d->m_sendQueueLimit, bytes);
}

std::chrono::milliseconds AbstractClient::idleTimeout() const
{
    Q_D(const AbstractClient);
    return d->m_liveness.options().idleTimeout;
}

bool AbstractClient::setIdleTimeout(std::chrono::milliseconds timeout)
{
    Q_D(AbstractClient);
    return d->checkArgument(timeout.count() >= 0,
                            QStringLiteral("idleTimeout must not be negative (0: off)"))
        && d->setOption(d->m_liveness.options().idleTimeout, timeout);
}

std::chrono::milliseconds AbstractClient::heartbeatInterval() const
{
    Q_D(const AbstractClient);
    return d->m_liveness.options().heartbeatInterval;
}

bool AbstractClient::setHeartbeatInterval(std::chrono::milliseconds interval)
{
    Q_D(AbstractClient);
    return d->checkArgument(interval.count() >= 0,
                            QStringLiteral("heartbeatInterval must not be negative (0: off)"))
        && d->setOption(d->m_liveness.options().heartbeatInterval, interval);
}

QVariant AbstractClient::heartbeatPacket() const
{
    Q_D(const AbstractClient);
    return d->m_liveness.options().heartbeatPacket;
}

bool AbstractClient::setHeartbeatPacket(const QVariant &packet)
{
    Q_D(AbstractClient);
    return d->setOption(d->m_liveness.options().heartbeatPacket, packet);
}

qint64 AbstractClient::bytesToWrite() const
{
    Q_D(const AbstractClient);
    return d->m_sends.bytesToWrite();
}

Error AbstractClient::lastError() const
{
    Q_D(const AbstractClient);
    return d->m_lastError;
}

QString AbstractClient::errorString() const
{
    return lastError().message();
}

QFuture<void> AbstractClient::waitConnected()
{
    Q_D(AbstractClient);
    switch (d->m_state) {
    case State::Connected: return QtFuture::makeReadyFuture();
    case State::Closing:
    case State::Closed: return d->failedFuture(d->operationError());
    case State::Unconnected:
    case State::Connecting: break;
    }
    QPromise<void> promise;
    promise.start();
    QFuture<void> future = promise.future();
    d->m_connectWaiters.push_back(std::move(promise));
    d->open();
    return future;
}

QFuture<void> AbstractClient::sendPacket(const QVariant &packet)
{
    Q_D(AbstractClient);
    return d->sendPacket(packet, nullptr);
}

void AbstractClient::send(const QVariant &packet)
{
    Q_D(AbstractClient);
    if (const std::optional<Error> refused = d->queuePacket(packet, nullptr, nullptr))
        d->reportError(*refused);
}

QFuture<QVariant> AbstractClient::recvPacket(QDeadlineTimer timeout)
{
    Q_D(AbstractClient);
    return d->recvPacket(std::nullopt, timeout);
}

QFuture<void> AbstractClient::close()
{
    Q_D(AbstractClient);
    switch (d->m_state) {
    case State::Closed: return QtFuture::makeReadyFuture();
    case State::Closing: {
        QPromise<void> promise;
        promise.start();
        QFuture<void> future = promise.future();
        d->m_closeWaiters.push_back(std::move(promise));
        return future;
    }
    case State::Unconnected:
    case State::Connecting: abort(); return QtFuture::makeReadyFuture();
    case State::Connected: break;
    }
    QPromise<void> promise;
    promise.start();
    QFuture<void> future = promise.future();
    d->m_closeWaiters.push_back(std::move(promise));
    d->m_closedByUser = true;
    d->setState(State::Closing);
    // Receivers end now; queued sends still flush before the connection closes.
    d->failReceivers(d->closedError());
    d->flushWrites();
    d->closeTransport();
    return future;
}

void AbstractClient::abort()
{
    Q_D(AbstractClient);
    if (d->m_state == State::Closed)
        return;
    d->m_closedByUser = true;
    d->abortTransport();
    d->transportClosed();
}

ReceivedPacketIterator AbstractClient::receivedPackets(std::chrono::milliseconds timeout)
{
    return ReceivedPacketIterator(this, qMax(timeout, std::chrono::milliseconds(0)));
}

ReceivedPacketIterator AbstractClient::receivedPackets(QDeadlineTimer::ForeverConstant)
{
    return ReceivedPacketIterator(this, std::nullopt);
}

void AbstractClient::connectNotify(const QMetaMethod &signal)
{
    Q_D(AbstractClient);
    if (signal == QMetaMethod::fromSignal(&AbstractClient::bytesSent))
        d->m_observedBytesSent = true;
    else if (signal == QMetaMethod::fromSignal(&AbstractClient::bytesReceived))
        d->m_observedBytesReceived = true;
    else if (signal == QMetaMethod::fromSignal(&AbstractClient::packetReceived))
        d->m_observedPacketReceived = true;
    else if (signal == QMetaMethod::fromSignal(&AbstractClient::packetsReceived))
        d->m_observedPacketsReceived = true;
}

void AbstractClient::disconnectNotify(const QMetaMethod &)
{
    Q_D(AbstractClient);
    // Qt may call this with its connection lock held (a receiver being
    // destroyed), where isSignalConnected() deadlocks: the next look recounts.
    d->m_recountObservers = true;
}

} // namespace EasyNet
