// TcpClient against servers started by the test on 127.0.0.1 and ::1.
#include <EasyNet/exceptions.h>
#include <EasyNet/futureawait.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/tcpclient.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "testsupport.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace EasyNet;
using EasyNetTest::lineProtocol;
using EasyNetTest::failure;
using EasyNetTest::finish;
using namespace std::chrono_literals;

namespace {

// A server that echoes every byte back, or does what a test tells it.
class TestServer : public QObject
{
public:
    explicit TestServer(const QHostAddress &address = QHostAddress::LocalHost)
    {
        server.setProxy(QNetworkProxy::NoProxy);
        QVERIFY(server.listen(address));
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                peers.append(s);
                connect(s, &QIODevice::readyRead, this, [this, s] {
                    const QByteArray data = s->readAll();
                    received += data;
                    if (echo)
                        s->write(data);
                });
                connect(s, &QAbstractSocket::disconnected, this, [this] { ++disconnects; });
            }
        });
    }
    quint16 port() const { return server.serverPort(); }
    QTcpSocket *peer() const { return peers.isEmpty() ? nullptr : peers.last(); }

    QTcpServer server;
    QList<QTcpSocket *> peers;
    QByteArray received;
    bool echo = true;
    int disconnects = 0;
};

} // namespace

class tst_TcpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoSignalStyle();
    void echoPullStyle();
    void echoIPv6();
    void coAwaitFlow();
    void waitConnectedConcurrently();
    void refusedPort();
    void unresolvableHost();
    void closeWithPendingReceive();
    void closeTwiceAndOperationsAfterClose();
    void peerClosesMidPacket();
    void peerClosesAfterPackets();
    void peerResets();
    void sendEofPeerStillAnswers();
    void parseErrorResynchronises();
    void serializeErrorFailsTheSendOnly();
    void pullStyleKeepsBackpressure();
    void receivedPacketsDeadline();
    void adoptDescriptor();
    void argumentsChecked();
    void bindAddressAndPort();
    void happyEyeballsSkipsSilentAddress();
    void observesRawBytes();
    void socketHandleOptions();
};

void tst_TcpClient::echoSignalStyle()
{
    TestServer server;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QStringList got;
    connect(&client, &AbstractClient::packetReceived, this,
            [&](const QVariant &p) { got.append(p.toString()); });
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(failure(client.waitConnected()), ErrorCode::NoError);
    QVERIFY(client.isConnected());
    // TCP_NODELAY and SO_KEEPALIVE, as the reference sets them.
    for (const auto &[level, option] : {std::pair<int, int> {IPPROTO_TCP, TCP_NODELAY},
                                        std::pair<int, int> {SOL_SOCKET, SO_KEEPALIVE}}) {
        int value = 0;
        socklen_t length = sizeof(value);
        QCOMPARE(::getsockopt(int(client.socket().descriptor()), level, option, &value, &length),
                 0);
        QCOMPARE(value, 1);
    }
    QStringList sent;
    QList<QFuture<void>> sends;
    for (int i = 0; i < 5000; ++i) {
        sent.append(QStringLiteral("packet %1 \u00e9").arg(i));
        sends.append(client.sendPacket(sent.last()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), sent.size(), 20000);
    QCOMPARE(got, sent);
    for (const auto &f : sends)
        QVERIFY(f.isFinished() && failure(f) == ErrorCode::NoError);
}

void tst_TcpClient::echoPullStyle()
{
    TestServer server;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    client.setAutoRead(false);
    QSignalSpy signalled(&client, &AbstractClient::packetReceived);
    QVERIFY(finish(client.waitConnected()));
    const int count = 3000;
    for (int i = 0; i < count; ++i)
        client.sendPacket(QString::number(i));
    for (int i = 0; i < count; ++i) {
        const QFuture<QVariant> next = client.recvPacket();
        QVERIFY(finish(next));
        QCOMPARE(next.result().toString(), QString::number(i));
    }
    QCOMPARE(signalled.size(), 0);
}

void tst_TcpClient::echoIPv6()
{
    TestServer server(QHostAddress::LocalHostIPv6);
    TcpClient client(QStringLiteral("::1"), server.port(), lineProtocol());
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(client.peerAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
    client.sendPacket(QStringLiteral("v6"));
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("v6"));
}

static FutureCoroutine<QString> conversation(TcpClient &client)
{
    co_await EasyNet::await(client.waitConnected());
    co_await EasyNet::await(client.sendPacket(QStringLiteral("ping")));
    const QVariant first = co_await EasyNet::await(client.recvPacket());
    co_await EasyNet::await(client.sendPacket(first.toString() + QStringLiteral(" pong")));
    const QVariant second = co_await EasyNet::await(client.recvPacket());
    co_await EasyNet::await(client.close());
    co_return second.toString();
}

static FutureCoroutine<int> awaitFailure(TcpClient &client)
{
    try {
        co_await EasyNet::await(client.waitConnected());
    } catch (const ConnectionRefusedError &) {
        co_return 1;
    } catch (const Exception &) {
        co_return 2;
    }
    co_return 0;
}

void tst_TcpClient::coAwaitFlow()
{
    TestServer server;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    const QFuture<QString> result = conversation(client);
    QVERIFY(finish(result));
    QCOMPARE(result.result(), QStringLiteral("ping pong"));
    QCOMPARE(client.state(), AbstractClient::State::Closed);

    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    TcpClient refused(QStringLiteral("127.0.0.1"), port, lineProtocol());
    const QFuture<int> caught = awaitFailure(refused);
    QVERIFY(finish(caught));
    QCOMPARE(caught.result(), 1);
}

void tst_TcpClient::waitConnectedConcurrently()
{
    TestServer server;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QSignalSpy connectedSpy(&client, &AbstractClient::connected);
    QList<QFuture<void>> waits;
    for (int i = 0; i < 10; ++i)
        waits.append(client.waitConnected());
    for (const auto &w : waits)
        QVERIFY(finish(w));
    for (const auto &w : waits)
        QCOMPARE(failure(w), ErrorCode::NoError);
    QCOMPARE(connectedSpy.size(), 1);
    QCOMPARE(server.peers.size(), 1);
    QCOMPARE(failure(client.waitConnected()), ErrorCode::NoError);
}

void tst_TcpClient::refusedPort()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    TcpClient client(QStringLiteral("127.0.0.1"), port, lineProtocol());
    QSignalSpy errors(&client, &AbstractClient::errorOccurred);
    const QFuture<void> wait = client.waitConnected();
    QVERIFY(finish(wait));
    QCOMPARE(failure(wait), ErrorCode::ConnectionRefused);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(client.state(), AbstractClient::State::Closed);
    // Later operations report the same failure.
    QCOMPARE(failure(client.waitConnected()), ErrorCode::ConnectionRefused);
    QCOMPARE(failure(client.recvPacket()), ErrorCode::ConnectionRefused);
}

void tst_TcpClient::unresolvableHost()
{
    // An invalid name fails inside the resolver without any DNS query leaving the
    // machine (tests never talk to anything but loopback).
    TcpClient client(QStringLiteral("no..such..host"), 80, lineProtocol());
    const QFuture<void> wait = client.waitConnected();
    QVERIFY(finish(wait));
    QCOMPARE(failure(wait), ErrorCode::HostNotFound);
    QVERIFY(client.lastError().message().contains(QStringLiteral("no..such..host")));
}

void tst_TcpClient::closeWithPendingReceive()
{
    TestServer server;
    server.echo = false;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QVERIFY(finish(client.waitConnected()));
    const QFuture<QVariant> pending = client.recvPacket();
    QVERIFY(!pending.isFinished());
    const QFuture<void> closing = client.close();
    QVERIFY(finish(pending));
    QCOMPARE(failure(pending), ErrorCode::ClientClosed);
    QVERIFY(finish(closing));
    QTRY_COMPARE(server.disconnects, 1);
}

void tst_TcpClient::closeTwiceAndOperationsAfterClose()
{
    TestServer server;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QSignalSpy closedSpy(&client, &AbstractClient::closed);
    QVERIFY(finish(client.waitConnected()));
    client.sendPacket(QStringLiteral("last words"));
    const QFuture<void> first = client.close();
    const QFuture<void> second = client.close();
    QVERIFY(client.isClosing());
    QVERIFY(finish(first));
    QVERIFY(finish(second));
    QVERIFY(finish(client.close()));
    QCOMPARE(closedSpy.size(), 1);
    // Queued data was flushed before the connection closed.
    QTRY_COMPARE(server.received, QByteArray("last words\n"));
    QCOMPARE(failure(client.sendPacket(QStringLiteral("x"))), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.recvPacket()), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.waitConnected()), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.sendEof()), ErrorCode::NoError); // does nothing after close
    // The iteration ends quietly on a closed client.
    const QFuture<std::optional<QVariant>> none = client.receivedPackets().next();
    QVERIFY(finish(none));
    QVERIFY(!none.result().has_value());
    client.abort(); // harmless after close
    QCOMPARE(closedSpy.size(), 1);
}

void tst_TcpClient::peerClosesMidPacket()
{
    TestServer server;
    server.echo = false;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    QTRY_VERIFY(server.peer());
    server.peer()->write("whole\npart");
    server.peer()->disconnectFromHost();
    const QFuture<QVariant> first = client.recvPacket();
    QVERIFY(finish(first));
    QCOMPARE(first.result().toString(), QStringLiteral("whole"));
    const QFuture<QVariant> second = client.recvPacket();
    QVERIFY(finish(second));
    QCOMPARE(failure(second), ErrorCode::ConnectionAborted);
    QVERIFY2(client.lastError().message().contains(QStringLiteral("middle of a packet")),
             qPrintable(client.lastError().message()));
    // Every later receive fails the same way; close still works.
    QCOMPARE(failure(client.recvPacket()), ErrorCode::ConnectionAborted);
    QVERIFY(finish(client.close()));
}

void tst_TcpClient::peerClosesAfterPackets()
{
    TestServer server;
    server.echo = false;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QStringList got;
    QSignalSpy errors(&client, &AbstractClient::errorOccurred);
    connect(&client, &AbstractClient::packetReceived, this,
            [&](const QVariant &p) { got.append(p.toString()); });
    QVERIFY(finish(client.waitConnected()));
    QTRY_VERIFY(server.peer());
    server.peer()->write("a\nb\nc\n");
    server.peer()->disconnectFromHost();
    QTRY_COMPARE(errors.size(), 1);
    QCOMPARE(got, (QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(client.lastError().code(), ErrorCode::ConnectionAborted);
}

void tst_TcpClient::peerResets()
{
    TestServer server;
    server.echo = false;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    QTRY_VERIFY(server.peer());
    const QFuture<QVariant> pending = client.recvPacket();
    // SO_LINGER 0 makes close() send a reset.
    const int fd = int(server.peer()->socketDescriptor());
    const linger hard {1, 0};
    QCOMPARE(::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard)), 0);
    server.peer()->abort();
    QVERIFY(finish(pending));
    QCOMPARE(failure(pending), ErrorCode::ConnectionReset);
    QCOMPARE(client.lastError().osErrno(), ECONNRESET);
    QCOMPARE(client.state(), AbstractClient::State::Closed);
    QCOMPARE(failure(client.sendPacket(QStringLiteral("after reset"))), ErrorCode::ConnectionReset);
}

void tst_TcpClient::sendEofPeerStillAnswers()
{
    TestServer server;
    server.echo = false;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    QTRY_VERIFY(server.peer());
    // The server side leaves QTcpSocket, which closes both directions at EOF.
    const int peer = ::fcntl(int(server.peer()->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    QVERIFY(peer >= 0);
    QObject::disconnect(server.peer(), nullptr, nullptr, nullptr);
    server.peer()->close();
    client.sendPacket(QStringLiteral("question"));
    const QFuture<void> eof = client.sendEof();
    QVERIFY(finish(eof));
    QCOMPARE(failure(eof), ErrorCode::NoError);
    QCOMPARE(failure(client.sendEof()), ErrorCode::NoError); // idempotent
    QCOMPARE(failure(client.sendPacket(QStringLiteral("too late"))), ErrorCode::InvalidOperation);
    // The peer reads the packet, then the end of the stream, and still answers.
    QByteArray got(64, '\0');
    qsizetype total = 0;
    for (ssize_t n = 1; n > 0;) {
        n = ::read(peer, got.data() + total, size_t(got.size() - total));
        total += qMax<ssize_t>(n, 0);
    }
    QCOMPARE(got.left(total), QByteArray("question\n"));
    QCOMPARE(::send(peer, "answer\n", 7, MSG_NOSIGNAL), ssize_t(7));
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("answer"));
    ::close(peer);
}

void tst_TcpClient::parseErrorResynchronises()
{
    TestServer server;
    server.echo = false;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(),
                     StreamProtocol(std::make_shared<LineSerializer>())); // ASCII
    client.setAutoRead(false);
    QSignalSpy errors(&client, &AbstractClient::errorOccurred);
    QVERIFY(finish(client.waitConnected()));
    QTRY_VERIFY(server.peer());
    server.peer()->write("good\nbad \xc3\xa9\nafter\n");
    const QFuture<QVariant> first = client.recvPacket();
    QVERIFY(finish(first));
    QCOMPARE(first.result().toString(), QStringLiteral("good"));
    const QFuture<QVariant> second = client.recvPacket();
    QVERIFY(finish(second));
    QCOMPARE(failure(second), ErrorCode::StreamParseError);
    try {
        QFuture<QVariant>(second).waitForFinished();
        QFAIL("no exception");
    } catch (const StreamProtocolParseError &e) {
        QCOMPARE(e.parseError().kind(), ParseError::Kind::Malformed);
        QCOMPARE(e.parseError().offset(), 5);
    }
    QCOMPARE(errors.size(), 1);
    const QFuture<QVariant> third = client.recvPacket();
    QVERIFY(finish(third));
    QCOMPARE(third.result().toString(), QStringLiteral("after"));
    QVERIFY(client.isConnected());
}

void tst_TcpClient::serializeErrorFailsTheSendOnly()
{
    TestServer server;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(failure(client.sendPacket(QStringLiteral("two\nlines"))), ErrorCode::SerializeError);
    QCOMPARE(failure(client.sendPacket(42)), ErrorCode::SerializeError);
    client.sendPacket(QStringLiteral("fine"));
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("fine"));
}

void tst_TcpClient::pullStyleKeepsBackpressure()
{
    TestServer server;
    server.echo = false;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    QTRY_VERIFY(server.peer());
    // 32 MB the client never asks for: the server's writes must stall in the
    // kernel instead of piling up in the client. Loopback socket buffers grow
    // to a few MB at most, so most of it stays in the server's write buffer.
    const QByteArray line = QByteArray(1023, 'x') + '\n';
    for (int i = 0; i < 32768; ++i)
        server.peer()->write(line);
    QTest::qWait(500);
    QVERIFY2(server.peer()->bytesToWrite() > 16 * 1024 * 1024,
             qPrintable(QString::number(server.peer()->bytesToWrite())));
    const QFuture<QVariant> one = client.recvPacket();
    QVERIFY(finish(one));
    QCOMPARE(one.result().toString().size(), 1023);
}

void tst_TcpClient::receivedPacketsDeadline()
{
    TestServer server;
    server.echo = false;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    QTRY_VERIFY(server.peer());
    server.peer()->write("1\n2\n3\n");
    server.peer()->flush();
    QTest::qWait(100);
    // Deadline 0: only what has already arrived.
    ReceivedPacketIterator now = client.receivedPackets();
    QStringList got;
    for (;;) {
        const QFuture<std::optional<QVariant>> next = now.next();
        QVERIFY(finish(next));
        if (!next.result())
            break;
        got.append(next.result()->toString());
    }
    QCOMPARE(got, (QStringList {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
    // A deadline covers the whole iteration: one packet arrives, then nothing.
    ReceivedPacketIterator later = client.receivedPackets(300ms);
    QTimer::singleShot(50ms, server.peer(), [&] { server.peer()->write("4\n"); });
    const QFuture<std::optional<QVariant>> fourth = later.next();
    QVERIFY(finish(fourth));
    QCOMPARE(fourth.result()->toString(), QStringLiteral("4"));
    const QFuture<std::optional<QVariant>> none = later.next();
    QVERIFY(finish(none));
    QVERIFY(!none.result().has_value());
    QCOMPARE(later.remainingTime(), std::optional(0ms));
    // The expired iteration took no packet away from a later receive.
    server.peer()->write("5\n");
    const QFuture<QVariant> fifth = client.recvPacket();
    QVERIFY(finish(fifth));
    QCOMPARE(fifth.result().toString(), QStringLiteral("5"));
}

void tst_TcpClient::bindAddressAndPort()
{
    TestServer server;
    const quint16 port = EasyNetTest::freePort(SOCK_STREAM);
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QVERIFY(client.setBindAddress(QHostAddress(QHostAddress::LocalHost)));
    QVERIFY(client.setBindPort(port));
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(failure(client.waitConnected()), ErrorCode::NoError);
    QCOMPARE(client.localAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(client.localPort(), port);
    QTRY_VERIFY(server.peer());
    QCOMPARE(server.peer()->peerPort(), port);
    // A bind that cannot succeed (the port is in use by this client) fails the open.
    TcpClient second(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    second.setBindAddress(QHostAddress(QHostAddress::LocalHost));
    second.setBindPort(port);
    const QFuture<void> refused = second.waitConnected();
    QVERIFY(finish(refused));
    QVERIFY(failure(refused) != ErrorCode::NoError);
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
    // An adopted socket of the wrong kind (UDP); the client owns it from open() on.
    const int udp = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    TcpClient adopted;
    adopted.setSocketDescriptor(udp);
    adopted.setProtocol(lineProtocol());
    const QFuture<void> wrongKind = adopted.waitConnected();
    QVERIFY(finish(wrongKind));
    QCOMPARE(failure(wrongKind), ErrorCode::InvalidArgument);
}

void tst_TcpClient::adoptDescriptor()
{
    TestServer server;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    QVERIFY(fd >= 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    TcpClient client;
    client.setSocketDescriptor(fd);
    client.setProtocol(lineProtocol());
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(client.socket().descriptor(), qintptr(fd));
    client.sendPacket(QStringLiteral("adopted"));
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("adopted"));
    QVERIFY(finish(client.close()));
    QVERIFY(!client.socket().isValid());
}

void tst_TcpClient::happyEyeballsSkipsSilentAddress()
{
    // 127.0.0.1:P is a listener whose accept queue is full, so it drops SYNs and
    // a connect there hangs; ::1:P answers. With the first address never answering,
    // the second attempt starts after the delay and wins.
    TestServer server(QHostAddress::LocalHostIPv6);
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

void tst_TcpClient::observesRawBytes()
{
    TestServer server;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QByteArray sent, received;
    connect(&client, &AbstractClient::bytesSent, this, [&](const QByteArray &b) { sent += b; });
    connect(&client, &AbstractClient::bytesReceived, this,
            [&](const QByteArray &b) { received += b; });
    QVERIFY(finish(client.waitConnected()));
    client.sendPacket(QStringLiteral("one"));
    client.sendPacket(QStringLiteral("two"));
    QTRY_COMPARE(received, QByteArray("one\ntwo\n"));
    QCOMPARE(sent, QByteArray("one\ntwo\n"));
}

void tst_TcpClient::socketHandleOptions()
{
    TestServer server;
    TcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    QVERIFY(finish(client.waitConnected()));
    const SocketHandle handle = client.socket();
    QVERIFY(handle.isValid());
    QCOMPARE(handle.intOption(IPPROTO_TCP, TCP_NODELAY).value_or(0) != 0, true);
    QVERIFY(handle.setIntOption(SOL_SOCKET, SO_KEEPALIVE, 1));
    QCOMPARE(handle.intOption(SOL_SOCKET, SO_KEEPALIVE).value_or(0) != 0, true);
    int errnum = 0;
    QVERIFY(!handle.intOption(SOL_SOCKET, 0x7fff, &errnum));
    QVERIFY(errnum != 0);
    QCOMPARE(client.localAddress(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(client.peerPort(), server.port());
}

QTEST_GUILESS_MAIN(tst_TcpClient)
#include "tst_tcpclient.moc"
