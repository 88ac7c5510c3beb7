// SocketAncillary and UnixCredentials: the value types of Unix ancillary data.
// Received descriptors are obtained for real, through a UnixDatagramClient on
// one end of a socketpair.
#include <EasyNet/lineserializer.h>
#include <EasyNet/socketancillary.h>
#include <EasyNet/unixcredentials.h>
#include <EasyNet/unixdatagramclient.h>

#include <QtTest/QTest>

#include "testsupport.h"
#include "unixtestsupport.h"

using namespace EasyNet;
using namespace EasyNetTest;

class tst_SocketAncillary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void credentialsValue();
    void emptyValue();
    void toSendIsNotOwned();
    void copiesShareState();
    void movedFromStaysUsable();
    void receivedClosedWithLastCopy();
    void clearAndClearReceived();
    void takeTransfersOwnership();
    void receivesAccumulate();
    void bufferSpace();

private:
    int m_openBefore = 0; // descriptors open when the test began
    // Sends count memfds through a socketpair and receives them into ancillary.
    void receiveDescriptors(const SocketAncillary &ancillary, int count);
};

void tst_SocketAncillary::receiveDescriptors(const SocketAncillary &ancillary, int count)
{
    int pair[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, pair), 0);
    UnixDatagramClient client;
    client.setSocketDescriptor(static_cast<qintptr>(pair[0]));
    client.setProtocol(DatagramProtocol(std::make_shared<LineSerializer>()));
    client.setAutoRead(false);
    QVERIFY(finish(client.waitConnected()));
    QList<int> memfds;
    for (int i = 0; i < count; ++i)
        memfds.append(makeMemfd("received " + QByteArray::number(i)));
    QVERIFY(rawSend(pair[1], "fds", memfds));
    closeAll(memfds);
    const QFuture<QVariant> packet = client.recvPacket(ancillary);
    QVERIFY(finish(packet));
    QCOMPARE(packet.result().toString(), QStringLiteral("fds"));
    ::close(pair[1]);
}

void tst_SocketAncillary::init()
{
    m_openBefore = openFdCount();
}

// No test leaves a descriptor open: received ones close with their last SocketAncillary.
void tst_SocketAncillary::cleanup()
{
    QCOMPARE(openFdCount(), m_openBefore);
}

void tst_SocketAncillary::credentialsValue()
{
    const UnixCredentials me = UnixCredentials::current();
    QCOMPARE(me.pid(), qint64(::getpid()));
    QCOMPARE(me.uid(), quint32(::geteuid()));
    QCOMPARE(me.gid(), quint32(::getegid()));
    QCOMPARE(me, UnixCredentials(::getpid(), ::geteuid(), ::getegid()));
    QVERIFY(me != UnixCredentials());
    QCOMPARE(qHash(me), qHash(UnixCredentials::current()));
    QString text;
    QDebug(&text) << me;
    QVERIFY(text.contains(QStringLiteral("pid=%1").arg(::getpid())));
}

void tst_SocketAncillary::emptyValue()
{
    const SocketAncillary a;
    QVERIFY(!a.hasDataToSend());
    QVERIFY(!a.hasReceivedData());
    QVERIFY(a.fileDescriptors().isEmpty());
    QVERIFY(!a.credentials().has_value());
    QVERIFY(a.receivedFileDescriptors().isEmpty());
    QVERIFY(!a.receivedCredentials().has_value());
}

void tst_SocketAncillary::toSendIsNotOwned()
{
    const int fd = makeMemfd("mine");
    {
        SocketAncillary a;
        a.addFileDescriptors({fd});
        a.addFileDescriptors({fd});
        a.setCredentials(UnixCredentials::current());
        QCOMPARE(a.fileDescriptors(), (QList<int> {fd, fd}));
        QCOMPARE(a.credentials(), std::optional(UnixCredentials::current()));
        QVERIFY(a.hasDataToSend());
        a.clear();
        QVERIFY(!a.hasDataToSend());
        a.addFileDescriptors({fd});
    }
    QCOMPARE(readFd(fd), QByteArray("mine")); // still open
    ::close(fd);
}

void tst_SocketAncillary::copiesShareState()
{
    SocketAncillary a;
    SocketAncillary b = a;
    QVERIFY(a.isSharedWith(b));
    b.addFileDescriptors({0});
    QCOMPARE(a.fileDescriptors(), QList<int> {0});
    SocketAncillary c;
    QVERIFY(!c.isSharedWith(a));
    c = a;
    c.setCredentials(UnixCredentials(1, 2, 3));
    QCOMPARE(a.credentials(), std::optional(UnixCredentials(1, 2, 3)));
}

void tst_SocketAncillary::movedFromStaysUsable()
{
    SocketAncillary a;
    a.addFileDescriptors({0});
    SocketAncillary b = std::move(a);
    QCOMPARE(b.fileDescriptors(), QList<int> {0});
    QVERIFY(!a.hasDataToSend()); // NOLINT(bugprone-use-after-move): documented state
    a.addFileDescriptors({1});
    QCOMPARE(b.fileDescriptors(), QList<int> {0});
}

void tst_SocketAncillary::receivedClosedWithLastCopy()
{
    QList<int> fds;
    {
        SocketAncillary a;
        receiveDescriptors(a, 3);
        fds = a.receivedFileDescriptors();
        QCOMPARE(fds.size(), 3);
        QCOMPARE(readFd(fds.at(2)), QByteArray("received 2"));
        {
            const SocketAncillary copy = a;
            Q_UNUSED(copy);
        }
        // A copy going away closes nothing.
        for (int fd : std::as_const(fds))
            QVERIFY(::fcntl(fd, F_GETFD) >= 0);
    }
}

void tst_SocketAncillary::clearAndClearReceived()
{
    SocketAncillary a;
    a.addFileDescriptors({0});
    receiveDescriptors(a, 2);
    QCOMPARE(a.receivedFileDescriptors().size(), 2);
    QCOMPARE(openFdCount(), m_openBefore + 2);
    a.clearReceived();
    QVERIFY(!a.hasReceivedData());
    QVERIFY(a.hasDataToSend()); // what to send is kept
    QCOMPARE(openFdCount(), m_openBefore);
    receiveDescriptors(a, 1);
    QCOMPARE(openFdCount(), m_openBefore + 1);
    a.clear();
    QVERIFY(!a.hasDataToSend());
    QVERIFY(!a.hasReceivedData());
    QCOMPARE(openFdCount(), m_openBefore);
}

void tst_SocketAncillary::takeTransfersOwnership()
{
    QList<int> taken;
    {
        SocketAncillary a;
        receiveDescriptors(a, 2);
        taken = a.takeReceivedFileDescriptors();
        QVERIFY(a.receivedFileDescriptors().isEmpty());
    }
    QCOMPARE(openFdCount(), m_openBefore + 2);
    QCOMPARE(readFd(taken.at(0)), QByteArray("received 0"));
    closeAll(taken);
}

void tst_SocketAncillary::receivesAccumulate()
{
    {
        SocketAncillary a;
        receiveDescriptors(a, 1);
        receiveDescriptors(a, 2);
        QCOMPARE(a.receivedFileDescriptors().size(), 3);
        QCOMPARE(readFd(a.receivedFileDescriptors().at(2)), QByteArray("received 1"));
    }
}

void tst_SocketAncillary::bufferSpace()
{
    QCOMPARE(SocketAncillary::spaceForFileDescriptors(0), 0);
    QVERIFY(SocketAncillary::spaceForFileDescriptors(1) >= qsizetype(sizeof(int)));
    QVERIFY(SocketAncillary::spaceForFileDescriptors(200) >= 200 * qsizetype(sizeof(int)));
    QVERIFY(SocketAncillary::spaceForCredentials() >= qsizetype(3 * sizeof(int)));
    QVERIFY(SocketAncillary::spaceForFileDescriptors(SocketAncillary::MaxFileDescriptors)
                + SocketAncillary::spaceForCredentials()
            <= SocketAncillary::DefaultBufferSize);
}

QTEST_GUILESS_MAIN(tst_SocketAncillary)
#include "tst_socketancillary.moc"
