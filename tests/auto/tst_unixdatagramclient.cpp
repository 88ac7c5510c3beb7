// UnixDatagramClient against raw AF_UNIX datagram servers started by the test
// (in a thread of their own) in a temporary directory and in the abstract namespace.
#include <EasyNet/exceptions.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/unixdatagramclient.h>

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "testsupport.h"
#include "unixtestsupport.h"

using namespace EasyNet;
using namespace EasyNetTest;

namespace {

DatagramProtocol textProtocol()
{
    return DatagramProtocol(std::make_shared<LineSerializer>(LineSerializer::Separator::LF,
                                                             LineSerializer::Encoding::Utf8));
}

UnixSocketAddress uniqueAbstract()
{
    static int counter = 0;
    return UnixSocketAddress::fromAbstractName(
        QStringLiteral("easynet-dgram-test-%1-%2").arg(::getpid()).arg(++counter).toUtf8());
}

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

class tst_UnixDatagramClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void echoSignalStyle();
    void echoPullStyle();
    void abstractAddresses();
    void localPathBind();
    void passDescriptors_data();
    void passDescriptors();
    void credentialsSentAndReceived();
    void truncatedControlBuffer();
    void descriptorsClosedWhenNotTaken();
    void malformedDatagramBetweenGoodOnes();
    void oversizedDatagram();
    void missingPath();
    void staleSocketFile();
    void adoptDescriptor();
    void operationsAfterClose();

private:
    QTemporaryDir m_dir;
    UnixSocketAddress path(const QString &name) const
    {
        return UnixSocketAddress::fromPath(m_dir.filePath(name));
    }
};

void tst_UnixDatagramClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_UnixDatagramClient::echoSignalStyle()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("echo.sock")));
    QVERIFY(server.isOk());
    server.startDatagram();
    UnixDatagramClient client(m_dir.filePath(QStringLiteral("echo.sock")), textProtocol());
    QStringList got;
    connect(&client, &AbstractClient::packetReceived, this,
            [&](const QVariant &p) { got.append(p.toString()); });
    QVERIFY(finish(client.waitConnected()));
    // Unix datagrams are reliable and ordered: no pacing needed (a full
    // receive queue makes the sender wait, it does not drop).
    QStringList sent;
    for (int i = 0; i < 5000; ++i) {
        sent.append(QStringLiteral("datagram %1").arg(i));
        client.sendPacket(sent.last());
    }
    QVERIFY(waitUntil([&] { return got.size() >= sent.size(); }));
    QCOMPARE(got, sent);
}

void tst_UnixDatagramClient::echoPullStyle()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("pull.sock")));
    server.startDatagram();
    UnixDatagramClient client(path(QStringLiteral("pull.sock")), textProtocol());
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

void tst_UnixDatagramClient::abstractAddresses()
{
    const UnixSocketAddress address = uniqueAbstract();
    UnixTestServer server(SOCK_DGRAM, address);
    QVERIFY(server.isOk());
    server.startDatagram();
    UnixDatagramClient client(address, textProtocol());
    QVERIFY(finish(client.waitConnected()));
    QCOMPARE(client.peerAddress(), address);
    // Autobound to a fresh abstract name, so that the server can answer.
    QVERIFY(client.localAddress().isAbstract());
    client.sendPacket(QStringLiteral("abstract"));
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("abstract"));
}

void tst_UnixDatagramClient::localPathBind()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("bindsrv.sock")));
    server.startDatagram();
    const UnixSocketAddress local = path(QStringLiteral("client.sock"));
    {
        UnixDatagramClient client(path(QStringLiteral("bindsrv.sock")), textProtocol());
        client.setBindAddress(local);
        QVERIFY(finish(client.waitConnected()));
        QCOMPARE(client.localAddress(), local);
        client.sendPacket(QStringLiteral("from a path"));
        const QFuture<QVariant> answer = client.recvPacket();
        QVERIFY(finish(answer));
        QCOMPARE(answer.result().toString(), QStringLiteral("from a path"));
        QVERIFY(finish(client.close()));
    }
    QVERIFY(QFile::exists(local.path())); // not deleted on close
}

void tst_UnixDatagramClient::passDescriptors_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("2") << 2;
    QTest::newRow("200") << 200;
}

void tst_UnixDatagramClient::passDescriptors()
{
    QFETCH(int, count);
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("fds.sock")));
    server.startDatagram();
    const int before = openFdCount();
    QList<int> memfds;
    for (int i = 0; i < count; ++i)
        memfds.append(makeMemfd(QStringLiteral("datagram file %1").arg(i).toUtf8()));
    {
        UnixDatagramClient client(path(QStringLiteral("fds.sock")), textProtocol());
        client.setAutoRead(false);
        QVERIFY(finish(client.waitConnected()));
        SocketAncillary toSend;
        toSend.addFileDescriptors(memfds);
        QVERIFY(finish(client.sendPacket(QStringLiteral("files"), toSend)));
        SocketAncillary received;
        const QFuture<QVariant> answer = client.recvPacket(received);
        QVERIFY(finish(answer));
        QCOMPARE(answer.result().toString(), QStringLiteral("files"));
        const QList<int> fds = received.receivedFileDescriptors();
        QCOMPARE(fds.size(), count);
        for (int i = 0; i < count; ++i) {
            QVERIFY(sameFile(fds.at(i), memfds.at(i)));
            QCOMPARE(readFd(fds.at(i)), QStringLiteral("datagram file %1").arg(i).toUtf8());
        }
    }
    closeAll(memfds);
    QTRY_COMPARE(openFdCount(), before);
}

void tst_UnixDatagramClient::credentialsSentAndReceived()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("creds.sock")));
    server.startDatagram([](UnixTestServer &s, int socket, RawMessage &m) {
        {
            std::lock_guard lock(s.mutex);
            s.lastCredentials = m.credentials;
        }
        const ucred mine = currentUcred();
        rawSend(socket, m.data, m.fds, &mine, &m.from, m.fromLength);
        closeAll(m.fds);
    });
    UnixDatagramClient client(path(QStringLiteral("creds.sock")), textProtocol());
    client.setAutoRead(false);
    client.setPassCredentials(true);
    QVERIFY(finish(client.waitConnected()));
    SocketAncillary ancillary;
    ancillary.setCredentials(UnixCredentials::current());
    QVERIFY(finish(client.sendPacket(QStringLiteral("creds"), ancillary)));
    SocketAncillary received;
    const QFuture<QVariant> answer = client.recvPacket(received);
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("creds"));
    QCOMPARE(received.receivedCredentials().value_or(UnixCredentials()),
             UnixCredentials::current());
    std::lock_guard lock(server.mutex);
    QVERIFY(server.lastCredentials.has_value());
    QCOMPARE(qint64(server.lastCredentials->pid), qint64(::getpid()));
}

void tst_UnixDatagramClient::truncatedControlBuffer()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("ctrunc.sock")));
    server.startDatagram();
    const int before = openFdCount();
    QList<int> memfds;
    for (int i = 0; i < 200; ++i)
        memfds.append(makeMemfd("x"));
    {
        UnixDatagramClient client(path(QStringLiteral("ctrunc.sock")), textProtocol());
        client.setAutoRead(false);
        QVERIFY(finish(client.waitConnected()));
        SocketAncillary toSend;
        toSend.addFileDescriptors(memfds);
        QVERIFY(finish(client.sendPacket(QStringLiteral("many"), toSend)));
        SocketAncillary received;
        const QFuture<QVariant> answer
            = client.recvPacket(received, SocketAncillary::spaceForFileDescriptors(3));
        QVERIFY(finish(answer));
        QCOMPARE(failure(answer), ErrorCode::OSError);
        QCOMPARE(failureErrno(answer), EMSGSIZE);
        QVERIFY(!received.hasReceivedData());
        // The client goes on.
        client.sendPacket(QStringLiteral("after"));
        const QFuture<QVariant> next = client.recvPacket(received);
        QVERIFY(finish(next));
        QCOMPARE(next.result().toString(), QStringLiteral("after"));
    }
    closeAll(memfds);
    QTRY_COMPARE(openFdCount(), before);
}

void tst_UnixDatagramClient::descriptorsClosedWhenNotTaken()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("leak.sock")));
    server.startDatagram();
    const int memfd = makeMemfd("leak test");
    UnixDatagramClient client(path(QStringLiteral("leak.sock")), textProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    SocketAncillary toSend;
    toSend.addFileDescriptors({memfd});
    const int before = openFdCount();
    for (int i = 0; i < 10000; ++i) {
        client.sendPacket(QStringLiteral("pass"), toSend);
        SocketAncillary received;
        const QFuture<QVariant> answer = client.recvPacket(received);
        QVERIFY(finish(answer));
        QCOMPARE(received.receivedFileDescriptors().size(), 1);
    }
    QTRY_COMPARE(openFdCount(), before);
    ::close(memfd);
}

void tst_UnixDatagramClient::malformedDatagramBetweenGoodOnes()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("malformed.sock")));
    server.startDatagram([](UnixTestServer &, int socket, RawMessage &m) {
        const int memfd = makeMemfd("bad");
        rawSend(socket, "good one", {}, nullptr, &m.from, m.fromLength);
        rawSend(socket, "\xff\xfe not UTF-8", {memfd}, nullptr, &m.from, m.fromLength);
        rawSend(socket, "good two", {}, nullptr, &m.from, m.fromLength);
        ::close(memfd);
        closeAll(m.fds);
    });
    UnixDatagramClient client(path(QStringLiteral("malformed.sock")), textProtocol());
    client.setAutoRead(false);
    QSignalSpy errors(&client, &AbstractClient::errorOccurred);
    QVERIFY(finish(client.waitConnected()));
    const int before = openFdCount();
    client.sendPacket(QStringLiteral("go"));
    SocketAncillary ancillary;
    const QFuture<QVariant> first = client.recvPacket(ancillary);
    QVERIFY(finish(first));
    QCOMPARE(first.result().toString(), QStringLiteral("good one"));
    const QFuture<QVariant> bad = client.recvPacket(ancillary);
    QVERIFY(finish(bad));
    QCOMPARE(failure(bad), ErrorCode::DatagramParseError);
    QCOMPARE(errors.size(), 1);
    QVERIFY(!ancillary.hasReceivedData()); // the bad datagram's descriptor was closed
    const QFuture<QVariant> second = client.recvPacket();
    QVERIFY(finish(second));
    QCOMPARE(second.result().toString(), QStringLiteral("good two"));
    QVERIFY(client.isConnected());
    QTRY_COMPARE(openFdCount(), before);
}

void tst_UnixDatagramClient::oversizedDatagram()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("big.sock")));
    server.startDatagram([](UnixTestServer &, int socket, RawMessage &m) {
        rawSend(socket, QByteArray(100, 'a'), {}, nullptr, &m.from, m.fromLength);
        rawSend(socket, QByteArray(101, 'b'), {}, nullptr, &m.from, m.fromLength);
        rawSend(socket, QByteArray(60000, 'c'), {}, nullptr, &m.from, m.fromLength);
        rawSend(socket, "small", {}, nullptr, &m.from, m.fromLength);
    });
    UnixDatagramClient client(path(QStringLiteral("big.sock")), textProtocol());
    client.setMaxDatagramSize(100);
    QCOMPARE(client.maxDatagramSize(), 100);
    QList<Error> errors;
    QStringList got;
    connect(&client, &AbstractClient::errorOccurred, this,
            [&](const Error &e) { errors.append(e); });
    connect(&client, &AbstractClient::packetReceived, this,
            [&](const QVariant &p) { got.append(p.toString()); });
    QVERIFY(finish(client.waitConnected()));
    client.sendPacket(QStringLiteral("go"));
    QTRY_COMPARE(got.size(), 2);
    QCOMPARE(got.at(0), QString(100, QLatin1Char('a')));
    QCOMPARE(got.at(1), QStringLiteral("small"));
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0).code(), ErrorCode::DatagramParseError);
    QCOMPARE(errors.at(0).parseError().kind(), ParseError::Kind::TooLarge);
    QCOMPARE(errors.at(1).parseError().size(), 60000);
}

void tst_UnixDatagramClient::missingPath()
{
    UnixDatagramClient client(path(QStringLiteral("nobody.sock")), textProtocol());
    const QFuture<void> connecting = client.waitConnected();
    QVERIFY(finish(connecting));
    QCOMPARE(failure(connecting), ErrorCode::OSError);
    QCOMPARE(failureErrno(connecting), ENOENT);
    QCOMPARE(client.state(), AbstractClient::State::Closed);
}

void tst_UnixDatagramClient::staleSocketFile()
{
    // A socket file whose socket is gone: nothing is bound to it any more.
    {
        const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        const UnixSocketAddress stale = path(QStringLiteral("stale2.sock"));
        sockaddr_un addr {};
        const qsizetype length = stale.toSockAddr(addr);
        QCOMPARE(::bind(fd, asSockaddr(&addr), socklen_t(length)), 0);
        ::close(fd);
    }
    UnixDatagramClient client(path(QStringLiteral("stale2.sock")), textProtocol());
    const QFuture<void> connecting = client.waitConnected();
    QVERIFY(finish(connecting));
    QCOMPARE(failure(connecting), ErrorCode::ConnectionRefused);
}

void tst_UnixDatagramClient::adoptDescriptor()
{
    int pair[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair), 0);
    UnixDatagramClient client;
    client.setSocketDescriptor(static_cast<qintptr>(pair[0]));
    client.setProtocol(textProtocol());
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    QVERIFY(finish(client.sendPacket(QStringLiteral("ping"))));
    RawMessage m = rawRecv(pair[1]);
    QCOMPARE(m.data, QByteArray("ping"));
    QVERIFY(rawSend(pair[1], "pong"));
    const QFuture<QVariant> answer = client.recvPacket();
    QVERIFY(finish(answer));
    QCOMPARE(answer.result().toString(), QStringLiteral("pong"));
    client.abort();
    QCOMPARE(::fcntl(pair[0], F_GETFD), -1); // owned and closed by the client
    ::close(pair[1]);

    int stream[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, stream), 0);
    UnixDatagramClient wrongType;
    wrongType.setSocketDescriptor(static_cast<qintptr>(stream[0]));
    wrongType.setProtocol(textProtocol());
    const QFuture<void> refused = wrongType.waitConnected();
    QVERIFY(finish(refused));
    QCOMPARE(failureErrno(refused), EPROTOTYPE);
    ::close(stream[1]);
}

void tst_UnixDatagramClient::operationsAfterClose()
{
    UnixTestServer server(SOCK_DGRAM, path(QStringLiteral("closed.sock")));
    server.startDatagram();
    UnixDatagramClient client(path(QStringLiteral("closed.sock")), textProtocol());
    QSignalSpy closedSpy(&client, &AbstractClient::closed);
    QVERIFY(finish(client.waitConnected()));
    const QFuture<QVariant> pending = client.recvPacket();
    QVERIFY(finish(client.close()));
    QVERIFY(finish(client.close()));
    QVERIFY(finish(pending));
    QCOMPARE(failure(pending), ErrorCode::ClientClosed);
    QCOMPARE(closedSpy.size(), 1);
    SocketAncillary ancillary;
    QCOMPARE(failure(client.sendPacket(QStringLiteral("x"))), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.sendPacket(QStringLiteral("x"), ancillary)), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.recvPacket(ancillary)), ErrorCode::ClientClosed);
    QCOMPARE(failure(client.waitConnected()), ErrorCode::ClientClosed);
    QVERIFY(!client.socket().isValid());
    QVERIFY(client.localAddress().isNull());
}

QTEST_GUILESS_MAIN(tst_UnixDatagramClient)
#include "tst_unixdatagramclient.moc"
