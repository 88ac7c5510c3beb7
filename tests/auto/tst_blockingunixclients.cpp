// BlockingUnixStreamClient and BlockingUnixDatagramClient against raw AF_UNIX
// servers in threads of their own (tests/support/unixtestsupport.h).
#include <EasyNet/blockingunixdatagramclient.h>
#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/lineserializer.h>

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include "testsupport.h"
#include "unixtestsupport.h"

#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

using namespace EasyNet;
using namespace EasyNetTest;
using namespace std::chrono_literals;
using EasyNetTest::throws;

namespace {

std::shared_ptr<LineSerializer> lines()
{
    return std::make_shared<LineSerializer>(LineSerializer::Separator::LF,
                                            LineSerializer::Encoding::Utf8);
}

} // namespace

class tst_BlockingUnixClients : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streamEcho();
    void streamAbstractAddress();
    void streamPassDescriptors_data();
    void streamPassDescriptors();
    void streamPeerCredentials();
    void streamPartialChunkWithAncillary();
    void streamMissingPath();
    void datagramEcho();
    void datagramPassDescriptors();
    void datagramCredentials();
    void datagramTruncatedControlBuffer();
    void descriptorsClosedWhenNotTaken();
    void operationsAfterClose();
    void badOptions();
    void adoptWrongKind();

private:
    UnixSocketAddress path(const QString &name) const
    {
        return UnixSocketAddress::fromPath(m_dir.filePath(name));
    }
    QTemporaryDir m_dir;
};

void tst_BlockingUnixClients::streamEcho()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("echo.sock")));
    QVERIFY(server.isOk());
    server.startStream();
    BlockingUnixStreamClient client(path(QStringLiteral("echo.sock")), StreamProtocol(lines()));
    QCOMPARE(client.peerAddress(), path(QStringLiteral("echo.sock")));
    client.sendPacket(QStringLiteral("packet"), 5s); // many packets: tst_blockingclientcontract
    QCOMPARE(client.recvPacket(5s).toString(), QStringLiteral("packet"));
}

void tst_BlockingUnixClients::streamAbstractAddress()
{
    const QByteArray name = "easynet-blocking-" + QByteArray::number(::getpid());
    UnixTestServer server(SOCK_STREAM, UnixSocketAddress::fromAbstractName(name));
    QVERIFY(server.isOk());
    server.startStream();
    BlockingUnixStreamClient client(QStringLiteral("@") + QString::fromLatin1(name),
                                    StreamProtocol(lines()));
    client.sendPacket(QStringLiteral("abstract"));
    QCOMPARE(client.recvPacket(5s).toString(), QStringLiteral("abstract"));
    QVERIFY(client.peerAddress().isAbstract());
}

void tst_BlockingUnixClients::streamPassDescriptors_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("2") << 2;
    QTest::newRow("200") << 200;
}

void tst_BlockingUnixClients::streamPassDescriptors()
{
    QFETCH(int, count);
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("fds.sock")));
    server.startStream(); // echoes the descriptors back with the bytes
    BlockingUnixStreamClient client(path(QStringLiteral("fds.sock")), StreamProtocol(lines()));
    QList<int> sent;
    for (int i = 0; i < count; ++i)
        sent.append(makeMemfd("file " + QByteArray::number(i)));
    SocketAncillary out;
    out.addFileDescriptors(sent);
    client.sendPacket(QStringLiteral("with fds"), out, 5s);
    SocketAncillary in;
    QCOMPARE(client.recvPacket(in, SocketAncillary::spaceForFileDescriptors(count), 5s).toString(),
             QStringLiteral("with fds"));
    const QList<int> received = in.takeReceivedFileDescriptors();
    QCOMPARE(received.size(), count);
    for (int i = 0; i < count; ++i) {
        QVERIFY(sameFile(sent.at(i), received.at(i)));
        QCOMPARE(readFd(received.at(i)), "file " + QByteArray::number(i));
    }
    closeAll(sent);
    closeAll(received);
}

void tst_BlockingUnixClients::streamPeerCredentials()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("cred.sock")));
    server.startStream();
    BlockingUnixStreamClient client(path(QStringLiteral("cred.sock")), StreamProtocol(lines()));
    const std::optional<UnixCredentials> peer = client.peerCredentials();
    QVERIFY(peer);
    QCOMPARE(*peer, UnixCredentials::current());
}

void tst_BlockingUnixClients::streamPartialChunkWithAncillary()
{
    // The server sends half a packet with a descriptor, then the rest.
    const int memfd = makeMemfd("x");
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("partial.sock")));
    server.startStream([memfd](UnixTestServer &, int connection) {
        rawSend(connection, "half", {memfd});
        std::this_thread::sleep_for(100ms);
        rawSend(connection, " and rest\n");
        char byte;
        ::recv(connection, &byte, 1, 0); // until the client closes
    });
    const int before = openFdCount();
    BlockingUnixStreamClient client(path(QStringLiteral("partial.sock")), StreamProtocol(lines()));
    std::this_thread::sleep_for(50ms);
    SocketAncillary in;
    QVERIFY(
        throws<EOFError>([&] { client.recvPacket(in, SocketAncillary::DefaultBufferSize, 5s); }));
    QVERIFY(!in.hasReceivedData());
    // The bytes stayed in the stream: the packet still arrives, without the descriptor.
    QCOMPARE(client.recvPacket(in, SocketAncillary::DefaultBufferSize, 5s).toString(),
             QStringLiteral("half and rest"));
    QVERIFY(!in.hasReceivedData());
    client.close();
    QTRY_COMPARE_WITH_TIMEOUT(openFdCount(), before,
                              5000); // the server thread closes its copies too
    ::close(memfd);
}

void tst_BlockingUnixClients::streamMissingPath()
{
    try {
        BlockingUnixStreamClient(path(QStringLiteral("nobody.sock")), StreamProtocol(lines()));
        QFAIL("connected?");
    } catch (const OSError &e) {
        QCOMPARE(e.osErrno(), ENOENT);
    }
    QVERIFY(throws<OSError>([&] { BlockingUnixStreamClient(QString(), StreamProtocol(lines())); }));
}

void tst_BlockingUnixClients::datagramEcho()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("dgram.sock")));
    QVERIFY(server.isOk());
    server.startDatagram();
    BlockingUnixDatagramClient client(path(QStringLiteral("dgram.sock")),
                                      DatagramProtocol(lines()));
    QVERIFY(client.localAddress().isAbstract()); // autobound, so the server can answer
    client.sendPacket(QStringLiteral("datagram"), 5s);
    QCOMPARE(client.recvPacket(5s).toString(), QStringLiteral("datagram"));
}

void tst_BlockingUnixClients::datagramPassDescriptors()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("dgfds.sock")));
    server.startDatagram();
    BlockingUnixDatagramClient client(path(QStringLiteral("dgfds.sock")),
                                      DatagramProtocol(lines()));
    const int memfd = makeMemfd("shared");
    SocketAncillary out;
    out.addFileDescriptors({memfd, memfd});
    client.sendPacket(QStringLiteral("two"), out, 5s);
    SocketAncillary in;
    QCOMPARE(client.recvPacket(in, SocketAncillary::DefaultBufferSize, 5s).toString(),
             QStringLiteral("two"));
    const QList<int> received = in.takeReceivedFileDescriptors();
    QCOMPARE(received.size(), 2);
    QCOMPARE(readFd(received.at(1)), QByteArray("shared"));
    closeAll(received);
    ::close(memfd);
}

void tst_BlockingUnixClients::datagramCredentials()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("dgcred.sock")));
    server.startDatagram([](UnixTestServer &, int socket, RawMessage &m) {
        const ucred mine = currentUcred();
        rawSend(socket, m.data, {}, &mine, &m.from, m.fromLength);
    });
    BlockingUnixOptions options;
    options.passCredentials = true;
    BlockingUnixDatagramClient client(path(QStringLiteral("dgcred.sock")),
                                      DatagramProtocol(lines()), options);
    SocketAncillary out;
    out.setCredentials(UnixCredentials::current());
    client.sendPacket(QStringLiteral("who"), out);
    SocketAncillary in;
    QCOMPARE(client.recvPacket(in, SocketAncillary::DefaultBufferSize, 5s).toString(),
             QStringLiteral("who"));
    QCOMPARE(in.receivedCredentials(), std::optional(UnixCredentials::current()));
}

void tst_BlockingUnixClients::datagramTruncatedControlBuffer()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("dgtrunc.sock")));
    server.startDatagram();
    BlockingUnixDatagramClient client(path(QStringLiteral("dgtrunc.sock")),
                                      DatagramProtocol(lines()));
    QList<int> sent;
    for (int i = 0; i < 10; ++i)
        sent.append(makeMemfd("t"));
    const int before = openFdCount();
    SocketAncillary out;
    out.addFileDescriptors(sent);
    client.sendPacket(QStringLiteral("many"), out);
    SocketAncillary in;
    try {
        client.recvPacket(in, SocketAncillary::spaceForFileDescriptors(1), 5s);
        QFAIL("no truncation reported");
    } catch (const OSError &e) {
        QVERIFY2(e.message().contains(QStringLiteral("truncated")), e.what());
    }
    QVERIFY(!in.hasReceivedData());
    // What did arrive was closed (the server thread closes its own copies a
    // moment after echoing, hence the wait).
    QTRY_COMPARE_WITH_TIMEOUT(openFdCount(), before, 5000);
    closeAll(sent);
}

void tst_BlockingUnixClients::descriptorsClosedWhenNotTaken()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("leak.sock")));
    server.startDatagram();
    BlockingUnixDatagramClient client(path(QStringLiteral("leak.sock")), DatagramProtocol(lines()));
    const int memfd = makeMemfd("leak?");
    const int before = openFdCount();
    for (int i = 0; i < 10000; ++i) {
        SocketAncillary out;
        out.addFileDescriptors({memfd});
        client.sendPacket(QStringLiteral("p"), out, 5s);
        SocketAncillary in;
        client.recvPacket(in, SocketAncillary::DefaultBufferSize, 5s);
        QCOMPARE(in.receivedFileDescriptors().size(), 1);
    } // `in` closes what it received
    QTRY_COMPARE_WITH_TIMEOUT(openFdCount(), before,
                              5000); // the server thread closes its copies too
    ::close(memfd);
}

void tst_BlockingUnixClients::operationsAfterClose()
{
    UnixTestServer server(SOCK_STREAM, path(QStringLiteral("closed.sock")));
    server.startStream();
    BlockingUnixStreamClient client(path(QStringLiteral("closed.sock")), StreamProtocol(lines()));
    client.close(); // the calls every client has: tst_blockingclientcontract
    SocketAncillary ancillary;
    QVERIFY(throws<ClientClosedError>([&] { client.sendPacket(QStringLiteral("x"), ancillary); }));
    QVERIFY(throws<ClientClosedError>([&] { client.recvPacket(ancillary); }));
    QVERIFY(client.peerAddress().isNull());
    QVERIFY(client.localAddress().isNull());
}

void tst_BlockingUnixClients::badOptions()
{
    // Refused before the socket is created: no server is needed.
    const UnixSocketAddress address = path(QStringLiteral("none.sock"));
    const std::pair<const char *, std::function<void(BlockingUnixOptions &)>> streamCases[] = {
        {"maxRecvSize 0", [](BlockingUnixOptions &o) { o.maxRecvSize = 0; }},
        {"maxPacketSize -1", [](BlockingUnixOptions &o) { o.maxPacketSize = -1; }},
    };
    for (const auto &[name, change] : streamCases) {
        BlockingUnixOptions options;
        change(options);
        QVERIFY2(throwsWithCode<ValueError>(
                     ErrorCode::InvalidArgument,
                     [&] { BlockingUnixStreamClient(address, StreamProtocol(lines()), options); }),
                 name);
    }
    BlockingUnixOptions options;
    options.maxDatagramSize = 0;
    QVERIFY(throwsWithCode<ValueError>(ErrorCode::InvalidArgument, [&] {
        BlockingUnixDatagramClient(address, DatagramProtocol(lines()), options);
    }));
}

void tst_BlockingUnixClients::adoptWrongKind()
{
    int pair[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair), 0);
    QVERIFY(throwsWithCode<ValueError>(ErrorCode::InvalidArgument, [&] {
        BlockingUnixStreamClient(pair[0], StreamProtocol(lines()));
    }));
    const int inet = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    QVERIFY(throwsWithCode<ValueError>(ErrorCode::InvalidArgument, [&] {
        BlockingUnixDatagramClient(inet, DatagramProtocol(lines()));
    }));
    for (const int fd : {pair[0], pair[1], inet})
        QCOMPARE(::close(fd), 0); // still the caller's
}

QTEST_GUILESS_MAIN(tst_BlockingUnixClients)
#include "tst_blockingunixclients.moc"
