// UnixStreamClient against raw AF_UNIX stream servers started by the test (in a
// thread of their own) in a temporary directory and in the abstract namespace.
#include <EasyNet/exceptions.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QFile>
#include <QtCore/QScopeGuard>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "testsupport.h"
#include "unixtestsupport.h"

#include <semaphore>

using namespace EasyNet;
using namespace EasyNetTest;

namespace {

UnixSocketAddress uniqueAbstract()
{
    static int counter = 0;
    return UnixSocketAddress::fromAbstractName(
        QStringLiteral("easynet-test-%1-%2").arg(::getpid()).arg(++counter).toUtf8());
}

// The errno a finished future failed with (0 if none).
template<typename T> int failureErrno(const QFuture<T> &future)
{
    try {
        QFuture<T>(future).waitForFinished();
    } catch (const Exception &e) {
        return e.error().osErrno();
    }
    return 0;
}

} // namespace

class tst_UnixStreamClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void echoSignalStyle();
    void echoPullStyle();
    void jsonBufferedProtocol();
    void abstractAddress();
    void localPathBindKeepsFile();
    void passDescriptors_data();
    void passDescriptors();
    void credentialsSentAndReceived();
    void peerCredentials();
    void truncatedControlBuffer();
    void descriptorsClosedWhenNotTaken();
    void takenDescriptorsBelongToCaller();
    void partialChunkWithAncillary();
    void ancillaryIgnoredWithoutRequest();
    void missingPath();
    void nothingListening();
    void peerClosesMidPacket();
    void brokenPipe();
    void sendEof();
    void largePacketPartialWrites();
    void adoptDescriptor();
    void refuseWrongDescriptor();
    void operationsAfterClose();

private:
    QTemporaryDir m_dir;
    UnixSocketAddress path(const QString &name) const
    {
        return UnixSocketAddress::fromPath(m_dir.filePath(name));
    }
};

void tst_UnixStreamClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_UnixStreamClient::echoSignalStyle()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("echo.sock")));
    QVERIFY(server.isOk());
    server.startStream();
    UnixStreamClient client(m_dir.filePath(QStringLiteral("echo.sock")), lineProtocol());
    QStringList got;
    connect(&client, &AbstractClient::packetReceived, this,
            [&](const QVariant &p) { got.append(p.toString()); });
    QVERIFY(finish(client.waitConnected()));
    QStringList sent;
    for (int i = 0; i < 5000; ++i) {
        sent.append(QStringLiteral("packet %1 héllo").arg(i));
        client.sendPacket(sent.last());
    }
    QVERIFY(waitUntil([&] { return got.size() >= sent.size(); }));
    QCOMPARE(got, sent);
}

void tst_UnixStreamClient::echoPullStyle()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("pull.sock")));
    server.startStream();
    UnixStreamClient client(path(QStringLiteral("pull.sock")), lineProtocol());
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

void tst_UnixStreamClient::jsonBufferedProtocol()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("json.sock")));
    server.startStream();
    UnixStreamClient client(path(QStringLiteral("json.sock")), jsonProtocol());
    client.setMaxRecvSize(7); // many reads per packet
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    const QVariantMap packet {{QStringLiteral("op"), QStringLiteral("ping")},
                              {QStringLiteral("n"), 42}};
    client.sendPacket(packet);
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QVERIFY2(packetsEqual(answer.result(), packet), qPrintable(describePacket(answer.result())));
}

void tst_UnixStreamClient::abstractAddress()
{
    const UnixSocketAddress address = uniqueAbstract();
    UnixTestServer server(SOCK_STREAM, address);
    QVERIFY(server.isOk());
    server.startStream();
    UnixStreamClient client(address.toString(), lineProtocol());
    QCOMPARE(client.address(), address);
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(client.peerAddress(), address);
    QVERIFY(client.localAddress().isUnnamed());
    client.sendPacket(QStringLiteral("abstract"));
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("abstract"));
}

void tst_UnixStreamClient::localPathBindKeepsFile()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("bindsrv.sock")));
    server.startStream();
    const UnixSocketAddress local = path(QStringLiteral("client-local.sock"));
    {
        UnixStreamClient client(path(QStringLiteral("bindsrv.sock")), lineProtocol());
        client.setBindAddress(local);
        QVERIFY(finish(client.waitConnected()));
        QCOMPARE(client.localAddress(), local);
        QVERIFY(finish(client.close()));
        QVERIFY(client.localAddress().isNull()); // closed
    }
    // As the reference says: a bound file is not deleted on close.
    QVERIFY(QFile::exists(local.path()));
    // An abstract local name works too.
    const UnixSocketAddress abstractLocal = uniqueAbstract();
    UnixStreamClient client(path(QStringLiteral("bindsrv.sock")), lineProtocol());
    client.setBindAddress(abstractLocal);
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(client.localAddress(), abstractLocal);
}

void tst_UnixStreamClient::passDescriptors_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("2") << 2;
    QTest::newRow("200") << 200;
}

void tst_UnixStreamClient::passDescriptors()
{
    QFETCH(int, count);
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("fds.sock")));
    server.startStream();
    const int before = openFdCount();
    QList<int> memfds;
    for (int i = 0; i < count; ++i) {
        memfds.append(makeMemfd(QStringLiteral("file number %1").arg(i).toUtf8()));
        QVERIFY(memfds.last() >= 0);
    }
    {
        UnixStreamClient client(path(QStringLiteral("fds.sock")), lineProtocol());
        client.setAutoRead(false);
        QVERIFY(finish(client.waitConnected()));
        SocketAncillary toSend;
        toSend.addFileDescriptors(memfds);
        QVERIFY(finish(client.sendPacket(QStringLiteral("here are %1 files").arg(count), toSend)));
        SocketAncillary received;
        const QFuture<QVariant> answer = client.recvPacket(received);
        QVERIFY(finish(answer));
        QCOMPARE(answer.result().toString(), QStringLiteral("here are %1 files").arg(count));
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
    QTRY_COMPARE(openFdCount(), before);
}

void tst_UnixStreamClient::credentialsSentAndReceived()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("creds.sock")));
    server.echoCredentials = true;
    server.startStream();
    UnixStreamClient client(path(QStringLiteral("creds.sock")), lineProtocol());
    client.setAutoRead(false);
    client.setPassCredentials(true);
    QVERIFY(client.passCredentials());
    QVERIFY(finish(client.waitConnected()));
    SocketAncillary ancillary;
    ancillary.setCredentials(UnixCredentials::current());
    QVERIFY(finish(client.sendPacket(QStringLiteral("who am I"), ancillary)));
    SocketAncillary received;
    const QFuture<QVariant> answer = client.recvPacket(received);
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("who am I"));
    {
        std::lock_guard lock(server.mutex);
        QVERIFY(server.lastCredentials.has_value());
        QCOMPARE(qint64(server.lastCredentials->pid), qint64(::getpid()));
        QCOMPARE(quint32(server.lastCredentials->uid), quint32(::geteuid()));
    }
    QVERIFY(received.receivedCredentials().has_value());
    QCOMPARE(*received.receivedCredentials(), UnixCredentials::current());

    // Somebody else's credentials are refused by the kernel (unless root).
    if (::geteuid() != 0) {
        SocketAncillary forged;
        forged.setCredentials(UnixCredentials(1, 0, 0));
        const QFuture<void> sent = client.sendPacket(QStringLiteral("forged"), forged);
        QVERIFY(finish(sent));
        QCOMPARE(failure(sent), ErrorCode::OSError);
        QCOMPARE(failureErrno(sent), EPERM);
        QVERIFY(client.isConnected());
    }
}

void tst_UnixStreamClient::peerCredentials()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("peercred.sock")));
    server.startStream();
    UnixStreamClient client(path(QStringLiteral("peercred.sock")), lineProtocol());
    QVERIFY(!client.peerCredentials().has_value());
    QVERIFY(finish(client.waitConnected()));
    const std::optional<UnixCredentials> peer = client.peerCredentials();
    QVERIFY(peer.has_value());
    QCOMPARE(*peer, UnixCredentials::current());
}

void tst_UnixStreamClient::truncatedControlBuffer()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("ctrunc.sock")));
    server.startStream();
    const int before = openFdCount();
    QList<int> memfds;
    for (int i = 0; i < 200; ++i)
        memfds.append(makeMemfd("x"));
    {
        UnixStreamClient client(path(QStringLiteral("ctrunc.sock")), lineProtocol());
        client.setAutoRead(false);
        QVERIFY(finish(client.waitConnected()));
        SocketAncillary toSend;
        toSend.addFileDescriptors(memfds);
        QVERIFY(finish(client.sendPacket(QStringLiteral("many"), toSend)));
        SocketAncillary received;
        // Room for 10 descriptors only.
        const QFuture<QVariant> answer
            = client.recvPacket(received, SocketAncillary::spaceForFileDescriptors(10));
        QVERIFY(finish(answer));
        QCOMPARE(failure(answer), ErrorCode::OSError);
        QCOMPARE(failureErrno(answer), EMSGSIZE);
        QVERIFY2(client.lastError().message().contains(QStringLiteral("truncated")),
                 qPrintable(client.lastError().message()));
        QVERIFY(!received.hasReceivedData());
        // The bytes stayed in the stream: the packet comes next, without its fds.
        const QFuture<QVariant> next = client.recvPacket();
        QVERIFY(finish(next));
        QCOMPARE(next.result().toString(), QStringLiteral("many"));
        QVERIFY(client.isConnected());
    }
    closeAll(memfds);
    QTRY_COMPARE(openFdCount(), before);
}

void tst_UnixStreamClient::descriptorsClosedWhenNotTaken()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("leak.sock")));
    server.startStream();
    const int memfd = makeMemfd("leak test");
    UnixStreamClient client(path(QStringLiteral("leak.sock")), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    SocketAncillary toSend;
    toSend.addFileDescriptors({memfd});
    // One round trip first: the server has accepted, and no descriptor is in flight.
    client.sendPacket(QStringLiteral("warm-up"));
    QVERIFY(finish(client.recvPacket()));
    const int before = openFdCount();
    for (int i = 0; i < 10000; ++i) {
        client.sendPacket(QStringLiteral("pass"), toSend);
        SocketAncillary received;
        const QFuture<QVariant> answer = client.recvPacket(received);
        QVERIFY(finish(answer));
        QCOMPARE(received.receivedFileDescriptors().size(), 1);
        if (i % 1000 == 0)
            QVERIFY(sameFile(received.receivedFileDescriptors().constFirst(), memfd));
    }
    QTRY_COMPARE(openFdCount(), before);
    ::close(memfd);
}

void tst_UnixStreamClient::takenDescriptorsBelongToCaller()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("take.sock")));
    server.startStream();
    const int memfd = makeMemfd("take me");
    UnixStreamClient client(path(QStringLiteral("take.sock")), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    SocketAncillary toSend;
    toSend.addFileDescriptors({memfd, memfd});
    client.sendPacket(QStringLiteral("two"), toSend);
    QList<int> taken;
    {
        SocketAncillary received;
        const QFuture<QVariant> answer = client.recvPacket(received);
        QVERIFY(finish(answer));
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

void tst_UnixStreamClient::partialChunkWithAncillary()
{
    std::counting_semaphore<8> sendRest(0);
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("partial.sock")));
    server.startStream([&](UnixTestServer &s, int connection) {
        const int memfd = makeMemfd("partial");
        rawSend(connection, "first half of a", {memfd});
        ::close(memfd);
        sendRest.acquire();
        rawSend(connection, " packet\nnext\n");
        s.waitReadable(connection); // until the client goes
    });
    const auto unblock = qScopeGuard([&] { sendRest.release(); }); // even when failing
    const int before = openFdCount();
    UnixStreamClient client(path(QStringLiteral("partial.sock")), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    SocketAncillary received;
    const QFuture<QVariant> answer = client.recvPacket(received);
    QVERIFY(finish(answer));
    QCOMPARE(failure(answer), ErrorCode::EndOfStream);
    try {
        QFuture<QVariant>(answer).waitForFinished();
        QFAIL("no exception");
    } catch (const EOFError &e) {
        QVERIFY2(e.message().contains(QStringLiteral("partial chunk with ancillary data")),
                 qPrintable(e.message()));
    }
    // The descriptor was not attached to the wrong packet: it was closed.
    QVERIFY(!received.hasReceivedData());
    // The client socket and the server's connection are the only new descriptors.
    QTRY_COMPARE(openFdCount(), before + 2);
    sendRest.release();
    // The stream goes on: the bytes were kept.
    const QFuture<QVariant> whole = client.recvPacket(received);
    QVERIFY(finish(whole));
    QCOMPARE(whole.result().toString(), QStringLiteral("first half of a packet"));
    const QFuture<QVariant> next = client.recvPacket();
    QVERIFY(finish(next));
    QCOMPARE(next.result().toString(), QStringLiteral("next"));
}

void tst_UnixStreamClient::ancillaryIgnoredWithoutRequest()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("ignored.sock")));
    server.startStream();
    const int memfd = makeMemfd("dropped");
    const int before = openFdCount();
    {
        UnixStreamClient client(path(QStringLiteral("ignored.sock")), lineProtocol());
        QStringList got;
        connect(&client, &AbstractClient::packetReceived, this,
                [&](const QVariant &p) { got.append(p.toString()); });
        QVERIFY(finish(client.waitConnected()));
        SocketAncillary toSend;
        toSend.addFileDescriptors({memfd});
        for (int i = 0; i < 100; ++i)
            client.sendPacket(QStringLiteral("signal %1").arg(i), toSend);
        QTRY_COMPARE(got.size(), 100);
        // Descriptors that nobody asked for never entered the process (the new
        // ones: the client socket and the server's connection).
        QTRY_COMPARE(openFdCount(), before + 2);
    }
    ::close(memfd);
}

void tst_UnixStreamClient::missingPath()
{
    UnixStreamClient client(path(QStringLiteral("does-not-exist.sock")), lineProtocol());
    QSignalSpy errors(&client, &AbstractClient::errorOccurred);
    const QFuture<void> connecting = client.waitConnected();
    QVERIFY(finish(connecting));
    QCOMPARE(failure(connecting), ErrorCode::OSError);
    QCOMPARE(failureErrno(connecting), ENOENT);
    QVERIFY2(client.lastError().message().contains(QStringLiteral("no such socket path")),
             qPrintable(client.lastError().message()));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(client.state(), AbstractClient::State::Closed);
    // An abstract name nobody listens on is refused.
    UnixStreamClient abstractClient(uniqueAbstract(), lineProtocol());
    const QFuture<void> refused = abstractClient.waitConnected();
    QVERIFY(finish(refused));
    QCOMPARE(failure(refused), ErrorCode::ConnectionRefused);
}

void tst_UnixStreamClient::nothingListening()
{
    // A socket file whose socket is bound but does not listen (or is gone).
    const UnixSocketAddress address = path(QStringLiteral("stale.sock"));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr {};
    const qsizetype length = address.toSockAddr(addr);
    QCOMPARE(::bind(fd, asSockaddr(&addr), socklen_t(length)), 0);
    ::close(fd);
    UnixStreamClient client(address, lineProtocol());
    const QFuture<void> connecting = client.waitConnected();
    QVERIFY(finish(connecting));
    QCOMPARE(failure(connecting), ErrorCode::ConnectionRefused);
    QCOMPARE(failureErrno(connecting), ECONNREFUSED);
}

void tst_UnixStreamClient::peerClosesMidPacket()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("midpacket.sock")));
    server.startStream(
        [](UnixTestServer &, int connection) { rawSend(connection, "whole\npart"); });
    UnixStreamClient client(path(QStringLiteral("midpacket.sock")), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    const QFuture<QVariant> first = client.recvPacket();
    QVERIFY(finish(first));
    QCOMPARE(first.result().toString(), QStringLiteral("whole"));
    const QFuture<QVariant> second = client.recvPacket();
    QVERIFY(finish(second));
    QCOMPARE(failure(second), ErrorCode::ConnectionAborted);
    QVERIFY2(client.lastError().message().contains(QStringLiteral("middle of a packet")),
             qPrintable(client.lastError().message()));
    QCOMPARE(failure(client.recvPacket()), ErrorCode::ConnectionAborted);
    QVERIFY(finish(client.close()));
}

void tst_UnixStreamClient::brokenPipe()
{
    std::counting_semaphore<8> closed(0);
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("pipe.sock")));
    server.startStream([&](UnixTestServer &, int) { closed.release(); });
    UnixStreamClient client(path(QStringLiteral("pipe.sock")), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    closed.acquire();
    QTRY_COMPARE(server.accepted.load(), 1);
    // The server closed its end: a send fails with EPIPE, without SIGPIPE.
    ErrorCode code = ErrorCode::NoError;
    for (int i = 0; i < 100 && code == ErrorCode::NoError; ++i) {
        const QFuture<void> sent = client.sendPacket(QStringLiteral("anyone?"));
        QVERIFY(finish(sent));
        code = failure(sent);
        if (code == ErrorCode::NoError)
            QTest::qWait(5);
    }
    QVERIFY(code == ErrorCode::BrokenPipe || code == ErrorCode::ConnectionReset);
}

void tst_UnixStreamClient::sendEof()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("eof.sock")));
    server.startStream([](UnixTestServer &s, int connection) {
        QByteArray all;
        for (;;) {
            RawMessage m = rawRecv(connection);
            if (m.result <= 0)
                break;
            all += m.data;
        }
        // End of stream seen: answer with what arrived, then close.
        rawSend(connection, "got " + QByteArray::number(all.count('\n')) + " lines\n");
        Q_UNUSED(s);
    });
    UnixStreamClient client(path(QStringLiteral("eof.sock")), lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    for (int i = 0; i < 10; ++i)
        client.sendPacket(QStringLiteral("line %1").arg(i));
    const QFuture<void> eof = client.sendEof();
    QVERIFY(finish(eof));
    QCOMPARE(failure(eof), ErrorCode::NoError);
    QVERIFY(finish(client.sendEof())); // idempotent
    QCOMPARE(failure(client.sendEof()), ErrorCode::NoError);
    const QFuture<void> late = client.sendPacket(QStringLiteral("too late"));
    QVERIFY(finish(late));
    QCOMPARE(failure(late), ErrorCode::InvalidOperation);
    // Receiving goes on after sendEof().
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("got 10 lines"));
}

void tst_UnixStreamClient::largePacketPartialWrites()
{
    std::counting_semaphore<8> go(0);
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("large.sock")));
    server.startStream([&](UnixTestServer &s, int connection) {
        go.acquire(); // read nothing until the client has queued everything
        s.echoStream(connection);
    });
    const auto unblock = qScopeGuard([&] { go.release(); }); // even when failing
    UnixStreamClient client(path(QStringLiteral("large.sock")), lineProtocol());
    client.setMaxPacketSize(8 * 1024 * 1024);
    QVERIFY(finish(client.waitConnected()));
    int one = 4096;
    QVERIFY(client.socket().setIntOption(SOL_SOCKET, SO_SNDBUF, one));
    QStringList got;
    connect(&client, &AbstractClient::packetReceived, this,
            [&](const QVariant &p) { got.append(p.toString()); });
    const QString big(4 * 1024 * 1024, QLatin1Char('z'));
    const QFuture<void> bigSent = client.sendPacket(big);
    const QFuture<void> smallSent = client.sendPacket(QStringLiteral("after"));
    QVERIFY(!bigSent.isFinished()); // the socket could not take it all
    go.release();
    QVERIFY(finish(bigSent, 20000));
    QVERIFY(finish(smallSent));
    QVERIFY(waitUntil([&] { return got.size() >= 2; }));
    QVERIFY(got.at(0) == big);
    QCOMPARE(got.at(1), QStringLiteral("after"));
}

void tst_UnixStreamClient::adoptDescriptor()
{
    int pair[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), 0);
    UnixStreamClient client;
    client.setSocketDescriptor(static_cast<qintptr>(pair[0]));
    client.setProtocol(lineProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(client.socket().descriptor(), qintptr(pair[0]));
    QVERIFY(client.peerAddress().isUnnamed());
    QVERIFY(::fcntl(pair[0], F_GETFL) & O_NONBLOCK);
    const int memfd = makeMemfd("adopted");
    SocketAncillary toSend;
    toSend.addFileDescriptors({memfd});
    QVERIFY(finish(client.sendPacket(QStringLiteral("hello"), toSend)));
    RawMessage m = rawRecv(pair[1]);
    QCOMPARE(m.data, QByteArray("hello\n"));
    QCOMPARE(m.fds.size(), 1);
    QVERIFY(rawSend(pair[1], "back\n", m.fds));
    closeAll(m.fds);
    SocketAncillary received;
    const QFuture<QVariant> answer = client.recvPacket(received);
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("back"));
    QCOMPARE(readFd(received.receivedFileDescriptors().value(0, -1)), QByteArray("adopted"));
    QVERIFY(finish(client.close()));
    // The client owned the descriptor and closed it: the peer sees the end.
    QCOMPARE(rawRecv(pair[1]).result, ssize_t(0));
    ::close(pair[1]);
    ::close(memfd);
}

void tst_UnixStreamClient::refuseWrongDescriptor()
{
    int pipeFds[2];
    QCOMPARE(::pipe2(pipeFds, O_CLOEXEC), 0);
    UnixStreamClient client;
    client.setSocketDescriptor(static_cast<qintptr>(pipeFds[0]));
    client.setProtocol(lineProtocol());
    const QFuture<void> connecting = client.waitConnected();
    QVERIFY(finish(connecting));
    QVERIFY(failure(connecting) != ErrorCode::NoError);
    // The client owned it and closed it.
    QCOMPARE(::fcntl(pipeFds[0], F_GETFD), -1);
    ::close(pipeFds[1]);

    int pair[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair), 0);
    UnixStreamClient wrongType;
    wrongType.setSocketDescriptor(static_cast<qintptr>(pair[0]));
    wrongType.setProtocol(lineProtocol());
    const QFuture<void> refused = wrongType.waitConnected();
    QVERIFY(finish(refused));
    QCOMPARE(failureErrno(refused), EPROTOTYPE);
    ::close(pair[1]);
}

void tst_UnixStreamClient::operationsAfterClose()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("closed.sock")));
    server.startStream();
    UnixStreamClient client(path(QStringLiteral("closed.sock")), lineProtocol());
    QSignalSpy closedSpy(&client, &AbstractClient::closed);
    QVERIFY(finish(client.waitConnected()));
    const QFuture<QVariant> pending = client.recvPacket();
    client.sendPacket(QStringLiteral("last words"));
    const QFuture<void> first = client.close();
    const QFuture<void> second = client.close();
    QVERIFY(finish(pending));
    QCOMPARE(failure(pending), ErrorCode::ClientClosed);
    QVERIFY(finish(first));
    QVERIFY(finish(second));
    QCOMPARE(closedSpy.size(), 1);
    SocketAncillary ancillary;
    QCOMPARE(failure(client.sendPacket(QStringLiteral("x"))), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.sendPacket(QStringLiteral("x"), ancillary)), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.recvPacket()), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.recvPacket(ancillary)), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.waitConnected()), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.sendEof()), ErrorCode::NoError); // does nothing after close
    QVERIFY(!client.socket().isValid());
    QVERIFY(client.localAddress().isNull());
    QVERIFY(client.peerAddress().isNull());
    QVERIFY(!client.peerCredentials().has_value());
    client.abort();
    QCOMPARE(closedSpy.size(), 1);
}

QTEST_GUILESS_MAIN(tst_UnixStreamClient)
#include "tst_unixstreamclient.moc"
