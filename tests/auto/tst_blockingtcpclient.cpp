// BlockingTcpClient against servers running in a thread of their own.
#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/lineserializer.h>

#include <QtCore/QElapsedTimer>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
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
using EasyNetTest::lineProtocol;
using namespace std::chrono_literals;
using EasyNetTest::ServerThread;
using EasyNetTest::throws;

namespace {

// What a test server does with each connection's bytes.
enum class Mode { Echo, Silent };

// A TCP server in its own thread: echoes, or keeps quiet and lets the test
// write through invoke(); the last connection is `peer`.
struct TcpServer
{
    explicit TcpServer(Mode mode = Mode::Echo)
        : thread([this, mode](QObject *context) {
            auto *server = new QTcpServer(context);
            server->setProxy(QNetworkProxy::NoProxy);
            server->listen(QHostAddress::LocalHost);
            QObject::connect(server, &QTcpServer::newConnection, context, [this, server, mode] {
                while (QTcpSocket *s = server->nextPendingConnection()) {
                    peer = s;
                    ++connections;
                    QObject::connect(s, &QIODevice::readyRead, s, [this, s, mode] {
                        const QByteArray data = s->readAll();
                        {
                            const std::lock_guard lock(mutex);
                            received += data;
                        }
                        if (mode == Mode::Echo)
                            s->write(data);
                    });
                }
            });
            return int(server->serverPort());
        })
    {
    }
    quint16 port() const { return quint16(thread.result()); }
    void write(const QByteArray &data)
    {
        thread.invoke([this, data] {
            peer->write(data);
            peer->flush();
        });
    }
    QByteArray receivedSoFar()
    {
        const std::lock_guard lock(mutex);
        return received;
    }

    std::mutex mutex;
    QByteArray received;
    QTcpSocket *peer = nullptr;
    std::atomic<int> connections {0};
    ServerThread thread;
};

} // namespace

class tst_BlockingTcpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echo();
    void badOptions();
    void adoptWrongKind();
    void refusedPort();
    void unresolvableHost();
    void connectTimeout();
    void adoptDescriptor();
};

void tst_BlockingTcpClient::echo()
{
    TcpServer server;
    BlockingTcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QVERIFY(!client.isClosed());
    QVERIFY(client.fileno() >= 0);
    QCOMPARE(client.peerPort(), server.port());
    QCOMPARE(client.localAddress(), QHostAddress(QHostAddress::LocalHost));
    // Many packets, timeouts, threads: tst_blockingclientcontract.
    client.sendPacket(QStringLiteral("packet \u00e9"), 5s);
    QCOMPARE(client.recvPacket(5s).toString(), QStringLiteral("packet \u00e9"));
    QVERIFY(client.socket().intOption(IPPROTO_TCP, 1 /* TCP_NODELAY */).value_or(0) != 0);
    QVERIFY(client.socket().intOption(SOL_SOCKET, SO_KEEPALIVE).value_or(0) != 0);
}

void tst_BlockingTcpClient::badOptions()
{
    // Each is refused before anything connects (the reference's ValueErrors).
    TcpServer server;
    const std::pair<const char *, std::function<void(BlockingTcpOptions &)>> cases[] = {
        {"maxRecvSize 0", [](BlockingTcpOptions &o) { o.maxRecvSize = 0; }},
        {"maxRecvSize -1", [](BlockingTcpOptions &o) { o.maxRecvSize = -1; }},
        {"maxPacketSize 0", [](BlockingTcpOptions &o) { o.maxPacketSize = 0; }},
        {"happyEyeballsDelay -1ms", [](BlockingTcpOptions &o) { o.happyEyeballsDelay = -1ms; }},
        {"serverHostname without TLS",
         [](BlockingTcpOptions &o) { o.serverHostname = QStringLiteral("localhost"); }},
    };
    for (const auto &[name, change] : cases) {
        BlockingTcpOptions options;
        change(options);
        QVERIFY2(EasyNetTest::throwsWithCode<ValueError>(
                     ErrorCode::InvalidArgument,
                     [&] {
                         BlockingTcpClient(QStringLiteral("127.0.0.1"), server.port(),
                                           lineProtocol(), options);
                     }),
                 name);
        // The same options on an adopted descriptor: refused, the descriptor stays ours.
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY2(EasyNetTest::throwsWithCode<ValueError>(
                     ErrorCode::InvalidArgument,
                     [&] { BlockingTcpClient(fd, lineProtocol(), options); }),
                 name);
        QCOMPARE(::close(fd), 0);
    }
    QTest::qWait(50);
    QCOMPARE(server.connections.load(), 0);
}

void tst_BlockingTcpClient::adoptWrongKind()
{
    const int udp = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const int unconnected = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int local = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    for (const int fd : {udp, unconnected, local}) {
        QVERIFY(EasyNetTest::throwsWithCode<ValueError>(
            ErrorCode::InvalidArgument, [&] { BlockingTcpClient(fd, lineProtocol()); }));
        QCOMPARE(::close(fd), 0); // still the caller's
    }
}

void tst_BlockingTcpClient::refusedPort()
{
    quint16 port;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    QVERIFY(throws<ConnectionRefusedError>(
        [&] { BlockingTcpClient(QStringLiteral("127.0.0.1"), port, lineProtocol()); }));
}

void tst_BlockingTcpClient::unresolvableHost()
{
    // Invalid names fail in the resolver itself: no DNS query leaves the machine.
    try {
        BlockingTcpClient(QStringLiteral("no..such..host"), 80, lineProtocol());
        QFAIL("connected?");
    } catch (const OSError &e) {
        QCOMPARE(e.error().code(), ErrorCode::HostNotFound);
    }
}

void tst_BlockingTcpClient::connectTimeout()
{
    // A listener whose accept queue is full drops SYNs: connect() hangs.
    const int silent = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::bind(silent, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    socklen_t length = sizeof(address);
    ::getsockname(silent, reinterpret_cast<sockaddr *>(&address), &length);
    QCOMPARE(::listen(silent, 0), 0);
    std::vector<int> fillers;
    for (int i = 0; i < 3; ++i) {
        const int f = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        ::connect(f, reinterpret_cast<sockaddr *>(&address), sizeof(address));
        fillers.push_back(f);
    }
    BlockingTcpOptions options;
    options.connectTimeout = 300ms;
    QVERIFY(throws<TimeoutError>([&] {
        BlockingTcpClient(QStringLiteral("127.0.0.1"), ntohs(address.sin_port), lineProtocol(),
                          options);
    }));
    for (int f : fillers)
        ::close(f);
    ::close(silent);
}

void tst_BlockingTcpClient::adoptDescriptor()
{
    TcpServer server;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    BlockingTcpClient client(fd, lineProtocol());
    QCOMPARE(client.fileno(), qintptr(fd));
    client.sendPacket(QStringLiteral("adopted"));
    QCOMPARE(client.recvPacket(5s).toString(), QStringLiteral("adopted"));
}

QTEST_GUILESS_MAIN(tst_BlockingTcpClient)
#include "tst_blockingtcpclient.moc"
