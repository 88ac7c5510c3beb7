#include "abstractclient_p.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QMetaMethod>
#include <QtCore/QTimer>

namespace EasyNet {

Q_LOGGING_CATEGORY(lcClient, "easynet.client", QtWarningMsg)

AbstractClientPrivate::AbstractClientPrivate() = default;

AbstractClientPrivate::~AbstractClientPrivate() = default;

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
    return QtFuture::makeExceptionalFuture<void>(error.toExceptionPtr());
}

void AbstractClientPrivate::setState(AbstractClient::State state)
{
    Q_Q(AbstractClient);
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT q->stateChanged(state);
}

void AbstractClientPrivate::reportError(const Error &error)
{
    Q_Q(AbstractClient);
    m_lastError = error;
    qCDebug(lcClient) << q << error;
    Q_EMIT q->errorOccurred(error);
}

void AbstractClientPrivate::reportReceivedBytes(const QByteArray &bytes)
{
    Q_Q(AbstractClient);
    Q_EMIT q->bytesReceived(bytes);
}

void AbstractClientPrivate::scheduleConnect()
{
    Q_Q(AbstractClient);
    QMetaObject::invokeMethod(
        q,
        [this] {
            if (m_state == AbstractClient::State::Unconnected) {
                setState(AbstractClient::State::Connecting);
                startConnecting();
            }
        },
        Qt::QueuedConnection);
}

bool AbstractClientPrivate::checkOptionsCanChange() const
{
    if (m_state == AbstractClient::State::Unconnected)
        return true;
    qCWarning(lcClient) << q_ptr << "options must be set before connecting starts; ignored";
    return false;
}

void AbstractClientPrivate::transportConnected()
{
    Q_Q(AbstractClient);
    if (m_state != AbstractClient::State::Connecting)
        return;
    setState(AbstractClient::State::Connected);
    Q_EMIT q->connected();
    while (!m_connectWaiters.empty()) {
        QPromise<void> promise = std::move(m_connectWaiters.front());
        m_connectWaiters.pop_front();
        promise.finish();
    }
    pump();
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
    m_terminalError = error;
    reportError(error);
    failPending(error);
    abortTransport();
    setState(AbstractClient::State::Closed);
    Q_EMIT q->closed();
}

void AbstractClientPrivate::failPending(const Error &error)
{
    const std::exception_ptr exception = error.toExceptionPtr();
    // Move the queues out first: completing a promise may run code that
    // touches the client again.
    auto connectWaiters = std::move(m_connectWaiters);
    m_connectWaiters.clear();
    for (QPromise<void> &promise : connectWaiters) {
        promise.setException(exception);
        promise.finish();
    }
    auto receivers = std::move(m_receivers);
    m_receivers.clear();
    for (Receiver &receiver : receivers) {
        delete receiver.timer;
        receiver.deliver(std::nullopt, &error);
    }
    auto sends = std::move(m_pendingSends);
    m_pendingSends.clear();
    for (PendingSend &send : sends) {
        send.promise.setException(exception);
        send.promise.finish();
    }
    auto closeWaiters = std::move(m_closeWaiters);
    m_closeWaiters.clear();
    for (QPromise<void> &promise : closeWaiters)
        promise.finish();
}

void AbstractClientPrivate::transportReadable()
{
    pump();
}

void AbstractClientPrivate::transportBytesWritten(qint64 bytes)
{
    m_bytesWritten += bytes;
    while (!m_pendingSends.empty() && m_pendingSends.front().endOffset <= m_bytesWritten) {
        QPromise<void> promise = std::move(m_pendingSends.front().promise);
        m_pendingSends.pop_front();
        promise.finish();
    }
}

void AbstractClientPrivate::transportClosed()
{
    Q_Q(AbstractClient);
    if (m_state == AbstractClient::State::Closed)
        return;
    failPending(closedError());
    setState(AbstractClient::State::Closed);
    Q_EMIT q->closed();
}

void AbstractClientPrivate::addReceiver(Deliver deliver, QDeadlineTimer deadline,
                                        std::any context)
{
    Q_Q(AbstractClient);
    const quint64 id = m_nextReceiverId++;
    QTimer *timer = nullptr;
    if (!deadline.isForever() && !deadline.hasExpired()) {
        timer = new QTimer(q);
        timer->setSingleShot(true);
        timer->setTimerType(Qt::PreciseTimer);
        QObject::connect(timer, &QTimer::timeout, q, [this, id] { expireReceiver(id); });
        timer->start(std::chrono::milliseconds(deadline.remainingTime()));
    }
    m_receivers.push_back(Receiver{id, std::move(deliver), timer, std::move(context)});
    pump();
    if (deadline.hasExpired())
        expireReceiver(id);
}

const std::any *AbstractClientPrivate::receiveContext() const
{
    if (m_receivers.empty() || !m_receivers.front().context.has_value())
        return nullptr;
    return &m_receivers.front().context;
}

void AbstractClientPrivate::expireReceiver(quint64 id)
{
    for (auto it = m_receivers.begin(); it != m_receivers.end(); ++it) {
        if (it->id == id) {
            Deliver deliver = std::move(it->deliver);
            if (it->timer)
                it->timer->deleteLater();
            m_receivers.erase(it);
            deliver(std::nullopt, nullptr);
            return;
        }
    }
}

void AbstractClientPrivate::deliverPacket(QVariant &&packet)
{
    Q_Q(AbstractClient);
    if (!m_receivers.empty()) {
        Receiver receiver = std::move(m_receivers.front());
        m_receivers.pop_front();
        delete receiver.timer;
        receiver.deliver(std::move(packet), nullptr);
        return;
    }
    Q_EMIT q->packetReceived(packet);
}

void AbstractClientPrivate::deliverError(const Error &error)
{
    reportError(error);
    if (!m_receivers.empty()) {
        Receiver receiver = std::move(m_receivers.front());
        m_receivers.pop_front();
        delete receiver.timer;
        receiver.deliver(std::nullopt, &error);
    }
}

void AbstractClientPrivate::pump()
{
    if (m_pumping)
        return;
    m_pumping = true;
    const auto readable = [this] {
        return m_state == AbstractClient::State::Connected && (m_autoRead || !m_receivers.empty());
    };
    while (readable()) {
        if (m_endOfStream) {
            // Later receivers fail at once, as the first one did.
            while (!m_receivers.empty())
                deliverError(m_terminalError);
            break;
        }
        QVariant packet;
        Error error;
        const ReadResult result = readPacket(packet, error);
        if (result == ReadResult::NoData)
            break;
        switch (result) {
        case ReadResult::Packet:
            deliverPacket(std::move(packet));
            break;
        case ReadResult::DeliverError:
            deliverError(error);
            if (!error.parseError().isRecoverable() && m_state == AbstractClient::State::Connected) {
                // The format cannot find the next packet: end the connection
                // cleanly; what was parsed before has been delivered.
                m_endOfStream = true;
                m_terminalError = error;
                setState(AbstractClient::State::Closing);
                closeTransport();
            }
            break;
        case ReadResult::EndOfStream:
            m_endOfStream = true;
            if (!error.isError())
                error = Error(ErrorCode::ConnectionAborted,
                              QStringLiteral("the peer closed the connection"));
            m_terminalError = error;
            if (m_receivers.empty())
                reportError(error);
            break;
        case ReadResult::Failed:
            m_pumping = false;
            finishWithError(error);
            return;
        case ReadResult::NoData:
            break;
        }
    }
    m_pumping = false;
}

// ---------------------------------------------------------------------------

AbstractClient::AbstractClient(AbstractClientPrivate &dd, QObject *parent)
    : QObject(parent), d_ptr(&dd)
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
    }
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
    Q_EMIT autoReadChanged(enabled);
    if (enabled)
        QMetaObject::invokeMethod(this, [d] { d->pump(); }, Qt::QueuedConnection);
}

Error AbstractClient::lastError() const
{
    Q_D(const AbstractClient);
    return d->m_lastError;
}

QFuture<void> AbstractClient::waitConnected()
{
    Q_D(AbstractClient);
    switch (d->m_state) {
    case State::Connected:
        return QtFuture::makeReadyFuture();
    case State::Closing:
    case State::Closed:
        return d->failedFuture(d->operationError());
    case State::Unconnected:
    case State::Connecting:
        break;
    }
    QPromise<void> promise;
    promise.start();
    QFuture<void> future = promise.future();
    d->m_connectWaiters.push_back(std::move(promise));
    if (d->m_state == State::Unconnected) {
        d->setState(State::Connecting);
        d->startConnecting();
    }
    return future;
}

QFuture<void> AbstractClient::sendPacket(const QVariant &packet)
{
    Q_D(AbstractClient);
    return d->sendPacketWithContext(packet, std::any());
}

QFuture<void> AbstractClientPrivate::sendPacketWithContext(const QVariant &packet,
                                                           const std::any &context)
{
    Q_Q(AbstractClient);
    AbstractClientPrivate *const d = this;
    if (q->isClosing())
        return d->failedFuture(d->closedError());
    if (d->m_state != AbstractClient::State::Connected)
        return d->failedFuture(Error(ErrorCode::ConnectionError,
                                     QStringLiteral("not connected yet: wait for waitConnected()")));
    QByteArray bytes;
    try {
        bytes = d->serializePacket(packet);
    } catch (const Exception &e) {
        return d->failedFuture(e.error());
    }
    if (d->m_observedBytesSent)
        Q_EMIT q->bytesSent(bytes);
    QPromise<void> promise;
    promise.start();
    QFuture<void> future = promise.future();
    d->m_bytesQueued += bytes.size();
    d->m_pendingSends.push_back({d->m_bytesQueued, std::move(promise)});
    Error error;
    if (!d->writeBytesWithContext(bytes, context, error)) {
        // Not queued (nothing was written): the transport reported why. Ours is
        // still the last pending send, as writeBytes() queues nothing else.
        QPromise<void> failed = std::move(d->m_pendingSends.back().promise);
        d->m_pendingSends.pop_back();
        d->m_bytesQueued -= bytes.size();
        failed.setException(error.toExceptionPtr());
        failed.finish();
    }
    return future;
}

QFuture<QVariant> AbstractClient::recvPacket()
{
    Q_D(AbstractClient);
    return d->recvPacketWithContext(std::any());
}

QFuture<QVariant> AbstractClientPrivate::recvPacketWithContext(std::any context)
{
    Q_Q(AbstractClient);
    AbstractClientPrivate *const d = this;
    if (q->isClosing())
        return QtFuture::makeExceptionalFuture<QVariant>(d->operationError().toExceptionPtr());
    auto promise = std::make_shared<QPromise<QVariant>>();
    promise->start();
    QFuture<QVariant> future = promise->future();
    d->addReceiver(
        [promise](std::optional<QVariant> &&packet, const Error *error) {
            if (error)
                promise->setException(error->toExceptionPtr());
            else if (packet)
                promise->addResult(std::move(*packet));
            promise->finish();
        },
        QDeadlineTimer::Forever, std::move(context));
    return future;
}

QFuture<void> AbstractClient::close()
{
    Q_D(AbstractClient);
    switch (d->m_state) {
    case State::Closed:
        return QtFuture::makeReadyFuture();
    case State::Closing: {
        QPromise<void> promise;
        promise.start();
        QFuture<void> future = promise.future();
        d->m_closeWaiters.push_back(std::move(promise));
        return future;
    }
    case State::Unconnected:
    case State::Connecting:
        abort();
        return QtFuture::makeReadyFuture();
    case State::Connected:
        break;
    }
    QPromise<void> promise;
    promise.start();
    QFuture<void> future = promise.future();
    d->m_closeWaiters.push_back(std::move(promise));
    d->m_closedByUser = true;
    d->setState(State::Closing);
    // Receivers end now; queued sends still flush before the connection closes.
    auto receivers = std::move(d->m_receivers);
    d->m_receivers.clear();
    const Error closed = d->closedError();
    for (auto &receiver : receivers) {
        delete receiver.timer;
        receiver.deliver(std::nullopt, &closed);
    }
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

ReceivedPacketIterator AbstractClient::receivedPackets(QDeadlineTimer timeout)
{
    return ReceivedPacketIterator(this, timeout);
}

void AbstractClient::connectNotify(const QMetaMethod &signal)
{
    Q_D(AbstractClient);
    if (signal == QMetaMethod::fromSignal(&AbstractClient::bytesSent))
        d->m_observedBytesSent = true;
    else if (signal == QMetaMethod::fromSignal(&AbstractClient::bytesReceived))
        d->m_observedBytesReceived = true;
}

void AbstractClient::disconnectNotify(const QMetaMethod &signal)
{
    Q_D(AbstractClient);
    if (signal == QMetaMethod::fromSignal(&AbstractClient::bytesSent))
        d->m_observedBytesSent = isSignalConnected(signal);
    else if (signal == QMetaMethod::fromSignal(&AbstractClient::bytesReceived))
        d->m_observedBytesReceived = isSignalConnected(signal);
}

// ---------------------------------------------------------------------------

ReceivedPacketIterator::ReceivedPacketIterator(AbstractClient *client, QDeadlineTimer deadline)
    : m_client(client), m_deadline(deadline)
{}

QFuture<std::optional<QVariant>> ReceivedPacketIterator::next()
{
    if (!m_client) {
        const Error closed(ErrorCode::ClientClosed, QStringLiteral("the client is gone"));
        return QtFuture::makeExceptionalFuture<std::optional<QVariant>>(closed.toExceptionPtr());
    }
    if (m_client->isClosing())
        return QtFuture::makeExceptionalFuture<std::optional<QVariant>>(
            m_client->d_func()->operationError().toExceptionPtr());
    auto promise = std::make_shared<QPromise<std::optional<QVariant>>>();
    promise->start();
    QFuture<std::optional<QVariant>> future = promise->future();
    m_client->d_func()->addReceiver(
        [promise](std::optional<QVariant> &&packet, const Error *error) {
            if (error)
                promise->setException(error->toExceptionPtr());
            else
                promise->addResult(std::move(packet));
            promise->finish();
        },
        m_deadline);
    return future;
}

} // namespace EasyNet
