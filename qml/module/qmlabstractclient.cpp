#include "qmlabstractclient.h"

#include "jspacket.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QFutureWatcher>
#include <QtQml/QQmlEngine>

namespace EasyNetQml {

using EasyNet::AbstractClient;
using EasyNet::ErrorCode;

QmlAbstractClient::QmlAbstractClient(QObject *parent) : QObject(parent) { }

QmlAbstractClient::~QmlAbstractClient()
{
    // The EasyNet client is a child: it closes when deleted; tell us nothing.
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
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
    } else if (AbstractClient *client = createClient()) {
        m_client = client;
        m_clientState = AbstractClient::State::Unconnected;
        m_clientErred = false;
        client->setAutoRead(false); // receive() pulls, with ancillary data where there is some
        connect(client, &AbstractClient::stateChanged, this, &QmlAbstractClient::onClientState);
        connect(client, &AbstractClient::errorOccurred, this, &QmlAbstractClient::onClientError);
        client->open();
        receiveNext();
    } else {
        m_setupFailed = true;
    }
    updateStatus();
}

void QmlAbstractClient::stop()
{
    m_setupFailed = false;
    if (m_client) {
        m_stopping = true; // also after a failure: Error becomes Closed
        if (m_client->state() != AbstractClient::State::Closed)
            m_client->close();
    }
    updateStatus();
}

void QmlAbstractClient::retire()
{
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
    if (m_status == Connecting || m_status == Open)
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
    if (status != Error && !m_errorString.isEmpty()) {
        m_errorString.clear();
        Q_EMIT errorStringChanged();
    }
    Q_EMIT statusChanged();
}

} // namespace EasyNetQml
