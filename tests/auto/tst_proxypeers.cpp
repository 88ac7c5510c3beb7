// The proxy peers of the proxy tests, checked with Qt's own proxy client
// (QTcpSocket::setProxy(), SOCKS5 and HTTP CONNECT) before the library's tests
// rely on them: the real proxies (ProxyProcess: microsocks, tinyproxy) tunnel
// to an echo server and refuse wrong credentials, and each script of the
// hostile proxy (HostileProxy) does what it says, as a client sees it.
// Timeouts here only guard against a hang; nothing is timed.
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "echoservers.h"
#include "hostileproxy.h"
#include "proxyprocess.h"
#include "serverthread.h"
#include "testsupport.h"

#include <memory>

using EasyNetTest::HostileProxy;
using EasyNetTest::ProxyProcess;
using EasyNetTest::ServerThread;
using EasyNetTest::TcpEchoServer;
using Behaviour = HostileProxy::Behaviour;
using Protocol = HostileProxy::Protocol;
using Script = HostileProxy::Script;
using Stage = HostileProxy::Stage;

namespace {

constexpr int Guard = 20000; // ms: only against a hang

// Waits until the socket, connecting through its proxy, is connected or failed.
bool settle(QTcpSocket &socket)
{
    return QTest::qWaitFor(
        [&] {
            return socket.state() == QAbstractSocket::ConnectedState
                || socket.error() != QAbstractSocket::UnknownSocketError;
        },
        Guard);
}

QString describe(const QTcpSocket &socket)
{
    return QStringLiteral("state %1, error %2: %3")
        .arg(int(socket.state()))
        .arg(int(socket.error()))
        .arg(socket.errorString());
}

// Reads exactly size bytes (or fewer, if the guard expires).
QByteArray readExactly(QTcpSocket &socket, qsizetype size)
{
    if (!QTest::qWaitFor([&] { return socket.bytesAvailable() >= size; }, Guard))
        qWarning("only %lld of %lld bytes arrived", qlonglong(socket.bytesAvailable()),
                 qlonglong(size));
    return socket.read(size);
}

Script script(Protocol protocol, Behaviour behaviour, Stage stage = Stage::Request)
{
    Script s;
    s.protocol = protocol;
    s.behaviour = behaviour;
    s.stage = stage;
    return s;
}

Script withCredentials(Script s)
{
    s.user = QStringLiteral("user");
    s.password = QStringLiteral("pass");
    return s;
}

// For QTcpSocket, which connects to the proxy a second time after a 407 (to
// send its credentials) or a non-proxy error (to try again).
Script twice(Script s)
{
    s.connections = 2;
    return s;
}

} // namespace

class tst_ProxyPeers : public QObject
{
    Q_OBJECT

private slots:
    void realProxyTunnels_data();
    void realProxyTunnels();
    void realProxyRefusesWrongCredentials_data();
    void realProxyRefusesWrongCredentials();
    void twoProxiesAtOnce();
    void missingProgram();
    void tinyproxyRefusesUnsafeCredentials();
    void tinyproxyAnswers401();

    void hostileTunnel_data();
    void hostileTunnel();
    void hostileTunnelInServerThread();
    void hostileErrors_data();
    void hostileErrors();
    void hostileStalls_data();
    void hostileStalls();
    void hostileRecordsTheRequest();
    void hostileAcceptsOneConnection();
};

void tst_ProxyPeers::realProxyTunnels_data()
{
    QTest::addColumn<ProxyProcess::Kind>("kind");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::newRow("microsocks") << ProxyProcess::Kind::Socks5 << QString() << QString();
    QTest::newRow("microsocks user/password")
        << ProxyProcess::Kind::Socks5 << QStringLiteral("user") << QStringLiteral("pass");
    QTest::newRow("tinyproxy") << ProxyProcess::Kind::Http << QString() << QString();
    QTest::newRow("tinyproxy BasicAuth")
        << ProxyProcess::Kind::Http << QStringLiteral("user") << QStringLiteral("pass");
}

// A round trip through the proxy; then the proxy stops, and the tunnel with
// it: the connection did go through the proxy.
void tst_ProxyPeers::realProxyTunnels()
{
    QFETCH(ProxyProcess::Kind, kind);
    QFETCH(QString, user);
    QFETCH(QString, password);
    START_PROXY_PROCESS(proxy, kind, user, password);
    QCOMPARE(proxy.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(proxy.port() != 0);
    const QNetworkProxy expected(kind == ProxyProcess::Kind::Socks5 ? QNetworkProxy::Socks5Proxy
                                                                    : QNetworkProxy::HttpProxy,
                                 QStringLiteral("127.0.0.1"), proxy.port(), user, password);
    QCOMPARE(proxy.proxy(), expected);

    TcpEchoServer server;
    QTcpSocket socket;
    socket.setProxy(proxy.proxy());
    socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(settle(socket));
    QVERIFY2(socket.state() == QAbstractSocket::ConnectedState,
             qPrintable(describe(socket) + QStringLiteral("; proxy log: ")
                        + QString::fromLocal8Bit(proxy.log())));
    socket.write("ping\n");
    QCOMPARE(readExactly(socket, 5), QByteArrayLiteral("ping\n"));
    QTRY_COMPARE(server.received(), QByteArrayLiteral("ping\n"));
    QCOMPARE(server.connections(), 1);

    proxy.stop();
    QVERIFY(!proxy.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, Guard);
    QTRY_COMPARE_WITH_TIMEOUT(server.disconnections(), 1, Guard);
}

void tst_ProxyPeers::realProxyRefusesWrongCredentials_data()
{
    QTest::addColumn<ProxyProcess::Kind>("kind");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QAbstractSocket::SocketError>("error");
    const QString user = QStringLiteral("user");
    const QString wrong = QStringLiteral("wrong");
    const auto required = QAbstractSocket::ProxyAuthenticationRequiredError;
    QTest::newRow("microsocks, wrong password")
        << ProxyProcess::Kind::Socks5 << user << wrong << required;
    QTest::newRow("microsocks, wrong user")
        << ProxyProcess::Kind::Socks5 << wrong << QStringLiteral("pass") << required;
    QTest::newRow("microsocks, none")
        << ProxyProcess::Kind::Socks5 << QString() << QString() << required;
    // tinyproxy answers wrong credentials with 401 (not 407), which Qt does
    // not take for an authentication error (tinyproxyAnswers401()).
    QTest::newRow("tinyproxy, wrong password")
        << ProxyProcess::Kind::Http << user << wrong << QAbstractSocket::ProxyProtocolError;
    QTest::newRow("tinyproxy, none")
        << ProxyProcess::Kind::Http << QString() << QString() << required;
}

// Credentials are asked for on every connection (microsocks runs without -1):
// a first connection with the right ones whitelists nothing.
void tst_ProxyPeers::realProxyRefusesWrongCredentials()
{
    QFETCH(ProxyProcess::Kind, kind);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QAbstractSocket::SocketError, error);
    START_PROXY_PROCESS(proxy, kind, QStringLiteral("user"), QStringLiteral("pass"));
    TcpEchoServer server;

    QTcpSocket good;
    good.setProxy(proxy.proxy());
    good.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(settle(good));
    QVERIFY2(good.state() == QAbstractSocket::ConnectedState, qPrintable(describe(good)));

    QTcpSocket socket;
    QNetworkProxy wrong = proxy.proxy();
    wrong.setUser(user);
    wrong.setPassword(password);
    socket.setProxy(wrong);
    socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(settle(socket));
    QVERIFY2(socket.error() == error, qPrintable(describe(socket)));
    QCOMPARE_NE(socket.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server.connections(), 1); // the good one's only
}

void tst_ProxyPeers::twoProxiesAtOnce()
{
    START_PROXY_PROCESS(socks, ProxyProcess::Kind::Socks5);
    START_PROXY_PROCESS(http, ProxyProcess::Kind::Http);
    QCOMPARE_NE(socks.port(), http.port());
    QVERIFY(socks.isRunning());
    QVERIFY(http.isRunning());
}

void tst_ProxyPeers::missingProgram()
{
    const QString nowhere = QStringLiteral("/nonexistent/microsocks");
    ProxyProcess proxy(ProxyProcess::Kind::Socks5, {}, {}, nowhere);
    QVERIFY(!proxy.isRunning());
    QVERIFY2(proxy.missing().contains(nowhere), qPrintable(proxy.missing()));
    QVERIFY2(proxy.missing().contains(QStringLiteral("Debian package microsocks")),
             qPrintable(proxy.missing()));
}

void tst_ProxyPeers::tinyproxyRefusesUnsafeCredentials()
{
    if (ProxyProcess::programPath(ProxyProcess::Kind::Http).isEmpty())
        SKIP_UNLESS_CI(QStringLiteral("tinyproxy is not installed"));
    ProxyProcess proxy(ProxyProcess::Kind::Http, QStringLiteral("user"),
                       QStringLiteral("two words"));
    QVERIFY(proxy.missing().isEmpty());
    QVERIFY(!proxy.isRunning());
    QVERIFY2(proxy.errorString().contains(QStringLiteral("BasicAuth")),
             qPrintable(proxy.errorString()));
}

// What tinyproxy 1.11 answers a CONNECT without credentials (407) and with
// wrong ones (401 Unauthorized, with WWW-Authenticate): a client that takes
// only 407 for an authentication failure calls the second a protocol error.
void tst_ProxyPeers::tinyproxyAnswers401()
{
    START_PROXY_PROCESS(proxy, ProxyProcess::Kind::Http, QStringLiteral("user"),
                        QStringLiteral("pass"));
    const auto statusLine = [&](const QByteArray &authorization) {
        QTcpSocket socket;
        socket.setProxy(QNetworkProxy::NoProxy);
        socket.connectToHost(proxy.address(), proxy.port());
        if (!socket.waitForConnected(Guard))
            return socket.errorString().toUtf8();
        QByteArray request = "CONNECT 127.0.0.1:9 HTTP/1.1\r\nHost: 127.0.0.1:9\r\n";
        if (!authorization.isEmpty())
            request += "Proxy-Authorization: Basic " + authorization.toBase64() + "\r\n";
        socket.write(request + "\r\n");
        if (!QTest::qWaitFor([&] { return socket.canReadLine(); }, Guard))
            return QByteArray("no status line");
        return socket.readLine().trimmed();
    };
    QVERIFY(statusLine({}).startsWith("HTTP/1.0 407 "));
    QVERIFY(statusLine("user:wrong").startsWith("HTTP/1.0 401 "));
}

void tst_ProxyPeers::hostileTunnel_data()
{
    QTest::addColumn<Script>("script");
    for (const Protocol protocol : {Protocol::Socks5, Protocol::Http}) {
        const Script plain = script(protocol, Behaviour::Tunnel);
        QTest::newRow(qPrintable(HostileProxy::describe(plain))) << plain;
        Script authenticated = withCredentials(plain);
        if (protocol == Protocol::Http)
            authenticated = twice(authenticated);
        QTest::newRow(qPrintable(HostileProxy::describe(authenticated))) << authenticated;
    }
}

// The banner sent with the reply, in the same write, is the tunnel's first
// data; then the tunnel echoes.
void tst_ProxyPeers::hostileTunnel()
{
    QFETCH(Script, script);
    HostileProxy peer(script);
    QVERIFY(peer.port() != 0);
    QTcpSocket socket;
    socket.setProxy(peer.proxy());
    socket.connectToHost(QStringLiteral("127.0.0.1"), 4242);
    QVERIFY(settle(socket));
    QVERIFY2(socket.state() == QAbstractSocket::ConnectedState, qPrintable(describe(socket)));
    QCOMPARE(readExactly(socket, script.banner.size()), script.banner);
    socket.write("ping\n");
    QCOMPARE(readExactly(socket, 5), QByteArrayLiteral("ping\n"));

    const HostileProxy::Observed seen = peer.observed();
    QCOMPARE(seen.connections, script.connections);
    QVERIFY(seen.played);
    QCOMPARE(seen.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(seen.port, quint16(4242));
    QCOMPARE(seen.user, script.user);
    QCOMPARE(seen.password, script.password);
    QVERIFY(seen.received.endsWith("ping\n"));
    QVERIFY(seen.sent.endsWith(script.banner + "ping\n"));
    if (script.protocol == Protocol::Http) {
        QVERIFY2(seen.request.startsWith("CONNECT 127.0.0.1:4242 HTTP/1."), seen.request.data());
        QVERIFY(seen.sent.startsWith("HTTP/1.1 200 Connection established\r\n\r\nhello\n"));
    } else {
        QCOMPARE(seen.addressType, quint8(0x01)); // an IP literal goes as an address
        QVERIFY(seen.methods.contains(script.user.isEmpty() ? 0x00 : 0x02));
    }

    socket.disconnectFromHost();
    QTRY_VERIFY_WITH_TIMEOUT(peer.observed().ended, Guard);
}

// In a thread of its own (as a blocking client's test has it), the peer is
// read through observed() from the test's thread.
void tst_ProxyPeers::hostileTunnelInServerThread()
{
    HostileProxy *peer = nullptr;
    ServerThread thread([&peer](QObject *context) {
        peer = new HostileProxy(script(Protocol::Socks5, Behaviour::Tunnel), context);
        return int(peer->port());
    });
    QVERIFY(thread.result() != 0);
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"),
                                  quint16(thread.result())));
    socket.connectToHost(QStringLiteral("localhost"), 7);
    QVERIFY2(socket.waitForConnected(Guard), qPrintable(describe(socket)));
    QCOMPARE(readExactly(socket, 6), QByteArrayLiteral("hello\n"));
    socket.write("ping\n");
    QCOMPARE(readExactly(socket, 5), QByteArrayLiteral("ping\n"));
    const HostileProxy::Observed seen = peer->observed();
    QCOMPARE(seen.host, QStringLiteral("localhost")); // a name goes unresolved
    QCOMPARE(seen.addressType, quint8(0x03));
    QCOMPARE(seen.port, quint16(7));
}

void tst_ProxyPeers::hostileErrors_data()
{
    QTest::addColumn<Script>("script");
    QTest::addColumn<QAbstractSocket::SocketError>("error");
    const auto add = [](const Script &s, QAbstractSocket::SocketError error) {
        QTest::newRow(qPrintable(HostileProxy::describe(s))) << s << error;
    };
    using E = QAbstractSocket::SocketError;
    const Protocol socks = Protocol::Socks5;
    const Protocol http = Protocol::Http;

    add(script(socks, Behaviour::Garbage, Stage::Greeting), E::ProxyProtocolError);
    // Qt takes any RFC 1929 answer but success for a refusal.
    add(withCredentials(script(socks, Behaviour::Garbage, Stage::Authentication)),
        E::ProxyAuthenticationRequiredError);
    add(script(socks, Behaviour::Garbage, Stage::Request), E::ProxyProtocolError);
    add(script(http, Behaviour::Garbage), E::ProxyProtocolError);

    add(script(socks, Behaviour::CloseMidReply, Stage::Greeting), E::ProxyConnectionClosedError);
    add(withCredentials(script(socks, Behaviour::CloseMidReply, Stage::Authentication)),
        E::ProxyConnectionClosedError);
    add(script(socks, Behaviour::CloseMidReply, Stage::Request), E::ProxyConnectionClosedError);
    add(script(http, Behaviour::CloseMidReply), E::ProxyConnectionClosedError);

    add(script(socks, Behaviour::Refuse, Stage::Greeting), E::ProxyAuthenticationRequiredError);
    add(withCredentials(script(socks, Behaviour::Refuse, Stage::Authentication)),
        E::ProxyAuthenticationRequiredError);
    for (const auto &[reply, error] :
         {std::pair {0x01, E::NetworkError}, std::pair {0x02, E::SocketAccessError},
          std::pair {0x03, E::NetworkError}, std::pair {0x04, E::HostNotFoundError},
          std::pair {0x05, E::ConnectionRefusedError}}) {
        Script s = twice(script(socks, Behaviour::Refuse, Stage::Request));
        s.socksReply = quint8(reply);
        add(s, error);
    }
    for (const auto &[status, error] :
         {std::pair {403, E::SocketAccessError}, std::pair {404, E::HostNotFoundError},
          std::pair {407, E::ProxyAuthenticationRequiredError},
          std::pair {502, E::ProxyProtocolError}, std::pair {503, E::ConnectionRefusedError}}) {
        Script s = twice(script(http, Behaviour::Refuse));
        s.httpStatus = status;
        add(s, error);
    }
}

// What Qt 6.4 reports for each script: the script did what it says.
void tst_ProxyPeers::hostileErrors()
{
    QFETCH(Script, script);
    QFETCH(QAbstractSocket::SocketError, error);
    HostileProxy peer(script);
    QTcpSocket socket;
    socket.setProxy(peer.proxy());
    socket.connectToHost(QStringLiteral("127.0.0.1"), 4242);
    QVERIFY(settle(socket));
    QVERIFY2(socket.error() == error, qPrintable(describe(socket)));
    QCOMPARE_NE(socket.state(), QAbstractSocket::ConnectedState);
    QVERIFY(peer.observed().played);
}

void tst_ProxyPeers::hostileStalls_data()
{
    QTest::addColumn<Script>("script");
    QTest::addColumn<QByteArray>("answered"); // what the peer sent before it stalled
    Script s = script(Protocol::Socks5, Behaviour::Stall, Stage::Greeting);
    QTest::newRow(qPrintable(HostileProxy::describe(s))) << s << QByteArray();
    s = withCredentials(script(Protocol::Socks5, Behaviour::Stall, Stage::Authentication));
    QTest::newRow(qPrintable(HostileProxy::describe(s))) << s << QByteArray("\x05\x02", 2);
    s = script(Protocol::Socks5, Behaviour::Stall, Stage::Request);
    QTest::newRow(qPrintable(HostileProxy::describe(s))) << s << QByteArray("\x05\x00", 2);
    s = script(Protocol::Http, Behaviour::Stall);
    QTest::newRow(qPrintable(HostileProxy::describe(s))) << s << QByteArray();
}

// The peer reads what the client sends and never answers it; the client is
// still connecting, and the peer sees it go.
void tst_ProxyPeers::hostileStalls()
{
    QFETCH(Script, script);
    QFETCH(QByteArray, answered);
    HostileProxy peer(script);
    QTcpSocket socket;
    socket.setProxy(peer.proxy());
    socket.connectToHost(QStringLiteral("127.0.0.1"), 4242);
    QTRY_VERIFY_WITH_TIMEOUT(peer.observed().played, Guard);
    QCOMPARE(peer.observed().sent, answered);
    QCOMPARE_NE(socket.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(socket.error(), QAbstractSocket::UnknownSocketError);
    socket.abort();
    QTRY_VERIFY_WITH_TIMEOUT(peer.observed().ended, Guard);
    QCOMPARE(peer.observed().sent, answered);
}

// What a library test checks of its client's request, seen with raw bytes.
void tst_ProxyPeers::hostileRecordsTheRequest()
{
    HostileProxy peer(withCredentials(script(Protocol::Socks5, Behaviour::Tunnel)));
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), peer.port());
    QVERIFY(socket.waitForConnected(Guard));
    socket.write(QByteArray("\x05\x01\x02", 3));
    QCOMPARE(readExactly(socket, 2), QByteArray("\x05\x02", 2));
    socket.write(QByteArray("\x01\x04user\x04pass", 11));
    QCOMPARE(readExactly(socket, 2), QByteArray("\x01\x00", 2));
    const QByteArray request("\x05\x01\x00\x03\x0b"
                             "example.org\x01\xbb",
                             18);
    socket.write(request);
    const QByteArray reply = readExactly(socket, 16);
    QCOMPARE(reply.left(8), QByteArray("\x05\x00\x00\x01\x7f\x00\x00\x01", 8));
    QCOMPARE(reply.mid(10), QByteArrayLiteral("hello\n"));
    const HostileProxy::Observed seen = peer.observed();
    QCOMPARE(seen.methods, QList<quint8> {0x02});
    QCOMPARE(seen.request, request);
    QCOMPARE(seen.addressType, quint8(0x03));
    QCOMPARE(seen.host, QStringLiteral("example.org"));
    QCOMPARE(seen.port, quint16(443));
    QCOMPARE(seen.user, QStringLiteral("user"));
    QCOMPARE(seen.password, QStringLiteral("pass"));
}

// A second connection finds the port closed.
void tst_ProxyPeers::hostileAcceptsOneConnection()
{
    HostileProxy peer(script(Protocol::Http, Behaviour::Stall));
    QTcpSocket first;
    first.setProxy(QNetworkProxy::NoProxy);
    first.connectToHost(QHostAddress(QHostAddress::LocalHost), peer.port());
    QVERIFY(first.waitForConnected(Guard));
    QTRY_COMPARE_WITH_TIMEOUT(peer.observed().connections, 1, Guard);
    QTcpSocket second;
    second.setProxy(QNetworkProxy::NoProxy);
    second.connectToHost(QHostAddress(QHostAddress::LocalHost), peer.port());
    QVERIFY(!second.waitForConnected(Guard));
    QCOMPARE(second.error(), QAbstractSocket::ConnectionRefusedError);
    QCOMPARE(peer.observed().connections, 1);
}

QTEST_MAIN(tst_ProxyPeers)
#include "tst_proxypeers.moc"
