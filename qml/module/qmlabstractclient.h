// QmlAbstractClient: what TcpClient, UdpClient, UnixStreamClient and
// UnixDatagramClient share in QML, in the manner of QtWebSockets' WebSocket:
// - active (applied once the component is complete): true opens a fresh
//   EasyNet client (closed is final there), false closes it; changing an
//   option while active reconnects with the new options.
// - status: Closed, Connecting, Open, Closing, or Error when the connection
//   failed or the peer ended it; errorString holds the last error's message and
//   is cleared when the status changes to anything but Error or Reconnecting.
// - reconnect { enabled: true; ... } (QmlReconnectOptions): a ReconnectingClient
//   makes each connection; status is Reconnecting between a failure and the
//   next connection, Error once it gave up; reconnecting(attempt, delay) and
//   gaveUp() tell each step.
// - idleTimeout, heartbeatInterval (ms, 0: off) and heartbeatPacket (a JS
//   value): the library's liveness options (EasyNet::LivenessOptions) on
//   every client made; a failed idle timeout is an Error like any other (and
//   reconnects, with reconnect enabled).
// - send(value) takes a JS value (see JsPacket) and returns whether it was
//   queued; what cannot be sent is reported through errorOccurred, not thrown.
// - packetReceived(packet) gives JS values (objects with their keys in the
//   order they came, bytes as ArrayBuffer, null as null);
//   a malformed packet is reported through errorOccurred and receiving goes on
//   when the format can find the next packet.
#pragma once

#include "qmlabstractprotocol.h"
#include "qmlreconnectoptions.h"

#include <EasyNet/abstractclient.h>
#include <EasyNet/reconnectingclient.h>

#include <QtCore/QFuture>
#include <QtCore/QPointer>
#include <QtQml/QJSValue>
#include <QtQml/QQmlParserStatus>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace EasyNetQml {

class QmlAbstractClient : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(Client)
    QML_UNCREATABLE("Client is the base of TcpClient, UdpClient, UnixStreamClient and "
                    "UnixDatagramClient")
    Q_PROPERTY(bool active READ isActive WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    Q_PROPERTY(EasyNetQml::QmlAbstractProtocol *protocol READ protocol WRITE setProtocol NOTIFY
                   optionsChanged)
    Q_PROPERTY(EasyNetQml::QmlReconnectOptions *reconnect READ reconnect CONSTANT)
    Q_PROPERTY(int idleTimeout READ idleTimeout WRITE setIdleTimeout NOTIFY optionsChanged)
    Q_PROPERTY(int heartbeatInterval READ heartbeatInterval WRITE setHeartbeatInterval NOTIFY
                   optionsChanged)
    Q_PROPERTY(QJSValue heartbeatPacket READ heartbeatPacket WRITE setHeartbeatPacket NOTIFY
                   optionsChanged)

public:
    enum Status { Closed, Connecting, Open, Closing, Error, Reconnecting };
    Q_ENUM(Status)

    ~QmlAbstractClient() override;

    bool isActive() const { return m_active; }
    void setActive(bool active);
    Status status() const { return m_status; }
    QString errorString() const { return m_errorString; }
    QmlAbstractProtocol *protocol() const { return m_protocol; }
    void setProtocol(QmlAbstractProtocol *protocol);
    QmlReconnectOptions *reconnect() const { return m_reconnect; }
    // Liveness (EasyNet::LivenessOptions), in ms; 0: off.
    int idleTimeout() const { return m_idleTimeout; }
    void setIdleTimeout(int ms) { setOption(m_idleTimeout, ms); }
    int heartbeatInterval() const { return m_heartbeatInterval; }
    void setHeartbeatInterval(int ms) { setOption(m_heartbeatInterval, ms); }
    QJSValue heartbeatPacket() const { return m_heartbeatPacket; }
    void setHeartbeatPacket(const QJSValue &packet)
    {
        m_heartbeatPacket = packet;
        optionChanged();
    }

    Q_INVOKABLE bool send(const QJSValue &value);

    void classBegin() override { }
    void componentComplete() override;

Q_SIGNALS:
    void activeChanged();
    void statusChanged();
    void errorStringChanged();
    // Any option changed (while active, the client reconnects).
    void optionsChanged();
    // packet: see JsPacket::toJs() (undefined for an object without a QML engine).
    void packetReceived(const QJSValue &packet);
    void errorOccurred(const EasyNet::Error &error);
    // With reconnect enabled: the next attempt starts in delay ms.
    void reconnecting(int attempt, int delay);
    // With reconnect enabled: reconnect.maxAttempts attempts failed; status is Error.
    void gaveUp();

protected:
    explicit QmlAbstractClient(QObject *parent);

    // A new, configured EasyNet client (child of this), or null after
    // reporting why it cannot be made.
    virtual EasyNet::AbstractClient *createClient() = 0;
    // The next packet of client; Unix clients take the ancillary data with it.
    virtual QFuture<QVariant> receive(EasyNet::AbstractClient &client);
    // A packet received by receive() is about to be delivered.
    virtual void packetArriving() { }

    // A QML int as a port; out of range gives 0, which the library refuses.
    static quint16 portNumber(int port) { return port >= 0 && port <= 0xffff ? quint16(port) : 0; }
    EasyNet::StreamProtocol streamProtocol() const;
    EasyNet::DatagramProtocol datagramProtocol() const;

    // The client to send on (connecting or open), or null after reporting
    // InvalidOperation.
    EasyNet::AbstractClient *clientToSend();
    // value as a packet, or nullopt after reporting SerializeError.
    std::optional<QVariant> packetFromJs(const QJSValue &value);
    // Whether a send was queued: one that failed at once is reported.
    bool queued(const QFuture<void> &send);
    void reportError(const EasyNet::Error &error);

    template<typename T>
    void setOption(T &member, T value)
    {
        if (member == value)
            return;
        member = std::move(value);
        optionChanged();
    }
    void optionChanged();

private:
    void apply();
    // createClient() with what every client gets: autoRead off, liveness.
    EasyNet::AbstractClient *makeClient();
    void start();
    void startSupervised();
    void stop();
    void retire();
    void receiveNext();
    void onClientError(const EasyNet::Error &error);
    void onClientState(EasyNet::AbstractClient::State state);
    void updateStatus();
    Status supervisedStatus() const;

    QPointer<QmlAbstractProtocol> m_protocol;
    QmlReconnectOptions *m_reconnect;
    // With reconnect enabled: the supervisor, whose current client is
    // m_client while connected (null otherwise).
    QPointer<EasyNet::ReconnectingClient> m_supervisor;
    EasyNet::ReconnectingClient::State m_supervisorState
        = EasyNet::ReconnectingClient::State::Unconnected;
    QPointer<EasyNet::AbstractClient> m_client;
    bool m_complete = false;
    bool m_active = false;
    bool m_stopping = false; // the close was ours
    bool m_broken = false; // the connection failed or the peer ended it
    // The client's state and whether it reported an error, as its signals told
    // (they come from the event loop, after the calls that caused them).
    EasyNet::AbstractClient::State m_clientState = EasyNet::AbstractClient::State::Unconnected;
    bool m_clientErred = false;
    bool m_setupFailed = false;
    Status m_status = Closed;
    int m_idleTimeout = 0;
    int m_heartbeatInterval = 0;
    QJSValue m_heartbeatPacket;
    QString m_errorString;
};

} // namespace EasyNetQml
