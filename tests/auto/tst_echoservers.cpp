// The console core's echo servers (EchoServer and its five transports) against
// the library's blocking clients. Each server runs in a thread of its own
// (ServerThread); what it reports is collected there under a mutex.
#include "echoserver.h"
#include "tlsechoserver.h"

#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/blockingudpclient.h>
#include <EasyNet/blockingunixdatagramclient.h>
#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/cborserializer.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/lineserializer.h>

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QSslKey>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "clientundertest.h"
#include "datagramformats.h"
#include "serverthread.h"
#include "testrows.h"
#include "testsupport.h"

#include <cstring>
#include <functional>
#include <mutex>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace EasyNet;
using EasyNetTest::addRows;
using EasyNetTest::jsonProtocol;
using EasyNetTest::lineProtocol;
using namespace EasyNetConsole;
using namespace std::chrono_literals;
using EasyNetTest::ServerThread;
using Transport = EchoServer::Transport;

namespace {

StreamProtocol cborProtocol()
{
    return StreamProtocol(std::make_shared<CborSerializer>());
}

DatagramProtocol datagramOf(const StreamProtocol &protocol)
{
    return DatagramProtocol(protocol.serializer(), protocol.converter());
}

// What a server reported, in its own thread.
struct Events
{
    QStringList connected;
    QStringList disconnected;
    QStringList errors;
    QList<std::pair<QString, ParseError>> parseErrors;
    QVariantList packets; // the first KeptPackets of them
    int packetCount = 0;
    static constexpr int KeptPackets = 100;
    QList<UnixCredentials> credentials;
    int descriptors = 0;
    int stops = 0;
};

// An echo server listening in a thread of its own.
class Harness
{
public:
    using Configure = std::function<void(EchoServer *)>;
    Harness(Transport transport, const StreamProtocol &protocol, const QString &address,
            const Configure &configure = {})
        : m_thread([&](QObject *context) {
            m_server = EchoServer::create(transport, protocol, context).release();
            record();
            if (configure)
                configure(m_server);
            m_listening = m_server->listen(address);
            m_address = m_server->address();
            m_port = m_server->port();
            return 0;
        })
    {
    }

    bool isListening() const { return m_listening; }
    QString address() const { return m_address; }
    quint16 port() const { return m_port; }

    // Runs fn on the server in its thread.
    template<typename Fn>
    auto onServer(Fn fn)
    {
        decltype(fn(m_server)) result {};
        m_thread.invoke([&] { result = fn(m_server); });
        return result;
    }
    int clientCount()
    {
        return onServer([](EchoServer *server) { return server->clientCount(); });
    }

    Events events()
    {
        const std::lock_guard lock(m_mutex);
        return m_events;
    }
    // Waits (generously) until the events satisfy done.
    bool waitFor(const std::function<bool(const Events &)> &done)
    {
        for (int i = 0; i < 4000; ++i) {
            if (done(events()))
                return true;
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }

private:
    template<typename... Args, typename Fn>
    void on(void (EchoServer::*signal)(Args...), Fn fn)
    {
        QObject::connect(
            m_server, signal, m_server,
            [this, fn](Args... args) {
                const std::lock_guard lock(m_mutex);
                fn(m_events, args...);
            },
            Qt::DirectConnection);
    }
    void record()
    {
        on(&EchoServer::clientConnected, [](Events &e, const QString &p) { e.connected << p; });
        on(&EchoServer::clientDisconnected,
           [](Events &e, const QString &p) { e.disconnected << p; });
        on(&EchoServer::errorOccurred, [](Events &e, const QString &m) { e.errors << m; });
        on(&EchoServer::parseErrorOccurred,
           [](Events &e, const QString &p, const ParseError &error) {
               e.parseErrors.append({p, error});
           });
        on(&EchoServer::packetReceived, [](Events &e, const QString &, const QVariant &packet) {
            if (++e.packetCount <= Events::KeptPackets)
                e.packets << packet;
        });
        on(&EchoServer::credentialsReceived,
           [](Events &e, const QString &, const UnixCredentials &c) { e.credentials << c; });
        on(&EchoServer::fileDescriptorsReceived,
           [](Events &e, const QString &, int count) { e.descriptors += count; });
        on(&EchoServer::stopped, [](Events &e) { ++e.stops; });
    }

    std::mutex m_mutex;
    Events m_events;
    EchoServer *m_server = nullptr;
    bool m_listening = false;
    QString m_address;
    quint16 m_port = 0;
    ServerThread m_thread; // last: the members above exist when it starts
};

QString peerOf(const QHostAddress &host, quint16 port)
{
    return QStringLiteral("%1:%2").arg(host.toString()).arg(port);
}

// Writes bytes on a client's socket behind its back (a malformed packet).
void rawWrite(const AbstractBlockingClient &client, QByteArrayView bytes)
{
    QCOMPARE(::send(int(client.fileno()), bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL),
             ssize_t(bytes.size()));
}

// What a raw client got back after sending and shutting its write side.
struct HalfCloseResult
{
    QString failure; // what went wrong, or empty
    QByteArray echoed;
};

// Connects a raw socket to address, sends bytes in one go, shuts its write
// side (the peer sees end of stream) and reads until the peer ends its own.
HalfCloseResult sendThenHalfClose(int family, const sockaddr *address, socklen_t length,
                                  QByteArrayView bytes)
{
    HalfCloseResult result;
    const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const timeval guard {60, 0}; // against a hang, not a measurement
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof(guard));
    if (::connect(fd, address, length) != 0)
        result.failure = QStringLiteral("connect: %1").arg(qt_error_string(errno));
    else if (::send(fd, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL) != bytes.size())
        result.failure = QStringLiteral("send: %1").arg(qt_error_string(errno));
    else if (::shutdown(fd, SHUT_WR) != 0)
        result.failure = QStringLiteral("shutdown: %1").arg(qt_error_string(errno));
    while (result.failure.isEmpty()) {
        char buffer[4096];
        const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
        if (got == 0)
            break; // the server's end of stream, after every echo
        if (got < 0)
            result.failure = QStringLiteral("recv after %1 bytes: %2")
                                 .arg(result.echoed.size())
                                 .arg(qt_error_string(errno));
        else
            result.echoed.append(buffer, got);
    }
    ::close(fd);
    return result;
}

// Many lines, more than one read's worth, the last one right before the FIN.
QByteArray manyLines()
{
    QByteArray lines;
    for (int i = 0; i < 3000; ++i)
        lines += "line " + QByteArray::number(i) + " of the half-closed stream\n";
    return lines;
}

QByteArray tlsData(const QString &name)
{
    QFile file(EasyNetTest::dataDir() + QStringLiteral("/tls/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing %s", qPrintable(file.fileName()));
    return file.readAll();
}

// A memfd with a name of its own, to find its copies in /proc/self/fd.
int makeNamedMemfd(const QByteArray &name, const QByteArray &content)
{
    const int fd = ::memfd_create(name.constData(), MFD_CLOEXEC);
    if (fd >= 0 && ::pwrite(fd, content.constData(), size_t(content.size()), 0) != content.size()) {
        ::close(fd);
        return -1;
    }
    return fd;
}

int descriptorsNamed(const QByteArray &name)
{
    int count = 0;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QFileInfo &entry : fds.entryInfoList(QDir::NoDotAndDotDot | QDir::AllEntries))
        count += entry.symLinkTarget().contains(QString::fromLatin1(name)) ? 1 : 0;
    return count;
}

QByteArray readAll(int fd)
{
    QByteArray out(256, Qt::Uninitialized);
    const ssize_t got = ::pread(fd, out.data(), size_t(out.size()), 0);
    out.resize(got < 0 ? 0 : qsizetype(got));
    return out;
}

QString uniqueAbstractName()
{
    return QStringLiteral("@easynet-echo-%1-%2")
        .arg(QCoreApplication::applicationPid())
        .arg(QRandomGenerator::global()->generate());
}

// An address to listen on for the transport: a fresh abstract Unix name, or
// a free port of 127.0.0.1.
QString freshAddress(Transport transport)
{
    return EchoServer::isUnixTransport(transport) ? uniqueAbstractName()
                                                  : QStringLiteral("127.0.0.1:0");
}

// Listening on address fails: not listening, and one errorOccurred() that
// carries errorString() (QVERIFY inside; check QTest::currentTestFailed() after).
void verifyListenRefused(EchoServer &server, const QString &address)
{
    QSignalSpy errors(&server, &EchoServer::errorOccurred);
    QVERIFY(!server.listen(address));
    QVERIFY(!server.isListening());
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(0).toString(), server.errorString());
}

// Echoes count packets one by one; what went wrong, or an empty string. Safe
// to run in a thread of its own (no QtTest macro inside).
template<typename Client>
QString echoMany(Client &client, int count, const QString &tag)
{
    try {
        for (int i = 0; i < count; ++i) {
            const QVariantMap packet {{QStringLiteral("tag"), tag}, {QStringLiteral("n"), i}};
            client.sendPacket(packet, 10s);
            const QVariant echoed = client.recvPacket(10s);
            if (!EasyNetTest::packetsEqual(echoed, packet))
                return QStringLiteral("packet %1 of %2 came back as %3")
                    .arg(i)
                    .arg(tag, EasyNetTest::describePacket(echoed));
        }
    } catch (const Exception &e) {
        return QStringLiteral("%1: %2").arg(tag, QString::fromUtf8(e.what()));
    }
    return {};
}

// Both clients echo at once, b in a thread of its own; what went wrong, or an
// empty string.
template<typename Client>
QString echoTogether(Client &a, int countA, Client &b, int countB)
{
    QString otherResult;
    std::thread other([&] { otherResult = echoMany(b, countB, QStringLiteral("b")); });
    const QString result = echoMany(a, countA, QStringLiteral("a"));
    other.join();
    return result + otherResult;
}

// A memfd sent with a packet comes back with its echo, and the server's copy
// is closed afterwards (QVERIFY inside: check QTest::currentTestFailed()).
template<typename Client>
void verifyDescriptorEcho(Client &client)
{
    const QByteArray name
        = "easynet-echo-" + QByteArray::number(QRandomGenerator::global()->generate());
    const int memfd = makeNamedMemfd(name, "descriptor content");
    QVERIFY(memfd >= 0);
    SocketAncillary toSend;
    toSend.addFileDescriptors({memfd});
    client.sendPacket(QStringLiteral("with a descriptor"), toSend, 10s);
    ::close(memfd);
    SocketAncillary received;
    QCOMPARE(client.recvPacket(received, SocketAncillary::DefaultBufferSize, 10s).toString(),
             QStringLiteral("with a descriptor"));
    const QList<int> fds = received.takeReceivedFileDescriptors();
    QCOMPARE(fds.size(), 1);
    QCOMPARE(readAll(fds.first()), QByteArray("descriptor content"));
    ::close(fds.first());
    QTRY_COMPARE(descriptorsNamed(name), 0);
}

// A client that sends without reading its echoes is throttled: the server stops
// reading once its queue for that client is full, and nothing is lost. 64 MB
// is more than the server's queue and every kernel buffer on the way.
template<typename Client>
void verifyBackpressure(Harness &server, Client &client)
{
    constexpr int count = 32 * 1024;
    const QString payload(2000, QLatin1Char('x'));
    std::atomic<bool> sendFailed {false};
    std::thread sender([&] {
        try {
            for (int i = 0; i < count; ++i)
                client.sendPacket(QString::number(i) + payload, 120s);
        } catch (const Exception &e) {
            qWarning("send failed: %s", e.what());
            sendFailed = true;
        }
    });
    // Until the server has taken no packet for a while.
    int taken = -1;
    for (int stillFor = 0; stillFor < 3;) {
        std::this_thread::sleep_for(200ms);
        const int now = server.events().packetCount;
        stillFor = now == taken ? stillFor + 1 : 0;
        taken = now;
    }
    bool inOrder = true;
    for (int i = 0; i < count && inOrder; ++i)
        inOrder = client.recvPacket(120s).toString() == QString::number(i) + payload;
    sender.join();
    QVERIFY2(taken < count, "the server read everything without anyone reading its echoes");
    QVERIFY(inOrder);
    QVERIFY(!sendFailed);
    QCOMPARE(server.events().packetCount, count);
}

// On a JSON datagram server limited to 100 bytes, a malformed datagram and an
// oversized one are reported, not answered, and the next one is echoed.
template<typename Client>
void verifyDatagramErrors(Harness &server, Client &client, const QString &peer)
{
    rawWrite(client, "{not json");
    client.sendPacket(QString(200, QLatin1Char('x')), 10s);
    client.sendPacket(QStringLiteral("fits"), 10s);
    QCOMPARE(client.recvPacket(10s).toString(), QStringLiteral("fits"));
    const Events events = server.events();
    QCOMPARE(events.parseErrors.size(), 2);
    QCOMPARE(events.parseErrors.at(0).second.kind(), ParseError::Kind::Malformed);
    QCOMPARE(events.parseErrors.at(1).second.kind(), ParseError::Kind::TooLarge);
    QCOMPARE(events.parseErrors.at(1).second.size(), 202); // the whole quoted string
    QCOMPARE(events.parseErrors.at(1).first, peer);
    QCOMPARE(events.packets, QVariantList {QStringLiteral("fits")});
}

// Two datagrams behind the client's back; the second may find the server
// already closed (ECONNREFUSED), which is fine.
void rawWriteTwoDatagrams(const AbstractBlockingClient &client)
{
    rawWrite(client, "[1]");
    [[maybe_unused]] const ssize_t sent = ::send(int(client.fileno()), "[2]", 3, MSG_NOSIGNAL);
}

// A server that a slot closes on its first packet stops there, whatever else
// was already read (run it under ASan: nothing is used after it is gone).
Harness::Configure closeOnFirstPacket()
{
    return [](EchoServer *server) {
        QObject::connect(server, &EchoServer::packetReceived, server,
                         [server] { server->close(); });
    };
}

} // namespace

class tst_EchoServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void closeFromPacketSlot_data();
    void closeFromPacketSlot();
    void closeFromConnectedSlot_data();
    void closeFromConnectedSlot();
    void factoryMakesEachTransport_data();
    void factoryMakesEachTransport();
    void badAddressesRefused_data();
    void badAddressesRefused();
    void portInUseRefused();
    void nullProtocolRefused_data();
    void nullProtocolRefused();

    void tcpEchoesThousands();
    void tcpIpv6();
    void tcpTwoClientsAtOnce();
    void tcpMalformedLineGoesOn();
    void tcpUnrecoverableClosesOnlyThatClient();
    void tcpPacketCutShortReported();
    void tcpClientNotReadingIsThrottled();
    void tcpEchoesWhatCameWithTheEndOfStream();

    void tlsTrustedClientEchoes();
    void tlsClosingHandshakeEndsTheConnection();
    void tlsUntrustedClientRefused();
    void tlsGivenCertificate();

    void udpEchoesThousandsToTwoClients();
    void udpMalformedAndOversizedDatagrams();

    void dtlsEchoesThousandsToTwoClients();
    void dtlsEveryFormatBothForms_data();
    void dtlsEveryFormatBothForms();
    void dtlsUntrustedClientRefused();
    void dtlsCloseNotifyEndsTheSession();
    void dtlsWithOpenSslClient();

    void unixStreamEchoesAndPassesDescriptors();
    void unixStreamAbstractTwoClients();
    void unixStreamMalformed();
    void unixStreamStaleSocketFileTakenOver();
    void unixStreamClientNotReadingIsThrottled();
    void unixStreamEchoesWhatCameWithTheEndOfStream();

    void unixDatagramEchoesAndPassesDescriptors();
    void unixDatagramUnnamedSenderReported();
    void unixDatagramMalformedAndOversized();

private:
    QTemporaryDir m_dir;
};

void tst_EchoServers::closeFromPacketSlot_data()
{
    addRows<Transport>({"transport"},
                       {{"tcp", Transport::Tcp},
                        {"udp", Transport::Udp},
                        {"unix-stream", Transport::UnixStream},
                        {"unix-dgram", Transport::UnixDatagram}});
}

void tst_EchoServers::closeFromPacketSlot()
{
    QFETCH(Transport, transport);
    Harness server(transport, jsonProtocol(), freshAddress(transport), closeOnFirstPacket());
    switch (transport) {
    case Transport::Tcp: {
        BlockingTcpClient client(QStringLiteral("127.0.0.1"), server.port(), jsonProtocol());
        rawWrite(client, "[1]\n[2]\n");
        QVERIFY_THROWS_EXCEPTION(Exception, client.recvPacket(10s));
        break;
    }
    case Transport::Udp: {
        BlockingUdpClient client(QStringLiteral("127.0.0.1"), server.port(),
                                 datagramOf(jsonProtocol()));
        rawWriteTwoDatagrams(client);
        break;
    }
    case Transport::UnixStream: {
        BlockingUnixStreamClient client(server.address(), jsonProtocol());
        rawWrite(client, "[1]\n[2]\n");
        QVERIFY_THROWS_EXCEPTION(Exception, client.recvPacket(10s));
        break;
    }
    case Transport::UnixDatagram: {
        BlockingUnixDatagramClient client(server.address(), datagramOf(jsonProtocol()));
        rawWriteTwoDatagrams(client);
        break;
    }
    case Transport::Tls:
    case Transport::Dtls: QFAIL("not a row");
    }
    QVERIFY(server.waitFor([](const Events &e) { return e.stops == 1; }));
    QCOMPARE(server.events().packets, QVariantList {QVariantList {1}});
    QVERIFY(!server.onServer([](EchoServer *s) { return s->isListening(); }));
    QCOMPARE(server.clientCount(), 0);
}

void tst_EchoServers::closeFromConnectedSlot_data()
{
    addRows<Transport>({"transport"},
                       {{"tcp", Transport::Tcp}, {"unix-stream", Transport::UnixStream}});
}

void tst_EchoServers::closeFromConnectedSlot()
{
    QFETCH(Transport, transport);
    const bool unix = EchoServer::isUnixTransport(transport);
    Harness server(transport, jsonProtocol(), freshAddress(transport), [](EchoServer *s) {
        QObject::connect(s, &EchoServer::clientConnected, s, [s] { s->close(); });
    });
    const auto connectAndReceive = [&]() -> QVariant {
        if (unix)
            return BlockingUnixStreamClient(server.address(), jsonProtocol()).recvPacket(10s);
        return BlockingTcpClient(QStringLiteral("127.0.0.1"), server.port(), jsonProtocol())
            .recvPacket(10s);
    };
    QVERIFY_THROWS_EXCEPTION(Exception, connectAndReceive());
    QVERIFY(server.waitFor([](const Events &e) { return e.stops == 1; }));
    const Events events = server.events();
    QCOMPARE(events.connected.size(), 1);
    QCOMPARE(events.disconnected, events.connected);
    QVERIFY(events.errors.isEmpty());
    QVERIFY(events.credentials.isEmpty()); // none for a client already gone
    QCOMPARE(server.clientCount(), 0);
}

void tst_EchoServers::factoryMakesEachTransport_data()
{
    addRows<Transport, QString, bool>(
        {"transport", "address", "unix"},
        {{"tcp", Transport::Tcp, QStringLiteral("127.0.0.1:0"), false},
         {"tls", Transport::Tls, QStringLiteral("127.0.0.1:0"), false},
         {"udp", Transport::Udp, QStringLiteral("127.0.0.1:0"), false},
         {"dtls", Transport::Dtls, QStringLiteral("127.0.0.1:0"), false},
         {"unix-stream", Transport::UnixStream, uniqueAbstractName(), true},
         {"unix-dgram", Transport::UnixDatagram, uniqueAbstractName(), true}});
}

void tst_EchoServers::factoryMakesEachTransport()
{
    QFETCH(Transport, transport);
    QFETCH(QString, address);
    QFETCH(bool, unix);
    const auto server = EchoServer::create(transport, jsonProtocol());
    QCOMPARE(server->transport(), transport);
    QCOMPARE(EchoServer::isUnixTransport(transport), unix);
    QCOMPARE(qobject_cast<TlsEchoServer *>(server.get()) != nullptr, transport == Transport::Tls);
    QCOMPARE(!server->certificate().isNull(),
             transport == Transport::Tls || transport == Transport::Dtls);
    QSignalSpy started(server.get(), &EchoServer::started);
    QSignalSpy stopped(server.get(), &EchoServer::stopped);
    QVERIFY(!server->isListening());
    QVERIFY(server->address().isEmpty());
    QVERIFY2(server->listen(address), qPrintable(server->errorString()));
    QVERIFY(server->isListening());
    QCOMPARE(started.size(), 1);
    QCOMPARE(started.at(0).at(0).toString(), server->address());
    if (unix) {
        QCOMPARE(server->address(), address);
        QCOMPARE(server->unixAddress().toString(), address);
        QCOMPARE(server->port(), quint16(0));
    } else {
        QVERIFY(server->port() != 0);
        QCOMPARE(server->host(), QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(server->address(), QStringLiteral("127.0.0.1:%1").arg(server->port()));
    }
    QCOMPARE(server->clientCount(), 0);
    // Listening again closes first.
    const QString again = freshAddress(transport);
    QVERIFY(server->listen(again));
    QCOMPARE(stopped.size(), 1);
    QCOMPARE(started.size(), 2);
    QCOMPARE(started.at(1).at(0).toString(), server->address());
    server->close();
    QVERIFY(!server->isListening());
    QCOMPARE(stopped.size(), 2);
    QVERIFY(server->address().isEmpty());
    server->close();
    QCOMPARE(stopped.size(), 2);

    QSignalSpy limitChanged(server.get(), &EchoServer::maxPacketSizeChanged);
    QCOMPARE(server->maxPacketSize(), AbstractIncrementalPacketSerializer::DefaultMaxPacketSize);
    server->setMaxPacketSize(0);
    server->setMaxPacketSize(-5);
    QCOMPARE(server->maxPacketSize(), AbstractIncrementalPacketSerializer::DefaultMaxPacketSize);
    server->setMaxPacketSize(100);
    QCOMPARE(server->maxPacketSize(), 100);
    QCOMPARE(limitChanged.size(), 1);
}

void tst_EchoServers::badAddressesRefused_data()
{
    addRows<Transport, QString>(
        {"transport", "address"},
        {{"tcp no port", Transport::Tcp, QStringLiteral("127.0.0.1")},
         {"tcp port too big", Transport::Tcp, QStringLiteral("127.0.0.1:65536")},
         {"tcp port not a number", Transport::Tcp, QStringLiteral("127.0.0.1:x")},
         {"tcp host name", Transport::Tcp, QStringLiteral("example.org:80")},
         {"udp empty", Transport::Udp, QString()},
         {"tls garbage", Transport::Tls, QStringLiteral("[::1:0")},
         {"unix empty", Transport::UnixStream, QString()},
         {"unix unnamed", Transport::UnixDatagram, QStringLiteral("<unnamed>")},
         {"unix path too long", Transport::UnixStream,
          QStringLiteral("/tmp/") + QString(200, QLatin1Char('x'))},
         {"unix no such directory", Transport::UnixDatagram,
          QStringLiteral("/nonexistent-easynet-dir/echo.sock")}});
}

void tst_EchoServers::badAddressesRefused()
{
    QFETCH(Transport, transport);
    QFETCH(QString, address);
    const auto server = EchoServer::create(transport, jsonProtocol());
    verifyListenRefused(*server, address);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!server->errorString().isEmpty());
}

void tst_EchoServers::portInUseRefused()
{
    for (const Transport transport : {Transport::Tcp, Transport::Udp}) {
        const auto first = EchoServer::create(transport, jsonProtocol());
        QVERIFY(first->listen(QStringLiteral("127.0.0.1:0")));
        const auto second = EchoServer::create(transport, jsonProtocol());
        QVERIFY(!second->listen(first->address()));
        QVERIFY(second->errorString().contains(first->address()));
    }
    const QString path = m_dir.filePath(QStringLiteral("in-use.sock"));
    const auto first = EchoServer::create(Transport::UnixStream, jsonProtocol());
    QVERIFY(first->listen(path));
    const auto second = EchoServer::create(Transport::UnixStream, jsonProtocol());
    QVERIFY(!second->listen(path));
    QVERIFY(QFileInfo::exists(path)); // the live server's file was left alone
}

void tst_EchoServers::nullProtocolRefused_data()
{
    factoryMakesEachTransport_data();
}

void tst_EchoServers::nullProtocolRefused()
{
    QFETCH(Transport, transport);
    QFETCH(QString, address);
    const auto server = EchoServer::create(transport, StreamProtocol());
    verifyListenRefused(*server, address);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(server->errorString().contains(QStringLiteral("No protocol")));
}

void tst_EchoServers::tcpEchoesThousands()
{
    Harness server(Transport::Tcp, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    QVERIFY(server.isListening());
    {
        BlockingTcpClient client(QStringLiteral("127.0.0.1"), server.port(), jsonProtocol());
        QCOMPARE(echoMany(client, 3000, QStringLiteral("tcp")), QString());
        const QString peer = peerOf(client.localAddress(), client.localPort());
        QCOMPARE(server.events().connected, QStringList {peer});
        QCOMPARE(server.clientCount(), 1);
        QCOMPARE(server.events().packetCount, 3000);
    }
    QVERIFY(server.waitFor([](const Events &e) { return e.disconnected.size() == 1; }));
    QCOMPARE(server.clientCount(), 0);
    QVERIFY(server.events().parseErrors.isEmpty());
    QVERIFY(server.events().errors.isEmpty());
}

void tst_EchoServers::tcpIpv6()
{
    Harness server(Transport::Tcp, lineProtocol(), QStringLiteral("[::1]:0"));
    QVERIFY(server.isListening());
    QCOMPARE(server.address(), QStringLiteral("[::1]:%1").arg(server.port()));
    BlockingTcpClient client(QStringLiteral("::1"), server.port(), lineProtocol());
    client.sendPacket(QStringLiteral("over IPv6"), 10s);
    QCOMPARE(client.recvPacket(10s).toString(), QStringLiteral("over IPv6"));
    QCOMPARE(server.events().connected,
             QStringList {QStringLiteral("[::1]:%1").arg(client.localPort())});
}

void tst_EchoServers::tcpTwoClientsAtOnce()
{
    Harness server(Transport::Tcp, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    BlockingTcpClient a(QStringLiteral("127.0.0.1"), server.port(), jsonProtocol());
    BlockingTcpClient b(QStringLiteral("127.0.0.1"), server.port(), jsonProtocol());
    QVERIFY(server.waitFor([](const Events &e) { return e.connected.size() == 2; }));
    QCOMPARE(server.clientCount(), 2);
    // Both have packets in flight at once.
    QCOMPARE(echoTogether(a, 1000, b, 1000), QString());
    a.close();
    QVERIFY(server.waitFor([](const Events &e) { return e.disconnected.size() == 1; }));
    QCOMPARE(server.events().disconnected.first(), server.events().connected.first());
    QCOMPARE(echoMany(b, 10, QStringLiteral("b after a left")), QString());
    QCOMPARE(server.clientCount(), 1);
}

void tst_EchoServers::tcpMalformedLineGoesOn()
{
    Harness server(Transport::Tcp, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    BlockingTcpClient client(QStringLiteral("127.0.0.1"), server.port(), jsonProtocol());
    rawWrite(client, "{not json}\n");
    const QVariantMap packet {{QStringLiteral("after"), QStringLiteral("the bad one")}};
    client.sendPacket(packet, 10s);
    QCOMPARE(client.recvPacket(10s), QVariant(packet));
    const Events events = server.events();
    QCOMPARE(events.parseErrors.size(), 1);
    QCOMPARE(events.parseErrors.at(0).first, peerOf(client.localAddress(), client.localPort()));
    QCOMPARE(events.parseErrors.at(0).second.kind(), ParseError::Kind::Malformed);
    QVERIFY(events.parseErrors.at(0).second.isRecoverable());
    QCOMPARE(events.parseErrors.at(0).second.offset(), 0);
    QCOMPARE(events.packets, QVariantList {packet});
    QVERIFY(events.disconnected.isEmpty());
}

void tst_EchoServers::tcpUnrecoverableClosesOnlyThatClient()
{
    // CBOR cannot find the next item after an invalid header (0x1c).
    Harness server(Transport::Tcp, cborProtocol(), QStringLiteral("127.0.0.1:0"));
    BlockingTcpClient bad(QStringLiteral("127.0.0.1"), server.port(), cborProtocol());
    BlockingTcpClient good(QStringLiteral("127.0.0.1"), server.port(), cborProtocol());
    QVERIFY(server.waitFor([](const Events &e) { return e.connected.size() == 2; }));
    // A good packet (42) and garbage in one write: the echo of the first still
    // arrives, then the connection ends.
    rawWrite(bad, QByteArray::fromHex("182a1c"));
    QCOMPARE(bad.recvPacket(10s).toInt(), 42);
    QVERIFY_THROWS_EXCEPTION(Exception, bad.recvPacket(10s));
    const QString badPeer = peerOf(bad.localAddress(), bad.localPort());
    QVERIFY(server.waitFor([](const Events &e) { return e.disconnected.size() == 1; }));
    const Events events = server.events();
    QCOMPARE(events.disconnected, QStringList {badPeer});
    QCOMPARE(events.parseErrors.size(), 1);
    QCOMPARE(events.parseErrors.at(0).first, badPeer);
    QVERIFY(!events.parseErrors.at(0).second.isRecoverable());
    QCOMPARE(echoMany(good, 100, QStringLiteral("the other client")), QString());
    QCOMPARE(server.clientCount(), 1);
}

void tst_EchoServers::tcpPacketCutShortReported()
{
    Harness server(Transport::Tcp, lineProtocol(), QStringLiteral("127.0.0.1:0"));
    {
        BlockingTcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
        rawWrite(client, "no newline before the end");
    }
    QVERIFY(server.waitFor([](const Events &e) { return e.disconnected.size() == 1; }));
    const Events events = server.events();
    QCOMPARE(events.parseErrors.size(), 1);
    QCOMPARE(events.parseErrors.at(0).second.kind(), ParseError::Kind::Truncated);
    QVERIFY(events.packets.isEmpty());
}

// A client that sends its packets and shuts its write side at once (a
// script's "send and wait for the answers") still gets every echo, then the
// server's end of stream.
void tst_EchoServers::tcpEchoesWhatCameWithTheEndOfStream()
{
    Harness server(Transport::Tcp, lineProtocol(), QStringLiteral("127.0.0.1:0"));
    QVERIFY(server.isListening());
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (const QByteArray &sent : {QByteArray("one\ntwo\nthree\n"), manyLines()}) {
        const HalfCloseResult result = sendThenHalfClose(
            AF_INET, reinterpret_cast<const sockaddr *>(&address), sizeof(address), sent);
        QCOMPARE(result.failure, QString());
        QCOMPARE(result.echoed.size(), sent.size());
        QCOMPARE(result.echoed, sent);
    }
    QVERIFY(server.waitFor([](const Events &e) { return e.disconnected.size() == 2; }));
    QCOMPARE(server.events().packetCount, 3 + 3000);
    QVERIFY(server.events().parseErrors.isEmpty());
    QVERIFY(server.events().errors.isEmpty());
}

void tst_EchoServers::tcpClientNotReadingIsThrottled()
{
    Harness server(Transport::Tcp, lineProtocol(), QStringLiteral("127.0.0.1:0"));
    BlockingTcpClient client(QStringLiteral("127.0.0.1"), server.port(), lineProtocol());
    verifyBackpressure(server, client);
}

void tst_EchoServers::tlsTrustedClientEchoes()
{
    Harness server(Transport::Tls, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    QVERIFY(server.isListening());
    const QSslCertificate certificate = server.onServer(
        [](EchoServer *s) { return static_cast<TlsEchoServer *>(s)->certificate(); });
    const QString fingerprint = server.onServer(
        [](EchoServer *s) { return static_cast<TlsEchoServer *>(s)->fingerprint(); });
    QVERIFY(!certificate.isNull());
    QCOMPARE(certificate.subjectInfo(QSslCertificate::CommonName),
             QStringList {QStringLiteral("localhost")});
    const auto names = certificate.subjectAlternativeNames();
    QCOMPARE(names.values(QSsl::DnsEntry), QStringList {QStringLiteral("localhost")});
    QList<QHostAddress> ips;
    for (const QString &ip : names.values(QSsl::IpAddressEntry))
        ips << QHostAddress(ip);
    QCOMPARE(ips.size(), 2);
    QVERIFY(ips.contains(QHostAddress(QHostAddress::LocalHost)));
    QVERIFY(ips.contains(QHostAddress(QHostAddress::LocalHostIPv6)));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(certificate.effectiveDate() <= now);
    QVERIFY(certificate.expiryDate() > now.addSecs(23 * 3600));
    QVERIFY(certificate.expiryDate() <= now.addSecs(24 * 3600 + 60));
    QCOMPARE(fingerprint.size(), 32 * 3 - 1);
    QCOMPARE(
        fingerprint,
        QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper()));

    BlockingTcpOptions options;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({certificate});
    options.ssl = configuration;
    BlockingTcpClient client(QStringLiteral("127.0.0.1"), server.port(), jsonProtocol(), options);
    QVERIFY(client.isSsl());
    QCOMPARE(echoMany(client, 2000, QStringLiteral("tls")), QString());
    QCOMPARE(server.clientCount(), 1);
    QVERIFY(server.events().errors.isEmpty());
}

void tst_EchoServers::tlsClosingHandshakeEndsTheConnection()
{
    Harness server(Transport::Tls, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    BlockingTcpOptions options;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({server.onServer(
        [](EchoServer *s) { return static_cast<TlsEchoServer *>(s)->certificate(); })});
    options.ssl = configuration;
    // Far longer than waitFor(): the server must end the connection on the
    // client's close_notify, not the client give up waiting for an answer.
    options.sslShutdownTimeout = 120s;
    BlockingTcpClient client(QStringLiteral("127.0.0.1"), server.port(), jsonProtocol(), options);
    QCOMPARE(echoMany(client, 10, QStringLiteral("tls")), QString());
    std::thread closer([&] { client.close(); });
    const bool disconnected
        = server.waitFor([](const Events &e) { return e.disconnected.size() == 1; });
    closer.join();
    QVERIFY(disconnected);
    QVERIFY(server.events().parseErrors.isEmpty());
}

void tst_EchoServers::tlsUntrustedClientRefused()
{
    Harness server(Transport::Tls, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    BlockingTcpOptions options;
    options.ssl = QSslConfiguration::defaultConfiguration(); // system CAs only
    QVERIFY_THROWS_EXCEPTION(
        OSError,
        BlockingTcpClient(QStringLiteral("127.0.0.1"), server.port(), jsonProtocol(), options));
    QVERIFY(server.waitFor([](const Events &e) { return !e.errors.isEmpty(); }));
    QVERIFY2(server.events().errors.first().contains(QStringLiteral("TLS handshake")),
             qPrintable(server.events().errors.first()));
    QVERIFY(server.events().connected.isEmpty());
    QCOMPARE(server.clientCount(), 0);
}

void tst_EchoServers::tlsGivenCertificate()
{
    // The test CA's server certificate names easynet.test and localhost.
    const QSslCertificate given(tlsData(QStringLiteral("server.pem")));
    const QSslKey key(tlsData(QStringLiteral("server.key")), QSsl::Rsa);
    bool nullCertificateRefused = false;
    bool nullKeyRefused = false;
    bool accepted = false;
    Harness server(Transport::Tls, jsonProtocol(), QStringLiteral("127.0.0.1:0"),
                   [&](EchoServer *s) {
                       auto *tls = static_cast<TlsEchoServer *>(s);
                       nullCertificateRefused = !tls->setLocalCertificate(QSslCertificate(), key);
                       nullKeyRefused = !tls->setLocalCertificate(given, QSslKey());
                       accepted = tls->setLocalCertificate(given, key);
                   });
    QVERIFY(nullCertificateRefused);
    QVERIFY(nullKeyRefused);
    QVERIFY(accepted);
    QCOMPARE(server.onServer(
                 [](EchoServer *s) { return static_cast<TlsEchoServer *>(s)->fingerprint(); }),
             TlsEchoServer::fingerprint(given));
    BlockingTcpOptions options;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromData(tlsData(QStringLiteral("ca.pem"))));
    options.ssl = configuration;
    options.serverHostname = QStringLiteral("localhost");
    BlockingTcpClient client(QStringLiteral("127.0.0.1"), server.port(), jsonProtocol(), options);
    QCOMPARE(echoMany(client, 10, QStringLiteral("given")), QString());
}

void tst_EchoServers::udpEchoesThousandsToTwoClients()
{
    Harness server(Transport::Udp, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    BlockingUdpClient a(QStringLiteral("127.0.0.1"), server.port(), datagramOf(jsonProtocol()));
    BlockingUdpClient b(QStringLiteral("127.0.0.1"), server.port(), datagramOf(jsonProtocol()));
    QCOMPARE(echoTogether(a, 2000, b, 1000), QString());
    QCOMPARE(server.clientCount(), 2);
    QStringList peers = server.events().connected;
    peers.sort();
    QStringList expected {peerOf(a.localAddress(), a.localPort()),
                          peerOf(b.localAddress(), b.localPort())};
    expected.sort();
    QCOMPARE(peers, expected);
    QCOMPARE(server.events().packetCount, 3000);
}

void tst_EchoServers::udpMalformedAndOversizedDatagrams()
{
    Harness server(Transport::Udp, jsonProtocol(), QStringLiteral("127.0.0.1:0"),
                   [](EchoServer *s) { s->setMaxPacketSize(100); });
    BlockingUdpClient client(QStringLiteral("127.0.0.1"), server.port(),
                             datagramOf(jsonProtocol()));
    verifyDatagramErrors(server, client, peerOf(client.localAddress(), client.localPort()));
}

namespace {

// A blocking DTLS client of server, trusting its self-signed certificate
// (none: the system's CAs only).
std::unique_ptr<BlockingUdpClient> dtlsClientOf(Harness &server, bool trusted = true)
{
    BlockingUdpOptions options;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (trusted)
        configuration.setCaCertificates(
            {server.onServer([](EchoServer *s) { return s->certificate(); })});
    options.ssl = configuration;
    options.sslHandshakeTimeout = 20s;
    return std::make_unique<BlockingUdpClient>(QStringLiteral("127.0.0.1"), server.port(),
                                               datagramOf(jsonProtocol()), options);
}

} // namespace

void tst_EchoServers::dtlsEchoesThousandsToTwoClients()
{
    Harness server(Transport::Dtls, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    QVERIFY(server.isListening());
    const auto a = dtlsClientOf(server);
    const auto b = dtlsClientOf(server);
    QCOMPARE(a->sessionProtocol(), QSsl::DtlsV1_2);
    QCOMPARE(echoTogether(*a, 2000, *b, 1000), QString());
    QCOMPARE(server.clientCount(), 2);
    QCOMPARE(server.events().packetCount, 3000);
    QVERIFY(server.events().errors.isEmpty());
}

using PacketOf = std::function<QVariant(int)>;
Q_DECLARE_METATYPE(PacketOf)

void tst_EchoServers::dtlsEveryFormatBothForms_data()
{
    QTest::addColumn<EasyNetTest::Form>("form");
    QTest::addColumn<std::shared_ptr<AbstractIncrementalPacketSerializer>>("serializer");
    QTest::addColumn<PacketOf>("packetOf");
    for (const auto form : {EasyNetTest::Form::EventDriven, EasyNetTest::Form::Blocking})
        for (const EasyNetTest::DatagramFormat &format : EasyNetTest::datagramFormats())
            QTest::addRow("%s, %s", format.name, EasyNetTest::nameOf(form))
                << form << format.serializer << format.packetOf;
}

// 10 000 packets of each format, in both forms of the library's client.
void tst_EchoServers::dtlsEveryFormatBothForms()
{
    QFETCH(EasyNetTest::Form, form);
    QFETCH(std::shared_ptr<AbstractIncrementalPacketSerializer>, serializer);
    QFETCH(PacketOf, packetOf);
    Harness server(Transport::Dtls, StreamProtocol(serializer), QStringLiteral("127.0.0.1:0"));
    QVERIFY(server.isListening());
    EasyNetTest::ClientSetup setup;
    setup.transport = EasyNetTest::Transport::Udp;
    setup.port = server.port();
    setup.serializer = serializer;
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(
        {server.onServer([](EchoServer *s) { return s->certificate(); })});
    setup.udp.ssl = configuration;
    const auto client = EasyNetTest::ClientUnderTest::make(form, setup);
    QVERIFY_OK(client->connect());
    for (int i = 0; i < 10000; ++i) {
        QVERIFY_OK(client->send(packetOf(i)));
        QVariant echoed;
        QVERIFY_OK(client->receive(&echoed));
        if (!EasyNetTest::packetsEqual(echoed, packetOf(i)))
            QFAIL(qPrintable(QStringLiteral("packet %1 came back as %2")
                                 .arg(i)
                                 .arg(EasyNetTest::describePacket(echoed))));
    }
}

void tst_EchoServers::dtlsUntrustedClientRefused()
{
    Harness server(Transport::Dtls, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    QVERIFY_THROWS_EXCEPTION(OSError, dtlsClientOf(server, false));
    // The client's alert ends the server's side of the handshake.
    QVERIFY(server.waitFor([](const Events &e) { return !e.errors.isEmpty(); }));
    QVERIFY2(server.events().errors.first().contains(QStringLiteral("DTLS handshake")),
             qPrintable(server.events().errors.first()));
    QCOMPARE(server.clientCount(), 0);
}

void tst_EchoServers::dtlsCloseNotifyEndsTheSession()
{
    Harness server(Transport::Dtls, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    const auto client = dtlsClientOf(server);
    QCOMPARE(echoMany(*client, 10, QStringLiteral("dtls")), QString());
    QCOMPARE(server.clientCount(), 1);
    client->close(); // close_notify
    QVERIFY(server.waitFor([](const Events &e) { return e.disconnected.size() == 1; }));
    QCOMPARE(server.clientCount(), 0);
}

// Packets both ways through a client nobody here wrote.
void tst_EchoServers::dtlsWithOpenSslClient()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        SKIP_UNLESS_CI("openssl is not installed");
    Harness server(Transport::Dtls, jsonProtocol(), QStringLiteral("127.0.0.1:0"));
    QFile trusted(m_dir.filePath(QStringLiteral("dtls-server.pem")));
    QVERIFY(trusted.open(QIODevice::WriteOnly));
    trusted.write(server.onServer([](EchoServer *s) { return s->certificate(); }).toPem());
    trusted.close();
    QProcess client;
    client.start(openssl,
                 {QStringLiteral("s_client"), QStringLiteral("-dtls1_2"),
                  QStringLiteral("-connect"), QStringLiteral("127.0.0.1:%1").arg(server.port()),
                  QStringLiteral("-CAfile"), trusted.fileName(),
                  QStringLiteral("-verify_return_error"), QStringLiteral("-quiet")});
    QVERIFY(client.waitForStarted());
    QVERIFY(server.waitFor([](const Events &e) { return e.connected.size() == 1; }));
    // s_client sends each line as a record, the newline with it.
    client.write("{\"from\": \"openssl\"}\n");
    QByteArray echoed;
    for (int i = 0; i < 100 && !echoed.contains("openssl"); ++i) {
        client.waitForReadyRead(100);
        echoed += client.readAllStandardOutput();
    }
    QVERIFY2(echoed.contains("{\"from\":\"openssl\"}"), echoed.constData());
    client.kill();
    client.waitForFinished();
    const QVariantList expected {QVariantMap {{QStringLiteral("from"), QStringLiteral("openssl")}}};
    QCOMPARE(server.events().packets, expected);
}

void tst_EchoServers::unixStreamEchoesAndPassesDescriptors()
{
    const QString path = m_dir.filePath(QStringLiteral("stream.sock"));
    {
        Harness server(Transport::UnixStream, jsonProtocol(), path);
        QVERIFY(server.isListening());
        QCOMPARE(server.address(), path);
        BlockingUnixStreamClient client(path, jsonProtocol());
        QCOMPARE(echoMany(client, 2000, QStringLiteral("unix")), QString());

        verifyDescriptorEcho(client);
        if (QTest::currentTestFailed())
            return;

        const Events events = server.events();
        QCOMPARE(events.descriptors, 1);
        QCOMPARE(events.connected.size(), 1);
        QVERIFY2(events.connected.first().startsWith(QStringLiteral("<unnamed> #")),
                 qPrintable(events.connected.first()));
        QVERIFY(!events.credentials.isEmpty());
        QCOMPARE(events.credentials.first(), UnixCredentials::current());
        QCOMPARE(events.credentials.size(), 1); // reported once: they never changed
    }
    QVERIFY(!QFileInfo::exists(path)); // the server removed its socket file
}

void tst_EchoServers::unixStreamAbstractTwoClients()
{
    const QString name = uniqueAbstractName();
    Harness server(Transport::UnixStream, jsonProtocol(), name);
    QVERIFY(server.isListening());
    QCOMPARE(server.address(), name);
    BlockingUnixStreamClient a(name, jsonProtocol());
    BlockingUnixStreamClient b(name, jsonProtocol());
    QVERIFY(server.waitFor([](const Events &e) { return e.connected.size() == 2; }));
    QCOMPARE(echoTogether(a, 1000, b, 1000), QString());
    const Events events = server.events();
    QCOMPARE(events.connected.size(), 2);
    QVERIFY(events.connected.at(0) != events.connected.at(1));
    a.close();
    QVERIFY(server.waitFor([](const Events &e) { return e.disconnected.size() == 1; }));
    QCOMPARE(server.clientCount(), 1);
}

void tst_EchoServers::unixStreamMalformed()
{
    const QString name = uniqueAbstractName();
    {
        // JSON lines go on after a bad line.
        Harness server(Transport::UnixStream, jsonProtocol(), name);
        BlockingUnixStreamClient client(name, jsonProtocol());
        rawWrite(client, "[1, 2\n");
        client.sendPacket(QVariantList {1, 2}, 10s);
        QCOMPARE(client.recvPacket(10s), QVariant(QVariantList {1, 2}));
        QCOMPARE(server.events().parseErrors.size(), 1);
        QVERIFY(server.events().parseErrors.first().second.isRecoverable());
    }
    {
        // CBOR cannot: the echo of what came before, then a clean end.
        Harness server(Transport::UnixStream, cborProtocol(), name);
        BlockingUnixStreamClient bad(name, cborProtocol());
        BlockingUnixStreamClient good(name, cborProtocol());
        rawWrite(bad,
                 QByteArray::fromHex("63616263"
                                     "1c")); // "abc", then garbage
        QCOMPARE(bad.recvPacket(10s).toString(), QStringLiteral("abc"));
        QVERIFY_THROWS_EXCEPTION(Exception, bad.recvPacket(10s));
        QVERIFY(server.waitFor([](const Events &e) { return e.disconnected.size() == 1; }));
        QVERIFY(!server.events().parseErrors.first().second.isRecoverable());
        good.sendPacket(QStringLiteral("still here"), 10s);
        QCOMPARE(good.recvPacket(10s).toString(), QStringLiteral("still here"));
    }
}

void tst_EchoServers::unixStreamStaleSocketFileTakenOver()
{
    const QString path = m_dir.filePath(QStringLiteral("stale.sock"));
    // A socket file whose server is gone.
    const int stale = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address {};
    const auto length = UnixSocketAddress::fromPath(path).toSockAddr(address);
    QCOMPARE(::bind(stale, reinterpret_cast<sockaddr *>(&address), socklen_t(length)), 0);
    ::close(stale);
    QVERIFY(QFileInfo::exists(path));
    Harness server(Transport::UnixStream, lineProtocol(), path);
    QVERIFY(server.isListening());
    BlockingUnixStreamClient client(path, lineProtocol());
    client.sendPacket(QStringLiteral("hello"), 10s);
    QCOMPARE(client.recvPacket(10s).toString(), QStringLiteral("hello"));

    // A regular file is not a stale socket: left alone, and listening fails.
    const QString regular = m_dir.filePath(QStringLiteral("regular-file"));
    QFile file(regular);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const auto other = EchoServer::create(Transport::UnixStream, lineProtocol());
    QVERIFY(!other->listen(regular));
    QVERIFY(QFileInfo(regular).isFile());
}

void tst_EchoServers::unixStreamEchoesWhatCameWithTheEndOfStream()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("echo.sock"));
    Harness server(Transport::UnixStream, lineProtocol(), path);
    QVERIFY(server.isListening());
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    const QByteArray encoded = QFile::encodeName(path);
    QVERIFY(size_t(encoded.size()) < sizeof(address.sun_path));
    std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
    for (const QByteArray &sent : {QByteArray("one\ntwo\nthree\n"), manyLines()}) {
        const HalfCloseResult result = sendThenHalfClose(
            AF_UNIX, reinterpret_cast<const sockaddr *>(&address), sizeof(address), sent);
        QCOMPARE(result.failure, QString());
        QCOMPARE(result.echoed, sent);
    }
    QVERIFY(server.waitFor([](const Events &e) { return e.disconnected.size() == 2; }));
    QCOMPARE(server.events().packetCount, 3 + 3000);
    QVERIFY(server.events().parseErrors.isEmpty());
}

void tst_EchoServers::unixStreamClientNotReadingIsThrottled()
{
    const QString name = uniqueAbstractName();
    Harness server(Transport::UnixStream, lineProtocol(), name);
    BlockingUnixStreamClient client(name, lineProtocol());
    verifyBackpressure(server, client);
}

void tst_EchoServers::unixDatagramEchoesAndPassesDescriptors()
{
    const QString path = m_dir.filePath(QStringLiteral("dgram.sock"));
    Harness server(Transport::UnixDatagram, jsonProtocol(), path);
    QVERIFY(server.isListening());
    BlockingUnixDatagramClient a(path, datagramOf(jsonProtocol()));
    BlockingUnixDatagramClient b(path, datagramOf(jsonProtocol()));
    QCOMPARE(echoTogether(a, 2000, b, 1000), QString());
    QCOMPARE(server.clientCount(), 2);
    QVERIFY(server.events().connected.contains(a.localAddress().toString()));

    verifyDescriptorEcho(a);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(server.events().descriptors, 1);
    QVERIFY(server.events().credentials.contains(UnixCredentials::current()));
}

void tst_EchoServers::unixDatagramUnnamedSenderReported()
{
    const QString name = uniqueAbstractName();
    Harness server(Transport::UnixDatagram, jsonProtocol(), name);
    // Never bound, no SO_PASSCRED: the kernel does not autobind it either.
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address {};
    const auto length = UnixSocketAddress::fromString(name).toSockAddr(address);
    QCOMPARE(
        ::sendto(fd, "[true]", 6, 0, reinterpret_cast<sockaddr *>(&address), socklen_t(length)),
        ssize_t(6));
    ::close(fd);
    QVERIFY(server.waitFor([](const Events &e) { return !e.errors.isEmpty(); }));
    const Events events = server.events();
    QCOMPARE(events.packets, QVariantList {QVariantList {true}});
    QVERIFY2(events.errors.first().contains(QStringLiteral("no address")),
             qPrintable(events.errors.first()));
    QCOMPARE(events.connected, QStringList {QStringLiteral("<unnamed>")});
}

void tst_EchoServers::unixDatagramMalformedAndOversized()
{
    const QString name = uniqueAbstractName();
    Harness server(Transport::UnixDatagram, jsonProtocol(), name,
                   [](EchoServer *s) { s->setMaxPacketSize(100); });
    BlockingUnixDatagramClient client(name, datagramOf(jsonProtocol()));
    verifyDatagramErrors(server, client, client.localAddress().toString());
}

QTEST_GUILESS_MAIN(tst_EchoServers)
#include "tst_echoservers.moc"
