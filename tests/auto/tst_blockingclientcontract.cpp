// The client contract of the blocking clients, tested once for all four:
// BlockingTcpClient, BlockingUdpClient, BlockingUnixStreamClient and
// BlockingUnixDatagramClient, each connected to a raw peer socket of its
// transport (loopback, or a temporary directory) that the test drives: it
// echoes from a thread of its own, or writes, half-closes and closes as the
// test says. Raw sockets and std::thread only, so that ThreadSanitizer sees
// every hand-over. A behaviour added to the blocking clients is added here.
#include "testsupport.h"

#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/blockingudpclient.h>
#include <EasyNet/blockingunixdatagramclient.h>
#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/cborserializer.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/lineserializer.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace EasyNet;
using namespace std::chrono_literals;
using EasyNetTest::throws;

namespace {

enum class Kind { Tcp, Udp, UnixStream, UnixDatagram };

bool isStream(Kind kind)
{
    return kind == Kind::Tcp || kind == Kind::UnixStream;
}

// The peer of one client: a raw socket connected to it.
class Peer
{
public:
    Peer(int fd, bool stream) : m_fd(fd), m_stream(stream), m_stop(::eventfd(0, EFD_CLOEXEC)) { }
    ~Peer()
    {
        stopEcho();
        close();
        ::close(m_stop);
    }
    Q_DISABLE_COPY_MOVE(Peer)

    // Echoes in a thread of its own until stop or until the client's end of
    // stream, which it answers with its own.
    void startEcho()
    {
        m_echo = std::thread([this] {
            char buffer[65536];
            for (;;) {
                pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_stop, POLLIN, 0}};
                if (::poll(fds, 2, -1) < 0 && errno == EINTR)
                    continue;
                if (fds[1].revents)
                    return;
                const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0 && m_stream) {
                    ::shutdown(m_fd, SHUT_WR);
                    return;
                }
                if (n >= 0 && !sendAll(QByteArrayView(buffer, n)))
                    return;
            }
        });
    }
    void stopEcho()
    {
        if (!m_echo.joinable())
            return;
        const quint64 one = 1;
        [[maybe_unused]] const ssize_t w = ::write(m_stop, &one, sizeof(one));
        m_echo.join();
    }
    // Stream: the bytes; datagram: one datagram.
    void write(QByteArrayView data) { QVERIFY(sendAll(data)); }
    void shutdownWrite() { QCOMPARE(::shutdown(m_fd, SHUT_WR), 0); }
    void close()
    {
        if (m_fd >= 0)
            ::close(std::exchange(m_fd, -1));
    }
    // TCP and UDP: the port of the client's end.
    quint16 peerPort() const
    {
        sockaddr_in address {};
        socklen_t length = sizeof(address);
        ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&address), &length);
        return ntohs(address.sin_port);
    }
    // Stream: everything up to the client's end of stream.
    QByteArray readToEnd()
    {
        QByteArray all;
        char buffer[4096];
        ssize_t n;
        while ((n = ::recv(m_fd, buffer, sizeof(buffer), 0)) > 0)
            all.append(buffer, n);
        return all;
    }

private:
    bool sendAll(QByteArrayView data)
    {
        qsizetype offset = 0;
        do {
            const ssize_t n
                = ::send(m_fd, data.data() + offset, size_t(data.size() - offset), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return false;
            offset += n;
        } while (offset < data.size());
        return true;
    }

    int m_fd;
    bool m_stream;
    int m_stop;
    std::thread m_echo;
};

// One client and its peer.
struct Connection
{
    std::unique_ptr<AbstractBlockingClient> client;
    std::unique_ptr<Peer> peer;

    void sendEof()
    {
        if (auto *tcp = dynamic_cast<BlockingTcpClient *>(client.get()))
            tcp->sendEof();
        else
            dynamic_cast<BlockingUnixStreamClient &>(*client).sendEof();
    }
};

std::shared_ptr<AbstractIncrementalPacketSerializer> lines()
{
    return std::make_shared<LineSerializer>(LineSerializer::Separator::LF,
                                            LineSerializer::Encoding::Utf8);
}

sockaddr *asSockaddr(void *storage)
{
    return static_cast<sockaddr *>(storage);
}

// A socket of type bound to 127.0.0.1:0 (inet) or path (Unix).
int boundSocket(Kind kind, const QString &path)
{
    const int type = isStream(kind) ? SOCK_STREAM : SOCK_DGRAM;
    if (kind == Kind::Tcp || kind == Kind::Udp) {
        const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd, asSockaddr(&address), sizeof(address));
        return fd;
    }
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    sockaddr_un address {};
    const qsizetype length = UnixSocketAddress::fromPath(path).toSockAddr(address);
    ::bind(fd, asSockaddr(&address), socklen_t(length));
    return fd;
}

quint16 boundPort(int fd)
{
    sockaddr_in address {};
    socklen_t length = sizeof(address);
    ::getsockname(fd, asSockaddr(&address), &length);
    return ntohs(address.sin_port);
}

// How a test wants its client: cbor picks a format that cannot resynchronise;
// localPort (TCP and UDP) binds the client to 127.0.0.1:localPort first.
struct Setup
{
    bool cbor = false;
    quint16 localPort = 0;
};

Connection connectClient(Kind kind, const QString &path, Setup setup)
{
    BlockingTcpOptions tcpOptions;
    BlockingUdpOptions udpOptions;
    if (setup.localPort != 0) {
        tcpOptions.bindAddress = udpOptions.bindAddress = QHostAddress(QHostAddress::LocalHost);
        tcpOptions.bindPort = udpOptions.bindPort = setup.localPort;
    }
    const StreamProtocol stream(setup.cbor ? std::shared_ptr<AbstractIncrementalPacketSerializer>(
                                    std::make_shared<CborSerializer>())
                                           : lines());
    const DatagramProtocol datagram(lines());
    const int fd = boundSocket(kind, path);
    Connection c;
    if (isStream(kind)) {
        ::listen(fd, 1);
        if (kind == Kind::Tcp)
            c.client = std::make_unique<BlockingTcpClient>(QStringLiteral("127.0.0.1"),
                                                           boundPort(fd), stream, tcpOptions);
        else
            c.client = std::make_unique<BlockingUnixStreamClient>(UnixSocketAddress::fromPath(path),
                                                                  stream);
        c.peer = std::make_unique<Peer>(::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC), true);
        ::close(fd);
        return c;
    }
    // The datagram peer connects back to the client's own address.
    if (kind == Kind::Udp) {
        auto *udp = new BlockingUdpClient(QStringLiteral("127.0.0.1"), boundPort(fd), datagram,
                                          udpOptions);
        c.client.reset(udp);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(udp->localPort());
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::connect(fd, asSockaddr(&address), sizeof(address));
    } else {
        auto *local = new BlockingUnixDatagramClient(UnixSocketAddress::fromPath(path), datagram);
        c.client.reset(local);
        sockaddr_un address {};
        const qsizetype length = local->localAddress().toSockAddr(address);
        ::connect(fd, asSockaddr(&address), socklen_t(length));
    }
    c.peer = std::make_unique<Peer>(fd, false);
    return c;
}

} // namespace

class tst_BlockingClientContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void localBind_data();
    void localBind();
    void echoThousands_data() { all(); }
    void echoThousands();
    void callsAfterClose_data() { all(); }
    void callsAfterClose();
    void closeWakesBlockedReceiver_data() { all(); }
    void closeWakesBlockedReceiver();
    void timeoutLosesNothing_data() { all(); }
    void timeoutLosesNothing();
    void lockTimeCountsInTimeout_data() { all(); }
    void lockTimeCountsInTimeout();
    void iterationBudgetCountsOnlyWaiting_data() { all(); }
    void iterationBudgetCountsOnlyWaiting();
    void iterationEndsQuietlyAtClose_data() { all(); }
    void iterationEndsQuietlyAtClose();
    void iterationEndsQuietlyAtEndOfStream_data() { streams(); }
    void iterationEndsQuietlyAtEndOfStream();
    void malformedThenGood_data() { all(); }
    void malformedThenGood();
    void unrecoverableParseErrorCloses_data() { streams(); }
    void unrecoverableParseErrorCloses();
    void concurrentSendersAndReceivers_data() { all(); }
    void concurrentSendersAndReceivers();
    void peerClosesMidPacket_data() { streams(); }
    void peerClosesMidPacket();
    void sendEofThenSend_data() { streams(); }
    void sendEofThenSend();

private:
    static void all()
    {
        streams();
        QTest::newRow("udp") << Kind::Udp;
        QTest::newRow("unix-datagram") << Kind::UnixDatagram;
    }
    static void streams()
    {
        QTest::addColumn<Kind>("kind");
        QTest::newRow("tcp") << Kind::Tcp;
        QTest::newRow("unix-stream") << Kind::UnixStream;
    }
    Connection open(Setup setup = {})
    {
        QFETCH(Kind, kind);
        return connectClient(kind, m_dir.filePath(QStringLiteral("peer%1.sock").arg(++m_sockets)),
                             setup);
    }
    // Stream: the bytes of each in turn; datagram: one datagram each.
    static void write(Connection &c, const QList<QByteArray> &chunks)
    {
        for (const QByteArray &chunk : chunks)
            c.peer->write(chunk);
    }

    QTemporaryDir m_dir;
    int m_sockets = 0;
};

void tst_BlockingClientContract::localBind_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::newRow("tcp") << Kind::Tcp;
    QTest::newRow("udp") << Kind::Udp;
}

void tst_BlockingClientContract::localBind()
{
    QFETCH(Kind, kind);
    const quint16 local = EasyNetTest::freePort(isStream(kind) ? SOCK_STREAM : SOCK_DGRAM);
    QVERIFY(local != 0);
    Connection c = open({.localPort = local});
    sockaddr_in own {};
    socklen_t length = sizeof(own);
    QCOMPARE(::getsockname(int(c.client->fileno()), asSockaddr(&own), &length), 0);
    QCOMPARE(ntohs(own.sin_port), local);
    QCOMPARE(own.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
    QCOMPARE(c.peer->peerPort(), local); // what the other end sees
    c.peer->startEcho();
    c.client->sendPacket(QStringLiteral("bound"), 5s);
    QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("bound"));
}

void tst_BlockingClientContract::echoThousands()
{
    Connection c = open();
    c.peer->startEcho();
    for (int i = 0; i < 3000; ++i) {
        c.client->sendPacket(QStringLiteral("packet %1 \u00e9").arg(i), 5s);
        QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("packet %1 \u00e9").arg(i));
    }
    // The same through the iteration, a few packets in flight at a time.
    int next = 0;
    for (int i = 0; i < 8; ++i)
        c.client->sendPacket(QString::number(i), 5s);
    for (const QVariant &packet : c.client->receivedPackets(30s)) {
        QCOMPARE(packet.toString(), QString::number(next));
        if (++next == 2000)
            break;
        if (next + 7 < 2000)
            c.client->sendPacket(QString::number(next + 7), 5s);
    }
    QCOMPARE(next, 2000);
}

void tst_BlockingClientContract::callsAfterClose()
{
    Connection c = open();
    QVERIFY(c.client->fileno() >= 0);
    const SocketHandle handle = c.client->socket();
    QVERIFY(handle.isValid());
    QFETCH(Kind, kind);
    const SocketHandle::Family family = handle.family();
    if (kind == Kind::Tcp || kind == Kind::Udp) {
        QVERIFY(family == SocketHandle::Family::IPv4 || family == SocketHandle::Family::IPv6);
        QVERIFY(!handle.peerAddress().isNull() && handle.peerPort() != 0);
        QVERIFY(handle.localPort() != 0);
        QVERIFY(handle.peerUnixAddress().isNull());
    } else {
        QCOMPARE(family, SocketHandle::Family::Unix);
        QVERIFY(!handle.peerUnixAddress().isNull());
        QVERIFY(handle.peerAddress().isNull());
    }
    c.client->close();
    c.client->close(); // twice: nothing more
    QVERIFY(c.client->isClosed());
    QCOMPARE(c.client->fileno(), qintptr(-1));
    QVERIFY(!c.client->socket().isValid());
    // The handle taken before close never names the file that reuses its number.
    const int reused = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    QVERIFY(!handle.isValid());
    int errnum = 0;
    QVERIFY(!handle.intOption(SOL_SOCKET, SO_TYPE, &errnum));
    QCOMPARE(errnum, EBADF);
    QCOMPARE(handle.family(), SocketHandle::Family::Unknown);
    ::close(reused);
    QVERIFY(throws<ClientClosedError>([&] { c.client->sendPacket(QStringLiteral("x")); }));
    QVERIFY(throws<ClientClosedError>([&] { c.client->recvPacket(); }));
    QVERIFY(throws<ClientClosedError>([&] { c.client->recvPacket(0ms); }));
    int packets = 0;
    for ([[maybe_unused]] const QVariant &packet :
         c.client->receivedPackets(QDeadlineTimer::Forever))
        ++packets;
    QCOMPARE(packets, 0);
    if (isStream(kind))
        c.sendEof(); // does nothing once closed
}

void tst_BlockingClientContract::closeWakesBlockedReceiver()
{
    Connection c = open();
    c.client->setRetryInterval(QDeadlineTimer::Forever); // only close() can wake it
    std::atomic<bool> woke {false};
    std::thread receiver(
        [&] { woke = throws<ClientClosedError>([&] { c.client->recvPacket(); }); });
    std::this_thread::sleep_for(100ms);
    c.client->close();
    receiver.join();
    QVERIFY(woke.load());
}

void tst_BlockingClientContract::timeoutLosesNothing()
{
    QFETCH(Kind, kind);
    Connection c = open();
    QVERIFY(throws<TimeoutError>([&] { c.client->recvPacket(0ms); }));
    if (isStream(kind)) {
        // The half that came before the timeout stays buffered.
        c.peer->write("first half, ");
        QVERIFY(throws<TimeoutError>([&] { c.client->recvPacket(100ms); }));
        c.peer->write("second half\n");
        QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("first half, second half"));
    } else {
        QVERIFY(throws<TimeoutError>([&] { c.client->recvPacket(100ms); }));
        c.peer->write("after the timeout\n");
        QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("after the timeout"));
    }
    // A zero timeout takes what is already there; so does the iteration's
    // default budget.
    c.peer->write("here\n");
    std::this_thread::sleep_for(50ms);
    QCOMPARE(c.client->recvPacket(0ms).toString(), QStringLiteral("here"));
    write(c, {"x\n", "y\n"});
    std::this_thread::sleep_for(50ms);
    QStringList got;
    for (const QVariant &packet : c.client->receivedPackets())
        got.append(packet.toString());
    QCOMPARE(got, (QStringList {QStringLiteral("x"), QStringLiteral("y")}));
}

void tst_BlockingClientContract::lockTimeCountsInTimeout()
{
    Connection c = open();
    // The holder keeps the receive lock for 3 s, waiting for a packet.
    std::atomic<bool> holderTimedOut {false};
    std::thread holder(
        [&] { holderTimedOut = throws<TimeoutError>([&] { c.client->recvPacket(3s); }); });
    std::this_thread::sleep_for(200ms);
    // A receive with a 100 ms timeout gives up waiting for the lock: were the
    // lock's time not counted, it would wait for the holder (about 2.8 s).
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(throws<TimeoutError>([&] { c.client->recvPacket(100ms); }));
    const qint64 took = elapsed.elapsed();
    holder.join();
    QVERIFY(holderTimedOut.load());
    QVERIFY2(took < 1500, qPrintable(QStringLiteral("timed out after %1 ms").arg(took)));
}

void tst_BlockingClientContract::iterationBudgetCountsOnlyWaiting()
{
    Connection c = open();
    c.peer->write("a\n");
    std::thread late;
    QStringList got;
    qint64 inBody = 0;
    QElapsedTimer total;
    total.start();
    // 1 s for the waits; the first loop body takes 1.5 s more, and "b" comes
    // 600 ms after it. A deadline fixed at the start would have passed by then.
    for (const QVariant &packet : c.client->receivedPackets(1s)) {
        got.append(packet.toString());
        if (got.size() > 1)
            continue;
        QElapsedTimer body;
        body.start();
        std::this_thread::sleep_for(1500ms);
        late = std::thread([&] {
            std::this_thread::sleep_for(600ms);
            c.peer->write("b\n");
        });
        inBody += body.elapsed();
    }
    const qint64 waited = total.elapsed() - inBody;
    late.join();
    QCOMPARE(got, (QStringList {QStringLiteral("a"), QStringLiteral("b")}));
    // The waits together take the budget: not less, and not a new budget per
    // packet (that would be about 1.6 s).
    QVERIFY2(waited >= 900 && waited < 1400,
             qPrintable(QStringLiteral("waited %1 ms in the iteration").arg(waited)));
}

void tst_BlockingClientContract::iterationEndsQuietlyAtClose()
{
    Connection c = open();
    c.peer->write("one\n");
    std::thread closer([&] {
        std::this_thread::sleep_for(200ms);
        c.client->close();
    });
    QStringList got;
    for (const QVariant &packet : c.client->receivedPackets(QDeadlineTimer::Forever))
        got.append(packet.toString());
    closer.join();
    QCOMPARE(got, QStringList {QStringLiteral("one")});
}

void tst_BlockingClientContract::iterationEndsQuietlyAtEndOfStream()
{
    Connection c = open();
    c.peer->write("last\n");
    c.peer->shutdownWrite();
    QStringList got;
    for (const QVariant &packet : c.client->receivedPackets(QDeadlineTimer::Forever))
        got.append(packet.toString());
    QCOMPARE(got, QStringList {QStringLiteral("last")});
    // A plain receive says why: ConnectionAbortedError, ECONNABORTED.
    try {
        c.client->recvPacket(5s);
        QFAIL("no end of stream");
    } catch (const ConnectionAbortedError &e) {
        QCOMPARE(e.osErrno(), ECONNABORTED);
        QCOMPARE(e.error().cause(), ErrorCause::EndOfStream);
    }
    // Half-open: the client can still send until it closes.
    c.client->sendPacket(QStringLiteral("still here"), 5s);
    c.client->close();
    QCOMPARE(c.peer->readToEnd(), QByteArray("still here\n"));
}

void tst_BlockingClientContract::malformedThenGood()
{
    Connection c = open();
    write(c, {"good one\n", "\xff\xfe not UTF-8\n", "good two\n"});
    QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("good one"));
    try {
        c.client->recvPacket(5s);
        QFAIL("no parse error");
    } catch (const ProtocolParseError &e) {
        QCOMPARE(e.parseError().kind(), ParseError::Kind::Malformed);
        QVERIFY(e.parseError().isRecoverable());
    }
    QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("good two"));
    QVERIFY(!c.client->isClosed());
}

void tst_BlockingClientContract::unrecoverableParseErrorCloses()
{
    Connection c = open({.cbor = true});
    c.peer->write(QByteArray::fromHex("01")); // CBOR 1, then a reserved initial byte
    c.peer->write(QByteArray("\x1c\x1c\x1c\x1c", 4));
    QCOMPARE(c.client->recvPacket(5s).toInt(), 1);
    try {
        c.client->recvPacket(5s);
        QFAIL("no parse error");
    } catch (const StreamProtocolParseError &e) {
        QVERIFY(!e.parseError().isRecoverable());
    }
    // Reported once; the client closed itself.
    QVERIFY(c.client->isClosed());
    QVERIFY(throws<ClientClosedError>([&] { c.client->recvPacket(5s); }));
    QVERIFY(throws<ClientClosedError>([&] { c.client->sendPacket(2, 5s); }));
    QCOMPARE(c.peer->readToEnd(), QByteArray());
}

void tst_BlockingClientContract::concurrentSendersAndReceivers()
{
    Connection c = open();
    c.peer->startEcho();
    // 8 senders and 8 receivers share one client. A few packets in flight at
    // most, so that loopback UDP never drops one; every packet comes back to
    // exactly one receiver.
    constexpr int threads = 8;
    constexpr int perThread = 1500;
    std::mutex mutex;
    std::multiset<QString> received;
    std::atomic<int> sent {0}, got {0}, failures {0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            try {
                for (int i = 0; i < perThread; ++i) {
                    while (sent.load() - got.load() > 32)
                        std::this_thread::yield();
                    ++sent;
                    c.client->sendPacket(QStringLiteral("%1:%2").arg(t).arg(i), 30s);
                }
            } catch (const std::exception &e) {
                qWarning("sender: %s", e.what());
                ++failures;
            }
        });
        workers.emplace_back([&] {
            try {
                for (int i = 0; i < perThread; ++i) {
                    const QString packet = c.client->recvPacket(30s).toString();
                    ++got;
                    const std::lock_guard lock(mutex);
                    received.insert(packet);
                }
            } catch (const std::exception &e) {
                qWarning("receiver: %s", e.what());
                ++failures;
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(received.size(), size_t(threads * perThread));
    const std::set<QString> unique(received.begin(), received.end());
    QCOMPARE(unique.size(), size_t(threads * perThread)); // none twice, so none lost
}

void tst_BlockingClientContract::peerClosesMidPacket()
{
    Connection c = open();
    c.peer->write("whole\nhalf a pack");
    c.peer->close();
    QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("whole"));
    try {
        c.client->recvPacket(5s);
        QFAIL("no error");
    } catch (const ConnectionAbortedError &e) {
        QCOMPARE(e.osErrno(), ECONNABORTED);
        QVERIFY2(e.message().contains(u"11 bytes lost"), qPrintable(e.message()));
    }
    QVERIFY(throws<ConnectionAbortedError>([&] { c.client->recvPacket(5s); }));
}

void tst_BlockingClientContract::sendEofThenSend()
{
    Connection c = open();
    c.client->sendPacket(QStringLiteral("question"), 5s);
    c.sendEof();
    c.sendEof(); // idempotent
    try {
        c.client->sendPacket(QStringLiteral("late"), 5s);
        QFAIL("sent after sendEof()");
    } catch (const RuntimeError &e) { // the caller's mistake, not a connection error
        QCOMPARE(e.error().code(), ErrorCode::InvalidOperation);
    }
    // The peer read the question up to end of stream; it can still answer.
    QCOMPARE(c.peer->readToEnd(), QByteArray("question\n"));
    c.peer->write("answer\n");
    QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("answer"));
    c.client->close();
    c.sendEof(); // nothing once closed
}

QTEST_GUILESS_MAIN(tst_BlockingClientContract)
#include "tst_blockingclientcontract.moc"
