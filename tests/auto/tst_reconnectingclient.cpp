// ReconnectingClient against real echo servers on loopback (TCP) and in a
// temporary directory (Unix streams), stopped and started again at the same
// address by the test. Short delays and waits for signals: no assertion on
// how long anything took. The delays' bounds are tst_reconnectbackoff's.
#include "echoservers.h"
#include "testsupport.h"

#include <EasyNet/exceptions.h>
#include <EasyNet/reconnectingclient.h>
#include <EasyNet/tcpclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace EasyNet;
using namespace EasyNetTest;
using std::chrono::milliseconds;
using State = ReconnectingClient::State;

namespace {

enum class Transport { Tcp, UnixStream };

// An echo server the test stops and starts again where it was, and the
// clients that connect to it.
class RestartableServer
{
public:
    explicit RestartableServer(Transport transport)
        : m_transport(transport), m_path(m_dir.filePath(QStringLiteral("echo.sock")))
    {
        start();
    }
    void start()
    {
        if (m_transport == Transport::Tcp) {
            auto server
                = std::make_unique<TcpEchoServer>(QHostAddress(QHostAddress::LocalHost), m_port);
            m_port = server->port();
            m_server = std::move(server);
        } else {
            m_server = std::make_unique<LocalEchoServer>(m_path);
        }
    }
    // Closes the server and every connection it accepted.
    void stop() { m_server.reset(); }
    StreamEchoServer &server() { return *m_server; }
    std::unique_ptr<AbstractClient> makeClient() const
    {
        if (m_transport == Transport::Tcp)
            return std::make_unique<TcpClient>(QStringLiteral("127.0.0.1"), m_port, lineProtocol());
        auto client = std::make_unique<UnixStreamClient>();
        client->setAddress(UnixSocketAddress::fromPath(m_path));
        client->setProtocol(lineProtocol());
        return client;
    }

private:
    Transport m_transport;
    QTemporaryDir m_dir;
    QString m_path;
    quint16 m_port = 0;
    std::unique_ptr<StreamEchoServer> m_server;
};

ReconnectPolicy fastPolicy(int maxAttempts = 0, double jitter = 0.5)
{
    ReconnectPolicy policy;
    policy.initialDelay = milliseconds(10);
    policy.maxDelay = milliseconds(100);
    policy.multiplier = 2.0;
    policy.jitter = jitter;
    policy.maxAttempts = maxAttempts;
    return policy;
}

// A client factory for a port where nothing listens.
ReconnectingClient::ClientFactory nowhere()
{
    return [port = freePort(SOCK_STREAM)] {
        return std::make_unique<TcpClient>(QStringLiteral("127.0.0.1"), port, lineProtocol());
    };
}

QFuture<void> sendLogin(AbstractClient *client)
{
    return client->sendPacket(QStringLiteral("login"));
}

} // namespace

class tst_ReconnectingClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killAndRestart_data();
    void killAndRestart();
    void serverNeverComesBack();
    void queueBoundAndClose();
    void failFastWhileDisconnected();
    void packetLostWithItsConnectionIsNotResent();
    void failedHookRetries_data();
    void failedHookRetries();
    void signalsComeFromTheEventLoop();
    void checkedArguments();
    void packetsInBulk_data() { killAndRestart_data(); }
    void packetsInBulk();
    void packetsInBulkBesideEachPacket();
};

void tst_ReconnectingClient::killAndRestart_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::newRow("tcp") << Transport::Tcp;
    QTest::newRow("unix-stream") << Transport::UnixStream;
}

void tst_ReconnectingClient::killAndRestart()
{
    QFETCH(Transport, transport);
    RestartableServer server(transport);
    ReconnectingClient link;
    link.setClientFactory([&server] { return server.makeClient(); });
    link.setConnectionHook(sendLogin);
    QVERIFY(link.setPolicy(fastPolicy()));
    QVariantList received;
    connect(&link, &ReconnectingClient::packetReceived, this,
            [&received](const QVariant &packet) { received.append(packet); });
    QSignalSpy connected(&link, &ReconnectingClient::connected);
    QSignalSpy reconnecting(&link, &ReconnectingClient::reconnecting);

    link.open();
    QCOMPARE(link.state(), State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QCOMPARE(link.state(), State::Connected);
    QCOMPARE(outcome(link.sendPacket(QStringLiteral("a"))).code(), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(received,
                              (QVariantList {QStringLiteral("login"), QStringLiteral("a")}), 10000);

    server.stop();
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), State::Reconnecting, 10000);
    const QFuture<void> b = link.sendPacket(QStringLiteral("b"));
    const QFuture<void> c = link.sendPacket(QStringLiteral("c"));
    QCOMPARE(link.queuedPackets(), 2);
    // A few attempts find nothing, following the schedule.
    QTRY_VERIFY_WITH_TIMEOUT(reconnecting.count() >= 3, 10000);
    for (int i = 0; i < reconnecting.count(); ++i) {
        QCOMPARE(reconnecting.at(i).at(0).toInt(), i + 1);
        QVERIFY(reconnecting.at(i).at(1).value<milliseconds>() <= milliseconds(100));
    }
    QCOMPARE(connected.count(), 1);

    server.start();
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 2, 20000);
    QCOMPARE(outcome(b).code(), ErrorCode::NoError);
    QCOMPARE(outcome(c).code(), ErrorCode::NoError);
    link.sendPacket(QStringLiteral("d"));
    const QVariantList expected {QStringLiteral("login"), QStringLiteral("a"),
                                 QStringLiteral("login"), QStringLiteral("b"),
                                 QStringLiteral("c"),     QStringLiteral("d")};
    QTRY_COMPARE_WITH_TIMEOUT(received, expected, 10000);
    // The new server saw the login first, then the queued packets, each once.
    QCOMPARE(server.server().received(), QByteArray("login\nb\nc\nd\n"));
    QCOMPARE(server.server().connections(), 1);

    QCOMPARE(outcome(link.close()).code(), ErrorCode::NoError);
    QCOMPARE(link.state(), State::Unconnected);
    QCOMPARE(received, expected);
}

void tst_ReconnectingClient::serverNeverComesBack()
{
    ReconnectingClient link;
    link.setClientFactory(nowhere());
    QVERIFY(link.setPolicy(fastPolicy(4, 0.0)));
    QSignalSpy reconnecting(&link, &ReconnectingClient::reconnecting);
    QSignalSpy errors(&link, &ReconnectingClient::errorOccurred);
    QSignalSpy states(&link, &ReconnectingClient::stateChanged);
    QSignalSpy gaveUp(&link, &ReconnectingClient::gaveUp);

    link.open(); // the first connect fails too, and is retried
    const QFuture<void> queued = link.sendPacket(QStringLiteral("never"));
    QTRY_COMPARE_WITH_TIMEOUT(gaveUp.count(), 1, 20000);

    // 10 ms, doubling, at most 100 ms: 10, 20, 40, 80; then no fifth.
    QCOMPARE(reconnecting.count(), 4);
    const QList<milliseconds> schedule {milliseconds(10), milliseconds(20), milliseconds(40),
                                        milliseconds(80)};
    for (int i = 0; i < reconnecting.count(); ++i) {
        QCOMPARE(reconnecting.at(i).at(0).toInt(), i + 1);
        QCOMPARE(reconnecting.at(i).at(1).value<milliseconds>(), schedule.at(i));
    }
    QCOMPARE(errors.count(), 5); // the first attempt and four more
    for (const QList<QVariant> &error : errors)
        QCOMPARE(error.at(0).value<Error>().code(), ErrorCode::ConnectionRefused);
    QCOMPARE(states.count(), 3);
    QCOMPARE(states.at(0).at(0).value<State>(), State::Connecting);
    QCOMPARE(states.at(1).at(0).value<State>(), State::Reconnecting);
    QCOMPARE(states.at(2).at(0).value<State>(), State::Unconnected);
    QCOMPARE(link.client(), nullptr);
    // The queued packet was not dropped silently.
    QCOMPARE(outcome(queued).code(), ErrorCode::ConnectionRefused);

    // open() starts over.
    link.open();
    QTRY_COMPARE_WITH_TIMEOUT(gaveUp.count(), 2, 20000);
    QCOMPARE(reconnecting.count(), 8);
    QCOMPARE(reconnecting.at(4).at(0).toInt(), 1);
}

void tst_ReconnectingClient::queueBoundAndClose()
{
    ReconnectingClient link;
    link.setClientFactory(nowhere());
    ReconnectPolicy slow = fastPolicy();
    slow.initialDelay = slow.maxDelay = milliseconds(60000); // waits for close()
    QVERIFY(link.setPolicy(slow));
    QVERIFY(link.setMaxQueuedPackets(2));

    const QFuture<void> notOpen = link.sendPacket(QStringLiteral("x"));
    QVERIFY(notOpen.isFinished());
    QCOMPARE(failure(notOpen), ErrorCode::InvalidOperation);

    link.open();
    QSignalSpy reconnecting(&link, &ReconnectingClient::reconnecting);
    const QFuture<void> a = link.sendPacket(QStringLiteral("a"));
    const QFuture<void> b = link.sendPacket(QStringLiteral("b"));
    const QFuture<void> full = link.sendPacket(QStringLiteral("c"));
    QVERIFY(full.isFinished());
    QCOMPARE(failure(full), ErrorCode::InvalidOperation);
    QCOMPARE(link.queuedPackets(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(reconnecting.count(), 1, 10000);
    QCOMPARE(link.state(), State::Reconnecting);
    QCOMPARE(link.queuedPackets(), 2); // a failed attempt keeps them

    QVERIFY(link.close().isFinished());
    QCOMPARE(link.state(), State::Unconnected);
    QCOMPARE(link.queuedPackets(), 0);
    QCOMPARE(outcome(a).code(), ErrorCode::ClientClosed);
    QCOMPARE(outcome(b).code(), ErrorCode::ClientClosed);
}

void tst_ReconnectingClient::failFastWhileDisconnected()
{
    ReconnectingClient link;
    link.setClientFactory(nowhere());
    QVERIFY(link.setPolicy(fastPolicy()));
    QVERIFY(link.setMaxQueuedPackets(0));
    link.open();
    const QFuture<void> refused = link.sendPacket(QStringLiteral("a"));
    QVERIFY(refused.isFinished());
    QCOMPARE(failure(refused), ErrorCode::ConnectionError);
    QCOMPARE(link.queuedPackets(), 0);
    link.close();
}

void tst_ReconnectingClient::packetLostWithItsConnectionIsNotResent()
{
    TcpEchoServer server;
    const quint16 port = server.port();
    ReconnectingClient link;
    link.setClientFactory([port] {
        return std::make_unique<TcpClient>(QStringLiteral("127.0.0.1"), port, lineProtocol());
    });
    link.setConnectionHook(sendLogin);
    QVERIFY(link.setPolicy(fastPolicy()));
    QSignalSpy connected(&link, &ReconnectingClient::connected);
    link.open();
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(server.received(), QByteArray("login\n"), 10000);

    // More than the kernel buffers hold while the server reads nothing: the
    // send is still under way when the server resets the connection.
    server.stopReading();
    const QFuture<void> big = link.sendPacket(QString(16 * 1024 * 1024, QLatin1Char('x')));
    AbstractClient *first = link.client();
    QTRY_VERIFY_WITH_TIMEOUT(first->bytesToWrite() > 0 && !big.isFinished(), 10000);
    server.resetPeer();
    const Error lost = outcome(big);
    QVERIFY2(lost.isConnectionError() && lost.code() != ErrorCode::ClientClosed,
             qPrintable(lost.toString()));

    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 2, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(server.received(), QByteArray("login\nlogin\n"), 10000);
    QCOMPARE(outcome(link.sendPacket(QStringLiteral("after"))).code(), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(server.received(), QByteArray("login\nlogin\nafter\n"), 10000);
    QCOMPARE(server.connections(), 2);
}

void tst_ReconnectingClient::failedHookRetries_data()
{
    QTest::addColumn<QFuture<void>>("firstHook");
    QTest::addColumn<ErrorCode>("error");
    QTest::newRow("failed") << QtFuture::makeExceptionalFuture<void>(
        Error(ErrorCode::InvalidOperation, QStringLiteral("login refused")).toExceptionPtr())
                            << ErrorCode::InvalidOperation;
    QTest::newRow("cancelled") << QFuture<void>() << ErrorCode::ConnectionError;
}

void tst_ReconnectingClient::failedHookRetries()
{
    QFETCH(QFuture<void>, firstHook);
    QFETCH(ErrorCode, error);
    RestartableServer server(Transport::UnixStream);
    ReconnectingClient link;
    link.setClientFactory([&server] { return server.makeClient(); });
    int hookCalls = 0;
    link.setConnectionHook([&hookCalls, firstHook](AbstractClient *client) {
        return ++hookCalls == 1 ? firstHook : sendLogin(client);
    });
    QVERIFY(link.setPolicy(fastPolicy()));
    const QFuture<void> queued = link.sendPacket(QStringLiteral("early"));
    QCOMPARE(failure(queued), ErrorCode::InvalidOperation); // not open yet
    QSignalSpy errors(&link, &ReconnectingClient::errorOccurred);
    QSignalSpy reconnecting(&link, &ReconnectingClient::reconnecting);
    QSignalSpy connected(&link, &ReconnectingClient::connected);
    link.open();
    const QFuture<void> afterLogin = link.sendPacket(QStringLiteral("queued"));
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QCOMPARE(hookCalls, 2);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code(), error);
    QCOMPARE(reconnecting.count(), 1);
    QCOMPARE(outcome(afterLogin).code(), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(server.server().received(), QByteArray("login\nqueued\n"), 10000);
    QCOMPARE(server.server().connections(), 2);
}

void tst_ReconnectingClient::signalsComeFromTheEventLoop()
{
    RestartableServer server(Transport::Tcp);
    ReconnectingClient link;
    link.setClientFactory([&server] { return server.makeClient(); });
    QSignalSpy states(&link, &ReconnectingClient::stateChanged);
    QSignalSpy errors(&link, &ReconnectingClient::errorOccurred);
    link.open();
    QCOMPARE(link.state(), State::Connecting);
    QCOMPARE(states.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), State::Connected, 10000);
    QCOMPARE(states.count(), 2);

    // A queued packet's future finishes from the event loop, not inside close().
    QVERIFY(link.setPolicy(fastPolicy()));
    server.stop();
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), State::Reconnecting, 10000);
    bool continued = false;
    link.sendPacket(QStringLiteral("a")).then([&continued](QFuture<void>) { continued = true; });
    const int stateSignals = int(states.count());
    link.close();
    QVERIFY(!continued);
    QCOMPARE(states.count(), stateSignals);
    QTRY_VERIFY_WITH_TIMEOUT(continued, 10000);
    QCOMPARE(states.count(), stateSignals + 1);
    QCOMPARE(link.state(), State::Unconnected);
    QVERIFY(!errors.isEmpty()); // the server's end of stream, then refusals
}

void tst_ReconnectingClient::checkedArguments()
{
    ReconnectingClient link;
    QSignalSpy errors(&link, &ReconnectingClient::errorOccurred);
    QSignalSpy policyChanged(&link, &ReconnectingClient::policyChanged);
    ReconnectPolicy bad;
    bad.multiplier = 0.5;
    QVERIFY(!link.setPolicy(bad));
    QCOMPARE(link.policy(), ReconnectPolicy());
    QVERIFY(!link.setMaxQueuedPackets(-1));
    QCOMPARE(link.maxQueuedPackets(), ReconnectingClient::DefaultMaxQueuedPackets);
    QCOMPARE(errors.count(), 0); // from the event loop
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 2, 10000);
    QCOMPARE(errors.at(0).at(0).value<Error>().code(), ErrorCode::InvalidArgument);
    QCOMPARE(errors.at(1).at(0).value<Error>().code(), ErrorCode::InvalidArgument);
    QCOMPARE(policyChanged.count(), 0);

    // No factory: open() says so and stays unconnected.
    link.open();
    QCOMPARE(link.state(), State::Unconnected);
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 3, 10000);
    QCOMPARE(link.lastError().code(), ErrorCode::InvalidOperation);
}

QTEST_GUILESS_MAIN(tst_ReconnectingClient)
void tst_ReconnectingClient::packetsInBulk()
{
    // Only packetsReceived() connected: the current client's passes come
    // through whole, in order, across a reconnection.
    QFETCH(Transport, transport);
    RestartableServer server(transport);
    ReconnectingClient link;
    link.setClientFactory([&server] { return server.makeClient(); });
    QVERIFY(link.setPolicy(fastPolicy()));
    QStringList got;
    qsizetype largest = 0;
    connect(&link, &ReconnectingClient::packetsReceived, this, [&](const QVariantList &packets) {
        QVERIFY(!packets.isEmpty());
        largest = qMax(largest, packets.size());
        for (const QVariant &packet : packets)
            got.append(packet.toString());
    });
    QSignalSpy connected(&link, &ReconnectingClient::connected);
    link.open();
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 1, 10000);
    QStringList sent;
    for (int i = 0; i < 3000; ++i) {
        sent.append(QString::number(i));
        link.sendPacket(sent.last());
    }
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), sent.size(), 20000);
    QCOMPARE(got, sent);
    QVERIFY(largest <= AbstractClient::MaxPacketBatch);
    // Sent in one go, the echoes wait in the socket together.
    QVERIFY2(largest > 1, qPrintable(QString::number(largest)));

    server.stop();
    server.start();
    QTRY_COMPARE_WITH_TIMEOUT(connected.count(), 2, 20000);
    link.sendPacket(QStringLiteral("again"));
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), sent.size() + 1, 10000);
    QCOMPARE(got.last(), QStringLiteral("again"));
}

void tst_ReconnectingClient::packetsInBulkBesideEachPacket()
{
    // Both connected: as AbstractClient, each packet to packetReceived(),
    // then in a list of its own.
    RestartableServer server(Transport::Tcp);
    ReconnectingClient link;
    link.setClientFactory([&server] { return server.makeClient(); });
    QStringList events;
    connect(&link, &ReconnectingClient::packetReceived, this, [&](const QVariant &packet) {
        events.append(QStringLiteral("one ") + packet.toString());
    });
    connect(&link, &ReconnectingClient::packetsReceived, this, [&](const QVariantList &packets) {
        QStringList texts;
        for (const QVariant &packet : packets)
            texts.append(packet.toString());
        events.append(QStringLiteral("bulk ") + texts.join(u','));
    });
    link.open();
    link.sendPacket(QStringLiteral("a"));
    link.sendPacket(QStringLiteral("b"));
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 4, 10000);
    QCOMPARE(events,
             (QStringList {QStringLiteral("one a"), QStringLiteral("bulk a"),
                           QStringLiteral("one b"), QStringLiteral("bulk b")}));
}

#include "tst_reconnectingclient.moc"
