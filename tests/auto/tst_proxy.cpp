// TcpClient and BlockingTcpClient through proxies, one test for both forms
// (each row runs once per form): the real ones Debian ships (microsocks for
// SOCKS5, tinyproxy for HTTP CONNECT, with and without credentials) for echo,
// the end of the stream and TLS end to end with the target; a scripted
// HostileProxy for every way a proxy can fail, each with its error and no
// descriptor left behind; and DefaultProxy following the application proxy.
#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/tcpclient.h>

#include <QtCore/QFile>
#include <QtCore/QScopeGuard>
#include <QtNetwork/QNetworkProxy>
#include <QtTest/QTest>

#include "clientundertest.h"
#include "hostileproxy.h"
#include "proxyprocess.h"
#include "rawpeer.h"
#include "serverthread.h"
#include "testsupport.h"
#include "tlsobserver.h"
#include "unixtestsupport.h"

using namespace EasyNet;
using namespace EasyNetTest;
using namespace std::chrono_literals;

using Kind = ProxyProcess::Kind;
using Behaviour = HostileProxy::Behaviour;
using Protocol = HostileProxy::Protocol;
using Script = HostileProxy::Script;

Q_DECLARE_METATYPE(EasyNetTest::HostileProxy::Protocol)

Q_DECLARE_METATYPE(EasyNetTest::ProxyProcess::Kind)

namespace {

ClientSetup throughProxy(const QNetworkProxy &proxy)
{
    ClientSetup setup;
    setup.tcp.proxy = proxy;
    return setup;
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

Script script(Protocol protocol, Behaviour behaviour)
{
    Script s;
    s.protocol = protocol;
    s.behaviour = behaviour;
    return s;
}

// A HostileProxy in a thread of its own, so that a blocking client can wait
// on it from the test's thread.
class HostileProxyThread
{
public:
    explicit HostileProxyThread(const Script &script)
        : m_thread([this, script](QObject *context) {
            m_proxy = new HostileProxy(script, context);
            return int(m_proxy->port());
        })
    {
    }
    QNetworkProxy proxy() const { return m_proxy->proxy(); }
    HostileProxy::Observed observed() const { return m_proxy->observed(); }

private:
    HostileProxy *m_proxy = nullptr;
    ServerThread m_thread;
};

void addFormRows()
{
    QTest::addColumn<Form>("form");
    QTest::newRow(nameOf(Form::EventDriven)) << Form::EventDriven;
    QTest::newRow(nameOf(Form::Blocking)) << Form::Blocking;
}

void addRealProxyRows()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("user");
    for (const Form form : {Form::EventDriven, Form::Blocking}) {
        const QByteArray formName = nameOf(form);
        QTest::newRow((formName + ", microsocks").constData()) << form << Kind::Socks5 << QString();
        QTest::newRow((formName + ", microsocks user/password").constData())
            << form << Kind::Socks5 << QStringLiteral("user");
        QTest::newRow((formName + ", tinyproxy").constData()) << form << Kind::Http << QString();
        QTest::newRow((formName + ", tinyproxy BasicAuth").constData())
            << form << Kind::Http << QStringLiteral("user");
    }
}

} // namespace

// A row of addRealProxyRows(): fetches form, kind and user, and starts that
// proxy as name (the password "pass" with a user, none without).
#define START_ROW_PROXY(name)                                                                      \
    QFETCH(Form, form);                                                                            \
    QFETCH(Kind, kind);                                                                            \
    QFETCH(QString, user);                                                                         \
    START_PROXY_PROCESS(name, kind, user, user.isEmpty() ? QString() : QStringLiteral("pass"))

class tst_Proxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void echoThroughRealProxy_data() { addRealProxyRows(); }
    void echoThroughRealProxy();
    void peerEndsTheStream_data() { addRealProxyRows(); }
    void peerEndsTheStream();
    void clientHalfCloses_data() { addRealProxyRows(); }
    void clientHalfCloses();
    void peerResets_data() { addRealProxyRows(); }
    void peerResets();
    void tlsEndToEnd_data() { addRealProxyRows(); }
    void tlsEndToEnd();
    void wrongCredentials_data() { addRealProxyRows(); }
    void wrongCredentials();
    void proxyNotListening_data() { addFormRows(); }
    void proxyNotListening();
    void proxyNotFound_data() { addFormRows(); }
    void proxyNotFound();
    void targetRefusedThroughProxy_data() { addRealProxyRows(); }
    void targetRefusedThroughProxy();
    void hostileProxy_data();
    void hostileProxy();
    void stallingProxyTimesOut_data();
    void stallingProxyTimesOut();
    void tunnelBytesAfterTheReply_data();
    void tunnelBytesAfterTheReply();
    void hostNameGoesUnresolved_data() { addFormRows(); }
    void hostNameGoesUnresolved();
    void defaultProxyFollowsTheApplication_data() { addFormRows(); }
    void defaultProxyFollowsTheApplication();
    void refusedCombinations_data() { addFormRows(); }
    void refusedCombinations();
};

void tst_Proxy::echoThroughRealProxy()
{
    START_ROW_PROXY(proxy);
    PeerConnection c = connectToRawPeer(form, throughProxy(proxy.proxy()), {});
    if (QTest::currentTestFailed())
        return;
    c.peer->startEcho();
    QCOMPARE(c.client->socket().peerPort(), proxy.port()); // the client talks to the proxy
    QVERIFY(c.peer->peerPort() != c.client->socket().localPort()); // the target, to the proxy
    for (int i = 0; i < 1000; ++i)
        QVERIFY_OK(c.client->send(QStringLiteral("packet %1").arg(i)));
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(c.client->next(), QStringLiteral("packet %1").arg(i));
    c.client->close();
}

void tst_Proxy::peerEndsTheStream()
{
    START_ROW_PROXY(proxy);
    PeerConnection c = connectToRawPeer(form, throughProxy(proxy.proxy()), {});
    if (QTest::currentTestFailed())
        return;
    c.peer->write("last\n");
    c.peer->shutdownWrite();
    QCOMPARE(c.client->next(), QStringLiteral("last"));
    // The proxy passes the end of the stream on: the iteration ends quietly.
    int more = 0;
    QVERIFY_OK(c.client->iterate(5s, [&more](const QVariant &) { return ++more < 10; }));
    QCOMPARE(more, 0);
}

// What was sent before sendEof() reaches the target, then its end of stream.
// Neither proxy keeps a half-open tunnel: microsocks and tinyproxy close both
// directions once one ends, so the client then sees the end of the stream.
void tst_Proxy::clientHalfCloses()
{
    START_ROW_PROXY(proxy);
    PeerConnection c = connectToRawPeer(form, throughProxy(proxy.proxy()), {});
    if (QTest::currentTestFailed())
        return;
    for (int i = 0; i < 100; ++i)
        QVERIFY_OK(c.client->send(QStringLiteral("before eof %1").arg(i)));
    QVERIFY_OK(c.client->sendEof());
    QByteArray expected;
    for (int i = 0; i < 100; ++i)
        expected += "before eof " + QByteArray::number(i) + '\n';
    QCOMPARE(c.peer->readToEnd(), expected);
    QVariant packet;
    const Error end = c.client->receive(&packet);
    QCOMPARE(end.cause(), ErrorCause::EndOfStream);
}

// The proxies pass a target's reset on as their own close: the client sees
// the end of the stream, after everything that came before.
void tst_Proxy::peerResets()
{
    START_ROW_PROXY(proxy);
    PeerConnection c = connectToRawPeer(form, throughProxy(proxy.proxy()), {});
    if (QTest::currentTestFailed())
        return;
    c.peer->write("first\n");
    QCOMPARE(c.client->next(), QStringLiteral("first"));
    c.peer->reset();
    QVariant packet;
    const Error error = c.client->receive(&packet);
    QVERIFY2(error.cause() == ErrorCause::EndOfStream || error.code() == ErrorCode::ConnectionReset,
             qPrintable(error.toString()));
}

void tst_Proxy::tlsEndToEnd()
{
    START_ROW_PROXY(proxy);
    TlsObserver server({});
    ClientSetup setup = throughProxy(proxy.proxy());
    setup.port = server.port();
    setup.tcp.ssl = clientTls();
    setup.tcp.serverHostname
        = QStringLiteral("localhost"); // checked against the target's certificate
    const auto client = ClientUnderTest::make(form, setup);
    QVERIFY_OK(client->connect());
    QVERIFY_OK(client->send(QStringLiteral("secret")));
    QCOMPARE(client->next(), QStringLiteral("secret"));
    client->close();
    const Observed seen = server.observed();
    QVERIFY2(seen.handshakeError.isEmpty(), qPrintable(seen.handshakeError));
    QCOMPARE(seen.sni, QByteArrayLiteral("localhost"));
}

void tst_Proxy::wrongCredentials()
{
    QFETCH(Form, form);
    QFETCH(Kind, kind);
    QFETCH(QString, user);
    if (user.isEmpty())
        QSKIP("a proxy without credentials takes any");
    START_PROXY_PROCESS(proxy, kind, user, QStringLiteral("pass"));
    for (const QString &password : {QStringLiteral("wrong"), QString()}) {
        QNetworkProxy wrong = proxy.proxy();
        wrong.setPassword(password);
        if (password.isEmpty())
            wrong.setUser(QString());
        const int descriptors = openFdCount();
        ClientSetup setup = throughProxy(wrong);
        setup.port = 9; // never reached
        const auto client = ClientUnderTest::make(form, setup);
        const Error error = client->connect();
        QCOMPARE(error.code(), ErrorCode::ProxyAuthenticationRequired);
        QVERIFY(error.message().contains(QString::number(proxy.port())));
        client->close();
        QTRY_COMPARE(openFdCount(), descriptors);
    }
}

void tst_Proxy::proxyNotListening()
{
    QFETCH(Form, form);
    quint16 port = 0;
    const int bound = boundLoopbackSocket(SOCK_STREAM, port); // bound, not listening: refused
    ClientSetup setup = throughProxy(
        QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), port));
    setup.port = 9;
    const auto client = ClientUnderTest::make(form, setup);
    const Error error = client->connect();
    ::close(bound);
    QCOMPARE(error.code(), ErrorCode::ProxyConnectionRefused);
}

void tst_Proxy::proxyNotFound()
{
    QFETCH(Form, form);
#if defined(__SANITIZE_THREAD__)
    // As in tst_clientcontract::unresolvableHost: Qt's host lookup pool hands
    // its result over through locks Debian's Qt hides from ThreadSanitizer.
    if (form == Form::EventDriven)
        QSKIP("Qt's host lookup pool is not visible to ThreadSanitizer");
#endif
    // An invalid name fails inside the resolver, without a DNS query leaving
    // the machine.
    ClientSetup setup = throughProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("no..such..proxy"), 8080));
    setup.port = 9;
    const auto client = ClientUnderTest::make(form, setup);
    QCOMPARE(client->connect().code(), ErrorCode::ProxyNotFound);
}

void tst_Proxy::targetRefusedThroughProxy()
{
    START_ROW_PROXY(proxy);
    quint16 port = 0;
    const int closed = boundLoopbackSocket(SOCK_STREAM, port); // bound, not listening: refused
    ClientSetup setup = throughProxy(proxy.proxy());
    setup.port = port;
    const auto client = ClientUnderTest::make(form, setup);
    const Error error = client->connect();
    ::close(closed);
    QCOMPARE(error.cause(), ErrorCause::Proxy); // the target's failure, as the proxy told it
    QVERIFY2(error.isConnectionError(), qPrintable(error.toString()));
    if (kind == Kind::Socks5)
        QCOMPARE(error.code(), ErrorCode::ConnectionRefused);
}

void tst_Proxy::hostileProxy_data()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<Script>("script");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<ErrorCause>("cause");
    const auto refuse = [](Protocol protocol, quint8 socksReply, int httpStatus) {
        Script s = script(protocol, Behaviour::Refuse);
        s.socksReply = socksReply;
        s.httpStatus = httpStatus;
        return s;
    };
    const struct
    {
        Script script;
        ErrorCode code;
        ErrorCause cause;
    } cases[] = {
        {script(Protocol::Socks5, Behaviour::Garbage), ErrorCode::ProxyProtocolError,
         ErrorCause::None},
        {script(Protocol::Http, Behaviour::Garbage), ErrorCode::ProxyProtocolError,
         ErrorCause::None},
        {script(Protocol::Socks5, Behaviour::CloseMidReply), ErrorCode::ProxyProtocolError,
         ErrorCause::None},
        {script(Protocol::Http, Behaviour::CloseMidReply), ErrorCode::ProxyProtocolError,
         ErrorCause::None},
        {refuse(Protocol::Socks5, 0x05, 0), ErrorCode::ConnectionRefused, ErrorCause::Proxy},
        {refuse(Protocol::Socks5, 0x02, 0), ErrorCode::ProxyConnectionRefused, ErrorCause::None},
        {refuse(Protocol::Socks5, 0x04, 0), ErrorCode::ConnectionError, ErrorCause::Proxy},
        {refuse(Protocol::Socks5, 0x06, 0), ErrorCode::Timeout, ErrorCause::Proxy},
        {refuse(Protocol::Http, 0, 403), ErrorCode::ProxyConnectionRefused, ErrorCause::None},
        {refuse(Protocol::Http, 0, 407), ErrorCode::ProxyAuthenticationRequired, ErrorCause::None},
        {refuse(Protocol::Http, 0, 502), ErrorCode::ConnectionError, ErrorCause::Proxy},
        {refuse(Protocol::Http, 0, 504), ErrorCode::Timeout, ErrorCause::Proxy},
    };
    for (const Form form : {Form::EventDriven, Form::Blocking})
        for (const auto &c : cases)
            QTest::newRow(qPrintable(QStringLiteral("%1, %2").arg(
                QLatin1String(nameOf(form)), HostileProxy::describe(c.script))))
                << form << c.script << c.code << c.cause;
}

void tst_Proxy::hostileProxy()
{
    QFETCH(Form, form);
    QFETCH(Script, script);
    QFETCH(ErrorCode, code);
    QFETCH(ErrorCause, cause);
    const int descriptors = openFdCount();
    {
        HostileProxyThread proxy(script);
        ClientSetup setup = throughProxy(proxy.proxy());
        setup.port = 7;
        const auto client = ClientUnderTest::make(form, setup);
        const Error error = client->connect();
        QCOMPARE(error.code(), code);
        QCOMPARE(error.cause(), cause);
        QVERIFY(error.message().contains(QString::number(proxy.proxy().port())));
        client->close();
    }
    QTRY_COMPARE(openFdCount(), descriptors);
}

void tst_Proxy::stallingProxyTimesOut_data()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<Protocol>("protocol");
    for (const Form form : {Form::EventDriven, Form::Blocking}) {
        QTest::newRow((QByteArray(nameOf(form)) + ", SOCKS5").constData())
            << form << Protocol::Socks5;
        QTest::newRow((QByteArray(nameOf(form)) + ", HTTP").constData()) << form << Protocol::Http;
    }
}

// The connect timeout covers the proxy's handshake, as it covers TLS's.
void tst_Proxy::stallingProxyTimesOut()
{
    QFETCH(Form, form);
    QFETCH(Protocol, protocol);
    HostileProxyThread proxy(script(protocol, Behaviour::Stall));
    ClientSetup setup = throughProxy(proxy.proxy());
    setup.port = 7;
    setup.connectTimeout = 300ms;
    const auto client = ClientUnderTest::make(form, setup);
    QCOMPARE(client->connect().code(), ErrorCode::Timeout);
}

void tst_Proxy::tunnelBytesAfterTheReply_data()
{
    stallingProxyTimesOut_data();
}

// What the proxy sends right behind its reply is the target's: the first packet.
void tst_Proxy::tunnelBytesAfterTheReply()
{
    QFETCH(Form, form);
    QFETCH(Protocol, protocol);
    HostileProxyThread proxy(script(protocol, Behaviour::Tunnel));
    ClientSetup setup = throughProxy(proxy.proxy());
    setup.port = 7;
    const auto client = ClientUnderTest::make(form, setup);
    QVERIFY_OK(client->connect());
    QCOMPARE(client->next(), QStringLiteral("hello"));
    QVERIFY_OK(client->send(QStringLiteral("ping")));
    QCOMPARE(client->next(), QStringLiteral("ping"));
    client->close();
}

void tst_Proxy::hostNameGoesUnresolved()
{
    QFETCH(Form, form);
    HostileProxyThread proxy(script(Protocol::Socks5, Behaviour::Tunnel));
    ClientSetup setup = throughProxy(proxy.proxy());
    setup.host = QStringLiteral("only-the-proxy-knows.invalid");
    setup.port = 7;
    const auto client = ClientUnderTest::make(form, setup);
    QVERIFY_OK(client->connect());
    QCOMPARE(client->next(), QStringLiteral("hello"));
    const HostileProxy::Observed seen = proxy.observed();
    QCOMPARE(seen.addressType, quint8(0x03)); // a domain name
    QCOMPARE(seen.host, setup.host);
    QCOMPARE(seen.port, quint16(7));
    client->close();
}

// DefaultProxy asks Qt, as QTcpSocket does: the application proxy for a
// remote host (here a name only the proxy knows), none for a loopback one.
void tst_Proxy::defaultProxyFollowsTheApplication()
{
    QFETCH(Form, form);
    HostileProxyThread proxy(script(Protocol::Socks5, Behaviour::Tunnel));
    QNetworkProxy::setApplicationProxy(proxy.proxy());
    const auto restore
        = qScopeGuard([] { QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy); });
    ClientSetup setup; // DefaultProxy
    setup.host = QStringLiteral("only-the-proxy-knows.invalid");
    setup.port = 7;
    const auto client = ClientUnderTest::make(form, setup);
    QVERIFY_OK(client->connect());
    QCOMPARE(client->next(), QStringLiteral("hello"));
    QCOMPARE(proxy.observed().host, setup.host);
    client->close();

    PeerConnection direct = connectToRawPeer(form, ClientSetup(), {});
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(direct.client->socket().peerPort(), direct.peer->localPort());
    QCOMPARE(proxy.observed().connections, 1);
}

// Only the proxy types a QTcpSocket tunnels through are taken, and a proxy
// tunnels to a host: an adopted socket or a list of addresses with an
// explicit proxy is a usage error, found before anything connects.
void tst_Proxy::refusedCombinations()
{
    QFETCH(Form, form);
    const QNetworkProxy proxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), 9);
    quint16 port = 0;
    const int adopted = boundLoopbackSocket(SOCK_STREAM, port);
    if (form == Form::EventDriven) {
        TcpClient refusing;
        QVERIFY(!refusing.setProxy(QNetworkProxy(QNetworkProxy::FtpCachingProxy)));
        QCOMPARE(refusing.proxy().type(), QNetworkProxy::DefaultProxy);

        TcpClient withAddresses;
        withAddresses.setProtocol(StreamProtocol(lineSerializer()));
        QVERIFY(withAddresses.setProxy(proxy));
        QVERIFY(withAddresses.setAddresses({QHostAddress(QHostAddress::LocalHost)}));
        const QFuture<void> refused = withAddresses.waitConnected();
        QVERIFY(finish(refused));
        QCOMPARE(failure(refused), ErrorCode::InvalidArgument);

        TcpClient adopting;
        adopting.setProtocol(StreamProtocol(lineSerializer()));
        QVERIFY(adopting.setProxy(proxy));
        QVERIFY(adopting.setSocketDescriptor(adopted)); // closed by the client, refused or not
        const QFuture<void> alsoRefused = adopting.waitConnected();
        QVERIFY(finish(alsoRefused));
        QCOMPARE(failure(alsoRefused), ErrorCode::InvalidArgument);
        return;
    }
    BlockingTcpOptions options;
    options.proxy = QNetworkProxy(QNetworkProxy::FtpCachingProxy);
    QVERIFY_THROWS_EXCEPTION(ValueError,
                             BlockingTcpClient(QStringLiteral("127.0.0.1"), 9,
                                               StreamProtocol(lineSerializer()), options));
    options.proxy = proxy;
    QVERIFY_THROWS_EXCEPTION(ValueError,
                             BlockingTcpClient(adopted, StreamProtocol(lineSerializer()), options));
}

QTEST_GUILESS_MAIN(tst_Proxy)
#include "tst_proxy.moc"
