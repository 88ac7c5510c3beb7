// The TLS contract of TcpClient and BlockingTcpClient, one test for both forms
// (each row runs once per form), observed from the server's side: an OpenSSL
// server in a thread of its own records what the client sent (SNI, ALPN,
// version, cipher, client certificate, alerts, close_notify).
#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/tcpclient.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QSslCipher>
#include <QtNetwork/QSslKey>
#include <QtTest/QTest>

#include "clientundertest.h"
#include "scriptpeer.h"
#include "testsupport.h"
#include "tlsobserver.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>

#include <memory>

using namespace EasyNet;
using namespace std::chrono_literals;
using namespace EasyNetTest;
using namespace Qt::StringLiterals;

namespace {

QByteArray readData(const char *name)
{
    QFile file(tlsFile(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing %s", qPrintable(file.fileName()));
    return file.readAll();
}

QSslConfiguration clientTls()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromData(readData("ca.pem")));
    return configuration;
}

// The options of a TLS client, in either form.
struct Setup
{
    QString host = QStringLiteral("localhost");
    quint16 port = 0;
    QSslConfiguration configuration = clientTls();
    std::optional<QString> serverHostname;
    bool compatible = true;
    std::chrono::milliseconds shutdownTimeout = 30s;
    std::chrono::milliseconds handshakeTimeout = TcpOptions::DefaultSslHandshakeTimeout;
};

// The client of the setup: a TcpClient or BlockingTcpClient with TLS.
ClientSetup clientSetup(const Setup &setup)
{
    ClientSetup client;
    client.host = setup.host;
    client.port = setup.port;
    client.tcp.ssl = setup.configuration;
    client.tcp.serverHostname = setup.serverHostname;
    client.tcp.sslStandardCompatible = setup.compatible;
    client.tcp.sslShutdownTimeout = setup.shutdownTimeout;
    client.tcp.sslHandshakeTimeout = setup.handshakeTimeout;
    return client;
}

// Whether one packet comes back.
bool pingPong(ClientUnderTest &client)
{
    QVariant echoed;
    return !client.connect().isError() && !client.send(QStringLiteral("ping")).isError()
        && !client.receive(&echoed).isError() && echoed.toString() == QStringLiteral("ping");
}

// What the handshake agreed, in either form.
template<typename Fn>
auto session(ClientUnderTest &client, Fn &&fn)
{
    return visit<TcpClient, BlockingTcpClient>(client, std::forward<Fn>(fn));
}

// Adds a row for each form; values() adds the row's other columns.
template<typename Values>
void addRows(const char *name, Values &&values)
{
    values(QTest::addRow("%s, blocking", name) << Form::Blocking);
    values(QTest::addRow("%s, event-driven", name) << Form::EventDriven);
}

void addFormColumn()
{
    QTest::addColumn<Form>("form");
}

// Just the two forms, for a test without other columns.
void addFormRows()
{
    addFormColumn();
    QTest::newRow("blocking") << Form::Blocking;
    QTest::newRow("event-driven") << Form::EventDriven;
}

// The rows of a test about the standard-compatible mode.
void addCompatibilityRows(const char *compatibleRow, const char *otherRow)
{
    addFormColumn();
    QTest::addColumn<bool>("compatible");
    addRows(compatibleRow, [](QTestData &row) { row << true; });
    addRows(otherRow, [](QTestData &row) { row << false; });
}

// A client of the server, as the row's form.
std::unique_ptr<ClientUnderTest> clientOf(quint16 port, Setup setup = {})
{
    QFETCH(Form, form);
    setup.port = port;
    return ClientUnderTest::make(form, clientSetup(setup));
}

// The error of a connection to port that echoes one packet.
Error echoOnce(quint16 port, Setup setup = {})
{
    const auto client = clientOf(port, std::move(setup));
    if (const Error error = client->connect(); error.isError())
        return error;
    if (const Error error = client->send(QStringLiteral("ping")); error.isError())
        return error;
    QVariant echoed;
    const Error error = client->receive(&echoed);
    if (!error.isError() && echoed.toString() != QStringLiteral("ping"))
        return Error(ErrorCode::OSError, QStringLiteral("a wrong echo"));
    return error;
}

// Connects to a server that checks the client certificate. When it should
// accept, one packet is echoed; otherwise the client waits for the server's
// verdict (with TLS 1.3 it arrives after the client's handshake) and sends
// nothing, so that the alert, not a reset, is what it reads.
Error awaitClientVerdict(quint16 port, const QSslConfiguration &configuration, bool accepted)
{
    Setup setup;
    setup.configuration = configuration;
    if (accepted)
        return echoOnce(port, setup);
    const auto client = clientOf(port, setup);
    if (const Error error = client->connect(); error.isError())
        return error;
    return client->receive();
}

// A listening socket that accepts (in its backlog) and never speaks.
class SilentServer
{
public:
    SilentServer()
    {
        m_fd = boundLoopbackSocket(SOCK_STREAM, m_port);
        ::listen(m_fd, 4);
    }
    ~SilentServer() { ::close(m_fd); }
    quint16 port() const { return m_port; }

private:
    int m_fd;
    quint16 m_port;
};

} // namespace

class tst_Tls : public QObject
{
    Q_OBJECT

private slots:
    void echo_data() { addFormRows(); }
    void echo();
    void serverNameIndication_data();
    void serverNameIndication();
    void hostNameChecks_data();
    void hostNameChecks();
    void rejectedCertificateSendsAlert_data();
    void rejectedCertificateSendsAlert();
    void systemTrustStore_data() { addFormRows(); }
    void systemTrustStore();
    void protocolRange_data();
    void protocolRange();
    void ciphers_data();
    void ciphers();
    void verifyNone_data();
    void verifyNone();
    void sessionInspection_data();
    void sessionInspection();
    void alpn_data();
    void alpn();
    void clientCertificate_data();
    void clientCertificate();
    void refusedCertificateOutlivesTheReset_data() { addFormRows(); }
    void refusedCertificateOutlivesTheReset();
    void clientCertificateChain_data();
    void clientCertificateChain();
    void verifyDepth_data();
    void verifyDepth();
    void refusedConfiguration_data() { addFormRows(); }
    void refusedConfiguration();
    void handshakeTimeout_data() { addFormRows(); }
    void handshakeTimeout();
    void tlsCloseStandardCompatible_data();
    void tlsCloseStandardCompatible();
    void peerCloseNotifyAnswered_data();
    void peerCloseNotifyAnswered();
    void peerClosesWithoutCloseNotify_data();
    void peerClosesWithoutCloseNotify();
    void shutdownTimeout_data() { addFormRows(); }
    void shutdownTimeout();
    void keepAlive_data() { addFormRows(); }
    void keepAlive();
    void serverRenegotiation_data() { addFormRows(); }
    void serverRenegotiation();
    void peerResetDoesNotRaiseSigpipe_data() { addFormRows(); }
    void peerResetDoesNotRaiseSigpipe();
    void internationalizedServerName_data() { addFormRows(); }
    void internationalizedServerName();
    void peerClosesDuringHandshake_data();
    void peerClosesDuringHandshake();
};

void tst_Tls::echo()
{
    TlsObserver server({});
    const auto client = clientOf(server.port());
    QVERIFY(pingPong(*client));
    for (int i = 0; i < 100; ++i) {
        QVERIFY(!client->send(QStringLiteral("secret %1").arg(i)).isError());
        QVariant echoed;
        QVERIFY(!client->receive(&echoed).isError());
        QCOMPARE(echoed.toString(), QStringLiteral("secret %1").arg(i));
    }
    // No half-close over TLS: sendEof() is refused, and the client goes on.
    const Error refused = client->sendEof();
    QCOMPARE(refused.code(), ErrorCode::OSError);
    QCOMPARE(refused.osErrno(), EOPNOTSUPP);
    QVERIFY(pingPong(*client));
    client->close();
    QVERIFY(server.observed().closeNotifyReceived);
}

void tst_Tls::serverNameIndication_data()
{
    addFormColumn();
    QTest::addColumn<QString>("host");
    QTest::addColumn<std::optional<QString>>("serverHostname");
    QTest::addColumn<QByteArray>("sni");
    addRows("name", [](QTestData &row) {
        row << QStringLiteral("localhost") << std::optional<QString>() << QByteArray("localhost");
    });
    addRows("IP address host: none (RFC 6066)", [](QTestData &row) {
        row << QStringLiteral("127.0.0.1") << std::optional<QString>() << QByteArray();
    });
    addRows("IP host, name override", [](QTestData &row) {
        row << QStringLiteral("127.0.0.1") << std::optional<QString>(QStringLiteral("easynet.test"))
            << QByteArray("easynet.test");
    });
    addRows("IP address override", [](QTestData &row) {
        row << QStringLiteral("localhost") << std::optional<QString>(QStringLiteral("127.0.0.1"))
            << QByteArray();
    });
}

void tst_Tls::serverNameIndication()
{
    QFETCH(QString, host);
    QFETCH(std::optional<QString>, serverHostname);
    QFETCH(QByteArray, sni);
    TlsObserver server({});
    Setup setup;
    setup.host = host;
    setup.serverHostname = serverHostname;
    // The certificate carries no IP address: SNI is what is looked at here.
    setup.configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    const Error error = echoOnce(server.port(), setup);
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    const Observed observed = server.observed();
    QVERIFY2(observed.handshakeError.isEmpty(), qPrintable(observed.handshakeError));
    QCOMPARE(observed.sni, sni);
}

void tst_Tls::hostNameChecks_data()
{
    // The certificate names easynet.test and localhost, not 127.0.0.1.
    addFormColumn();
    QTest::addColumn<QString>("host");
    QTest::addColumn<std::optional<QString>>("serverHostname");
    QTest::addColumn<bool>("accepted");
    addRows("host name", [](QTestData &row) {
        row << QStringLiteral("localhost") << std::optional<QString>() << true;
    });
    addRows("IP address not in the certificate", [](QTestData &row) {
        row << QStringLiteral("127.0.0.1") << std::optional<QString>() << false;
    });
    addRows("override with a name of the certificate", [](QTestData &row) {
        row << QStringLiteral("127.0.0.1") << std::optional<QString>(QStringLiteral("easynet.test"))
            << true;
    });
    addRows("override with another name", [](QTestData &row) {
        row << QStringLiteral("localhost")
            << std::optional<QString>(QStringLiteral("wrong.example")) << false;
    });
    addRows("empty override: no name check", [](QTestData &row) {
        row << QStringLiteral("127.0.0.1") << std::optional<QString>(QStringLiteral("")) << true;
    });
}

void tst_Tls::hostNameChecks()
{
    QFETCH(QString, host);
    QFETCH(std::optional<QString>, serverHostname);
    QFETCH(bool, accepted);
    TlsObserver server({});
    Setup setup;
    setup.host = host;
    setup.serverHostname = serverHostname;
    if (serverHostname && serverHostname->isEmpty())
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("host name matching is disabled")));
    const Error error = echoOnce(server.port(), setup);
    if (accepted) {
        QVERIFY2(!error.isError(), qPrintable(error.message()));
    } else {
        QCOMPARE(error.code(), ErrorCode::TlsError);
        QVERIFY2(error.message().contains(QStringLiteral("mismatch")), qPrintable(error.message()));
    }
}

void tst_Tls::rejectedCertificateSendsAlert_data()
{
    addFormColumn();
    QTest::addColumn<QByteArray>("certificate");
    QTest::addColumn<QString>("serverHostname");
    QTest::addColumn<QString>("reason");
    addRows("untrusted", [](QTestData &row) {
        row << QByteArray("untrusted") << QStringLiteral("localhost")
            << QStringLiteral("self-signed");
    });
    addRows("wrong name", [](QTestData &row) {
        row << QByteArray("server") << QStringLiteral("wrong.example")
            << QStringLiteral("hostname mismatch");
    });
}

void tst_Tls::rejectedCertificateSendsAlert()
{
    QFETCH(QByteArray, certificate);
    QFETCH(QString, serverHostname);
    QFETCH(QString, reason);
    const QByteArray pem = certificate + ".pem", key = certificate + ".key";
    ServerOptions serverOptions;
    serverOptions.certificate = pem.constData();
    serverOptions.key = key.constData();
    TlsObserver server(serverOptions);
    Setup setup;
    setup.serverHostname = serverHostname;
    const Error error = clientOf(server.port(), setup)->connect();
    QCOMPARE(error.code(), ErrorCode::TlsError);
    QVERIFY2(error.message().contains(reason), qPrintable(error.message()));
    // The server learnt why from the client's alert, not from a bare close.
    const QString seen = server.observed().handshakeError;
    QVERIFY2(seen.contains(QStringLiteral("alert")), qPrintable(seen));
}

void tst_Tls::systemTrustStore()
{
    // The system's CAs do not trust the test CA.
    TlsObserver server({});
    Setup setup;
    setup.configuration = QSslConfiguration::defaultConfiguration();
    setup.configuration.setCaCertificates({});
    const Error error = clientOf(server.port(), setup)->connect();
    QCOMPARE(error.code(), ErrorCode::TlsError);
    QVERIFY2(error.message().contains(QStringLiteral("certificate")), qPrintable(error.message()));
}

void tst_Tls::protocolRange_data()
{
    addFormColumn();
    QTest::addColumn<int>("serverMax");
    QTest::addColumn<QSsl::SslProtocol>("protocol");
    QTest::addColumn<QByteArray>("version"); // empty: the handshake fails
    addRows("default",
            [](QTestData &row) { row << 0 << QSsl::SecureProtocols << QByteArray("TLSv1.3"); });
    addRows("client TLS 1.2 only",
            [](QTestData &row) { row << 0 << QSsl::TlsV1_2 << QByteArray("TLSv1.2"); });
    addRows("server 1.2, client 1.2+", [](QTestData &row) {
        row << TLS1_2_VERSION << QSsl::TlsV1_2OrLater << QByteArray("TLSv1.2");
    });
    addRows("server 1.2, client 1.3+",
            [](QTestData &row) { row << TLS1_2_VERSION << QSsl::TlsV1_3OrLater << QByteArray(); });
    addRows("server 1.2, client 1.3",
            [](QTestData &row) { row << TLS1_2_VERSION << QSsl::TlsV1_3 << QByteArray(); });
}

void tst_Tls::protocolRange()
{
    QFETCH(int, serverMax);
    QFETCH(QSsl::SslProtocol, protocol);
    QFETCH(QByteArray, version);
    ServerOptions serverOptions;
    serverOptions.maxVersion = serverMax;
    TlsObserver server(serverOptions);
    Setup setup;
    setup.configuration.setProtocol(protocol);
    const Error error = echoOnce(server.port(), setup);
    const Observed observed = server.observed();
    if (version.isEmpty()) {
        QCOMPARE(error.code(), ErrorCode::TlsError);
        QVERIFY(!observed.handshakeError.isEmpty());
    } else {
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        QCOMPARE(observed.version, version);
    }
}

void tst_Tls::ciphers_data()
{
    addFormColumn();
    QTest::addColumn<QString>("clientCipher");
    QTest::addColumn<QByteArray>("negotiated"); // empty: the handshake fails
    addRows("TLS 1.2 cipher", [](QTestData &row) {
        row << QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256")
            << QByteArray("ECDHE-RSA-AES128-GCM-SHA256");
    });
    addRows("TLS 1.3 suite", [](QTestData &row) {
        row << QStringLiteral("TLS_AES_128_GCM_SHA256") << QByteArray("TLS_AES_128_GCM_SHA256");
    });
    addRows("none in common", [](QTestData &row) {
        row << QStringLiteral("ECDHE-RSA-CHACHA20-POLY1305") << QByteArray();
    });
}

void tst_Tls::ciphers()
{
    QFETCH(QString, clientCipher);
    QFETCH(QByteArray, negotiated);
    const QSslCipher cipher(clientCipher);
    if (cipher.isNull())
        QSKIP("the TLS backend does not know this cipher");
    ServerOptions serverOptions;
    // TLS 1.2 ciphers the server accepts; every TLS 1.3 suite stays available.
    serverOptions.cipherList = "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256";
    TlsObserver server(serverOptions);
    Setup setup;
    setup.configuration.setCiphers({cipher});
    const Error error = echoOnce(server.port(), setup);
    const Observed observed = server.observed();
    if (negotiated.isEmpty()) {
        QCOMPARE(error.code(), ErrorCode::TlsError);
    } else {
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        QCOMPARE(observed.cipher, negotiated);
    }
}

void tst_Tls::verifyNone_data()
{
    addFormColumn();
    QTest::addColumn<QSslSocket::PeerVerifyMode>("mode");
    QTest::addColumn<bool>("accepted");
    addRows("VerifyNone", [](QTestData &row) { row << QSslSocket::VerifyNone << true; });
    addRows("QueryPeer", [](QTestData &row) { row << QSslSocket::QueryPeer << true; });
    addRows("VerifyPeer", [](QTestData &row) { row << QSslSocket::VerifyPeer << false; });
    addRows("AutoVerifyPeer", [](QTestData &row) { row << QSslSocket::AutoVerifyPeer << false; });
}

void tst_Tls::verifyNone()
{
    QFETCH(QSslSocket::PeerVerifyMode, mode);
    QFETCH(bool, accepted);
    ServerOptions serverOptions;
    serverOptions.certificate = "untrusted.pem";
    serverOptions.key = "untrusted.key";
    TlsObserver server(serverOptions);
    Setup setup;
    setup.configuration.setPeerVerifyMode(mode);
    const Error error = echoOnce(server.port(), setup);
    QCOMPARE(error.code(), accepted ? ErrorCode::NoError : ErrorCode::TlsError);
}

void tst_Tls::sessionInspection_data()
{
    addFormColumn();
    QTest::addColumn<int>("serverMax");
    QTest::addColumn<QSsl::SslProtocol>("protocol");
    addRows("TLS 1.3", [](QTestData &row) { row << 0 << QSsl::TlsV1_3; });
    addRows("TLS 1.2", [](QTestData &row) { row << TLS1_2_VERSION << QSsl::TlsV1_2; });
}

void tst_Tls::sessionInspection()
{
    QFETCH(int, serverMax);
    QFETCH(QSsl::SslProtocol, protocol);
    ServerOptions serverOptions;
    serverOptions.certificate = "chain-leaf.pem"; // sent with its two intermediates
    serverOptions.key = "chain-leaf.key";
    serverOptions.maxVersion = serverMax;
    TlsObserver server(serverOptions);
    Setup setup;
    setup.configuration.setCaCertificates(QSslCertificate::fromData(readData("chain-root.pem")));
    const auto client = clientOf(server.port(), setup);
    QVERIFY(pingPong(*client));
    client->close(); // what the handshake agreed stays readable
    const Observed observed = server.observed();
    QCOMPARE(session(*client, [](auto &tcp) { return tcp.sessionProtocol(); }), protocol);
    const QSslCipher cipher = session(*client, [](auto &tcp) { return tcp.sessionCipher(); });
    QVERIFY(!cipher.isNull());
    QCOMPARE(cipher.name().toLatin1(), observed.cipher);
    const QList<QSslCertificate> chain
        = session(*client, [](auto &tcp) { return tcp.peerCertificateChain(); });
    QCOMPARE(chain, QSslCertificate::fromData(readData("chain-leaf.pem")));
    QVERIFY(chain.first().subjectInfo(QSslCertificate::CommonName).contains(u"localhost"_s));
}

void tst_Tls::alpn_data()
{
    addFormColumn();
    QTest::addColumn<QByteArrayList>("offered");
    QTest::addColumn<QByteArray>("negotiated");
    addRows("agreed", [](QTestData &row) {
        row << QByteArrayList {"h2", "easynet/1"} << QByteArray("easynet/1");
    });
    addRows("nothing in common",
            [](QTestData &row) { row << QByteArrayList {"h2"} << QByteArray(); });
    addRows("none offered", [](QTestData &row) { row << QByteArrayList {} << QByteArray(); });
}

void tst_Tls::alpn()
{
    QFETCH(QByteArrayList, offered);
    QFETCH(QByteArray, negotiated);
    ServerOptions serverOptions;
    serverOptions.alpn = "easynet/1";
    TlsObserver server(serverOptions);
    Setup setup;
    setup.configuration.setAllowedNextProtocols(offered);
    {
        const auto client = clientOf(server.port(), setup);
        QVERIFY(pingPong(*client));
        QCOMPARE(session(*client, [](auto &tcp) { return tcp.nextNegotiatedProtocol(); }),
                 negotiated);
    }
    QCOMPARE(server.observed().alpn, negotiated);
}

void tst_Tls::clientCertificate_data()
{
    addFormColumn();
    QTest::addColumn<bool>("presented");
    addRows("presented", [](QTestData &row) { row << true; });
    addRows("missing", [](QTestData &row) { row << false; });
}

void tst_Tls::clientCertificate()
{
    QFETCH(bool, presented);
    ServerOptions serverOptions;
    serverOptions.requireClientCertificate = true;
    TlsObserver server(serverOptions);
    QSslConfiguration configuration = clientTls();
    if (presented) {
        configuration.setLocalCertificate(QSslCertificate(readData("client.pem")));
        configuration.setPrivateKey(QSslKey(readData("client.key"), QSsl::Rsa));
    }
    const Error error = awaitClientVerdict(server.port(), configuration, presented);
    const Observed observed = server.observed();
    if (presented) {
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        QVERIFY2(observed.clientCertificate.contains(QStringLiteral("easynet test client")),
                 qPrintable(observed.clientCertificate));
    } else {
        QCOMPARE(error.code(), ErrorCode::TlsError);
        QVERIFY(observed.clientCertificate.isEmpty());
        QVERIFY(!observed.handshakeError.isEmpty());
    }
}

// TLS 1.3: the server refuses the missing client certificate after the
// client's handshake is over, with an alert, and closes; the client's sends
// then run into the reset. Every error the client reports names the alert,
// the reason, not the reset that came after it.
void tst_Tls::refusedCertificateOutlivesTheReset()
{
    ServerOptions serverOptions;
    serverOptions.requireClientCertificate = true;
    TlsObserver server(serverOptions);
    const auto client = clientOf(server.port());
    const Error connected = client->connect();
    QVERIFY2(!connected.isError(), qPrintable(connected.message()));
    QVERIFY(!server.observed().handshakeError.isEmpty()); // the server is done and gone
    QStringList errors;
    for (int i = 0; i < 3; ++i) {
        if (const Error sent = client->send(QStringLiteral("after the refusal")); sent.isError())
            errors << sent.message();
        QTest::qWait(50); // lets the peer's reset arrive; the result does not depend on it
    }
    errors << client->receive().message();
    for (const QString &error : std::as_const(errors))
        QVERIFY2(error.contains(u"alert certificate required"), qPrintable(errors.join(u" | ")));
}

void tst_Tls::clientCertificateChain_data()
{
    addFormColumn();
    QTest::addColumn<bool>("withIntermediates");
    addRows("leaf and intermediates", [](QTestData &row) { row << true; });
    addRows("leaf only", [](QTestData &row) { row << false; });
}

void tst_Tls::clientCertificateChain()
{
    QFETCH(bool, withIntermediates);
    ServerOptions serverOptions;
    serverOptions.requireClientCertificate = true;
    serverOptions.clientCa = "chain-root.pem"; // the intermediates must come from the client
    TlsObserver server(serverOptions);
    QSslConfiguration configuration = clientTls();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(readData("chain-leaf.pem"));
    QCOMPARE(chain.size(), 3);
    configuration.setLocalCertificateChain(withIntermediates ? chain : chain.mid(0, 1));
    configuration.setPrivateKey(QSslKey(readData("chain-leaf.key"), QSsl::Rsa));
    const Error error = awaitClientVerdict(server.port(), configuration, withIntermediates);
    const Observed observed = server.observed();
    if (withIntermediates) {
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        QVERIFY2(observed.clientCertificate.contains(QStringLiteral("localhost")),
                 qPrintable(observed.handshakeError));
    } else {
        QCOMPARE(error.code(), ErrorCode::TlsError);
        QVERIFY(!observed.handshakeError.isEmpty());
    }
}

void tst_Tls::verifyDepth_data()
{
    // Counted as OpenSSL (and Qt's OpenSSL backend) count: the chain here is
    // leaf, two intermediates and the root; 0 means no limit.
    addFormColumn();
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("accepted");
    addRows("no limit", [](QTestData &row) { row << 0 << true; });
    addRows("2", [](QTestData &row) { row << 2 << true; });
    addRows("1: too deep", [](QTestData &row) { row << 1 << false; });
}

void tst_Tls::verifyDepth()
{
    QFETCH(int, depth);
    QFETCH(bool, accepted);
    ServerOptions serverOptions;
    serverOptions.certificate = "chain-leaf.pem";
    serverOptions.key = "chain-leaf.key";
    TlsObserver server(serverOptions);
    Setup setup;
    setup.configuration = QSslConfiguration::defaultConfiguration();
    setup.configuration.setCaCertificates(QSslCertificate::fromData(readData("chain-root.pem")));
    setup.configuration.setPeerVerifyDepth(depth);
    const Error error = echoOnce(server.port(), setup);
    QCOMPARE(error.code(), accepted ? ErrorCode::NoError : ErrorCode::TlsError);
    if (!accepted)
        QVERIFY2(error.message().contains(QStringLiteral("too long")), qPrintable(error.message()));
}

void tst_Tls::refusedConfiguration()
{
    TlsObserver server({});
    Setup setup;
    setup.configuration.setProtocol(QSsl::DtlsV1_2);
    const Error error = clientOf(server.port(), setup)->connect();
    QCOMPARE(error.code(), ErrorCode::TlsError);
    QVERIFY2(error.message().contains(QStringLiteral("DTLS")), qPrintable(error.message()));
    // Refused before connecting: the server saw no connection.
    server.stopListening();
    const Observed observed = server.observed();
    QVERIFY2(observed.handshakeError.isEmpty(), qPrintable(observed.handshakeError));
    QVERIFY(observed.version.isEmpty());
}

void tst_Tls::handshakeTimeout()
{
    SilentServer silent; // accepts, never speaks TLS
    Setup setup;
    setup.handshakeTimeout = 300ms;
    const Error error = clientOf(silent.port(), setup)->connect();
    QCOMPARE(error.code(), ErrorCode::Timeout);
    QVERIFY2(error.message().contains(QStringLiteral("handshake")), qPrintable(error.message()));
}

void tst_Tls::tlsCloseStandardCompatible_data()
{
    addCompatibilityRows("standard-compatible: close_notify sent",
                         "not standard-compatible: no closing handshake");
}

void tst_Tls::tlsCloseStandardCompatible()
{
    QFETCH(bool, compatible);
    TlsObserver server({});
    Setup setup;
    setup.compatible = compatible;
    const auto client = clientOf(server.port(), setup);
    QVERIFY(pingPong(*client));
    client->close();
    QCOMPARE(server.observed().closeNotifyReceived, compatible);
}

void tst_Tls::peerCloseNotifyAnswered_data()
{
    addCompatibilityRows("standard-compatible: answered", "not standard-compatible: not answered");
}

void tst_Tls::peerCloseNotifyAnswered()
{
    QFETCH(bool, compatible);
    TlsObserver server(after(Then::SendCloseNotify));
    Setup setup;
    setup.compatible = compatible;
    const auto client = clientOf(server.port(), setup);
    QVERIFY(pingPong(*client));
    // The server's close_notify is a clean end of stream.
    const Error end = client->receive();
    QCOMPARE(end.code(), ErrorCode::ConnectionAborted);
    QCOMPARE(end.osErrno(), ECONNABORTED);
    if (!compatible)
        client->close(); // the server waits for the connection to end
    QCOMPARE(server.observed().closeNotifyAnswered, compatible);
}

void tst_Tls::peerClosesWithoutCloseNotify_data()
{
    addCompatibilityRows("standard-compatible: a TLS error",
                         "not standard-compatible: end of stream");
}

void tst_Tls::peerClosesWithoutCloseNotify()
{
    QFETCH(bool, compatible);
    TlsObserver server(after(Then::CloseAbruptly));
    Setup setup;
    setup.compatible = compatible;
    const auto client = clientOf(server.port(), setup);
    QVERIFY(pingPong(*client));
    const Error end = client->receive();
    if (compatible) {
        QCOMPARE(end.code(), ErrorCode::TlsError);
        QVERIFY2(end.message().contains(QStringLiteral("close_notify")), qPrintable(end.message()));
    } else {
        QCOMPARE(end.code(), ErrorCode::ConnectionAborted);
    }
}

void tst_Tls::shutdownTimeout()
{
    TlsObserver server(after(Then::HoldCloseNotify));
    Setup setup;
    setup.shutdownTimeout = 500ms;
    const auto client = clientOf(server.port(), setup);
    QVERIFY(pingPong(*client));
    QElapsedTimer elapsed;
    elapsed.start();
    client->close(); // the server never answers close_notify
    const qint64 waited = elapsed.elapsed();
    server.release();
    qInfo("close() returned after %lld ms", waited);
    QVERIFY2(waited >= 400, "close() did not wait for the server's close_notify");
    QVERIFY2(waited < 20000, "close() did not observe the shutdown timeout");
    QVERIFY(server.observed().closeNotifyReceived);
}

void tst_Tls::keepAlive()
{
    TlsObserver server({});
    const auto client = clientOf(server.port());
    QVERIFY(pingPong(*client));
    QVERIFY(client->socket().intOption(SOL_SOCKET, SO_KEEPALIVE).value_or(0) != 0);
    QVERIFY(client->socket().intOption(IPPROTO_TCP, 1 /* TCP_NODELAY */).value_or(0) != 0);
}

void tst_Tls::serverRenegotiation()
{
    // The server renegotiates (TLS 1.2) while packets flow both ways: a write
    // then waits for the server's handshake messages, a read may have to send
    // the client's. Several connections, since how the records interleave
    // varies from one to the next.
    for (int connection = 0; connection < 4; ++connection) {
        START_SCRIPT_PEER(peer, EASYNET_TLS_PEER_SCRIPT, u"renegotiate"_s, tlsFile("server.pem"),
                          tlsFile("server.key"), u"300"_s, u"3"_s);
        Setup setup;
        setup.host = QStringLiteral("127.0.0.1");
        setup.serverHostname = QStringLiteral("localhost");
        const auto client = clientOf(peer.port(), setup);
        QVERIFY_OK(client->connect());
        for (int round = 0; round < 6; ++round) {
            constexpr int Burst = 30;
            for (int i = 0; i < Burst; ++i)
                QVERIFY_OK(client->send(QStringLiteral("round %1 packet %2").arg(round).arg(i)));
            for (int i = 0; i < Burst; ++i)
                QCOMPARE(client->next(), QStringLiteral("round %1 packet %2").arg(round).arg(i));
        }
        client->close();
        QCOMPARE(peer.report(), QByteArray("renegotiated 3 of 3"));
    }
}

void tst_Tls::peerResetDoesNotRaiseSigpipe()
{
    // SIGPIPE must not be ignored here: QtTest's crash handler reports it
    // and ends the run (QProcess would ignore it for good once it wrote to a
    // child's stdin, which nothing here does). The library never raises it.
    struct sigaction current;
    QCOMPARE(::sigaction(SIGPIPE, nullptr, &current), 0);
    QVERIFY2(current.sa_handler != SIG_IGN, "the test process ignores SIGPIPE");
    START_SCRIPT_PEER(peer, EASYNET_TLS_PEER_SCRIPT, u"reset"_s, tlsFile("server.pem"),
                      tlsFile("server.key"));
    Setup setup;
    setup.host = QStringLiteral("127.0.0.1");
    setup.serverHostname = QStringLiteral("localhost");
    const auto client = clientOf(peer.port(), setup);
    QVERIFY(pingPong(*client));
    QVERIFY_OK(client->send(QStringLiteral("reset now")));
    QCOMPARE(peer.report(), QByteArray("reset"));
    // The reset is read first, so that the writes after it fail with EPIPE.
    QVERIFY(client->receive().isError());
    for (int i = 0; i < 3; ++i)
        QVERIFY(client->send(QStringLiteral("after the reset")).isError());
}

void tst_Tls::internationalizedServerName()
{
    // A certificate for the A-label (RFC 5890) of bücher.example.
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        SKIP_UNLESS_CI(QStringLiteral("the openssl program is not installed"));
    const QByteArray aLabel = "xn--bcher-kva.example";
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString certificate = dir.filePath(u"idn.pem"_s), key = dir.filePath(u"idn.key"_s);
    QProcess generate;
    generate.start(openssl,
                   {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                    u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                    u"/CN="_s + QLatin1StringView(aLabel), u"-addext"_s,
                    u"subjectAltName=DNS:"_s + QLatin1StringView(aLabel), u"-keyout"_s, key,
                    u"-out"_s, certificate});
    QVERIFY(generate.waitForFinished(20000));
    QVERIFY2(generate.exitCode() == 0, generate.readAllStandardError().constData());
    START_SCRIPT_PEER(peer, EASYNET_TLS_PEER_SCRIPT, u"sni"_s, certificate, key);
    Setup setup;
    setup.host = QStringLiteral("127.0.0.1");
    setup.serverHostname = QStringLiteral("bücher.example");
    QFile pem(certificate);
    QVERIFY(pem.open(QIODevice::ReadOnly));
    setup.configuration.setCaCertificates(QSslCertificate::fromData(pem.readAll()));
    const Error error = echoOnce(peer.port(), setup);
    QVERIFY2(!error.isError(), qPrintable(error.message()));
    QCOMPARE(peer.report(), "sni " + aLabel.toHex());
}

void tst_Tls::peerClosesDuringHandshake_data()
{
    addFormColumn();
    QTest::addColumn<bool>("compatible");
    QTest::addColumn<int>("answered"); // bytes of the server's first flight sent
    for (const bool compatible : {true, false}) {
        const char *mode = compatible ? "standard-compatible" : "not standard-compatible";
        addRows(qPrintable(u"after the ClientHello, %1"_s.arg(QLatin1StringView(mode))),
                [compatible](QTestData &row) { row << compatible << 0; });
        addRows(qPrintable(u"inside the ServerHello, %1"_s.arg(QLatin1StringView(mode))),
                [compatible](QTestData &row) { row << compatible << 60; });
    }
}

void tst_Tls::peerClosesDuringHandshake()
{
    QFETCH(bool, compatible);
    QFETCH(int, answered);
    START_SCRIPT_PEER(peer, EASYNET_TLS_PEER_SCRIPT, u"hangup"_s, tlsFile("server.pem"),
                      tlsFile("server.key"), QString::number(answered));
    Setup setup;
    setup.host = QStringLiteral("127.0.0.1");
    setup.serverHostname = QStringLiteral("localhost");
    setup.compatible = compatible;
    const Error error = clientOf(peer.port(), setup)->connect();
    QCOMPARE(peer.report(), QByteArray("closed"));
    QCOMPARE(error.code(), ErrorCode::TlsError);
    QCOMPARE(error.message(), u"the peer closed the connection during the TLS handshake"_s);
}

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
