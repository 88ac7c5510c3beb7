// What only UdpClient does (the rest of its contract: tst_clientcontract): a
// send after the peer's port turned out unreachable, and the family filter.
#include <EasyNet/exceptions.h>
#include <EasyNet/udpclient.h>

#include <QtTest/QTest>

#include "echoservers.h"
#include "testsupport.h"

#include <sys/socket.h>

using namespace EasyNet;
using EasyNetTest::failure;
using EasyNetTest::finish;

namespace {

DatagramProtocol textProtocol()
{
    return DatagramProtocol(EasyNetTest::lineSerializer());
}

} // namespace

class tst_UdpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendAfterPortUnreachable();
    void familyFilter();
};

void tst_UdpClient::sendAfterPortUnreachable()
{
    const quint16 port = EasyNetTest::freePort(SOCK_DGRAM);
    UdpClient client(QStringLiteral("127.0.0.1"), port, textProtocol());
    client.setAutoRead(false); // the pending error stays for the send to see
    QVERIFY(finish(client.waitConnected()));
    QVERIFY(finish(client.sendPacket(QStringLiteral("anyone?"))));
    QTest::qWait(100); // the ICMP port-unreachable arrives
    const QFuture<void> refused = client.sendPacket(QStringLiteral("still nobody?"));
    QVERIFY(finish(refused));
    QCOMPARE(failure(refused), ErrorCode::ConnectionRefused);
    Error error;
    try {
        QFuture<void>(refused).waitForFinished();
    } catch (const Exception &e) {
        error = e.error();
    }
    QCOMPARE(error.osErrno(), ECONNREFUSED);
    QVERIFY(client.isConnected());
}

void tst_UdpClient::familyFilter()
{
    // An IPv4 server, and a client that may only use IPv6.
    EasyNetTest::UdpEchoServer server;
    UdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol());
    client.setFamily(QAbstractSocket::IPv6Protocol);
    const QFuture<void> wait = client.waitConnected();
    QVERIFY(finish(wait));
    QCOMPARE(failure(wait), ErrorCode::OSError);
    QCOMPARE(client.lastError().osErrno(), EAFNOSUPPORT);
}

QTEST_GUILESS_MAIN(tst_UdpClient)
#include "tst_udpclient.moc"
