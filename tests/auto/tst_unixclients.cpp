// What the four Unix clients share beyond the client contract, tested once for
// UnixStreamClient, UnixDatagramClient, BlockingUnixStreamClient and
// BlockingUnixDatagramClient (each row runs one kind in one form): ancillary
// data (descriptors, credentials, a truncated control buffer, descriptors
// closed when not taken, a partial chunk with ancillary data), SO_PEERCRED,
// and Unix addresses (abstract names, a bound path, a missing or stale socket
// file). The servers are raw AF_UNIX sockets in threads of their own
// (unixtestsupport.h); the rest of the contract is in tst_clientcontract.
#include <EasyNet/blockingunixdatagramclient.h>
#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QFile>
#include <QtCore/QScopeGuard>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "clientundertest.h"
#include "testsupport.h"
#include "unixtestsupport.h"

#include <memory>
#include <semaphore>

using namespace EasyNet;
using namespace EasyNetTest;
using namespace std::chrono_literals;

// Which transport a row runs (its form: EasyNetTest::Form).
enum class Kind { Stream, Datagram };
Q_DECLARE_METATYPE(Kind)

namespace {

UnixSocketAddress uniqueAbstract()
{
    static int counter = 0;
    return UnixSocketAddress::fromAbstractName(
        QStringLiteral("easynet-unix-test-%1-%2").arg(::getpid()).arg(++counter).toUtf8());
}

// The options of a Unix client, in either form.
struct Setup
{
    std::optional<QString> address; // fromString() form; none: the last server's
    qintptr descriptor = -1; // adopt this instead of connecting
    UnixSocketAddress bindAddress;
    bool passCredentials = false;
};

Setup at(const QString &address)
{
    Setup setup;
    setup.address = address;
    return setup;
}

Setup adopting(qintptr descriptor)
{
    Setup setup;
    setup.descriptor = descriptor;
    return setup;
}

Setup boundTo(const UnixSocketAddress &local)
{
    Setup setup;
    setup.bindAddress = local;
    return setup;
}

Setup passingCredentials()
{
    Setup setup;
    setup.passCredentials = true;
    return setup;
}

// A Unix client of either form (ClientUnderTest), with what only the Unix
// clients have: ancillary data, Unix addresses and peer credentials.
class UnixClient
{
public:
    UnixClient(Form form, Kind kind, const Setup &setup)
    {
        ClientSetup client;
        client.transport = kind == Kind::Stream ? Transport::UnixStream : Transport::UnixDatagram;
        if (setup.address)
            client.unixAddress = UnixSocketAddress::fromString(*setup.address);
        client.descriptor = setup.descriptor;
        client.unixOptions.bindAddress = setup.bindAddress;
        client.unixOptions.passCredentials = setup.passCredentials;
        m_client = ClientUnderTest::make(form, client);
    }

    Error connect() { return m_client->connect(); }
    // With ancillary: sendPacket(packet, ancillary), else sendPacket(packet).
    Error send(const QString &line, const std::optional<SocketAncillary> &ancillary = std::nullopt)
    {
        if (!ancillary)
            return m_client->send(line);
        if (AbstractClient *client = m_client->eventDriven())
            return outcome(static_cast<AbstractUnixClient &>(*client).sendPacket(line, *ancillary));
        return errorOf([&] { blocking().sendPacket(line, *ancillary, 5s); });
    }
    // With ancillary: recvPacket(ancillary, bufferSize), else recvPacket().
    Error receive(QVariant *packet, const std::optional<SocketAncillary> &ancillary = std::nullopt,
                  qsizetype bufferSize = SocketAncillary::DefaultBufferSize)
    {
        if (!ancillary)
            return m_client->receive(packet);
        if (AbstractClient *client = m_client->eventDriven()) {
            const QFuture<QVariant> next
                = static_cast<AbstractUnixClient &>(*client).recvPacket(*ancillary, bufferSize);
            const Error error = outcome(next);
            if (packet && !error.isError())
                *packet = next.result();
            return error;
        }
        return errorOf([&] {
            const QVariant got = blocking().recvPacket(*ancillary, bufferSize, 5s);
            if (packet)
                *packet = got;
        });
    }
    void close() { m_client->close(); }
    bool isOpen() const
    {
        if (const AbstractClient *client = m_client->eventDriven())
            return client->isConnected();
        return !m_client->isClosed();
    }
    UnixSocketAddress localAddress() const
    {
        return visit<AbstractUnixClient, AbstractBlockingUnixClient>(
            *m_client, [](auto &client) { return client.localAddress(); });
    }
    UnixSocketAddress peerAddress() const
    {
        return visit<AbstractUnixClient, AbstractBlockingUnixClient>(
            *m_client, [](auto &client) { return client.peerAddress(); });
    }
    std::optional<UnixCredentials> peerCredentials() const // streams only
    {
        if (auto *client = qobject_cast<UnixStreamClient *>(m_client->eventDriven()))
            return client->peerCredentials();
        if (auto *client = dynamic_cast<BlockingUnixStreamClient *>(m_client->blocking()))
            return client->peerCredentials();
        return std::nullopt;
    }
    SocketHandle socket() const { return m_client->socket(); }
    AbstractClient *eventDriven() { return m_client->eventDriven(); } // the QObject, if any

    // The packet that comes next, or "<error message>".
    QString next(const std::optional<SocketAncillary> &ancillary = std::nullopt)
    {
        QVariant packet;
        const Error error = receive(&packet, ancillary);
        return error.isError() ? QStringLiteral("<%1>").arg(error.message()) : packet.toString();
    }

private:
    AbstractBlockingUnixClient &blocking()
    {
        return dynamic_cast<AbstractBlockingUnixClient &>(*m_client->blocking());
    }

    std::unique_ptr<ClientUnderTest> m_client;
};

int socketType(Kind kind)
{
    return kind == Kind::Stream ? SOCK_STREAM : SOCK_DGRAM;
}

// The four clients (or the two of one kind); values() adds the row's other columns.
template<typename Values>
void addRows(const char *name, QList<Kind> kinds, Values &&values)
{
    for (const Form form : {Form::Blocking, Form::EventDriven}) {
        for (const Kind kind : kinds) {
            values(QTest::addRow("%s%s%s", form == Form::Blocking ? "blocking " : "event-driven ",
                                 kind == Kind::Stream ? "stream" : "datagram", name)
                   << form << kind);
        }
    }
}

void addColumns()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<Kind>("kind");
}

// A row for each form of each kind, and no other column.
void rowsFor(QList<Kind> kinds)
{
    addColumns();
    addRows("", kinds, [](QTestData &) {});
}

void allFour()
{
    rowsFor({Kind::Stream, Kind::Datagram});
}

} // namespace

class tst_UnixClients : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passDescriptors_data();
    void passDescriptors();
    void takenDescriptorsBelongToCaller_data() { allFour(); }
    void takenDescriptorsBelongToCaller();
    void descriptorsClosedWhenNotTaken_data() { allFour(); }
    void descriptorsClosedWhenNotTaken();
    void descriptorsNobodyAskedForAreDropped_data() { allFour(); }
    void descriptorsNobodyAskedForAreDropped();
    void truncatedControlBuffer_data() { allFour(); }
    void truncatedControlBuffer();
    void credentialsSentAndReceived_data() { allFour(); }
    void credentialsSentAndReceived();
    void peerCredentials_data() { rowsFor({Kind::Stream}); }
    void peerCredentials();
    void partialChunkWithAncillary_data() { rowsFor({Kind::Stream}); }
    void partialChunkWithAncillary();
    void malformedDatagramDropsItsDescriptors_data() { rowsFor({Kind::Datagram}); }
    void malformedDatagramDropsItsDescriptors();
    void adoptedSocketPassesDescriptors_data() { allFour(); }
    void adoptedSocketPassesDescriptors();
    void abstractAddress_data() { allFour(); }
    void abstractAddress();
    void localBind_data();
    void localBind();
    void missingPath_data() { allFour(); }
    void missingPath();
    void abstractNameNobodyListensOn_data() { allFour(); }
    void abstractNameNobodyListensOn();
    void staleSocketFile_data() { allFour(); }
    void staleSocketFile();
    void ancillaryCallsAfterClose_data() { allFour(); }
    void ancillaryCallsAfterClose();

private:
    // The address of a fresh socket file in the test's directory.
    QString freshPath() { return m_dir.filePath(QStringLiteral("s%1.sock").arg(++m_sockets)); }
    // An echo server of the row's kind at a fresh path (or at address), and a
    // client of the row's form (not connected) configured by setup.
    std::unique_ptr<UnixTestServer> server(const UnixSocketAddress &address = {}, bool start = true)
    {
        QFETCH(Kind, kind);
        m_address = address.isNull() ? UnixSocketAddress::fromPath(freshPath()) : address;
        auto s = std::make_unique<UnixTestServer>(socketType(kind), m_address);
        if (!s->isOk())
            qWarning("the test server could not bind %s", qPrintable(m_address.toString()));
        if (start && kind == Kind::Stream)
            s->startStream();
        else if (start)
            s->startDatagram();
        return s;
    }
    std::unique_ptr<UnixClient> client(Setup setup = {})
    {
        QFETCH(Form, form);
        QFETCH(Kind, kind);
        if (!setup.address && setup.descriptor < 0)
            setup.address = m_address.toString();
        return std::make_unique<UnixClient>(form, kind, setup);
    }

    QTemporaryDir m_dir;
    int m_sockets = 0;
    UnixSocketAddress m_address; // the last server's
};

void tst_UnixClients::passDescriptors_data()
{
    addColumns();
    QTest::addColumn<int>("count");
    for (const int count : {1, 2, 200}) {
        addRows(qPrintable(QStringLiteral(", %1 fds").arg(count)), {Kind::Stream, Kind::Datagram},
                [count](QTestData &row) { row << count; });
    }
}

void tst_UnixClients::passDescriptors()
{
    QFETCH(int, count);
    const auto echo = server();
    const int before = openFdCount();
    QList<int> memfds;
    for (int i = 0; i < count; ++i) {
        memfds.append(makeMemfd(QStringLiteral("file number %1").arg(i).toUtf8()));
        QVERIFY(memfds.last() >= 0);
    }
    {
        const auto c = client();
        QVERIFY_OK(c->connect());
        SocketAncillary toSend;
        toSend.addFileDescriptors(memfds);
        QVERIFY_OK(c->send(QStringLiteral("here are %1 files").arg(count), toSend));
        SocketAncillary received;
        // A control buffer of exactly the room the descriptors need.
        QVariant answer;
        QVERIFY_OK(c->receive(&answer, received, SocketAncillary::spaceForFileDescriptors(count)));
        QCOMPARE(answer.toString(), QStringLiteral("here are %1 files").arg(count));
        const QList<int> fds = received.receivedFileDescriptors();
        QCOMPARE(fds.size(), count);
        for (int i = 0; i < count; ++i) {
            QVERIFY(fds.at(i) != memfds.at(i));
            QVERIFY(sameFile(fds.at(i), memfds.at(i)));
            QCOMPARE(readFd(fds.at(i)), QStringLiteral("file number %1").arg(i).toUtf8());
            QVERIFY(::fcntl(fds.at(i), F_GETFD) & FD_CLOEXEC);
        }
        // What we sent stays ours, open.
        for (int fd : std::as_const(memfds))
            QVERIFY(::fcntl(fd, F_GETFD) >= 0);
    }
    closeAll(memfds);
    // The server thread closes its copies a moment after echoing.
    QTRY_COMPARE(openFdCount(), before);
}

void tst_UnixClients::takenDescriptorsBelongToCaller()
{
    const auto echo = server();
    const int memfd = makeMemfd("take me");
    const auto c = client();
    QVERIFY_OK(c->connect());
    SocketAncillary toSend;
    toSend.addFileDescriptors({memfd, memfd});
    QVERIFY_OK(c->send(QStringLiteral("two"), toSend));
    QList<int> taken;
    {
        SocketAncillary received;
        QCOMPARE(c->next(received), QStringLiteral("two"));
        taken = received.takeReceivedFileDescriptors();
        QVERIFY(received.receivedFileDescriptors().isEmpty());
    }
    QCOMPARE(taken.size(), 2);
    for (int fd : std::as_const(taken)) {
        QCOMPARE(readFd(fd), QByteArray("take me"));
        QCOMPARE(::close(fd), 0); // still open: the value did not close them
    }
    ::close(memfd);
}

void tst_UnixClients::descriptorsClosedWhenNotTaken()
{
    const auto echo = server();
    const int memfd = makeMemfd("leak test");
    const auto c = client();
    QVERIFY_OK(c->connect());
    SocketAncillary toSend;
    toSend.addFileDescriptors({memfd});
    // One round trip first: the server has accepted, and no descriptor is in flight.
    QVERIFY_OK(c->send(QStringLiteral("warm-up")));
    QCOMPARE(c->next(), QStringLiteral("warm-up"));
    const int before = openFdCount();
    for (int i = 0; i < 10000; ++i) {
        QVERIFY_OK(c->send(QStringLiteral("pass"), toSend));
        SocketAncillary received;
        QCOMPARE(c->next(received), QStringLiteral("pass"));
        QCOMPARE(received.receivedFileDescriptors().size(), 1);
        if (i % 1000 == 0)
            QVERIFY(sameFile(received.receivedFileDescriptors().constFirst(), memfd));
    } // each `received` closes what it received
    QTRY_COMPARE(openFdCount(), before); // the server thread closes its copies too
    ::close(memfd);
}

// Descriptors that arrive while no receive asks for ancillary data never enter
// the process: in pull style, and (event-driven) in signal style.
void tst_UnixClients::descriptorsNobodyAskedForAreDropped()
{
    const auto echo = server();
    const int memfd = makeMemfd("dropped");
    const auto c = client();
    QVERIFY_OK(c->connect());
    // One round trip first: the server has accepted, and no descriptor is in flight.
    QVERIFY_OK(c->send(QStringLiteral("warm-up")));
    QCOMPARE(c->next(), QStringLiteral("warm-up"));
    const int before = openFdCount();
    {
        SocketAncillary toSend;
        toSend.addFileDescriptors({memfd});
        for (int i = 0; i < 100; ++i) {
            QVERIFY_OK(c->send(QStringLiteral("pulled %1").arg(i), toSend));
            QCOMPARE(c->next(), QStringLiteral("pulled %1").arg(i));
        }
        if (AbstractClient *signalling = c->eventDriven()) {
            QStringList got;
            connect(signalling, &AbstractClient::packetReceived, this,
                    [&](const QVariant &p) { got.append(p.toString()); });
            signalling->setAutoRead(true);
            for (int i = 0; i < 100; ++i)
                QVERIFY_OK(c->send(QStringLiteral("signal %1").arg(i), toSend));
            QTRY_COMPARE(got.size(), 100);
        }
    }
    QTRY_COMPARE(openFdCount(), before);
    ::close(memfd);
}

void tst_UnixClients::truncatedControlBuffer()
{
    QFETCH(Kind, kind);
    const auto echo = server();
    const int before = openFdCount();
    QList<int> memfds;
    for (int i = 0; i < 200; ++i)
        memfds.append(makeMemfd("x"));
    {
        const auto c = client();
        QVERIFY_OK(c->connect());
        SocketAncillary toSend;
        toSend.addFileDescriptors(memfds);
        QVERIFY_OK(c->send(QStringLiteral("many"), toSend));
        SocketAncillary received;
        // Room for 3 descriptors only.
        const Error error
            = c->receive(nullptr, received, SocketAncillary::spaceForFileDescriptors(3));
        QCOMPARE(error.code(), ErrorCode::OSError);
        QCOMPARE(error.osErrno(), EMSGSIZE);
        QVERIFY2(error.message().contains(QStringLiteral("truncated")),
                 qPrintable(error.message()));
        QVERIFY(!received.hasReceivedData());
        if (kind == Kind::Stream) {
            // The bytes stayed in the stream: the packet comes next, without its fds.
            QCOMPARE(c->next(received), QStringLiteral("many"));
        } else {
            // The datagram is gone with its descriptors; the client goes on.
            QVERIFY_OK(c->send(QStringLiteral("after")));
            QCOMPARE(c->next(received), QStringLiteral("after"));
        }
        QVERIFY(!received.hasReceivedData());
        QVERIFY(c->isOpen());
    }
    closeAll(memfds);
    // What did arrive was closed (the server thread closes its own copies a
    // moment after echoing, hence the wait).
    QTRY_COMPARE(openFdCount(), before);
}

void tst_UnixClients::credentialsSentAndReceived()
{
    const auto echo = server({}, false);
    echo->echoCredentials = true;
    QFETCH(Kind, kind);
    if (kind == Kind::Stream)
        echo->startStream();
    else
        echo->startDatagram();
    const auto c = client(passingCredentials());
    QVERIFY_OK(c->connect());
    SocketAncillary ancillary;
    ancillary.setCredentials(UnixCredentials::current());
    QVERIFY_OK(c->send(QStringLiteral("who am I"), ancillary));
    SocketAncillary received;
    QCOMPARE(c->next(received), QStringLiteral("who am I"));
    {
        std::lock_guard lock(echo->mutex);
        QVERIFY(echo->lastCredentials.has_value());
        QCOMPARE(qint64(echo->lastCredentials->pid), qint64(::getpid()));
        QCOMPARE(quint32(echo->lastCredentials->uid), quint32(::geteuid()));
    }
    QCOMPARE(received.receivedCredentials(), std::optional(UnixCredentials::current()));
    // Somebody else's credentials are refused by the kernel (unless root).
    if (::geteuid() != 0) {
        SocketAncillary forged;
        forged.setCredentials(UnixCredentials(1, 0, 0));
        const Error refused = c->send(QStringLiteral("forged"), forged);
        QCOMPARE(refused.code(), ErrorCode::OSError);
        QCOMPARE(refused.osErrno(), EPERM);
        QVERIFY(c->isOpen());
    }
}

void tst_UnixClients::peerCredentials()
{
    const auto echo = server();
    const auto c = client();
    if (c->eventDriven()) // nothing before connecting
        QVERIFY(!c->peerCredentials().has_value());
    QVERIFY_OK(c->connect());
    QCOMPARE(c->peerCredentials(), std::optional(UnixCredentials::current()));
}

void tst_UnixClients::partialChunkWithAncillary()
{
    std::counting_semaphore<8> sendFirst(0), sendRest(0);
    const auto peer = server({}, false);
    peer->startStream([&](UnixTestServer &s, int connection) {
        sendFirst.acquire();
        const int memfd = makeMemfd("partial");
        rawSend(connection, "first half of a", {memfd});
        ::close(memfd);
        sendRest.acquire();
        rawSend(connection, " packet\nnext\n");
        s.waitReadable(connection); // until the client goes
    });
    const auto unblock = qScopeGuard([&] { // even when failing
        sendFirst.release();
        sendRest.release();
    });
    const auto c = client();
    QVERIFY_OK(c->connect());
    QTRY_COMPARE(peer->accepted.load(), 1);
    const int before = openFdCount();
    sendFirst.release();
    SocketAncillary received;
    const Error error = c->receive(nullptr, received);
    QCOMPARE(error.code(), ErrorCode::EndOfStream);
    QVERIFY2(error.message().contains(QStringLiteral("partial chunk with ancillary data")),
             qPrintable(error.message()));
    // The descriptor was not attached to the wrong packet: it was closed.
    QVERIFY(!received.hasReceivedData());
    QTRY_COMPARE(openFdCount(), before);
    sendRest.release();
    // The stream goes on: the bytes were kept.
    QCOMPARE(c->next(received), QStringLiteral("first half of a packet"));
    QVERIFY(!received.hasReceivedData());
    QCOMPARE(c->next(), QStringLiteral("next"));
}

void tst_UnixClients::malformedDatagramDropsItsDescriptors()
{
    const auto peer = server({}, false);
    peer->startDatagram([](UnixTestServer &, int socket, RawMessage &m) {
        const int memfd = makeMemfd("bad");
        rawSend(socket, "good one", {}, nullptr, &m.from, m.fromLength);
        rawSend(socket, "\xff\xfe not UTF-8", {memfd}, nullptr, &m.from, m.fromLength);
        rawSend(socket, "good two", {}, nullptr, &m.from, m.fromLength);
        ::close(memfd);
        closeAll(m.fds);
    });
    const auto c = client();
    QVERIFY_OK(c->connect());
    const int before = openFdCount();
    QVERIFY_OK(c->send(QStringLiteral("go")));
    SocketAncillary ancillary;
    QCOMPARE(c->next(ancillary), QStringLiteral("good one"));
    QCOMPARE(c->receive(nullptr, ancillary).code(), ErrorCode::DatagramParseError);
    QVERIFY(!ancillary.hasReceivedData()); // the bad datagram's descriptor was closed
    QCOMPARE(c->next(), QStringLiteral("good two"));
    QVERIFY(c->isOpen());
    QTRY_COMPARE(openFdCount(), before);
}

void tst_UnixClients::adoptedSocketPassesDescriptors()
{
    QFETCH(Kind, kind);
    int pair[2];
    QCOMPARE(::socketpair(AF_UNIX, socketType(kind) | SOCK_CLOEXEC, 0, pair), 0);
    const auto c = client(adopting(pair[0]));
    QVERIFY_OK(c->connect());
    QCOMPARE(c->socket().descriptor(), qintptr(pair[0]));
    QVERIFY(c->peerAddress().isUnnamed());
    const int memfd = makeMemfd("adopted");
    SocketAncillary toSend;
    toSend.addFileDescriptors({memfd});
    QVERIFY_OK(c->send(QStringLiteral("hello"), toSend));
    RawMessage m = rawRecv(pair[1]);
    QCOMPARE(m.data, kind == Kind::Stream ? QByteArray("hello\n") : QByteArray("hello"));
    QCOMPARE(m.fds.size(), 1);
    QVERIFY(rawSend(pair[1], "back\n", m.fds));
    closeAll(m.fds);
    SocketAncillary received;
    QCOMPARE(c->next(received), QStringLiteral("back"));
    QCOMPARE(readFd(received.receivedFileDescriptors().value(0, -1)), QByteArray("adopted"));
    // The client owned the descriptor and closed it: a stream peer sees the end.
    c->close();
    if (kind == Kind::Stream)
        QCOMPARE(rawRecv(pair[1]).result, ssize_t(0));
    ::close(memfd);
    ::close(pair[1]);
}

void tst_UnixClients::abstractAddress()
{
    QFETCH(Kind, kind);
    const UnixSocketAddress address = uniqueAbstract();
    const auto echo = server(address);
    QVERIFY(echo->isOk());
    const auto c = client(at(address.toString())); // "@name"
    if (AbstractClient *configured = c->eventDriven())
        QCOMPARE(configured->property("address").value<UnixSocketAddress>(), address);
    QVERIFY_OK(c->connect());
    QCOMPARE(c->peerAddress(), address);
    if (kind == Kind::Stream)
        QVERIFY(c->localAddress().isUnnamed());
    else // autobound to a fresh abstract name, so that the server can answer
        QVERIFY(c->localAddress().isAbstract());
    QVERIFY_OK(c->send(QStringLiteral("abstract")));
    QCOMPARE(c->next(), QStringLiteral("abstract"));
}

void tst_UnixClients::localBind_data()
{
    addColumns();
    QTest::addColumn<bool>("abstract");
    addRows(", path", {Kind::Stream, Kind::Datagram}, [](QTestData &row) { row << false; });
    addRows(", abstract", {Kind::Stream, Kind::Datagram}, [](QTestData &row) { row << true; });
}

void tst_UnixClients::localBind()
{
    QFETCH(bool, abstract);
    const auto echo = server();
    const UnixSocketAddress local
        = abstract ? uniqueAbstract() : UnixSocketAddress::fromPath(freshPath());
    {
        const auto c = client(boundTo(local));
        QVERIFY_OK(c->connect());
        QCOMPARE(c->localAddress(), local);
        QCOMPARE(c->peerAddress(), m_address);
        QVERIFY_OK(c->send(QStringLiteral("from a bound address")));
        QCOMPARE(c->next(), QStringLiteral("from a bound address"));
        c->close();
        QVERIFY(c->localAddress().isNull()); // closed
    }
    // As the reference says: a bound file is not deleted on close.
    if (!abstract)
        QVERIFY(QFile::exists(local.path()));
}

void tst_UnixClients::missingPath()
{
    const auto c = client(at(freshPath()));
    std::optional<QSignalSpy> errors;
    if (c->eventDriven())
        errors.emplace(c->eventDriven(), &AbstractClient::errorOccurred);
    const Error error = c->connect();
    QCOMPARE(error.code(), ErrorCode::OSError);
    QCOMPARE(error.osErrno(), ENOENT);
    QVERIFY2(error.message().contains(QStringLiteral("no such socket path")),
             qPrintable(error.message()));
    QVERIFY(!c->isOpen());
    if (errors) {
        QCOMPARE(errors->size(), 1);
        QCOMPARE(c->eventDriven()->state(), AbstractClient::State::Closed);
    }
    // No address at all: refused as well.
    QVERIFY(client(at(QString()))->connect().isError());
}

void tst_UnixClients::abstractNameNobodyListensOn()
{
    const auto c = client(at(uniqueAbstract().toString()));
    const Error error = c->connect();
    QCOMPARE(error.code(), ErrorCode::ConnectionRefused);
    QCOMPARE(error.osErrno(), ECONNREFUSED);
}

void tst_UnixClients::staleSocketFile()
{
    // A socket file whose socket is gone: nothing is bound to it any more.
    QFETCH(Kind, kind);
    const QString stale = freshPath();
    const int fd = ::socket(AF_UNIX, socketType(kind) | SOCK_CLOEXEC, 0);
    sockaddr_un addr {};
    const qsizetype length = UnixSocketAddress::fromPath(stale).toSockAddr(addr);
    QCOMPARE(::bind(fd, asSockaddr(&addr), socklen_t(length)), 0);
    ::close(fd);
    const Error error = client(at(stale))->connect();
    QCOMPARE(error.code(), ErrorCode::ConnectionRefused);
    QCOMPARE(error.osErrno(), ECONNREFUSED);
}

void tst_UnixClients::ancillaryCallsAfterClose()
{
    QFETCH(Kind, kind);
    const auto echo = server();
    const auto c = client();
    QVERIFY_OK(c->connect());
    if (kind == Kind::Datagram) // autobound to an abstract name, so that the server can answer
        QVERIFY(c->localAddress().isAbstract());
    c->close();
    SocketAncillary ancillary;
    QCOMPARE(c->send(QStringLiteral("x"), ancillary).code(), ErrorCode::ClientClosed);
    QCOMPARE(c->receive(nullptr, ancillary).code(), ErrorCode::ClientClosed);
    QVERIFY(!ancillary.hasReceivedData());
    QVERIFY(c->localAddress().isNull());
    QVERIFY(c->peerAddress().isNull());
    if (kind == Kind::Stream)
        QVERIFY(!c->peerCredentials().has_value());
}

QTEST_GUILESS_MAIN(tst_UnixClients)
#include "tst_unixclients.moc"
