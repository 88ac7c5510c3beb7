// The socket options of TcpOptions in both forms: set on the socket (read
// back with getsockopt), refused out of range, and TCP_USER_TIMEOUT failing a
// connection whose peer stops taking data.
#include "clientundertest.h"
#include "rawpeer.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <climits>

using namespace EasyNet;
using namespace EasyNetTest;
using namespace std::chrono_literals;

class tst_TcpSocketOptions : public QObject
{
    Q_OBJECT

private slots:
    void setOnTheSocket_data();
    void setOnTheSocket();
    void outOfRangeRefused_data();
    void outOfRangeRefused();
    void userTimeoutFailsAPeerThatStopsTakingData_data() { addClientRows({Transport::Tcp}); }
    void userTimeoutFailsAPeerThatStopsTakingData();
};

namespace {

// The expected value of each option read back; -1: not checked (the system's).
struct Expected
{
    int noDelay = 1;
    int keepAlive = 1;
    int keepIdle = -1;
    int keepInterval = -1;
    int keepCount = -1;
    int userTimeout = 0;
};

void addRow(const char *name, const BlockingTcpOptions &options, const Expected &expected)
{
    for (const Form form : {Form::EventDriven, Form::Blocking})
        QTest::addRow("%s, %s", name, nameOf(form)) << form << options << expected;
}

} // namespace

Q_DECLARE_METATYPE(BlockingTcpOptions)
Q_DECLARE_METATYPE(Expected)

void tst_TcpSocketOptions::setOnTheSocket_data()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<BlockingTcpOptions>("options");
    QTest::addColumn<Expected>("expected");
    addRow("defaults", {}, {});
    BlockingTcpOptions tuned;
    tuned.noDelay = false;
    tuned.keepAliveIdle = 30s;
    tuned.keepAliveInterval = 5s;
    tuned.keepAliveCount = 3;
    tuned.userTimeout = 2500ms;
    addRow("tuned", tuned, {0, 1, 30, 5, 3, 2500});
    BlockingTcpOptions off;
    off.keepAlive = false;
    addRow("keep-alive off", off, {1, 0, -1, -1, -1, 0});
    BlockingTcpOptions limits;
    limits.keepAliveIdle = TcpOptions::MaxKeepAliveTime;
    limits.keepAliveInterval = 1s;
    limits.keepAliveCount = TcpOptions::MaxKeepAliveCount;
    limits.userTimeout = std::chrono::milliseconds(INT_MAX);
    addRow("limits", limits, {1, 1, 32767, 1, 127, INT_MAX});
}

void tst_TcpSocketOptions::setOnTheSocket()
{
    QFETCH(Form, form);
    QFETCH(BlockingTcpOptions, options);
    QFETCH(Expected, expected);
    ClientSetup setup;
    setup.tcp = options;
    const PeerConnection c = connectToRawPeer(form, setup, {});
    if (QTest::currentTestFailed())
        return;
    // What the kernel holds, read back through the client's own handle.
    const SocketHandle handle = c.client->socket();
    const auto socketOption
        = [&handle](int level, int name) { return handle.intOption(level, name).value_or(-1); };
    QCOMPARE(socketOption(IPPROTO_TCP, TCP_NODELAY) != 0, expected.noDelay != 0);
    QCOMPARE(socketOption(SOL_SOCKET, SO_KEEPALIVE) != 0, expected.keepAlive != 0);
    if (expected.keepIdle >= 0)
        QCOMPARE(socketOption(IPPROTO_TCP, TCP_KEEPIDLE), expected.keepIdle);
    if (expected.keepInterval >= 0)
        QCOMPARE(socketOption(IPPROTO_TCP, TCP_KEEPINTVL), expected.keepInterval);
    if (expected.keepCount >= 0)
        QCOMPARE(socketOption(IPPROTO_TCP, TCP_KEEPCNT), expected.keepCount);
    QCOMPARE(socketOption(IPPROTO_TCP, TCP_USER_TIMEOUT), expected.userTimeout);
}

void tst_TcpSocketOptions::outOfRangeRefused_data()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<BlockingTcpOptions>("options");
    QTest::addColumn<QString>("field");
    const auto add = [](const char *name, const char *field,
                        const std::function<void(BlockingTcpOptions &)> &change) {
        BlockingTcpOptions options;
        change(options);
        for (const Form form : {Form::EventDriven, Form::Blocking})
            QTest::addRow("%s, %s", name, nameOf(form))
                << form << options << QString::fromLatin1(field);
    };
    add("negative idle", "keepAliveIdle", [](auto &o) { o.keepAliveIdle = -1s; });
    add("idle too long", "keepAliveIdle", [](auto &o) { o.keepAliveIdle = 32768s; });
    add("interval too long", "keepAliveInterval", [](auto &o) { o.keepAliveInterval = 40000s; });
    add("negative interval", "keepAliveInterval", [](auto &o) { o.keepAliveInterval = -2s; });
    add("too many probes", "keepAliveCount", [](auto &o) { o.keepAliveCount = 128; });
    add("negative probes", "keepAliveCount", [](auto &o) { o.keepAliveCount = -1; });
    add("negative user timeout", "userTimeout", [](auto &o) { o.userTimeout = -1ms; });
    add("user timeout too long", "userTimeout",
        [](auto &o) { o.userTimeout = std::chrono::milliseconds(qint64(INT_MAX) + 1); });
}

void tst_TcpSocketOptions::outOfRangeRefused()
{
    QFETCH(Form, form);
    QFETCH(BlockingTcpOptions, options);
    QFETCH(QString, field);
    // Refused before anything connects: nothing listens on the port.
    ClientSetup setup;
    setup.port = 9;
    setup.tcp = options;
    const std::unique_ptr<ClientUnderTest> client = ClientUnderTest::make(form, setup);
    const Error refused = client->connect();
    QCOMPARE(refused.code(), ErrorCode::InvalidArgument);
    QVERIFY2(refused.message().contains(field), qPrintable(refused.message()));
}

void tst_TcpSocketOptions::userTimeoutFailsAPeerThatStopsTakingData()
{
    QFETCH(Form, form);
    ClientSetup setup;
    setup.tcp.userTimeout = 1s;
    const PeerConnection c = connectToRawPeer(form, setup, {});
    if (QTest::currentTestFailed())
        return;
    // The peer never reads: its receive window closes, and the data sent
    // after that stays unacknowledged.
    const QString chunk(64 * 1024, u'x');
    Error failed;
    for (int i = 0; i < 4096 && !failed.isError(); ++i)
        failed = c.client->send(chunk);
    QCOMPARE(failed.code(), ErrorCode::Timeout);
    QCOMPARE(failed.osErrno(), ETIMEDOUT);
    QVERIFY2(!failed.message().contains(u"send timed out"), qPrintable(failed.message()));
}

QTEST_MAIN(tst_TcpSocketOptions)
#include "tst_tcpsocketoptions.moc"
