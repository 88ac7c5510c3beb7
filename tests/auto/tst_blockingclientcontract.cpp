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
#include <QtCore/QScopeGuard>
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
#include <functional>
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

bool isUnix(Kind kind)
{
    return kind == Kind::UnixStream || kind == Kind::UnixDatagram;
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
    // TCP and UDP: the port of the client's end, and of this one.
    quint16 peerPort() const
    {
        sockaddr_in address {};
        socklen_t length = sizeof(address);
        ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&address), &length);
        return ntohs(address.sin_port);
    }
    quint16 localPort() const
    {
        sockaddr_in address {};
        socklen_t length = sizeof(address);
        ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length);
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
    qintptr adopted = -1; // the descriptor the client adopted

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

// The address fd is bound to.
struct SocketAddress
{
    sockaddr_storage storage {};
    socklen_t length = sizeof(sockaddr_storage);
    quint16 port() const { return ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port); }
};

SocketAddress localAddressOf(int fd)
{
    SocketAddress address;
    ::getsockname(fd, asSockaddr(&address.storage), &address.length);
    return address;
}

// A socket of the kind's type bound to 127.0.0.1:0 or [::1]:0 (inet), or path (Unix).
int boundSocket(Kind kind, const QString &path, bool ipv6 = false)
{
    const int type = isStream(kind) ? SOCK_STREAM : SOCK_DGRAM;
    if (isUnix(kind)) {
        const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
        sockaddr_un address {};
        const qsizetype length = UnixSocketAddress::fromPath(path).toSockAddr(address);
        ::bind(fd, asSockaddr(&address), socklen_t(length));
        return fd;
    }
    const int fd = ::socket(ipv6 ? AF_INET6 : AF_INET, type | SOCK_CLOEXEC, 0);
    if (ipv6) {
        sockaddr_in6 address {};
        address.sin6_family = AF_INET6;
        address.sin6_addr = in6addr_loopback;
        ::bind(fd, asSockaddr(&address), sizeof(address));
    } else {
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd, asSockaddr(&address), sizeof(address));
    }
    return fd;
}

// How a test wants its client: cbor picks a format that cannot resynchronise;
// localPort (TCP and UDP) binds the client to 127.0.0.1:localPort first; ipv6
// (TCP and UDP) puts both ends on ::1; adopt makes the client adopt a socket
// the test connected; maxDatagramSize (datagrams) is the client's limit.
struct Setup
{
    bool cbor = false;
    quint16 localPort = 0;
    bool ipv6 = false;
    bool adopt = false;
    qsizetype maxDatagramSize = DatagramProtocol::DefaultMaxDatagramSize;
};

Setup boundTo(quint16 localPort)
{
    Setup setup;
    setup.localPort = localPort;
    return setup;
}

Connection connectClient(Kind kind, const QString &path, Setup setup)
{
    BlockingTcpOptions tcpOptions;
    BlockingUdpOptions udpOptions;
    BlockingUnixOptions unixOptions;
    udpOptions.maxDatagramSize = unixOptions.maxDatagramSize = setup.maxDatagramSize;
    if (setup.localPort != 0) {
        tcpOptions.bindAddress = udpOptions.bindAddress = QHostAddress(QHostAddress::LocalHost);
        tcpOptions.bindPort = udpOptions.bindPort = setup.localPort;
    }
    const StreamProtocol stream(setup.cbor ? std::shared_ptr<AbstractIncrementalPacketSerializer>(
                                    std::make_shared<CborSerializer>())
                                           : lines());
    const DatagramProtocol datagram(lines());
    const int fd = boundSocket(kind, path, setup.ipv6);
    if (isStream(kind))
        ::listen(fd, 1);
    SocketAddress server = localAddressOf(fd);
    Connection c;
    if (setup.adopt) {
        c.adopted = ::socket(server.storage.ss_family,
                             (isStream(kind) ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0);
        if (kind == Kind::UnixDatagram) { // autobind, so that the peer can answer
            const sa_family_t unix = AF_UNIX;
            ::bind(int(c.adopted), reinterpret_cast<const sockaddr *>(&unix), sizeof(unix));
        }
        ::connect(int(c.adopted), asSockaddr(&server.storage), server.length);
    }
    const QString host = setup.ipv6 ? QStringLiteral("::1") : QStringLiteral("127.0.0.1");
    const UnixSocketAddress unixAddress = UnixSocketAddress::fromPath(path);
    switch (kind) {
    case Kind::Tcp:
        c.client = setup.adopt
            ? std::make_unique<BlockingTcpClient>(c.adopted, stream)
            : std::make_unique<BlockingTcpClient>(host, server.port(), stream, tcpOptions);
        break;
    case Kind::UnixStream:
        c.client = setup.adopt ? std::make_unique<BlockingUnixStreamClient>(c.adopted, stream)
                               : std::make_unique<BlockingUnixStreamClient>(unixAddress, stream);
        break;
    case Kind::Udp:
        c.client = setup.adopt
            ? std::make_unique<BlockingUdpClient>(c.adopted, datagram)
            : std::make_unique<BlockingUdpClient>(host, server.port(), datagram, udpOptions);
        break;
    case Kind::UnixDatagram:
        c.client = setup.adopt
            ? std::make_unique<BlockingUnixDatagramClient>(c.adopted, datagram)
            : std::make_unique<BlockingUnixDatagramClient>(unixAddress, datagram, unixOptions);
        break;
    }
    if (isStream(kind)) {
        c.peer = std::make_unique<Peer>(::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC), true);
        ::close(fd);
        return c;
    }
    // The datagram peer connects back to the client's own address.
    SocketAddress client = localAddressOf(int(c.client->fileno()));
    ::connect(fd, asSockaddr(&client.storage), client.length);
    c.peer = std::make_unique<Peer>(fd, false);
    return c;
}

// A listener on 127.0.0.1 or in path whose accept queue is full: a TCP SYN
// is dropped, a Unix connect says "try again"; connecting never finishes by
// itself. Closed with its fillers when it goes.
class FullListener
{
public:
    FullListener(Kind kind, const QString &path) : m_listener(boundSocket(kind, path))
    {
        ::listen(m_listener, 0);
        m_address = localAddressOf(m_listener);
        for (int i = 0; i < 3; ++i) {
            m_fillers.append(::socket(m_address.storage.ss_family,
                                      SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
            ::connect(m_fillers.last(), asSockaddr(&m_address.storage), m_address.length);
        }
    }
    ~FullListener()
    {
        for (int fd : std::as_const(m_fillers))
            ::close(fd);
        ::close(m_listener);
    }
    Q_DISABLE_COPY_MOVE(FullListener)
    quint16 port() const { return m_address.port(); }

private:
    int m_listener;
    SocketAddress m_address;
    QList<int> m_fillers;
};

} // namespace

class tst_BlockingClientContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void localBind_data() { inet(); }
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
    void adoptDescriptor_data() { all(); }
    void adoptDescriptor();
    void adoptWrongKind_data();
    void adoptWrongKind();
    void badOptions_data() { all(); }
    void badOptions();
    void connectTimeout_data() { streams(); }
    void connectTimeout();
    void nothingListening_data() { inet(); }
    void nothingListening();
    void unresolvableHost_data() { inet(); }
    void unresolvableHost();
    void ipv6_data() { inet(); }
    void ipv6();
    void oversizedDatagram_data() { datagrams(); }
    void oversizedDatagram();

private:
    // A column "kind" and a row for each.
    static void rowsFor(std::initializer_list<Kind> kinds)
    {
        QTest::addColumn<Kind>("kind");
        for (const Kind kind : kinds) {
            static const char *const names[] = {"tcp", "udp", "unix-stream", "unix-datagram"};
            QTest::newRow(names[int(kind)]) << kind;
        }
    }
    static void all() { rowsFor({Kind::Tcp, Kind::UnixStream, Kind::Udp, Kind::UnixDatagram}); }
    static void inet() { rowsFor({Kind::Tcp, Kind::Udp}); }
    static void streams() { rowsFor({Kind::Tcp, Kind::UnixStream}); }
    static void datagrams() { rowsFor({Kind::Udp, Kind::UnixDatagram}); }
    Connection open(Setup setup = {})
    {
        QFETCH(Kind, kind);
        return connectClient(kind, freshPath(), setup);
    }
    // Stream: the bytes of each in turn; datagram: one datagram each.
    static void write(Connection &c, const QList<QByteArray> &chunks)
    {
        for (const QByteArray &chunk : chunks)
            c.peer->write(chunk);
    }

    QString freshPath() { return m_dir.filePath(QStringLiteral("peer%1.sock").arg(++m_sockets)); }

    QTemporaryDir m_dir;
    int m_sockets = 0;
};

void tst_BlockingClientContract::localBind()
{
    QFETCH(Kind, kind);
    const quint16 local = EasyNetTest::freePort(isStream(kind) ? SOCK_STREAM : SOCK_DGRAM);
    QVERIFY(local != 0);
    Connection c = open(boundTo(local));
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
        QCOMPARE(handle.localAddress(), QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(handle.peerPort(), c.peer->localPort());
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
    Setup cbor;
    cbor.cbor = true;
    Connection c = open(cbor);
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

void tst_BlockingClientContract::adoptDescriptor()
{
    Setup adopting;
    adopting.adopt = true;
    Connection c = open(adopting);
    QVERIFY(c.adopted >= 0);
    QCOMPARE(c.client->fileno(), c.adopted);
    c.peer->startEcho();
    c.client->sendPacket(QStringLiteral("adopted"), 5s);
    QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("adopted"));
    c.client->close();
    QCOMPARE(::fcntl(int(c.adopted), F_GETFD), -1); // owned and closed by the client
}

void tst_BlockingClientContract::adoptWrongKind_data()
{
    // The descriptor stays the caller's when it is refused.
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("invalidArgument"); // else a ConnectionError
    QTest::newRow("tcp, a UDP socket") << Kind::Tcp << AF_INET << int(SOCK_DGRAM) << true;
    QTest::newRow("tcp, not connected") << Kind::Tcp << AF_INET << int(SOCK_STREAM) << true;
    QTest::newRow("tcp, a Unix socket") << Kind::Tcp << AF_UNIX << int(SOCK_STREAM) << true;
    QTest::newRow("udp, a TCP socket") << Kind::Udp << AF_INET << int(SOCK_STREAM) << true;
    QTest::newRow("udp, a Unix socket") << Kind::Udp << AF_UNIX << int(SOCK_DGRAM) << true;
    QTest::newRow("udp, not connected") << Kind::Udp << AF_INET << int(SOCK_DGRAM) << false;
    QTest::newRow("unix-stream, a datagram socket")
        << Kind::UnixStream << AF_UNIX << int(SOCK_DGRAM) << true;
    QTest::newRow("unix-datagram, an inet socket")
        << Kind::UnixDatagram << AF_INET << int(SOCK_DGRAM) << true;
}

void tst_BlockingClientContract::adoptWrongKind()
{
    QFETCH(Kind, kind);
    QFETCH(int, family);
    QFETCH(int, type);
    QFETCH(bool, invalidArgument);
    int fds[2] = {-1, -1};
    if (family == AF_UNIX)
        QCOMPARE(::socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, fds), 0);
    else
        fds[0] = ::socket(family, type | SOCK_CLOEXEC, 0);
    const auto adopt = [&] {
        switch (kind) {
        case Kind::Tcp: BlockingTcpClient(fds[0], StreamProtocol(lines())); break;
        case Kind::Udp: BlockingUdpClient(fds[0], DatagramProtocol(lines())); break;
        case Kind::UnixStream: BlockingUnixStreamClient(fds[0], StreamProtocol(lines())); break;
        case Kind::UnixDatagram:
            BlockingUnixDatagramClient(fds[0], DatagramProtocol(lines()));
            break;
        }
    };
    if (invalidArgument)
        QVERIFY(EasyNetTest::throwsWithCode<ValueError>(ErrorCode::InvalidArgument, adopt));
    else
        QVERIFY(throws<ConnectionError>(adopt));
    for (const int fd : fds) {
        if (fd >= 0)
            QCOMPARE(::close(fd), 0); // still the caller's
    }
}

void tst_BlockingClientContract::badOptions()
{
    // Each is refused before anything connects (the reference's ValueErrors).
    QFETCH(Kind, kind);
    const QString path = freshPath();
    const int listener = boundSocket(kind, path);
    if (isStream(kind))
        ::listen(listener, 4);
    const quint16 port = localAddressOf(listener).port();
    const UnixSocketAddress address = UnixSocketAddress::fromPath(path);
    QList<std::pair<QByteArray, std::function<void()>>> attempts;
    const auto tcp = [&](const char *name, std::function<void(BlockingTcpOptions &)> change) {
        BlockingTcpOptions options;
        change(options);
        attempts.append({name, [=] {
                             BlockingTcpClient(QStringLiteral("127.0.0.1"), port,
                                               StreamProtocol(lines()), options);
                         }});
        // The same options on an adopted descriptor: refused, the descriptor stays ours.
        attempts.append({QByteArray(name) + ", adopting", [=] {
                             const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
                             const auto closeIt = qScopeGuard([fd] { QCOMPARE(::close(fd), 0); });
                             BlockingTcpClient(fd, StreamProtocol(lines()), options);
                         }});
    };
    const auto udp = [&](const char *name, std::function<void(BlockingUdpOptions &)> change) {
        BlockingUdpOptions options;
        change(options);
        attempts.append({name, [=] {
                             BlockingUdpClient(QStringLiteral("127.0.0.1"), port,
                                               DatagramProtocol(lines()), options);
                         }});
    };
    const auto unix = [&](const char *name, std::function<void(BlockingUnixOptions &)> change) {
        BlockingUnixOptions options;
        change(options);
        if (kind == Kind::UnixStream)
            attempts.append({name, [=] {
                                 BlockingUnixStreamClient(address, StreamProtocol(lines()), options);
                             }});
        else
            attempts.append({name, [=] {
                                 BlockingUnixDatagramClient(address, DatagramProtocol(lines()),
                                                            options);
                             }});
    };
    switch (kind) {
    case Kind::Tcp:
        tcp("maxRecvSize 0", [](BlockingTcpOptions &o) { o.maxRecvSize = 0; });
        tcp("maxRecvSize -1", [](BlockingTcpOptions &o) { o.maxRecvSize = -1; });
        tcp("maxPacketSize 0", [](BlockingTcpOptions &o) { o.maxPacketSize = 0; });
        tcp("happyEyeballsDelay -1ms", [](BlockingTcpOptions &o) { o.happyEyeballsDelay = -1ms; });
        tcp("serverHostname without TLS",
            [](BlockingTcpOptions &o) { o.serverHostname = QStringLiteral("localhost"); });
        break;
    case Kind::Udp:
        udp("maxDatagramSize 0", [](BlockingUdpOptions &o) { o.maxDatagramSize = 0; });
        udp("maxDatagramSize -1", [](BlockingUdpOptions &o) { o.maxDatagramSize = -1; });
        udp("family unknown", [](BlockingUdpOptions &o) {
            o.family = QAbstractSocket::UnknownNetworkLayerProtocol;
        });
        break;
    case Kind::UnixStream:
        unix("maxRecvSize 0", [](BlockingUnixOptions &o) { o.maxRecvSize = 0; });
        unix("maxPacketSize -1", [](BlockingUnixOptions &o) { o.maxPacketSize = -1; });
        break;
    case Kind::UnixDatagram:
        unix("maxDatagramSize 0", [](BlockingUnixOptions &o) { o.maxDatagramSize = 0; });
        break;
    }
    for (const auto &[name, attempt] : std::as_const(attempts))
        QVERIFY2(EasyNetTest::throwsWithCode<ValueError>(ErrorCode::InvalidArgument, attempt),
                 name.constData());
    // Nobody connected (streams) or sent anything (datagrams).
    pollfd ready {listener, POLLIN, 0};
    QCOMPARE(::poll(&ready, 1, 50), 0);
    ::close(listener);
}

void tst_BlockingClientContract::connectTimeout()
{
    QFETCH(Kind, kind);
    const QString path = freshPath();
    const FullListener full(kind, path);
    QElapsedTimer elapsed;
    elapsed.start();
    try {
        if (kind == Kind::Tcp) {
            BlockingTcpOptions options;
            options.connectTimeout = 300ms;
            BlockingTcpClient(QStringLiteral("127.0.0.1"), full.port(), StreamProtocol(lines()),
                              options);
        } else {
            BlockingUnixOptions options;
            options.connectTimeout = 300ms;
            BlockingUnixStreamClient(UnixSocketAddress::fromPath(path), StreamProtocol(lines()),
                                     options);
        }
        QFAIL("connected?");
    } catch (const TimeoutError &e) {
        QCOMPARE(e.osErrno(), ETIMEDOUT);
    }
    QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
}

void tst_BlockingClientContract::nothingListening()
{
    QFETCH(Kind, kind);
    const quint16 port = EasyNetTest::freePort(isStream(kind) ? SOCK_STREAM : SOCK_DGRAM);
    if (kind == Kind::Tcp) {
        QVERIFY(throws<ConnectionRefusedError>([&] {
            BlockingTcpClient(QStringLiteral("127.0.0.1"), port, StreamProtocol(lines()));
        }));
        return;
    }
    // UDP: the ICMP port-unreachable answer is the next receive's error.
    BlockingUdpClient client(QStringLiteral("127.0.0.1"), port, DatagramProtocol(lines()));
    client.sendPacket(QStringLiteral("anyone?"), 5s);
    QVERIFY(throws<ConnectionRefusedError>([&] { client.recvPacket(5s); }));
    // Reported once; the client goes on (and now simply times out).
    QVERIFY(throws<TimeoutError>([&] { client.recvPacket(50ms); }));
}

void tst_BlockingClientContract::unresolvableHost()
{
    // Invalid names fail in the resolver itself: no DNS query leaves the machine.
    QFETCH(Kind, kind);
    try {
        if (kind == Kind::Tcp)
            BlockingTcpClient(QStringLiteral("no..such..host"), 80, StreamProtocol(lines()));
        else
            BlockingUdpClient(QStringLiteral("no..such..host"), 80, DatagramProtocol(lines()));
        QFAIL("connected?");
    } catch (const OSError &e) {
        QCOMPARE(e.error().code(), ErrorCode::HostNotFound);
        QVERIFY2(e.message().contains(u"no..such..host"), e.what());
    }
}

void tst_BlockingClientContract::ipv6()
{
    Setup onIpv6;
    onIpv6.ipv6 = true;
    Connection c = open(onIpv6);
    c.peer->startEcho();
    QCOMPARE(c.client->socket().family(), SocketHandle::Family::IPv6);
    QCOMPARE(c.client->socket().peerAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
    c.client->sendPacket(QStringLiteral("v6"), 5s);
    QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("v6"));
}

void tst_BlockingClientContract::oversizedDatagram()
{
    Setup limited;
    limited.maxDatagramSize = 100;
    Connection c = open(limited);
    write(c, {QByteArray(100, 'a'), QByteArray(60000, 'b'), "small"});
    QCOMPARE(c.client->recvPacket(5s).toString(), QString(100, QLatin1Char('a')));
    try {
        c.client->recvPacket(5s);
        QFAIL("no size error");
    } catch (const DatagramProtocolParseError &e) {
        QCOMPARE(e.parseError().kind(), ParseError::Kind::TooLarge);
        QCOMPARE(e.parseError().size(), 60000);
    }
    // One error for the datagram; the client goes on.
    QCOMPARE(c.client->recvPacket(5s).toString(), QStringLiteral("small"));
}

QTEST_GUILESS_MAIN(tst_BlockingClientContract)
#include "tst_blockingclientcontract.moc"
