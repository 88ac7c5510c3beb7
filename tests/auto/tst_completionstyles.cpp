// Every way of waiting for an event-driven client keeps a conversation going
// for thousands of round trips, on every transport and on both event
// dispatchers (GLib's and Qt's own: tests/CMakeLists.txt runs this test once
// more with QT_NO_GLIB=1). Waiting styles: a packetReceived() slot, a
// packetsReceived() slot (in bulk), then() without and with a context, QCoro and EasyNet::await()
// coroutines, and a nested event loop per future; patterns: one request in flight, a chain of sends
// with nothing received meanwhile, and a send chain and a receive chain side by side, that one also
// with the liveness timers (idle timeout, heartbeat) armed.
//
// Nothing but the client may wake the client's thread while a conversation is
// measured: the servers run in threads of their own and no timer runs in this
// thread, as a timer would hide a continuation that queued work for a pass of
// the event loop that never comes. A watchdog thread sees a conversation that
// no longer moves, records where it stopped, and wakes the loop from outside,
// so that the row fails instead of hanging.
//
// Also here: a public call emits none of the client's signals before it
// returns (they come from the event loop), for every event-driven client. It
// shares this file's servers, which run outside the client's thread and
// include TLS, unlike tst_clientcontract's.
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/futureawait.h>
#include <EasyNet/tcpclient.h>
#include <EasyNet/udpclient.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixstreamclient.h>

#ifdef EASYNET_TEST_HAVE_QCORO
#include <QCoro/QCoroFuture>
#include <QCoro/QCoroTask>
#endif

#include <QtCore/QAbstractEventDispatcher>
#include <QtCore/QEventLoop>
#include <QtCore/QFutureWatcher>
#include <QtCore/QMetaMethod>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "dtlsechothread.h"
#include "echoservers.h"
#include "serverthread.h"
#include "testsupport.h"
#include "tlsobserver.h"
#include "unixtestsupport.h"

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <coroutine>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

using namespace EasyNet;
using namespace EasyNetTest;
using namespace std::chrono_literals;

namespace {

enum class Link { Tcp, Tls, Udp, Dtls, UnixStream, UnixDatagram };
enum class Style { Signal, BulkSignal, Then, ThenContext, QCoroTask, FutureCoroutine, NestedLoop };
// Request/response: one request in flight. Send chain: a chain of sends, each
// started by the last one's completion, while nothing is received (the echoes
// wait in the socket), then the echoes; datagrams in bursts that fit the
// socket buffers. Pipelined: a send chain and a receive chain side by side.
enum class Pattern { RequestResponse, SendChain, Pipelined };

const char *nameOf(Link link)
{
    static const char *const names[]
        = {"tcp", "tls", "udp", "dtls", "unix-stream", "unix-datagram"};
    return names[int(link)];
}

const char *nameOf(Style style)
{
    static const char *const names[]
        = {"signal",     "bulk-signal",      "then-no-context",  "then-context",
           "qcoro-task", "future-coroutine", "nested-event-loop"};
    return names[int(style)];
}

const char *nameOf(Pattern pattern)
{
    static const char *const names[] = {"request-response", "send-chain", "pipelined"};
    return names[int(pattern)];
}

constexpr Link EveryLink[]
    = {Link::Tcp, Link::Tls, Link::Udp, Link::Dtls, Link::UnixStream, Link::UnixDatagram};

constexpr int RoundTrips = 2000;
constexpr int Window = 16; // requests in flight that datagrams' socket buffers hold
// Not a speed limit: a conversation that does not move at all for this long has stalled.
constexpr auto StallLimit = 5000ms;
constexpr auto WatchInterval = 500ms;
constexpr auto AfterWakeUp = 1000ms; // whether a wake-up from outside makes it go on
// then() runs a continuation inline when its future has already finished (Qt
// 6.4: also with a context in its own thread), so a chain of futures that
// finish inside the calls that made them recurses instead of returning to the
// event loop; deep enough, that overflows the stack (ThreadSanitizer's first:
// it stops at 65536 frames). A burst needs ~2 * Window; this is far beyond.
constexpr int MaxNesting = 1000;

// An echo server of a transport, outside the client's thread, and a client
// configured to reach it (not opened) with UTF-8 lines.
class EchoPeer
{
public:
    virtual ~EchoPeer() = default;
    virtual std::unique_ptr<AbstractClient> makeClient() const = 0;
};

// A server of echoservers.h made, run and destroyed in a ServerThread; it
// buffers what the client does not read yet, so a send chain never blocks it.
template<typename Server>
class ThreadedServer
{
public:
    ThreadedServer()
        : m_thread([this](QObject *context) {
            m_server = new Server;
            QObject::connect(context, &QObject::destroyed, [server = m_server] { delete server; });
            return 0;
        })
    {
    }
    // For its address, set before the thread was ready and never changed.
    const Server &operator*() const { return *m_server; }

private:
    Server *m_server = nullptr;
    ServerThread m_thread; // last: its setup sets m_server
};

// A client of the class speaking UTF-8 lines.
template<typename Client>
std::unique_ptr<Client> lineClient()
{
    auto client = std::make_unique<Client>();
    if constexpr (std::is_same_v<Client, TcpClient> || std::is_same_v<Client, UnixStreamClient>)
        client->setProtocol(lineProtocol());
    else
        client->setProtocol(DatagramProtocol(lineSerializer()));
    return client;
}

std::unique_ptr<AbstractUnixClient> unixLineClient(int type)
{
    if (type == SOCK_STREAM)
        return lineClient<UnixStreamClient>();
    return lineClient<UnixDatagramClient>();
}

// TCP or UDP on 127.0.0.1.
template<typename Client, typename Server>
class InetPeer final : public EchoPeer
{
public:
    std::unique_ptr<AbstractClient> makeClient() const override
    {
        auto client = lineClient<Client>();
        client->setHost(QStringLiteral("127.0.0.1"));
        client->setPort((*m_server).port());
        return client;
    }

private:
    ThreadedServer<Server> m_server;
};

// OpenSSL echoes the one connection in a thread of its own.
class TlsPeer final : public EchoPeer
{
public:
    std::unique_ptr<AbstractClient> makeClient() const override
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(tlsFile("ca.pem")));
        auto client = lineClient<TcpClient>();
        client->setHost(QStringLiteral("127.0.0.1")); // no host lookup
        client->setPort(m_server.port());
        client->setServerHostname(QStringLiteral("localhost"));
        client->setSslConfiguration(tls);
        return client;
    }

private:
    TlsObserver m_server {after(Then::Echo)};
};

// OpenSSL echoes each client's DTLS session in a thread of its own; the
// client's retransmission timer runs only during the handshake.
class DtlsPeer final : public EchoPeer
{
public:
    DtlsPeer() { QVERIFY2(m_server.ok(), m_server.error().c_str()); }
    std::unique_ptr<AbstractClient> makeClient() const override
    {
        QSslConfiguration dtls = QSslConfiguration::defaultDtlsConfiguration();
        dtls.setCaCertificates(QSslCertificate::fromPath(tlsFile("ca.pem")));
        auto client = lineClient<UdpClient>();
        client->setHost(QStringLiteral("127.0.0.1"));
        client->setPort(quint16(m_server.port()));
        client->setServerHostname(QStringLiteral("localhost"));
        client->setSslConfiguration(dtls);
        client->setSsl(true);
        return client;
    }

private:
    DtlsEchoThread m_server {qPrintable(tlsFile("server.pem")), qPrintable(tlsFile("server.key"))};
};

class UnixStreamPeer final : public EchoPeer
{
public:
    std::unique_ptr<AbstractClient> makeClient() const override
    {
        auto client = lineClient<UnixStreamClient>();
        client->setAddress(UnixSocketAddress::fromPath((*m_server).path()));
        return client;
    }

private:
    ThreadedServer<LocalEchoServer> m_server;
};

// Unix stream or datagram: a raw echo server in a thread of its own; a
// stream one may greet each connection first. (A stream one stops reading
// while its blocking writes wait for the client: not for send chains.)
class UnixPeer final : public EchoPeer
{
public:
    explicit UnixPeer(int type, QByteArray greeting = {})
        : m_type(type)
        , m_address(UnixSocketAddress::fromPath(m_dir.filePath(QStringLiteral("echo.sock"))))
        , m_server(type, m_address)
    {
        QVERIFY(m_server.isOk());
        if (type == SOCK_DGRAM) {
            m_server.startDatagram();
            return;
        }
        m_server.startStream([greeting](UnixTestServer &server, int connection) {
            if (greeting.isEmpty() || rawSend(connection, greeting))
                server.echoStream(connection);
        });
    }
    std::unique_ptr<AbstractClient> makeClient() const override
    {
        std::unique_ptr<AbstractUnixClient> client = unixLineClient(m_type);
        client->setAddress(m_address);
        return client;
    }

private:
    int m_type;
    QTemporaryDir m_dir;
    UnixSocketAddress m_address;
    UnixTestServer m_server;
};

std::unique_ptr<EchoPeer> makePeer(Link link)
{
    switch (link) {
    case Link::Tcp: return std::make_unique<InetPeer<TcpClient, TcpEchoServer>>();
    case Link::Tls: return std::make_unique<TlsPeer>();
    case Link::Udp: return std::make_unique<InetPeer<UdpClient, UdpEchoServer>>();
    case Link::Dtls: return std::make_unique<DtlsPeer>();
    case Link::UnixStream: return std::make_unique<UnixStreamPeer>();
    case Link::UnixDatagram: break;
    }
    return std::make_unique<UnixPeer>(SOCK_DGRAM);
}

// One conversation of RoundTrips echoes. The client's thread drives it; the
// watchdog thread reads only the atomics and the report.
struct Conversation
{
    Conversation(AbstractClient *c, int requestsAtOnce) : client(c), burst(requestsAtOnce) { }

    AbstractClient *client;
    // The requests sent before their echoes are received, at most; 0: pipelined.
    int burst;
    QObject context; // of then(), the slots, and the watchdog's calls into this thread
    std::atomic<int> sent {0};
    std::atomic<int> received {0};
    std::atomic<quint64> progress {0}; // every finished step
    std::atomic<const char *> sendStage {"waiting for the connection"};
    std::atomic<const char *> recvStage {"waiting for the connection"};

    // The client's thread only.
    bool finished = false; // all echoed, or failed (error)
    bool stopped = false; // the test stopped it
    QString error;
    int pending = 0; // continuations and coroutine frames that have not ended
    int nesting = 0; // continuations running inside one another
    bool sendBusy = false; // a send of the pipeline's chain is in flight
    std::coroutine_handle<> parkedSender; // a pipelined sender waiting for the window
    QList<QEventLoop *> loops; // the loops waiting for it, innermost last

    static QString packet(int i) { return QStringLiteral("packet %1").arg(i); }
    bool active() const { return !finished && !stopped; }
    bool windowOpen() const { return sent < RoundTrips && sent - received < Window; }
    // Whether the burst needs more sends: it starts once all before it came back.
    bool burstOpen() const { return sent < std::min(RoundTrips, received + burst); }
    void moved() { progress.fetch_add(1, std::memory_order_relaxed); }
    void connected()
    {
        moved();
        sendStage = recvStage = "connected";
    }
    void quitLoops()
    {
        for (QEventLoop *loop : std::as_const(loops))
            loop->quit();
    }
    void end(const QString &why = {})
    {
        if (!active())
            return;
        finished = true;
        error = why;
        quitLoops();
    }
    void stop()
    {
        stopped = true;
        quitLoops();
    }
    // Whether the future failed; if so the conversation ends with its error.
    template<typename T>
    bool failed(const QFuture<T> &future)
    {
        const Error e = errorOf([&] { QFuture<T>(future).waitForFinished(); });
        if (e.isError())
            end(QStringLiteral("round trip %1: %2").arg(int(received)).arg(e.message()));
        return e.isError();
    }
    // The echo of the oldest request in flight.
    void echoed(const QVariant &echo)
    {
        const int i = received;
        if (echo.toString() != packet(i))
            return end(QStringLiteral("round trip %1 echoed '%2'").arg(i).arg(echo.toString()));
        received = i + 1;
        moved();
        if (received == RoundTrips)
            end();
    }
    QString where() const
    {
        return QStringLiteral("sender: %1 (%2 sent); receiver: %3 (%4 received)")
            .arg(QLatin1String(sendStage.load()))
            .arg(sent.load())
            .arg(QLatin1String(recvStage.load()))
            .arg(received.load());
    }

    std::mutex mutex;
    QString stallReport; // guarded by mutex
};

// Watches a conversation from a thread of its own: when it has not moved for
// StallLimit, records where it stopped, wakes the client's thread from outside
// (a posted call, no timer there), notes whether it went on, and then stops
// it, which quits the loops waiting for it.
class Watchdog
{
public:
    Watchdog(Conversation &conversation, QString row)
        : m_conversation(conversation), m_row(std::move(row)), m_thread([this] { watch(); })
    {
    }
    ~Watchdog()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }
    Q_DISABLE_COPY_MOVE(Watchdog)

private:
    // Sleeps for duration; false when the watch ended meanwhile.
    bool sleep(std::chrono::milliseconds duration)
    {
        std::unique_lock lock(m_mutex);
        return !m_changed.wait_for(lock, duration, [this] { return m_done; });
    }
    void watch()
    {
        Conversation &c = m_conversation;
        quint64 seen = c.progress;
        auto still = 0ms;
        while (sleep(WatchInterval)) {
            const quint64 now = c.progress;
            if (now != seen) {
                seen = now;
                still = 0ms;
                continue;
            }
            still += WatchInterval;
            if (still < StallLimit)
                continue;
            const QString where = c.where();
            const int done = c.received;
            QMetaObject::invokeMethod(
                &c.context, [] {}, Qt::QueuedConnection); // wakes it
            const bool ended = !sleep(AfterWakeUp);
            const QString wake = c.progress != now
                ? QStringLiteral("a wake-up from outside made it go on (to %1 sent, %2 received)")
                      .arg(c.sent.load())
                      .arg(c.received.load())
                : QStringLiteral("still stuck after a wake-up from outside");
            {
                const std::lock_guard lock(c.mutex);
                c.stallReport = QStringLiteral("stalled after %1 of %2 round trips (%3): %4; %5")
                                    .arg(done)
                                    .arg(RoundTrips)
                                    .arg(m_row, where, wake);
            }
            if (!ended)
                QMetaObject::invokeMethod(
                    &c.context, [&c] { c.stop(); }, Qt::QueuedConnection);
            return;
        }
    }

    Conversation &m_conversation;
    QString m_row;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_done = false;
    std::thread m_thread; // last: starts once the rest exists
};

using ConversationPtr = std::shared_ptr<Conversation>;

// (a) A packetReceived() slot (autoRead on), or a packetsReceived() one for
// the bulk style, sends what the pattern allows, with send(): nobody waits
// for a send here.
void sendWhatIsAllowed(const ConversationPtr &c)
{
    if (c->burst > 0 && c->sent == c->received) {
        while (c->active() && c->burstOpen())
            c->client->send(Conversation::packet(c->sent++));
    }
    while (c->burst == 0 && c->active() && c->windowOpen())
        c->client->send(Conversation::packet(c->sent++));
    c->sendStage = c->sent == RoundTrips ? "all sent" : "waiting for echoes";
    c->recvStage = "waiting for packetReceived() or packetsReceived()";
}

void startWithSignals(const ConversationPtr &c, Style style)
{
    AbstractClient *client = c->client;
    QObject::connect(client, &AbstractClient::errorOccurred, &c->context,
                     [c](const Error &e) { c->end(e.message()); });
    QObject::connect(client, &AbstractClient::connected, &c->context, [c] {
        c->connected();
        sendWhatIsAllowed(c);
    });
    if (style == Style::BulkSignal) {
        QObject::connect(client, &AbstractClient::packetsReceived, &c->context,
                         [c](const QVariantList &packets) {
                             for (const QVariant &packet : packets) {
                                 if (!c->active())
                                     return;
                                 c->echoed(packet);
                             }
                             sendWhatIsAllowed(c);
                         });
    } else {
        QObject::connect(client, &AbstractClient::packetReceived, &c->context,
                         [c](const QVariant &packet) {
                             if (!c->active())
                                 return;
                             c->echoed(packet);
                             sendWhatIsAllowed(c);
                         });
    }
    c->sendStage = c->recvStage = "waiting for connected()";
    client->open();
}

// (b), (c) fn(future) runs once the future finished, through then() without
// a context (in the thread that finished it) or with one (queued to it).
template<typename T, typename Fn>
void whenFinished(const ConversationPtr &c, Style style, QFuture<T> future, Fn fn)
{
    ++c->pending;
    auto continuation = [c, fn = std::move(fn)](const QFuture<T> &finished) {
        --c->pending;
        if (!c->active() || c->failed(finished))
            return;
        if (c->nesting == MaxNesting)
            return c->end(QStringLiteral("continuations nested %1 deep: the futures had "
                                         "finished inside the calls that made them")
                              .arg(MaxNesting));
        ++c->nesting;
        fn(finished);
        --c->nesting;
    };
    if (style == Style::ThenContext)
        future.then(&c->context, std::move(continuation));
    else
        future.then(std::move(continuation));
}

void receiveBurst(const ConversationPtr &c, Style style);

// A burst: its sends in a chain, each started by the last one's completion;
// then its echoes, each receive started by the last one's.
void sendBurst(const ConversationPtr &c, Style style)
{
    if (!c->burstOpen()) {
        c->sendStage = "idle (burst sent)";
        return receiveBurst(c, style);
    }
    c->sendStage = "waiting for send future";
    whenFinished(c, style, c->client->sendPacket(Conversation::packet(c->sent++)),
                 [c, style](const QFuture<void> &) {
                     c->moved();
                     sendBurst(c, style);
                 });
}

void receiveBurst(const ConversationPtr &c, Style style)
{
    c->recvStage = "waiting for recv future";
    whenFinished(c, style, c->client->recvPacket(), [c, style](const QFuture<QVariant> &echo) {
        c->echoed(echo.result());
        if (!c->active())
            return;
        if (c->received < c->sent)
            return receiveBurst(c, style);
        c->recvStage = "idle (burst received)";
        sendBurst(c, style);
    });
}

// The pipeline's send chain: one send in flight at a time, within the window;
// the receive chain restarts it.
void sendChain(const ConversationPtr &c, Style style)
{
    if (c->sendBusy || !c->active())
        return;
    if (!c->windowOpen()) {
        c->sendStage = c->sent == RoundTrips ? "all sent" : "window full";
        return;
    }
    c->sendBusy = true;
    c->sendStage = "waiting for send future";
    whenFinished(c, style, c->client->sendPacket(Conversation::packet(c->sent++)),
                 [c, style](const QFuture<void> &) {
                     c->sendBusy = false;
                     c->moved();
                     sendChain(c, style);
                 });
}

void receiveChain(const ConversationPtr &c, Style style)
{
    c->recvStage = "waiting for recv future";
    whenFinished(c, style, c->client->recvPacket(), [c, style](const QFuture<QVariant> &echo) {
        c->echoed(echo.result());
        if (!c->active())
            return;
        sendChain(c, style);
        receiveChain(c, style);
    });
}

void startWithThen(const ConversationPtr &c, Style style)
{
    whenFinished(c, style, c->client->waitConnected(), [c, style](const QFuture<void> &) {
        c->connected();
        if (c->burst > 0) {
            sendBurst(c, style);
        } else {
            receiveChain(c, style);
            sendChain(c, style);
        }
    });
}

// (d), (e) Coroutines: how one awaits a future, and what it returns.
#ifdef EASYNET_TEST_HAVE_QCORO
struct ViaQCoro
{
    using Task = QCoro::Task<>;
    template<typename T>
    static QFuture<T> await(QFuture<T> future)
    {
        return future;
    }
};
#endif

struct ViaEasyNetAwait
{
    using Task = FutureCoroutine<void>;
    template<typename T>
    static FutureAwaiter<T> await(QFuture<T> future)
    {
        return EasyNet::await(std::move(future));
    }
};

// A coroutine frame, counted in Conversation::pending until it ends.
class Frame
{
public:
    explicit Frame(Conversation &c) : m_c(c) { ++m_c.pending; }
    ~Frame() { --m_c.pending; }
    Q_DISABLE_COPY_MOVE(Frame)

private:
    Conversation &m_c;
};

// A pipelined sender waits here while the window is full; the receiver resumes it.
struct WindowOpen
{
    Conversation &c;
    bool await_ready() const { return !c.active() || c.windowOpen() || c.sent == RoundTrips; }
    void await_suspend(std::coroutine_handle<> sender) { c.parkedSender = sender; }
    void await_resume() const { }
};

void failWith(Conversation &c, const std::exception &e)
{
    const auto *ours = dynamic_cast<const Exception *>(&e);
    c.end(QStringLiteral("round trip %1: %2")
              .arg(int(c.received))
              .arg(ours ? ours->error().message() : QString::fromLocal8Bit(e.what())));
}

template<typename Via>
typename Via::Task inBursts(ConversationPtr c)
{
    const Frame frame(*c);
    try {
        co_await Via::await(c->client->waitConnected());
        c->connected();
        while (c->active()) {
            while (c->active() && c->burstOpen()) {
                c->sendStage = "waiting for send future";
                co_await Via::await(c->client->sendPacket(Conversation::packet(c->sent++)));
                c->moved();
            }
            c->sendStage = "idle (burst sent)";
            while (c->active() && c->received < c->sent) {
                c->recvStage = "waiting for recv future";
                const QVariant echo = co_await Via::await(c->client->recvPacket());
                if (c->active())
                    c->echoed(echo);
            }
            c->recvStage = "idle (burst received)";
        }
    } catch (const std::exception &e) {
        failWith(*c, e);
    }
}

template<typename Via>
typename Via::Task pipelinedSender(ConversationPtr c)
{
    const Frame frame(*c);
    try {
        while (c->active() && c->sent < RoundTrips) {
            c->sendStage = "window full";
            co_await WindowOpen {*c};
            if (!c->active())
                break;
            c->sendStage = "waiting for send future";
            co_await Via::await(c->client->sendPacket(Conversation::packet(c->sent++)));
            c->moved();
        }
        c->sendStage = "all sent";
    } catch (const std::exception &e) {
        failWith(*c, e);
    }
}

template<typename Via>
typename Via::Task pipelinedReceiver(ConversationPtr c)
{
    const Frame frame(*c);
    try {
        while (c->active()) {
            c->recvStage = "waiting for recv future";
            const QVariant echo = co_await Via::await(c->client->recvPacket());
            if (!c->active())
                break;
            c->echoed(echo);
            if (const std::coroutine_handle<> sender = std::exchange(c->parkedSender, {}))
                sender.resume();
        }
    } catch (const std::exception &e) {
        failWith(*c, e);
    }
}

template<typename Via>
typename Via::Task pipelined(ConversationPtr c)
{
    const Frame frame(*c);
    try {
        co_await Via::await(c->client->waitConnected());
        c->connected();
        [[maybe_unused]] const auto receiver = pipelinedReceiver<Via>(c);
        [[maybe_unused]] const auto sender = pipelinedSender<Via>(c);
    } catch (const std::exception &e) {
        failWith(*c, e);
    }
}

template<typename Via>
void startCoroutine(const ConversationPtr &c)
{
    // A task or future let go does not stop its coroutine.
    if (c->burst > 0) {
        [[maybe_unused]] const auto task = inBursts<Via>(c);
    } else {
        [[maybe_unused]] const auto task = pipelined<Via>(c);
    }
}

// (f) Each future waited for in a nested event loop, as waitForFinished()
// would if it kept the thread's events going; false once the conversation ended.
template<typename T>
bool waitNested(Conversation &c, const QFuture<T> &future)
{
    if (!future.isFinished() && c.active()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        c.loops.append(&loop);
        if (!future.isFinished())
            loop.exec();
        c.loops.removeLast();
    }
    return c.active() && future.isFinished() && !c.failed(future);
}

void converseNested(Conversation &c)
{
    if (!waitNested(c, c.client->waitConnected()))
        return;
    c.connected();
    while (c.burst > 0 && c.active()) {
        while (c.burstOpen()) {
            c.sendStage = "waiting for send future";
            if (!waitNested(c, c.client->sendPacket(Conversation::packet(c.sent++))))
                return;
            c.moved();
        }
        c.sendStage = "idle (burst sent)";
        while (c.received < c.sent) {
            c.recvStage = "waiting for recv future";
            const QFuture<QVariant> echo = c.client->recvPacket();
            if (!waitNested(c, echo))
                return;
            c.echoed(echo.result());
        }
        c.recvStage = "idle (burst received)";
    }
    if (c.burst > 0)
        return;
    // Pipelined: a receive is always outstanding while the window fills.
    QFuture<QVariant> echo = c.client->recvPacket();
    while (c.active()) {
        while (c.active() && c.windowOpen()) {
            c.sendStage = "waiting for send future";
            if (!waitNested(c, c.client->sendPacket(Conversation::packet(c.sent++))))
                return;
            c.moved();
        }
        c.sendStage = c.sent == RoundTrips ? "all sent" : "window full";
        c.recvStage = "waiting for recv future";
        if (!waitNested(c, echo))
            return;
        c.echoed(echo.result());
        if (c.active())
            echo = c.client->recvPacket();
    }
}

void start(const ConversationPtr &c, Style style)
{
    switch (style) {
    case Style::Signal:
    case Style::BulkSignal: return startWithSignals(c, style);
    case Style::Then:
    case Style::ThenContext: return startWithThen(c, style);
    case Style::QCoroTask:
#ifdef EASYNET_TEST_HAVE_QCORO
        return startCoroutine<ViaQCoro>(c);
#else
        return c->end(QStringLiteral("built without QCoro"));
#endif
    case Style::FutureCoroutine: return startCoroutine<ViaEasyNetAwait>(c);
    case Style::NestedLoop: return converseNested(*c); // returns once it ended
    }
}

// Every signal of an object (its class's and its bases', QObject's aside), recorded.
class SignalLog
{
public:
    explicit SignalLog(QObject *object)
    {
        const QMetaObject *meta = object->metaObject();
        for (int i = QObject::staticMetaObject.methodCount(); i < meta->methodCount(); ++i) {
            const QMetaMethod method = meta->method(i);
            if (method.methodType() == QMetaMethod::Signal)
                m_spies.push_back({method.name(), std::make_unique<QSignalSpy>(object, method)});
        }
    }
    // The signals emitted since clear(), in the order of the class.
    QStringList emitted() const
    {
        QStringList names;
        for (const auto &[name, spy] : m_spies) {
            if (!spy->isEmpty())
                names.append(QStringLiteral("%1 x%2").arg(QLatin1String(name)).arg(spy->size()));
        }
        return names;
    }
    QSignalSpy &spy(const char *name)
    {
        for (auto &[signal, spy] : m_spies) {
            if (signal == name)
                return *spy;
        }
        qFatal("no signal %s", name);
    }
    void clear()
    {
        for (auto &[name, spy] : m_spies)
            spy->clear();
    }
    // Notes in problems what call emitted, and forgets it.
    void check(const char *call, QStringList &problems)
    {
        if (const QStringList names = emitted(); !names.isEmpty())
            problems.append(QStringLiteral("%1 emitted %2 before it returned")
                                .arg(QLatin1String(call), names.join(QStringLiteral(", "))));
        clear();
    }

private:
    std::vector<std::pair<QByteArray, std::unique_ptr<QSignalSpy>>> m_spies;
};

// A client that adopts one end of a connected Unix socket pair; the other end
// has written a packet before open().
struct AdoptedWithData
{
    explicit AdoptedWithData(int type)
    {
        int ends[2];
        QCOMPARE(::socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, ends), 0);
        peer = ends[1];
        QVERIFY(rawSend(peer, "queued\n"));
        client = unixLineClient(type);
        QVERIFY(client->setSocketDescriptor(ends[0]));
    }
    ~AdoptedWithData()
    {
        client.reset();
        if (peer >= 0)
            ::close(peer);
    }
    Q_DISABLE_COPY_MOVE(AdoptedWithData)

    int peer = -1;
    std::unique_ptr<AbstractUnixClient> client;
};

// How openEmitsNothing's client reaches its peer.
enum class Opening { Address, GreetedOnAccept, AdoptedWithData };

} // namespace

Q_DECLARE_METATYPE(Link)
Q_DECLARE_METATYPE(Style)
Q_DECLARE_METATYPE(Pattern)
Q_DECLARE_METATYPE(Opening)

class tst_CompletionStyles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void conversation_data();
    void conversation();
    void openEmitsNothing_data();
    void openEmitsNothing();
    void callsEmitNothing_data();
    void callsEmitNothing();
    void sendFromALaterAboutToBlockSlot_data() { addLinkRows(); }
    void sendFromALaterAboutToBlockSlot();

private:
    static void addLinkRows();
};

// The dispatcher is chosen when QCoreApplication is made; a run on the wrong
// one would test nothing new.
void tst_CompletionStyles::initTestCase()
{
    const QByteArray dispatcher = QAbstractEventDispatcher::instance()->metaObject()->className();
    qInfo("event dispatcher: %s", dispatcher.constData());
    QByteArray expected = qgetenv("EASYNET_EXPECTED_DISPATCHER");
    if (expected.isEmpty())
        expected = qEnvironmentVariableIsSet("QT_NO_GLIB") ? "QEventDispatcherUNIX"
                                                           : "QEventDispatcherGlib";
    QCOMPARE(dispatcher, expected);
}

void tst_CompletionStyles::conversation_data()
{
    QTest::addColumn<Link>("link");
    QTest::addColumn<Style>("style");
    QTest::addColumn<Pattern>("pattern");
    QTest::addColumn<bool>("liveness");
    std::vector<Style> styles {Style::Signal, Style::BulkSignal, Style::Then, Style::ThenContext};
#ifdef EASYNET_TEST_HAVE_QCORO
    styles.push_back(Style::QCoroTask);
#endif
    styles.insert(styles.end(), {Style::FutureCoroutine, Style::NestedLoop});
    for (const Link link : EveryLink)
        for (const Style style : styles)
            for (const Pattern pattern :
                 {Pattern::RequestResponse, Pattern::SendChain, Pattern::Pipelined}) {
                QTest::addRow("%s, %s, %s", nameOf(link), nameOf(style), nameOf(pattern))
                    << link << style << pattern << false;
                // The liveness timers armed (and re-armed by every packet),
                // too far off to fire: they must not change how it goes.
                if (pattern == Pattern::Pipelined)
                    QTest::addRow("%s, %s, %s, liveness", nameOf(link), nameOf(style),
                                  nameOf(pattern))
                        << link << style << pattern << true;
            }
}

void tst_CompletionStyles::conversation()
{
    QFETCH(Link, link);
    QFETCH(Style, style);
    QFETCH(Pattern, pattern);
    QFETCH(bool, liveness);
    const std::unique_ptr<EchoPeer> peer = makePeer(link);
    if (QTest::currentTestFailed())
        return;
    std::unique_ptr<AbstractClient> client = peer->makeClient();
    client->setAutoRead(style == Style::Signal || style == Style::BulkSignal);
    if (liveness) {
        QVERIFY(client->setIdleTimeout(10min));
        QVERIFY(client->setHeartbeatInterval(10min));
        QVERIFY(client->setHeartbeatPacket(QStringLiteral("heartbeat")));
    }
    const bool datagrams = link == Link::Udp || link == Link::Dtls || link == Link::UnixDatagram;
    const int burst = pattern == Pattern::Pipelined ? 0
        : pattern == Pattern::RequestResponse       ? 1
        : datagrams                                 ? Window
                                                    : RoundTrips;
    const auto c = std::make_shared<Conversation>(client.get(), burst);
    {
        const Watchdog watchdog(*c, QString::fromLatin1(QTest::currentDataTag()));
        start(c, style);
        QEventLoop loop; // no timer: only the client, or the watchdog, ends it
        c->loops.append(&loop);
        if (c->active())
            loop.exec();
        c->loops.removeLast();
    }
    QString stall;
    {
        const std::lock_guard lock(c->mutex);
        stall = c->stallReport;
    }
    // What still waits sees the client closed and ends; timers may run again.
    c->stop();
    client->abort();
    if (const std::coroutine_handle<> sender = std::exchange(c->parkedSender, {}))
        sender.resume();
    const bool drained = QTest::qWaitFor([&c] { return c->pending == 0; }, 10000);
    if (!drained)
        (void)client.release(); // a continuation may still reach it: leaked on purpose
    client.reset();
    if (!stall.isEmpty())
        qWarning("%s", qPrintable(stall));
    QVERIFY2(stall.isEmpty(), qPrintable(stall));
    QVERIFY2(c->error.isEmpty(), qPrintable(c->error));
    QCOMPARE(c->received.load(), RoundTrips);
    QVERIFY2(drained, "continuations still pending after the client was aborted");
}

void tst_CompletionStyles::addLinkRows()
{
    QTest::addColumn<Link>("link");
    for (const Link link : EveryLink)
        QTest::newRow(nameOf(link)) << link;
}

void tst_CompletionStyles::openEmitsNothing_data()
{
    QTest::addColumn<Link>("link");
    QTest::addColumn<Opening>("opening");
    for (const Link link : EveryLink)
        QTest::newRow(nameOf(link)) << link << Opening::Address;
    QTest::newRow("unix-stream, greeted on accept") << Link::UnixStream << Opening::GreetedOnAccept;
    QTest::newRow("unix-stream, adopted with data queued")
        << Link::UnixStream << Opening::AdoptedWithData;
    QTest::newRow("unix-datagram, adopted with data queued")
        << Link::UnixDatagram << Opening::AdoptedWithData;
}

// open() emits nothing before it returns, also where it could connect at once
// and data is already waiting (autoRead on); then connected() comes.
void tst_CompletionStyles::openEmitsNothing()
{
    QFETCH(Link, link);
    QFETCH(Opening, opening);
    // First, so that it goes last: a spy disconnecting from a live client may
    // deadlock (AbstractClient::disconnectNotify() calls isSignalConnected()).
    std::optional<SignalLog> log;
    std::unique_ptr<EchoPeer> peer;
    std::unique_ptr<AdoptedWithData> adopted;
    std::unique_ptr<AbstractClient> made;
    AbstractClient *client = nullptr;
    if (opening == Opening::AdoptedWithData) {
        adopted = std::make_unique<AdoptedWithData>(link == Link::UnixStream ? SOCK_STREAM
                                                                             : SOCK_DGRAM);
        client = adopted->client.get();
    } else {
        if (opening == Opening::GreetedOnAccept)
            peer = std::make_unique<UnixPeer>(SOCK_STREAM, QByteArray("queued\n"));
        else
            peer = makePeer(link);
        made = peer->makeClient();
        client = made.get();
    }
    if (QTest::currentTestFailed())
        return;
    QVERIFY(client->autoRead());
    log.emplace(client);
    QStringList problems;
    client->open();
    const bool connectedInOpen = !log->spy("connected").isEmpty();
    const bool receivedInOpen = !log->spy("packetReceived").isEmpty();
    log->check("open()", problems);
    if (!connectedInOpen && !QTest::qWaitFor([&] { return !log->spy("connected").isEmpty(); }))
        problems.append(QStringLiteral("connected() never came"));
    if (opening != Opening::Address && !receivedInOpen
        && !QTest::qWaitFor([&] { return !log->spy("packetReceived").isEmpty(); }))
        problems.append(QStringLiteral("the queued packet never came"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
}

void tst_CompletionStyles::callsEmitNothing_data()
{
    addLinkRows();
}

// sendPacket(), send(), recvPacket() with a packet waiting, and close() on a
// connected client emit nothing before they return.
void tst_CompletionStyles::callsEmitNothing()
{
    QFETCH(Link, link);
    std::optional<SignalLog> log; // first, so that it goes last (see openEmitsNothing())
    const std::unique_ptr<EchoPeer> peer = makePeer(link);
    if (QTest::currentTestFailed())
        return;
    const std::unique_ptr<AbstractClient> client = peer->makeClient();
    QVERIFY(finish(client->waitConnected()));
    log.emplace(client.get());
    QStringList problems;
    const QFuture<void> sent = client->sendPacket(QStringLiteral("one"));
    log->check("sendPacket()", problems);
    QVERIFY(QTest::qWaitFor([&] { return !log->spy("packetReceived").isEmpty(); }));
    QCOMPARE(failure(sent), ErrorCode::NoError);
    log->clear();
    client->send(QStringLiteral("two"));
    log->check("send()", problems);
    QVERIFY(QTest::qWaitFor([&] { return !log->spy("packetReceived").isEmpty(); }));
    client->setAutoRead(false);
    QVERIFY(finish(client->sendPacket(QStringLiteral("three"))));
    QTest::qWait(100); // the echo waits in the socket
    log->clear();
    const QFuture<QVariant> echo = client->recvPacket();
    log->check("recvPacket()", problems);
    QVERIFY(finish(echo));
    QCOMPARE(echo.result().toString(), QStringLiteral("three"));
    log->clear();
    const QFuture<void> closed = client->close();
    log->check("close()", problems);
    QVERIFY(finish(closed));
    QCOMPARE(log->spy("closed").size(), 1);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
}

// A send made after the clients' work of a pass ran, just before the thread
// blocks: by a slot connected to the dispatcher's aboutToBlock() after the
// library's own. Nothing else wakes the thread, so the library must.
void tst_CompletionStyles::sendFromALaterAboutToBlockSlot()
{
    QFETCH(Link, link);
    const std::unique_ptr<EchoPeer> peer = makePeer(link);
    if (QTest::currentTestFailed())
        return;
    std::unique_ptr<AbstractClient> client = peer->makeClient();
    const auto c = std::make_shared<Conversation>(client.get(), 1);
    // An echo came: the next request goes from aboutToBlock().
    const auto sendDue = std::make_shared<bool>(false);
    QObject::connect(client.get(), &AbstractClient::errorOccurred, &c->context,
                     [c](const Error &e) { c->end(e.message()); });
    QObject::connect(client.get(), &AbstractClient::packetReceived, &c->context,
                     [c, sendDue](const QVariant &packet) {
                         c->echoed(packet);
                         *sendDue = c->active();
                         c->sendStage = "due in aboutToBlock()";
                     });
    // The first round trip connects the library to the dispatcher first.
    c->client->send(Conversation::packet(c->sent++));
    QTRY_COMPARE(c->received.load(), 1);
    const QMetaObject::Connection late
        = QObject::connect(QAbstractEventDispatcher::instance(),
                           &QAbstractEventDispatcher::aboutToBlock, &c->context, [c, sendDue] {
                               if (!std::exchange(*sendDue, false))
                                   return;
                               c->client->send(Conversation::packet(c->sent++));
                               c->sendStage = "sent from aboutToBlock()";
                           });
    *sendDue = true;
    {
        const Watchdog watchdog(*c, QString::fromLatin1(QTest::currentDataTag()));
        QEventLoop loop; // no timer: only the client, or the watchdog, ends it
        c->loops.append(&loop);
        loop.exec();
        c->loops.removeLast();
    }
    QObject::disconnect(late);
    const std::lock_guard lock(c->mutex);
    QVERIFY2(c->stallReport.isEmpty(), qPrintable(c->stallReport));
    QVERIFY2(c->error.isEmpty(), qPrintable(c->error));
    QCOMPARE(c->received.load(), RoundTrips);
}

QTEST_GUILESS_MAIN(tst_CompletionStyles)
#include "tst_completionstyles.moc"
