// easynet-console --cli, the packet netcat, run as a program against the
// test's own built-in echo servers: packets in, the same packets out as JSON
// lines (objects in the order typed and received), and every exit path with its
// message and status (0 all well, 1 an error, 2 timed out before --count, 3 the
// peer closed before --count, 64 usage); --replay of a recorded session (in
// order, fast or with the recorded gaps; a bad file sends nothing); and the
// command line's --proxy and TLS options, parsed in-process, reaching the client.
#include "consoleoptions.h"
#include "consolesession.h"
#include "dtlsserverprocess.h"
#include "echoserver.h"
#include "packetlibrary.h"
#include "protocolsettings.h"
#include "proxyprocess.h"
#include "testrows.h"
#include "testsupport.h"
#include "tlsechoserver.h"
#include "tlsobserver.h"

#include <EasyNet/jsonserializer.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/tcpclient.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QScopeGuard>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>

#include <memory>

using namespace EasyNet;
using namespace EasyNetConsole;
using namespace Qt::StringLiterals;
using EasyNetTest::addRows;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs the console with arguments and input; the test's event loop keeps
// serving while it runs (the servers live in this thread).
Run runConsole(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.start(QStringLiteral(EASYNET_CONSOLE_PROGRAM), arguments);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    if (process.state() != QProcess::NotRunning) {
        // The event loop runs (and the servers with it) until the program ends;
        // a program that hangs is killed after a minute and fails the test.
        QEventLoop loop;
        QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(60000, &loop, [&process] { process.kill(); });
        loop.exec();
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

std::unique_ptr<EchoServer>
startServer(EchoServer::Transport transport,
            std::shared_ptr<const AbstractIncrementalPacketSerializer> serializer,
            const QString &address)
{
    auto server = EchoServer::create(transport, StreamProtocol(std::move(serializer)));
    if (!server->listen(address))
        qFatal("cannot listen: %s", qPrintable(server->errorString()));
    return server;
}

// An echo server of the console core with the protocol of a --protocol spec
// (objects in the order they came, as the console reads them).
std::unique_ptr<EchoServer> startServer(EchoServer::Transport transport, const QString &spec,
                                        const QString &address)
{
    ProtocolSettings protocol;
    if (!protocol.setSpec(spec))
        qFatal("bad spec %s", qPrintable(spec));
    auto server = EchoServer::create(transport, *protocol.streamProtocol());
    if (!server->listen(address))
        qFatal("cannot listen: %s", qPrintable(server->errorString()));
    return server;
}

// A plain TCP server that keeps what its one client sends and echoes it as it
// comes, or answers with reply at once; it closes at the client's end of
// stream (QTcpSocket does that), so that nothing it was sent is left unread.
class RawTcpServer : public QObject
{
public:
    explicit RawTcpServer(std::optional<QByteArray> reply = std::nullopt) : m_reply(reply)
    {
        m_server.listen(QHostAddress::LocalHost);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            if (m_reply) {
                socket->write(*m_reply);
                socket->flush();
            }
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                const QByteArray bytes = socket->readAll();
                received += bytes;
                if (!m_reply) {
                    socket->write(bytes);
                    socket->flush(); // before the end of stream that may follow closes it
                }
            });
        });
    }
    QString url() const { return QStringLiteral("tcp://127.0.0.1:%1").arg(m_server.serverPort()); }

    QByteArray received;

private:
    QTcpServer m_server;
    std::optional<QByteArray> m_reply;
};

// The {"error": ...} lines of stderr.
QList<QJsonObject> errorLines(const QByteArray &err)
{
    QList<QJsonObject> errors;
    for (const QByteArray &line : err.split('\n')) {
        if (line.startsWith('{'))
            errors.append(QJsonDocument::fromJson(line).object());
    }
    return errors;
}

// The message of the one {"error": ...} line on stderr; empty when there is
// not exactly one.
QString onlyError(const QByteArray &err)
{
    const QList<QJsonObject> errors = errorLines(err);
    return errors.size() == 1 ? errors.first().value(QStringLiteral("error")).toString()
                              : QString();
}

QString url(const QString &scheme, const EchoServer &server)
{
    return scheme == QLatin1String("unix") || scheme == QLatin1String("unix-dgram")
        ? scheme + QLatin1Char(':') + server.address()
        : scheme + QStringLiteral("://") + server.address();
}

} // namespace

class tst_ConsoleCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void packetsInSamePacketsOut_data();
    void packetsInSamePacketsOut();
    void lineProtocol();
    void endOfInputEndsTheStream_data();
    void endOfInputEndsTheStream();
    void badInputLineFails();
    void timeoutBeforeCount();
    void refusedConnectionFails();
    void usageErrors_data();
    void usageErrors();
    void proxyOption_data();
    void proxyOption();
    void throughARealProxy_data();
    void throughARealProxy();
    void selfContainedEchoServer();
    void dtlsOwnEchoServer();
    void dtlsToOpenSsl();
    void clientCertificateForMutualTls();
    void help();
    void replayEchoedInOrder_data();
    void replayEchoedInOrder();
    void replayWithOriginalTiming();
    void replayBadFileSendsNothing_data();
    void replayBadFileSendsNothing();

    void keyOrderBothWays_data();
    void keyOrderBothWays();
    void wireBytesAsTyped();
    void refusedPacketGivesTheReason_data();
    void refusedPacketGivesTheReason();
    void echoOfOneLineEnds_data();
    void echoOfOneLineEnds();
    void peerPacketErrorInWords();
    void plainTcpToATlsPeer_data();
    void plainTcpToATlsPeer();
    void missingCaFileReportedOnce();
    void insecureWarns();
    void tlsOptions();
    void readsWhileSending_data();
    void readsWhileSending();

    void repeatOfInputLines();
    void sendFromTheLibrary_data();
    void sendFromTheLibrary();
    void sendErrors_data();
    void sendErrors();
    void redisRepeatAndLibrary();
    void rulesAnswerThroughOwnServer();
    void servesRulesAlone();
    void ruleOptionErrors_data();
    void ruleOptionErrors();
};

void tst_ConsoleCli::packetsInSamePacketsOut_data()
{
    addRows<int, QString, QString>(
        {"transport", "scheme", "address"},
        {{"tcp", int(EchoServer::Transport::Tcp), "tcp", "127.0.0.1:0"},
         {"udp", int(EchoServer::Transport::Udp), "udp", "127.0.0.1:0"},
         {"unix", int(EchoServer::Transport::UnixStream), "unix", "@tst-consolecli-s"},
         {"unix-dgram", int(EchoServer::Transport::UnixDatagram), "unix-dgram",
          "@tst-consolecli-d"}});
}

void tst_ConsoleCli::packetsInSamePacketsOut()
{
    QFETCH(int, transport);
    QFETCH(QString, scheme);
    QFETCH(QString, address);
    auto server = startServer(EchoServer::Transport(transport), std::make_shared<JsonSerializer>(),
                              address);
    const QByteArray input = "{\"cmd\": \"ping\"}\n[1, 2, 3]\n\"text\"\nnull\n";
    const Run run
        = runConsole({QStringLiteral("--cli"), QStringLiteral("--connect"), url(scheme, *server),
                      QStringLiteral("--count"), QStringLiteral("4")},
                     input);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("{\"cmd\":\"ping\"}\n[1,2,3]\n\"text\"\nnull\n"));
}

void tst_ConsoleCli::lineProtocol()
{
    auto server = startServer(EchoServer::Transport::Tcp,
                              std::make_shared<LineSerializer>(LineSerializer::Separator::CRLF,
                                                               LineSerializer::Encoding::Utf8),
                              QStringLiteral("127.0.0.1:0"));
    const Run run = runConsole({QStringLiteral("--cli"), QStringLiteral("--connect"),
                                url(QStringLiteral("tcp"), *server), QStringLiteral("--protocol"),
                                QStringLiteral("line:crlf:utf8"), QStringLiteral("--count"),
                                QStringLiteral("2")},
                               QByteArray("hello world\nzwei \xc3\xa4\n"));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("\"hello world\"\n\"zwei \xc3\xa4\"\n"));
}

void tst_ConsoleCli::badInputLineFails()
{
    auto server = startServer(EchoServer::Transport::Tcp, std::make_shared<JsonSerializer>(),
                              QStringLiteral("127.0.0.1:0"));
    const Run run = runConsole({QStringLiteral("--cli"), QStringLiteral("--connect"),
                                url(QStringLiteral("tcp"), *server), QStringLiteral("--count"),
                                QStringLiteral("1")},
                               "{broken\n{\"good\":true}\n");
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QByteArray("{\"good\":true}\n"));
    // One JSON object per error line on stderr, with the input line.
    bool found = false;
    for (const QByteArray &line : run.err.split('\n')) {
        const QJsonObject error = QJsonDocument::fromJson(line).object();
        if (error.value(QStringLiteral("line")).toInt() == 1
            && error.value(QStringLiteral("error")).toString().contains(QLatin1String("JSON")))
            found = true;
    }
    QVERIFY2(found, run.err.constData());
}

void tst_ConsoleCli::timeoutBeforeCount()
{
    auto server = startServer(EchoServer::Transport::Udp, std::make_shared<JsonSerializer>(),
                              QStringLiteral("127.0.0.1:0"));
    const Run run
        = runConsole({QStringLiteral("--cli"), QStringLiteral("--connect"),
                      url(QStringLiteral("udp"), *server), QStringLiteral("--count"),
                      QStringLiteral("3"), QStringLiteral("--timeout"), QStringLiteral("0.5")},
                     "1\n");
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray("1\n"));
    QVERIFY(run.err.contains("timed out"));
}

void tst_ConsoleCli::refusedConnectionFails()
{
    const Run run = runConsole({QStringLiteral("--cli"), QStringLiteral("--connect"),
                                QStringLiteral("unix:@tst-consolecli-nobody-listens")},
                               "1\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY(run.err.contains("\"error\""));
}

void tst_ConsoleCli::usageErrors_data()
{
    addRows<QStringList, QString>(
        {"arguments", "message"},
        {{"no peer", QStringList {QStringLiteral("--cli")}, "--cli needs --connect"},
         {"bad url",
          QStringList {QStringLiteral("--cli"), QStringLiteral("--connect"),
                       QStringLiteral("tcp://nowhere")},
          "port from 1 to 65535"},
         {"bad protocol",
          QStringList {QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                       QStringLiteral("tcp"), QStringLiteral("--protocol"), QStringLiteral("xml")},
          "unknown protocol"},
         {"bad count",
          QStringList {QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                       QStringLiteral("tcp"), QStringLiteral("--count"), QStringLiteral("-1")},
          "--count needs a positive number"},
         {"bad transport",
          QStringList {QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                       QStringLiteral("sctp")},
          "--echo-server takes"},
         {"unknown option", QStringList {QStringLiteral("--cli"), QStringLiteral("--bogus")},
          "bogus"},
         {"proxy scheme",
          QStringList {QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                       QStringLiteral("tcp"), QStringLiteral("--proxy"),
                       QStringLiteral("socks4://127.0.0.1:1080")},
          "--proxy: unknown proxy scheme \"socks4\""},
         {"proxy url",
          QStringList {QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                       QStringLiteral("tcp"), QStringLiteral("--proxy"),
                       QStringLiteral("127.0.0.1:1080")},
          "not a proxy URL"},
         {"proxy password not echoed",
          QStringList {QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                       QStringLiteral("tcp"), QStringLiteral("--proxy"),
                       QStringLiteral("ftp://alice:s3cret@h")},
          "--proxy: unknown proxy scheme \"ftp\" (socks5, http)\n"},
         {"proxy port",
          QStringList {QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                       QStringLiteral("tcp"), QStringLiteral("--proxy"),
                       QStringLiteral("http://h:0")},
          "port must be from 1 to 65535"},
         {"proxy for udp",
          QStringList {QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                       QStringLiteral("udp"), QStringLiteral("--proxy"),
                       QStringLiteral("socks5://h")},
          "--proxy goes with the tcp and tls transports only"},
         {"proxy for unix",
          QStringList {QStringLiteral("--cli"), QStringLiteral("--connect"),
                       QStringLiteral("unix:@x"), QStringLiteral("--proxy"),
                       QStringLiteral("none")},
          "--proxy goes with the tcp and tls transports only"}});
}

void tst_ConsoleCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = runConsole(arguments, {});
    QCOMPARE(run.exitCode, 64);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
}

void tst_ConsoleCli::proxyOption_data()
{
    addRows<QString, int, QString, int, QString, QString>(
        {"proxy", "type", "host", "port", "user", "password"},
        {{"socks5", "socks5://alice:s3cret@127.0.0.1:1081", int(QNetworkProxy::Socks5Proxy),
          "127.0.0.1", 1081, "alice", "s3cret"},
         {"socks5 default port", "socks5://proxy.example", int(QNetworkProxy::Socks5Proxy),
          "proxy.example", 1080, "", ""},
         {"http default port", "http://[::1]", int(QNetworkProxy::HttpProxy), "::1", 8080, "", ""},
         {"percent-encoded", "http://d%C3%B6rte:a%40b%3Ac%25@h:3128", int(QNetworkProxy::HttpProxy),
          "h", 3128, "dörte", "a@b:c%"},
         {"none", "none", int(QNetworkProxy::NoProxy), "", 0, "", ""},
         {"system", "system", int(QNetworkProxy::DefaultProxy), "", 0, "", ""}});
}

// --proxy through ConsoleOptions, as both faces apply it, to the client made
// from the session's settings (the tunnel itself is the library's).
void tst_ConsoleCli::proxyOption()
{
    QFETCH(QString, proxy);
    QFETCH(int, type);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    ConsoleOptions options;
    QVERIFY2(options.parse({QStringLiteral("easynet-console"), QStringLiteral("--cli"),
                            QStringLiteral("--connect"), QStringLiteral("tls://example.org:443"),
                            QStringLiteral("--proxy"), proxy}),
             qPrintable(options.error()));
    ConsoleSession session;
    QVERIFY2(options.apply(session), qPrintable(options.error()));
    QString error;
    std::unique_ptr<AbstractClient> client = session.settings()->createClient(&error);
    QVERIFY2(client, qPrintable(error));
    const QNetworkProxy applied = qobject_cast<TcpClient *>(client.get())->proxy();
    QCOMPARE(int(applied.type()), type);
    QCOMPARE(applied.hostName(), host);
    QCOMPARE(int(applied.port()), port);
    QCOMPARE(applied.user(), user);
    QCOMPARE(applied.password(), password);
}

void tst_ConsoleCli::endOfInputEndsTheStream_data()
{
    addRows<int, QString, QString>(
        {"transport", "scheme", "address"},
        {{"tcp", int(EchoServer::Transport::Tcp), "tcp", "127.0.0.1:0"},
         {"unix", int(EchoServer::Transport::UnixStream), "unix", "@tst-consolecli-eof"},
         // No address: the console's own --echo-server.
         {"own tcp server", int(EchoServer::Transport::Tcp), "tcp", QString()}});
}

// No --count, no --timeout: the end of stdin is sent as the end of stream,
// the echo server answers every line and ends its side, and that ends the run.
void tst_ConsoleCli::endOfInputEndsTheStream()
{
    QFETCH(int, transport);
    QFETCH(QString, scheme);
    QFETCH(QString, address);
    std::unique_ptr<EchoServer> server;
    QStringList arguments {QStringLiteral("--cli"), QStringLiteral("--protocol"),
                           QStringLiteral("line")};
    if (address.isEmpty()) {
        arguments << QStringLiteral("--echo-server") << scheme;
    } else {
        server = startServer(EchoServer::Transport(transport), std::make_shared<LineSerializer>(),
                             address);
        arguments << QStringLiteral("--connect") << url(scheme, *server);
    }
    constexpr int lines = 200;
    QByteArray input;
    QByteArray expected;
    for (int i = 0; i < lines; ++i) {
        input += "line " + QByteArray::number(i) + '\n';
        expected += "\"line " + QByteArray::number(i) + "\"\n";
    }
    const Run run = runConsole(arguments, input);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.count('\n'), lines);
    QCOMPARE(run.out, expected);
}

void tst_ConsoleCli::throughARealProxy_data()
{
    QTest::addColumn<EasyNetTest::ProxyProcess::Kind>("kind");
    QTest::addColumn<QString>("scheme");
    QTest::newRow("microsocks") << EasyNetTest::ProxyProcess::Kind::Socks5 << u"socks5"_s;
    QTest::newRow("tinyproxy") << EasyNetTest::ProxyProcess::Kind::Http << u"http"_s;
}

// --proxy on the command line, through microsocks or tinyproxy with
// credentials: every line comes back, as without a proxy.
void tst_ConsoleCli::throughARealProxy()
{
    QFETCH(EasyNetTest::ProxyProcess::Kind, kind);
    QFETCH(QString, scheme);
    START_PROXY_PROCESS(proxy, kind, u"user"_s, u"pass"_s);
    auto server = startServer(EchoServer::Transport::Tcp, std::make_shared<JsonSerializer>(),
                              u"127.0.0.1:0"_s);
    const Run run
        = runConsole({u"--cli"_s, u"--connect"_s, url(u"tcp"_s, *server), u"--count"_s, u"2"_s,
                      u"--proxy"_s, u"%1://user:pass@127.0.0.1:%2"_s.arg(scheme).arg(proxy.port())},
                     QByteArray("{\"n\":1}\n{\"n\":2}\n"));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("{\"n\":1}\n{\"n\":2}\n"));
}

void tst_ConsoleCli::selfContainedEchoServer()
{
    const Run run = runConsole({QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                                QStringLiteral("tls"), QStringLiteral("--protocol"),
                                QStringLiteral("msgpack+zlib"), QStringLiteral("--count"),
                                QStringLiteral("1")},
                               "{\"over\": \"tls\"}\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("{\"over\":\"tls\"}\n"));
    QCOMPARE(run.err, QByteArray()); // no progress messages among the JSON error lines
}

void tst_ConsoleCli::dtlsOwnEchoServer()
{
    const Run run
        = runConsole({QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                      QStringLiteral("dtls"), QStringLiteral("--protocol"), QStringLiteral("cbor"),
                      QStringLiteral("--count"), QStringLiteral("2")},
                     "{\"over\": \"dtls\"}\n[1, 2]\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("{\"over\":\"dtls\"}\n[1,2]\n"));
    QCOMPARE(run.err, QByteArray());
}

// A DTLS server nobody here wrote, trusted through the test CA (its echo
// takes one packet at a time: see DtlsServerProcess).
void tst_ConsoleCli::dtlsToOpenSsl()
{
    START_DTLS_SERVER(server, EasyNetTest::DtlsServerProcess::Mode::Echo);
    const Run run = runConsole({QStringLiteral("--cli"), QStringLiteral("--connect"),
                                QStringLiteral("dtls://127.0.0.1:%1").arg(server.port()),
                                QStringLiteral("--ca-file"), EasyNetTest::tlsFile("ca.pem"),
                                QStringLiteral("--server-name"), QStringLiteral("localhost"),
                                QStringLiteral("--protocol"), QStringLiteral("line"),
                                QStringLiteral("--count"), QStringLiteral("1")},
                               "hello over dtls\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("\"hello over dtls\"\n"));
}

// --cert and --key reach a server that asks for a client certificate; without
// them the server refuses the handshake, and the console says so.
void tst_ConsoleCli::clientCertificateForMutualTls()
{
    EasyNetTest::ServerOptions options = EasyNetTest::after(EasyNetTest::Then::Echo);
    options.requireClientCertificate = true;
    const QStringList common {QStringLiteral("--cli"),
                              QStringLiteral("--ca-file"),
                              EasyNetTest::tlsFile("ca.pem"),
                              QStringLiteral("--server-name"),
                              QStringLiteral("localhost"),
                              QStringLiteral("--protocol"),
                              QStringLiteral("line"),
                              QStringLiteral("--count"),
                              QStringLiteral("1"),
                              QStringLiteral("--timeout"),
                              QStringLiteral("30")};
    {
        EasyNetTest::TlsObserver server(options);
        const Run run = runConsole(
            common
                + QStringList {QStringLiteral("--connect"),
                               QStringLiteral("tls://127.0.0.1:%1").arg(server.port()),
                               QStringLiteral("--cert"), EasyNetTest::tlsFile("client.pem"),
                               QStringLiteral("--key"), EasyNetTest::tlsFile("client.key")},
            "with a certificate\n");
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("\"with a certificate\"\n"));
        const EasyNetTest::Observed observed = server.observed();
        QVERIFY2(observed.handshakeError.isEmpty(), qPrintable(observed.handshakeError));
        QVERIFY2(!observed.clientCertificate.isEmpty(), "the server saw no client certificate");
    }
    EasyNetTest::TlsObserver server(options);
    const Run run
        = runConsole(common
                         + QStringList {QStringLiteral("--connect"),
                                        QStringLiteral("tls://127.0.0.1:%1").arg(server.port())},
                     "without one\n");
    QCOMPARE(run.exitCode, 1);
    // TLS 1.3: the client's handshake is over when the server refuses, so its
    // alert, not the reset after it, is the reason given.
    QVERIFY2(run.err.contains("alert certificate required"), run.err.constData());
    QVERIFY2(!server.observed().handshakeError.isEmpty(), "the server accepted no certificate");
}

void tst_ConsoleCli::help()
{
    const Run run = runConsole({QStringLiteral("--help")}, {});
    QCOMPARE(run.exitCode, 0);
    for (const char *option : {"--connect",  "--protocol", "--echo-server",
                               "--lang",     "--cli",      "--count",
                               "--timeout",  "--proxy",    "socks5://[user[:password]@]host[:port]",
                               "http://",    "system",     "--ca-file",
                               "--cert",     "--key",      "--insecure",
                               "--send",     "--library",  "--repeat",
                               "--interval", "--replay",   "--replay-timing"})
        QVERIFY2(run.out.contains(option), option);
    const Run german = runConsole(
        {QStringLiteral("--help"), QStringLiteral("--lang"), QStringLiteral("de")}, {});
    QVERIFY2(german.out.contains("Diese Hilfe zeigen"), german.out.constData());
}

// --replay: the sent packets of a JSON-lines export again, in order, instead
// of stdin (which is not read), against the console's own echo server.
void tst_ConsoleCli::replayEchoedInOrder_data()
{
    addRows<QString, QStringList>(
        {"transport", "more"},
        {{"tcp", "tcp", QStringList {QStringLiteral("--replay-timing"), QStringLiteral("fast")}},
         {"udp", "udp",
          QStringList {QStringLiteral("--replay-timing"), QStringLiteral("fast"),
                       QStringLiteral("--count"), QStringLiteral("40")}},
         {"unix, original timing", "unix", QStringList()}});
}

void tst_ConsoleCli::replayEchoedInOrder()
{
    QFETCH(QString, transport);
    QFETCH(QStringList, more);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("session.jsonl"));
    QByteArray recording;
    QByteArray expected;
    const QDateTime start = QDateTime::currentDateTime();
    for (int n = 0; n < 40; ++n) {
        const QByteArray packet = R"({"n":)" + QByteArray::number(n) + R"(,"cmd":"ping"})";
        const QString time = start.addMSecs(n).toString(Qt::ISODateWithMs);
        for (const char *direction : {"sent", "received"})
            recording += QStringLiteral(R"({"time":"%1","direction":"%2","raw":"%3"})")
                             .arg(time, QLatin1String(direction),
                                  QString::fromLatin1((packet + '\n').toBase64()))
                             .toUtf8()
                + '\n';
        expected += packet + '\n';
    }
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(recording);
    out.close();
    const Run run
        = runConsole(QStringList {QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                                  transport, QStringLiteral("--replay"), file}
                         + more,
                     "not read\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, expected);
}

void tst_ConsoleCli::replayWithOriginalTiming()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("timed.jsonl"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(R"({"time":"2026-01-01T10:00:00.000","direction":"sent","raw":"MQo="})"
              "\n"
              R"({"time":"2026-01-01T10:00:00.700","direction":"sent","raw":"Mgo="})"
              "\n");
    out.close();
    QElapsedTimer clock;
    clock.start();
    // --timeout shorter than the gap: a replay waiting for its next packet is not idle.
    const Run run = runConsole({QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                                QStringLiteral("tcp"), QStringLiteral("--replay"), file,
                                QStringLiteral("--timeout"), QStringLiteral("0.2")},
                               {});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("1\n2\n"));
    // At least the recorded gap; never an upper bound.
    QCOMPARE_GE(clock.elapsed(), 700);
}

void tst_ConsoleCli::replayBadFileSendsNothing_data()
{
    addRows<QByteArray, int, QString>(
        {"contents", "status", "message"},
        {{"bad line",
          QByteArray(R"({"time":"2026-01-01T10:00:00.000","direction":"sent","raw":"MQo="})"
                     "\n{oops\n"),
          1, "line 2: not JSON"},
         {"no sent packet",
          QByteArray(R"({"time":"2026-01-01T10:00:00.000","direction":"event","message":"x"})"), 1,
          "holds no sent packet"},
         {"bad timing", QByteArray(), 64, "--replay-timing takes original or fast, not \"slow\""}});
}

// A file that cannot be replayed: status 1 (64 for a bad option), the reason,
// and the peer never hears from the console.
void tst_ConsoleCli::replayBadFileSendsNothing()
{
    QFETCH(QByteArray, contents);
    QFETCH(int, status);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bad.jsonl"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(contents);
    out.close();
    RawTcpServer server;
    QStringList arguments {QStringLiteral("--cli"), QStringLiteral("--connect"), server.url(),
                           QStringLiteral("--replay"), file};
    if (status == 64)
        arguments << QStringLiteral("--replay-timing") << QStringLiteral("slow");
    const Run run = runConsole(arguments, {});
    QCOMPARE(run.exitCode, status);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    QCOMPARE(server.received, QByteArray());
}

// {"zeta": ...} with its keys in reverse alphabetical order, and a repeated key,
// through every map-capable format: out as typed, back as sent.
void tst_ConsoleCli::keyOrderBothWays_data()
{
    addRows<QString, int, QString, QString>(
        {"spec", "transport", "scheme", "address"},
        {{"json tcp", "json", int(EchoServer::Transport::Tcp), "tcp", "127.0.0.1:0"},
         {"cbor udp", "cbor", int(EchoServer::Transport::Udp), "udp", "127.0.0.1:0"},
         {"msgpack unix", "msgpack", int(EchoServer::Transport::UnixStream), "unix",
          "@tst-consolecli-order"},
         {"json+zlib tcp", "json+zlib", int(EchoServer::Transport::Tcp), "tcp", "127.0.0.1:0"},
         {"cbor+base64 tcp", "cbor+base64", int(EchoServer::Transport::Tcp), "tcp", "127.0.0.1:0"},
         {"msgpack+zlib+base64 udp", "msgpack+zlib+base64", int(EchoServer::Transport::Udp), "udp",
          "127.0.0.1:0"},
         // No address: the console's own --echo-server.
         {"own json udp", "json", int(EchoServer::Transport::Udp), "udp", QString()},
         {"own msgpack tls", "msgpack", int(EchoServer::Transport::Tls), "tls", QString()}});
}

void tst_ConsoleCli::keyOrderBothWays()
{
    QFETCH(QString, spec);
    QFETCH(int, transport);
    QFETCH(QString, scheme);
    QFETCH(QString, address);
    std::unique_ptr<EchoServer> server;
    QStringList arguments {u"--cli"_s, u"--protocol"_s, spec, u"--count"_s, u"2"_s};
    if (address.isEmpty()) {
        arguments << u"--echo-server"_s << scheme;
    } else {
        server = startServer(EchoServer::Transport(transport), spec, address);
        arguments << u"--connect"_s << url(scheme, *server);
    }
    const QByteArray packets = R"({"zeta":1,"mid":{"y":true,"b":null},"alpha":[1,2.5],"a":"x"})"
                               "\n"
                               R"({"b":1,"a":2,"b":3})"
                               "\n";
    const Run run = runConsole(arguments, packets);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, packets);
}

// What is typed goes on the wire byte for byte in JSON's compact form; the
// peer's bytes, raw, show in their order.
void tst_ConsoleCli::wireBytesAsTyped()
{
    RawTcpServer peer;
    const Run run = runConsole({u"--cli"_s, u"--connect"_s, peer.url()},
                               R"({ "zeta": 1, "alpha": [1, 2], "mid": "x" })"
                               "\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(peer.received,
             QByteArray(R"({"zeta":1,"alpha":[1,2],"mid":"x"})"
                        "\n"));
    QCOMPARE(run.out, peer.received);
}

void tst_ConsoleCli::refusedPacketGivesTheReason_data()
{
    addRows<QString, QByteArray, QString>(
        {"spec", "line", "reason"},
        {{"struct out of range", "struct:>IH", "[1, 70000]", "65535"},
         {"too long for length:1", "length:1", QByteArray(300, 'x'), "300"}});
}

void tst_ConsoleCli::refusedPacketGivesTheReason()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    const Run run = runConsole({u"--cli"_s, u"--echo-server"_s, u"tcp"_s, u"--protocol"_s, spec},
                               line + '\n');
    QCOMPARE(run.exitCode, 1);
    const QList<QJsonObject> errors = errorLines(run.err);
    QCOMPARE(errors.size(), 1);
    const QString message = errors.first().value(u"error"_s).toString();
    QVERIFY2(message.startsWith(u"not sent: "_s) && message.contains(reason), qPrintable(message));
    QVERIFY2(!message.contains(u"connected"_s), qPrintable(message));
    QCOMPARE(errors.first().value(u"line"_s).toInt(), 1);
}

void tst_ConsoleCli::echoOfOneLineEnds_data()
{
    addRows<int, QString, QStringList, int, QString>(
        {"transport", "scheme", "options", "status", "error"},
        {// The TCP echo server closes after our end of stream: 1 of 3 came.
         {"peer closes before count", int(EchoServer::Transport::Tcp), "tcp",
          QStringList {u"--count"_s, u"3"_s}, 3,
          "the peer closed the connection after 1 of 3 packets"},
         // --timeout alone ends an idle run normally: no error, status 0.
         {"timeout without count", int(EchoServer::Transport::Udp), "udp",
          QStringList {u"--timeout"_s, u"0.3"_s}, 0, ""}});
}

// One line to a JSON echo server, and how the run ends.
void tst_ConsoleCli::echoOfOneLineEnds()
{
    QFETCH(int, transport);
    QFETCH(QString, scheme);
    QFETCH(QStringList, options);
    QFETCH(int, status);
    QFETCH(QString, error);
    auto server = startServer(EchoServer::Transport(transport), std::make_shared<JsonSerializer>(),
                              u"127.0.0.1:0"_s);
    const Run run = runConsole(
        QStringList {u"--cli"_s, u"--connect"_s, url(scheme, *server)} + options, "1\n");
    QCOMPARE(run.exitCode, status);
    QCOMPARE(run.out, QByteArray("1\n"));
    if (error.isEmpty())
        QCOMPARE(run.err, QByteArray());
    else
        QCOMPARE(onlyError(run.err), error);
}

// A line from the peer that is not JSON is described in words, and fails the run.
void tst_ConsoleCli::peerPacketErrorInWords()
{
    RawTcpServer peer(QByteArray("hello\n[1]\n"));
    const Run run = runConsole({u"--cli"_s, u"--connect"_s, peer.url()}, {});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QByteArray("[1]\n"));
    QCOMPARE(onlyError(run.err),
             u"not JSON: unexpected 'h' at offset 0, where a value should come"_s);
}

void tst_ConsoleCli::plainTcpToATlsPeer_data()
{
    addRows<bool, int, QString>(
        {"alert", "status", "error"},
        {// OpenSSL sends no alert to a record it cannot read: the peer closes
         // early without a word, with a hint.
         {"closes", false, 3,
          "the peer closed the connection without sending anything back; if it speaks TLS, "
          "connect with tls://"},
         // A TLS stack that answers with an alert: an unfinished line, named.
         {"alert", true, 1,
          "the peer closed the connection in the middle of a packet (7 bytes lost); they "
          "begin like a TLS record: is it a TLS port (tls://)?"}});
}

// The line protocol in plain TCP to a TLS port.
void tst_ConsoleCli::plainTcpToATlsPeer()
{
    QFETCH(bool, alert);
    QFETCH(int, status);
    QFETCH(QString, error);
    TlsEchoServer server(StreamProtocol(std::make_shared<LineSerializer>()));
    QVERIFY(server.listen(u"127.0.0.1:0"_s));
    RawTcpServer alerting(QByteArray::fromHex("15030300020246"));
    const Run run
        = runConsole({u"--cli"_s, u"--connect"_s, alert ? alerting.url() : url(u"tcp"_s, server),
                      u"--protocol"_s, u"line"_s},
                     "hello\n");
    QCOMPARE(run.exitCode, status);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(onlyError(run.err), error);
}

void tst_ConsoleCli::missingCaFileReportedOnce()
{
    const Run run = runConsole({u"--cli"_s, u"--connect"_s, u"tls://127.0.0.1:1"_s, u"--ca-file"_s,
                                u"/nonexistent/ca.pem"_s},
                               "1\n");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(onlyError(run.err).contains(u"/nonexistent/ca.pem"_s), run.err.constData());
}

// --insecure reaches a server whose certificate nobody trusts, with a warning.
void tst_ConsoleCli::insecureWarns()
{
    TlsEchoServer server(StreamProtocol(std::make_shared<JsonSerializer>()));
    QVERIFY(server.listen(u"127.0.0.1:0"_s));
    const Run untrusted = runConsole(
        {u"--cli"_s, u"--connect"_s, url(u"tls"_s, server), u"--count"_s, u"1"_s}, "1\n");
    QCOMPARE(untrusted.exitCode, 1);
    QVERIFY2(!onlyError(untrusted.err).isEmpty(), untrusted.err.constData());
    const Run run = runConsole(
        {u"--cli"_s, u"--connect"_s, url(u"tls"_s, server), u"--count"_s, u"1"_s, u"--insecure"_s},
        "1\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("1\n"));
    QVERIFY2(run.err.contains("warning: --insecure"), run.err.constData());
}

// --ca-file, --cert, --key and --insecure through ConsoleOptions, as both faces
// apply them, to the session's settings.
void tst_ConsoleCli::tlsOptions()
{
    ConsoleOptions options;
    QVERIFY2(options.parse({u"easynet-console"_s, u"--cli"_s, u"--connect"_s,
                            u"tls://example.org:443"_s, u"--ca-file"_s, u"ca.pem"_s, u"--cert"_s,
                            u"client.pem"_s, u"--key"_s, u"client.key"_s, u"--insecure"_s}),
             qPrintable(options.error()));
    ConsoleSession session;
    QVERIFY2(options.apply(session), qPrintable(options.error()));
    const ConnectionSettings &settings = *session.settings();
    QCOMPARE(settings.caFile(), u"ca.pem"_s);
    QCOMPARE(settings.certificateFile(), u"client.pem"_s);
    QCOMPARE(settings.keyFile(), u"client.key"_s);
    QVERIFY(settings.acceptInvalidCertificate());
}

void tst_ConsoleCli::readsWhileSending_data()
{
    QTest::addColumn<bool>("ownServer");
    QTest::newRow("built-in echo server") << true;
    QTest::newRow("the test's echo server") << false; // another process
}

// 10 000 lines piped at once to a UDP echo server all come back: the console
// reads while it sends.
void tst_ConsoleCli::readsWhileSending()
{
    QFETCH(bool, ownServer);
    constexpr int lines = 10000;
    QByteArray input;
    for (int i = 0; i < lines; ++i)
        input += R"({"n":)" + QByteArray::number(i) + R"(,"pad":"0123456789abcdef"})" + '\n';
    std::unique_ptr<EchoServer> server;
    QStringList arguments {u"--cli"_s, u"--count"_s, QString::number(lines)};
    if (ownServer) {
        arguments << u"--echo-server"_s << u"udp"_s;
    } else {
        server = startServer(EchoServer::Transport::Udp, std::make_shared<JsonSerializer>(),
                             u"127.0.0.1:0"_s);
        arguments << u"--connect"_s << url(u"udp"_s, *server);
    }
    const Run run = runConsole(arguments, input);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.count('\n'), lines);
    QCOMPARE(run.out, input);
}

// --repeat: each line N times, one line after the other; --count still
// counts packets received.
void tst_ConsoleCli::repeatOfInputLines()
{
    auto server = startServer(EchoServer::Transport::Tcp, std::make_shared<JsonSerializer>(),
                              u"127.0.0.1:0"_s);
    const Run run = runConsole({u"--cli"_s, u"--connect"_s, url(u"tcp"_s, *server), u"--repeat"_s,
                                u"3"_s, u"--interval"_s, u"1"_s, u"--count"_s, u"6"_s},
                               "1\n\"two\"\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("1\n1\n1\n\"two\"\n\"two\"\n\"two\"\n"));

    // Many lines piped at once: each one's repeats whole, in order.
    QByteArray input;
    QByteArray expected;
    for (int line = 0; line < 200; ++line) {
        input += QByteArray::number(line) + '\n';
        expected += QByteArray(QByteArray::number(line) + '\n').repeated(3);
    }
    const Run many = runConsole({u"--cli"_s, u"--connect"_s, url(u"tcp"_s, *server), u"--repeat"_s,
                                 u"3"_s, u"--interval"_s, u"1"_s},
                                input);
    QCOMPARE(many.exitCode, 0);
    QCOMPARE(many.out, expected);
}

void tst_ConsoleCli::sendFromTheLibrary_data()
{
    QTest::addColumn<bool>("withCount");
    QTest::newRow("--count 5") << true;
    QTest::newRow("to the end of the stream") << false;
}

// --send of a library packet with {{counter}}, repeated: integers 1..5; stdin
// is not read. Without --count the run ends as the echo server closes after
// the half-close that follows the last packet.
void tst_ConsoleCli::sendFromTheLibrary()
{
    QFETCH(bool, withCount);
    QTemporaryDir dir;
    const QString file = dir.filePath(u"library.json"_s);
    {
        PacketLibrary library(file);
        QVERIFY(library.save({u"counted"_s, u"json"_s, Composer::Mode::Json,
                              uR"({"n": {{counter}}})"_s, QString()}));
    }
    auto server = startServer(EchoServer::Transport::Tcp, std::make_shared<JsonSerializer>(),
                              u"127.0.0.1:0"_s);
    QStringList arguments {
        u"--cli"_s,     u"--connect"_s, url(u"tcp"_s, *server), u"--send"_s, u"counted"_s,
        u"--library"_s, file,           u"--repeat"_s,          u"5"_s,      u"--interval"_s,
        u"1"_s};
    if (withCount)
        arguments << u"--count"_s << u"5"_s;
    const Run run = runConsole(arguments, "\"stdin is not read\"\n");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n{\"n\":4}\n{\"n\":5}\n"));
}

void tst_ConsoleCli::sendErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList echo {u"--cli"_s, u"--echo-server"_s, u"tcp"_s};
    QTest::newRow("unknown name") << echo
            + QStringList {u"--send"_s, u"nope"_s, u"--library"_s, u"LIBRARY"_s}
                                  << u"no packet named \"nope\""_s;
    QTest::newRow("not for this protocol")
        << echo + QStringList {u"--send"_s,  u"object"_s,     u"--library"_s,
                               u"LIBRARY"_s, u"--protocol"_s, u"struct:!i"_s}
        << u"\"object\" cannot be sent with the protocol struct:!i"_s;
    QTest::newRow("broken library")
        << echo + QStringList {u"--send"_s, u"object"_s, u"--library"_s, u"BROKEN"_s}
        << u"cannot be read"_s;
    QTest::newRow("library without send")
        << echo + QStringList {u"--library"_s, u"LIBRARY"_s} << u"--library goes with --send"_s;
    QTest::newRow("negative repeat")
        << echo + QStringList {u"--repeat"_s, u"-1"_s} << u"--repeat needs a number"_s;
    QTest::newRow("interval 0") << echo + QStringList {u"--interval"_s, u"0"_s}
                                << u"--interval needs a number of milliseconds"_s;
    QTest::newRow("repeat without --cli")
        << QStringList {u"--repeat"_s, u"2"_s} << u"go with --cli"_s;
}

void tst_ConsoleCli::sendErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString file = dir.filePath(u"library.json"_s);
    {
        PacketLibrary library(file);
        QVERIFY(library.save(
            {u"object"_s, u"json"_s, Composer::Mode::Json, uR"({"a": 1})"_s, QString()}));
    }
    const QString broken = dir.filePath(u"broken.json"_s);
    QFile brokenFile(broken);
    QVERIFY(brokenFile.open(QIODevice::WriteOnly));
    brokenFile.write("[]");
    brokenFile.close();
    arguments.replaceInStrings(u"LIBRARY"_s, file);
    arguments.replaceInStrings(u"BROKEN"_s, broken);
    const Run run = runConsole(arguments, {});
    QCOMPARE(run.exitCode, 64);
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    QCOMPARE(brokenFile.size(), 2); // --send only reads the library
}

// Against Debian's redis-server (started here on a free port; skipped when it
// is not installed): INCR 100 times gives :100 last, and a library packet
// PING gives +PONG.
void tst_ConsoleCli::redisRepeatAndLibrary()
{
    const QString redis = QStandardPaths::findExecutable(u"redis-server"_s);
    if (redis.isEmpty())
        QSKIP("redis-server is not installed (Debian package redis-server)");
    QTemporaryDir dir;
    quint16 port = 0;
    {
        QTcpServer probe; // a free port, given back at once
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    QProcess server;
    server.setWorkingDirectory(dir.path());
    server.start(redis,
                 {u"--port"_s, QString::number(port), u"--bind"_s, u"127.0.0.1"_s, u"--save"_s,
                  QString(), u"--appendonly"_s, u"no"_s, u"--dir"_s, dir.path()});
    QVERIFY2(server.waitForStarted(10000), qPrintable(server.errorString()));
    const auto stop = qScopeGuard([&server] {
        server.terminate();
        if (!server.waitForFinished(10000))
            server.kill();
    });
    QTRY_VERIFY_WITH_TIMEOUT(
        [port] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            return probe.waitForConnected(200);
        }(),
        20000);
    const QString address = u"tcp://127.0.0.1:%1"_s.arg(port);

    const Run incr
        = runConsole({u"--cli"_s, u"--connect"_s, address, u"--protocol"_s, u"line:crlf"_s,
                      u"--repeat"_s, u"100"_s, u"--interval"_s, u"1"_s, u"--count"_s, u"100"_s},
                     "INCR k\n");
    QCOMPARE(incr.exitCode, 0);
    const QList<QByteArray> lines = incr.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 100);
    QCOMPARE(lines.first(), QByteArray("\":1\""));
    QCOMPARE(lines.last(), QByteArray("\":100\""));

    const QString file = dir.filePath(u"library.json"_s);
    {
        PacketLibrary library(file);
        QVERIFY(library.save(
            {u"ping"_s, u"line:crlf"_s, Composer::Mode::Text, u"PING"_s, u"redis health check"_s}));
    }
    const Run ping
        = runConsole({u"--cli"_s, u"--connect"_s, address, u"--protocol"_s, u"line:crlf"_s,
                      u"--send"_s, u"ping"_s, u"--library"_s, file, u"--count"_s, u"1"_s},
                     {});
    QCOMPARE(ping.exitCode, 0);
    QCOMPARE(ping.out, QByteArray("\"+PONG\"\n"));
}

namespace {

// The issue's rule file: {"cmd":"ping"} is answered with {"pong":{{counter}}}.
QString writePingRules(const QTemporaryDir &dir)
{
    QFile file(dir.filePath(QStringLiteral("rules.json")));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(file.fileName()));
    file.write(R"({"rules": [{"name": "ping", "match": "jsonPath", "pattern": "$.cmd == \"ping\"",
                              "replies": [{"mode": "json", "text": "{\"pong\":{{counter}}}"}]}]})");
    return file.fileName();
}

QList<QJsonObject> jsonLines(const QByteArray &text)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

} // namespace

void tst_ConsoleCli::rulesAnswerThroughOwnServer()
{
    QTemporaryDir dir;
    const Run run
        = runConsole({QStringLiteral("--cli"), QStringLiteral("--echo-server"),
                      QStringLiteral("tcp"), QStringLiteral("--rules"), writePingRules(dir),
                      QStringLiteral("--count"), QStringLiteral("3")},
                     "{\"cmd\":\"ping\"}\n{\"cmd\":\"other\"}\n{\"cmd\":\"ping\"}\n");
    QCOMPARE(run.exitCode, 0);
    // The pongs count per client; the packet no rule matches is echoed.
    QCOMPARE(run.out, QByteArray("{\"pong\":1}\n{\"cmd\":\"other\"}\n{\"pong\":2}\n"));
    // Which rule answered, on the error stream.
    const QList<QJsonObject> rules = jsonLines(run.err);
    QCOMPARE(rules.size(), 2);
    QCOMPARE(rules[0].value(QStringLiteral("rule")).toString(), QStringLiteral("ping"));
    QCOMPARE(rules[1]
                 .value(QStringLiteral("replies"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("pong")),
             QJsonValue(2));
}

void tst_ConsoleCli::servesRulesAlone()
{
    QTemporaryDir dir;
    QProcess server;
    server.start(QStringLiteral(EASYNET_CONSOLE_PROGRAM),
                 {QStringLiteral("--cli"), QStringLiteral("--serve"),
                  QStringLiteral("tcp://127.0.0.1:0"), QStringLiteral("--rules"),
                  writePingRules(dir)});
    const auto stop = qScopeGuard([&server] {
        server.kill();
        server.waitForFinished();
    });
    QVERIFY(server.waitForStarted(10000));
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 20000);
    const QJsonObject listening = QJsonDocument::fromJson(server.readLine()).object();
    const QString url = listening.value(QStringLiteral("url")).toString();
    QVERIFY2(url.startsWith(QStringLiteral("tcp://127.0.0.1:")), qPrintable(url));
    QCOMPARE(listening.value(QStringLiteral("listening")).toString(), url.mid(6));
    // Two clients, one after the other: each counts from 1.
    for (int client = 0; client < 2; ++client) {
        const Run run = runConsole({QStringLiteral("--cli"), QStringLiteral("--connect"), url,
                                    QStringLiteral("--count"), QStringLiteral("2")},
                                   "{\"cmd\":\"ping\"}\n{\"cmd\":\"ping\"}\n");
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QByteArray("{\"pong\":1}\n{\"pong\":2}\n"));
    }
    // One line per packet answered, in order.
    QTRY_COMPARE_WITH_TIMEOUT(jsonLines(server.peek(1 << 20)).size(), 4, 20000);
    const QList<QJsonObject> answered = jsonLines(server.readAll());
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(answered[i].value(QStringLiteral("rule")).toString(), QStringLiteral("ping"));
        QCOMPARE(
            answered[i].value(QStringLiteral("packet")).toObject().value(QStringLiteral("cmd")),
            QJsonValue(QStringLiteral("ping")));
        QCOMPARE(answered[i]
                     .value(QStringLiteral("replies"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("pong")),
                 QJsonValue(i % 2 + 1));
        QVERIFY(answered[i]
                    .value(QStringLiteral("peer"))
                    .toString()
                    .startsWith(QStringLiteral("127.0.0.1:")));
    }
    QCOMPARE(server.state(), QProcess::Running); // until stopped
}

void tst_ConsoleCli::ruleOptionErrors_data()
{
    addRows<QStringList, QString>(
        {"arguments", "message"},
        {{"rules without a server",
          {QStringLiteral("--cli"), QStringLiteral("--connect"),
           QStringLiteral("tcp://127.0.0.1:1"), QStringLiteral("--rules"),
           QStringLiteral("x.json")},
          "--rules goes with --echo-server or --serve"},
         {"serve without cli",
          {QStringLiteral("--serve"), QStringLiteral("tcp://127.0.0.1:0")},
          "go with --cli"},
         {"serve with connect",
          {QStringLiteral("--cli"), QStringLiteral("--serve"), QStringLiteral("tcp://127.0.0.1:0"),
           QStringLiteral("--connect"), QStringLiteral("tcp://127.0.0.1:1")},
          "--serve runs a server alone"},
         {"serve bad URL",
          {QStringLiteral("--cli"), QStringLiteral("--serve"), QStringLiteral("http://x")},
          "--serve takes a URL"},
         {"missing rule file",
          {QStringLiteral("--cli"), QStringLiteral("--echo-server"), QStringLiteral("tcp"),
           QStringLiteral("--rules"), QStringLiteral("/nonexistent/rules.json")},
          "--rules: cannot read /nonexistent/rules.json"}});
}

void tst_ConsoleCli::ruleOptionErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = runConsole(arguments, {});
    QCOMPARE(run.exitCode, ConsoleOptions::UsageError);
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
}

QTEST_GUILESS_MAIN(tst_ConsoleCli)
#include "tst_consolecli.moc"
