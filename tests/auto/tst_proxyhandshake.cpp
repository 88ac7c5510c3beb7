// ProxyHandshake: the SOCKS5 (RFC 1928, RFC 1929) and HTTP CONNECT (RFC 9110
// 9.3.6) handshakes on bytes alone, as the serializers are tested: the exact
// requests, every reply and what it maps to, replies fed whole and byte by
// byte, and feed() taking only the proxy's bytes, never the tunnel's.
#include "transport/httpconnecthandshake_p.h"
#include "transport/proxyhandshake_p.h"

#include <QtTest/QTest>

#include <cerrno>
#include <initializer_list>

using namespace EasyNet;
using Status = ProxyHandshake::Status;

Q_DECLARE_METATYPE(EasyNet::ErrorCode)
Q_DECLARE_METATYPE(EasyNet::ErrorCause)

namespace {

QByteArray bytes(std::initializer_list<int> values)
{
    QByteArray out;
    for (const int value : values)
        out += char(value);
    return out;
}

QNetworkProxy socks5(const QString &user = {}, const QString &password = {})
{
    return QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), 1080, user,
                         password);
}

QNetworkProxy http(const QString &user = {}, const QString &password = {})
{
    return QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 3128, user,
                         password);
}

const QByteArray NoAuthGreeting = bytes({5, 1, 0});
const QByteArray AuthGreeting = bytes({5, 2, 0, 2});
const QByteArray NoAuthChosen = bytes({5, 0});
const QByteArray UserPasswordChosen = bytes({5, 2});
// A success with a bound IPv4 address and port (10 bytes).
const QByteArray Socks5Success = bytes({5, 0, 0, 1, 127, 0, 0, 1, 0x1f, 0x90});
const QByteArray HttpEstablished = "HTTP/1.1 200 Connection established\r\n\r\n";
const QByteArray Tunnel = "tunnel bytes\n";

// Feeds input whole (chunk 0) or chunk bytes at a time, as long as the
// handshake wants more; returns how many bytes it took in all.
qsizetype feedIn(ProxyHandshake &handshake, QByteArrayView input, qsizetype chunk = 0)
{
    if (chunk == 0)
        return handshake.feed(input);
    qsizetype used = 0;
    for (qsizetype at = 0; at < input.size() && handshake.status() == Status::NeedMore;
         at += chunk) {
        const QByteArrayView piece = input.sliced(at, qMin(chunk, input.size() - at));
        const qsizetype took = handshake.feed(piece);
        used += took;
        if (took < piece.size())
            break; // the rest belongs to the tunnel
    }
    return used;
}

// A SOCKS5 handshake to host:port (no credentials) past the method reply: its
// output is the CONNECT request.
std::unique_ptr<ProxyHandshake> socks5AtConnect(const QString &host = QStringLiteral("example.com"),
                                                quint16 port = 443)
{
    auto handshake = ProxyHandshake::create(socks5(), host, port);
    handshake->takeOutput();
    handshake->feed(NoAuthChosen);
    return handshake;
}

QByteArray socks5Request(const QByteArray &address, quint16 port)
{
    return bytes({5, 1, 0}) + address + char(port >> 8) + char(port & 0xff);
}

} // namespace

class tst_ProxyHandshake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // SOCKS5
    void socks5Greeting();
    void socks5ConnectRequest_data();
    void socks5ConnectRequest();
    void socks5Authentication();
    void socks5AuthenticationRefused();
    void socks5NoAcceptableMethod_data();
    void socks5NoAcceptableMethod();
    void socks5MethodNotOffered_data();
    void socks5MethodNotOffered();
    void socks5ReplyCodes_data();
    void socks5ReplyCodes();
    void socks5Success_data();
    void socks5Success();
    void socks5WholeExchangeAtOnce();
    void socks5BadVersion_data();
    void socks5BadVersion();
    void socks5BadAddressType();
    void socks5EndOfStream_data();
    void socks5EndOfStream();
    void socks5InvalidArguments_data();
    void socks5InvalidArguments();

    // HTTP CONNECT
    void httpRequest_data();
    void httpRequest();
    void httpEstablished_data();
    void httpEstablished();
    void httpInterimResponses();
    void httpStatuses_data();
    void httpStatuses();
    void httpGarbage_data();
    void httpGarbage();
    void httpHeaderTooLong();
    void httpEndOfStream();
    void httpInvalidHost();

    void endOfStreamAfterDone();
};

void tst_ProxyHandshake::socks5Greeting()
{
    auto plain = ProxyHandshake::create(socks5(), QStringLiteral("example.com"), 443);
    QCOMPARE(plain->status(), Status::NeedMore);
    QCOMPARE(plain->takeOutput(), NoAuthGreeting);
    QCOMPARE(plain->takeOutput(), QByteArray()); // taken
    QCOMPARE(plain->proxyName(), QStringLiteral("SOCKS5 proxy 127.0.0.1:1080"));

    // Credentials: user/password offered beside no authentication.
    auto withUser = ProxyHandshake::create(socks5(QStringLiteral("user"), QStringLiteral("pw")),
                                           QStringLiteral("example.com"), 443);
    QCOMPARE(withUser->takeOutput(), AuthGreeting);
    // A password alone is no credential.
    auto passwordOnly = ProxyHandshake::create(socks5(QString(), QStringLiteral("pw")),
                                               QStringLiteral("example.com"), 443);
    QCOMPARE(passwordOnly->takeOutput(), NoAuthGreeting);
}

void tst_ProxyHandshake::socks5ConnectRequest_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<quint16>("port");
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("domain name") << QStringLiteral("example.com") << quint16(443)
                                 << socks5Request(bytes({3, 11}) + "example.com", 443);
    // The proxy resolves the name, even one the client could resolve itself.
    QTest::newRow("localhost") << QStringLiteral("localhost") << quint16(80)
                               << socks5Request(bytes({3, 9}) + "localhost", 80);
    QTest::newRow("IDN: punycode") << QStringLiteral("bücher.example") << quint16(8080)
                                   << socks5Request(bytes({3, 21}) + "xn--bcher-kva.example", 8080);
    QTest::newRow("IPv4 literal") << QStringLiteral("192.0.2.7") << quint16(1)
                                  << socks5Request(bytes({1, 192, 0, 2, 7}), 1);
    QTest::newRow("IPv6 loopback")
        << QStringLiteral("::1") << quint16(65535)
        << socks5Request(bytes({4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), 65535);
    QTest::newRow("IPv6 literal") << QStringLiteral("2001:db8::a:b") << quint16(0x1234)
                                  << socks5Request(bytes({4, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0,
                                                          0, 0, 0, 0, 0x0a, 0, 0x0b}),
                                                   0x1234);
    // A name of 255 bytes is the longest SOCKS5 can carry.
    const QString longest = QString(63, u'a') + u'.' + QString(63, u'b') + u'.' + QString(63, u'c')
        + u'.' + QString(63, u'd');
    QTest::newRow("255-byte name")
        << longest << quint16(7) << socks5Request(bytes({3, 255}) + longest.toLatin1(), 7);
}

void tst_ProxyHandshake::socks5ConnectRequest()
{
    QFETCH(QString, host);
    QFETCH(quint16, port);
    QFETCH(QByteArray, request);
    auto handshake = ProxyHandshake::create(socks5(), host, port);
    QCOMPARE(handshake->status(), Status::NeedMore);
    QCOMPARE(handshake->takeOutput(), NoAuthGreeting);
    QCOMPARE(handshake->feed(NoAuthChosen), 2);
    QCOMPARE(handshake->status(), Status::NeedMore);
    QCOMPARE(handshake->takeOutput().toHex(' '), request.toHex(' '));
}

void tst_ProxyHandshake::socks5Authentication()
{
    // RFC 1929: VER 1, ULEN, UNAME, PLEN, PASSWD, in UTF-8.
    auto handshake
        = ProxyHandshake::create(socks5(QStringLiteral("üser"), QStringLiteral("s3cret")),
                                 QStringLiteral("example.com"), 443);
    QCOMPARE(handshake->takeOutput(), AuthGreeting);
    QCOMPARE(handshake->feed(UserPasswordChosen), 2);
    QCOMPARE(handshake->takeOutput().toHex(' '),
             (bytes({1, 5}) + "\xc3\xbcser" + char(6) + "s3cret").toHex(' '));
    QCOMPARE(handshake->status(), Status::NeedMore);
    QCOMPARE(handshake->feed(bytes({1, 0})), 2);
    QCOMPARE(handshake->takeOutput().toHex(' '),
             socks5Request(bytes({3, 11}) + "example.com", 443).toHex(' '));
    QCOMPARE(handshake->feed(Socks5Success), Socks5Success.size());
    QCOMPARE(handshake->status(), Status::Done);
    QCOMPARE(handshake->takeOutput(), QByteArray());

    // A proxy that needs no authentication is not sent the credentials.
    auto unneeded = ProxyHandshake::create(socks5(QStringLiteral("user"), QStringLiteral("pw")),
                                           QStringLiteral("example.com"), 443);
    unneeded->takeOutput();
    QCOMPARE(unneeded->feed(NoAuthChosen), 2);
    QCOMPARE(unneeded->takeOutput().toHex(' '),
             socks5Request(bytes({3, 11}) + "example.com", 443).toHex(' '));
}

void tst_ProxyHandshake::socks5AuthenticationRefused()
{
    auto handshake = ProxyHandshake::create(socks5(QStringLiteral("user"), QStringLiteral("wrong")),
                                            QStringLiteral("example.com"), 443);
    handshake->takeOutput();
    handshake->feed(UserPasswordChosen);
    handshake->takeOutput();
    QCOMPARE(handshake->feed(bytes({1, 1}) + Tunnel), 2);
    QCOMPARE(handshake->status(), Status::Failed);
    QCOMPARE(handshake->error().code(), ErrorCode::ProxyAuthenticationRequired);
    QCOMPARE(handshake->error().cause(), ErrorCause::None);
    QVERIFY2(
        handshake->error().message().startsWith(QStringLiteral("SOCKS5 proxy 127.0.0.1:1080: ")),
        qPrintable(handshake->error().message()));
    QCOMPARE(handshake->takeOutput(), QByteArray()); // no CONNECT after a refusal
}

void tst_ProxyHandshake::socks5NoAcceptableMethod_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("without credentials") << QString() << QStringLiteral("no user name");
    QTest::newRow("with credentials") << QStringLiteral("user") << QStringLiteral("none of");
}

void tst_ProxyHandshake::socks5NoAcceptableMethod()
{
    QFETCH(QString, user);
    QFETCH(QString, mentions);
    auto handshake = ProxyHandshake::create(socks5(user, QStringLiteral("pw")),
                                            QStringLiteral("example.com"), 443);
    handshake->takeOutput();
    QCOMPARE(handshake->feed(bytes({5, 0xff})), 2);
    QCOMPARE(handshake->status(), Status::Failed);
    QCOMPARE(handshake->error().code(), ErrorCode::ProxyAuthenticationRequired);
    QVERIFY2(handshake->error().message().contains(mentions),
             qPrintable(handshake->error().message()));
    QCOMPARE(handshake->takeOutput(), QByteArray());
}

void tst_ProxyHandshake::socks5MethodNotOffered_data()
{
    QTest::addColumn<int>("method");
    QTest::newRow("user/password without credentials") << 2;
    QTest::newRow("GSSAPI") << 1;
    QTest::newRow("private method") << 0x80;
}

void tst_ProxyHandshake::socks5MethodNotOffered()
{
    QFETCH(int, method);
    auto handshake = ProxyHandshake::create(socks5(), QStringLiteral("example.com"), 443);
    handshake->takeOutput();
    QCOMPARE(handshake->feed(bytes({5, method})), 2);
    QCOMPARE(handshake->status(), Status::Failed);
    QCOMPARE(handshake->error().code(), ErrorCode::ProxyProtocolError);
    QCOMPARE(handshake->takeOutput(), QByteArray());
}

void tst_ProxyHandshake::socks5ReplyCodes_data()
{
    QTest::addColumn<int>("reply");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<ErrorCause>("cause");
    QTest::addColumn<int>("osErrno");
    QTest::addColumn<QString>("text");
    QTest::newRow("1 general failure") << 1 << ErrorCode::ConnectionError << ErrorCause::Proxy << 0
                                       << QStringLiteral("general SOCKS server failure");
    QTest::newRow("2 not allowed") << 2 << ErrorCode::ProxyConnectionRefused << ErrorCause::None
                                   << 0 << QStringLiteral("not allowed by ruleset");
    QTest::newRow("3 network unreachable") << 3 << ErrorCode::ConnectionError << ErrorCause::Proxy
                                           << ENETUNREACH << QStringLiteral("network unreachable");
    QTest::newRow("4 host unreachable") << 4 << ErrorCode::ConnectionError << ErrorCause::Proxy
                                        << EHOSTUNREACH << QStringLiteral("host unreachable");
    QTest::newRow("5 connection refused") << 5 << ErrorCode::ConnectionRefused << ErrorCause::Proxy
                                          << ECONNREFUSED << QStringLiteral("connection refused");
    QTest::newRow("6 TTL expired") << 6 << ErrorCode::Timeout << ErrorCause::Proxy << ETIMEDOUT
                                   << QStringLiteral("TTL expired");
    QTest::newRow("7 command not supported")
        << 7 << ErrorCode::ProxyConnectionRefused << ErrorCause::None << 0
        << QStringLiteral("command not supported");
    QTest::newRow("8 address type not supported")
        << 8 << ErrorCode::ProxyConnectionRefused << ErrorCause::None << 0
        << QStringLiteral("address type not supported");
    QTest::newRow("9 unassigned") << 9 << ErrorCode::ProxyProtocolError << ErrorCause::None << 0
                                  << QStringLiteral("unknown reply");
    QTest::newRow("255 unassigned") << 255 << ErrorCode::ProxyProtocolError << ErrorCause::None << 0
                                    << QStringLiteral("unknown reply");
}

void tst_ProxyHandshake::socks5ReplyCodes()
{
    QFETCH(int, reply);
    QFETCH(ErrorCode, code);
    QFETCH(ErrorCause, cause);
    QFETCH(int, osErrno);
    QFETCH(QString, text);
    for (const qsizetype chunk : {0, 1}) {
        auto handshake = socks5AtConnect();
        // A refusal is known from VER REP on: the bound address is not awaited.
        const QByteArray answer = bytes({5, reply, 0, 1, 0, 0, 0, 0, 0, 0});
        QCOMPARE(feedIn(*handshake, answer, chunk), 2);
        QCOMPARE(handshake->status(), Status::Failed);
        const Error &error = handshake->error();
        QCOMPARE(error.code(), code);
        QCOMPARE(error.cause(), cause);
        QCOMPARE(error.osErrno(), osErrno);
        QVERIFY2(error.message().contains(text), qPrintable(error.message()));
        // The reply code is kept in the message.
        QVERIFY2(error.message().contains(QStringLiteral("SOCKS5 reply %1").arg(reply)),
                 qPrintable(error.message()));
        QVERIFY2(error.message().startsWith(handshake->proxyName()), qPrintable(error.message()));
    }
}

void tst_ProxyHandshake::socks5Success_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<qsizetype>("chunk");
    const QList<QPair<const char *, QByteArray>> replies {
        {"IPv4", Socks5Success},
        {"IPv6", bytes({5, 0, 0, 4, 0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 4, 0})},
        {"domain name", bytes({5, 0, 0, 3, 9}) + "localhost" + bytes({0, 80})},
        {"empty domain name", bytes({5, 0, 0, 3, 0, 0, 80})},
    };
    for (const auto &[name, reply] : replies) {
        QTest::addRow("%s, all at once", name) << reply << qsizetype(0);
        QTest::addRow("%s, byte by byte", name) << reply << qsizetype(1);
        QTest::addRow("%s, 4 bytes at a time", name) << reply << qsizetype(4);
    }
}

void tst_ProxyHandshake::socks5Success()
{
    QFETCH(QByteArray, reply);
    QFETCH(qsizetype, chunk);
    // Without tunnel bytes, and with tunnel bytes right behind the reply: feed()
    // takes exactly the reply.
    for (const QByteArray &after : {QByteArray(), Tunnel}) {
        auto handshake = socks5AtConnect();
        handshake->takeOutput();
        QCOMPARE(feedIn(*handshake, reply + after, chunk), reply.size());
        QCOMPARE(handshake->status(), Status::Done);
        QCOMPARE(handshake->error().code(), ErrorCode::NoError);
        QCOMPARE(handshake->takeOutput(), QByteArray());
    }
    // Cut one byte short, it still wants more.
    auto handshake = socks5AtConnect();
    QCOMPARE(feedIn(*handshake, reply.chopped(1), chunk), reply.size() - 1);
    QCOMPARE(handshake->status(), Status::NeedMore);
    QCOMPARE(handshake->feed(reply.right(1) + Tunnel), 1);
    QCOMPARE(handshake->status(), Status::Done);
}

void tst_ProxyHandshake::socks5WholeExchangeAtOnce()
{
    // Every reply of an authenticated handshake in one read (a proxy that
    // answers ahead, or a reader that was slow): each stage takes its own
    // bytes, the requests come out in order, the tunnel's stay.
    for (const qsizetype chunk : {0, 1}) {
        auto handshake = ProxyHandshake::create(socks5(QStringLiteral("u"), QStringLiteral("p")),
                                                QStringLiteral("::1"), 22);
        QCOMPARE(handshake->takeOutput(), AuthGreeting);
        const QByteArray replies = UserPasswordChosen + bytes({1, 0}) + Socks5Success;
        QCOMPARE(feedIn(*handshake, replies + Tunnel, chunk), replies.size());
        QCOMPARE(handshake->status(), Status::Done);
        QCOMPARE(handshake->takeOutput().toHex(' '),
                 (bytes({1, 1, 'u', 1, 'p'})
                  + socks5Request(bytes({4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}), 22))
                     .toHex(' '));
    }
}

void tst_ProxyHandshake::socks5BadVersion_data()
{
    QTest::addColumn<bool>("inConnectReply");
    QTest::addColumn<int>("version");
    QTest::newRow("method reply, SOCKS4") << false << 4;
    QTest::newRow("method reply, HTTP") << false << int('H');
    QTest::newRow("CONNECT reply, SOCKS4") << true << 4;
    QTest::newRow("CONNECT reply, 0") << true << 0;
}

void tst_ProxyHandshake::socks5BadVersion()
{
    QFETCH(bool, inConnectReply);
    QFETCH(int, version);
    auto handshake = inConnectReply
        ? socks5AtConnect()
        : ProxyHandshake::create(socks5(), QStringLiteral("example.com"), 443);
    handshake->takeOutput();
    QCOMPARE(handshake->feed(bytes({version, 0, 0, 1, 0, 0, 0, 0, 0, 0})), 2);
    QCOMPARE(handshake->status(), Status::Failed);
    QCOMPARE(handshake->error().code(), ErrorCode::ProxyProtocolError);
    QVERIFY2(handshake->error().message().contains(QStringLiteral("not SOCKS5")),
             qPrintable(handshake->error().message()));
    QCOMPARE(handshake->takeOutput(), QByteArray());
}

void tst_ProxyHandshake::socks5BadAddressType()
{
    for (const int type : {0, 2, 5, 255}) {
        auto handshake = socks5AtConnect();
        QCOMPARE(handshake->feed(bytes({5, 0, 0, type, 4, 0, 0, 0, 0, 0})), 5);
        QCOMPARE(handshake->status(), Status::Failed);
        QCOMPARE(handshake->error().code(), ErrorCode::ProxyProtocolError);
        QVERIFY2(handshake->error().message().contains(QStringLiteral("address type %1").arg(type)),
                 qPrintable(handshake->error().message()));
    }
}

void tst_ProxyHandshake::socks5EndOfStream_data()
{
    QTest::addColumn<QByteArray>("user");
    QTest::addColumn<QByteArray>("before");
    QTest::newRow("before any reply") << QByteArray() << QByteArray();
    QTest::newRow("in the method reply") << QByteArray() << bytes({5});
    QTest::newRow("in the authentication reply") << QByteArray("u") << bytes({5, 2, 1});
    QTest::newRow("before the CONNECT reply") << QByteArray() << NoAuthChosen;
    QTest::newRow("in the CONNECT reply head") << QByteArray() << NoAuthChosen + bytes({5, 0, 0});
    QTest::newRow("in the bound address")
        << QByteArray() << NoAuthChosen + Socks5Success.chopped(3);
}

void tst_ProxyHandshake::socks5EndOfStream()
{
    QFETCH(QByteArray, user);
    QFETCH(QByteArray, before);
    auto handshake = ProxyHandshake::create(socks5(QString::fromLatin1(user), QStringLiteral("p")),
                                            QStringLiteral("example.com"), 443);
    QCOMPARE(feedIn(*handshake, before, 1), before.size());
    QCOMPARE(handshake->status(), Status::NeedMore);
    handshake->endOfStream();
    QCOMPARE(handshake->status(), Status::Failed);
    QCOMPARE(handshake->error().code(), ErrorCode::ProxyProtocolError);
    QCOMPARE(handshake->error().cause(), ErrorCause::None);
}

void tst_ProxyHandshake::socks5InvalidArguments_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("host");
    const QString example = QStringLiteral("example.com");
    QTest::newRow("256-byte user name") << QString(256, u'u') << QStringLiteral("p") << example;
    // 128 characters, 256 bytes in UTF-8: the limit is in bytes.
    QTest::newRow("256-byte UTF-8 user name")
        << QString(128, u'é') << QStringLiteral("p") << example;
    QTest::newRow("256-byte password") << QStringLiteral("u") << QString(256, u'p') << example;
    QTest::newRow("256-byte host name") << QString() << QString()
                                        << QString(63, u'a') + u'.' + QString(63, u'b') + u'.'
            + QString(63, u'c') + u'.' + QString(64, u'd');
    QTest::newRow("empty host") << QString() << QString() << QString();
}

void tst_ProxyHandshake::socks5InvalidArguments()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, host);
    auto handshake = ProxyHandshake::create(socks5(user, password), host, 443);
    // Refused before anything is sent.
    QCOMPARE(handshake->status(), Status::Failed);
    QCOMPARE(handshake->error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(handshake->takeOutput(), QByteArray());
}

void tst_ProxyHandshake::httpRequest_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<quint16>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("domain name") << QStringLiteral("example.com") << quint16(443) << QString()
                                 << QString()
                                 << QByteArray("CONNECT example.com:443 HTTP/1.1\r\n"
                                               "Host: example.com:443\r\n\r\n");
    QTest::newRow("IPv4 literal") << QStringLiteral("127.0.0.1") << quint16(1) << QString()
                                  << QString()
                                  << QByteArray("CONNECT 127.0.0.1:1 HTTP/1.1\r\n"
                                                "Host: 127.0.0.1:1\r\n\r\n");
    QTest::newRow("IPv6 literal in brackets")
        << QStringLiteral("2001:DB8::1") << quint16(65535) << QString() << QString()
        << QByteArray("CONNECT [2001:db8::1]:65535 HTTP/1.1\r\n"
                      "Host: [2001:db8::1]:65535\r\n\r\n");
    QTest::newRow("IDN: punycode")
        << QStringLiteral("bücher.example") << quint16(8443) << QString() << QString()
        << QByteArray("CONNECT xn--bcher-kva.example:8443 HTTP/1.1\r\n"
                      "Host: xn--bcher-kva.example:8443\r\n\r\n");
    // "user:pass" in Base64, sent with the request (no round trip for a 407).
    QTest::newRow("Basic credentials")
        << QStringLiteral("example.com") << quint16(443) << QStringLiteral("user")
        << QStringLiteral("pass")
        << QByteArray("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n"
                      "Proxy-Authorization: Basic dXNlcjpwYXNz\r\n\r\n");
    QTest::newRow("UTF-8 credentials")
        << QStringLiteral("example.com") << quint16(443) << QStringLiteral("ü")
        << QStringLiteral("p:w")
        << QByteArray("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n"
                      "Proxy-Authorization: Basic "
                      + QByteArray("\xc3\xbc:p:w").toBase64() + "\r\n\r\n");
}

void tst_ProxyHandshake::httpRequest()
{
    QFETCH(QString, host);
    QFETCH(quint16, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QByteArray, request);
    auto handshake = ProxyHandshake::create(http(user, password), host, port);
    QCOMPARE(handshake->status(), Status::NeedMore);
    QCOMPARE(handshake->proxyName(), QStringLiteral("HTTP proxy 127.0.0.1:3128"));
    QCOMPARE(handshake->takeOutput(), request);
    QCOMPARE(handshake->takeOutput(), QByteArray());
}

void tst_ProxyHandshake::httpEstablished_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<qsizetype>("chunk");
    const QList<QPair<const char *, QByteArray>> answers {
        {"200", HttpEstablished},
        {"HTTP/1.0 200 with headers",
         "HTTP/1.0 200 Connection established\r\nProxy-agent: tinyproxy/1.11.1\r\n\r\n"},
        {"204, no reason", "HTTP/1.1 204\r\n\r\n"},
        {"bare LF", "HTTP/1.1 200 OK\nVia: proxy\n\n"},
    };
    for (const auto &[name, answer] : answers) {
        QTest::addRow("%s, all at once", name) << answer << qsizetype(0);
        QTest::addRow("%s, byte by byte", name) << answer << qsizetype(1);
        QTest::addRow("%s, 7 bytes at a time", name) << answer << qsizetype(7);
    }
}

void tst_ProxyHandshake::httpEstablished()
{
    QFETCH(QByteArray, answer);
    QFETCH(qsizetype, chunk);
    // The tunnel's bytes right behind the header are not the proxy's: even
    // one that looks like the end of a header.
    for (const QByteArray &after : {QByteArray(), Tunnel, QByteArray("\r\n\r\nHTTP/1.1 500\r\n")}) {
        auto handshake = ProxyHandshake::create(http(), QStringLiteral("example.com"), 443);
        handshake->takeOutput();
        QCOMPARE(feedIn(*handshake, answer + after, chunk), answer.size());
        QCOMPARE(handshake->status(), Status::Done);
        QCOMPARE(handshake->takeOutput(), QByteArray());
    }
}

void tst_ProxyHandshake::httpInterimResponses()
{
    // RFC 9110 15.2: a client must parse 1xx responses before the final one.
    const QByteArray answer = "HTTP/1.1 100 Continue\r\n\r\n"
                              "HTTP/1.1 102 Processing\r\nX: y\r\n\r\n"
        + HttpEstablished;
    for (const qsizetype chunk : {0, 1}) {
        auto handshake = ProxyHandshake::create(http(), QStringLiteral("example.com"), 443);
        handshake->takeOutput();
        QCOMPARE(feedIn(*handshake, answer + Tunnel, chunk), answer.size());
        QCOMPARE(handshake->status(), Status::Done);
    }
    // ... and then the final answer is the one that counts.
    auto refused = ProxyHandshake::create(http(), QStringLiteral("example.com"), 443);
    refused->feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 403 Forbidden\r\n\r\n");
    QCOMPARE(refused->status(), Status::Failed);
    QCOMPARE(refused->error().code(), ErrorCode::ProxyConnectionRefused);
}

void tst_ProxyHandshake::httpStatuses_data()
{
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<ErrorCause>("cause");
    QTest::addColumn<int>("osErrno");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("407 without credentials")
        << QByteArray("HTTP/1.1 407 Proxy Authentication Required") << false
        << ErrorCode::ProxyAuthenticationRequired << ErrorCause::None << 0
        << QStringLiteral("authentication required");
    QTest::newRow("407 with credentials")
        << QByteArray("HTTP/1.0 407 Proxy Authentication Required") << true
        << ErrorCode::ProxyAuthenticationRequired << ErrorCause::None << 0
        << QStringLiteral("refused the user name and password");
    // tinyproxy's answer to wrong credentials (407 when there are none).
    QTest::newRow("401 with credentials")
        << QByteArray("HTTP/1.0 401 Unauthorized") << true << ErrorCode::ProxyAuthenticationRequired
        << ErrorCause::None << 0 << QStringLiteral("refused the user name and password");
    QTest::newRow("403") << QByteArray("HTTP/1.1 403 Forbidden") << false
                         << ErrorCode::ProxyConnectionRefused << ErrorCause::None << 0
                         << QStringLiteral("refused the tunnel");
    QTest::newRow("405") << QByteArray("HTTP/1.1 405 Method Not Allowed") << false
                         << ErrorCode::ProxyConnectionRefused << ErrorCause::None << 0
                         << QStringLiteral("405 Method Not Allowed");
    QTest::newRow("301") << QByteArray("HTTP/1.1 301 Moved Permanently") << false
                         << ErrorCode::ProxyConnectionRefused << ErrorCause::None << 0
                         << QStringLiteral("301");
    QTest::newRow("500 (tinyproxy: target refused)")
        << QByteArray("HTTP/1.1 500 Unable to connect") << false << ErrorCode::ConnectionError
        << ErrorCause::Proxy << 0 << QStringLiteral("Unable to connect");
    QTest::newRow("502") << QByteArray("HTTP/1.1 502 Bad Gateway") << false
                         << ErrorCode::ConnectionError << ErrorCause::Proxy << 0
                         << QStringLiteral("could not reach the target");
    QTest::newRow("503") << QByteArray("HTTP/1.1 503 Service Unavailable") << false
                         << ErrorCode::ConnectionError << ErrorCause::Proxy << 0
                         << QStringLiteral("503");
    QTest::newRow("504") << QByteArray("HTTP/1.1 504 Gateway Timeout") << false
                         << ErrorCode::Timeout << ErrorCause::Proxy << ETIMEDOUT
                         << QStringLiteral("the target did not answer");
}

void tst_ProxyHandshake::httpStatuses()
{
    QFETCH(QByteArray, statusLine);
    QFETCH(bool, credentials);
    QFETCH(ErrorCode, code);
    QFETCH(ErrorCause, cause);
    QFETCH(int, osErrno);
    QFETCH(QString, mentions);
    // The header ends the handshake: the body that follows is not read.
    const QByteArray header = statusLine + "\r\nContent-Length: 5\r\n\r\n";
    for (const qsizetype chunk : {0, 1}) {
        auto handshake = ProxyHandshake::create(
            credentials ? http(QStringLiteral("user"), QStringLiteral("pass")) : http(),
            QStringLiteral("example.com"), 443);
        handshake->takeOutput();
        QCOMPARE(feedIn(*handshake, header + "body!", chunk), header.size());
        QCOMPARE(handshake->status(), Status::Failed);
        const Error &error = handshake->error();
        QCOMPARE(error.code(), code);
        QCOMPARE(error.cause(), cause);
        QCOMPARE(error.osErrno(), osErrno);
        QVERIFY2(error.message().contains(mentions), qPrintable(error.message()));
        // The status line is kept in the message.
        QVERIFY2(error.message().contains(QString::fromLatin1(statusLine)),
                 qPrintable(error.message()));
        QVERIFY2(error.message().startsWith(QStringLiteral("HTTP proxy 127.0.0.1:3128: ")),
                 qPrintable(error.message()));
    }
}

void tst_ProxyHandshake::httpGarbage_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<qsizetype>("used");
    // The first byte that cannot start "HTTP/" fails it.
    QTest::newRow("garbage first byte") << QByteArray("\x05\x00", 2) << qsizetype(1);
    QTest::newRow("SSH banner") << QByteArray("SSH-2.0-OpenSSH\r\n") << qsizetype(1);
    QTest::newRow("lower case") << QByteArray("http/1.1 200 OK\r\n\r\n") << qsizetype(1);
    QTest::newRow("HTTP/ then garbage") << QByteArray("HTTX/1.1 200\r\n\r\n") << qsizetype(4);
    // A header that ends without a status code.
    QTest::newRow("no status") << QByteArray("HTTP/1.1\r\n\r\n") << qsizetype(12);
    QTest::newRow("status not a number")
        << QByteArray("HTTP/1.1 OK 200\r\n\r\nmore") << qsizetype(19);
    QTest::newRow("status out of range") << QByteArray("HTTP/1.1 999 No\r\n\r\n") << qsizetype(19);
}

void tst_ProxyHandshake::httpGarbage()
{
    QFETCH(QByteArray, answer);
    QFETCH(qsizetype, used);
    for (const qsizetype chunk : {0, 1}) {
        auto handshake = ProxyHandshake::create(http(), QStringLiteral("example.com"), 443);
        handshake->takeOutput();
        QCOMPARE(feedIn(*handshake, answer, chunk), used);
        QCOMPARE(handshake->status(), Status::Failed);
        QCOMPARE(handshake->error().code(), ErrorCode::ProxyProtocolError);
        QCOMPARE(handshake->error().cause(), ErrorCause::None);
    }
}

void tst_ProxyHandshake::httpHeaderTooLong()
{
    const qsizetype limit = HttpConnectHandshake::MaxHeaderSize;
    const QByteArray start = "HTTP/1.1 200 OK\r\nX-Padding: ";
    // A header of exactly the limit is taken ...
    const QByteArray fits = start + QByteArray(limit - start.size() - 4, 'a') + "\r\n\r\n";
    QCOMPARE(fits.size(), limit);
    auto taken = ProxyHandshake::create(http(), QStringLiteral("example.com"), 443);
    QCOMPARE(taken->feed(fits + Tunnel), limit);
    QCOMPARE(taken->status(), Status::Done);
    // ... one byte more is garbage, found without reading beyond the limit.
    for (const qsizetype chunk : {0, 1, 1000}) {
        auto handshake = ProxyHandshake::create(http(), QStringLiteral("example.com"), 443);
        const QByteArray tooLong = start + QByteArray(2 * limit, 'a') + "\r\n\r\n";
        QCOMPARE(feedIn(*handshake, tooLong, chunk), limit);
        QCOMPARE(handshake->status(), Status::Failed);
        QCOMPARE(handshake->error().code(), ErrorCode::ProxyProtocolError);
        QVERIFY2(handshake->error().message().contains(QString::number(limit)),
                 qPrintable(handshake->error().message()));
    }
}

void tst_ProxyHandshake::httpEndOfStream()
{
    for (const QByteArray &before :
         {QByteArray(), QByteArray("HTT"), QByteArray("HTTP/1.1 200 Connection established\r\n"),
          QByteArray("HTTP/1.1 200 OK\r\n\r")}) {
        auto handshake = ProxyHandshake::create(http(), QStringLiteral("example.com"), 443);
        QCOMPARE(handshake->feed(before), before.size());
        QCOMPARE(handshake->status(), Status::NeedMore);
        handshake->endOfStream();
        QCOMPARE(handshake->status(), Status::Failed);
        QCOMPARE(handshake->error().code(), ErrorCode::ProxyProtocolError);
        QVERIFY2(handshake->error().message().contains(QStringLiteral("closed the connection")),
                 qPrintable(handshake->error().message()));
    }
}

void tst_ProxyHandshake::httpInvalidHost()
{
    // Nothing that could end the request line or inject a header goes out.
    for (const QString &host : {QString(), QStringLiteral("evil.example\r\nX-Injected: 1"),
                                QStringLiteral("two words")}) {
        auto handshake = ProxyHandshake::create(http(), host, 443);
        QCOMPARE(handshake->status(), Status::Failed);
        QCOMPARE(handshake->error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(handshake->takeOutput(), QByteArray());
    }
}

void tst_ProxyHandshake::endOfStreamAfterDone()
{
    // The proxy closing the tunnel later is the tunnel's end of stream, not a
    // handshake failure.
    auto socks = socks5AtConnect();
    socks->feed(Socks5Success);
    socks->endOfStream();
    QCOMPARE(socks->status(), Status::Done);
    QCOMPARE(socks->error().code(), ErrorCode::NoError);

    auto connect = ProxyHandshake::create(http(), QStringLiteral("example.com"), 443);
    connect->feed(HttpEstablished);
    connect->endOfStream();
    QCOMPARE(connect->status(), Status::Done);

    // A failure stays the failure it was.
    auto refused = socks5AtConnect();
    refused->feed(bytes({5, 5}));
    refused->endOfStream();
    QCOMPARE(refused->error().code(), ErrorCode::ConnectionRefused);
}

QTEST_GUILESS_MAIN(tst_ProxyHandshake)
#include "tst_proxyhandshake.moc"
