// ConsoleSession: one console's connection: its settings, the client they make,
// the composer, the packet log and the counters, tied together so that a
// console face (the Widgets window, the QML console, --cli) only binds to it.
//
//   ConsoleSession session;
//   session.settings()->setUrl(QStringLiteral("tcp://127.0.0.1:9000"));
//   session.connectToPeer();
//   session.send(QVariantMap{{"cmd", "ping"}});   // logged as sent; the echo as received
//
// Every packet sent or received is a row of log(); a sent row's raw bytes are
// the ones the client reports with bytesSent() (filled in from the event loop
// once the client queued them), so they are what went on the wire. A packet the
// protocol cannot parse is a parse-error row (the reason, the offset, whether
// the stream went on); connection events (connected, closed, errors) are event
// rows. A peer that ends its stream is logged and the connection is then
// closed, so the state shows it. Packets are pulled one at a time
// (recvPacket()), so a flooding peer is held back by its socket rather than the
// event loop; on Unix transports they come with their ancillary data: received
// descriptors are described in the row and closed; files can be attached to the
// next packet.
//
// A connection that fails or is lost (the echo server restarting, say) is made
// again by itself, with backoff (EasyNet::ReconnectingClient: from 500 ms up
// to 5 s, each attempt a fresh client from settings(), logged with its delay),
// until it succeeds or disconnectFromPeer() or connectToPeer() is called.
//
// The TLS session is described in tlsInfo once connected: {protocol, cipher,
// verified, certificates: [{subject, issuer, notBefore, notAfter, errors}],
// proxy}, proxy being "SOCKS5 proxy host:port" or "HTTP proxy host:port" when
// the connection went through one (else empty); peer then names the target
// and the proxy ("example.org:443 via SOCKS5 proxy 127.0.0.1:1080").
#pragma once

#include "composer.h"
#include "connectionsettings.h"
#include "echoserver.h"
#include "packetlogfiltermodel.h"
#include "packetlogmodel.h"
#include "rulemodel.h"

#include <EasyNet/abstractclient.h>
#include <EasyNet/errors.h>
#include <EasyNet/reconnectingclient.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <deque>
#include <memory>
#include <optional>

namespace EasyNet {
class AbstractUnixClient;
class SocketAncillary;
} // namespace EasyNet

namespace EasyNetConsole {

class PacketTemplate;
class StreamFrameRecorder;

class ConsoleSession : public QObject
{
    Q_OBJECT
    Q_PROPERTY(EasyNetConsole::ConnectionSettings *settings READ settings CONSTANT)
    Q_PROPERTY(EasyNetConsole::Composer *composer READ composer CONSTANT)
    Q_PROPERTY(EasyNetConsole::PacketLogModel *log READ log CONSTANT)
    Q_PROPERTY(EasyNetConsole::PacketLogFilterModel *filteredLog READ filteredLog CONSTANT)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString stateText READ stateText NOTIFY stateChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY stateChanged)
    Q_PROPERTY(QString peer READ peer NOTIFY stateChanged)
    Q_PROPERTY(QString localAddress READ localAddress NOTIFY stateChanged)
    Q_PROPERTY(qint64 packetsSent READ packetsSent NOTIFY countersChanged)
    Q_PROPERTY(qint64 packetsReceived READ packetsReceived NOTIFY countersChanged)
    Q_PROPERTY(qint64 bytesSent READ bytesSent NOTIFY countersChanged)
    Q_PROPERTY(qint64 bytesReceived READ bytesReceived NOTIFY countersChanged)
    Q_PROPERTY(qint64 parseErrors READ parseErrors NOTIFY countersChanged)
    Q_PROPERTY(double packetsPerSecond READ packetsPerSecond NOTIFY countersChanged)
    Q_PROPERTY(double lastRoundTrip READ lastRoundTrip NOTIFY countersChanged)
    Q_PROPERTY(QVariantMap tlsInfo READ tlsInfo NOTIFY tlsInfoChanged)
    Q_PROPERTY(QStringList attachedFiles READ attachedFiles NOTIFY attachmentsChanged)
    Q_PROPERTY(EasyNetConsole::EchoServer *echoServer READ echoServer NOTIFY echoServerChanged)
    Q_PROPERTY(EasyNetConsole::RuleModel *rules READ rules CONSTANT)
    Q_PROPERTY(bool servesRules READ servesRules NOTIFY echoServerChanged)
    Q_PROPERTY(bool sendCredentials READ sendCredentials WRITE setSendCredentials NOTIFY
                   attachmentsChanged)

public:
    enum class State { Disconnected, Connecting, Connected, Closing, Error };
    Q_ENUM(State)

    static constexpr int CountersInterval = 100; // ms

    explicit ConsoleSession(QObject *parent = nullptr);
    ~ConsoleSession() override;

    ConnectionSettings *settings() const { return m_settings; }
    Composer *composer() const { return m_composer; }
    PacketLogModel *log() const { return m_log; }
    PacketLogFilterModel *filteredLog() const { return m_filteredLog; }
    // The current client (null before the first connectToPeer()).
    EasyNet::AbstractClient *client() const { return m_client; }

    State state() const { return m_state; }
    QString stateText() const;
    // The last connection error (empty when none).
    QString errorString() const { return m_errorString; }
    // The peer's and the own address while connected ("127.0.0.1:9000", "/tmp/s").
    QString peer() const { return m_peer; }
    QString localAddress() const { return m_localAddress; }

    qint64 packetsSent() const { return m_packetsSent; }
    qint64 packetsReceived() const { return m_packetsReceived; }
    qint64 bytesSent() const { return m_bytesSent; }
    qint64 bytesReceived() const { return m_bytesReceived; }
    qint64 parseErrors() const { return m_parseErrors; }
    // Packets both ways in the last whole second.
    double packetsPerSecond() const { return m_packetsPerSecond; }
    // Milliseconds from the last packet sent to the first packet received after
    // it; -1 before any.
    double lastRoundTrip() const { return m_lastRoundTrip; }
    QVariantMap tlsInfo() const { return m_tlsInfo; }

    // Unix transports: files whose descriptors go with the next packet sent.
    QStringList attachedFiles() const { return m_attachedFiles; }
    Q_INVOKABLE void attachFiles(const QStringList &paths);
    Q_INVOKABLE void clearAttachments();
    // Unix transports: send this process's credentials with the next packet.
    bool sendCredentials() const { return m_sendCredentials; }
    void setSendCredentials(bool send);

    // A new client from settings(), opened; false (with errorString()) when the
    // settings are invalid. A connection still open is aborted first; one
    // that is closing (disconnectFromPeer()) is let finish, and the new one
    // starts then (the state says so until then, and disconnectFromPeer()
    // cancels it).
    Q_INVOKABLE bool connectToPeer();
    // Graceful close (queued packets are flushed).
    Q_INVOKABLE void disconnectFromPeer();
    // Closes the write side (TCP, Unix stream); false when the transport has none.
    Q_INVOKABLE bool sendEof();
    // Sends one packet (with the attachments on Unix transports, which are then
    // cleared); false when not connected or connecting. A packet the protocol
    // cannot encode is logged as an error. sendError() tells why it was not sent.
    Q_INVOKABLE bool send(const QVariant &packet);
    // Why the last send() returned false ("not connected", the protocol's
    // reason); empty after one that succeeded.
    QString sendError() const { return m_sendError; }
    // Stream transports: the bytes of the packet the peer had begun when it
    // closed the connection (empty when it closed between packets, as it should).
    QByteArray unfinishedPacket() const;
    // How the log tells that the peer closed the connection: "the peer closed
    // the connection", with the bytes lost when in the middle of a packet.
    QString peerClosedText() const;
    // Sends the composer's packet with fresh variable values (Composer::makePacket());
    // false when it is not valid (sendError() says why) or not sent.
    Q_INVOKABLE bool sendComposed();
    // Sends a packet typed as packet (a library packet, a repeat's) with fresh
    // variable values, {{counter}} being the connection's counter (the
    // composer's), which then goes on by one when packet has variables; false
    // when it does not render or parse or is not sent (sendError() says why).
    bool sendTemplate(const PacketTemplate &packet);
    // Sends the packet of a log row (of log(), not of filteredLog()) again;
    // false when the row holds no packet.
    Q_INVOKABLE bool resend(int row);
    Q_INVOKABLE void resetCounters();
    // The log as a pcapng capture for Wireshark (SessionCapture::exportSession())
    // at path: an empty string on success, else the reason.
    Q_INVOKABLE QString exportPcapng(const QString &path);

    // The built-in echo server: starts one of the transport with the settings'
    // protocol on 127.0.0.1 (any free port) or a fresh abstract Unix name, and
    // points the settings at it (a TLS one's certificate trusted). Replaces a
    // running one; false (with errorString()) when it cannot listen.
    Q_INVOKABLE bool startEchoServer(EasyNetConsole::ConnectionSettings::Transport transport);
    // The same, the server answering by rules() (a RuleResponder with the
    // settings' protocol) instead of echoing: each packet a rule answers is
    // an event row (the rule's name, the client, the packet). False (with
    // errorString()) when the rules have a problem or it cannot listen.
    Q_INVOKABLE bool startRuleServer(EasyNetConsole::ConnectionSettings::Transport transport);
    Q_INVOKABLE void stopEchoServer();
    // The echo server transport of the same name as a connection's transport.
    static EchoServer::Transport echoServerTransport(ConnectionSettings::Transport transport);
    // The running built-in server, or null.
    EchoServer *echoServer() const { return m_echoServer.get(); }
    // The rules startRuleServer() serves (the rule editors edit them).
    RuleModel *rules() const { return m_rules; }
    // Whether the running built-in server answers by rules (else it echoes).
    bool servesRules() const { return m_echoServer && m_servesRules; }
    // Whether the settings point at the running built-in server (whose port
    // changes every run: no connection to remember).
    bool pointsAtEchoServer() const;
    // The current client's proxy as ConnectionSettings::describeProxy() shows
    // it; empty when it connects directly.
    QString proxyDescription() const;

Q_SIGNALS:
    void stateChanged();
    void countersChanged();
    void tlsInfoChanged();
    void attachmentsChanged();
    void echoServerChanged();
    // Every packet received, in order (for --cli and tests), after its row is queued.
    void packetReceived(const QVariant &packet);
    // Every packet the client wrote, in send order, with its bytes on the wire
    // (for --cli, which sends the next one then, and tests).
    void packetSent(const QByteArray &bytes);
    // A packet that could not be parsed, after its row is queued.
    void parseErrorOccurred(const EasyNet::ParseError &error);

private:
    void setState(State state);
    // Makes client, fresh from the supervisor's factory, the current one.
    void adoptClient(EasyNet::AbstractClient *client);
    void bindClient();
    void onClientState(EasyNet::AbstractClient::State state);
    void onConnected();
    void onPacket(const QVariant &packet, const EasyNet::SocketAncillary *ancillary);
    void onError(const EasyNet::Error &error);
    void pullNext();
    // A row stamped with the connection: its peer, own address and number.
    PacketLogEntry newEntry(PacketLogEntry::Direction direction) const;
    // isError: a failure (a connection that failed, a packet not sent), a
    // row of its own colour in the views. peer: the row's peer when not the
    // connection's (a client of the built-in server).
    void logEvent(const QString &message, bool isError = false,
                  PacketLogEntry::ConnectionEvent connectionEvent
                  = PacketLogEntry::ConnectionEvent::None,
                  const QString &peer = {});
    // Starts the built-in server of transport answering with responder (see
    // startEchoServer()), a RuleResponder when byRules.
    bool startServer(ConnectionSettings::Transport transport,
                     std::unique_ptr<ServerResponder> responder, bool byRules);
    void updateRate();
    void countersTouched();
    QByteArray wireBytes(const QVariant &packet) const;
    QVariantMap describeTls() const;
    // What the handshake of client (a TcpClient or UdpClient) agreed.
    template<typename Client>
    QVariantMap describeTls(const Client &client) const;
    QString describeEndpoint(bool peer) const;
    // The client as a Unix one (ancillary data, Unix addresses); null for TCP and UDP.
    EasyNet::AbstractUnixClient *unixClient() const;

    ConnectionSettings *m_settings;
    Composer *m_composer;
    PacketLogModel *m_log;
    PacketLogFilterModel *m_filteredLog;
    // Makes the connections (a child of the session).
    EasyNet::ReconnectingClient *m_link;
    // The current connection's client, a child of m_link, which deletes
    // replaced ones later (they may be emitting a signal when a slot connects
    // again).
    QPointer<EasyNet::AbstractClient> m_client;
    // Counts clients, so that a pull continuation of an old client does nothing.
    quint64 m_generation = 0;
    bool m_failed = false;
    bool m_closedByPeer = false;
    bool m_connectWhenClosed = false;
    State m_state = State::Disconnected;
    QString m_errorString;
    QString m_sendError;
    QString m_peer;
    QString m_localAddress;
    QByteArray m_lastDatagram;
    // The log serials of the sent rows whose bytes bytesSent() has not
    // reported yet, oldest first. The client reports each packet it takes
    // once, with exactly its serialized bytes (writes coalesced later do not
    // merge the reports), in the order the packets were sent; a packet it
    // refuses fails at once and gets no report, and is not logged as sent.
    std::deque<qint64> m_sentAwaitingBytes;
    // Stream transports: each packet's own bytes, for its row.
    std::unique_ptr<StreamFrameRecorder> m_frames;
    qint64 m_packetsSent = 0;
    qint64 m_packetsReceived = 0;
    qint64 m_bytesSent = 0;
    qint64 m_bytesReceived = 0;
    qint64 m_parseErrors = 0;
    qint64 m_packetsAtLastTick = 0;
    double m_packetsPerSecond = 0;
    double m_lastRoundTrip = -1;
    QElapsedTimer m_sinceSend;
    bool m_awaitingReply = false;
    QTimer m_rateTimer;
    // countersChanged() at most every CountersInterval ms: a flood must not
    // re-evaluate the views' bindings per packet.
    QTimer m_countersTimer;
    QElapsedTimer m_sinceTick;
    QVariantMap m_tlsInfo;
    std::unique_ptr<EchoServer> m_echoServer;
    RuleModel *m_rules;
    bool m_servesRules = false;
    QStringList m_attachedFiles;
    bool m_sendCredentials = false;
};

} // namespace EasyNetConsole
