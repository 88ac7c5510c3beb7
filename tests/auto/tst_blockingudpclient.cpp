// BlockingUdpClient against UDP servers running in a thread of their own.
#include <EasyNet/blockingudpclient.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/lineserializer.h>

#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QTest>

#include "serverthread.h"
#include "testsupport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

using namespace EasyNet;
using namespace std::chrono_literals;
using EasyNetTest::ServerThread;
using EasyNetTest::throws;

namespace {

DatagramProtocol textProtocol()
{
    return DatagramProtocol(std::make_shared<LineSerializer>(LineSerializer::Separator::LF,
                                                             LineSerializer::Encoding::Utf8));
}

// A UDP server in its own thread: echoes every datagram, or keeps quiet and
// lets the test send through sendToClient().
struct UdpServer
{
    explicit UdpServer(bool echo = true, const QHostAddress &address = QHostAddress::LocalHost)
        : thread([this, echo, address](QObject *context) {
            socket = new QUdpSocket(context);
            socket->setProxy(QNetworkProxy::NoProxy);
            socket->bind(address, 0);
            QObject::connect(socket, &QIODevice::readyRead, context, [this, echo] {
                while (socket->hasPendingDatagrams()) {
                    const QNetworkDatagram datagram = socket->receiveDatagram();
                    client = datagram.senderAddress();
                    clientPort = quint16(datagram.senderPort());
                    ++received;
                    if (echo)
                        socket->writeDatagram(datagram.data(), client, clientPort);
                }
            });
            return int(socket->localPort());
        })
    {
    }
    quint16 port() const { return quint16(thread.result()); }
    void sendToClient(const QByteArray &data)
    {
        thread.invoke([this, data] { socket->writeDatagram(data, client, clientPort); });
    }

    QUdpSocket *socket = nullptr;
    QHostAddress client;
    quint16 clientPort = 0;
    std::atomic<int> received {0};
    ServerThread thread;
};

} // namespace

class tst_BlockingUdpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echo();
    void badOptions();
    void adoptWrongKind();
    void ipv6();
    void oversizedDatagram();
    void nothingListening();
    void adoptDescriptor();
    void refuseUnconnectedDescriptor();
    void familyFilter();
};

void tst_BlockingUdpClient::echo()
{
    UdpServer server;
    BlockingUdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol());
    QCOMPARE(client.peerPort(), server.port());
    QCOMPARE(client.localAddress(), QHostAddress(QHostAddress::LocalHost));
    // Many datagrams, timeouts, threads: tst_blockingclientcontract.
    client.sendPacket(QStringLiteral("datagram"), 5s);
    QCOMPARE(client.recvPacket(5s).toString(), QStringLiteral("datagram"));
}

void tst_BlockingUdpClient::badOptions()
{
    const std::pair<const char *, std::function<void(BlockingUdpOptions &)>> cases[] = {
        {"maxDatagramSize 0", [](BlockingUdpOptions &o) { o.maxDatagramSize = 0; }},
        {"maxDatagramSize -1", [](BlockingUdpOptions &o) { o.maxDatagramSize = -1; }},
        {"family unknown",
         [](BlockingUdpOptions &o) { o.family = QAbstractSocket::UnknownNetworkLayerProtocol; }},
    };
    for (const auto &[name, change] : cases) {
        BlockingUdpOptions options;
        change(options);
        QVERIFY2(EasyNetTest::throwsWithCode<ValueError>(
                     ErrorCode::InvalidArgument,
                     [&] {
                         BlockingUdpClient(QStringLiteral("127.0.0.1"), 9, textProtocol(), options);
                     }),
                 name);
    }
}

void tst_BlockingUdpClient::adoptWrongKind()
{
    const int tcp = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int local = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    for (const int fd : {tcp, local}) {
        QVERIFY(EasyNetTest::throwsWithCode<ValueError>(
            ErrorCode::InvalidArgument, [&] { BlockingUdpClient(fd, textProtocol()); }));
        QCOMPARE(::close(fd), 0); // still the caller's
    }
}

void tst_BlockingUdpClient::ipv6()
{
    UdpServer server(true, QHostAddress::LocalHostIPv6);
    BlockingUdpClient client(QStringLiteral("::1"), server.port(), textProtocol());
    client.sendPacket(QStringLiteral("v6"));
    QCOMPARE(client.recvPacket(5s).toString(), QStringLiteral("v6"));
    QCOMPARE(client.peerAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
}

void tst_BlockingUdpClient::oversizedDatagram()
{
    UdpServer server(false);
    BlockingUdpOptions options;
    options.maxDatagramSize = 100;
    BlockingUdpClient client(QStringLiteral("127.0.0.1"), server.port(), textProtocol(), options);
    client.sendPacket(QStringLiteral("hello"));
    QTRY_COMPARE(server.received.load(), 1);
    server.sendToClient(QByteArray(100, 'a'));
    server.sendToClient(QByteArray(60000, 'b'));
    server.sendToClient("small");
    QCOMPARE(client.recvPacket(5s).toString(), QString(100, QLatin1Char('a')));
    try {
        client.recvPacket(5s);
        QFAIL("no size error");
    } catch (const DatagramProtocolParseError &e) {
        QCOMPARE(e.parseError().kind(), ParseError::Kind::TooLarge);
        QCOMPARE(e.parseError().size(), 60000);
    }
    QCOMPARE(client.recvPacket(5s).toString(), QStringLiteral("small"));
}

void tst_BlockingUdpClient::nothingListening()
{
    quint16 port;
    {
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
        port = probe.localPort();
    }
    BlockingUdpClient client(QStringLiteral("127.0.0.1"), port, textProtocol());
    client.sendPacket(QStringLiteral("anyone?"));
    QVERIFY(throws<ConnectionRefusedError>([&] { client.recvPacket(5s); }));
    // Reported once; the client goes on (and now simply times out).
    QVERIFY(throws<TimeoutError>([&] { client.recvPacket(50ms); }));
}

void tst_BlockingUdpClient::adoptDescriptor()
{
    UdpServer server;
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    BlockingUdpClient client(fd, textProtocol());
    client.sendPacket(QStringLiteral("adopted"));
    QCOMPARE(client.recvPacket(5s).toString(), QStringLiteral("adopted"));
}

void tst_BlockingUdpClient::refuseUnconnectedDescriptor()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    QVERIFY(throws<ConnectionError>([&] { BlockingUdpClient(fd, textProtocol()); }));
    ::close(fd);
}

void tst_BlockingUdpClient::familyFilter()
{
    try {
        BlockingUdpOptions options;
        options.family = QAbstractSocket::IPv6Protocol;
        BlockingUdpClient(QStringLiteral("127.0.0.1"), 9, textProtocol(), options);
        QFAIL("connected?");
    } catch (const OSError &e) {
        QCOMPARE(e.osErrno(), EAFNOSUPPORT);
    }
}

QTEST_GUILESS_MAIN(tst_BlockingUdpClient)
#include "tst_blockingudpclient.moc"
