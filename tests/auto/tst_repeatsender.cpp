// RepeatSender against the built-in echo servers and a stalled peer: the count
// is exact (1 000 packets at 1 ms with {{counter}} all come back in order
// 1..1000, from the composer and from the library), "until stopped" stops, a
// disconnect and a send error end the run with the reason, and a peer that
// never reads holds the repeat back instead of growing the send queue. No
// assertion is about timing.
#include "composer.h"
#include "connectionsettings.h"
#include "consolesession.h"
#include "packetlibrary.h"
#include "protocolsettings.h"
#include "receivednumbers.h"
#include "repeatsender.h"

#include <EasyNet/abstractclient.h>

#include <QtCore/QScopeGuard>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace EasyNetConsole;
using EasyNetTest::oneTo;
using EasyNetTest::receivedNumbers;
using Transport = ConnectionSettings::Transport;

class TestRepeatSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void thousandAtOneMillisecondInOrder();
    void libraryPacketRepeated();
    void untilStopped();
    void stoppedByDisconnect();
    void stoppedBySendError();
    void notConnectedIsRefused();
    void stalledPeerHoldsBack();

private:
    // On the test's session: count packets every interval ms.
    void configure(RepeatSender &repeat, int count, int interval)
    {
        repeat.setSession(m_session.get());
        repeat.setCount(count);
        repeat.setInterval(interval);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleSession> m_session;
};

void TestRepeatSender::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestRepeatSender::init()
{
    m_session = std::make_unique<ConsoleSession>();
    QVERIFY(m_session->startEchoServer(Transport::Tcp));
    QVERIFY(m_session->connectToPeer());
    QTRY_COMPARE(m_session->state(), ConsoleSession::State::Connected);
}

void TestRepeatSender::cleanup()
{
    m_session.reset();
}

void TestRepeatSender::thousandAtOneMillisecondInOrder()
{
    QSignalSpy received(m_session.get(), &ConsoleSession::packetReceived);
    m_session->composer()->setText(QStringLiteral(R"({"n": {{counter}}})"));
    RepeatSender repeat;
    configure(repeat, 1000, 1);
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY2(repeat.startComposer(), qPrintable(repeat.errorString()));
    QVERIFY(repeat.isRunning() || finished.size() == 1);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 120000);
    QVERIFY2(repeat.errorString().isEmpty(), qPrintable(repeat.errorString()));
    QCOMPARE(repeat.sent(), 1000);
    QVERIFY(!repeat.isRunning());
    QCOMPARE_GT(repeat.rate(), 0.0);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1000, 60000);
    QCOMPARE(receivedNumbers(received), oneTo(1000));
    QCOMPARE(m_session->packetsSent(), 1000);
    // The composer's preview shows the next packet.
    QCOMPARE(m_session->composer()->counter(), 1001);
    QTest::qWait(50);
    QCOMPARE(received.size(), 1000); // and not one more
}

void TestRepeatSender::libraryPacketRepeated()
{
    QSignalSpy received(m_session.get(), &ConsoleSession::packetReceived);
    PacketLibrary library(m_dir.filePath(QStringLiteral("library.json")));
    library.setSettings(m_session->settings());
    QVERIFY(library.save({QStringLiteral("counted"), QStringLiteral("json"), Composer::Mode::Json,
                          QStringLiteral(R"({"n": {{counter}}})"), QString()}));
    RepeatSender repeat;
    configure(repeat, 200, 1);
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY2(repeat.startLibraryPacket(&library, 0), qPrintable(repeat.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 200, 60000);
    QCOMPARE(receivedNumbers(received), oneTo(200));

    // A library packet that cannot be sent is refused before anything goes.
    QVERIFY(library.save(
        {QStringLiteral("bad"), QString(), Composer::Mode::Hex, QStringLiteral("zz"), QString()}));
    QVERIFY(!repeat.startLibraryPacket(&library, 1));
    QVERIFY(!repeat.errorString().isEmpty());
    QVERIFY(!repeat.isRunning());
    QCOMPARE(m_session->packetsSent(), 200);
}

void TestRepeatSender::untilStopped()
{
    m_session->composer()->setText(QStringLiteral(R"({"n": {{counter}}})"));
    RepeatSender repeat;
    configure(repeat, 0, 1);
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY(repeat.startComposer());
    QTRY_VERIFY_WITH_TIMEOUT(repeat.sent() >= 50, 60000);
    QVERIFY(repeat.isRunning());
    repeat.stop();
    QCOMPARE(finished.size(), 1);
    QVERIFY(!repeat.isRunning());
    QVERIFY(repeat.errorString().isEmpty());
    const qint64 sent = repeat.sent();
    QCOMPARE(m_session->packetsSent(), sent);
    QTest::qWait(100);
    QCOMPARE(m_session->packetsSent(), sent); // stopped is stopped
}

void TestRepeatSender::stoppedByDisconnect()
{
    m_session->composer()->setText(QStringLiteral(R"({"n": {{counter}}})"));
    RepeatSender repeat;
    configure(repeat, 0, 5);
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY(repeat.startComposer());
    QTRY_VERIFY(repeat.sent() >= 3);
    m_session->disconnectFromPeer();
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(repeat.errorString().contains(QStringLiteral("closed")),
             qPrintable(repeat.errorString()));
}

void TestRepeatSender::stoppedBySendError()
{
    // A packet the connection's protocol refuses: the first send fails, and says why.
    m_session->disconnectFromPeer();
    QTRY_COMPARE(m_session->state(), ConsoleSession::State::Disconnected);
    QVERIFY(m_session->settings()->protocol()->setSpec(QStringLiteral("struct:!i")));
    QVERIFY(m_session->connectToPeer());
    QTRY_COMPARE(m_session->state(), ConsoleSession::State::Connected);
    RepeatSender repeat;
    configure(repeat, 10, 1);
    QSignalSpy finished(&repeat, &RepeatSender::finished);
    QVERIFY(repeat.startPacket(QStringLiteral("not a list")));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(repeat.sent(), 0);
    QVERIFY(!repeat.errorString().isEmpty());
    QCOMPARE(repeat.errorString(), m_session->sendError());
}

void TestRepeatSender::notConnectedIsRefused()
{
    RepeatSender repeat;
    QVERIFY(!repeat.startComposer());
    QVERIFY(repeat.errorString().contains(QStringLiteral("no session")));
    ConsoleSession idle;
    repeat.setSession(&idle);
    QVERIFY(!repeat.startComposer());
    QVERIFY(repeat.errorString().contains(QStringLiteral("not connected")));
    repeat.setInterval(0);
    QCOMPARE(repeat.interval(), 1);
    repeat.setCount(-3);
    QCOMPARE(repeat.count(), 0);
}

void TestRepeatSender::stalledPeerHoldsBack()
{
    // A peer that never reads: a listening socket whose connection is never
    // accepted (a QTcpSocket would read into its buffer). The kernel's
    // buffers fill, then the client's queue; the repeat waits rather than
    // queue more.
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    QVERIFY(listener >= 0);
    const auto closeListener = qScopeGuard([listener] { ::close(listener); });
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    QCOMPARE(::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    QCOMPARE(::listen(listener, 1), 0);
    QCOMPARE(::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length), 0);
    ConsoleSession session;
    QVERIFY(session.settings()->setUrl(
        QStringLiteral("tcp://127.0.0.1:%1").arg(ntohs(address.sin_port))));
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    const QString big(30000, QLatin1Char('x'));
    session.composer()->setText(QStringLiteral(R"({"pad": "%1", "n": {{counter}}})").arg(big));
    QVERIFY(session.composer()->isValid());
    const qint64 packetSize = session.composer()->wireSize();
    RepeatSender repeat;
    repeat.setSession(&session);
    repeat.setInterval(1);
    QVERIFY(repeat.startComposer());
    QTRY_VERIFY_WITH_TIMEOUT(repeat.isHeldBack(), 120000);
    const qint64 sent = repeat.sent();
    QTest::qWait(300);
    QVERIFY2(repeat.isRunning(), qPrintable(repeat.errorString()));
    QVERIFY(repeat.isHeldBack());
    // Nothing drains, so nothing more is sent, and the queue stays bounded.
    QCOMPARE(repeat.sent(), sent);
    QCOMPARE_LE(session.client()->bytesToWrite(), RepeatSender::MaxQueuedBytes + packetSize);
    repeat.stop();
    QVERIFY(repeat.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestRepeatSender)
#include "tst_repeatsender.moc"
