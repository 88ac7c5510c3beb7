// What only TcpClient does (the rest of its contract: tst_clientcontract; TLS:
// tst_tls): the socket options the reference sets, its own options checked,
// and Happy Eyeballs past an address that never answers.
#include <EasyNet/exceptions.h>
#include <EasyNet/tcpclient.h>

#include <QtCore/QElapsedTimer>
#include <QtTest/QTest>

#include "echoservers.h"
#include "testsupport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace EasyNet;
using EasyNetTest::failure;
using EasyNetTest::finish;
using EasyNetTest::lineProtocol;
using EasyNetTest::TcpEchoServer;
using namespace std::chrono_literals;

class tst_TcpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void socketOptions();
    void argumentsChecked();
    void happyEyeballsSkipsSilentAddress();
};

void tst_TcpClient::socketOptions()
{
    TcpEchoServer server;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QVERIFY(finish(client.waitConnected()));
    // TCP_NODELAY and SO_KEEPALIVE, as the reference sets them.
    for (const auto &[level, option] : {std::pair<int, int> {IPPROTO_TCP, TCP_NODELAY},
                                        std::pair<int, int> {SOL_SOCKET, SO_KEEPALIVE}}) {
        int value = 0;
        socklen_t length = sizeof(value);
        QCOMPARE(::getsockopt(int(client.socket().descriptor()), level, option, &value, &length),
                 0);
        QCOMPARE(value, 1);
    }
    // The handle reads and sets options, and says why it cannot.
    const SocketHandle handle = client.socket();
    QCOMPARE(handle.intOption(IPPROTO_TCP, TCP_NODELAY).value_or(0) != 0, true);
    QVERIFY(handle.setIntOption(SOL_SOCKET, SO_KEEPALIVE, 1));
    QCOMPARE(handle.intOption(SOL_SOCKET, SO_KEEPALIVE).value_or(0) != 0, true);
    int errnum = 0;
    QVERIFY(!handle.intOption(SOL_SOCKET, 0x7fff, &errnum));
    QVERIFY(errnum != 0);
    QCOMPARE(client.localAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(client.peerPort(), server.port());
}

void tst_TcpClient::argumentsChecked()
{
    // As the reference's ValueErrors: refused at the call, or at open(), never clamped.
    TcpClient client(QStringLiteral("127.0.0.1"), 1, lineProtocol());
    QVERIFY(!client.setMaxRecvSize(0));
    QCOMPARE(client.lastError().code(), ErrorCode::InvalidArgument);
    QCOMPARE(client.maxRecvSize(), StreamProtocol::DefaultMaxRecvSize);
    QVERIFY(!client.setMaxPacketSize(-1));
    QVERIFY(!client.setHappyEyeballsDelay(0ms));
    QVERIFY(!client.setSslHandshakeTimeout(-1ms));
    // A server host name without TLS.
    QVERIFY(client.setServerHostname(QStringLiteral("example.org")));
    const QFuture<void> noTls = client.waitConnected();
    QVERIFY(finish(noTls));
    QCOMPARE(failure(noTls), ErrorCode::InvalidArgument);
}

void tst_TcpClient::happyEyeballsSkipsSilentAddress()
{
    // 127.0.0.1:P is a listener whose accept queue is full, so it drops SYNs and
    // a connect there hangs; ::1:P answers. With the first address never answering,
    // the second attempt starts after the delay and wins.
    TcpEchoServer server(QHostAddress(QHostAddress::LocalHostIPv6));
    const int silent = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(silent, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0) {
        ::close(silent);
        QSKIP("port taken on 127.0.0.1");
    }
    QCOMPARE(::listen(silent, 0), 0);
    // Fill the accept queue (backlog 0 still admits one or two connections).
    QList<int> fillers;
    for (int i = 0; i < 3; ++i) {
        const int f = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        ::connect(f, reinterpret_cast<sockaddr *>(&address), sizeof(address));
        fillers.append(f);
    }
    QTest::qWait(100);

    TcpClient client;
    client.setAddresses(
        {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)});
    client.setPort(server.port());
    client.setProtocol(lineProtocol());
    client.setHappyEyeballsDelay(200ms);
    QElapsedTimer elapsed;
    elapsed.start();
    const QFuture<void> wait = client.waitConnected();
    // Without Happy Eyeballs this would wait for the kernel's connect timeout
    // (over a minute of SYN retries).
    QVERIFY(finish(wait, 15000));
    QCOMPARE(failure(wait), ErrorCode::NoError);
    QCOMPARE(client.peerAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
    qInfo("connected after %lld ms (delay 200 ms)", elapsed.elapsed());
    client.sendPacket(QStringLiteral("eyeballs"));
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("eyeballs"));
    for (int f : fillers)
        ::close(f);
    ::close(silent);
}

QTEST_GUILESS_MAIN(tst_TcpClient)
#include "tst_tcpclient.moc"
