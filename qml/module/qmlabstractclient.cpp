#include "qmlabstractclient.h"

#include "jspacket.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QFutureWatcher>
#include <QtQml/QQmlEngine>

namespace EasyNetQml {

using EasyNet::AbstractClient;
using EasyNet::ErrorCode;

QmlAbstractClient::QmlAbstractClient(QObject *parent)
    : QObject(parent), m_reconnect(new QmlReconnectOptions(this))
{
    connect(m_reconnect, &QmlReconnectOptions::changed, this, &QmlAbstractClient::optionChanged);
}

QmlAbstractClient::~QmlAbstractClient()
{
    // The EasyNet client (or its supervisor) is a child: it closes when
    // deleted; tell us nothing.
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    if (m_supervisor)
        disconnect(m_supervisor, nullptr, this, nullptr);
}

void QmlAbstractClient::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    Q_EMIT activeChanged();
    apply();
}

void QmlAbstractClient::setProtocol(QmlAbstractProtocol *protocol)
{
    if (QmlAbstractProtocol::follow(m_protocol, protocol, this, &QmlAbstractClient::optionChanged))
        optionChanged();
}

void QmlAbstractClient::componentComplete()
{
    m_complete = true;
    apply();
}

void QmlAbstractClient::optionChanged()
{
    Q_EMIT optionsChanged();
    if (m_active)
        apply();
}

void QmlAbstractClient::apply()
{
    if (!m_complete)
        return;
    if (m_active)
        start();
    else
        stop();
}

void QmlAbstractClient::start()
{
    retire();
    m_stopping = false;
    m_broken = false;
    m_setupFailed = false;
    if (m_protocol && !m_protocol->isValid()) {
        m_setupFailed = true;
        reportError(EasyNet::Error(ErrorCode::InvalidArgument, m_protocol->errorString()));
    } else if (m_reconnect->isEnabled()) {
        startSupervised();
    } else if (AbstractClient *client = makeClient()) {
        m_client = client;
        m_clientState = AbstractClient::State::Unconnected;
        m_clientErred = false;
        connect(client, &AbstractClient::stateChanged, this, &QmlAbstractClient::onClientState);
        connect(client, &AbstractClient::errorOccurred, this, &QmlAbstractClient::onClientError);
        client->open();
        receiveNext();
    } else {
        m_setupFailed = true;
    }
    updateStatus();
}

AbstractClient *QmlAbstractClient::makeClient()
{
    std::optional<QVariant> heartbeat;
    if (m_heartbeatInterval > 0 && !(heartbeat = packetFromJs(m_heartbeatPacket)))
        return nullptr;
    AbstractClient *client = createClient();
    if (!client)
        return nullptr;
    client->setAutoRead(false); // receive() pulls, with ancillary data where there is some
    const bool accepted = client->setIdleTimeout(std::chrono::milliseconds(m_idleTimeout))
        && client->setHeartbeatInterval(std::chrono::milliseconds(m_heartbeatInterval))
        && (!heartbeat || client->setHeartbeatPacket(*heartbeat));
    if (!accepted) {
        reportError(client->lastError());
        delete client;
        return nullptr;
    }
    return client;
}

void QmlAbstractClient::startSupervised()
{
    using EasyNet::ReconnectingClient;
    auto *supervisor = new ReconnectingClient(this);
    m_supervisor = supervisor;
    connect(supervisor, &ReconnectingClient::errorOccurred, this,
            &QmlAbstractClient::onClientError);
    connect(supervisor, &ReconnectingClient::stateChanged, this,
            [this, supervisor](ReconnectingClient::State state) {
                m_supervisorState = state;
                m_client = state == ReconnectingClient::State::Connected ? supervisor->client()
                                                                         : nullptr;
                updateStatus();
            });
    connect(supervisor, &ReconnectingClient::connected, this, [this] {
        if (m_client)
            receiveNext();
    });
    connect(supervisor, &ReconnectingClient::reconnecting, this,
            [this](int attempt, std::chrono::milliseconds delay) {
                Q_EMIT reconnecting(attempt, int(delay.count()));
            });
    connect(supervisor, &ReconnectingClient::gaveUp, this, &QmlAbstractClient::gaveUp);
    supervisor->setClientFactory([this] { return std::unique_ptr<AbstractClient>(makeClient()); });
    // A refused option comes back through errorOccurred.
    m_setupFailed = !m_reconnect->configure(*supervisor);
    if (!m_setupFailed)
        supervisor->open();
    m_supervisorState = supervisor->state();
}

void QmlAbstractClient::stop()
{
    m_setupFailed = false;
    if (m_supervisor) {
        m_stopping = true;
        m_supervisor->close();
    } else if (m_client) {
        m_stopping = true; // also after a failure: Error becomes Closed
        if (m_client->state() != AbstractClient::State::Closed)
            m_client->close();
    }
    updateStatus();
}

void QmlAbstractClient::retire()
{
    if (EasyNet::ReconnectingClient *supervisor = m_supervisor) {
        m_supervisor = nullptr;
        m_client = nullptr; // the supervisor's
        disconnect(supervisor, nullptr, this, nullptr);
        // It goes once its connection closed gracefully.
        auto *closing = new QFutureWatcher<void>(supervisor);
        connect(closing, &QFutureWatcherBase::finished, supervisor, &QObject::deleteLater);
        closing->setFuture(supervisor->close());
        return;
    }
    AbstractClient *old = m_client;
    if (!old)
        return;
    m_client = nullptr;
    disconnect(old, nullptr, this, nullptr);
    // A graceful close flushes what was queued; the object goes once closed.
    if (old->state() == AbstractClient::State::Closed) {
        old->deleteLater();
    } else {
        connect(old, &AbstractClient::closed, old, &QObject::deleteLater);
        old->close();
    }
}

QFuture<QVariant> QmlAbstractClient::receive(AbstractClient &client)
{
    return client.recvPacket();
}

void QmlAbstractClient::receiveNext()
{
    // A watcher rather than QFuture::then(this, ...): in Qt 6.4 a continuation
    // whose context object is gone asserts; the watcher goes with this.
    auto *watcher = new QFutureWatcher<QVariant>(this);
    const QPointer<AbstractClient> client = m_client;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, client] {
        watcher->deleteLater();
        if (client != m_client)
            return;
        QVariant packet;
        try {
            packet = watcher->result();
        } catch (const EasyNet::Exception &e) {
            // The error itself came through errorOccurred; go on only past a
            // packet the format could skip.
            if (e.error().parseError().isRecoverable()
                && client->state() == AbstractClient::State::Connected)
                receiveNext();
            return;
        }
        packetArriving();
        QJSEngine *engine = qjsEngine(this);
        Q_EMIT packetReceived(engine ? JsPacket::toJs(*engine, packet) : QJSValue());
        if (client == m_client) // a handler may have reconnected
            receiveNext();
    });
    watcher->setFuture(receive(*client));
}

EasyNet::StreamProtocol QmlAbstractClient::streamProtocol() const
{
    return m_protocol ? m_protocol->streamProtocol() : EasyNet::StreamProtocol();
}

EasyNet::DatagramProtocol QmlAbstractClient::datagramProtocol() const
{
    return m_protocol ? m_protocol->datagramProtocol() : EasyNet::DatagramProtocol();
}

AbstractClient *QmlAbstractClient::clientToSend()
{
    if (m_client && (m_status == Connecting || m_status == Open))
        return m_client;
    reportError(EasyNet::Error(ErrorCode::InvalidOperation,
                               tr("not sent: the client is not connecting or open")));
    return nullptr;
}

std::optional<QVariant> QmlAbstractClient::packetFromJs(const QJSValue &value)
{
    QJSEngine *engine = qjsEngine(this);
    QString why;
    std::optional<QVariant> packet;
    if (engine)
        packet = JsPacket::fromJs(*engine, value, &why);
    else
        why = tr("no QML engine");
    if (!packet)
        reportError(EasyNet::Error(ErrorCode::SerializeError, tr("not sent: %1").arg(why)));
    return packet;
}

bool QmlAbstractClient::send(const QJSValue &value)
{
    if (m_supervisor) { // it queues while not connected, or says why not
        const std::optional<QVariant> packet = packetFromJs(value);
        return packet && queued(m_supervisor->sendPacket(*packet));
    }
    AbstractClient *client = clientToSend();
    if (!client)
        return false;
    const std::optional<QVariant> packet = packetFromJs(value);
    return packet && queued(client->sendPacket(*packet));
}

bool QmlAbstractClient::queued(const QFuture<void> &send)
{
    if (!send.isFinished())
        return true;
    try {
        QFuture<void>(send).waitForFinished(); // rethrows the failure
    } catch (const EasyNet::Exception &e) {
        reportError(e.error());
        return false;
    }
    return true;
}

void QmlAbstractClient::reportError(const EasyNet::Error &error)
{
    if (m_errorString != error.message()) {
        m_errorString = error.message();
        Q_EMIT errorStringChanged();
    }
    Q_EMIT errorOccurred(error);
    updateStatus();
}

void QmlAbstractClient::onClientState(AbstractClient::State state)
{
    m_clientState = state;
    updateStatus();
}

void QmlAbstractClient::onClientError(const EasyNet::Error &error)
{
    m_clientErred = true;
    if (m_stopping && error.code() == ErrorCode::ClientClosed)
        return; // our own close
    if (error.isConnectionError() || error.code() == ErrorCode::EndOfStream)
        m_broken = true;
    reportError(error);
}

void QmlAbstractClient::updateStatus()
{
    Status status = Closed;
    if (m_setupFailed) {
        status = Error;
    } else if (m_supervisor) {
        status = supervisedStatus();
    } else if (m_client) {
        const AbstractClient::State state = m_clientState;
        const bool ending
            = state == AbstractClient::State::Closing || state == AbstractClient::State::Closed;
        if (m_stopping)
            status = state == AbstractClient::State::Closed ? Closed : Closing;
        else if (m_broken || (ending && m_clientErred))
            status = Error;
        else if (ending)
            status = state == AbstractClient::State::Closed ? Closed : Closing;
        else
            status = state == AbstractClient::State::Connected ? Open : Connecting;
    }
    if (status == m_status)
        return;
    m_status = status;
    // While reconnecting, the error says why.
    if (status != Error && status != Reconnecting && !m_errorString.isEmpty()) {
        m_errorString.clear();
        Q_EMIT errorStringChanged();
    }
    Q_EMIT statusChanged();
}

QmlAbstractClient::Status QmlAbstractClient::supervisedStatus() const
{
    using State = EasyNet::ReconnectingClient::State;
    if (m_stopping)
        return m_supervisorState == State::Unconnected ? Closed : Closing;
    switch (m_supervisorState) {
    case State::Connecting: return Connecting;
    case State::Connected: return Open;
    case State::Reconnecting: return Reconnecting;
    case State::Unconnected: break;
    }
    return Error; // it gave up, or could not start
}

} // namespace EasyNetQml
