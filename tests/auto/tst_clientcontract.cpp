// The client contract (the reference's behaviour, in Qt's shape), tested once
// for every event-driven client: TcpClient, UdpClient, UnixStreamClient and
// UnixDatagramClient, each against an echo server of its transport on
// loopback or in a temporary directory. A behaviour added to the clients is
// added here, once, for all of them.
#include "echoservers.h"
#include "testsupport.h"
#include "unixtestsupport.h"

#include <EasyNet/cborserializer.h>
#include <EasyNet/futureawait.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/tcpclient.h>
#include <EasyNet/udpclient.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QLocalServer>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

using namespace EasyNet;
using EasyNetTest::failure;
using EasyNetTest::finish;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

std::shared_ptr<LineSerializer> lineSerializer()
{
    return std::make_shared<LineSerializer>(LineSerializer::Separator::LF,
                                            LineSerializer::Encoding::Utf8);
}

// The stream formats a test can ask for: UTF-8 lines, one that cannot
// resynchronise after a parse error (CBOR), and JSON.
enum class Format { Lines, Cbor, Json };

StreamProtocol streamProtocol(Format format)
{
    switch (format) {
    case Format::Cbor: return StreamProtocol(std::make_shared<CborSerializer>());
    case Format::Json: return StreamProtocol(std::make_shared<JsonSerializer>());
    default: return StreamProtocol(lineSerializer());
    }
}

// A raw socket of family and type, connected to address (length bytes);
// Unix datagram sockets are autobound first, so that the server can answer.
int connectedSocket(int family, int type, const sockaddr *address, socklen_t length)
{
    const int fd = ::socket(family, type | SOCK_CLOEXEC, 0);
    if (family == AF_UNIX && type == SOCK_DGRAM) {
        const sa_family_t unix = AF_UNIX;
        ::bind(fd, reinterpret_cast<const sockaddr *>(&unix), sizeof(unix));
    }
    if (::connect(fd, address, length) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

int connectedInetSocket(int type, const QHostAddress &host, quint16 port)
{
    sockaddr_storage storage {};
    socklen_t length = 0;
    if (host.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = host.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof(bytes));
        length = sizeof(sockaddr_in6);
    } else {
        auto *in = reinterpret_cast<sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        in->sin_addr.s_addr = htonl(host.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    return connectedSocket(storage.ss_family, type, reinterpret_cast<sockaddr *>(&storage),
                           length);
}

int connectedUnixSocket(int type, const UnixSocketAddress &address)
{
    sockaddr_un storage {};
    const qsizetype length = address.toSockAddr(storage);
    return connectedSocket(AF_UNIX, type, reinterpret_cast<sockaddr *>(&storage),
                           socklen_t(length));
}

// What the contract needs of a transport: a server, a client configured to
// reach it (not opened), and ways to make the server misbehave.
class Fixture
{
public:
    virtual ~Fixture() = default;
    virtual bool isStream() const = 0;
    virtual bool isUnix() const = 0;
    // A configured client (format: streams only; datagrams are lines).
    virtual std::unique_ptr<AbstractClient> makeClient(Format format = Format::Lines) = 0;
    // A client that adopts descriptor, with the protocol of makeClient().
    virtual std::unique_ptr<AbstractClient> makeAdoptingClient(qintptr descriptor) = 0;
    // A raw socket connected to the server (the caller owns it), or -1.
    virtual int connectedDescriptor() = 0;
    // The port the server saw the client's packets come from (TCP and UDP).
    virtual quint16 lastPeerPort() const { return 0; }
    // The next packet the server receives is answered with these raw
    // chunks (stream) or datagrams instead of its echo.
    virtual void answerNextWith(const QList<QByteArray> &raw) = 0;
    // Stream transports only: the server, to make it misbehave.
    virtual EasyNetTest::StreamEchoServer &stream()
    {
        qFatal("a datagram transport has no stream server");
    }
};

// TCP and Unix stream.
template<typename Server> class StreamFixture : public Fixture
{
public:
    template<typename... Args> explicit StreamFixture(Args &&...args)
        : m_server(std::forward<Args>(args)...)
    {
    }
    bool isStream() const override { return true; }
    void answerNextWith(const QList<QByteArray> &raw) override { m_server.answerNextWith(raw); }
    EasyNetTest::StreamEchoServer &stream() override { return m_server; }

protected:
    Server m_server;
};

class TcpFixture final : public StreamFixture<EasyNetTest::TcpEchoServer>
{
public:
    using StreamFixture::StreamFixture;
    bool isUnix() const override { return false; }
    std::unique_ptr<AbstractClient> makeClient(Format format) override
    {
        auto client = std::make_unique<TcpClient>();
        client->setHost(m_server.host().toString());
        client->setPort(m_server.port());
        client->setProtocol(streamProtocol(format));
        return client;
    }
    std::unique_ptr<AbstractClient> makeAdoptingClient(qintptr descriptor) override
    {
        auto client = std::make_unique<TcpClient>();
        client->setSocketDescriptor(descriptor);
        client->setProtocol(streamProtocol(Format::Lines));
        return client;
    }
    int connectedDescriptor() override
    {
        return connectedInetSocket(SOCK_STREAM, m_server.host(), m_server.port());
    }
    quint16 lastPeerPort() const override { return m_server.lastPeerPort(); }
};

class UnixStreamFixture final : public StreamFixture<EasyNetTest::LocalEchoServer>
{
public:
    bool isUnix() const override { return true; }
    std::unique_ptr<AbstractClient> makeClient(Format format) override
    {
        auto client = std::make_unique<UnixStreamClient>();
        client->setAddress(UnixSocketAddress::fromPath(m_server.path()));
        client->setProtocol(streamProtocol(format));
        return client;
    }
    std::unique_ptr<AbstractClient> makeAdoptingClient(qintptr descriptor) override
    {
        auto client = std::make_unique<UnixStreamClient>();
        client->setSocketDescriptor(descriptor);
        client->setProtocol(streamProtocol(Format::Lines));
        return client;
    }
    int connectedDescriptor() override
    {
        return connectedUnixSocket(SOCK_STREAM, UnixSocketAddress::fromPath(m_server.path()));
    }
};

class UdpFixture final : public Fixture
{
public:
    explicit UdpFixture(const QHostAddress &host = QHostAddress(QHostAddress::LocalHost))
        : m_server(host)
    {
    }
    bool isUnix() const override { return false; }
    bool isStream() const override { return false; }
    std::unique_ptr<AbstractClient> makeClient(Format) override
    {
        auto client = std::make_unique<UdpClient>();
        client->setHost(m_server.host().toString());
        client->setPort(m_server.port());
        client->setProtocol(DatagramProtocol(lineSerializer()));
        return client;
    }
    std::unique_ptr<AbstractClient> makeAdoptingClient(qintptr descriptor) override
    {
        auto client = std::make_unique<UdpClient>();
        client->setSocketDescriptor(descriptor);
        client->setProtocol(DatagramProtocol(lineSerializer()));
        return client;
    }
    int connectedDescriptor() override
    {
        return connectedInetSocket(SOCK_DGRAM, m_server.host(), m_server.port());
    }
    quint16 lastPeerPort() const override { return m_server.lastPeerPort(); }
    void answerNextWith(const QList<QByteArray> &raw) override { m_server.answerNextWith(raw); }

private:
    EasyNetTest::UdpEchoServer m_server;
};

class UnixDatagramFixture final : public Fixture
{
public:
    bool isUnix() const override { return true; }
    UnixDatagramFixture()
        : m_address(UnixSocketAddress::fromPath(m_dir.filePath(QStringLiteral("dgram.sock"))))
        , m_server(SOCK_DGRAM, m_address)
    {
        QVERIFY(m_server.isOk());
        m_server.startDatagram(
            [this](EasyNetTest::UnixTestServer &, int socket, EasyNetTest::RawMessage &m) {
                QList<QByteArray> answer {m.data};
                {
                    std::lock_guard lock(m_mutex);
                    if (!m_answer.isEmpty())
                        answer = std::exchange(m_answer, {});
                }
                for (const QByteArray &reply : answer)
                    EasyNetTest::rawSend(socket, reply, {}, nullptr, &m.from, m.fromLength);
                EasyNetTest::closeAll(m.fds);
            });
    }
    bool isStream() const override { return false; }
    std::unique_ptr<AbstractClient> makeClient(Format) override
    {
        auto client = std::make_unique<UnixDatagramClient>();
        client->setAddress(m_address);
        client->setProtocol(DatagramProtocol(lineSerializer()));
        return client;
    }
    std::unique_ptr<AbstractClient> makeAdoptingClient(qintptr descriptor) override
    {
        auto client = std::make_unique<UnixDatagramClient>();
        client->setSocketDescriptor(descriptor);
        client->setProtocol(DatagramProtocol(lineSerializer()));
        return client;
    }
    int connectedDescriptor() override { return connectedUnixSocket(SOCK_DGRAM, m_address); }
    void answerNextWith(const QList<QByteArray> &raw) override
    {
        std::lock_guard lock(m_mutex);
        m_answer = raw;
    }

private:
    QTemporaryDir m_dir;
    UnixSocketAddress m_address;
    EasyNetTest::UnixTestServer m_server;
    std::mutex m_mutex;
    QList<QByteArray> m_answer; // guarded by m_mutex (the server runs in a thread)
};

std::unique_ptr<Fixture> makeFixture(const QString &transport)
{
    if (transport == u"tcp")
        return std::make_unique<TcpFixture>();
    if (transport == u"tcp-v6")
        return std::make_unique<TcpFixture>(QHostAddress(QHostAddress::LocalHostIPv6));
    if (transport == u"udp-v6")
        return std::make_unique<UdpFixture>(QHostAddress(QHostAddress::LocalHostIPv6));
    if (transport == u"unix-stream")
        return std::make_unique<UnixStreamFixture>();
    if (transport == u"udp")
        return std::make_unique<UdpFixture>();
    return std::make_unique<UnixDatagramFixture>();
}

QVariant received(QFuture<QVariant> future)
{
    if (!finish(future))
        return QStringLiteral("<timed out>");
    return failure(future) == ErrorCode::NoError ? future.result() : QVariant();
}

} // namespace

class tst_ClientContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoEveryStyle_data() { transports(); }
    void echoEveryStyle();
    void sendWithoutFuture_data() { transports(); }
    void sendWithoutFuture();
    void nothingConnectsBeforeOpen_data() { transports(); }
    void nothingConnectsBeforeOpen();
    void firstOperationConnects_data() { transports(); }
    void firstOperationConnects();
    void optionsRefusedOnceOpened_data() { transports(); }
    void optionsRefusedOnceOpened();
    void missingProtocolRefused_data() { transports(); }
    void missingProtocolRefused();
    void stateSequence_data() { transports(); }
    void stateSequence();
    void cancelledReceiveLosesNothing_data() { transports(); }
    void cancelledReceiveLosesNothing();
    void receiveTimeoutLosesNothing_data() { transports(); }
    void receiveTimeoutLosesNothing();
    void iterationCountsOnlyWaiting_data() { transports(); }
    void iterationCountsOnlyWaiting();
    void iterationEndsQuietlyAtClose_data() { transports(); }
    void iterationEndsQuietlyAtClose();
    void socketHandleFollowsTheConnection_data() { transports(); }
    void socketHandleFollowsTheConnection();
    void closeTwiceAndOperationsAfterClose_data() { transports(); }
    void closeTwiceAndOperationsAfterClose();
    void malformedPacketThenGoodOne_data() { transports(); }
    void malformedPacketThenGoodOne();
    void waitConnectedConcurrently_data() { transports(); }
    void waitConnectedConcurrently();
    void coAwaitConversation_data() { transports(); }
    void coAwaitConversation();
    void serializeErrorFailsTheSendOnly_data() { transports(); }
    void serializeErrorFailsTheSendOnly();
    void iterationWithoutBudgetTakesWhatArrived_data() { transports(); }
    void iterationWithoutBudgetTakesWhatArrived();
    void observesRawBytes_data() { transports(); }
    void observesRawBytes();
    void adoptDescriptor_data() { transports(); }
    void adoptDescriptor();
    void adoptWrongKind_data();
    void adoptWrongKind();
    // Datagram transports only.
    void oversizedDatagram_data() { datagrams(); }
    void oversizedDatagram();
    // TCP and UDP only (Unix addresses: tst_unixclients).
    void ipv6_data();
    void ipv6();
    void bindAddressAndPort_data() { inet(); }
    void bindAddressAndPort();
    void nothingListening_data() { inet(); }
    void nothingListening();
    void unresolvableHost_data() { inet(); }
    void unresolvableHost();
    // Stream transports only.
    void iterationEndsQuietlyAtEndOfStream_data() { streams(); }
    void iterationEndsQuietlyAtEndOfStream();
    void unrecoverableParseErrorCloses_data() { streams(); }
    void unrecoverableParseErrorCloses();
    void peerClosesMidPacket_data() { streams(); }
    void peerClosesMidPacket();
    void sendQueueIsBounded_data() { streams(); }
    void sendQueueIsBounded();
    void queuedSendsFailWhenConnectionDies_data() { streams(); }
    void queuedSendsFailWhenConnectionDies();
    void sendEofConnectsFirst_data() { streams(); }
    void sendEofConnectsFirst();
    void closeFlushesQueuedSends_data() { streams(); }
    void closeFlushesQueuedSends();
    void connectTimeout_data() { streams(); }
    void connectTimeout();
    void halfOpenAfterPeerEof_data() { streams(); }
    void halfOpenAfterPeerEof();
    void peerResetIsConnectionReset_data() { streams(); }
    void peerResetIsConnectionReset();
    void peerClosesAfterPackets_data() { streams(); }
    void peerClosesAfterPackets();
    void sendEofPeerStillAnswers_data() { streams(); }
    void sendEofPeerStillAnswers();
    void pullStyleKeepsBackpressure_data() { streams(); }
    void pullStyleKeepsBackpressure();
    void smallReadsStillWholePackets_data() { streams(); }
    void smallReadsStillWholePackets();
    void largePacketPartialWrites_data() { streams(); }
    void largePacketPartialWrites();
    void brokenPipe_data() { streams(); }
    void brokenPipe();

private:
    // A column "transport" and a row for each.
    static void rowsFor(std::initializer_list<const char *> transports)
    {
        QTest::addColumn<QString>("transport");
        for (const char *name : transports)
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    static void transports() { rowsFor({"tcp", "unix-stream", "udp", "unix-dgram"}); }
    static void streams() { rowsFor({"tcp", "unix-stream"}); }
    static void datagrams() { rowsFor({"udp", "unix-dgram"}); }
    static void inet() { rowsFor({"tcp", "udp"}); }
};

// sendEof() of a stream client.
QFuture<void> sendEof(AbstractClient &client)
{
    if (auto *tcp = qobject_cast<TcpClient *>(&client))
        return tcp->sendEof();
    return qobject_cast<UnixStreamClient *>(&client)->sendEof();
}

#define FIXTURE()                                                                                  \
    QFETCH(QString, transport);                                                                    \
    const std::unique_ptr<Fixture> fixture = makeFixture(transport);                               \
    if (QTest::currentTestFailed())                                                                \
        return;

void tst_ClientContract::echoEveryStyle()
{
    FIXTURE();
    const int count = fixture->isStream() ? 3000 : 500; // datagrams: no loss on loopback
    // Signal style.
    const auto signalled = fixture->makeClient();
    QStringList got;
    connect(signalled.get(), &AbstractClient::packetReceived, this,
            [&](const QVariant &packet) { got.append(packet.toString()); });
    signalled->open();
    QStringList sent;
    QList<QFuture<void>> sends;
    for (int i = 0; i < count; ++i) {
        sent.append(QStringLiteral("packet %1 \u00e9").arg(i));
        sends.append(signalled->sendPacket(sent.last()));
        if (!fixture->isStream() && i % 50 == 49) // stay within the socket buffers
            QTRY_COMPARE(got.size(), i + 1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), count, 20000);
    QCOMPARE(got, sent);
    for (const QFuture<void> &send : std::as_const(sends))
        QVERIFY(send.isFinished() && failure(send) == ErrorCode::NoError);
    QVERIFY(signalled->isConnected());
    QCOMPARE(failure(signalled->waitConnected()), ErrorCode::NoError);
    // Pull style: nothing is emitted, every packet comes through recvPacket().
    const auto pulled = fixture->makeClient();
    pulled->setAutoRead(false);
    QSignalSpy emitted(pulled.get(), &AbstractClient::packetReceived);
    // Streams: everything sent before anything is received (the echo waits in
    // the socket); datagrams one at a time (a full buffer would drop them).
    if (fixture->isStream()) {
        for (int i = 0; i < count; ++i)
            pulled->sendPacket(QString::number(i));
    }
    for (int i = 0; i < count; ++i) {
        if (!fixture->isStream())
            pulled->sendPacket(QString::number(i));
        QCOMPARE(received(pulled->recvPacket()).toString(), QString::number(i));
    }
    QCOMPARE(emitted.size(), 0);
    // Iteration style.
    for (int i = 0; i < 10; ++i)
        pulled->sendPacket(QString::number(i));
    ReceivedPacketIterator packets = pulled->receivedPackets(10s);
    for (int i = 0; i < 10; ++i) {
        const QFuture<std::optional<QVariant>> next = packets.next();
        QVERIFY(finish(next));
        QCOMPARE(next.result().value_or(QVariant()).toString(), QString::number(i));
    }
}

// send() (no future) and sendPacket() mixed keep their order, also while
// stream sends coalesce; a refused send() is reported through errorOccurred().
void tst_ClientContract::sendWithoutFuture()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QStringList got;
    connect(client.get(), &AbstractClient::packetReceived, this,
            [&](const QVariant &packet) { got.append(packet.toString()); });
    QSignalSpy errors(client.get(), &AbstractClient::errorOccurred);
    QStringList sent;
    QFuture<void> last;
    for (int i = 0; i < 200; ++i) {
        sent.append(QString::number(i));
        if (i % 3 == 0)
            last = client->sendPacket(sent.last());
        else
            client->send(sent.last()); // the first one connects, as sendPacket() does
        if (!fixture->isStream() && i % 50 == 49) // stay within the socket buffers
            QTRY_COMPARE(got.size(), i + 1);
    }
    QVERIFY(finish(last));
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), sent.size(), 20000);
    QCOMPARE(got, sent);
    QCOMPARE(errors.size(), 0);
    QVERIFY(finish(client->close()));
    client->send(QStringLiteral("after close"));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code(), ErrorCode::ClientClosed);
}

void tst_ClientContract::nothingConnectsBeforeOpen()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QTest::qWait(50);
    QCOMPARE(client->state(), AbstractClient::State::Unconnected);
    client->open();
    QTRY_COMPARE(client->state(), AbstractClient::State::Connected);
    client->open(); // harmless while connected
    QCOMPARE(client->state(), AbstractClient::State::Connected);
}

void tst_ClientContract::firstOperationConnects()
{
    FIXTURE();
    // sendPacket() on a client never opened connects and sends once connected.
    const auto client = fixture->makeClient();
    client->setAutoRead(false); // the echo may come before recvPacket() asks for it
    const QFuture<void> sent = client->sendPacket(QStringLiteral("implicit"));
    QVERIFY(client->state() != AbstractClient::State::Unconnected);
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("implicit"));
    QCOMPARE(failure(sent), ErrorCode::NoError);
    // So does recvPacket(), and waitConnected().
    const auto receiver = fixture->makeClient();
    const QFuture<QVariant> answer = receiver->recvPacket();
    QVERIFY(receiver->state() != AbstractClient::State::Unconnected);
    QVERIFY(finish(receiver->waitConnected()));
    receiver->sendPacket(QStringLiteral("after"));
    QCOMPARE(received(answer).toString(), QStringLiteral("after"));
}

void tst_ClientContract::optionsRefusedOnceOpened()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QSignalSpy errors(client.get(), &AbstractClient::errorOccurred);
    QSignalSpy changed(client.get(), &AbstractClient::optionsChanged);
    // Out of range: refused at the call, nothing changes.
    QVERIFY(!client->setConnectTimeout(0ms));
    QCOMPARE(client->lastError().code(), ErrorCode::InvalidArgument);
    QVERIFY(!client->setSendQueueLimit(0));
    QCOMPARE(client->sendQueueLimit(), AbstractClient::DefaultSendQueueLimit);
    QVERIFY(client->setSendQueueLimit(1 << 20));
    QCOMPARE(changed.size(), 1);
    // Through the meta-object, as QML sets it.
    QVERIFY(client->setProperty("sendQueueLimit", qint64(2 << 20)));
    QCOMPARE(client->sendQueueLimit(), qint64(2 << 20));
    QVERIFY(finish(client->waitConnected()));
    errors.clear();
    QVERIFY(!client->setSendQueueLimit(1 << 10));
    QCOMPARE(client->sendQueueLimit(), qint64(2 << 20));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(client->lastError().code(), ErrorCode::InvalidOperation);
    QVERIFY(!client->errorString().isEmpty());
    // The connection is unharmed.
    client->sendPacket(QStringLiteral("still fine"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("still fine"));
}

void tst_ClientContract::missingProtocolRefused()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    const QMetaProperty protocol
        = client->metaObject()->property(client->metaObject()->indexOfProperty("protocol"));
    QVERIFY(protocol.isValid() && protocol.isWritable() && protocol.hasNotifySignal());
    QVERIFY(protocol.write(client.get(), QVariant(protocol.metaType())));
    const QFuture<void> connected = client->waitConnected();
    QVERIFY(finish(connected));
    QCOMPARE(failure(connected), ErrorCode::InvalidArgument);
    QCOMPARE(client->state(), AbstractClient::State::Closed);
}

void tst_ClientContract::stateSequence()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QSignalSpy states(client.get(), &AbstractClient::stateChanged);
    QVERIFY(finish(client->waitConnected()));
    QVERIFY(finish(client->close()));
    QList<AbstractClient::State> seen;
    for (const QList<QVariant> &args : std::as_const(states))
        seen.append(args.at(0).value<AbstractClient::State>());
    using S = AbstractClient::State;
    QCOMPARE(seen, (QList<S> {S::Connecting, S::Connected, S::Closing, S::Closed}));
}

void tst_ClientContract::cancelledReceiveLosesNothing()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    QFuture<QVariant> cancelled = client->recvPacket();
    cancelled.cancel();
    client->sendPacket(QStringLiteral("kept"));
    QTest::qWait(50); // the packet arrives while nobody but the cancelled receive waits
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("kept"));
    QVERIFY(cancelled.isCanceled());
}

void tst_ClientContract::receiveTimeoutLosesNothing()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(finish(client->waitConnected()));
    const QFuture<QVariant> timedOut = client->recvPacket(QDeadlineTimer(50ms));
    QVERIFY(finish(timedOut));
    QCOMPARE(failure(timedOut), ErrorCode::Timeout);
    client->sendPacket(QStringLiteral("late"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("late"));
}

void tst_ClientContract::iterationCountsOnlyWaiting()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    client->sendPacket(QStringLiteral("first"));
    ReceivedPacketIterator packets = client->receivedPackets(500ms);
    const QFuture<std::optional<QVariant>> first = packets.next();
    QVERIFY(finish(first));
    QCOMPARE(first.result().value_or(QVariant()).toString(), QStringLiteral("first"));
    // The loop body takes longer than the whole budget: that time is not counted.
    QTest::qWait(700);
    const QFuture<std::optional<QVariant>> second = packets.next();
    QTimer::singleShot(50ms, client.get(), [&] { client->sendPacket(QStringLiteral("second")); });
    QVERIFY(finish(second));
    QCOMPARE(second.result().value_or(QVariant()).toString(), QStringLiteral("second"));
    // Then the budget runs out while waiting: the iteration ends quietly.
    const QFuture<std::optional<QVariant>> none = packets.next();
    QVERIFY(finish(none));
    QVERIFY(!none.result().has_value());
    QCOMPARE(packets.remainingTime(), std::optional(0ms));
    // The expired iteration takes no packet away from a later receive.
    client->sendPacket(QStringLiteral("later"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("later"));
}

void tst_ClientContract::iterationEndsQuietlyAtClose()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(finish(client->waitConnected()));
    ReceivedPacketIterator packets = client->receivedPackets(QDeadlineTimer::Forever);
    const QFuture<std::optional<QVariant>> pending = packets.next();
    QVERIFY(!pending.isFinished());
    client->close();
    QVERIFY(finish(pending));
    QCOMPARE(failure(pending), ErrorCode::NoError);
    QVERIFY(!pending.result().has_value());
}

void tst_ClientContract::socketHandleFollowsTheConnection()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(!client->socket().isValid()); // nothing before connecting
    QVERIFY(finish(client->waitConnected()));
    const SocketHandle handle = client->socket();
    QVERIFY(handle.isValid());
    const SocketHandle::Family family = handle.family();
    if (fixture->isUnix()) {
        QCOMPARE(family, SocketHandle::Family::Unix);
        QVERIFY(!handle.peerUnixAddress().isNull());
        QVERIFY(handle.peerAddress().isNull());
    } else {
        QCOMPARE(family, SocketHandle::Family::IPv4);
        QCOMPARE(handle.peerAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(handle.peerPort() != 0 && handle.localPort() != 0);
        QVERIFY(handle.localUnixAddress().isNull());
    }
    QVERIFY(finish(client->close()));
    // Every handle is invalid once closed, and never names the file that
    // reuses the descriptor number.
    const int reused = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    QVERIFY(!handle.isValid());
    QVERIFY(!client->socket().isValid());
    int errnum = 0;
    QVERIFY(!handle.intOption(SOL_SOCKET, SO_TYPE, &errnum));
    QCOMPARE(errnum, EBADF);
    ::close(reused);
}

void tst_ClientContract::closeTwiceAndOperationsAfterClose()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QSignalSpy closed(client.get(), &AbstractClient::closed);
    QVERIFY(finish(client->waitConnected()));
    const QFuture<QVariant> pending = client->recvPacket();
    const QFuture<void> first = client->close();
    const QFuture<void> second = client->close();
    QVERIFY(client->isClosing() || client->state() == AbstractClient::State::Closed);
    QVERIFY(finish(first) && finish(second));
    QCOMPARE(failure(second), ErrorCode::NoError);
    QCOMPARE(failure(pending), ErrorCode::ClientClosed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(failure(client->sendPacket(QStringLiteral("x"))), ErrorCode::ClientClosed);
    QCOMPARE(failure(client->recvPacket()), ErrorCode::ClientClosed);
    QCOMPARE(failure(client->waitConnected()), ErrorCode::ClientClosed);
    QVERIFY(finish(client->close()));
    QVERIFY(!client->socket().isValid());
    // The iteration ends quietly on a closed client.
    const QFuture<std::optional<QVariant>> none = client->receivedPackets().next();
    QVERIFY(finish(none));
    QVERIFY(!none.result().has_value());
    if (fixture->isStream()) {
        QCOMPARE(failure(sendEof(*client)), ErrorCode::NoError); // does nothing after close
        QTRY_COMPARE(fixture->stream().disconnections(), 1); // the server saw the end
    }
    // Closed is final: open() does not reconnect.
    client->open();
    QCOMPARE(client->state(), AbstractClient::State::Closed);
    QCOMPARE(client->lastError().code(), ErrorCode::ClientClosed);
    client->abort();
    QCOMPARE(closed.size(), 1);
}

void tst_ClientContract::malformedPacketThenGoodOne()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QSignalSpy errors(client.get(), &AbstractClient::errorOccurred);
    QVERIFY(finish(client->waitConnected()));
    // Not UTF-8: a parse error, and the format finds the next packet.
    fixture->answerNextWith(fixture->isStream()
                                ? QList<QByteArray> {QByteArray("first\n\xff\xfe\ngood\n")}
                                : QList<QByteArray> {QByteArray("first"), QByteArray("\xff\xfe"),
                                                     QByteArray("good")});
    client->sendPacket(QStringLiteral("trigger"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("first"));
    const QFuture<QVariant> bad = client->recvPacket();
    QVERIFY(finish(bad));
    QCOMPARE(failure(bad),
             fixture->isStream() ? ErrorCode::StreamParseError : ErrorCode::DatagramParseError);
    try {
        QFuture<QVariant>(bad).waitForFinished();
        QFAIL("no exception");
    } catch (const ProtocolParseError &e) {
        QCOMPARE(e.parseError().kind(), ParseError::Kind::Malformed);
        QVERIFY(e.parseError().isRecoverable());
        if (fixture->isStream()) // where in the stream: after "first\n"
            QCOMPARE(e.parseError().offset(), 6);
    }
    QCOMPARE(errors.size(), 1);
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("good"));
    QCOMPARE(client->state(), AbstractClient::State::Connected);
}

void tst_ClientContract::iterationEndsQuietlyAtEndOfStream()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    client->sendPacket(QStringLiteral("last"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("last"));
    ReceivedPacketIterator packets = client->receivedPackets(QDeadlineTimer::Forever);
    const QFuture<std::optional<QVariant>> end = packets.next();
    fixture->stream().closePeer();
    QVERIFY(finish(end));
    QCOMPARE(failure(end), ErrorCode::NoError);
    QVERIFY(!end.result().has_value());
    // A plain receive says why: the peer closed (ConnectionAborted, ECONNABORTED).
    const QFuture<QVariant> after = client->recvPacket();
    QVERIFY(finish(after));
    QCOMPARE(failure(after), ErrorCode::ConnectionAborted);
}

void tst_ClientContract::unrecoverableParseErrorCloses()
{
    FIXTURE();
    const auto client = fixture->makeClient(Format::Cbor);
    QVERIFY(finish(client->waitConnected()));
    QSignalSpy errors(client.get(), &AbstractClient::errorOccurred);
    // CBOR cannot find the next packet after a reserved initial byte.
    fixture->answerNextWith({QByteArray("\x1c\x1c\x1c\x1c", 4)});
    client->sendPacket(1);
    const QFuture<QVariant> bad = client->recvPacket();
    QVERIFY(finish(bad));
    QCOMPARE(failure(bad), ErrorCode::StreamParseError);
    QTRY_COMPARE(client->state(), AbstractClient::State::Closed);
    // Reported once; later operations fail as on a connection that is gone.
    int parseErrors = 0;
    for (const QList<QVariant> &args : std::as_const(errors))
        parseErrors += args.at(0).value<Error>().code() == ErrorCode::StreamParseError;
    QCOMPARE(parseErrors, 1);
    const QFuture<QVariant> later = client->recvPacket();
    QVERIFY(finish(later));
    QCOMPARE(failure(later), ErrorCode::ConnectionAborted);
    QCOMPARE(failure(client->sendPacket(2)), ErrorCode::ConnectionAborted);
}

void tst_ClientContract::peerClosesMidPacket()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    fixture->answerNextWith({QByteArray("whole\nhalf a pack")});
    client->sendPacket(QStringLiteral("trigger"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("whole"));
    fixture->stream().closePeer();
    const QFuture<QVariant> cut = client->recvPacket();
    QVERIFY(finish(cut));
    QCOMPARE(failure(cut), ErrorCode::ConnectionAborted);
    QVERIFY2(client->lastError().message().contains(u"11 bytes lost"),
             qPrintable(client->lastError().message()));
    QVERIFY2(client->lastError().message().contains(u"middle of a packet"),
             qPrintable(client->lastError().message()));
    // Every later receive fails the same way; close still works.
    QCOMPARE(failure(client->recvPacket()), ErrorCode::ConnectionAborted);
    QVERIFY(finish(client->close()));
}

void tst_ClientContract::sendQueueIsBounded()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(client->setSendQueueLimit(256 * 1024));
    QVERIFY(finish(client->waitConnected()));
    fixture->stream().stopReading();
    const QString chunk(16 * 1024, u'x');
    QFuture<void> refused;
    // The kernel's buffers take a few MiB at most, then the queue fills.
    for (int i = 0; i < 4096 && !refused.isValid(); ++i) {
        const QFuture<void> sent = client->sendPacket(chunk);
        if (sent.isFinished() && failure(sent) != ErrorCode::NoError)
            refused = sent;
        else if (i % 16 == 15)
            QTest::qWait(1); // let the client hand what it can to the kernel
    }
    QVERIFY(refused.isValid());
    QCOMPARE(failure(refused), ErrorCode::InvalidOperation);
    QVERIFY(client->bytesToWrite() > 0);
    QVERIFY(client->bytesToWrite() <= 256 * 1024 + 2 * chunk.size());
}

void tst_ClientContract::queuedSendsFailWhenConnectionDies()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(finish(client->waitConnected()));
    fixture->stream().stopReading();
    const QString chunk(16 * 1024, u'x');
    QList<QFuture<void>> sends;
    for (int i = 0; i < 1024 && client->bytesToWrite() == 0; ++i) {
        sends.append(client->sendPacket(chunk));
        if (i % 16 == 15)
            QTest::qWait(1);
    }
    for (int i = 0; i < 8; ++i)
        sends.append(client->sendPacket(chunk));
    QVERIFY(client->bytesToWrite() > 0);
    fixture->stream().resetPeer();
    // Every queued send fails at once with the connection's error, none stays
    // pending until close().
    QVERIFY(finish(sends.last()));
    QVERIFY(failure(sends.last()) != ErrorCode::NoError);
    QCOMPARE(client->bytesToWrite(), 0);
}

void tst_ClientContract::sendEofConnectsFirst()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    const QFuture<void> eof = sendEof(*client);
    QVERIFY(finish(eof));
    QCOMPARE(failure(eof), ErrorCode::NoError);
    QVERIFY(client->state() == AbstractClient::State::Connected);
    // A send after sendEof() is a usage error, not a connection error.
    QCOMPARE(failure(client->sendPacket(QStringLiteral("after"))), ErrorCode::InvalidOperation);
    // The peer saw the end of the stream and closes in turn: that is reported.
    const QFuture<QVariant> end = client->recvPacket();
    QVERIFY(finish(end));
    QCOMPARE(failure(end), ErrorCode::ConnectionAborted);
}

void tst_ClientContract::closeFlushesQueuedSends()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(finish(client->waitConnected()));
    // More than the socket buffers take at once (their size depends on the
    // kernel's tuning at the moment): close() has to wait for it.
    const QString chunk(16 * 1024 - 1, u'z');
    QList<QFuture<void>> sends;
    // (Sends coalesce up to 64 KiB before they reach the socket: more than that
    // waiting means the socket is full.)
    constexpr qint64 Backlog = 256 * 1024;
    while (client->bytesToWrite() < Backlog && sends.size() < 4096)
        sends.append(client->sendPacket(chunk));
    QVERIFY(client->bytesToWrite() >= Backlog);
    const QFuture<void> closing = client->close();
    QVERIFY(finish(closing, 30000));
    for (const QFuture<void> &sent : std::as_const(sends))
        QCOMPARE(failure(sent), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(fixture->stream().received().size(), sends.size() * 16 * 1024,
                              30000);
    QCOMPARE(client->bytesToWrite(), 0);
}

void tst_ClientContract::connectTimeout()
{
    QFETCH(QString, transport);
    // A listener whose accept queue is full: a TCP SYN is dropped, a Unix
    // connect says "try again"; either way connecting never finishes by itself.
    QTemporaryDir dir;
    const bool tcp = transport == u"tcp";
    const int listener = ::socket(tcp ? AF_INET : AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    QVERIFY(listener >= 0);
    sockaddr_storage storage {};
    socklen_t length = 0;
    if (tcp) {
        auto *in = reinterpret_cast<sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        length = sizeof(sockaddr_in);
    } else {
        const UnixSocketAddress address
            = UnixSocketAddress::fromPath(dir.filePath(QStringLiteral("full.sock")));
        length = socklen_t(address.toSockAddr(*reinterpret_cast<sockaddr_un *>(&storage)));
    }
    auto *raw = reinterpret_cast<sockaddr *>(&storage);
    QCOMPARE(::bind(listener, raw, length), 0);
    QCOMPARE(::listen(listener, 0), 0);
    QCOMPARE(::getsockname(listener, raw, &length), 0);
    QList<int> fillers;
    for (int i = 0; i < 3; ++i) {
        fillers.append(::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
        ::connect(fillers.last(), raw, length);
    }
    std::unique_ptr<AbstractClient> client;
    if (tcp) {
        client = std::make_unique<TcpClient>(
            QStringLiteral("127.0.0.1"), ntohs(reinterpret_cast<sockaddr_in *>(&storage)->sin_port),
            StreamProtocol(lineSerializer()));
    } else {
        client = std::make_unique<UnixStreamClient>(dir.filePath(QStringLiteral("full.sock")),
                                                    StreamProtocol(lineSerializer()));
    }
    QVERIFY(client->setConnectTimeout(300ms));
    QElapsedTimer elapsed;
    elapsed.start();
    const QFuture<void> connected = client->waitConnected();
    QVERIFY(finish(connected, 20000));
    QCOMPARE(failure(connected), ErrorCode::Timeout);
    QCOMPARE(client->lastError().osErrno(), ETIMEDOUT);
    QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(client->state(), AbstractClient::State::Closed);
    EasyNetTest::closeAll(fillers);
    ::close(listener);
}

void tst_ClientContract::halfOpenAfterPeerEof()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    fixture->stream().halfClosePeer();
    // Receiving reports the end of the stream...
    const QFuture<QVariant> end = client->recvPacket();
    QVERIFY(finish(end));
    QCOMPARE(failure(end), ErrorCode::ConnectionAborted);
    QCOMPARE(client->lastError().osErrno(), ECONNABORTED);
    // ...and sending still works until close().
    const QFuture<void> sent = client->sendPacket(QStringLiteral("still talking"));
    QVERIFY(finish(sent));
    QCOMPARE(failure(sent), ErrorCode::NoError);
    QTRY_COMPARE(fixture->stream().received(), QByteArray("still talking\n"));
    QCOMPARE(client->state(), AbstractClient::State::Connected);
    QVERIFY(finish(client->close()));
}

void tst_ClientContract::peerResetIsConnectionReset()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    fixture->stream().stopReading();
    QVERIFY(finish(client->sendPacket(QStringLiteral("never read"))));
    QTest::qWait(20);
    // A receive waiting when the reset comes fails with it, and so does a send after.
    const QFuture<QVariant> reset = client->recvPacket();
    QVERIFY(!reset.isFinished());
    fixture->stream().resetPeer();
    QVERIFY(finish(reset));
    QCOMPARE(failure(reset), ErrorCode::ConnectionReset);
    QCOMPARE(client->lastError().osErrno(), ECONNRESET);
    QCOMPARE(client->state(), AbstractClient::State::Closed);
    QCOMPARE(failure(client->sendPacket(QStringLiteral("after reset"))), ErrorCode::ConnectionReset);
}

void tst_ClientContract::waitConnectedConcurrently()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QSignalSpy connectedSpy(client.get(), &AbstractClient::connected);
    QList<QFuture<void>> waits;
    for (int i = 0; i < 10; ++i)
        waits.append(client->waitConnected());
    for (const QFuture<void> &wait : std::as_const(waits)) {
        QVERIFY(finish(wait));
        QCOMPARE(failure(wait), ErrorCode::NoError);
    }
    QCOMPARE(connectedSpy.size(), 1);
    if (fixture->isStream())
        QTRY_COMPARE(fixture->stream().connections(), 1); // one connection for all of them
    QCOMPARE(failure(client->waitConnected()), ErrorCode::NoError);
}

static FutureCoroutine<QString> conversation(AbstractClient &client)
{
    co_await EasyNet::await(client.waitConnected());
    co_await EasyNet::await(client.sendPacket(QStringLiteral("ping")));
    const QVariant first = co_await EasyNet::await(client.recvPacket());
    co_await EasyNet::await(client.sendPacket(first.toString() + QStringLiteral(" pong")));
    const QVariant second = co_await EasyNet::await(client.recvPacket());
    co_await EasyNet::await(client.close());
    co_return second.toString();
}

void tst_ClientContract::coAwaitConversation()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    const QFuture<QString> result = conversation(*client);
    QVERIFY(finish(result));
    QCOMPARE(result.result(), QStringLiteral("ping pong"));
    QCOMPARE(client->state(), AbstractClient::State::Closed);
}

void tst_ClientContract::serializeErrorFailsTheSendOnly()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    // A number, and (streams: a line is framed by its separator) a line with a
    // separator in it: the line format refuses them.
    QCOMPARE(failure(client->sendPacket(42)), ErrorCode::SerializeError);
    if (fixture->isStream()) {
        QCOMPARE(failure(client->sendPacket(QStringLiteral("two\nlines"))),
                 ErrorCode::SerializeError);
    }
    client->sendPacket(QStringLiteral("fine"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("fine"));
    QCOMPARE(client->state(), AbstractClient::State::Connected);
}

void tst_ClientContract::iterationWithoutBudgetTakesWhatArrived()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    fixture->answerNextWith(fixture->isStream()
                                ? QList<QByteArray> {QByteArray("1\n2\n3\n")}
                                : QList<QByteArray> {QByteArray("1"), QByteArray("2"),
                                                     QByteArray("3")});
    client->sendPacket(QStringLiteral("trigger"));
    QTest::qWait(100); // all three have arrived
    // No budget (0): only what has already arrived, then the iteration ends.
    ReceivedPacketIterator now = client->receivedPackets();
    QStringList got;
    for (;;) {
        const QFuture<std::optional<QVariant>> next = now.next();
        QVERIFY(finish(next));
        if (!next.result())
            break;
        got.append(next.result()->toString());
    }
    QCOMPARE(got, (QStringList {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
}

void tst_ClientContract::observesRawBytes()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QByteArray sent, got;
    connect(client.get(), &AbstractClient::bytesSent, this,
            [&](const QByteArray &bytes) { sent += bytes; });
    connect(client.get(), &AbstractClient::bytesReceived, this,
            [&](const QByteArray &bytes) { got += bytes; });
    QVERIFY(finish(client->waitConnected()));
    client->sendPacket(QStringLiteral("one"));
    client->sendPacket(QStringLiteral("two"));
    // A datagram carries a line without its separator.
    const QByteArray wire = fixture->isStream() ? QByteArray("one\ntwo\n") : QByteArray("onetwo");
    QTRY_COMPARE(got, wire);
    QCOMPARE(sent, wire);
}

void tst_ClientContract::adoptDescriptor()
{
    FIXTURE();
    const int fd = fixture->connectedDescriptor();
    QVERIFY(fd >= 0);
    const auto client = fixture->makeAdoptingClient(fd);
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    QCOMPARE(client->socket().descriptor(), qintptr(fd));
    QVERIFY(::fcntl(fd, F_GETFL) & O_NONBLOCK);
    if (!fixture->isUnix()) { // the peer the descriptor was connected to
        sockaddr_storage peer {};
        socklen_t length = sizeof(peer);
        QCOMPARE(::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &length), 0);
        QCOMPARE(client->socket().peerPort(),
                 ntohs(reinterpret_cast<const sockaddr_in *>(&peer)->sin_port));
    }
    client->sendPacket(QStringLiteral("adopted"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("adopted"));
    QVERIFY(finish(client->close()));
    QVERIFY(!client->socket().isValid());
    // The client owned the descriptor and closed it.
    QCOMPARE(::fcntl(fd, F_GETFD), -1);
}

void tst_ClientContract::adoptWrongKind_data()
{
    // The descriptor is the client's from open() on, and closed when refused.
    QTest::addColumn<QString>("transport");
    QTest::addColumn<QString>("descriptor");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("osErrno"); // 0: not checked
    QTest::newRow("tcp, a UDP socket") << u"tcp"_s << u"udp"_s << int(ErrorCode::InvalidArgument)
                                       << 0;
    QTest::newRow("udp, not connected") << u"udp"_s << u"unconnected udp"_s
                                        << int(ErrorCode::ConnectionError) << 0;
    QTest::newRow("unix-stream, a pipe") << u"unix-stream"_s << u"pipe"_s << -1 << 0;
    QTest::newRow("unix-stream, a datagram socket")
        << u"unix-stream"_s << u"unix datagram"_s << -1 << EPROTOTYPE;
    QTest::newRow("unix-dgram, a stream socket")
        << u"unix-dgram"_s << u"unix stream"_s << -1 << EPROTOTYPE;
}

void tst_ClientContract::adoptWrongKind()
{
    FIXTURE();
    QFETCH(QString, descriptor);
    QFETCH(int, code);
    QFETCH(int, osErrno);
    int fds[2] = {-1, -1};
    if (descriptor == u"udp" || descriptor == u"unconnected udp")
        fds[0] = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    else if (descriptor == u"pipe")
        QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
    else
        QCOMPARE(::socketpair(AF_UNIX,
                              (descriptor == u"unix stream" ? SOCK_STREAM : SOCK_DGRAM)
                                  | SOCK_CLOEXEC,
                              0, fds),
                 0);
    const auto client = fixture->makeAdoptingClient(fds[0]);
    const QFuture<void> refused = client->waitConnected();
    QVERIFY(finish(refused));
    const ErrorCode got = failure(refused);
    QVERIFY(got != ErrorCode::NoError);
    if (code >= 0)
        QCOMPARE(got, ErrorCode(code));
    if (osErrno != 0)
        QCOMPARE(client->lastError().osErrno(), osErrno);
    if (descriptor == u"unconnected udp")
        QVERIFY2(client->lastError().message().contains(u"not a connected"),
                 qPrintable(client->lastError().message()));
    // Owned and closed by the client, as TcpClient's documentation says
    // ("closes it, also when it refuses it") and the Unix clients do.
    const bool closedByClient = ::fcntl(fds[0], F_GETFD) == -1;
    QVERIFY(closedByClient);
    if (!closedByClient)
        ::close(fds[0]);
    if (fds[1] >= 0)
        ::close(fds[1]);
}

void tst_ClientContract::oversizedDatagram()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(client->setProperty("maxDatagramSize", qsizetype(100)));
    QCOMPARE(client->property("maxDatagramSize").value<qsizetype>(), qsizetype(100));
    QList<Error> errors;
    QStringList got;
    connect(client.get(), &AbstractClient::errorOccurred, this,
            [&](const Error &e) { errors.append(e); });
    connect(client.get(), &AbstractClient::packetReceived, this,
            [&](const QVariant &p) { got.append(p.toString()); });
    QVERIFY(finish(client->waitConnected()));
    fixture->answerNextWith({QByteArray(100, 'a'), QByteArray(101, 'b'), QByteArray(60000, 'c'),
                             QByteArray("small")});
    client->sendPacket(QStringLiteral("go"));
    // Each datagram over the limit is one error; the client goes on.
    QTRY_COMPARE(got.size(), 2);
    QCOMPARE(got.at(0), QString(100, QLatin1Char('a')));
    QCOMPARE(got.at(1), QStringLiteral("small"));
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0).code(), ErrorCode::DatagramParseError);
    QCOMPARE(errors.at(0).parseError().kind(), ParseError::Kind::TooLarge);
    QCOMPARE(errors.at(0).parseError().size(), 101);
    QCOMPARE(errors.at(1).parseError().kind(), ParseError::Kind::TooLarge);
    // The datagram's real size, as UnixDatagramClient and BlockingUdpClient say.
    QCOMPARE(errors.at(1).parseError().size(), 60000);
    QVERIFY(client->isConnected());
}

void tst_ClientContract::ipv6_data()
{
    QTest::addColumn<QString>("transport");
    QTest::newRow("tcp") << u"tcp-v6"_s;
    QTest::newRow("udp") << u"udp-v6"_s;
}

void tst_ClientContract::ipv6()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QCOMPARE(client->property("host").toString(), u"::1"_s);
    QVERIFY(finish(client->waitConnected()));
    QCOMPARE(client->socket().family(), SocketHandle::Family::IPv6);
    QCOMPARE(client->socket().peerAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
    client->sendPacket(QStringLiteral("v6"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("v6"));
}

void tst_ClientContract::bindAddressAndPort()
{
    FIXTURE();
    const quint16 port = EasyNetTest::freePort(transport == u"tcp" ? SOCK_STREAM : SOCK_DGRAM);
    QVERIFY(port != 0);
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(client->setProperty("bindAddress", QVariant::fromValue(QHostAddress(QHostAddress::LocalHost))));
    QVERIFY(client->setProperty("bindPort", port));
    client->sendPacket(QStringLiteral("from a chosen port"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("from a chosen port"));
    QCOMPARE(client->socket().localAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(client->socket().localPort(), port);
    QCOMPARE(fixture->lastPeerPort(), port); // what the server sees
    // A bind that cannot succeed (the port is this client's) fails the open.
    const auto second = fixture->makeClient();
    second->setProperty("bindAddress", QVariant::fromValue(QHostAddress(QHostAddress::LocalHost)));
    second->setProperty("bindPort", port);
    const QFuture<void> refused = second->waitConnected();
    QVERIFY(finish(refused));
    QVERIFY(failure(refused) != ErrorCode::NoError);
}

static FutureCoroutine<int> awaitFailure(AbstractClient &client)
{
    try {
        co_await EasyNet::await(client.waitConnected());
    } catch (const ConnectionRefusedError &) {
        co_return 1;
    } catch (const Exception &) {
        co_return 2;
    }
    co_return 0;
}

void tst_ClientContract::nothingListening()
{
    QFETCH(QString, transport);
    const bool tcp = transport == u"tcp";
    const quint16 port = EasyNetTest::freePort(tcp ? SOCK_STREAM : SOCK_DGRAM);
    std::unique_ptr<AbstractClient> client;
    if (tcp)
        client = std::make_unique<TcpClient>(u"127.0.0.1"_s, port, StreamProtocol(lineSerializer()));
    else
        client = std::make_unique<UdpClient>(u"127.0.0.1"_s, port, DatagramProtocol(lineSerializer()));
    client->setAutoRead(false);
    QSignalSpy errors(client.get(), &AbstractClient::errorOccurred);
    if (tcp) {
        // Refused at connect; later operations report the same failure, and a
        // coroutine catches it as ConnectionRefusedError.
        const QFuture<void> wait = client->waitConnected();
        QVERIFY(finish(wait));
        QCOMPARE(failure(wait), ErrorCode::ConnectionRefused);
        QCOMPARE(client->lastError().osErrno(), ECONNREFUSED);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(client->state(), AbstractClient::State::Closed);
        QCOMPARE(failure(client->waitConnected()), ErrorCode::ConnectionRefused);
        QCOMPARE(failure(client->recvPacket()), ErrorCode::ConnectionRefused);
        TcpClient refused(u"127.0.0.1"_s, port, StreamProtocol(lineSerializer()));
        const QFuture<int> caught = awaitFailure(refused);
        QVERIFY(finish(caught));
        QCOMPARE(caught.result(), 1);
        return;
    }
    // UDP: connecting succeeds; the ICMP port-unreachable answer turns into
    // ECONNREFUSED on the next operation.
    QVERIFY(finish(client->waitConnected()));
    QVERIFY(finish(client->sendPacket(QStringLiteral("anyone?"))));
    const QFuture<QVariant> answer = client->recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(failure(answer), ErrorCode::ConnectionRefused);
    QCOMPARE(client->lastError().osErrno(), ECONNREFUSED);
    // Reported once, the client still works: nothing spins, nothing crashes.
    QVERIFY(client->isConnected());
    const QFuture<QVariant> again = client->recvPacket();
    QTest::qWait(200);
    QVERIFY(!again.isFinished());
    QVERIFY(finish(client->close()));
    QCOMPARE(failure(again), ErrorCode::ClientClosed);
}

void tst_ClientContract::unresolvableHost()
{
    QFETCH(QString, transport);
    // An invalid name fails inside the resolver without any DNS query leaving
    // the machine (tests never talk to anything but loopback).
    std::unique_ptr<AbstractClient> client;
    if (transport == u"tcp")
        client = std::make_unique<TcpClient>(u"no..such..host"_s, 80, StreamProtocol(lineSerializer()));
    else
        client = std::make_unique<UdpClient>(u"no..such..host"_s, 80, DatagramProtocol(lineSerializer()));
    const QFuture<void> wait = client->waitConnected();
    QVERIFY(finish(wait));
    QCOMPARE(failure(wait), ErrorCode::HostNotFound);
    QVERIFY2(client->lastError().message().contains(u"no..such..host"),
             qPrintable(client->lastError().message()));
    QCOMPARE(client->state(), AbstractClient::State::Closed);
}

void tst_ClientContract::peerClosesAfterPackets()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QStringList got;
    QSignalSpy errors(client.get(), &AbstractClient::errorOccurred);
    connect(client.get(), &AbstractClient::packetReceived, this,
            [&](const QVariant &packet) { got.append(packet.toString()); });
    QVERIFY(finish(client->waitConnected()));
    fixture->stream().write("a\nb\nc\n");
    fixture->stream().closePeer();
    // Signal style: every whole packet, then the end of the stream, once.
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(got, (QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(client->lastError().code(), ErrorCode::ConnectionAborted);
}

void tst_ClientContract::sendEofPeerStillAnswers()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    fixture->stream().stopReading(); // Qt's sockets close both directions at end of stream
    for (int i = 0; i < 10; ++i)
        client->sendPacket(QStringLiteral("line %1").arg(i));
    const QFuture<void> eof = sendEof(*client);
    QVERIFY(finish(eof));
    QCOMPARE(failure(eof), ErrorCode::NoError);
    QCOMPARE(failure(sendEof(*client)), ErrorCode::NoError); // idempotent
    QCOMPARE(failure(client->sendPacket(QStringLiteral("too late"))), ErrorCode::InvalidOperation);
    // The peer reads the packets, then the end of the stream, and still answers.
    const QByteArray all = fixture->stream().readStoppedToEnd();
    QCOMPARE(all.count('\n'), 10);
    QVERIFY(all.startsWith("line 0\n") && all.endsWith("line 9\n"));
    fixture->stream().writeStopped("got 10 lines\n");
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("got 10 lines"));
}

void tst_ClientContract::pullStyleKeepsBackpressure()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    // 32 MB the client never asks for: the server's writes must stall in the
    // kernel instead of piling up in the client. Loopback socket buffers grow
    // to a few MB at most, so most of it stays in the server's write buffer.
    const QByteArray line = QByteArray(1023, 'x') + '\n';
    for (int i = 0; i < 32768; ++i)
        fixture->stream().write(line);
    QTest::qWait(500);
    QVERIFY2(fixture->stream().peerBytesToWrite() > 16 * 1024 * 1024,
             qPrintable(QString::number(fixture->stream().peerBytesToWrite())));
    QCOMPARE(received(client->recvPacket()).toString().size(), 1023);
}

void tst_ClientContract::smallReadsStillWholePackets()
{
    FIXTURE();
    const auto client = fixture->makeClient(Format::Json);
    QVERIFY(client->setProperty("maxRecvSize", qsizetype(7))); // many reads per packet
    QCOMPARE(client->property("maxRecvSize").value<qsizetype>(), qsizetype(7));
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    const QVariantMap packet {{QStringLiteral("op"), QStringLiteral("ping")},
                              {QStringLiteral("n"), 42}};
    client->sendPacket(packet);
    const QVariant answer = received(client->recvPacket());
    QVERIFY2(EasyNetTest::packetsEqual(answer, packet),
             qPrintable(EasyNetTest::describePacket(answer)));
}

void tst_ClientContract::largePacketPartialWrites()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(client->setProperty("maxPacketSize", qsizetype(8 * 1024 * 1024)));
    QCOMPARE(client->property("maxPacketSize").value<qsizetype>(), qsizetype(8 * 1024 * 1024));
    QVERIFY(finish(client->waitConnected()));
    QVERIFY(client->socket().setIntOption(SOL_SOCKET, SO_SNDBUF, 4096));
    QStringList got;
    connect(client.get(), &AbstractClient::packetReceived, this,
            [&](const QVariant &packet) { got.append(packet.toString()); });
    const QString big(4 * 1024 * 1024, QLatin1Char('z'));
    const QFuture<void> bigSent = client->sendPacket(big);
    const QFuture<void> smallSent = client->sendPacket(QStringLiteral("after"));
    QVERIFY(!bigSent.isFinished()); // the socket could not take it all
    QVERIFY(finish(bigSent, 20000));
    QVERIFY(finish(smallSent));
    QCOMPARE(failure(bigSent), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), 2, 20000);
    QVERIFY(got.at(0) == big);
    QCOMPARE(got.at(1), QStringLiteral("after"));
}

void tst_ClientContract::brokenPipe()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    fixture->stream().closePeer();
    // The server closed its end: a send fails with EPIPE (or ECONNRESET, once
    // the peer's kernel answered a write with a reset), without SIGPIPE.
    ErrorCode code = ErrorCode::NoError;
    for (int i = 0; i < 100 && code == ErrorCode::NoError; ++i) {
        const QFuture<void> sent = client->sendPacket(QStringLiteral("anyone?"));
        QVERIFY(finish(sent));
        code = failure(sent);
        if (code == ErrorCode::NoError)
            QTest::qWait(5);
    }
    QVERIFY2(code == ErrorCode::BrokenPipe || code == ErrorCode::ConnectionReset,
             qPrintable(client->lastError().message()));
}

QTEST_MAIN(tst_ClientContract)
#include "tst_clientcontract.moc"
