// The client contract (the reference's behaviour, in Qt's shape), tested once
// for all eight clients: TcpClient, UdpClient, UnixStreamClient,
// UnixDatagramClient and their blocking forms. What both forms share runs in
// rows of transport x form against a raw peer socket the test drives
// (rawpeer.h: raw sockets and std::thread, so that ThreadSanitizer sees every
// hand-over to a blocking client), through one driver (clientundertest.h).
// What only one form has runs in rows of that form: the event-driven clients
// against an echo server of their transport (echoservers.h), the blocking ones
// with threads of their own. A behaviour added to the clients is added here.
#include "clientundertest.h"
#include "echoservers.h"
#include "rawpeer.h"
#include "testsupport.h"
#include "unixtestsupport.h"

#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/blockingudpclient.h>
#include <EasyNet/blockingunixdatagramclient.h>
#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/cborserializer.h>
#include <EasyNet/futureawait.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/tcpclient.h>
#include <EasyNet/udpclient.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QMetaEnum>
#include <QtCore/QScopeGuard>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace EasyNet;
using namespace EasyNetTest;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

// The stream formats an event-driven test can ask for: UTF-8 lines and JSON.
enum class Format { Lines, Json };

StreamProtocol streamProtocol(Format format)
{
    if (format == Format::Json)
        return StreamProtocol(std::make_shared<JsonSerializer>());
    return StreamProtocol(lineSerializer());
}

// What an event-driven test needs of a transport: an echo server, a client
// configured to reach it (not opened), and ways to make the server misbehave.
class Fixture
{
public:
    virtual ~Fixture() = default;
    virtual bool isStream() const = 0;
    // A configured client (format: streams only; datagrams are lines).
    virtual std::unique_ptr<AbstractClient> makeClient(Format format = Format::Lines) = 0;
    // A client connected with autoRead off, for a test that pulls every
    // packet; none when it could not connect.
    std::unique_ptr<AbstractClient> connectedPullClient()
    {
        auto client = makeClient();
        client->setAutoRead(false);
        return finish(client->waitConnected()) ? std::move(client) : nullptr;
    }
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
template<typename Server>
class StreamFixture : public Fixture
{
public:
    bool isStream() const override { return true; }
    void answerNextWith(const QList<QByteArray> &raw) override { m_server.answerNextWith(raw); }
    EasyNetTest::StreamEchoServer &stream() override { return m_server; }

protected:
    Server m_server;
};

class TcpFixture final : public StreamFixture<EasyNetTest::TcpEchoServer>
{
public:
    std::unique_ptr<AbstractClient> makeClient(Format format) override
    {
        auto client = std::make_unique<TcpClient>();
        client->setHost(m_server.host().toString());
        client->setPort(m_server.port());
        client->setProtocol(streamProtocol(format));
        return client;
    }
};

class UnixStreamFixture final : public StreamFixture<EasyNetTest::LocalEchoServer>
{
public:
    std::unique_ptr<AbstractClient> makeClient(Format format) override
    {
        auto client = std::make_unique<UnixStreamClient>();
        client->setAddress(UnixSocketAddress::fromPath(m_server.path()));
        client->setProtocol(streamProtocol(format));
        return client;
    }
};

class UdpFixture final : public Fixture
{
public:
    bool isStream() const override { return false; }
    std::unique_ptr<AbstractClient> makeClient(Format) override
    {
        auto client = std::make_unique<UdpClient>();
        client->setHost(m_server.host().toString());
        client->setPort(m_server.port());
        client->setProtocol(DatagramProtocol(lineSerializer()));
        return client;
    }
    void answerNextWith(const QList<QByteArray> &raw) override { m_server.answerNextWith(raw); }

private:
    EasyNetTest::UdpEchoServer m_server {QHostAddress(QHostAddress::LocalHost)};
};

class UnixDatagramFixture final : public Fixture
{
public:
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

std::unique_ptr<Fixture> makeFixture(Transport transport)
{
    switch (transport) {
    case Transport::Tcp: return std::make_unique<TcpFixture>();
    case Transport::Udp: return std::make_unique<UdpFixture>();
    case Transport::UnixStream: return std::make_unique<UnixStreamFixture>();
    case Transport::UnixDatagram: break;
    }
    return std::make_unique<UnixDatagramFixture>();
}

QVariant received(QFuture<QVariant> future)
{
    if (!finish(future))
        return QStringLiteral("<timed out>");
    return failure(future) == ErrorCode::NoError ? future.result() : QVariant();
}

// sendEof() of a stream client.
QFuture<void> sendEof(AbstractClient &client)
{
    if (auto *tcp = qobject_cast<TcpClient *>(&client))
        return tcp->sendEof();
    return qobject_cast<UnixStreamClient *>(&client)->sendEof();
}

// A listener on 127.0.0.1 or in path whose accept queue is full: a TCP SYN
// is dropped, a Unix connect says "try again"; connecting never finishes by
// itself. Closed with its fillers when it goes.
class FullListener
{
public:
    FullListener(Transport transport, const QString &path)
        : m_listener(boundSocket(transport, path))
    {
        ::listen(m_listener, 0);
        m_address = localAddressOf(m_listener);
        for (int i = 0; i < 3; ++i) {
            m_fillers.append(::socket(m_address.storage.ss_family,
                                      SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
            ::connect(m_fillers.last(), m_address.raw(), m_address.length);
        }
    }
    ~FullListener()
    {
        EasyNetTest::closeAll(m_fillers);
        ::close(m_listener);
    }
    Q_DISABLE_COPY_MOVE(FullListener)
    quint16 port() const { return m_address.port(); }

private:
    int m_listener;
    BoundAddress m_address;
    QList<int> m_fillers;
};

constexpr std::initializer_list<Transport> AllTransports
    = {Transport::Tcp, Transport::UnixStream, Transport::Udp, Transport::UnixDatagram};
constexpr std::initializer_list<Transport> Streams = {Transport::Tcp, Transport::UnixStream};
constexpr std::initializer_list<Transport> Datagrams = {Transport::Udp, Transport::UnixDatagram};
constexpr std::initializer_list<Transport> Inet = {Transport::Tcp, Transport::Udp};

} // namespace

class tst_ClientContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Both forms.
    void echoThousands_data() { addClientRows(AllTransports); }
    void echoThousands();
    void callsAfterClose_data() { addClientRows(AllTransports); }
    void callsAfterClose();
    void adoptDescriptor_data() { addClientRows(AllTransports); }
    void adoptDescriptor();
    void adoptWrongKind_data();
    void adoptWrongKind();
    void malformedPacketThenGoodOne_data() { addClientRows(AllTransports); }
    void malformedPacketThenGoodOne();
    void receiveTimeoutLosesNothing_data() { addClientRows(AllTransports); }
    void receiveTimeoutLosesNothing();
    void iterationCountsOnlyWaiting_data() { addClientRows(AllTransports); }
    void iterationCountsOnlyWaiting();
    void iterationEndsQuietlyAtClose_data() { addClientRows(AllTransports); }
    void iterationEndsQuietlyAtClose();
    void peerClosesMidPacket_data() { addClientRows(Streams); }
    void peerClosesMidPacket();
    void peerResetIsConnectionReset_data() { addClientRows(Streams); }
    void peerResetIsConnectionReset();
    void iterationEndsQuietlyAtEndOfStream_data() { addClientRows(Streams); }
    void iterationEndsQuietlyAtEndOfStream();
    void unrecoverableParseErrorCloses_data() { addClientRows(Streams); }
    void unrecoverableParseErrorCloses();
    void sendEofThenSend_data() { addClientRows(Streams); }
    void sendEofThenSend();
    void connectTimeout_data() { addClientRows(Streams); }
    void connectTimeout();
    void oversizedDatagram_data() { addClientRows(Datagrams); }
    void oversizedDatagram();
    // TCP and UDP only (Unix addresses: tst_unixclients).
    void ipv6_data() { addClientRows(Inet); }
    void ipv6();
    void localBind_data() { addClientRows(Inet); }
    void localBind();
    void nothingListening_data() { addClientRows(Inet); }
    void nothingListening();
    void unresolvableHost_data() { addClientRows(Inet); }
    void unresolvableHost();

    // The blocking form only.
    void closeWakesBlockedReceiver_data() { blockingRows(AllTransports); }
    void closeWakesBlockedReceiver();
    void closeLeavesADuplicateAlone_data() { blockingRows(AllTransports); }
    void closeLeavesADuplicateAlone();
    void receiveWaitsItsWholeTimeout_data();
    void receiveWaitsItsWholeTimeout();
    void retriesKeepWaiting_data() { blockingRows(AllTransports); }
    void retriesKeepWaiting();
    void lockTimeCountsInTimeout_data() { blockingRows(AllTransports); }
    void lockTimeCountsInTimeout();
    void concurrentSendersAndReceivers_data() { blockingRows(AllTransports); }
    void concurrentSendersAndReceivers();
    void badOptions_data() { blockingRows(AllTransports); }
    void badOptions();

    // The event-driven form only.
    void echoEveryStyle_data() { eventRows(AllTransports); }
    void echoEveryStyle();
    void sendWithoutFuture_data() { eventRows(AllTransports); }
    void sendWithoutFuture();
    void nothingConnectsBeforeOpen_data() { eventRows(AllTransports); }
    void nothingConnectsBeforeOpen();
    void firstOperationConnects_data() { eventRows(AllTransports); }
    void firstOperationConnects();
    void optionsRefusedOnceOpened_data() { eventRows(AllTransports); }
    void optionsRefusedOnceOpened();
    void missingProtocolRefused_data() { eventRows(AllTransports); }
    void missingProtocolRefused();
    void stateSequence_data() { eventRows(AllTransports); }
    void stateSequence();
    void cancelledReceiveLosesNothing_data() { eventRows(AllTransports); }
    void cancelledReceiveLosesNothing();
    void closeTwiceAndOperationsAfterClose_data() { eventRows(AllTransports); }
    void closeTwiceAndOperationsAfterClose();
    void waitConnectedConcurrently_data() { eventRows(AllTransports); }
    void waitConnectedConcurrently();
    void coAwaitConversation_data() { eventRows(AllTransports); }
    void coAwaitConversation();
    void serializeErrorFailsTheSendOnly_data() { eventRows(AllTransports); }
    void serializeErrorFailsTheSendOnly();
    void iterationWithoutBudgetTakesWhatArrived_data() { eventRows(AllTransports); }
    void iterationWithoutBudgetTakesWhatArrived();
    void observesRawBytes_data() { eventRows(AllTransports); }
    void observesRawBytes();
    void sendQueueIsBounded_data() { eventRows(Streams); }
    void sendQueueIsBounded();
    void queuedSendsFailWhenConnectionDies_data() { eventRows(Streams); }
    void queuedSendsFailWhenConnectionDies();
    void sendEofConnectsFirst_data() { eventRows(Streams); }
    void sendEofConnectsFirst();
    void closeFlushesQueuedSends_data() { eventRows(Streams); }
    void closeFlushesQueuedSends();
    void peerClosesAfterPackets_data() { eventRows(Streams); }
    void peerClosesAfterPackets();
    void pullStyleKeepsBackpressure_data() { eventRows(Streams); }
    void pullStyleKeepsBackpressure();
    void smallReadsStillWholePackets_data() { eventRows(Streams); }
    void smallReadsStillWholePackets();
    void largePacketPartialWrites_data() { eventRows(Streams); }
    void largePacketPartialWrites();
    void brokenPipe_data() { eventRows(Streams); }
    void brokenPipe();
    void packetsInBulk_data() { eventRows(AllTransports); }
    void packetsInBulk();
    void packetsInBulkAroundErrors_data() { eventRows(Streams); }
    void packetsInBulkAroundErrors();
    void jsonPacketsInBulkAroundErrors_data() { eventRows(Streams); }
    void jsonPacketsInBulkAroundErrors();
    void packetsInBulkBesideEachPacket_data() { eventRows(Streams); }
    void packetsInBulkBesideEachPacket();
    void packetsInBulkAfterAWaitingReceive_data() { eventRows(Streams); }
    void packetsInBulkAfterAWaitingReceive();

private:
    static void blockingRows(std::initializer_list<Transport> transports)
    {
        addClientRows(transports, {Form::Blocking});
    }
    static void eventRows(std::initializer_list<Transport> transports)
    {
        addClientRows(transports, {Form::EventDriven});
    }
    // The row's client, unconnected, with the setup's other fields.
    static ClientSetup setupOf(ClientSetup setup = {})
    {
        QFETCH(Transport, transport);
        setup.transport = transport;
        return setup;
    }
    // The row's client connected to a fresh raw peer.
    PeerConnection open(ClientSetup setup = {}, PeerPlace place = {})
    {
        QFETCH(Form, form);
        place.unixPath = freshPath();
        return connectToRawPeer(form, setupOf(setup), place);
    }
    QString freshPath() { return m_dir.filePath(QStringLiteral("peer%1.sock").arg(++m_sockets)); }

    QTemporaryDir m_dir;
    int m_sockets = 0;
};

#define OPEN(...)                                                                                  \
    PeerConnection c = open(__VA_ARGS__);                                                          \
    if (QTest::currentTestFailed())                                                                \
        return;

#define FIXTURE()                                                                                  \
    QFETCH(Transport, transport);                                                                  \
    const std::unique_ptr<Fixture> fixture = makeFixture(transport);                               \
    if (QTest::currentTestFailed())                                                                \
        return;

void tst_ClientContract::echoThousands()
{
    OPEN();
    c.peer->startEcho();
    for (int i = 0; i < 3000; ++i) {
        QVERIFY_OK(c.client->send(QStringLiteral("packet %1 \u00e9").arg(i)));
        QCOMPARE(c.client->next(), QStringLiteral("packet %1 \u00e9").arg(i));
    }
    // The same through the iteration, a few packets in flight at a time.
    int next = 0;
    for (int i = 0; i < 8; ++i)
        QVERIFY_OK(c.client->send(QString::number(i)));
    QVERIFY_OK(c.client->iterate(30s, [&](const QVariant &packet) {
        if (packet.toString() != QString::number(next))
            return false;
        if (++next == 2000)
            return false;
        return next + 7 >= 2000 || !c.client->send(QString::number(next + 7)).isError();
    }));
    QCOMPARE(next, 2000);
}

void tst_ClientContract::callsAfterClose()
{
    QFETCH(Transport, transport);
    QFETCH(Form, form);
    QVERIFY(
        !ClientUnderTest::make(form, setupOf())->socket().isValid()); // nothing before connecting
    OPEN();
    const SocketHandle handle = c.client->socket();
    QVERIFY(handle.isValid());
    if (isUnix(transport)) {
        QCOMPARE(handle.family(), SocketHandle::Family::Unix);
        QVERIFY(!handle.peerUnixAddress().isNull());
        QVERIFY(handle.peerAddress().isNull());
    } else {
        QCOMPARE(handle.family(), SocketHandle::Family::IPv4);
        QCOMPARE(handle.peerAddress(), QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(handle.localAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(handle.peerPort() != 0 && handle.localPort() != 0);
        QCOMPARE(handle.peerPort(), c.peer->localPort());
        QVERIFY(handle.peerUnixAddress().isNull() && handle.localUnixAddress().isNull());
    }
    c.client->close();
    c.client->close(); // twice: nothing more
    QVERIFY(c.client->isClosed());
    if (form == Form::Blocking)
        QCOMPARE(c.client->blocking()->fileno(), qintptr(-1));
    QVERIFY(!c.client->socket().isValid());
    // Every handle is invalid once closed, and never names the file that
    // reuses the descriptor number.
    const int reused = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    QVERIFY(!handle.isValid());
    int errnum = 0;
    QVERIFY(!handle.intOption(SOL_SOCKET, SO_TYPE, &errnum));
    QCOMPARE(errnum, EBADF);
    QCOMPARE(handle.family(), SocketHandle::Family::Unknown);
    ::close(reused);
    QCOMPARE(c.client->send(QStringLiteral("x")).code(), ErrorCode::ClientClosed);
    QCOMPARE(c.client->receive().code(), ErrorCode::ClientClosed);
    QCOMPARE(c.client->receive(nullptr, 0ms).code(), ErrorCode::ClientClosed);
    // The iteration ends quietly on a closed client.
    int packets = 0;
    QVERIFY_OK(c.client->iterate(std::nullopt, [&](const QVariant &) { return ++packets > 0; }));
    QCOMPARE(packets, 0);
    if (isStream(transport))
        QVERIFY_OK(c.client->sendEof()); // does nothing once closed
}

void tst_ClientContract::adoptDescriptor()
{
    QFETCH(Transport, transport);
    QFETCH(Form, form);
    PeerPlace adopting;
    adopting.adopt = true;
    OPEN({}, adopting);
    QVERIFY(c.adopted >= 0);
    QCOMPARE(c.client->socket().descriptor(), c.adopted);
    // A blocking client waits in recvmsg() itself: its socket is blocking.
    QCOMPARE(bool(::fcntl(int(c.adopted), F_GETFL) & O_NONBLOCK), form == Form::EventDriven);
    // Whatever the caller left, an adopted descriptor never leaks into a child.
    QVERIFY(::fcntl(int(c.adopted), F_GETFD) & FD_CLOEXEC);
    if (!isUnix(transport)) { // the peer the descriptor was connected to
        QCOMPARE(c.client->socket().peerPort(), c.peer->localPort());
    }
    c.peer->startEcho();
    QVERIFY_OK(c.client->send(QStringLiteral("adopted")));
    QCOMPARE(c.client->next(), QStringLiteral("adopted"));
    c.client->close();
    QVERIFY(!c.client->socket().isValid());
    QCOMPARE(::fcntl(int(c.adopted), F_GETFD), -1); // owned and closed by the client
}

void tst_ClientContract::adoptWrongKind_data()
{
    // An event-driven client owns the descriptor from open() on and closes it
    // when it refuses it; a blocking one leaves a refused descriptor the caller's.
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<Form>("form");
    QTest::addColumn<QString>("descriptor");
    QTest::addColumn<int>("code"); // -1: not checked
    QTest::addColumn<int>("osErrno"); // 0: not checked
    QTest::addColumn<QString>("message"); // what the message says, if anything
    const auto row = [](Transport transport, Form form, const char *what) -> QTestData & {
        return QTest::addRow("%s, %s, %s", nameOf(transport), nameOf(form), what)
            << transport << form;
    };
    const int invalid = int(ErrorCode::InvalidArgument);
    const Form event = Form::EventDriven, blocking = Form::Blocking;
    // Both UDP forms refuse the same descriptors with the same errors.
    for (const Form form : {event, blocking}) {
        row(Transport::Udp, form, "a TCP socket")
            << u"tcp"_s << invalid << EINVAL << u"not a UDP socket"_s;
        row(Transport::Udp, form, "a connected Unix datagram socket")
            << u"unix datagram"_s << invalid << EINVAL << u"not a UDP socket"_s;
        row(Transport::Udp, form, "not connected")
            << u"unconnected udp"_s << int(ErrorCode::ConnectionError) << ENOTCONN
            << u"not a connected UDP socket"_s;
    }
    row(Transport::Tcp, event, "a UDP socket") << u"udp"_s << invalid << 0 << QString();
    row(Transport::UnixStream, event, "a pipe") << u"pipe"_s << -1 << 0 << QString();
    row(Transport::UnixStream, event, "a datagram socket")
        << u"unix datagram"_s << -1 << EPROTOTYPE << QString();
    row(Transport::UnixDatagram, event, "a stream socket")
        << u"unix stream"_s << -1 << EPROTOTYPE << QString();
    row(Transport::Tcp, blocking, "a UDP socket") << u"udp"_s << invalid << 0 << QString();
    row(Transport::Tcp, blocking, "not connected") << u"tcp"_s << invalid << 0 << QString();
    row(Transport::Tcp, blocking, "a Unix socket") << u"unix stream"_s << invalid << 0 << QString();
    row(Transport::UnixStream, blocking, "a datagram socket")
        << u"unix datagram"_s << invalid << 0 << QString();
    row(Transport::UnixDatagram, blocking, "an inet socket")
        << u"udp"_s << invalid << 0 << QString();
}

void tst_ClientContract::adoptWrongKind()
{
    QFETCH(Form, form);
    QFETCH(QString, descriptor);
    QFETCH(int, code);
    QFETCH(int, osErrno);
    QFETCH(QString, message);
    int fds[2] = {-1, -1};
    if (descriptor == u"udp" || descriptor == u"unconnected udp")
        fds[0] = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    else if (descriptor == u"tcp")
        fds[0] = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    else if (descriptor == u"pipe")
        QCOMPARE(::pipe2(fds, O_CLOEXEC), 0);
    else
        QCOMPARE(
            ::socketpair(AF_UNIX,
                         (descriptor == u"unix stream" ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC,
                         0, fds),
            0);
    ClientSetup adopting;
    adopting.descriptor = fds[0];
    const Error refused = ClientUnderTest::make(form, setupOf(adopting))->connect();
    QVERIFY(refused.isError());
    if (code >= 0)
        QCOMPARE(refused.code(), ErrorCode(code));
    if (osErrno != 0)
        QCOMPARE(refused.osErrno(), osErrno);
    if (!message.isEmpty())
        QVERIFY2(refused.message().contains(message), qPrintable(refused.message()));
    // Owned and closed by an event-driven client, as TcpClient's documentation
    // says ("closes it, also when it refuses it"); still the caller's when a
    // blocking one refuses it.
    const bool closedByClient = ::fcntl(fds[0], F_GETFD) == -1;
    QCOMPARE(closedByClient, form == Form::EventDriven);
    if (!closedByClient)
        ::close(fds[0]);
    if (fds[1] >= 0)
        QCOMPARE(::close(fds[1]), 0);
}

void tst_ClientContract::malformedPacketThenGoodOne()
{
    QFETCH(Transport, transport);
    OPEN();
    std::optional<QSignalSpy> errors;
    if (AbstractClient *client = c.client->eventDriven())
        errors.emplace(client, &AbstractClient::errorOccurred);
    // Not UTF-8: a parse error, and the format finds the next packet.
    if (isStream(transport))
        c.peer->write("first\n\xff\xfe\ngood\n");
    else
        c.peer->write(QList<QByteArray> {"first", "\xff\xfe", "good"});
    QCOMPARE(c.client->next(), QStringLiteral("first"));
    const Error bad = c.client->receive();
    QCOMPARE(bad.code(),
             isStream(transport) ? ErrorCode::StreamParseError : ErrorCode::DatagramParseError);
    QCOMPARE(bad.parseError().kind(), ParseError::Kind::Malformed);
    QVERIFY(bad.parseError().isRecoverable());
    if (isStream(transport)) // where in the stream: after "first\n"
        QCOMPARE(bad.parseError().offset(), 6);
    if (errors)
        QCOMPARE(errors->size(), 1);
    QCOMPARE(c.client->next(), QStringLiteral("good"));
    QVERIFY(!c.client->isClosed());
}

void tst_ClientContract::receiveTimeoutLosesNothing()
{
    QFETCH(Transport, transport);
    OPEN();
    QCOMPARE(c.client->receive(nullptr, 0ms).code(), ErrorCode::Timeout);
    if (isStream(transport)) {
        // The half that came before the timeout stays buffered.
        c.peer->write("first half, ");
        QCOMPARE(c.client->receive(nullptr, 100ms).code(), ErrorCode::Timeout);
        c.peer->write("second half\n");
        QCOMPARE(c.client->next(), QStringLiteral("first half, second half"));
    } else {
        QCOMPARE(c.client->receive(nullptr, 100ms).code(), ErrorCode::Timeout);
        c.peer->write("after the timeout\n");
        QCOMPARE(c.client->next(), QStringLiteral("after the timeout"));
    }
    // A zero timeout takes what is already there, and so does the iteration's
    // default budget (none: only what has arrived).
    c.peer->write("here\n");
    std::this_thread::sleep_for(50ms);
    QCOMPARE(c.client->next(0ms), QStringLiteral("here"));
    c.peer->write(QList<QByteArray> {"x\n", "y\n"});
    std::this_thread::sleep_for(50ms);
    QStringList got;
    QVERIFY_OK(c.client->iterate(0ms, [&](const QVariant &packet) {
        got.append(packet.toString());
        return true;
    }));
    QCOMPARE(got, (QStringList {QStringLiteral("x"), QStringLiteral("y")}));
}

void tst_ClientContract::iterationCountsOnlyWaiting()
{
    QFETCH(Form, form);
    OPEN();
    c.peer->write("a\n");
    QStringList got;
    qint64 inBody = 0;
    QElapsedTimer total;
    total.start();
    // 1 s for the waits; the first loop body takes 1.5 s more, and "b" comes
    // 600 ms after it. A deadline fixed at the start would have passed by then.
    std::optional<std::chrono::milliseconds> remaining;
    QVERIFY_OK(c.client->iterate(
        1s,
        [&](const QVariant &packet) {
            got.append(packet.toString());
            if (got.size() > 1)
                return true;
            QElapsedTimer body;
            body.start();
            std::this_thread::sleep_for(1500ms);
            c.peer->after(600ms, [&] { c.peer->write("b\n"); });
            inBody += body.elapsed();
            return true;
        },
        &remaining));
    const qint64 waited = total.elapsed() - inBody;
    QCOMPARE(got, (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
    // The waits together take the budget: not less, and not a new budget per
    // packet (that would be about 1.6 s).
    QVERIFY2(waited >= 900 && waited < 1400,
             qPrintable(QStringLiteral("waited %1 ms in the iteration").arg(waited)));
    if (form == Form::EventDriven)
        QCOMPARE(remaining, std::optional(0ms));
    // The expired iteration takes no packet away from a later receive.
    c.peer->write("later\n");
    QCOMPARE(c.client->next(), QStringLiteral("later"));
}

void tst_ClientContract::iterationEndsQuietlyAtClose()
{
    OPEN();
    c.peer->write("one\n");
    c.client->closeAfter(200ms);
    QStringList got;
    QVERIFY_OK(c.client->iterate(std::nullopt, [&](const QVariant &packet) {
        got.append(packet.toString());
        return true;
    }));
    QCOMPARE(got, QStringList {QStringLiteral("one")});
}

void tst_ClientContract::peerClosesMidPacket()
{
    OPEN();
    c.peer->write("whole\nhalf a pack");
    c.peer->close();
    QCOMPARE(c.client->next(), QStringLiteral("whole"));
    const Error cut = c.client->receive();
    QCOMPARE(cut.code(), ErrorCode::ConnectionAborted);
    QCOMPARE(cut.osErrno(), ECONNABORTED);
    QVERIFY2(cut.message().contains(u"11 bytes lost"), qPrintable(cut.message()));
    QVERIFY2(cut.message().contains(u"middle of a packet"), qPrintable(cut.message()));
    // Every later receive fails the same way; close still works.
    QCOMPARE(c.client->receive().code(), ErrorCode::ConnectionAborted);
    c.client->close();
}

void tst_ClientContract::peerResetIsConnectionReset()
{
    QFETCH(Form, form);
    OPEN();
    QVERIFY_OK(c.client->send(QStringLiteral("never read")));
    // A receive waiting when the reset comes fails with it, and so does a send after.
    c.peer->after(100ms, [&] { c.peer->reset(); });
    const Error reset = c.client->receive();
    QCOMPARE(reset.code(), ErrorCode::ConnectionReset);
    QCOMPARE(reset.osErrno(), ECONNRESET);
    // The event-driven client closes and keeps the reset as its error; a
    // blocking one stays open until close(), and its socket says EPIPE.
    if (form == Form::EventDriven)
        QTRY_VERIFY(c.client->isClosed());
    QCOMPARE(c.client->send(QStringLiteral("after reset")).code(),
             form == Form::EventDriven ? ErrorCode::ConnectionReset : ErrorCode::BrokenPipe);
}

void tst_ClientContract::iterationEndsQuietlyAtEndOfStream()
{
    OPEN();
    c.peer->write("last\n");
    // The iteration is waiting when the peer half-closes.
    c.peer->after(100ms, [&] { c.peer->shutdownWrite(); });
    QStringList got;
    QVERIFY_OK(c.client->iterate(std::nullopt, [&](const QVariant &packet) {
        got.append(packet.toString());
        return true;
    }));
    QCOMPARE(got, QStringList {QStringLiteral("last")});
    // A plain receive says why: the peer closed (ConnectionAborted, ECONNABORTED).
    const Error end = c.client->receive();
    QCOMPARE(end.code(), ErrorCode::ConnectionAborted);
    QCOMPARE(end.osErrno(), ECONNABORTED);
    QCOMPARE(end.cause(), ErrorCause::EndOfStream);
    // Half-open: the client can still send until it closes.
    QVERIFY_OK(c.client->send(QStringLiteral("still here")));
    QVERIFY(!c.client->isClosed());
    c.client->close();
    QCOMPARE(c.peer->readToEnd(), QByteArray("still here\n"));
}

void tst_ClientContract::unrecoverableParseErrorCloses()
{
    QFETCH(Form, form);
    ClientSetup cbor;
    cbor.serializer = std::make_shared<CborSerializer>();
    OPEN(cbor);
    std::optional<QSignalSpy> errors;
    if (AbstractClient *client = c.client->eventDriven())
        errors.emplace(client, &AbstractClient::errorOccurred);
    // CBOR 1, then reserved initial bytes: CBOR cannot find the next packet.
    c.peer->write(QByteArray::fromHex("01"));
    c.peer->write(QByteArray("\x1c\x1c\x1c\x1c", 4));
    QVariant one;
    QVERIFY_OK(c.client->receive(&one));
    QCOMPARE(one.toInt(), 1);
    const Error bad = c.client->receive();
    QCOMPARE(bad.code(), ErrorCode::StreamParseError);
    QVERIFY(!bad.parseError().isRecoverable());
    // Reported once; the client closed itself, and later operations fail (the
    // event-driven client as on a connection that is gone).
    QTRY_VERIFY(c.client->isClosed());
    if (errors) {
        int parseErrors = 0;
        for (const QList<QVariant> &args : std::as_const(*errors))
            parseErrors += args.at(0).value<Error>().code() == ErrorCode::StreamParseError;
        QCOMPARE(parseErrors, 1);
    }
    const ErrorCode later
        = form == Form::Blocking ? ErrorCode::ClientClosed : ErrorCode::ConnectionAborted;
    QCOMPARE(c.client->receive().code(), later);
    QCOMPARE(c.client->send(2).code(), later);
    QCOMPARE(c.peer->readToEnd(), QByteArray());
}

void tst_ClientContract::sendEofThenSend()
{
    OPEN();
    for (int i = 0; i < 10; ++i)
        QVERIFY_OK(c.client->send(QStringLiteral("line %1").arg(i)));
    QVERIFY_OK(c.client->sendEof());
    QVERIFY_OK(c.client->sendEof()); // idempotent
    // A send after sendEof() is the caller's mistake, not a connection error.
    QCOMPARE(c.client->send(QStringLiteral("too late")).code(), ErrorCode::InvalidOperation);
    // The peer reads the packets up to the end of the stream, and still answers.
    const QByteArray all = c.peer->readToEnd();
    QCOMPARE(all.count('\n'), 10);
    QVERIFY(all.startsWith("line 0\n") && all.endsWith("line 9\n"));
    c.peer->write("got 10 lines\n");
    QCOMPARE(c.client->next(), QStringLiteral("got 10 lines"));
    c.client->close();
    QVERIFY_OK(c.client->sendEof()); // nothing once closed
}

void tst_ClientContract::connectTimeout()
{
    QFETCH(Transport, transport);
    QFETCH(Form, form);
    const QString path = freshPath();
    const FullListener full(transport, path);
    ClientSetup setup;
    setup.port = full.port();
    setup.unixAddress = UnixSocketAddress::fromPath(path);
    setup.connectTimeout = 300ms;
    const auto client = ClientUnderTest::make(form, setupOf(setup));
    QElapsedTimer elapsed;
    elapsed.start();
    const Error timedOut = client->connect();
    QCOMPARE(timedOut.code(), ErrorCode::Timeout);
    QCOMPARE(timedOut.osErrno(), ETIMEDOUT);
    QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(client->isClosed());
}

void tst_ClientContract::oversizedDatagram()
{
    ClientSetup limited;
    limited.udp.maxDatagramSize = limited.unixOptions.maxDatagramSize = 100;
    OPEN(limited);
    if (AbstractClient *client = c.client->eventDriven())
        QCOMPARE(client->property("maxDatagramSize").value<qsizetype>(), qsizetype(100));
    c.peer->write(
        {QByteArray(100, 'a'), QByteArray(101, 'b'), QByteArray(60000, 'c'), QByteArray("small")});
    QCOMPARE(c.client->next(), QString(100, QLatin1Char('a')));
    // Each datagram over the limit is one error, with the datagram's real size;
    // the client goes on.
    for (const int size : {101, 60000}) {
        const Error tooLarge = c.client->receive();
        QCOMPARE(tooLarge.code(), ErrorCode::DatagramParseError);
        QCOMPARE(tooLarge.parseError().kind(), ParseError::Kind::TooLarge);
        QCOMPARE(tooLarge.parseError().size(), size);
    }
    QCOMPARE(c.client->next(), QStringLiteral("small"));
    QVERIFY(!c.client->isClosed());
}

void tst_ClientContract::ipv6()
{
    PeerPlace onIpv6;
    onIpv6.ipv6 = true;
    OPEN({}, onIpv6);
    if (AbstractClient *client = c.client->eventDriven())
        QCOMPARE(client->property("host").toString(), u"::1"_s);
    c.peer->startEcho();
    QCOMPARE(c.client->socket().family(), SocketHandle::Family::IPv6);
    QCOMPARE(c.client->socket().peerAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
    QVERIFY_OK(c.client->send(QStringLiteral("v6")));
    QCOMPARE(c.client->next(), QStringLiteral("v6"));
}

// Setup binding to 127.0.0.1:port (TCP and UDP).
static ClientSetup boundTo(quint16 port)
{
    ClientSetup setup;
    setup.tcp.bindAddress = setup.udp.bindAddress = QHostAddress(QHostAddress::LocalHost);
    setup.tcp.bindPort = setup.udp.bindPort = port;
    return setup;
}

void tst_ClientContract::localBind()
{
    QFETCH(Transport, transport);
    QFETCH(Form, form);
    const quint16 local = freePort(isStream(transport) ? SOCK_STREAM : SOCK_DGRAM);
    QVERIFY(local != 0);
    OPEN(boundTo(local));
    QCOMPARE(c.client->socket().localAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(c.client->socket().localPort(), local);
    QCOMPARE(c.peer->peerPort(), local); // what the other end sees
    c.peer->startEcho();
    QVERIFY_OK(c.client->send(QStringLiteral("from a chosen port")));
    QCOMPARE(c.client->next(), QStringLiteral("from a chosen port"));
    // A bind that cannot succeed (the port is this client's) fails the open,
    // also towards a peer that would accept.
    const int other = boundSocket(transport, {});
    const auto closeOther = qScopeGuard([other] { ::close(other); });
    ::listen(other, 1);
    ClientSetup second = boundTo(local);
    second.port = localAddressOf(other).port();
    QVERIFY(ClientUnderTest::make(form, setupOf(second))->connect().isError());
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
    QFETCH(Transport, transport);
    QFETCH(Form, form);
    ClientSetup setup;
    setup.port = freePort(isStream(transport) ? SOCK_STREAM : SOCK_DGRAM);
    const auto client = ClientUnderTest::make(form, setupOf(setup));
    AbstractClient *eventDriven = client->eventDriven();
    std::optional<QSignalSpy> errors;
    if (eventDriven)
        errors.emplace(eventDriven, &AbstractClient::errorOccurred);
    if (transport == Transport::Tcp) {
        // Refused at connect; later operations report the same failure, and a
        // coroutine catches it as ConnectionRefusedError.
        const Error refused = client->connect();
        QCOMPARE(refused.code(), ErrorCode::ConnectionRefused);
        QCOMPARE(refused.osErrno(), ECONNREFUSED);
        QVERIFY(client->isClosed());
        QCOMPARE(client->connect().code(), ErrorCode::ConnectionRefused);
        QCOMPARE(client->receive().code(), ErrorCode::ConnectionRefused);
        if (!eventDriven)
            return;
        QCOMPARE(errors->size(), 1);
        TcpClient other(u"127.0.0.1"_s, setup.port, StreamProtocol(lineSerializer()));
        const QFuture<int> caught = awaitFailure(other);
        QVERIFY(finish(caught));
        QCOMPARE(caught.result(), 1);
        return;
    }
    // UDP: connecting succeeds; the ICMP port-unreachable answer turns into
    // ECONNREFUSED on the next operation.
    QVERIFY_OK(client->connect());
    QVERIFY_OK(client->send(QStringLiteral("anyone?")));
    const Error refused = client->receive();
    QCOMPARE(refused.code(), ErrorCode::ConnectionRefused);
    QCOMPARE(refused.osErrno(), ECONNREFUSED);
    // Reported once, the client goes on (and now simply times out): nothing
    // spins, nothing crashes.
    QVERIFY(!client->isClosed());
    QCOMPARE(client->receive(nullptr, 50ms).code(), ErrorCode::Timeout);
    if (!eventDriven)
        return;
    const QFuture<QVariant> again = eventDriven->recvPacket();
    QTest::qWait(200);
    QVERIFY(!again.isFinished());
    client->close();
    QCOMPARE(failure(again), ErrorCode::ClientClosed);
}

void tst_ClientContract::unresolvableHost()
{
    QFETCH(Form, form);
#if defined(__SANITIZE_THREAD__)
    // QHostInfo's lookup pool hands its result over through Qt's event queue,
    // whose locks Debian's Qt hides from ThreadSanitizer: reports inside Qt
    // (some runs, at random) that suppressions cannot name. ASan runs the row.
    if (form == Form::EventDriven)
        QSKIP("Qt's host lookup pool is not visible to ThreadSanitizer");
#endif
    // An invalid name fails inside the resolver without any DNS query leaving
    // the machine (tests never talk to anything but loopback).
    ClientSetup setup;
    setup.host = u"no..such..host"_s;
    setup.port = 80;
    const auto client = ClientUnderTest::make(form, setupOf(setup));
    const Error notFound = client->connect();
    QCOMPARE(notFound.code(), ErrorCode::HostNotFound);
    QVERIFY2(notFound.message().contains(u"no..such..host"), qPrintable(notFound.message()));
    QVERIFY(client->isClosed());
}

void tst_ClientContract::closeWakesBlockedReceiver()
{
    OPEN();
    AbstractBlockingClient &client = *c.client->blocking();
    client.setRetryInterval(QDeadlineTimer::Forever); // only close() can wake it
    std::atomic<bool> woke {false};
    std::thread receiver([&] { woke = throws<ClientClosedError>([&] { client.recvPacket(); }); });
    std::this_thread::sleep_for(100ms);
    client.close();
    receiver.join();
    QVERIFY(woke.load());
}

void tst_ClientContract::closeLeavesADuplicateAlone()
{
    // close() wakes a receiver waiting in the kernel with shutdown(), which
    // acts on the socket, not the descriptor: with no receiver waiting it must
    // not, or a dup() of an adopted descriptor would lose its socket too.
    PeerPlace adopting;
    adopting.adopt = true;
    OPEN({}, adopting);
    QVERIFY(throws<TimeoutError>([&] { c.client->blocking()->recvPacket(50ms); }));
    const int duplicate = ::dup(int(c.adopted));
    QVERIFY(duplicate >= 0);
    const auto closeIt = qScopeGuard([duplicate] { ::close(duplicate); });
    c.client->close();
    c.peer->write("still there\n");
    pollfd readable {duplicate, POLLIN, 0};
    QCOMPARE(::poll(&readable, 1, 5000), 1);
    char buffer[32] = {};
    QCOMPARE(::recv(duplicate, buffer, sizeof(buffer), MSG_DONTWAIT), ssize_t(12));
    QCOMPARE(QByteArray(buffer), QByteArray("still there\n"));
}

void tst_ClientContract::receiveWaitsItsWholeTimeout_data()
{
    // Short timeouts are polled; longer ones wait in the kernel, whose timer
    // is coarser, then poll the rest; with a retry interval shorter than the
    // timeout, the kernel waits in rounds.
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<Form>("form");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<int>("retryMs"); // -1: forever
    for (const Transport transport : AllTransports) {
        for (const auto &[timeoutMs, retryMs] :
             {std::pair {5, -1}, std::pair {300, -1}, std::pair {300, 40}}) {
            QTest::addRow("%s, %s, %d ms, retry %d ms", nameOf(transport), nameOf(Form::Blocking),
                          timeoutMs, retryMs)
                << transport << Form::Blocking << timeoutMs << retryMs;
        }
    }
}

void tst_ClientContract::receiveWaitsItsWholeTimeout()
{
    QFETCH(int, timeoutMs);
    QFETCH(int, retryMs);
    OPEN();
    AbstractBlockingClient &client = *c.client->blocking();
    if (retryMs < 0)
        client.setRetryInterval(QDeadlineTimer::Forever);
    else
        client.setRetryInterval(std::chrono::milliseconds(retryMs));
    for (int round = 0; round < 3; ++round) { // the kernel's timeout is set once, then kept
        QElapsedTimer elapsed;
        elapsed.start();
        QVERIFY(
            throws<TimeoutError>([&] { client.recvPacket(std::chrono::milliseconds(timeoutMs)); }));
        const qint64 took = elapsed.elapsed();
        QVERIFY2(took >= timeoutMs, qPrintable(QStringLiteral("timed out after %1 ms").arg(took)));
        // Not a speed check: it catches a wait that ignores its deadline.
        QVERIFY2(took < timeoutMs + 2000,
                 qPrintable(QStringLiteral("timed out after %1 ms").arg(took)));
    }
    c.peer->write("after the timeouts\n");
    QCOMPARE(c.client->next(), QStringLiteral("after the timeouts"));
}

void tst_ClientContract::retriesKeepWaiting()
{
    // The kernel's wait ends every retry interval; the receive goes on until
    // the packet comes.
    OPEN();
    AbstractBlockingClient &client = *c.client->blocking();
    client.setRetryInterval(20ms);
    std::thread late([&] {
        std::this_thread::sleep_for(300ms);
        c.peer->write("late\n");
    });
    const QVariant packet = client.recvPacket();
    late.join();
    QCOMPARE(packet.toString(), QStringLiteral("late"));
}

void tst_ClientContract::lockTimeCountsInTimeout()
{
    OPEN();
    AbstractBlockingClient &client = *c.client->blocking();
    // The holder keeps the receive lock for 3 s, waiting for a packet.
    std::atomic<bool> holderTimedOut {false};
    std::thread holder(
        [&] { holderTimedOut = throws<TimeoutError>([&] { client.recvPacket(3s); }); });
    std::this_thread::sleep_for(200ms);
    // A receive with a 100 ms timeout gives up waiting for the lock: were the
    // lock's time not counted, it would wait for the holder (about 2.8 s).
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(throws<TimeoutError>([&] { client.recvPacket(100ms); }));
    const qint64 took = elapsed.elapsed();
    holder.join();
    QVERIFY(holderTimedOut.load());
    QVERIFY2(took < 1500, qPrintable(QStringLiteral("timed out after %1 ms").arg(took)));
}

void tst_ClientContract::concurrentSendersAndReceivers()
{
    OPEN();
    AbstractBlockingClient &client = *c.client->blocking();
    c.peer->startEcho();
    // 8 senders and 8 receivers share one client. A few packets in flight at
    // most, so that loopback UDP never drops one; every packet comes back to
    // exactly one receiver.
    constexpr int threads = 8;
    constexpr int perThread = 1500;
    std::mutex mutex;
    std::multiset<QString> received;
    std::atomic<int> sent {0}, got {0}, failures {0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            try {
                for (int i = 0; i < perThread; ++i) {
                    while (sent.load() - got.load() > 32)
                        std::this_thread::yield();
                    ++sent;
                    client.sendPacket(QStringLiteral("%1:%2").arg(t).arg(i), 30s);
                }
            } catch (const std::exception &e) {
                qWarning("sender: %s", e.what());
                ++failures;
            }
        });
        workers.emplace_back([&] {
            try {
                for (int i = 0; i < perThread; ++i) {
                    const QString packet = client.recvPacket(30s).toString();
                    ++got;
                    const std::lock_guard lock(mutex);
                    received.insert(packet);
                }
            } catch (const std::exception &e) {
                qWarning("receiver: %s", e.what());
                ++failures;
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(received.size(), size_t(threads * perThread));
    const std::set<QString> unique(received.begin(), received.end());
    QCOMPARE(unique.size(), size_t(threads * perThread)); // none twice, so none lost
}

void tst_ClientContract::badOptions()
{
    // Each is refused before anything connects (the reference's ValueErrors).
    QFETCH(Transport, transport);
    const QString path = freshPath();
    const int listener = boundSocket(transport, path);
    if (isStream(transport))
        ::listen(listener, 4);
    const quint16 port = localAddressOf(listener).port();
    const UnixSocketAddress address = UnixSocketAddress::fromPath(path);
    QList<std::pair<QByteArray, std::function<void()>>> attempts;
    const auto tcp = [&](const char *name, std::function<void(BlockingTcpOptions &)> change) {
        BlockingTcpOptions options;
        change(options);
        attempts.append({name, [=] {
                             BlockingTcpClient(QStringLiteral("127.0.0.1"), port,
                                               StreamProtocol(lineSerializer()), options);
                         }});
        // The same options on an adopted descriptor: refused, the descriptor stays ours.
        attempts.append({QByteArray(name) + ", adopting", [=] {
                             const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
                             const auto closeIt = qScopeGuard([fd] { QCOMPARE(::close(fd), 0); });
                             BlockingTcpClient(fd, StreamProtocol(lineSerializer()), options);
                         }});
    };
    const auto udp = [&](const char *name, std::function<void(BlockingUdpOptions &)> change) {
        BlockingUdpOptions options;
        change(options);
        attempts.append({name, [=] {
                             BlockingUdpClient(QStringLiteral("127.0.0.1"), port,
                                               DatagramProtocol(lineSerializer()), options);
                         }});
    };
    const auto unixClient
        = [&](const char *name, std::function<void(BlockingUnixOptions &)> change) {
              BlockingUnixOptions options;
              change(options);
              if (transport == Transport::UnixStream)
                  attempts.append({name, [=] {
                                       BlockingUnixStreamClient(
                                           address, StreamProtocol(lineSerializer()), options);
                                   }});
              else
                  attempts.append({name, [=] {
                                       BlockingUnixDatagramClient(
                                           address, DatagramProtocol(lineSerializer()), options);
                                   }});
          };
    switch (transport) {
    case Transport::Tcp:
        tcp("maxRecvSize 0", [](BlockingTcpOptions &o) { o.maxRecvSize = 0; });
        tcp("maxRecvSize -1", [](BlockingTcpOptions &o) { o.maxRecvSize = -1; });
        tcp("maxPacketSize 0", [](BlockingTcpOptions &o) { o.maxPacketSize = 0; });
        tcp("happyEyeballsDelay -1ms", [](BlockingTcpOptions &o) { o.happyEyeballsDelay = -1ms; });
        tcp("serverHostname without TLS",
            [](BlockingTcpOptions &o) { o.serverHostname = QStringLiteral("localhost"); });
        break;
    case Transport::Udp:
        udp("maxDatagramSize 0", [](BlockingUdpOptions &o) { o.maxDatagramSize = 0; });
        udp("maxDatagramSize -1", [](BlockingUdpOptions &o) { o.maxDatagramSize = -1; });
        udp("family unknown",
            [](BlockingUdpOptions &o) { o.family = QAbstractSocket::UnknownNetworkLayerProtocol; });
        break;
    case Transport::UnixStream:
        unixClient("maxRecvSize 0", [](BlockingUnixOptions &o) { o.maxRecvSize = 0; });
        unixClient("maxPacketSize -1", [](BlockingUnixOptions &o) { o.maxPacketSize = -1; });
        break;
    case Transport::UnixDatagram:
        unixClient("maxDatagramSize 0", [](BlockingUnixOptions &o) { o.maxDatagramSize = 0; });
        break;
    }
    for (const auto &[name, attempt] : std::as_const(attempts))
        QVERIFY2(throwsWithCode<ValueError>(ErrorCode::InvalidArgument, attempt), name.constData());
    // Nobody connected (streams) or sent anything (datagrams).
    pollfd ready {listener, POLLIN, 0};
    QCOMPARE(::poll(&ready, 1, 50), 0);
    ::close(listener);
}

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
    QCOMPARE(errors.size(), 0); // reported from the event loop, not from inside send()
    QTRY_COMPARE(errors.size(), 1);
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
    QCoreApplication::processEvents(); // the set-up's own notifications come first
    QSignalSpy errors(client.get(), &AbstractClient::errorOccurred);
    QSignalSpy changed(client.get(), &AbstractClient::optionsChanged);
    // Out of range: refused at the call, nothing changes.
    QVERIFY(!client->setConnectTimeout(0ms));
    QCOMPARE(client->lastError().code(), ErrorCode::InvalidArgument);
    QVERIFY(!client->setSendQueueLimit(0));
    QCOMPARE(client->sendQueueLimit(), AbstractClient::DefaultSendQueueLimit);
    QVERIFY(client->setSendQueueLimit(1 << 20));
    QCOMPARE(changed.size(), 0); // notified from the event loop, not from inside the setter
    QTRY_COMPARE(changed.size(), 1);
    // Through the meta-object, as QML sets it.
    QVERIFY(client->setProperty("sendQueueLimit", qint64(2 << 20)));
    QCOMPARE(client->sendQueueLimit(), qint64(2 << 20));
    QVERIFY(finish(client->waitConnected()));
    errors.clear();
    QVERIFY(!client->setSendQueueLimit(1 << 10));
    QCOMPARE(client->sendQueueLimit(), qint64(2 << 20));
    QTRY_COMPARE(errors.size(), 1);
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
    const auto client = fixture->connectedPullClient();
    QVERIFY(client);
    QFuture<QVariant> cancelled = client->recvPacket();
    cancelled.cancel();
    client->sendPacket(QStringLiteral("kept"));
    QTest::qWait(50); // the packet arrives while nobody but the cancelled receive waits
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("kept"));
    QVERIFY(cancelled.isCanceled());
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
    const auto client = fixture->connectedPullClient();
    QVERIFY(client);
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
    const auto client = fixture->connectedPullClient();
    QVERIFY(client);
    fixture->answerNextWith(
        fixture->isStream()
            ? QList<QByteArray> {QByteArray("1\n2\n3\n")}
            : QList<QByteArray> {QByteArray("1"), QByteArray("2"), QByteArray("3")});
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
    QTRY_COMPARE_WITH_TIMEOUT(fixture->stream().received().size(), sends.size() * 16 * 1024, 30000);
    QCOMPARE(client->bytesToWrite(), 0);
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

void tst_ClientContract::pullStyleKeepsBackpressure()
{
    FIXTURE();
    const auto client = fixture->connectedPullClient();
    QVERIFY(client);
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
    const auto client = fixture->connectedPullClient();
    QVERIFY(client);
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
void tst_ClientContract::packetsInBulk()
{
    FIXTURE();
    const int count = fixture->isStream() ? 3000 : 500; // datagrams: no loss on loopback
    const auto client = fixture->makeClient();
    QStringList got;
    qsizetype largest = 0;
    connect(client.get(), &AbstractClient::packetsReceived, this, [&](const QVariantList &packets) {
        largest = qMax(largest, packets.size());
        for (const QVariant &packet : packets)
            got.append(packet.toString());
    });
    client->open();
    QStringList sent;
    for (int i = 0; i < count; ++i) {
        sent.append(QString::number(i));
        client->send(sent.last());
        if (!fixture->isStream() && i % 50 == 49) // stay within the socket buffers
            QTRY_COMPARE(got.size(), i + 1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), count, 20000);
    QCOMPARE(got, sent);
    QVERIFY(largest <= AbstractClient::MaxPacketBatch);
    // Sent in one go, the echoes of a stream wait in the socket together.
    if (fixture->isStream())
        QVERIFY2(largest > 1, qPrintable(QString::number(largest)));
}

void tst_ClientContract::packetsInBulkAroundErrors()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QStringList events;
    connect(client.get(), &AbstractClient::packetsReceived, this, [&](const QVariantList &packets) {
        for (const QVariant &packet : packets)
            events.append(packet.toString());
    });
    connect(client.get(), &AbstractClient::errorOccurred, this, [&](const Error &error) {
        events.append(
            QLatin1StringView(QMetaEnum::fromType<ErrorCode>().valueToKey(int(error.code()))));
    });
    QVERIFY(finish(client->waitConnected()));
    // Not UTF-8 between good lines, then the end of the stream: each in its place.
    fixture->stream().write("a\nb\n\xff\xfe\nc\n");
    fixture->stream().closePeer();
    QTRY_COMPARE(events.size(), 5);
    QCOMPARE(
        events,
        (QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("StreamParseError"),
                      QStringLiteral("c"), QStringLiteral("ConnectionAborted")}));
}

// JSON lines that arrive together are decoded together, and a client
// gathering packets takes them in one go: still in order, at most
// MaxPacketBatch a signal, with a malformed line's error in its place.
void tst_ClientContract::jsonPacketsInBulkAroundErrors()
{
    FIXTURE();
    const auto client = fixture->makeClient(Format::Json);
    QStringList events;
    qsizetype largest = 0;
    connect(client.get(), &AbstractClient::packetsReceived, this, [&](const QVariantList &packets) {
        largest = qMax(largest, packets.size());
        for (const QVariant &packet : packets)
            events.append(packet.toMap().value(u"n"_s).toString());
    });
    connect(client.get(), &AbstractClient::errorOccurred, this, [&](const Error &error) {
        events.append(
            QLatin1StringView(QMetaEnum::fromType<ErrorCode>().valueToKey(int(error.code()))));
    });
    QVERIFY(finish(client->waitConnected()));
    QByteArray lines;
    QStringList expected;
    for (int n = 0; n < 600; ++n) {
        if (n == 300) {
            lines += "{\"n\": oops}\n";
            expected << u"StreamParseError"_s;
        }
        lines += "{\"n\":" + QByteArray::number(n) + "}\n";
        expected << QString::number(n);
    }
    expected << u"ConnectionAborted"_s;
    fixture->stream().write(lines);
    fixture->stream().closePeer();
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), expected.size(), 10000);
    QCOMPARE(events, expected);
    QVERIFY(largest <= AbstractClient::MaxPacketBatch);
    QVERIFY2(largest > 1, qPrintable(QString::number(largest)));
}

void tst_ClientContract::packetsInBulkBesideEachPacket()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QStringList events;
    connect(client.get(), &AbstractClient::packetReceived, this, [&](const QVariant &packet) {
        events.append(QStringLiteral("one ") + packet.toString());
    });
    connect(client.get(), &AbstractClient::packetsReceived, this, [&](const QVariantList &packets) {
        QStringList texts;
        for (const QVariant &packet : packets)
            texts.append(packet.toString());
        events.append(QStringLiteral("bulk ") + texts.join(u','));
    });
    QVERIFY(finish(client->waitConnected()));
    fixture->stream().write("a\nb\n");
    QTRY_COMPARE(events.size(), 4);
    QCOMPARE(events,
             (QStringList {QStringLiteral("one a"), QStringLiteral("bulk a"),
                           QStringLiteral("one b"), QStringLiteral("bulk b")}));
}

void tst_ClientContract::packetsInBulkAfterAWaitingReceive()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QStringList bulk;
    connect(client.get(), &AbstractClient::packetsReceived, this, [&](const QVariantList &packets) {
        for (const QVariant &packet : packets)
            bulk.append(packet.toString());
    });
    QVERIFY(finish(client->waitConnected()));
    const QFuture<QVariant> first = client->recvPacket();
    fixture->stream().write("a\nb\nc\n");
    QCOMPARE(received(first).toString(), QStringLiteral("a"));
    QTRY_COMPARE(bulk, (QStringList {QStringLiteral("b"), QStringLiteral("c")}));
}

#include "tst_clientcontract.moc"
