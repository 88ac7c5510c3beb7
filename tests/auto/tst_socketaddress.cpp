// UnixSocketAddress: text forms, equality and
// hashing, bad input, and sockaddr_un round trips through real AF_UNIX sockets.
#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QScopeGuard>
#include <QtCore/QSet>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

using namespace EasyNet;

namespace {

// An AF_UNIX socket closed on scope exit.
class Socket
{
public:
    explicit Socket(int type = SOCK_STREAM) : m_fd(::socket(AF_UNIX, type | SOCK_CLOEXEC, 0)) { }
    ~Socket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Socket(const Socket &) = delete;
    Socket &operator=(const Socket &) = delete;
    int fd() const { return m_fd; }

private:
    int m_fd;
};

// Binds fd to address; returns errno (0 on success).
int bindTo(int fd, const UnixSocketAddress &address)
{
    sockaddr_un addr;
    const qsizetype length = address.toSockAddr(addr);
    if (length < 0)
        return EINVAL;
    return ::bind(fd, reinterpret_cast<const sockaddr *>(&addr), socklen_t(length)) == 0 ? 0
                                                                                         : errno;
}

UnixSocketAddress localAddress(int fd, bool *ok)
{
    sockaddr_un addr;
    std::memset(&addr, 0xab, sizeof(addr)); // garbage beyond the returned length must not matter
    socklen_t length = sizeof(addr);
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &length) != 0) {
        *ok = false;
        return {};
    }
    return UnixSocketAddress::fromSockAddr(addr, length, ok);
}

UnixSocketAddress peerAddress(int fd, bool *ok)
{
    sockaddr_un addr;
    std::memset(&addr, 0xab, sizeof(addr));
    socklen_t length = sizeof(addr);
    if (::getpeername(fd, reinterpret_cast<sockaddr *>(&addr), &length) != 0) {
        *ok = false;
        return {};
    }
    return UnixSocketAddress::fromSockAddr(addr, length, ok);
}

} // namespace

class tst_SocketAddress : public QObject
{
    Q_OBJECT

private slots:
    void unixKinds();
    void unixParse_data();
    void unixParse();
    void unixBad_data();
    void unixBad();
    void unixAbstractEscapes_data();
    void unixAbstractEscapes();
    void unixEqualityAndHash();
    void unixSockAddrLengths();
    void unixSockAddrRoundTrip_data();
    void unixSockAddrRoundTrip();
    void unixFromSockAddrBad();
    void unixBindPath();
    void unixBindLongestPath();
    void unixBindAbstract();
    void unixUnnamed();
    void unixDatagramSender();

    void debugAndMetaType();
};

// --- Unix -------------------------------------------------------------------------

void tst_SocketAddress::unixKinds()
{
    const UnixSocketAddress null;
    QVERIFY(null.isNull());
    QCOMPARE(null.kind(), UnixSocketAddress::Kind::Null);
    QVERIFY(null.toString().isEmpty());

    const UnixSocketAddress unnamed = UnixSocketAddress::unnamed();
    QVERIFY(unnamed.isUnnamed());
    QCOMPARE(unnamed.toString(), QStringLiteral("<unnamed>"));

    bool ok = false;
    const UnixSocketAddress path = UnixSocketAddress::fromPath(QStringLiteral("/tmp/x.sock"), &ok);
    QVERIFY(ok);
    QVERIFY(path.isPath());
    QCOMPARE(path.path(), QStringLiteral("/tmp/x.sock"));
    QCOMPARE(path.nativePath(), QByteArray("/tmp/x.sock"));
    QVERIFY(path.abstractName().isEmpty());
    QCOMPARE(path.toString(), QStringLiteral("/tmp/x.sock"));

    const UnixSocketAddress abstract = UnixSocketAddress::fromAbstractName("my-service", &ok);
    QVERIFY(ok);
    QVERIFY(abstract.isAbstract());
    QCOMPARE(abstract.abstractName(), QByteArray("my-service"));
    QVERIFY(abstract.path().isEmpty());
    QCOMPARE(abstract.toString(), QStringLiteral("@my-service"));

    const UnixSocketAddress emptyAbstract = UnixSocketAddress::fromAbstractName({}, &ok);
    QVERIFY(ok);
    QVERIFY(emptyAbstract.isAbstract());
    QCOMPARE(emptyAbstract.toString(), QStringLiteral("@"));

    // Non-ASCII paths are encoded as the system does.
    const QString unicode = QStringLiteral("/tmp/h\u00e9llo-\u4e2d.sock");
    const UnixSocketAddress unicodePath = UnixSocketAddress::fromPath(unicode, &ok);
    QVERIFY(ok);
    QCOMPARE(unicodePath.path(), unicode);
    QCOMPARE(unicodePath.nativePath(), QFile::encodeName(unicode));
}

void tst_SocketAddress::unixParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("printed");

    const int path = int(UnixSocketAddress::Kind::Path);
    const int abstract = int(UnixSocketAddress::Kind::Abstract);
    QTest::newRow("absolute") << QStringLiteral("/tmp/x.sock") << path << QByteArray("/tmp/x.sock")
                              << QStringLiteral("/tmp/x.sock");
    QTest::newRow("relative") << QStringLiteral("x.sock") << path << QByteArray("x.sock")
                              << QStringLiteral("x.sock");
    QTest::newRow("spaces") << QStringLiteral("/tmp/a b") << path << QByteArray("/tmp/a b")
                            << QStringLiteral("/tmp/a b");
    QTest::newRow("dot-at") << QStringLiteral("./@x") << path << QByteArray("./@x")
                            << QStringLiteral("./@x");
    QTest::newRow("longest-path") << QString(108, QLatin1Char('p')) << path << QByteArray(108, 'p')
                                  << QString(108, QLatin1Char('p'));
    QTest::newRow("abstract") << QStringLiteral("@name") << abstract << QByteArray("name")
                              << QStringLiteral("@name");
    QTest::newRow("abstract-empty")
        << QStringLiteral("@") << abstract << QByteArray() << QStringLiteral("@");
    QTest::newRow("abstract-nul") << QStringLiteral("@a\\x00b") << abstract << QByteArray("a\0b", 3)
                                  << QStringLiteral("@a\\x00b");
    QTest::newRow("abstract-upper-hex")
        << QStringLiteral("@\\x0A") << abstract << QByteArray("\n") << QStringLiteral("@\\x0a");
    QTest::newRow("abstract-backslash")
        << QStringLiteral("@a\\\\b") << abstract << QByteArray("a\\b") << QStringLiteral("@a\\\\b");
    QTest::newRow("abstract-at") << QStringLiteral("@@x") << abstract << QByteArray("@x")
                                 << QStringLiteral("@@x");
    QTest::newRow("abstract-longest")
        << QLatin1Char('@') + QString(107, QLatin1Char('n')) << abstract << QByteArray(107, 'n')
        << QLatin1Char('@') + QString(107, QLatin1Char('n'));
    QTest::newRow("unnamed") << QStringLiteral("<unnamed>") << int(UnixSocketAddress::Kind::Unnamed)
                             << QByteArray() << QStringLiteral("<unnamed>");
}

void tst_SocketAddress::unixParse()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, printed);

    bool ok = false;
    const UnixSocketAddress address = UnixSocketAddress::fromString(text, &ok);
    QVERIFY(ok);
    QCOMPARE(int(address.kind()), kind);
    QCOMPARE(address.isPath() ? address.nativePath() : address.abstractName(), bytes);
    QCOMPARE(address.toString(), printed);
    QCOMPARE(UnixSocketAddress::fromString(printed), address);
}

void tst_SocketAddress::unixBad_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("path-too-long") << QString(109, QLatin1Char('p'));
    QTest::newRow("abs-path-too-long") << QLatin1Char('/') + QString(108, QLatin1Char('p'));
    // 54 two-byte characters: 108 bytes fit, one more does not.
    QTest::newRow("encoded-too-long") << QLatin1Char('/') + QString(54, QChar(0xe9));
    QTest::newRow("path-nul") << QStringLiteral("/tmp/a") + QChar(0) + QStringLiteral("b");
    QTest::newRow("abstract-too-long") << QLatin1Char('@') + QString(108, QLatin1Char('n'));
    QTest::newRow("abstract-escapes-too-long")
        << QLatin1Char('@') + QString(54, QChar(0xe9)); // 108 bytes
    QTest::newRow("bad-escape") << QStringLiteral("@a\\q");
    QTest::newRow("short-hex") << QStringLiteral("@a\\x1");
    QTest::newRow("bad-hex") << QStringLiteral("@a\\xzz");
    QTest::newRow("trailing-backslash") << QStringLiteral("@a\\");
}

void tst_SocketAddress::unixBad()
{
    QFETCH(QString, text);
    bool ok = true;
    const UnixSocketAddress address = UnixSocketAddress::fromString(text, &ok);
    QVERIFY(!ok);
    QVERIFY(address.isNull());
}

void tst_SocketAddress::unixAbstractEscapes_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("printed");

    QTest::newRow("plain") << QByteArray("svc") << QStringLiteral("@svc");
    QTest::newRow("utf8") << QByteArray("h\xc3\xa9") << QStringLiteral("@h\u00e9");
    QTest::newRow("control") << QByteArray("a\tb\x7f") << QStringLiteral("@a\\x09b\\x7f");
    QTest::newRow("not-utf8") << QByteArray("a\xff\xc3") << QStringLiteral("@a\\xff\\xc3");
    QTest::newRow("not-utf8-backslash") << QByteArray("\\\xfe") << QStringLiteral("@\\\\\\xfe");
    QTest::newRow("all-nul") << QByteArray(3, '\0') << QStringLiteral("@\\x00\\x00\\x00");
}

void tst_SocketAddress::unixAbstractEscapes()
{
    QFETCH(QByteArray, name);
    QFETCH(QString, printed);

    const UnixSocketAddress address = UnixSocketAddress::fromAbstractName(name);
    QCOMPARE(address.toString(), printed);
    bool ok = false;
    QCOMPARE(UnixSocketAddress::fromString(printed, &ok), address);
    QVERIFY(ok);
}

void tst_SocketAddress::unixEqualityAndHash()
{
    const UnixSocketAddress path = UnixSocketAddress::fromPath(QStringLiteral("/run/x"));
    const UnixSocketAddress samePath = UnixSocketAddress::fromString(u"/run/x");
    // Same bytes, different kinds: different addresses.
    const UnixSocketAddress abstract = UnixSocketAddress::fromAbstractName("/run/x");
    const UnixSocketAddress otherPath = UnixSocketAddress::fromPath(QStringLiteral("/run/y"));
    QCOMPARE(path, samePath);
    QCOMPARE(qHash(path), qHash(samePath));
    QCOMPARE(qHash(path, 3), qHash(samePath, 3));
    QVERIFY(path != abstract);
    QVERIFY(path != otherPath);
    QVERIFY(UnixSocketAddress::unnamed() != UnixSocketAddress());
    QCOMPARE(UnixSocketAddress::unnamed(), UnixSocketAddress::fromString(u"<unnamed>"));
    QVERIFY(UnixSocketAddress::fromAbstractName({}) != UnixSocketAddress::unnamed());

    QSet<UnixSocketAddress> set {path,
                                 samePath,
                                 abstract,
                                 otherPath,
                                 UnixSocketAddress::unnamed(),
                                 UnixSocketAddress::unnamed(),
                                 UnixSocketAddress::fromAbstractName({})};
    QCOMPARE(set.size(), 5);
    QVERIFY(set.contains(UnixSocketAddress::fromString(u"@/run/x")));
}

void tst_SocketAddress::unixSockAddrLengths()
{
    const qsizetype offset = qsizetype(offsetof(sockaddr_un, sun_path));
    sockaddr_un addr;

    QCOMPARE(UnixSocketAddress().toSockAddr(addr), qsizetype(-1));

    QCOMPARE(UnixSocketAddress::unnamed().toSockAddr(addr), qsizetype(sizeof(sa_family_t)));
    QCOMPARE(addr.sun_family, sa_family_t(AF_UNIX));

    QCOMPARE(UnixSocketAddress::fromPath(QStringLiteral("/tmp/x")).toSockAddr(addr),
             offset + 6 + 1);
    QCOMPARE(QByteArray(addr.sun_path, 7), QByteArray("/tmp/x\0", 7));

    // A path of exactly sizeof(sun_path) bytes has no terminating NUL.
    QCOMPARE(UnixSocketAddress::fromNativePath(QByteArray(108, 'p')).toSockAddr(addr),
             qsizetype(sizeof(sockaddr_un)));

    QCOMPARE(UnixSocketAddress::fromAbstractName("ab").toSockAddr(addr), offset + 1 + 2);
    QCOMPARE(QByteArray(addr.sun_path, 3), QByteArray("\0ab", 3));
    QCOMPARE(UnixSocketAddress::fromAbstractName(QByteArray(107, 'n')).toSockAddr(addr),
             qsizetype(sizeof(sockaddr_un)));
}

void tst_SocketAddress::unixSockAddrRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("path") << QStringLiteral("/tmp/x.sock");
    QTest::newRow("relative") << QStringLiteral("x");
    QTest::newRow("longest-path") << QString(108, QLatin1Char('p'));
    QTest::newRow("abstract") << QStringLiteral("@name");
    QTest::newRow("abstract-nul") << QStringLiteral("@\\x00a\\x00");
    QTest::newRow("abstract-empty") << QStringLiteral("@");
    QTest::newRow("abstract-longest") << QLatin1Char('@') + QString(107, QLatin1Char('n'));
    QTest::newRow("unnamed") << QStringLiteral("<unnamed>");
}

void tst_SocketAddress::unixSockAddrRoundTrip()
{
    QFETCH(QString, text);
    bool ok = false;
    const UnixSocketAddress address = UnixSocketAddress::fromString(text, &ok);
    QVERIFY(ok);

    sockaddr_un addr;
    const qsizetype length = address.toSockAddr(addr);
    QVERIFY(length >= qsizetype(sizeof(sa_family_t)));
    QVERIFY(length <= qsizetype(sizeof(sockaddr_un)));
    ok = false;
    QCOMPARE(UnixSocketAddress::fromSockAddr(addr, length, &ok), address);
    QVERIFY(ok);

    // A path read back with the full structure's length (NUL-padded) is the same path.
    if (address.isPath()) {
        QCOMPARE(UnixSocketAddress::fromSockAddr(addr, sizeof(sockaddr_un), &ok), address);
        QVERIFY(ok);
    }
}

void tst_SocketAddress::unixFromSockAddrBad()
{
    sockaddr_un addr;
    UnixSocketAddress::fromPath(QStringLiteral("/tmp/x")).toSockAddr(addr);
    bool ok = true;
    QVERIFY(UnixSocketAddress::fromSockAddr(addr, 1, &ok).isNull());
    QVERIFY(!ok);
    ok = true;
    QVERIFY(UnixSocketAddress::fromSockAddr(addr, sizeof(sockaddr_un) + 2, &ok).isNull());
    QVERIFY(!ok);
    // One byte more than the structure: only for a path (the kernel's hidden NUL).
    ok = false;
    QCOMPARE(UnixSocketAddress::fromSockAddr(addr, sizeof(sockaddr_un) + 1, &ok),
             UnixSocketAddress::fromPath(QStringLiteral("/tmp/x")));
    QVERIFY(ok);
    UnixSocketAddress::fromAbstractName("x").toSockAddr(addr);
    ok = true;
    QVERIFY(UnixSocketAddress::fromSockAddr(addr, sizeof(sockaddr_un) + 1, &ok).isNull());
    QVERIFY(!ok);
    // Length 0 (recvmsg from an unbound sender) is unnamed, whatever the bytes.
    std::memset(&addr, 0xee, sizeof(addr));
    ok = false;
    QCOMPARE(UnixSocketAddress::fromSockAddr(addr, 0, &ok), UnixSocketAddress::unnamed());
    QVERIFY(ok);
    UnixSocketAddress::fromPath(QStringLiteral("/tmp/x")).toSockAddr(addr);
    ok = true;
    QVERIFY(UnixSocketAddress::fromSockAddr(addr, -1, &ok).isNull());
    QVERIFY(!ok);
    addr.sun_family = AF_INET;
    ok = true;
    QVERIFY(UnixSocketAddress::fromSockAddr(addr, 9, &ok).isNull());
    QVERIFY(!ok);
}

void tst_SocketAddress::unixBindPath()
{
    QTemporaryDir dir;
    QVERIFY2(dir.isValid(), qPrintable(dir.errorString()));
    const QString path = dir.filePath(QStringLiteral("s\u00e9rver.sock"));
    bool ok = false;
    const UnixSocketAddress address = UnixSocketAddress::fromPath(path, &ok);
    if (!ok)
        QSKIP("temporary directory path too long for sun_path");

    Socket server;
    QVERIFY(server.fd() >= 0);
    QCOMPARE(bindTo(server.fd(), address), 0);
    QVERIFY(QFileInfo::exists(path));
    ok = false;
    const UnixSocketAddress bound = localAddress(server.fd(), &ok);
    QVERIFY(ok);
    QCOMPARE(bound, address);
    QCOMPARE(bound.path(), path);
    QCOMPARE(bound.toString(), path);

    // A client connected to it sees it as its peer, and is itself unnamed.
    QCOMPARE(::listen(server.fd(), 1), 0);
    Socket client;
    sockaddr_un addr;
    const qsizetype length = address.toSockAddr(addr);
    QCOMPARE(::connect(client.fd(), reinterpret_cast<const sockaddr *>(&addr), socklen_t(length)),
             0);
    QCOMPARE(peerAddress(client.fd(), &ok), address);
    QVERIFY(ok);
    QCOMPARE(localAddress(client.fd(), &ok), UnixSocketAddress::unnamed());
    QVERIFY(ok);
}

void tst_SocketAddress::unixBindLongestPath()
{
    // A relative path of exactly sizeof(sun_path) bytes, bound from inside a
    // temporary directory: the kernel reports it without a terminating NUL.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const auto restore = qScopeGuard([&] { QDir::setCurrent(previous); });

    const UnixSocketAddress address = UnixSocketAddress::fromNativePath(QByteArray(108, 'p'));
    QVERIFY(address.isPath());
    Socket server;
    QCOMPARE(bindTo(server.fd(), address), 0);
    bool ok = false;
    QCOMPARE(localAddress(server.fd(), &ok), address);
    QVERIFY(ok);
    QVERIFY(QFileInfo::exists(dir.filePath(QString(108, QLatin1Char('p')))));
}

void tst_SocketAddress::unixBindAbstract()
{
    // A name unique to this process, holding a NUL and non-text bytes too.
    QByteArray name = "easynet-tst-socketaddress-" + QByteArray::number(::getpid());
    name += QByteArray("\0\x01\xff", 3);
    const UnixSocketAddress address = UnixSocketAddress::fromAbstractName(name);

    Socket server;
    QCOMPARE(bindTo(server.fd(), address), 0);
    bool ok = false;
    const UnixSocketAddress bound = localAddress(server.fd(), &ok);
    QVERIFY(ok);
    QVERIFY(bound.isAbstract());
    QCOMPARE(bound.abstractName(), name);
    QCOMPARE(bound, address);
    QCOMPARE(UnixSocketAddress::fromString(bound.toString()), address);

    // The name is taken now.
    Socket other;
    QCOMPARE(bindTo(other.fd(), address), EADDRINUSE);

    // Datagram sockets too, with the longest name.
    const QByteArray longest = name.leftJustified(107, 'z', true);
    const UnixSocketAddress longestAddress = UnixSocketAddress::fromAbstractName(longest);
    QVERIFY(longestAddress.isAbstract());
    Socket datagram(SOCK_DGRAM);
    QCOMPARE(bindTo(datagram.fd(), longestAddress), 0);
    QCOMPARE(localAddress(datagram.fd(), &ok), longestAddress);
    QVERIFY(ok);
}

void tst_SocketAddress::unixUnnamed()
{
    // Never bound: unnamed.
    Socket socket;
    bool ok = false;
    QCOMPARE(localAddress(socket.fd(), &ok), UnixSocketAddress::unnamed());
    QVERIFY(ok);

    // socketpair ends are unnamed on both sides.
    int fds[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
    QCOMPARE(localAddress(fds[0], &ok), UnixSocketAddress::unnamed());
    QCOMPARE(peerAddress(fds[0], &ok), UnixSocketAddress::unnamed());
    ::close(fds[0]);
    ::close(fds[1]);

    // Binding the unnamed address asks the kernel to autobind an abstract name.
    Socket autobound(SOCK_DGRAM);
    QCOMPARE(bindTo(autobound.fd(), UnixSocketAddress::unnamed()), 0);
    const UnixSocketAddress bound = localAddress(autobound.fd(), &ok);
    QVERIFY(ok);
    QVERIFY(bound.isAbstract());
    QCOMPARE(bound.abstractName().size(), 5); // five hex digits
}

void tst_SocketAddress::unixDatagramSender()
{
    // The sender address recvmsg()/recvfrom() returns: abstract, then unnamed.
    const QByteArray base = "easynet-tst-dgram-" + QByteArray::number(::getpid());
    const UnixSocketAddress receiverAddress = UnixSocketAddress::fromAbstractName(base + "-rx");
    const UnixSocketAddress senderAddress = UnixSocketAddress::fromAbstractName(base + "-tx");
    Socket receiver(SOCK_DGRAM);
    QCOMPARE(bindTo(receiver.fd(), receiverAddress), 0);

    const auto sendFrom = [&](int fd) {
        sockaddr_un to;
        const qsizetype length = receiverAddress.toSockAddr(to);
        return ::sendto(fd, "x", 1, 0, reinterpret_cast<const sockaddr *>(&to), socklen_t(length));
    };
    const auto receive = [&](bool *ok) {
        char byte;
        sockaddr_un from;
        std::memset(&from, 0xcd, sizeof(from));
        iovec iov {&byte, 1};
        msghdr message {};
        message.msg_name = &from;
        message.msg_namelen = sizeof(from);
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        if (::recvmsg(receiver.fd(), &message, 0) != 1) {
            *ok = false;
            return UnixSocketAddress();
        }
        return UnixSocketAddress::fromSockAddr(from, message.msg_namelen, ok);
    };

    Socket named(SOCK_DGRAM);
    QCOMPARE(bindTo(named.fd(), senderAddress), 0);
    QCOMPARE(sendFrom(named.fd()), 1);
    bool ok = false;
    QCOMPARE(receive(&ok), senderAddress);
    QVERIFY(ok);

    Socket anonymous(SOCK_DGRAM);
    QCOMPARE(sendFrom(anonymous.fd()), 1);
    QCOMPARE(receive(&ok), UnixSocketAddress::unnamed());
    QVERIFY(ok);
}

// --- All --------------------------------------------------------------------------

void tst_SocketAddress::debugAndMetaType()
{
    const auto debugString = [](const auto &value) {
        QString text;
        QDebug(&text) << value;
        return text.trimmed();
    };
    QCOMPARE(debugString(UnixSocketAddress::fromString(u"@name")),
             QStringLiteral("EasyNet::UnixSocketAddress(@name)"));
    QCOMPARE(debugString(UnixSocketAddress::unnamed()),
             QStringLiteral("EasyNet::UnixSocketAddress(<unnamed>)"));
    QCOMPARE(debugString(UnixSocketAddress()), QStringLiteral("EasyNet::UnixSocketAddress(null)"));

    // In a QVariant, compared by value.
    const QVariant local = QVariant::fromValue(UnixSocketAddress::fromString(u"@x"));
    QCOMPARE(local, QVariant::fromValue(UnixSocketAddress::fromAbstractName("x")));
    QCOMPARE(QMetaType::fromType<UnixSocketAddress>().name(),
             QByteArrayView("EasyNet::UnixSocketAddress"));
}

QTEST_GUILESS_MAIN(tst_SocketAddress)
#include "tst_socketaddress.moc"
