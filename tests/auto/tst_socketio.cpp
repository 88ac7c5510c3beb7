// SocketIo: the one sendmsg()/recvmsg() path of the library and the console's
// Unix echo servers, on real AF_UNIX sockets: datagrams to and from addresses,
// descriptors close-on-exec, and the stricter of the two former behaviours
// for a control buffer that is too small (the descriptors that did arrive are
// closed, and the bytes still count).
#include "transport/socketio_p.h"

#include <QtCore/QDir>
#include <QtTest/QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>

using namespace EasyNet;

namespace {

qsizetype openDescriptorCount()
{
    return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
}

// An AF_UNIX datagram socket bound to a fresh abstract name.
int boundDatagramSocket(UnixSocketAddress &address)
{
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un unnamed {};
    unnamed.sun_family = AF_UNIX;
    // Autobind (an address of the family alone) gives the socket an abstract name.
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&unnamed), sizeof(sa_family_t)) != 0)
        return -1;
    sockaddr_un name {};
    socklen_t length = sizeof(name);
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&name), &length);
    address = UnixSocketAddress::fromSockAddr(name, qsizetype(length));
    return fd;
}

} // namespace

class tst_SocketIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void datagramToAnAddressNamesItsSender();
    void receivedDescriptorsAreCloseOnExec();
    void truncatedControlClosesTheDescriptorsThatArrived();
    void wouldBlockAndErrorsAreTold();
};

void tst_SocketIo::datagramToAnAddressNamesItsSender()
{
    UnixSocketAddress fromAddress, toAddress;
    const int from = boundDatagramSocket(fromAddress);
    const int to = boundDatagramSocket(toAddress);
    QVERIFY(from >= 0 && to >= 0);
    const IoResult sent = SocketIo::send(from, "ping", nullptr, &toAddress);
    QVERIFY(sent.ok());
    QCOMPARE(sent.bytes, 4);

    char buffer[16];
    UnixSocketAddress sender;
    const IoResult got = SocketIo::receive(to, buffer, sizeof(buffer), 0, nullptr, true,
                                           SocketIo::Wait::No, &sender);
    QVERIFY(got.ok());
    QCOMPARE(QByteArray(buffer, got.bytes), QByteArray("ping"));
    QCOMPARE(sender, fromAddress);
    ::close(from);
    ::close(to);
}

void tst_SocketIo::receivedDescriptorsAreCloseOnExec()
{
    int ends[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, ends), 0);
    int pipeEnds[2];
    QCOMPARE(::pipe(pipeEnds), 0); // without O_CLOEXEC: the flag comes from the receive
    SocketAncillary toSend;
    toSend.addFileDescriptors({pipeEnds[0]});
    QVERIFY(SocketIo::send(ends[0], "x", &toSend).ok());

    char byte;
    SocketAncillary received;
    const IoResult got = SocketIo::receive(
        ends[1], &byte, 1, SocketAncillary::spaceForFileDescriptors(1), &received, true);
    QVERIFY(got.ok());
    const QList<int> fds = received.takeReceivedFileDescriptors();
    QCOMPARE(fds.size(), 1);
    QVERIFY(::fcntl(fds.first(), F_GETFD) & FD_CLOEXEC);
    for (int fd : {fds.first(), pipeEnds[0], pipeEnds[1], ends[0], ends[1]})
        ::close(fd);
}

void tst_SocketIo::truncatedControlClosesTheDescriptorsThatArrived()
{
    int ends[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, ends), 0);
    int pipeEnds[2];
    QCOMPARE(::pipe2(pipeEnds, O_CLOEXEC), 0);
    SocketAncillary toSend;
    toSend.addFileDescriptors({pipeEnds[0], pipeEnds[1], pipeEnds[0], pipeEnds[1]});
    QVERIFY(SocketIo::send(ends[0], "four", &toSend).ok());

    const qsizetype before = openDescriptorCount();
    char buffer[8];
    SocketAncillary received;
    const IoResult got
        = SocketIo::receive(ends[1], buffer, sizeof(buffer),
                            SocketAncillary::spaceForFileDescriptors(1), &received, true);
    QVERIFY(got.controlTruncated);
    QCOMPARE(got.error.osErrno(), EMSGSIZE);
    QCOMPARE(got.bytes, 4); // the datagram itself was received and is not lost
    QCOMPARE(QByteArray(buffer, got.bytes), QByteArray("four"));
    QVERIFY(!received.hasReceivedData());
    QCOMPARE(openDescriptorCount(), before); // what the kernel installed is closed again
    for (int fd : {pipeEnds[0], pipeEnds[1], ends[0], ends[1]})
        ::close(fd);
}

void tst_SocketIo::wouldBlockAndErrorsAreTold()
{
    int ends[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends), 0);
    char byte;
    const IoResult nothing = SocketIo::receive(ends[1], &byte, 1, 0, nullptr, false);
    QVERIFY(nothing.wouldBlock);
    QVERIFY(!nothing.ok());

    ::close(ends[1]);
    const IoResult broken = SocketIo::send(ends[0], "x", nullptr); // no SIGPIPE
    QCOMPARE(broken.error.osErrno(), EPIPE);
    ::close(ends[0]);
}

QTEST_GUILESS_MAIN(tst_SocketIo)
#include "tst_socketio.moc"
