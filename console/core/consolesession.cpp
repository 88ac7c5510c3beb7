#include "consolesession.h"

#include "descriptorinfo.h"
#include "echoresponder.h"
#include "echoserver.h"
#include "packetformat.h"
#include "packettemplate.h"
#include "ruleresponder.h"
#include "sessioncapture.h"
#include "streamframerecorder.h"

#include <EasyNet/abstractunixclient.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/socketancillary.h>
#include <EasyNet/tcpclient.h>
#include <EasyNet/udpclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QFutureWatcher>
#include <QtNetwork/QSslCipher>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

using namespace EasyNet;

namespace EasyNetConsole {

namespace {

QString inetName(const QHostAddress &address, quint16 port)
{
    if (address.isNull())
        return {};
    return address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]:%2").arg(address.toString()).arg(port)
        : QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

} // namespace

ConsoleSession::ConsoleSession(QObject *parent)
    : QObject(parent)
    , m_settings(new ConnectionSettings(this))
    , m_composer(new Composer(this))
    , m_log(new PacketLogModel(this))
    , m_filteredLog(new PacketLogFilterModel(this))
    , m_link(new ReconnectingClient(this))
    , m_rules(new RuleModel(this))
{
    ReconnectPolicy policy;
    policy.initialDelay = std::chrono::milliseconds(500);
    policy.maxDelay = std::chrono::milliseconds(5000);
    m_link->setPolicy(policy);
    connect(m_link, &ReconnectingClient::reconnecting, this,
            [this](int attempt, std::chrono::milliseconds delay) {
                logEvent(tr("reconnecting in %1 ms (attempt %2)").arg(delay.count()).arg(attempt));
            });
    m_composer->setSettings(m_settings);
    m_filteredLog->setSourceModel(m_log);
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, &ConsoleSession::updateRate);
    m_countersTimer.setSingleShot(true);
    m_countersTimer.setInterval(CountersInterval);
    connect(&m_countersTimer, &QTimer::timeout, this, &ConsoleSession::countersChanged);
}

ConsoleSession::~ConsoleSession()
{
    // Before QObject's destructor: the clients' futures finish while they die
    // (with the supervisor that made them), and their continuations must find
    // the session whole (and ignore them).
    ++m_generation;
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    delete m_link;
}

QString ConsoleSession::stateText() const
{
    switch (m_state) {
    case State::Disconnected:
        if (m_closedByPeer)
            return tr("closed by the peer");
        return m_generation > 0 ? tr("closed") : tr("not connected");
    case State::Connecting: return tr("connecting");
    case State::Connected: return tr("connected");
    case State::Closing:
        return m_connectWhenClosed ? tr("closing, then connecting again") : tr("closing");
    case State::Error: return tr("error: %1").arg(m_errorString);
    }
    return {};
}

void ConsoleSession::setState(State state)
{
    QString peer = m_peer;
    QString local = m_localAddress;
    if (state == State::Connected || state == State::Connecting) {
        peer = describeEndpoint(true);
        local = describeEndpoint(false);
    }
    if (state == m_state && peer == m_peer && local == m_localAddress)
        return;
    m_state = state;
    m_peer = peer;
    m_localAddress = local;
    Q_EMIT stateChanged();
}

bool ConsoleSession::connectToPeer()
{
    if (m_state == State::Closing && m_settings->errorString().isEmpty()) {
        // The close goes on (what is queued is flushed); the new connection
        // starts once it is done (onClientState()).
        if (!m_connectWhenClosed) {
            m_connectWhenClosed = true;
            logEvent(tr("connecting once the connection is closed"));
            Q_EMIT stateChanged();
        }
        return true;
    }
    m_connectWhenClosed = false;
    m_composer->setCounter(1); // {{counter}} counts per connection
    QString error;
    std::unique_ptr<AbstractClient> client = m_settings->createClient(&error);
    if (!client) {
        m_errorString = error;
        logEvent(tr("cannot connect: %1").arg(error), true);
        setState(State::Error);
        return false;
    }
    // The current connection closes without telling, and gives way to this one.
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    m_link->close();
    auto first = std::make_shared<std::unique_ptr<AbstractClient>>(std::move(client));
    m_link->setClientFactory([this, first] {
        std::unique_ptr<AbstractClient> next = std::move(*first);
        QString why;
        if (!next)
            next = m_settings->createClient(&why);
        if (next)
            adoptClient(next.get());
        else
            logEvent(tr("cannot reconnect: %1").arg(why));
        return next;
    });
    m_link->open();
    // The client tells its state changes from the event loop; the session is
    // connecting from now on, so that what is sent now is queued.
    setState(State::Connecting);
    return true;
}

void ConsoleSession::adoptClient(AbstractClient *client)
{
    ++m_generation;
    m_client = client;
    m_errorString.clear();
    m_failed = false;
    m_closedByPeer = false;
    m_awaitingReply = false;
    m_lastDatagram.clear();
    m_sentAwaitingBytes.clear();
    m_frames.reset();
    if (m_settings->isStreamTransport())
        m_frames = std::make_unique<StreamFrameRecorder>(*m_settings->protocol()->streamProtocol(),
                                                         m_settings->protocol()->maxPacketSize());
    if (!m_tlsInfo.isEmpty()) {
        m_tlsInfo.clear();
        Q_EMIT tlsInfoChanged();
    }
    bindClient();
    m_client->open();
    // The client tells its state changes from the event loop; the session is
    // connecting from now on, so that what is sent now is queued. The peer
    // is the new one from here on (the target, until the socket knows it),
    // the row that says so included.
    setState(State::Connecting);
    if (const QString proxy = proxyDescription(); !proxy.isEmpty())
        logEvent(tr("connecting to %1 via %2").arg(m_settings->url(), proxy));
    else
        logEvent(tr("connecting to %1").arg(m_settings->url()));
}

void ConsoleSession::bindClient()
{
    AbstractClient *client = m_client;
    connect(client, &AbstractClient::stateChanged, this, &ConsoleSession::onClientState);
    connect(client, &AbstractClient::connected, this, &ConsoleSession::onConnected);
    connect(client, &AbstractClient::errorOccurred, this, &ConsoleSession::onError);
    connect(client, &AbstractClient::bytesSent, this, [this](const QByteArray &bytes) {
        m_bytesSent += bytes.size();
        // One serialized packet each, in the order send() queued them (see
        // m_sentAwaitingBytes).
        if (!m_sentAwaitingBytes.empty()) {
            m_log->setRaw(m_sentAwaitingBytes.front(), bytes);
            m_sentAwaitingBytes.pop_front();
        }
        countersTouched();
        Q_EMIT packetSent(bytes);
    });
    const bool datagrams = !m_settings->isStreamTransport();
    connect(client, &AbstractClient::bytesReceived, this,
            [this, datagrams](const QByteArray &bytes) {
                m_bytesReceived += bytes.size();
                if (datagrams)
                    m_lastDatagram = bytes; // one read is one datagram
                else if (m_frames)
                    m_frames->feed(bytes);
                countersTouched();
            });
    // Packets are pulled one per event-loop turn (see pullNext()), never
    // pushed: a flooding peer then cannot keep the window from repainting, it
    // is slowed down by its socket instead; and Unix packets come with their
    // ancillary data.
    client->setAutoRead(false);
}

void ConsoleSession::onClientState(AbstractClient::State state)
{
    switch (state) {
    case AbstractClient::State::Unconnected: setState(State::Disconnected); break;
    case AbstractClient::State::Connecting: setState(State::Connecting); break;
    case AbstractClient::State::Connected: setState(State::Connected); break;
    case AbstractClient::State::Closing: setState(State::Closing); break;
    case AbstractClient::State::Closed:
        m_rateTimer.stop();
        updateRate();
        logEvent(m_failed ? tr("closed: %1").arg(m_errorString) : tr("closed"), m_failed,
                 PacketLogEntry::ConnectionEvent::Closed);
        setState(m_failed ? State::Error : State::Disconnected);
        if (std::exchange(m_connectWhenClosed, false))
            connectToPeer();
        break;
    }
}

void ConsoleSession::onConnected()
{
    setState(State::Connected);
    logEvent(tr("connected to %1 from %2").arg(m_peer, m_localAddress), false,
             PacketLogEntry::ConnectionEvent::Established);
    m_packetsAtLastTick = m_packetsSent + m_packetsReceived;
    m_sinceTick.start();
    m_rateTimer.start();
    if (m_settings->isSecureTransport()) {
        m_tlsInfo = describeTls();
        Q_EMIT tlsInfoChanged();
    }
    pullNext();
}

void ConsoleSession::pullNext()
{
    if (!m_client || m_state != State::Connected)
        return;
    const quint64 generation = m_generation;
    SocketAncillary ancillary;
    AbstractUnixClient *unixClient = this->unixClient();
    const bool unix = unixClient != nullptr;
    QFuture<QVariant> future = unix ? unixClient->recvPacket(ancillary) : m_client->recvPacket();
    // The next pull is queued: a continuation runs at once when the packet was
    // already there, and a flood must not grow the stack.
    const auto pullLater = [this] {
        QMetaObject::invokeMethod(this, &ConsoleSession::pullNext, Qt::QueuedConnection);
    };
    future
        .then(this,
              [this, generation, ancillary, unix, pullLater](const QVariant &packet) {
                  if (generation != m_generation)
                      return;
                  onPacket(packet, unix ? &ancillary : nullptr);
                  pullLater();
              })
        .onFailed(this, [this, generation, pullLater](const EasyNet::Exception &e) {
            // errorOccurred() has already told (and onError() logged) it; here
            // only whether to go on: after a packet that did not parse, when the
            // stream can (a bad datagram never stops the next one).
            if (generation != m_generation || e.error().cause() != ErrorCause::Parse)
                return;
            if (e.error().parseError().isRecoverable() || !m_settings->isStreamTransport())
                pullLater();
        });
}

void ConsoleSession::onPacket(const QVariant &packet, const SocketAncillary *ancillary)
{
    PacketLogEntry entry = newEntry(PacketLogEntry::Direction::Received);
    entry.value = packet;
    if (!m_settings->isStreamTransport()) {
        entry.raw = m_lastDatagram;
    } else if (std::optional<QByteArray> frame = m_frames ? m_frames->takeFrame() : std::nullopt) {
        entry.raw = *frame;
    } else {
        entry.raw = wireBytes(packet); // the wire's bytes were not seen
        entry.rawIsExact = false;
    }
    if (ancillary) {
        for (const int fd : ancillary->receivedFileDescriptors()) {
            entry.descriptors.append(
                tr("descriptor %1: %2").arg(fd).arg(DescriptorInfo::describe(fd)));
        }
        // Shown, then closed: the console has no use for them.
        for (const int fd : SocketAncillary(*ancillary).takeReceivedFileDescriptors())
            ::close(fd);
        if (const auto credentials = ancillary->receivedCredentials())
            entry.message = tr("credentials: pid %1, uid %2, gid %3")
                                .arg(credentials->pid())
                                .arg(credentials->uid())
                                .arg(credentials->gid());
    }
    if (m_awaitingReply) {
        m_lastRoundTrip = double(m_sinceSend.nsecsElapsed()) / 1e6;
        m_awaitingReply = false;
    }
    ++m_packetsReceived;
    countersTouched();
    m_log->append(std::move(entry));
    Q_EMIT packetReceived(packet);
}

void ConsoleSession::onError(const Error &error)
{
    if (error.cause() == ErrorCause::Parse) {
        const ParseError parseError = error.parseError();
        PacketLogEntry entry = newEntry(PacketLogEntry::Direction::Received);
        entry.isParseError = true;
        entry.message = parseError.message();
        entry.errorOffset = parseError.offset();
        entry.errorSize = parseError.size();
        // A bad datagram never stops the next one.
        entry.streamWentOn = parseError.isRecoverable() || !m_settings->isStreamTransport();
        if (!m_settings->isStreamTransport())
            entry.raw = m_lastDatagram;
        else if (std::optional<QByteArray> frame = m_frames ? m_frames->takeFrame() : std::nullopt)
            entry.raw = *frame;
        ++m_parseErrors;
        countersTouched();
        m_log->append(std::move(entry));
        Q_EMIT parseErrorOccurred(parseError);
        return;
    }
    const bool peerEnded = error.cause() == ErrorCause::EndOfStream
        || error.code() == ErrorCode::EndOfStream
        || (error.code() == ErrorCode::ConnectionAborted && m_state == State::Connected);
    if (peerEnded && m_client && m_state == State::Connected) {
        logEvent(peerClosedText(), false, PacketLogEntry::ConnectionEvent::ClosedByPeer);
        m_closedByPeer = true;
        m_client->close();
        return;
    }
    if (error.code() == ErrorCode::ClientClosed)
        return; // our own close(), already shown by the state
    // A TLS error ends the connection as well (a refused client certificate
    // arrives as the server's alert after the client's handshake).
    if (error.isConnectionError() || error.code() == ErrorCode::TlsError
        || m_state == State::Connecting) {
        m_failed = true;
        m_errorString = error.message();
    }
    logEvent(tr("error: %1").arg(error.message()), true);
    if (m_failed)
        Q_EMIT stateChanged();
}

void ConsoleSession::disconnectFromPeer()
{
    if (std::exchange(m_connectWhenClosed, false))
        Q_EMIT stateChanged();
    m_link->close(); // no more reconnections; the current connection closes gracefully
}

AbstractUnixClient *ConsoleSession::unixClient() const
{
    return qobject_cast<AbstractUnixClient *>(m_client);
}

QByteArray ConsoleSession::unfinishedPacket() const
{
    return m_frames ? m_frames->unfinished() : QByteArray();
}

QString ConsoleSession::peerClosedText() const
{
    const int unfinished = int(unfinishedPacket().size());
    return unfinished == 0 ? tr("the peer closed the connection")
                           : tr("the peer closed the connection in the middle of a packet "
                                "(%n byte(s) lost)",
                                nullptr, unfinished);
}

bool ConsoleSession::sendEof()
{
    // Only the stream clients have a write side to close (TCP not over TLS),
    // and no common base for it.
    if (auto *tcp = qobject_cast<TcpClient *>(m_client); tcp && !tcp->isSsl())
        tcp->sendEof();
    else if (auto *unixStream = qobject_cast<UnixStreamClient *>(m_client))
        unixStream->sendEof();
    else
        return false;
    logEvent(tr("end of stream sent (the write side is closed)"));
    return true;
}

QByteArray ConsoleSession::wireBytes(const QVariant &packet) const
{
    const ProtocolSettings &protocol = *m_settings->protocol();
    if (m_settings->isStreamTransport()) {
        if (auto stream = protocol.streamProtocol())
            return stream->generateChunk(packet);
    } else if (auto datagram = protocol.datagramProtocol()) {
        return datagram->makeDatagram(packet);
    }
    return {};
}

bool ConsoleSession::send(const QVariant &packet)
{
    m_sendError.clear();
    if (!m_client || (m_state != State::Connected && m_state != State::Connecting)) {
        m_sendError = tr("not connected (%1)").arg(stateText());
        return false;
    }
    PacketLogEntry entry = newEntry(PacketLogEntry::Direction::Sent);
    entry.value = packet;
    QFuture<void> future;
    QList<int> descriptors;
    AbstractUnixClient *unixClient = this->unixClient();
    const bool withAncillary = unixClient && (!m_attachedFiles.isEmpty() || m_sendCredentials);
    if (withAncillary) {
        SocketAncillary ancillary;
        for (const QString &path : std::as_const(m_attachedFiles)) {
            const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                m_sendError = tr("cannot open %1: %2")
                                  .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
                logEvent(tr("not sent: %1").arg(m_sendError), true);
                for (const int open : std::as_const(descriptors))
                    ::close(open);
                return false;
            }
            descriptors.append(fd);
            entry.descriptors.append(tr("descriptor of %1").arg(path));
        }
        ancillary.addFileDescriptors(descriptors);
        if (m_sendCredentials) {
            ancillary.setCredentials(UnixCredentials::current());
            entry.message = tr("with this process's credentials");
        }
        future = unixClient->sendPacket(packet, ancillary);
    } else {
        future = m_client->sendPacket(packet);
    }
    // A packet the client refuses (it cannot be serialized, the send queue is
    // full, the client is closing) fails at once and is not logged as sent;
    // one it takes is reported by bytesSent() from the event loop, in send
    // order, with its bytes (see m_sentAwaitingBytes).
    if (future.isFinished()) {
        try {
            future.waitForFinished();
        } catch (const EasyNet::Exception &e) {
            for (const int fd : std::as_const(descriptors))
                ::close(fd);
            m_sendError = QString::fromUtf8(e.what());
            logEvent(tr("not sent: %1").arg(m_sendError), true);
            return false;
        }
    }
    if (withAncillary)
        clearAttachments();
    if (!descriptors.isEmpty()) {
        // The descriptors stay ours and must live until the packet is written.
        auto *watcher = new QFutureWatcher<void>(this);
        connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, descriptors] {
            for (const int fd : descriptors)
                ::close(fd);
            watcher->deleteLater();
        });
        watcher->setFuture(future);
    }
    ++m_packetsSent;
    m_sinceSend.start();
    m_awaitingReply = true;
    countersTouched();
    m_sentAwaitingBytes.push_back(m_log->append(std::move(entry)));
    return true;
}

bool ConsoleSession::sendComposed()
{
    const std::optional<QVariant> packet = m_composer->makePacket(&m_sendError);
    if (!packet || !send(*packet))
        return false;
    m_composer->advance();
    return true;
}

bool ConsoleSession::sendTemplate(const PacketTemplate &packet)
{
    PacketTemplate::Context context;
    context.counter = m_composer->counter();
    const std::optional<QVariant> value
        = packet.packet(context, m_settings->protocol(), &m_sendError);
    if (!value || !send(*value))
        return false;
    if (packet.hasVariables())
        m_composer->setCounter(context.counter + 1);
    return true;
}

bool ConsoleSession::resend(int row)
{
    m_log->flush();
    if (row < 0 || row >= m_log->rowCount())
        return false;
    const PacketLogEntry &entry = m_log->entry(row);
    if (entry.direction == PacketLogEntry::Direction::Event || entry.isParseError)
        return false;
    const QVariant packet = entry.value; // send() appends to the log: copy first
    return send(packet);
}

void ConsoleSession::attachFiles(const QStringList &paths)
{
    m_attachedFiles.append(paths);
    Q_EMIT attachmentsChanged();
}

void ConsoleSession::clearAttachments()
{
    if (m_attachedFiles.isEmpty())
        return;
    m_attachedFiles.clear();
    Q_EMIT attachmentsChanged();
}

void ConsoleSession::setSendCredentials(bool send)
{
    if (send == m_sendCredentials)
        return;
    m_sendCredentials = send;
    Q_EMIT attachmentsChanged();
}

void ConsoleSession::resetCounters()
{
    m_packetsSent = m_packetsReceived = m_bytesSent = m_bytesReceived = m_parseErrors = 0;
    m_packetsAtLastTick = 0;
    m_packetsPerSecond = 0;
    m_lastRoundTrip = -1;
    m_awaitingReply = false;
    m_sinceTick.start();
    Q_EMIT countersChanged();
}

QString ConsoleSession::exportPcapng(const QString &path)
{
    QString error;
    SessionCapture::exportSession(*this, path, &error);
    return error;
}

EchoServer::Transport ConsoleSession::echoServerTransport(ConnectionSettings::Transport transport)
{
    switch (transport) {
    case ConnectionSettings::Transport::Tcp: return EchoServer::Transport::Tcp;
    case ConnectionSettings::Transport::Tls: return EchoServer::Transport::Tls;
    case ConnectionSettings::Transport::Udp: return EchoServer::Transport::Udp;
    case ConnectionSettings::Transport::Dtls: return EchoServer::Transport::Dtls;
    case ConnectionSettings::Transport::UnixStream: return EchoServer::Transport::UnixStream;
    case ConnectionSettings::Transport::UnixDatagram: return EchoServer::Transport::UnixDatagram;
    }
    Q_UNREACHABLE();
}

bool ConsoleSession::startEchoServer(ConnectionSettings::Transport transport)
{
    return startServer(transport, std::make_unique<EchoResponder>(), false);
}

bool ConsoleSession::startRuleServer(ConnectionSettings::Transport transport)
{
    if (const QString problem = m_rules->errorString(); !problem.isEmpty()) {
        stopEchoServer();
        m_errorString = problem;
        logEvent(tr("cannot start the rule server: %1").arg(problem), true);
        return false;
    }
    return startServer(transport,
                       std::make_unique<RuleResponder>(m_rules->ruleSet(), *m_settings->protocol()),
                       true);
}

bool ConsoleSession::startServer(ConnectionSettings::Transport transport,
                                 std::unique_ptr<ServerResponder> responder, bool byRules)
{
    stopEchoServer();
    // What the log rows call it.
    const QString kind = byRules ? tr("rule server") : tr("echo server");
    QString error;
    const std::optional<StreamProtocol> protocol = m_settings->protocol()->streamProtocol(&error);
    if (!protocol) {
        m_errorString = error;
        logEvent(tr("cannot start the %1: %2").arg(kind, error), true);
        return false;
    }
    std::unique_ptr<EchoServer> server
        = EchoServer::create(echoServerTransport(transport), *protocol);
    server->setMaxPacketSize(m_settings->protocol()->maxPacketSize());
    server->setResponder(std::move(responder));
    connect(
        server.get(), &EchoServer::packetAnswered, this,
        [this](const QString &peer, const QVariant &packet, const ServerResponder::Answer &answer) {
            if (!answer.ruleName.isEmpty())
                logEvent(tr("rule \"%1\" answered %2")
                             .arg(answer.ruleName, PacketFormat::toJsonText(packet)),
                         false, PacketLogEntry::ConnectionEvent::None, peer);
        });
    static int serial = 0;
    const QString address = ConnectionSettings::isUnixTransport(transport)
        ? QStringLiteral("@easynet-console-%1-%2")
              .arg(QCoreApplication::applicationPid())
              .arg(++serial)
        : QStringLiteral("127.0.0.1:0");
    if (!server->listen(address)) {
        m_errorString = server->errorString();
        logEvent(tr("cannot start the %1: %2").arg(kind, m_errorString), true);
        return false;
    }
    // The servers whose peers need more than their address: their certificate.
    const QSslCertificate certificate = server->certificate();
    {
        const QSignalBlocker blocker(m_settings);
        m_settings->setTransport(transport);
        if (ConnectionSettings::isUnixTransport(transport)) {
            m_settings->setUnixAddress(server->address());
        } else {
            m_settings->setHost(server->host().toString());
            m_settings->setPort(server->port());
        }
        if (!certificate.isNull()) {
            m_settings->setTrustedCertificates({certificate});
            m_settings->setServerName(QString());
            m_settings->setAcceptInvalidCertificate(false);
        }
    }
    Q_EMIT m_settings->changed();
    if (!certificate.isNull())
        logEvent(tr("%1 listening on %2, certificate SHA-256 %3")
                     .arg(kind, server->address(), server->fingerprint()));
    else
        logEvent(tr("%1 listening on %2").arg(kind, server->address()));
    m_echoServer = std::move(server);
    m_servesRules = byRules;
    Q_EMIT echoServerChanged();
    return true;
}

bool ConsoleSession::pointsAtEchoServer() const
{
    if (!m_echoServer || echoServerTransport(m_settings->transport()) != m_echoServer->transport())
        return false;
    if (m_settings->isUnixTransport())
        return m_settings->unixAddress() == m_echoServer->address();
    return QHostAddress(m_settings->host()) == m_echoServer->host()
        && m_settings->port() == m_echoServer->port();
}

void ConsoleSession::stopEchoServer()
{
    if (!m_echoServer)
        return;
    m_echoServer.reset();
    Q_EMIT echoServerChanged();
}

void ConsoleSession::countersTouched()
{
    if (!m_countersTimer.isActive())
        m_countersTimer.start();
}

void ConsoleSession::updateRate()
{
    const qint64 total = m_packetsSent + m_packetsReceived;
    const qint64 elapsed = m_sinceTick.isValid() ? m_sinceTick.restart() : 0;
    m_packetsPerSecond
        = elapsed > 0 ? double(total - m_packetsAtLastTick) * 1000.0 / double(elapsed) : 0.0;
    m_packetsAtLastTick = total;
    Q_EMIT countersChanged();
}

PacketLogEntry ConsoleSession::newEntry(PacketLogEntry::Direction direction) const
{
    PacketLogEntry entry;
    entry.direction = direction;
    entry.peer = m_peer;
    entry.localAddress = m_localAddress;
    entry.connection = m_generation;
    return entry;
}

void ConsoleSession::logEvent(const QString &message, bool isError,
                              PacketLogEntry::ConnectionEvent connectionEvent, const QString &peer)
{
    PacketLogEntry entry = newEntry(PacketLogEntry::Direction::Event);
    if (!peer.isEmpty())
        entry.peer = peer;
    entry.message = message;
    entry.isError = isError;
    entry.connectionEvent = connectionEvent;
    m_log->append(std::move(entry));
}

QString ConsoleSession::describeEndpoint(bool peer) const
{
    const SocketHandle socket = m_client->socket();
    if (!unixClient()) {
        if (!peer)
            return inetName(socket.localAddress(), socket.localPort());
        // Through a proxy the socket's peer is the proxy, and only the proxy
        // knows the target's address: the target as given, and the proxy.
        const auto *tcp = qobject_cast<TcpClient *>(m_client);
        if (const QString proxy = proxyDescription(); tcp && !proxy.isEmpty())
            return tr("%1 via %2")
                .arg(ConnectionSettings::formatHostPort(tcp->host(), tcp->port()), proxy);
        // Not connected yet: the target as given.
        if (socket.peerAddress().isNull())
            return ConnectionSettings::formatHostPort(m_settings->host(), m_settings->port());
        return inetName(socket.peerAddress(), socket.peerPort());
    }
    const UnixSocketAddress address = peer ? socket.peerUnixAddress() : socket.localUnixAddress();
    if (address.isNull())
        return peer ? m_settings->unixAddress() : QString();
    return address.toString();
}

QString ConsoleSession::proxyDescription() const
{
    const auto *tcp = qobject_cast<TcpClient *>(m_client);
    return tcp ? ConnectionSettings::describeProxy(tcp->proxy()) : QString();
}

QVariantMap ConsoleSession::describeTls() const
{
    if (const auto *tcp = qobject_cast<TcpClient *>(m_client))
        return describeTls(*tcp);
    if (const auto *udp = qobject_cast<UdpClient *>(m_client))
        return describeTls(*udp);
    return {};
}

template<typename Client>
QVariantMap ConsoleSession::describeTls(const Client &client) const
{
    const QList<QSslCertificate> chain = client.peerCertificateChain();
    // With verification on, the handshake succeeding is the verdict; with
    // "accept an invalid certificate", say what verification would have found.
    const bool verified = !m_settings->acceptInvalidCertificate();
    const QString name
        = m_settings->serverName().isEmpty() ? m_settings->host() : m_settings->serverName();
    const QList<QSslError> errors
        = verified ? QList<QSslError>() : QSslCertificate::verify(chain, name);
    QVariantList certificates;
    for (const QSslCertificate &certificate : chain) {
        QStringList own;
        for (const QSslError &error : errors)
            // Errors about no certificate in particular go to the peer's own.
            if (error.certificate() == certificate
                || (error.certificate().isNull() && &certificate == &chain.first()))
                own.append(error.errorString());
        certificates.append(QVariantMap {
            {QStringLiteral("subject"), certificate.subjectDisplayName()},
            {QStringLiteral("issuer"), certificate.issuerDisplayName()},
            {QStringLiteral("notBefore"), certificate.effectiveDate()},
            {QStringLiteral("notAfter"), certificate.expiryDate()},
            {QStringLiteral("sha256"),
             QString::fromLatin1(
                 certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper())},
            {QStringLiteral("errors"), own},
        });
    }
    QString protocol;
    switch (client.sessionProtocol()) {
    case QSsl::TlsV1_2: protocol = QStringLiteral("TLS 1.2"); break;
    case QSsl::TlsV1_3: protocol = QStringLiteral("TLS 1.3"); break;
    case QSsl::DtlsV1_2: protocol = QStringLiteral("DTLS 1.2"); break;
    default: protocol = client.sessionCipher().protocolString(); break;
    }
    return {
        {QStringLiteral("protocol"), protocol},
        {QStringLiteral("cipher"), client.sessionCipher().name()},
        {QStringLiteral("verified"), verified},
        {QStringLiteral("certificates"), certificates},
        {QStringLiteral("proxy"), proxyDescription()},
    };
}

} // namespace EasyNetConsole
