// QmlAbstractClient: what TcpClient, UdpClient, UnixStreamClient and
// UnixDatagramClient share in QML, in the manner of QtWebSockets' WebSocket:
// - active (applied once the component is complete): true opens a fresh
//   EasyNet client (closed is final there), false closes it; changing an
//   option while active reconnects with the new options.
// - status: Closed, Connecting, Open, Closing, or Error when the connection
//   failed or the peer ended it; errorString holds the last error's message and
//   is cleared when the status changes to anything but Error.
// - send(value) takes a JS value (see JsPacket) and returns whether it was
//   queued; what cannot be sent is reported through errorOccurred, not thrown.
// - packetReceived(packet) gives JS values (objects with their keys in the
//   order they came, bytes as ArrayBuffer, null as null);
//   a malformed packet is reported through errorOccurred and receiving goes on
//   when the format can find the next packet.
#pragma once

#include "qmlabstractprotocol.h"

#include <EasyNet/abstractclient.h>

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

public:
    enum Status { Closed, Connecting, Open, Closing, Error };
    Q_ENUM(Status)

    ~QmlAbstractClient() override;

    bool isActive() const { return m_active; }
    void setActive(bool active);
    Status status() const { return m_status; }
    QString errorString() const { return m_errorString; }
    QmlAbstractProtocol *protocol() const { return m_protocol; }
    void setProtocol(QmlAbstractProtocol *protocol);

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
    void start();
    void stop();
    void retire();
    void receiveNext();
    void onClientError(const EasyNet::Error &error);
    void onClientState(EasyNet::AbstractClient::State state);
    void updateStatus();

    QPointer<QmlAbstractProtocol> m_protocol;
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
    QString m_errorString;
};

} // namespace EasyNetQml
