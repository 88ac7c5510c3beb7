// What only BlockingTcpClient does (the rest of its contract:
// tst_clientcontract; TLS: tst_tls): the socket options the reference
// sets, and its addresses.
#include <EasyNet/blockingtcpclient.h>

#include <QtTest/QTest>

#include "testsupport.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace EasyNet;
using EasyNetTest::lineProtocol;

class tst_BlockingTcpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void socketOptions();
};

void tst_BlockingTcpClient::socketOptions()
{
    // A listener is enough: the connection completes in its backlog.
    quint16 port = 0;
    const int listener = EasyNetTest::boundLoopbackSocket(SOCK_STREAM, port);
    QCOMPARE(::listen(listener, 4), 0);
    BlockingTcpClient client(QStringLiteral("127.0.0.1"), port, lineProtocol());
    QVERIFY(!client.isClosed());
    QVERIFY(client.fileno() >= 0);
    QCOMPARE(client.peerPort(), port);
    QCOMPARE(client.localAddress(), QHostAddress(QHostAddress::LocalHost));
    // TCP_NODELAY and SO_KEEPALIVE, as the reference sets them.
    QVERIFY(client.socket().intOption(IPPROTO_TCP, TCP_NODELAY).value_or(0) != 0);
    QVERIFY(client.socket().intOption(SOL_SOCKET, SO_KEEPALIVE).value_or(0) != 0);
    client.close();
    ::close(listener);
}

QTEST_GUILESS_MAIN(tst_BlockingTcpClient)
#include "tst_blockingtcpclient.moc"
