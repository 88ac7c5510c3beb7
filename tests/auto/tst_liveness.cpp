// The idle timeout and the heartbeat (LivenessOptions) of every client, in
// both forms, against a raw peer that says nothing, trickles, or echoes.
#include "clientundertest.h"
#include "rawpeer.h"

#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/tcpclient.h>

#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <thread>

using namespace EasyNet;
using namespace EasyNetTest;
using namespace std::chrono_literals;

class tst_Liveness : public QObject
{
    Q_OBJECT

private slots:
    void idleTimeoutFailsAWaitingReceive_data() { allRows(); }
    void idleTimeoutFailsAWaitingReceive();
    void idleTimeoutEndsAClientThatWaitsForNothing_data() { allRows(); }
    void idleTimeoutEndsAClientThatWaitsForNothing();
    void unreadDataIsNotIdle_data() { allRows(); }
    void unreadDataIsNotIdle();
    void heartbeatsOnlyWhenQuiet_data() { allRows(); }
    void heartbeatsOnlyWhenQuiet();
    void heartbeatAnsweredKeepsTheConnection();
    void badOptionsRefused();

private:
    static void allRows()
    {
        addClientRows(
            {Transport::Tcp, Transport::Udp, Transport::UnixStream, Transport::UnixDatagram});
    }
    // The row's client with liveness, connected to a fresh raw peer.
    PeerConnection open(const LivenessOptions &liveness)
    {
        QFETCH(Form, form);
        QFETCH(Transport, transport);
        ClientSetup setup;
        setup.transport = transport;
        setup.liveness = liveness;
        PeerPlace place;
        place.unixPath = m_dir.filePath(QStringLiteral("peer%1.sock").arg(++m_sockets));
        return connectToRawPeer(form, setup, place);
    }

    QTemporaryDir m_dir;
    int m_sockets = 0;
};

#define OPEN(liveness)                                                                             \
    PeerConnection c = open(liveness);                                                             \
    if (QTest::currentTestFailed())                                                                \
        return;

namespace {

LivenessOptions idleAfter(std::chrono::milliseconds timeout)
{
    LivenessOptions liveness;
    liveness.idleTimeout = timeout;
    return liveness;
}

} // namespace

void tst_Liveness::idleTimeoutFailsAWaitingReceive()
{
    OPEN(idleAfter(300ms));
    c.peer->write("hello\n");
    QCOMPARE(c.client->next(), QStringLiteral("hello"));
    // The peer keeps its socket open and says nothing more: the receive's own
    // timeout is far away, the idle timeout ends it.
    const Error idle = c.client->receive(nullptr, 60s);
    QCOMPARE(idle.code(), ErrorCode::Timeout);
    QVERIFY2(idle.message().contains(u"idleTimeout"), qPrintable(idle.message()));
    QVERIFY(c.client->isClosed());
}

void tst_Liveness::idleTimeoutEndsAClientThatWaitsForNothing()
{
    QFETCH(Form, form);
    OPEN(idleAfter(300ms));
    if (form == Form::EventDriven) {
        // autoRead is off and no receive waits: the timer ends it all the same.
        QTRY_VERIFY_WITH_TIMEOUT(c.client->isClosed(), 30000);
    } else {
        // A blocking client has no thread of its own: its next call finds out.
        std::this_thread::sleep_for(400ms);
    }
    const Error late = c.client->send(QStringLiteral("late"));
    QCOMPARE(late.code(), ErrorCode::Timeout);
    QVERIFY(c.client->isClosed());
}

void tst_Liveness::unreadDataIsNotIdle()
{
    OPEN(idleAfter(300ms));
    // What waits in the socket arrived: a client that does not read (autoRead
    // off, or no call) holds the peer back, the peer is not idle.
    c.peer->write("early\n");
    QTest::qWait(1000);
    c.peer->write("later\n");
    QCOMPARE(c.client->next(), QStringLiteral("early"));
    QCOMPARE(c.client->next(), QStringLiteral("later"));
    QVERIFY(!c.client->isClosed());
}

void tst_Liveness::heartbeatsOnlyWhenQuiet()
{
    LivenessOptions liveness;
    liveness.heartbeatInterval = 1s;
    liveness.heartbeatPacket = QStringLiteral("hb");
    OPEN(liveness);
    // Busy: a packet every 50 ms leaves no room for a heartbeat.
    for (int i = 0; i < 20; ++i) {
        QVERIFY_OK(c.client->send(QString::number(i)));
        QTest::qWait(50);
    }
    QVERIFY2(!c.peer->readAvailable().contains("hb"), "a heartbeat while busy");
    // Quiet (a blocking client sends them while a receive waits).
    QCOMPARE(c.client->receive(nullptr, 2500ms).code(), ErrorCode::Timeout);
    QVERIFY(c.peer->readAvailable().count("hb") >= 1);
    QVERIFY(!c.client->isClosed());
}

void tst_Liveness::heartbeatAnsweredKeepsTheConnection()
{
    // autoRead on, as an application that only listens: the peer echoes each
    // heartbeat, which keeps the idle timeout from expiring.
    const int listener = boundSocket(Transport::Tcp, QString());
    ::listen(listener, 1);
    TcpClient client(QStringLiteral("127.0.0.1"), localAddressOf(listener).port(),
                     StreamProtocol(std::make_shared<LineSerializer>()));
    QVERIFY(client.setIdleTimeout(400ms));
    QVERIFY(client.setHeartbeatInterval(100ms));
    QVERIFY(client.setHeartbeatPacket(QStringLiteral("ping")));
    QSignalSpy received(&client, &TcpClient::packetReceived);
    QSignalSpy errors(&client, &TcpClient::errorOccurred);
    client.open();
    QTRY_VERIFY(client.isConnected());
    RawPeer peer(::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC), true);
    ::close(listener);
    peer.startEcho();
    // Ten round trips: well past the idle timeout, and still connected.
    QTRY_VERIFY_WITH_TIMEOUT(received.size() >= 10, 30000);
    QCOMPARE(received.first().first().toString(), QStringLiteral("ping"));
    QCOMPARE(client.state(), AbstractClient::State::Connected);
    QVERIFY(errors.isEmpty());
}

void tst_Liveness::badOptionsRefused()
{
    TcpClient client;
    QVERIFY(!client.setIdleTimeout(-1ms));
    QCOMPARE(client.lastError().code(), ErrorCode::InvalidArgument);
    QVERIFY(!client.setHeartbeatInterval(-5ms));
    QCOMPARE(client.idleTimeout(), 0ms);
    QCOMPARE(client.heartbeatInterval(), 0ms);
    // An interval without a packet: open() refuses it.
    client.setHost(QStringLiteral("127.0.0.1"));
    client.setPort(9);
    client.setProtocol(StreamProtocol(std::make_shared<LineSerializer>()));
    QVERIFY(client.setHeartbeatInterval(1s));
    QSignalSpy closed(&client, &TcpClient::closed);
    client.open();
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(client.lastError().code(), ErrorCode::InvalidArgument);
    QVERIFY2(client.lastError().message().contains(u"heartbeatPacket"),
             qPrintable(client.lastError().message()));

    // The blocking form refuses both before connecting.
    BlockingTcpOptions options;
    options.liveness.idleTimeout = -1ms;
    QVERIFY_THROWS_EXCEPTION(ValueError,
                             BlockingTcpClient(QStringLiteral("127.0.0.1"), 9,
                                               StreamProtocol(std::make_shared<LineSerializer>()),
                                               options));
    options.liveness = {};
    options.liveness.heartbeatInterval = 1s;
    QVERIFY_THROWS_EXCEPTION(ValueError,
                             BlockingTcpClient(QStringLiteral("127.0.0.1"), 9,
                                               StreamProtocol(std::make_shared<LineSerializer>()),
                                               options));
}

QTEST_MAIN(tst_Liveness)
#include "tst_liveness.moc"
