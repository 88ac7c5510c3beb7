// UdpClient against UDP servers started by the test on 127.0.0.1 and ::1.
#include <EasyNet/exceptions.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/udpclient.h>

#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "testsupport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace EasyNet;
using EasyNetTest::failure;
using EasyNetTest::finish;

namespace {

DatagramProtocol textProtocol()
{
    return DatagramProtocol(std::make_shared<LineSerializer>(LineSerializer::Separator::LF,
                                                             LineSerializer::Encoding::Utf8));
}

// Echoes every datagram to its sender, unless told to stay quiet.
class UdpServer : public QObject
{
public:
    explicit UdpServer(const QHostAddress &address = QHostAddress::LocalHost)
    {
        socket.setProxy(QNetworkProxy::NoProxy);
        QVERIFY(socket.bind(address, 0));
        connect(&socket, &QIODevice::readyRead, this, [this] {
            while (socket.hasPendingDatagrams()) {
                const QNetworkDatagram datagram = socket.receiveDatagram();
                received.append(datagram.data());
                client = datagram.senderAddress();
                clientPort = quint16(datagram.senderPort());
                if (echo)
                    socket.writeDatagram(datagram.data(), client, clientPort);
            }
        });
    }
    quint16 port() const { return socket.localPort(); }
    void send(const QByteArray &data) { socket.writeDatagram(data, client, clientPort); }

    QUdpSocket socket;
    QList<QByteArray> received;
    QHostAddress client;
    quint16 clientPort = 0;
    bool echo = true;
};

} // namespace

class tst_UdpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoSignalStyle();
    void echoPullStyle();
    void ipv6();
    void malformedDatagramBetweenGoodOnes();
    void oversizedDatagram();
    void nothingListening();
    void sendAfterPortUnreachable();
    void adoptDescriptor();
    void bindAddressAndPort();
    void refuseUnconnectedDescriptor();
    void closeWithPendingReceive();
    void operationsAfterClose();
    void familyFilter();
};

void tst_UdpClient::echoSignalStyle()
{
    UdpServer server;
    UdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol());
    QStringList got;
    connect(&client, &AbstractClient::packetReceived, this,
            [&](const QVariant &p) { got.append(p.toString()); });
    QVERIFY(finish(client.waitConnected()));
    QStringList sent;
    // Paced in batches: loopback UDP does not drop at this rate, and every
    // datagram must come back.
    for (int batch = 0; batch < 40; ++batch) {
        for (int i = 0; i < 100; ++i) {
            sent.append(QStringLiteral("datagram %1").arg(sent.size()));
            QVERIFY(finish(client.sendPacket(sent.last())));
        }
        QTRY_COMPARE(got.size(), sent.size());
    }
    QCOMPARE(got, sent);
}

void tst_UdpClient::echoPullStyle()
{
    UdpServer server;
    UdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol());
    client.setAutoRead(false);
    QSignalSpy signalled(&client, &AbstractClient::packetReceived);
    QVERIFY(finish(client.waitConnected()));
    for (int i = 0; i < 3000; ++i) {
        client.sendPacket(QString::number(i));
        const QFuture<QVariant> answer = client.recvPacket();
        QVERIFY(finish(answer));
        QCOMPARE(answer.result().toString(), QString::number(i));
    }
    QCOMPARE(signalled.size(), 0);
}

void tst_UdpClient::ipv6()
{
    UdpServer server(QHostAddress::LocalHostIPv6);
    UdpClient client(QStringLiteral("::1"), server.port(), textProtocol());
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(client.peerAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
    client.sendPacket(QStringLiteral("v6"));
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("v6"));
}

void tst_UdpClient::malformedDatagramBetweenGoodOnes()
{
    UdpServer server;
    server.echo = false;
    UdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol());
    client.setAutoRead(false);
    QSignalSpy errors(&client, &AbstractClient::errorOccurred);
    QVERIFY(finish(client.waitConnected()));
    client.sendPacket(QStringLiteral("hello"));
    QTRY_COMPARE(server.received.size(), 1);
    server.send("good one");
    server.send("\xff\xfe not UTF-8");
    server.send("good two");
    const QFuture<QVariant> first = client.recvPacket();
    QVERIFY(finish(first));
    QCOMPARE(first.result().toString(), QStringLiteral("good one"));
    const QFuture<QVariant> bad = client.recvPacket();
    QVERIFY(finish(bad));
    QCOMPARE(failure(bad), ErrorCode::DatagramParseError);
    try {
        QFuture<QVariant>(bad).waitForFinished();
    } catch (const DatagramProtocolParseError &e) {
        QCOMPARE(e.parseError().kind(), ParseError::Kind::Malformed);
    }
    QCOMPARE(errors.size(), 1);
    const QFuture<QVariant> second = client.recvPacket();
    QVERIFY(finish(second));
    QCOMPARE(second.result().toString(), QStringLiteral("good two"));
    QVERIFY(client.isConnected());
}

void tst_UdpClient::oversizedDatagram()
{
    UdpServer server;
    server.echo = false;
    UdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol());
    client.setMaxDatagramSize(100);
    QList<Error> errors;
    QStringList got;
    connect(&client, &AbstractClient::errorOccurred, this,
            [&](const Error &e) { errors.append(e); });
    connect(&client, &AbstractClient::packetReceived, this,
            [&](const QVariant &p) { got.append(p.toString()); });
    QVERIFY(finish(client.waitConnected()));
    client.sendPacket(QStringLiteral("hello"));
    QTRY_COMPARE(server.received.size(), 1);
    server.send(QByteArray(100, 'a'));
    server.send(QByteArray(101, 'b'));
    server.send(QByteArray(60000, 'c'));
    server.send("small");
    QTRY_COMPARE(got.size(), 2);
    QCOMPARE(got.at(0), QString(100, QLatin1Char('a')));
    QCOMPARE(got.at(1), QStringLiteral("small"));
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0).code(), ErrorCode::DatagramParseError);
    QCOMPARE(errors.at(0).parseError().kind(), ParseError::Kind::TooLarge);
    QCOMPARE(errors.at(1).parseError().kind(), ParseError::Kind::TooLarge);
}

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

void tst_UdpClient::nothingListening()
{
    const quint16 port = EasyNetTest::freePort(SOCK_DGRAM);
    UdpClient client(QStringLiteral("127.0.0.1"), port, textProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    QVERIFY(finish(client.sendPacket(QStringLiteral("anyone?"))));
    // The ICMP port-unreachable answer turns into ECONNREFUSED on the next operation.
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(failure(answer), ErrorCode::ConnectionRefused);
    // Reported once, the client still works: nothing spins, nothing crashes.
    QVERIFY(client.isConnected());
    const QFuture<QVariant> again = client.recvPacket();
    QTest::qWait(200);
    QVERIFY(!again.isFinished());
    QVERIFY(finish(client.close()));
    QCOMPARE(failure(again), ErrorCode::ClientClosed);
}

void tst_UdpClient::bindAddressAndPort()
{
    UdpServer server;
    const quint16 port = EasyNetTest::freePort(SOCK_DGRAM);
    UdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol());
    QVERIFY(client.setBindAddress(QHostAddress(QHostAddress::LocalHost)));
    QVERIFY(client.setBindPort(port));
    client.sendPacket(QStringLiteral("from a chosen port"));
    const QFuture<QVariant> echoed = client.recvPacket();
    QVERIFY(finish(echoed));
    QCOMPARE(echoed.result().toString(), QStringLiteral("from a chosen port"));
    QCOMPARE(client.localAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(client.localPort(), port);
    QCOMPARE(server.clientPort, port);
}

void tst_UdpClient::adoptDescriptor()
{
    UdpServer server;
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    UdpClient client;
    client.setSocketDescriptor(fd);
    client.setProtocol(textProtocol());
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(client.socket().descriptor(), qintptr(fd));
    QCOMPARE(client.peerPort(), server.port());
    client.sendPacket(QStringLiteral("adopted"));
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("adopted"));
}

void tst_UdpClient::refuseUnconnectedDescriptor()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    UdpClient client;
    client.setSocketDescriptor(fd);
    client.setProtocol(textProtocol());
    const QFuture<void> wait = client.waitConnected();
    QVERIFY(finish(wait));
    QCOMPARE(failure(wait), ErrorCode::ConnectionError);
    QVERIFY(client.lastError().message().contains(QStringLiteral("not a connected")));
    ::close(fd);
}

void tst_UdpClient::closeWithPendingReceive()
{
    UdpServer server;
    server.echo = false;
    UdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol());
    QVERIFY(finish(client.waitConnected()));
    const QFuture<QVariant> pending = client.recvPacket();
    QVERIFY(finish(client.close()));
    QVERIFY(finish(pending));
    QCOMPARE(failure(pending), ErrorCode::ClientClosed);
}

void tst_UdpClient::operationsAfterClose()
{
    UdpServer server;
    UdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol());
    QSignalSpy closedSpy(&client, &AbstractClient::closed);
    QVERIFY(finish(client.waitConnected()));
    QVERIFY(finish(client.close()));
    QVERIFY(finish(client.close()));
    QCOMPARE(closedSpy.size(), 1);
    QCOMPARE(failure(client.sendPacket(QStringLiteral("x"))), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.recvPacket()), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.waitConnected()), ErrorCode::ClientClosed);
    QVERIFY(!client.socket().isValid());
}

void tst_UdpClient::familyFilter()
{
    UdpServer server;
    UdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol());
    client.setFamily(QAbstractSocket::IPv6Protocol);
    const QFuture<void> wait = client.waitConnected();
    QVERIFY(finish(wait));
    QCOMPARE(failure(wait), ErrorCode::OSError);
    QCOMPARE(client.lastError().osErrno(), EAFNOSUPPORT);
}

QTEST_GUILESS_MAIN(tst_UdpClient)
#include "tst_udpclient.moc"
