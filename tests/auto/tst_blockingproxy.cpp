// BlockingTcpClient through proxies: real ones (Debian's microsocks for SOCKS5,
// tinyproxy for HTTP CONNECT), with and without credentials, over TCP and TLS;
// every failure as its exception, with no descriptor left open; the
// application's proxy for DefaultProxy; and a scripted peer for what a real
// proxy does not do on demand (tunnel bytes in the reply's write, garbage,
// closing mid-reply).
//
// ProxyProcess and ScriptedProxy are this file's own, minimal stand-ins for
// the shared launchers of tests/support, which replace them.
#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/exceptions.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QScopeGuard>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>

#include "serverthread.h"
#include "testsupport.h"
#include "tlsobserver.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <thread>

using namespace EasyNet;
using namespace std::chrono_literals;
using namespace EasyNetTest;

namespace {

qsizetype openDescriptorCount()
{
    return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
}

// Whether something accepts TCP connections on 127.0.0.1:port.
bool accepts(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool connected
        = ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0;
    ::close(fd);
    return connected;
}

// microsocks or tinyproxy in the foreground on a free port of 127.0.0.1.
class ProxyProcess
{
public:
    enum class Kind { Socks5, Http };

    explicit ProxyProcess(Kind kind, const QString &user = {}, const QString &password = {})
        : m_kind(kind), m_user(user), m_password(password)
    {
        const QString name
            = kind == Kind::Socks5 ? QStringLiteral("microsocks") : QStringLiteral("tinyproxy");
        const QString program = QStandardPaths::findExecutable(name);
        if (program.isEmpty()) {
            m_missing = name + QStringLiteral(" is not installed (Debian package ") + name + u')';
            return;
        }
        m_port = freePort(SOCK_STREAM);
        QStringList arguments;
        if (kind == Kind::Socks5) {
            arguments << QStringLiteral("-i") << QStringLiteral("127.0.0.1") << QStringLiteral("-p")
                      << QString::number(m_port);
            if (!user.isEmpty())
                arguments << QStringLiteral("-u") << user << QStringLiteral("-P") << password;
        } else {
            // No ConnectPort line: CONNECT to any port.
            QFile configuration(m_dir.filePath(QStringLiteral("tinyproxy.conf")));
            if (!configuration.open(QIODevice::WriteOnly))
                return;
            configuration.write(QStringLiteral("Port %1\nListen 127.0.0.1\nAllow 127.0.0.1\n")
                                    .arg(m_port)
                                    .toUtf8());
            if (!user.isEmpty())
                configuration.write(
                    QStringLiteral("BasicAuth %1 %2\n").arg(user, password).toUtf8());
            configuration.close();
            arguments << QStringLiteral("-d") << QStringLiteral("-c") << configuration.fileName();
        }
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(program, arguments);
        m_running = m_process.waitForStarted() && QTest::qWaitFor([this] {
                        return accepts(m_port) || m_process.state() == QProcess::NotRunning;
                    })
            && m_process.state() == QProcess::Running;
    }
    ~ProxyProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    Q_DISABLE_COPY_MOVE(ProxyProcess)

    const QString &missing() const { return m_missing; }
    bool isRunning() const { return m_running; }
    QString log() { return QString::fromUtf8(m_process.readAll()); }
    quint16 port() const { return m_port; }
    QNetworkProxy proxy() const
    {
        return QNetworkProxy(m_kind == Kind::Socks5 ? QNetworkProxy::Socks5Proxy
                                                    : QNetworkProxy::HttpProxy,
                             QStringLiteral("127.0.0.1"), m_port, m_user, m_password);
    }

private:
    Kind m_kind;
    QString m_user;
    QString m_password;
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    bool m_running = false;
    QString m_missing;
};

#define START_PROXY_PROCESS(name, ...)                                                             \
    ProxyProcess name(__VA_ARGS__);                                                                \
    if (!name.missing().isEmpty())                                                                 \
        SKIP_UNLESS_CI(name.missing());                                                            \
    QVERIFY2(name.isRunning(), qPrintable(name.log()))

// One connection's proxy, played from a script in a thread of its own: for
// each step it reads a number of bytes (-1: up to an HTTP header's end) and
// writes its answer; then it echoes until the client's end of stream, or
// closes at once.
class ScriptedProxy
{
public:
    struct Step
    {
        qsizetype read;
        QByteArray write;
    };
    enum class Then { Echo, Close };

    ScriptedProxy(QList<Step> steps, Then then) : m_steps(std::move(steps)), m_then(then)
    {
        m_listener = boundLoopbackSocket(SOCK_STREAM, m_port);
        ::listen(m_listener, 1);
        m_thread = std::thread([this] { serve(); });
    }
    ~ScriptedProxy()
    {
        finish();
        ::close(m_listener);
    }
    Q_DISABLE_COPY_MOVE(ScriptedProxy)

    // Waits until the script has run and its end of the connection is closed.
    void finish()
    {
        ::shutdown(m_listener, SHUT_RDWR); // wakes an accept that never came
        if (m_thread.joinable())
            m_thread.join();
    }

    quint16 port() const { return m_port; }

private:
    void serve()
    {
        pollfd pending {m_listener, POLLIN, 0};
        if (::poll(&pending, 1, 10000) != 1)
            return;
        const int fd = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            return;
        const timeval timeout {10, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
        char buffer[4096];
        bool open = true;
        for (const Step &step : m_steps) {
            QByteArray in;
            while (open && (step.read < 0 ? !in.contains("\r\n\r\n") : in.size() < step.read)) {
                const size_t wanted = step.read < 0 ? 1 : size_t(step.read - in.size());
                const ssize_t got = ::recv(fd, buffer, wanted, 0);
                open = got > 0;
                if (open)
                    in.append(buffer, got);
            }
            if (open)
                ::send(fd, step.write.constData(), size_t(step.write.size()), MSG_NOSIGNAL);
        }
        while (open && m_then == Then::Echo) {
            const ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
            open = got > 0 && ::send(fd, buffer, size_t(got), MSG_NOSIGNAL) == got;
        }
        ::close(fd);
    }

    QList<Step> m_steps;
    Then m_then;
    int m_listener = -1;
    quint16 m_port = 0;
    std::thread m_thread;
};

QByteArray bytes(std::initializer_list<int> values)
{
    QByteArray out;
    for (const int value : values)
        out += char(value);
    return out;
}

BlockingTcpOptions through(const QNetworkProxy &proxy)
{
    BlockingTcpOptions options;
    options.proxy = proxy;
    options.connectTimeout = 10s;
    return options;
}

QSslConfiguration clientTls()
{
    QFile ca(tlsFile("ca.pem"));
    if (!ca.open(QIODevice::ReadOnly))
        qFatal("missing %s", qPrintable(ca.fileName()));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromData(ca.readAll()));
    return configuration;
}

// The error the constructor throws (NoError when it connects), its exception's
// class checked; no descriptor may outlive the failure. settle: what to wait
// for before counting again (an in-process peer closing its end).
Error connectError(const QString &host, quint16 port, const BlockingTcpOptions &options,
                   const std::function<void()> &settle = {})
{
    const qsizetype before = openDescriptorCount();
    const Error error
        = errorOf([&] { BlockingTcpClient client(host, port, lineProtocol(), options); });
    if (settle)
        settle();
    if (openDescriptorCount() != before)
        QTest::qFail("a descriptor leaked", __FILE__, __LINE__);
    return error;
}

using Kind = ProxyProcess::Kind;

} // namespace

Q_DECLARE_METATYPE(ProxyProcess::Kind)

class tst_BlockingProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echo_data();
    void echo();
    void tls_data();
    void tls();
    void wrongCredentials_data();
    void wrongCredentials();
    void proxyNotListening_data();
    void proxyNotListening();
    void targetRefused_data();
    void targetRefused();
    void stallingProxy_data();
    void stallingProxy();
    void tunnelBytesInTheReply_data();
    void tunnelBytesInTheReply();
    void hostileAnswers_data();
    void hostileAnswers();
    void applicationProxy();
    void adoptedSocket();
    void refusedOptions();
};

void tst_BlockingProxy::echo_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("user");
    QTest::newRow("microsocks") << Kind::Socks5 << QString();
    QTest::newRow("microsocks, user/password") << Kind::Socks5 << QStringLiteral("alice");
    QTest::newRow("tinyproxy") << Kind::Http << QString();
    QTest::newRow("tinyproxy, BasicAuth") << Kind::Http << QStringLiteral("alice");
}

void tst_BlockingProxy::echo()
{
    QFETCH(Kind, kind);
    QFETCH(QString, user);
    START_PROXY_PROCESS(proxy, kind, user, QStringLiteral("s3cret"));
    ServerThread server = tcpEchoServerThread();
    QVERIFY(server.result() != 0);
    BlockingTcpClient client(QStringLiteral("127.0.0.1"), quint16(server.result()), lineProtocol(),
                             through(proxy.proxy()));
    QCOMPARE(client.peerPort(), proxy.port()); // through the proxy, not around it
    for (const QString &line : {QStringLiteral("hello"), QStringLiteral("through the proxy")}) {
        client.sendPacket(line, 10s);
        QCOMPARE(client.recvPacket(10s).toString(), line);
    }
    client.close();
}

void tst_BlockingProxy::tls_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("host");
    QTest::addColumn<std::optional<QString>>("serverHostname");
    // microsocks connects to the first address a name resolves to (maybe ::1,
    // where nothing listens): the address, and the name to check the
    // certificate against. tinyproxy tries every address: the name.
    QTest::newRow("microsocks") << Kind::Socks5 << QString() << QStringLiteral("127.0.0.1")
                                << std::optional(QStringLiteral("localhost"));
    QTest::newRow("microsocks, user/password")
        << Kind::Socks5 << QStringLiteral("alice") << QStringLiteral("127.0.0.1")
        << std::optional(QStringLiteral("localhost"));
    QTest::newRow("tinyproxy") << Kind::Http << QString() << QStringLiteral("localhost")
                               << std::optional<QString>();
    QTest::newRow("tinyproxy, BasicAuth")
        << Kind::Http << QStringLiteral("alice") << QStringLiteral("localhost")
        << std::optional<QString>();
}

void tst_BlockingProxy::tls()
{
    QFETCH(Kind, kind);
    QFETCH(QString, user);
    QFETCH(QString, host);
    QFETCH(std::optional<QString>, serverHostname);
    START_PROXY_PROCESS(proxy, kind, user, QStringLiteral("s3cret"));
    TlsObserver server(after(Then::Echo));
    {
        BlockingTcpOptions options = through(proxy.proxy());
        options.ssl = clientTls();
        options.serverHostname = serverHostname;
        BlockingTcpClient client(host, server.port(), lineProtocol(), options);
        QVERIFY(client.isSsl());
        QCOMPARE(client.peerPort(), proxy.port());
        client.sendPacket(QStringLiteral("secret"), 10s);
        QCOMPARE(client.recvPacket(10s).toString(), QStringLiteral("secret"));
        client.close();
    }
    const Observed observed = server.observed();
    QVERIFY2(observed.handshakeError.isEmpty(), qPrintable(observed.handshakeError));
    // The target's name, not the proxy's address, went out as SNI.
    QCOMPARE(observed.sni, QByteArray("localhost"));
    QVERIFY(observed.closeNotifyReceived);
}

void tst_BlockingProxy::wrongCredentials_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::newRow("microsocks, wrong password")
        << Kind::Socks5 << QStringLiteral("alice") << QStringLiteral("wrong");
    QTest::newRow("microsocks, wrong user")
        << Kind::Socks5 << QStringLiteral("mallory") << QStringLiteral("s3cret");
    QTest::newRow("microsocks, none given") << Kind::Socks5 << QString() << QString();
    QTest::newRow("tinyproxy, wrong password")
        << Kind::Http << QStringLiteral("alice") << QStringLiteral("wrong");
    QTest::newRow("tinyproxy, none given") << Kind::Http << QString() << QString();
}

void tst_BlockingProxy::wrongCredentials()
{
    QFETCH(Kind, kind);
    QFETCH(QString, user);
    QFETCH(QString, password);
    START_PROXY_PROCESS(proxy, kind, QStringLiteral("alice"), QStringLiteral("s3cret"));
    ServerThread server = tcpEchoServerThread();
    QNetworkProxy given = proxy.proxy();
    given.setUser(user);
    given.setPassword(password);
    const Error error
        = connectError(QStringLiteral("127.0.0.1"), quint16(server.result()), through(given));
    QCOMPARE(error.code(), ErrorCode::ProxyAuthenticationRequired);
    QVERIFY2(error.message().contains(QString::number(proxy.port())), qPrintable(error.message()));
}

void tst_BlockingProxy::proxyNotListening_data()
{
    QTest::addColumn<QNetworkProxy::ProxyType>("type");
    QTest::newRow("SOCKS5") << QNetworkProxy::Socks5Proxy;
    QTest::newRow("HTTP") << QNetworkProxy::HttpProxy;
}

void tst_BlockingProxy::proxyNotListening()
{
    QFETCH(QNetworkProxy::ProxyType, type);
    ServerThread server = tcpEchoServerThread();
    const QNetworkProxy nobody(type, QStringLiteral("127.0.0.1"), freePort(SOCK_STREAM));
    const Error error
        = connectError(QStringLiteral("127.0.0.1"), quint16(server.result()), through(nobody));
    QCOMPARE(error.code(), ErrorCode::ProxyConnectionRefused);
    QCOMPARE(error.osErrno(), ECONNREFUSED);
}

void tst_BlockingProxy::targetRefused_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<ErrorCode>("code");
    // SOCKS5 reply 5; tinyproxy answers "500 Unable to connect", which says less.
    QTest::newRow("microsocks") << Kind::Socks5 << ErrorCode::ConnectionRefused;
    QTest::newRow("tinyproxy") << Kind::Http << ErrorCode::ConnectionError;
}

void tst_BlockingProxy::targetRefused()
{
    QFETCH(Kind, kind);
    QFETCH(ErrorCode, code);
    START_PROXY_PROCESS(proxy, kind);
    const Error error
        = connectError(QStringLiteral("127.0.0.1"), freePort(SOCK_STREAM), through(proxy.proxy()));
    QCOMPARE(error.code(), code);
    QCOMPARE(error.cause(), ErrorCause::Proxy);
}

void tst_BlockingProxy::stallingProxy_data()
{
    proxyNotListening_data();
}

void tst_BlockingProxy::stallingProxy()
{
    QFETCH(QNetworkProxy::ProxyType, type);
    // Connections complete in the backlog; nobody ever answers.
    quint16 port = 0;
    const int listener = boundLoopbackSocket(SOCK_STREAM, port);
    QCOMPARE(::listen(listener, 4), 0);
    const auto closeListener = qScopeGuard([listener] { ::close(listener); });
    BlockingTcpOptions options = through(QNetworkProxy(type, QStringLiteral("127.0.0.1"), port));
    options.connectTimeout = 200ms;
    const Error error = connectError(QStringLiteral("127.0.0.1"), 7, options);
    QCOMPARE(error.code(), ErrorCode::Timeout);
    QCOMPARE(error.cause(), ErrorCause::Proxy);
    QVERIFY2(error.message().contains(QString::number(port)), qPrintable(error.message()));
    // Over TLS too: the connect timeout bounds the proxy handshake before it.
    options.ssl = clientTls();
    QCOMPARE(connectError(QStringLiteral("localhost"), 7, options).code(), ErrorCode::Timeout);
}

void tst_BlockingProxy::tunnelBytesInTheReply_data()
{
    QTest::addColumn<QList<ScriptedProxy::Step>>("steps");
    QTest::addColumn<QNetworkProxy::ProxyType>("type");
    // The target's first bytes come in the same write as the proxy's answer.
    QTest::newRow("SOCKS5")
        << QList<ScriptedProxy::Step> {{3, bytes({5, 0})},
                                       {10, bytes({5, 0, 0, 1, 127, 0, 0, 1, 0, 7}) + "banner\n"}}
        << QNetworkProxy::Socks5Proxy;
    QTest::newRow("HTTP") << QList<ScriptedProxy::Step> {{-1,
                                                          "HTTP/1.1 200 Connection established\r\n"
                                                          "\r\nbanner\n"}}
                          << QNetworkProxy::HttpProxy;
}

void tst_BlockingProxy::tunnelBytesInTheReply()
{
    QFETCH(QList<ScriptedProxy::Step>, steps);
    QFETCH(QNetworkProxy::ProxyType, type);
    ScriptedProxy proxy(steps, ScriptedProxy::Then::Echo);
    BlockingTcpClient client(
        QStringLiteral("127.0.0.1"), 7, lineProtocol(),
        through(QNetworkProxy(type, QStringLiteral("127.0.0.1"), proxy.port())));
    // Nothing of the tunnel was taken for the proxy's answer.
    QCOMPARE(client.recvPacket(10s).toString(), QStringLiteral("banner"));
    client.sendPacket(QStringLiteral("echo"), 10s);
    QCOMPARE(client.recvPacket(10s).toString(), QStringLiteral("echo"));
}

void tst_BlockingProxy::hostileAnswers_data()
{
    QTest::addColumn<QList<ScriptedProxy::Step>>("steps");
    QTest::addColumn<QNetworkProxy::ProxyType>("type");
    QTest::addColumn<ErrorCode>("code");
    using Steps = QList<ScriptedProxy::Step>;
    QTest::newRow("SOCKS5: garbage") << Steps {{3, "SSH-2.0-OpenSSH_9.2\r\n"}}
                                     << QNetworkProxy::Socks5Proxy << ErrorCode::ProxyProtocolError;
    QTest::newRow("SOCKS5: closed mid-reply")
        << Steps {{3, bytes({5, 0})}, {10, bytes({5, 0, 0, 1, 127})}} << QNetworkProxy::Socks5Proxy
        << ErrorCode::ProxyProtocolError;
    QTest::newRow("SOCKS5: closed before any reply")
        << Steps {{3, {}}} << QNetworkProxy::Socks5Proxy << ErrorCode::ProxyProtocolError;
    QTest::newRow("SOCKS5: rule refusal")
        << Steps {{3, bytes({5, 0})}, {10, bytes({5, 2, 0, 1, 0, 0, 0, 0, 0, 0})}}
        << QNetworkProxy::Socks5Proxy << ErrorCode::ProxyConnectionRefused;
    QTest::newRow("HTTP: garbage")
        << Steps {{-1, bytes({5, 0})}} << QNetworkProxy::HttpProxy << ErrorCode::ProxyProtocolError;
    QTest::newRow("HTTP: closed mid-reply")
        << Steps {{-1, "HTTP/1.1 200 Conn"}} << QNetworkProxy::HttpProxy
        << ErrorCode::ProxyProtocolError;
    QTest::newRow("HTTP: 403") << Steps {{-1, "HTTP/1.1 403 Forbidden\r\n\r\n"}}
                               << QNetworkProxy::HttpProxy << ErrorCode::ProxyConnectionRefused;
}

void tst_BlockingProxy::hostileAnswers()
{
    QFETCH(QList<ScriptedProxy::Step>, steps);
    QFETCH(QNetworkProxy::ProxyType, type);
    QFETCH(ErrorCode, code);
    ScriptedProxy proxy(steps, ScriptedProxy::Then::Close);
    const Error error
        = connectError(QStringLiteral("127.0.0.1"), 7,
                       through(QNetworkProxy(type, QStringLiteral("127.0.0.1"), proxy.port())),
                       [&proxy] { proxy.finish(); });
    QCOMPARE(error.code(), code);
}

void tst_BlockingProxy::applicationProxy()
{
    // Qt never proxies localhost or a loopback address (QNetworkProxyFactory),
    // so the target is a name only the proxy knows: the scripted proxy, which
    // opens a tunnel to itself.
    ScriptedProxy proxy({{-1, "HTTP/1.1 200 Connection established\r\n\r\nbanner\n"}},
                        ScriptedProxy::Then::Echo);
    ServerThread server = tcpEchoServerThread();
    const QNetworkProxy previous = QNetworkProxy::applicationProxy();
    const auto restore = qScopeGuard([&previous] { QNetworkProxy::setApplicationProxy(previous); });
    QNetworkProxy::setApplicationProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port()));

    BlockingTcpOptions options; // proxy: DefaultProxy
    options.connectTimeout = 10s;
    {
        BlockingTcpClient client(QStringLiteral("echo.example"), 7, lineProtocol(), options);
        QCOMPARE(client.peerPort(), proxy.port());
        QCOMPARE(client.recvPacket(10s).toString(), QStringLiteral("banner"));
        client.sendPacket(QStringLiteral("via the application proxy"), 10s);
        QCOMPARE(client.recvPacket(10s).toString(), QStringLiteral("via the application proxy"));
    }
    // A loopback target goes around it, as QTcpSocket's would ...
    const auto echoPort = quint16(server.result());
    {
        BlockingTcpClient direct(QStringLiteral("127.0.0.1"), echoPort, lineProtocol(), options);
        QCOMPARE(direct.peerPort(), echoPort);
    }
    // ... and so does any target with NoProxy.
    options.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    BlockingTcpClient direct(QStringLiteral("127.0.0.1"), echoPort, lineProtocol(), options);
    QCOMPARE(direct.peerPort(), echoPort);
}

void tst_BlockingProxy::adoptedSocket()
{
    quint16 port = 0;
    const int listener = boundLoopbackSocket(SOCK_STREAM, port);
    QCOMPARE(::listen(listener, 4), 0);
    const auto closeListener = qScopeGuard([listener] { ::close(listener); });
    const auto connected = [port] {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) == 0
            ? fd
            : -1;
    };

    // An explicit proxy cannot apply to a connected socket: ValueError, and
    // the descriptor stays the caller's.
    const int refused = connected();
    QVERIFY(refused >= 0);
    for (const auto type : {QNetworkProxy::Socks5Proxy, QNetworkProxy::HttpProxy}) {
        BlockingTcpOptions options;
        options.proxy = QNetworkProxy(type, QStringLiteral("127.0.0.1"), 1080);
        QVERIFY(throwsWithCode<ValueError>(ErrorCode::InvalidArgument, [&] {
            BlockingTcpClient client(refused, lineProtocol(), options);
        }));
        QVERIFY(::fcntl(refused, F_GETFD) >= 0);
    }
    ::close(refused);

    // The application's proxy is ignored.
    const QNetworkProxy previous = QNetworkProxy::applicationProxy();
    const auto restore = qScopeGuard([&previous] { QNetworkProxy::setApplicationProxy(previous); });
    QNetworkProxy::setApplicationProxy(
        QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), 1080));
    const int adopted = connected();
    QVERIFY(adopted >= 0);
    BlockingTcpClient client(adopted, lineProtocol());
    QCOMPARE(client.peerPort(), port);
}

void tst_BlockingProxy::refusedOptions()
{
    // Refused before anything connects: nothing to leak, nothing to wait for.
    BlockingTcpOptions options;
    options.proxy = QNetworkProxy(QNetworkProxy::FtpCachingProxy, QStringLiteral("127.0.0.1"), 21);
    Error error = connectError(QStringLiteral("127.0.0.1"), 7, options);
    QCOMPARE(error.code(), ErrorCode::InvalidArgument);

    // RFC 1929 carries at most 255 bytes of user name.
    options.proxy = QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), 1080,
                                  QString(256, u'u'), QStringLiteral("p"));
    error = connectError(QStringLiteral("127.0.0.1"), 7, options);
    QCOMPARE(error.code(), ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_BlockingProxy)
#include "tst_blockingproxy.moc"
