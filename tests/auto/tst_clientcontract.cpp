// The client contract (the reference's behaviour, in Qt's shape), tested once
// for every event-driven client: TcpClient, UdpClient, UnixStreamClient and
// UnixDatagramClient, each against an echo server of its transport on
// loopback or in a temporary directory. A behaviour added to the clients is
// added here, once, for all of them.
#include "testsupport.h"
#include "unixtestsupport.h"

#include <EasyNet/cborserializer.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/tcpclient.h>
#include <EasyNet/udpclient.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QLocalServer>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

using namespace EasyNet;
using EasyNetTest::failure;
using EasyNetTest::finish;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<LineSerializer> lineSerializer()
{
    return std::make_shared<LineSerializer>(LineSerializer::Separator::LF,
                                            LineSerializer::Encoding::Utf8);
}

// What the contract needs of a transport: a server, a client configured to
// reach it (not opened), and ways to make the server misbehave.
class Fixture
{
public:
    virtual ~Fixture() = default;
    virtual bool isStream() const = 0;
    virtual bool isUnix() const = 0;
    // A configured client; cbor picks a format that cannot resynchronise.
    virtual std::unique_ptr<AbstractClient> makeClient(bool cbor = false) = 0;
    // The next packet the server receives is answered with these raw
    // chunks (stream) or datagrams instead of its echo.
    virtual void answerNextWith(const QList<QByteArray> &raw) = 0;
    // Stream servers only: stop reading (the kernel's buffers fill up), end
    // the connection, reset it (with unread data: TCP and Unix streams then
    // both tell the client ECONNRESET), shut down the write side only; and
    // what the server has received.
    virtual void stopReading() { }
    virtual void closePeer() { }
    virtual void resetPeer() { }
    virtual void halfClosePeer() { }
    virtual QByteArray received() const { return {}; }
};

// TCP and Unix stream: one QIODevice per accepted connection.
class StreamFixture : public Fixture
{
public:
    ~StreamFixture() override
    {
        if (m_detached >= 0)
            ::close(m_detached);
    }
    bool isStream() const override { return true; }
    void answerNextWith(const QList<QByteArray> &raw) override { m_answer = raw; }
    // The connection leaves Qt (which would read ahead into its own buffer):
    // the test's copy of the descriptor keeps it open, and nobody reads.
    void stopReading() override
    {
        QVERIFY(QTest::qWaitFor([this] { return m_peer != nullptr; }));
        if (m_detached >= 0)
            return;
        m_detached = ::fcntl(peerDescriptor(), F_DUPFD_CLOEXEC, 0);
        QVERIFY(m_detached >= 0);
        QObject::disconnect(m_peer, nullptr, nullptr, nullptr);
        m_peer->close();
    }
    void closePeer() override
    {
        QVERIFY(QTest::qWaitFor([this] { return m_peer != nullptr; }));
        if (m_detached >= 0)
            ::close(std::exchange(m_detached, -1));
        else
            m_peer->close();
    }
    void resetPeer() override
    {
        stopReading();
        const linger hard {1, 0}; // TCP: close() sends RST (Unix: the unread data does)
        ::setsockopt(m_detached, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
        ::close(std::exchange(m_detached, -1));
    }
    void halfClosePeer() override
    {
        QVERIFY(QTest::qWaitFor([this] { return m_peer != nullptr; }));
        QCOMPARE(::shutdown(peerDescriptor(), SHUT_WR), 0);
    }
    QByteArray received() const override { return m_received; }

protected:
    virtual int peerDescriptor() const = 0;
    void adopt(QIODevice *peer)
    {
        m_peer = peer;
        QObject::connect(peer, &QIODevice::readyRead, peer, [this, peer] {
            const QByteArray data = peer->readAll();
            m_received += data;
            if (m_answer.isEmpty()) {
                peer->write(data);
                return;
            }
            for (const QByteArray &chunk : std::exchange(m_answer, {}))
                peer->write(chunk);
        });
    }
    QIODevice *m_peer = nullptr;

private:
    QList<QByteArray> m_answer;
    QByteArray m_received;
    int m_detached = -1;
};

class TcpFixture final : public StreamFixture
{
public:
    bool isUnix() const override { return false; }
    TcpFixture()
    {
        m_server.setProxy(QNetworkProxy::NoProxy);
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *peer = m_server.nextPendingConnection()) {
                adopt(peer);
            }
        });
    }
    std::unique_ptr<AbstractClient> makeClient(bool cbor) override
    {
        auto client = std::make_unique<TcpClient>();
        client->setHost(QStringLiteral("127.0.0.1"));
        client->setPort(m_server.serverPort());
        client->setProtocol(cbor ? StreamProtocol(std::make_shared<CborSerializer>())
                                 : StreamProtocol(lineSerializer()));
        return client;
    }

private:
    int peerDescriptor() const override
    {
        return int(static_cast<QTcpSocket *>(m_peer)->socketDescriptor());
    }
    QTcpServer m_server;
};

class UnixStreamFixture final : public StreamFixture
{
public:
    bool isUnix() const override { return true; }
    UnixStreamFixture()
    {
        m_server.setSocketOptions(QLocalServer::UserAccessOption);
        QVERIFY(m_server.listen(m_dir.filePath(QStringLiteral("contract.sock"))));
        QObject::connect(&m_server, &QLocalServer::newConnection, &m_server, [this] {
            while (QLocalSocket *peer = m_server.nextPendingConnection()) {
                adopt(peer);
            }
        });
    }
    std::unique_ptr<AbstractClient> makeClient(bool cbor) override
    {
        auto client = std::make_unique<UnixStreamClient>();
        client->setAddress(UnixSocketAddress::fromString(m_server.fullServerName()));
        client->setProtocol(cbor ? StreamProtocol(std::make_shared<CborSerializer>())
                                 : StreamProtocol(lineSerializer()));
        return client;
    }

private:
    int peerDescriptor() const override
    {
        return int(static_cast<QLocalSocket *>(m_peer)->socketDescriptor());
    }
    QTemporaryDir m_dir;
    QLocalServer m_server;
};

class UdpFixture final : public Fixture
{
public:
    bool isUnix() const override { return false; }
    UdpFixture()
    {
        m_socket.setProxy(QNetworkProxy::NoProxy);
        QVERIFY(m_socket.bind(QHostAddress::LocalHost, 0));
        QObject::connect(&m_socket, &QIODevice::readyRead, &m_socket, [this] {
            while (m_socket.hasPendingDatagrams()) {
                const QNetworkDatagram datagram = m_socket.receiveDatagram();
                const QList<QByteArray> answer
                    = m_answer.isEmpty() ? QList {datagram.data()} : std::exchange(m_answer, {});
                for (const QByteArray &reply : answer)
                    m_socket.writeDatagram(reply, datagram.senderAddress(),
                                           quint16(datagram.senderPort()));
            }
        });
    }
    bool isStream() const override { return false; }
    std::unique_ptr<AbstractClient> makeClient(bool) override
    {
        auto client = std::make_unique<UdpClient>();
        client->setHost(QStringLiteral("127.0.0.1"));
        client->setPort(m_socket.localPort());
        client->setProtocol(DatagramProtocol(lineSerializer()));
        return client;
    }
    void answerNextWith(const QList<QByteArray> &raw) override { m_answer = raw; }

private:
    QUdpSocket m_socket;
    QList<QByteArray> m_answer;
};

class UnixDatagramFixture final : public Fixture
{
public:
    bool isUnix() const override { return true; }
    UnixDatagramFixture()
        : m_address(UnixSocketAddress::fromPath(m_dir.filePath(QStringLiteral("dgram.sock"))))
        , m_server(SOCK_DGRAM, m_address)
    {
        QVERIFY(m_server.isOk());
        m_server.startDatagram(
            [this](EasyNetTest::UnixTestServer &, int socket, EasyNetTest::RawMessage &m) {
                QList<QByteArray> answer {m.data};
                {
                    std::lock_guard lock(m_mutex);
                    if (!m_answer.isEmpty())
                        answer = std::exchange(m_answer, {});
                }
                for (const QByteArray &reply : answer)
                    EasyNetTest::rawSend(socket, reply, {}, nullptr, &m.from, m.fromLength);
                EasyNetTest::closeAll(m.fds);
            });
    }
    bool isStream() const override { return false; }
    std::unique_ptr<AbstractClient> makeClient(bool) override
    {
        auto client = std::make_unique<UnixDatagramClient>();
        client->setAddress(m_address);
        client->setProtocol(DatagramProtocol(lineSerializer()));
        return client;
    }
    void answerNextWith(const QList<QByteArray> &raw) override
    {
        std::lock_guard lock(m_mutex);
        m_answer = raw;
    }

private:
    QTemporaryDir m_dir;
    UnixSocketAddress m_address;
    EasyNetTest::UnixTestServer m_server;
    std::mutex m_mutex;
    QList<QByteArray> m_answer; // guarded by m_mutex (the server runs in a thread)
};

std::unique_ptr<Fixture> makeFixture(const QString &transport)
{
    if (transport == u"tcp")
        return std::make_unique<TcpFixture>();
    if (transport == u"unix-stream")
        return std::make_unique<UnixStreamFixture>();
    if (transport == u"udp")
        return std::make_unique<UdpFixture>();
    return std::make_unique<UnixDatagramFixture>();
}

QVariant received(QFuture<QVariant> future)
{
    if (!finish(future))
        return QStringLiteral("<timed out>");
    return failure(future) == ErrorCode::NoError ? future.result() : QVariant();
}

} // namespace

class tst_ClientContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoEveryStyle_data() { transports(); }
    void echoEveryStyle();
    void sendWithoutFuture_data() { transports(); }
    void sendWithoutFuture();
    void nothingConnectsBeforeOpen_data() { transports(); }
    void nothingConnectsBeforeOpen();
    void firstOperationConnects_data() { transports(); }
    void firstOperationConnects();
    void optionsRefusedOnceOpened_data() { transports(); }
    void optionsRefusedOnceOpened();
    void missingProtocolRefused_data() { transports(); }
    void missingProtocolRefused();
    void stateSequence_data() { transports(); }
    void stateSequence();
    void cancelledReceiveLosesNothing_data() { transports(); }
    void cancelledReceiveLosesNothing();
    void receiveTimeoutLosesNothing_data() { transports(); }
    void receiveTimeoutLosesNothing();
    void iterationCountsOnlyWaiting_data() { transports(); }
    void iterationCountsOnlyWaiting();
    void iterationEndsQuietlyAtClose_data() { transports(); }
    void iterationEndsQuietlyAtClose();
    void socketHandleFollowsTheConnection_data() { transports(); }
    void socketHandleFollowsTheConnection();
    void closeTwiceAndOperationsAfterClose_data() { transports(); }
    void closeTwiceAndOperationsAfterClose();
    void malformedPacketThenGoodOne_data() { transports(); }
    void malformedPacketThenGoodOne();
    // Stream transports only.
    void iterationEndsQuietlyAtEndOfStream_data() { streams(); }
    void iterationEndsQuietlyAtEndOfStream();
    void unrecoverableParseErrorCloses_data() { streams(); }
    void unrecoverableParseErrorCloses();
    void peerClosesMidPacket_data() { streams(); }
    void peerClosesMidPacket();
    void sendQueueIsBounded_data() { streams(); }
    void sendQueueIsBounded();
    void queuedSendsFailWhenConnectionDies_data() { streams(); }
    void queuedSendsFailWhenConnectionDies();
    void sendEofConnectsFirst_data() { streams(); }
    void sendEofConnectsFirst();
    void closeFlushesQueuedSends_data() { streams(); }
    void closeFlushesQueuedSends();
    void connectTimeout_data() { streams(); }
    void connectTimeout();
    void halfOpenAfterPeerEof_data() { streams(); }
    void halfOpenAfterPeerEof();
    void peerResetIsConnectionReset_data() { streams(); }
    void peerResetIsConnectionReset();

private:
    void transports()
    {
        QTest::addColumn<QString>("transport");
        for (const char *name : {"tcp", "unix-stream", "udp", "unix-dgram"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void streams()
    {
        QTest::addColumn<QString>("transport");
        for (const char *name : {"tcp", "unix-stream"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
};

#define FIXTURE()                                                                                  \
    QFETCH(QString, transport);                                                                    \
    const std::unique_ptr<Fixture> fixture = makeFixture(transport);                               \
    if (QTest::currentTestFailed())                                                                \
        return;

void tst_ClientContract::echoEveryStyle()
{
    FIXTURE();
    const int count = fixture->isStream() ? 3000 : 500; // datagrams: no loss on loopback
    // Signal style.
    const auto signalled = fixture->makeClient();
    QStringList got;
    connect(signalled.get(), &AbstractClient::packetReceived, this,
            [&](const QVariant &packet) { got.append(packet.toString()); });
    signalled->open();
    QStringList sent;
    for (int i = 0; i < count; ++i) {
        sent.append(QStringLiteral("packet %1 \u00e9").arg(i));
        signalled->sendPacket(sent.last());
        if (!fixture->isStream() && i % 50 == 49) // stay within the socket buffers
            QTRY_COMPARE(got.size(), i + 1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), count, 20000);
    QCOMPARE(got, sent);
    // Pull style: nothing is emitted, every packet comes through recvPacket().
    const auto pulled = fixture->makeClient();
    pulled->setAutoRead(false);
    QSignalSpy emitted(pulled.get(), &AbstractClient::packetReceived);
    for (int i = 0; i < count; ++i) {
        pulled->sendPacket(QString::number(i));
        QCOMPARE(received(pulled->recvPacket()).toString(), QString::number(i));
    }
    QCOMPARE(emitted.size(), 0);
    // Iteration style.
    for (int i = 0; i < 10; ++i)
        pulled->sendPacket(QString::number(i));
    ReceivedPacketIterator packets = pulled->receivedPackets(10s);
    for (int i = 0; i < 10; ++i) {
        const QFuture<std::optional<QVariant>> next = packets.next();
        QVERIFY(finish(next));
        QCOMPARE(next.result().value_or(QVariant()).toString(), QString::number(i));
    }
}

// send() (no future) and sendPacket() mixed keep their order, also while
// stream sends coalesce; a refused send() is reported through errorOccurred().
void tst_ClientContract::sendWithoutFuture()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QStringList got;
    connect(client.get(), &AbstractClient::packetReceived, this,
            [&](const QVariant &packet) { got.append(packet.toString()); });
    QSignalSpy errors(client.get(), &AbstractClient::errorOccurred);
    QStringList sent;
    QFuture<void> last;
    for (int i = 0; i < 200; ++i) {
        sent.append(QString::number(i));
        if (i % 3 == 0)
            last = client->sendPacket(sent.last());
        else
            client->send(sent.last()); // the first one connects, as sendPacket() does
        if (!fixture->isStream() && i % 50 == 49) // stay within the socket buffers
            QTRY_COMPARE(got.size(), i + 1);
    }
    QVERIFY(finish(last));
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), sent.size(), 20000);
    QCOMPARE(got, sent);
    QCOMPARE(errors.size(), 0);
    QVERIFY(finish(client->close()));
    client->send(QStringLiteral("after close"));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code(), ErrorCode::ClientClosed);
}

void tst_ClientContract::nothingConnectsBeforeOpen()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QTest::qWait(50);
    QCOMPARE(client->state(), AbstractClient::State::Unconnected);
    client->open();
    QTRY_COMPARE(client->state(), AbstractClient::State::Connected);
    client->open(); // harmless while connected
    QCOMPARE(client->state(), AbstractClient::State::Connected);
}

void tst_ClientContract::firstOperationConnects()
{
    FIXTURE();
    // sendPacket() on a client never opened connects and sends once connected.
    const auto client = fixture->makeClient();
    client->setAutoRead(false); // the echo may come before recvPacket() asks for it
    const QFuture<void> sent = client->sendPacket(QStringLiteral("implicit"));
    QVERIFY(client->state() != AbstractClient::State::Unconnected);
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("implicit"));
    QCOMPARE(failure(sent), ErrorCode::NoError);
    // So does recvPacket(), and waitConnected().
    const auto receiver = fixture->makeClient();
    const QFuture<QVariant> answer = receiver->recvPacket();
    QVERIFY(receiver->state() != AbstractClient::State::Unconnected);
    QVERIFY(finish(receiver->waitConnected()));
    receiver->sendPacket(QStringLiteral("after"));
    QCOMPARE(received(answer).toString(), QStringLiteral("after"));
}

void tst_ClientContract::optionsRefusedOnceOpened()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QSignalSpy errors(client.get(), &AbstractClient::errorOccurred);
    QSignalSpy changed(client.get(), &AbstractClient::optionsChanged);
    // Out of range: refused at the call, nothing changes.
    QVERIFY(!client->setConnectTimeout(0ms));
    QCOMPARE(client->lastError().code(), ErrorCode::InvalidArgument);
    QVERIFY(!client->setSendQueueLimit(0));
    QCOMPARE(client->sendQueueLimit(), AbstractClient::DefaultSendQueueLimit);
    QVERIFY(client->setSendQueueLimit(1 << 20));
    QCOMPARE(changed.size(), 1);
    // Through the meta-object, as QML sets it.
    QVERIFY(client->setProperty("sendQueueLimit", qint64(2 << 20)));
    QCOMPARE(client->sendQueueLimit(), qint64(2 << 20));
    QVERIFY(finish(client->waitConnected()));
    errors.clear();
    QVERIFY(!client->setSendQueueLimit(1 << 10));
    QCOMPARE(client->sendQueueLimit(), qint64(2 << 20));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(client->lastError().code(), ErrorCode::InvalidOperation);
    QVERIFY(!client->errorString().isEmpty());
    // The connection is unharmed.
    client->sendPacket(QStringLiteral("still fine"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("still fine"));
}

void tst_ClientContract::missingProtocolRefused()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    const QMetaProperty protocol
        = client->metaObject()->property(client->metaObject()->indexOfProperty("protocol"));
    QVERIFY(protocol.isValid() && protocol.isWritable() && protocol.hasNotifySignal());
    QVERIFY(protocol.write(client.get(), QVariant(protocol.metaType())));
    const QFuture<void> connected = client->waitConnected();
    QVERIFY(finish(connected));
    QCOMPARE(failure(connected), ErrorCode::InvalidArgument);
    QCOMPARE(client->state(), AbstractClient::State::Closed);
}

void tst_ClientContract::stateSequence()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QSignalSpy states(client.get(), &AbstractClient::stateChanged);
    QVERIFY(finish(client->waitConnected()));
    QVERIFY(finish(client->close()));
    QList<AbstractClient::State> seen;
    for (const QList<QVariant> &args : std::as_const(states))
        seen.append(args.at(0).value<AbstractClient::State>());
    using S = AbstractClient::State;
    QCOMPARE(seen, (QList<S> {S::Connecting, S::Connected, S::Closing, S::Closed}));
}

void tst_ClientContract::cancelledReceiveLosesNothing()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    QFuture<QVariant> cancelled = client->recvPacket();
    cancelled.cancel();
    client->sendPacket(QStringLiteral("kept"));
    QTest::qWait(50); // the packet arrives while nobody but the cancelled receive waits
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("kept"));
    QVERIFY(cancelled.isCanceled());
}

void tst_ClientContract::receiveTimeoutLosesNothing()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(finish(client->waitConnected()));
    const QFuture<QVariant> timedOut = client->recvPacket(QDeadlineTimer(50ms));
    QVERIFY(finish(timedOut));
    QCOMPARE(failure(timedOut), ErrorCode::Timeout);
    client->sendPacket(QStringLiteral("late"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("late"));
}

void tst_ClientContract::iterationCountsOnlyWaiting()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    client->sendPacket(QStringLiteral("first"));
    ReceivedPacketIterator packets = client->receivedPackets(500ms);
    const QFuture<std::optional<QVariant>> first = packets.next();
    QVERIFY(finish(first));
    QCOMPARE(first.result().value_or(QVariant()).toString(), QStringLiteral("first"));
    // The loop body takes longer than the whole budget: that time is not counted.
    QTest::qWait(700);
    const QFuture<std::optional<QVariant>> second = packets.next();
    QTimer::singleShot(50ms, client.get(), [&] { client->sendPacket(QStringLiteral("second")); });
    QVERIFY(finish(second));
    QCOMPARE(second.result().value_or(QVariant()).toString(), QStringLiteral("second"));
    // Then the budget runs out while waiting: the iteration ends quietly.
    const QFuture<std::optional<QVariant>> none = packets.next();
    QVERIFY(finish(none));
    QVERIFY(!none.result().has_value());
    QCOMPARE(packets.remainingTime(), std::optional(0ms));
}

void tst_ClientContract::iterationEndsQuietlyAtClose()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(finish(client->waitConnected()));
    ReceivedPacketIterator packets = client->receivedPackets(QDeadlineTimer::Forever);
    const QFuture<std::optional<QVariant>> pending = packets.next();
    QVERIFY(!pending.isFinished());
    client->close();
    QVERIFY(finish(pending));
    QCOMPARE(failure(pending), ErrorCode::NoError);
    QVERIFY(!pending.result().has_value());
}

void tst_ClientContract::socketHandleFollowsTheConnection()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(!client->socket().isValid()); // nothing before connecting
    QVERIFY(finish(client->waitConnected()));
    const SocketHandle handle = client->socket();
    QVERIFY(handle.isValid());
    const SocketHandle::Family family = handle.family();
    if (fixture->isUnix()) {
        QCOMPARE(family, SocketHandle::Family::Unix);
        QVERIFY(!handle.peerUnixAddress().isNull());
        QVERIFY(handle.peerAddress().isNull());
    } else {
        QCOMPARE(family, SocketHandle::Family::IPv4);
        QCOMPARE(handle.peerAddress(), QHostAddress(QHostAddress::LocalHost));
        QVERIFY(handle.peerPort() != 0 && handle.localPort() != 0);
        QVERIFY(handle.localUnixAddress().isNull());
    }
    QVERIFY(finish(client->close()));
    // Every handle is invalid once closed, and never names the file that
    // reuses the descriptor number.
    const int reused = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    QVERIFY(!handle.isValid());
    QVERIFY(!client->socket().isValid());
    int errnum = 0;
    QVERIFY(!handle.intOption(SOL_SOCKET, SO_TYPE, &errnum));
    QCOMPARE(errnum, EBADF);
    ::close(reused);
}

void tst_ClientContract::closeTwiceAndOperationsAfterClose()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QSignalSpy closed(client.get(), &AbstractClient::closed);
    QVERIFY(finish(client->waitConnected()));
    const QFuture<QVariant> pending = client->recvPacket();
    const QFuture<void> first = client->close();
    const QFuture<void> second = client->close();
    QVERIFY(finish(first) && finish(second));
    QCOMPARE(failure(second), ErrorCode::NoError);
    QCOMPARE(failure(pending), ErrorCode::ClientClosed);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(failure(client->sendPacket(QStringLiteral("x"))), ErrorCode::ClientClosed);
    QCOMPARE(failure(client->recvPacket()), ErrorCode::ClientClosed);
    QCOMPARE(failure(client->waitConnected()), ErrorCode::ClientClosed);
    QVERIFY(finish(client->close()));
    // Closed is final: open() does not reconnect.
    client->open();
    QCOMPARE(client->state(), AbstractClient::State::Closed);
    QCOMPARE(client->lastError().code(), ErrorCode::ClientClosed);
    client->abort();
    QCOMPARE(closed.size(), 1);
}

void tst_ClientContract::malformedPacketThenGoodOne()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    // Not UTF-8: a parse error, and the format finds the next packet.
    fixture->answerNextWith(fixture->isStream()
                                ? QList<QByteArray> {QByteArray("\xff\xfe\ngood\n")}
                                : QList<QByteArray> {QByteArray("\xff\xfe"), QByteArray("good")});
    client->sendPacket(QStringLiteral("trigger"));
    const QFuture<QVariant> bad = client->recvPacket();
    QVERIFY(finish(bad));
    QCOMPARE(failure(bad),
             fixture->isStream() ? ErrorCode::StreamParseError : ErrorCode::DatagramParseError);
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("good"));
    QCOMPARE(client->state(), AbstractClient::State::Connected);
}

void tst_ClientContract::iterationEndsQuietlyAtEndOfStream()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    client->sendPacket(QStringLiteral("last"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("last"));
    ReceivedPacketIterator packets = client->receivedPackets(QDeadlineTimer::Forever);
    const QFuture<std::optional<QVariant>> end = packets.next();
    fixture->closePeer();
    QVERIFY(finish(end));
    QCOMPARE(failure(end), ErrorCode::NoError);
    QVERIFY(!end.result().has_value());
    // A plain receive says why: the peer closed (ConnectionAborted, ECONNABORTED).
    const QFuture<QVariant> after = client->recvPacket();
    QVERIFY(finish(after));
    QCOMPARE(failure(after), ErrorCode::ConnectionAborted);
}

void tst_ClientContract::unrecoverableParseErrorCloses()
{
    FIXTURE();
    const auto client = fixture->makeClient(true);
    QVERIFY(finish(client->waitConnected()));
    QSignalSpy errors(client.get(), &AbstractClient::errorOccurred);
    // CBOR cannot find the next packet after a reserved initial byte.
    fixture->answerNextWith({QByteArray("\x1c\x1c\x1c\x1c", 4)});
    client->sendPacket(1);
    const QFuture<QVariant> bad = client->recvPacket();
    QVERIFY(finish(bad));
    QCOMPARE(failure(bad), ErrorCode::StreamParseError);
    QTRY_COMPARE(client->state(), AbstractClient::State::Closed);
    // Reported once; later operations fail as on a connection that is gone.
    int parseErrors = 0;
    for (const QList<QVariant> &args : std::as_const(errors))
        parseErrors += args.at(0).value<Error>().code() == ErrorCode::StreamParseError;
    QCOMPARE(parseErrors, 1);
    const QFuture<QVariant> later = client->recvPacket();
    QVERIFY(finish(later));
    QCOMPARE(failure(later), ErrorCode::ConnectionAborted);
    QCOMPARE(failure(client->sendPacket(2)), ErrorCode::ConnectionAborted);
}

void tst_ClientContract::peerClosesMidPacket()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    fixture->answerNextWith({QByteArray("whole\nhalf a pack")});
    client->sendPacket(QStringLiteral("trigger"));
    QCOMPARE(received(client->recvPacket()).toString(), QStringLiteral("whole"));
    fixture->closePeer();
    const QFuture<QVariant> cut = client->recvPacket();
    QVERIFY(finish(cut));
    QCOMPARE(failure(cut), ErrorCode::ConnectionAborted);
    QVERIFY2(client->lastError().message().contains(u"11 bytes lost"),
             qPrintable(client->lastError().message()));
}

void tst_ClientContract::sendQueueIsBounded()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(client->setSendQueueLimit(256 * 1024));
    QVERIFY(finish(client->waitConnected()));
    fixture->stopReading();
    const QString chunk(16 * 1024, u'x');
    QFuture<void> refused;
    // The kernel's buffers take a few MiB at most, then the queue fills.
    for (int i = 0; i < 4096 && !refused.isValid(); ++i) {
        const QFuture<void> sent = client->sendPacket(chunk);
        if (sent.isFinished() && failure(sent) != ErrorCode::NoError)
            refused = sent;
        else if (i % 16 == 15)
            QTest::qWait(1); // let the client hand what it can to the kernel
    }
    QVERIFY(refused.isValid());
    QCOMPARE(failure(refused), ErrorCode::InvalidOperation);
    QVERIFY(client->bytesToWrite() > 0);
    QVERIFY(client->bytesToWrite() <= 256 * 1024 + 2 * chunk.size());
}

void tst_ClientContract::queuedSendsFailWhenConnectionDies()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(finish(client->waitConnected()));
    fixture->stopReading();
    const QString chunk(16 * 1024, u'x');
    QList<QFuture<void>> sends;
    for (int i = 0; i < 1024 && client->bytesToWrite() == 0; ++i) {
        sends.append(client->sendPacket(chunk));
        if (i % 16 == 15)
            QTest::qWait(1);
    }
    for (int i = 0; i < 8; ++i)
        sends.append(client->sendPacket(chunk));
    QVERIFY(client->bytesToWrite() > 0);
    fixture->resetPeer();
    // Every queued send fails at once with the connection's error, none stays
    // pending until close().
    QVERIFY(finish(sends.last()));
    QVERIFY(failure(sends.last()) != ErrorCode::NoError);
    QCOMPARE(client->bytesToWrite(), 0);
}

void tst_ClientContract::sendEofConnectsFirst()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QFuture<void> eof;
    if (auto *tcp = qobject_cast<TcpClient *>(client.get()))
        eof = tcp->sendEof();
    else
        eof = qobject_cast<UnixStreamClient *>(client.get())->sendEof();
    QVERIFY(finish(eof));
    QCOMPARE(failure(eof), ErrorCode::NoError);
    QVERIFY(client->state() == AbstractClient::State::Connected);
    // A send after sendEof() is a usage error, not a connection error.
    QCOMPARE(failure(client->sendPacket(QStringLiteral("after"))), ErrorCode::InvalidOperation);
    // The peer saw the end of the stream and closes in turn: that is reported.
    const QFuture<QVariant> end = client->recvPacket();
    QVERIFY(finish(end));
    QCOMPARE(failure(end), ErrorCode::ConnectionAborted);
}

void tst_ClientContract::closeFlushesQueuedSends()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    QVERIFY(finish(client->waitConnected()));
    // More than the socket buffers take at once: close() has to wait for it.
    const QString chunk(16 * 1024 - 1, u'z');
    QList<QFuture<void>> sends;
    for (int i = 0; i < 256; ++i)
        sends.append(client->sendPacket(chunk));
    QVERIFY(client->bytesToWrite() > 0);
    const QFuture<void> closing = client->close();
    QVERIFY(finish(closing, 30000));
    for (const QFuture<void> &sent : std::as_const(sends))
        QCOMPARE(failure(sent), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(fixture->received().size(), 256 * 16 * 1024, 30000);
    QCOMPARE(client->bytesToWrite(), 0);
}

void tst_ClientContract::connectTimeout()
{
    QFETCH(QString, transport);
    // A listener whose accept queue is full: a TCP SYN is dropped, a Unix
    // connect says "try again"; either way connecting never finishes by itself.
    QTemporaryDir dir;
    const bool tcp = transport == u"tcp";
    const int listener = ::socket(tcp ? AF_INET : AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    QVERIFY(listener >= 0);
    sockaddr_storage storage {};
    socklen_t length = 0;
    if (tcp) {
        auto *in = reinterpret_cast<sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        length = sizeof(sockaddr_in);
    } else {
        const UnixSocketAddress address
            = UnixSocketAddress::fromPath(dir.filePath(QStringLiteral("full.sock")));
        length = socklen_t(address.toSockAddr(*reinterpret_cast<sockaddr_un *>(&storage)));
    }
    auto *raw = reinterpret_cast<sockaddr *>(&storage);
    QCOMPARE(::bind(listener, raw, length), 0);
    QCOMPARE(::listen(listener, 0), 0);
    QCOMPARE(::getsockname(listener, raw, &length), 0);
    QList<int> fillers;
    for (int i = 0; i < 3; ++i) {
        fillers.append(::socket(storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
        ::connect(fillers.last(), raw, length);
    }
    std::unique_ptr<AbstractClient> client;
    if (tcp) {
        client = std::make_unique<TcpClient>(
            QStringLiteral("127.0.0.1"), ntohs(reinterpret_cast<sockaddr_in *>(&storage)->sin_port),
            StreamProtocol(lineSerializer()));
    } else {
        client = std::make_unique<UnixStreamClient>(dir.filePath(QStringLiteral("full.sock")),
                                                    StreamProtocol(lineSerializer()));
    }
    QVERIFY(client->setConnectTimeout(300ms));
    QElapsedTimer elapsed;
    elapsed.start();
    const QFuture<void> connected = client->waitConnected();
    QVERIFY(finish(connected, 20000));
    QCOMPARE(failure(connected), ErrorCode::Timeout);
    QCOMPARE(client->lastError().osErrno(), ETIMEDOUT);
    QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(client->state(), AbstractClient::State::Closed);
    EasyNetTest::closeAll(fillers);
    ::close(listener);
}

void tst_ClientContract::halfOpenAfterPeerEof()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    fixture->halfClosePeer();
    // Receiving reports the end of the stream...
    const QFuture<QVariant> end = client->recvPacket();
    QVERIFY(finish(end));
    QCOMPARE(failure(end), ErrorCode::ConnectionAborted);
    QCOMPARE(client->lastError().osErrno(), ECONNABORTED);
    // ...and sending still works until close().
    const QFuture<void> sent = client->sendPacket(QStringLiteral("still talking"));
    QVERIFY(finish(sent));
    QCOMPARE(failure(sent), ErrorCode::NoError);
    QTRY_COMPARE(fixture->received(), QByteArray("still talking\n"));
    QCOMPARE(client->state(), AbstractClient::State::Connected);
    QVERIFY(finish(client->close()));
}

void tst_ClientContract::peerResetIsConnectionReset()
{
    FIXTURE();
    const auto client = fixture->makeClient();
    client->setAutoRead(false);
    QVERIFY(finish(client->waitConnected()));
    fixture->stopReading();
    QVERIFY(finish(client->sendPacket(QStringLiteral("never read"))));
    QTest::qWait(20);
    fixture->resetPeer();
    const QFuture<QVariant> reset = client->recvPacket();
    QVERIFY(finish(reset));
    QCOMPARE(failure(reset), ErrorCode::ConnectionReset);
    QCOMPARE(client->lastError().osErrno(), ECONNRESET);
    QCOMPARE(client->state(), AbstractClient::State::Closed);
}

QTEST_MAIN(tst_ClientContract)
#include "tst_clientcontract.moc"
