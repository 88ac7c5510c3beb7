// BlockingTcpClient's TLS contract, observed from the server's side: an
// OpenSSL server in a thread of its own records what the client sent (SNI,
// ALPN, version, cipher, client certificate, alerts, close_notify).
#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/exceptions.h>
#include <EasyNet/lineserializer.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtNetwork/QSslCipher>
#include <QtNetwork/QSslKey>
#include <QtTest/QTest>

#include "testsupport.h"
#include "tlsobserver.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

using namespace EasyNet;
using namespace std::chrono_literals;
using EasyNetTest::throws;
using namespace EasyNetTest;

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

BlockingTcpOptions tlsOptions(const QSslConfiguration &configuration = clientTls())
{
    BlockingTcpOptions options;
    options.ssl = configuration;
    return options;
}

// The two rows of a test about the standard-compatible mode.
void addCompatibilityRows(const char *compatibleRow, const char *otherRow)
{
    QTest::addColumn<bool>("compatible");
    QTest::newRow(compatibleRow) << true;
    QTest::newRow(otherRow) << false;
}

// A TLS client to server in the given closing mode.
std::unique_ptr<BlockingTcpClient> clientFor(const TlsObserver &server, bool compatible,
                                             std::chrono::milliseconds shutdownTimeout = 30s)
{
    BlockingTcpOptions options = tlsOptions();
    options.sslStandardCompatible = compatible;
    options.sslShutdownTimeout = shutdownTimeout;
    return std::make_unique<BlockingTcpClient>(QStringLiteral("localhost"), server.port(),
                                               lineProtocol(), options);
}

// Whether one packet comes back.
bool pingPong(BlockingTcpClient &client)
{
    client.sendPacket(QStringLiteral("ping"), 5s);
    return client.recvPacket(5s).toString() == QStringLiteral("ping");
}

// A TLS client to the observer that echoes one packet, then closes.
void echoOnce(const QString &host, quint16 port, const BlockingTcpOptions &options)
{
    BlockingTcpClient client(host, port, lineProtocol(), options);
    QVERIFY(pingPong(client));
}

// Connects to a server that checks the client certificate. When it should
// accept, one packet is echoed; otherwise the client waits for the server's
// verdict (with TLS 1.3 it arrives after the client's handshake) and sends
// nothing, so that the alert, not a reset, is what it reads.
void awaitClientVerdict(quint16 port, const QSslConfiguration &configuration, bool accepted)
{
    BlockingTcpClient client(QStringLiteral("localhost"), port, lineProtocol(),
                             tlsOptions(configuration));
    if (accepted)
        QVERIFY(pingPong(client));
    else
        client.recvPacket(5s);
}

// The error code of what fn throws (NoError when it does not throw).
template<typename Fn> Error failure(Fn &&fn)
{
    try {
        fn();
    } catch (const OSError &e) {
        return e.error();
    }
    return Error();
}

} // namespace

class tst_BlockingTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverNameIndication_data();
    void serverNameIndication();
    void rejectedCertificateSendsAlert_data();
    void rejectedCertificateSendsAlert();
    void protocolRange_data();
    void protocolRange();
    void ciphers_data();
    void ciphers();
    void verifyNone_data();
    void verifyNone();
    void alpn_data();
    void alpn();
    void clientCertificate_data();
    void clientCertificate();
    void clientCertificateChain_data();
    void clientCertificateChain();
    void verifyDepth_data();
    void verifyDepth();
    void refusedConfiguration();
    void tlsCloseStandardCompatible_data();
    void tlsCloseStandardCompatible();
    void peerCloseNotifyAnswered_data();
    void peerCloseNotifyAnswered();
    void peerClosesWithoutCloseNotify_data();
    void peerClosesWithoutCloseNotify();
    void shutdownTimeout();
    void keepAlive();
};

void tst_BlockingTls::serverNameIndication_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<std::optional<QString>>("serverHostname");
    QTest::addColumn<QByteArray>("sni");
    QTest::newRow("name") << QStringLiteral("localhost") << std::optional<QString>()
                          << QByteArray("localhost");
    QTest::newRow("IP address host")
        << QStringLiteral("127.0.0.1") << std::optional<QString>() << QByteArray();
    QTest::newRow("IP host, name override")
        << QStringLiteral("127.0.0.1") << std::optional<QString>(QStringLiteral("easynet.test"))
        << QByteArray("easynet.test");
    QTest::newRow("IP address override")
        << QStringLiteral("localhost") << std::optional<QString>(QStringLiteral("127.0.0.1"))
        << QByteArray();
}

void tst_BlockingTls::serverNameIndication()
{
    QFETCH(QString, host);
    QFETCH(std::optional<QString>, serverHostname);
    QFETCH(QByteArray, sni);
    TlsObserver server({});
    QSslConfiguration configuration = clientTls();
    // The certificate carries no IP address: SNI is what is looked at here.
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    BlockingTcpOptions options = tlsOptions(configuration);
    options.serverHostname = serverHostname;
    echoOnce(host, server.port(), options);
    const Observed observed = server.observed();
    QVERIFY2(observed.handshakeError.isEmpty(), qPrintable(observed.handshakeError));
    QCOMPARE(observed.sni, sni);
}

void tst_BlockingTls::rejectedCertificateSendsAlert_data()
{
    QTest::addColumn<QByteArray>("certificate");
    QTest::addColumn<QString>("serverHostname");
    QTest::addColumn<QString>("reason");
    QTest::newRow("untrusted") << QByteArray("untrusted") << QStringLiteral("localhost")
                               << QStringLiteral("self-signed");
    QTest::newRow("wrong name") << QByteArray("server") << QStringLiteral("wrong.example")
                                << QStringLiteral("hostname mismatch");
}

void tst_BlockingTls::rejectedCertificateSendsAlert()
{
    QFETCH(QByteArray, certificate);
    QFETCH(QString, serverHostname);
    QFETCH(QString, reason);
    const QByteArray pem = certificate + ".pem", key = certificate + ".key";
    ServerOptions serverOptions;
    serverOptions.certificate = pem.constData();
    serverOptions.key = key.constData();
    TlsObserver server(serverOptions);
    BlockingTcpOptions options = tlsOptions();
    options.serverHostname = serverHostname;
    const Error error = failure([&] {
        BlockingTcpClient(QStringLiteral("localhost"), server.port(), lineProtocol(), options);
    });
    QCOMPARE(error.code(), ErrorCode::TlsError);
    QVERIFY2(error.message().contains(reason), qPrintable(error.message()));
    // The server learnt why from the client's alert, not from a bare close.
    const QString seen = server.observed().handshakeError;
    QVERIFY2(seen.contains(QStringLiteral("alert")), qPrintable(seen));
}

void tst_BlockingTls::protocolRange_data()
{
    QTest::addColumn<int>("serverMax");
    QTest::addColumn<QSsl::SslProtocol>("protocol");
    QTest::addColumn<QByteArray>("version"); // empty: the handshake fails
    QTest::newRow("default") << 0 << QSsl::SecureProtocols << QByteArray("TLSv1.3");
    QTest::newRow("client TLS 1.2 only") << 0 << QSsl::TlsV1_2 << QByteArray("TLSv1.2");
    QTest::newRow("server 1.2, client 1.2+")
        << TLS1_2_VERSION << QSsl::TlsV1_2OrLater << QByteArray("TLSv1.2");
    QTest::newRow("server 1.2, client 1.3+")
        << TLS1_2_VERSION << QSsl::TlsV1_3OrLater << QByteArray();
    QTest::newRow("server 1.2, client 1.3") << TLS1_2_VERSION << QSsl::TlsV1_3 << QByteArray();
}

void tst_BlockingTls::protocolRange()
{
    QFETCH(int, serverMax);
    QFETCH(QSsl::SslProtocol, protocol);
    QFETCH(QByteArray, version);
    ServerOptions serverOptions;
    serverOptions.maxVersion = serverMax;
    TlsObserver server(serverOptions);
    QSslConfiguration configuration = clientTls();
    configuration.setProtocol(protocol);
    const Error error = failure(
        [&] { echoOnce(QStringLiteral("localhost"), server.port(), tlsOptions(configuration)); });
    const Observed observed = server.observed();
    if (version.isEmpty()) {
        QCOMPARE(error.code(), ErrorCode::TlsError);
        QVERIFY(!observed.handshakeError.isEmpty());
    } else {
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        QCOMPARE(observed.version, version);
    }
}

void tst_BlockingTls::ciphers_data()
{
    QTest::addColumn<QString>("clientCipher");
    QTest::addColumn<QByteArray>("negotiated"); // empty: the handshake fails
    QTest::newRow("TLS 1.2 cipher") << QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256")
                                    << QByteArray("ECDHE-RSA-AES128-GCM-SHA256");
    QTest::newRow("TLS 1.3 suite")
        << QStringLiteral("TLS_AES_128_GCM_SHA256") << QByteArray("TLS_AES_128_GCM_SHA256");
    QTest::newRow("none in common")
        << QStringLiteral("ECDHE-RSA-CHACHA20-POLY1305") << QByteArray();
}

void tst_BlockingTls::ciphers()
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
    QSslConfiguration configuration = clientTls();
    configuration.setCiphers({cipher});
    const Error error = failure(
        [&] { echoOnce(QStringLiteral("localhost"), server.port(), tlsOptions(configuration)); });
    const Observed observed = server.observed();
    if (negotiated.isEmpty()) {
        QCOMPARE(error.code(), ErrorCode::TlsError);
    } else {
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        QCOMPARE(observed.cipher, negotiated);
    }
}

void tst_BlockingTls::verifyNone_data()
{
    QTest::addColumn<QSslSocket::PeerVerifyMode>("mode");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("VerifyNone") << QSslSocket::VerifyNone << true;
    QTest::newRow("QueryPeer") << QSslSocket::QueryPeer << true;
    QTest::newRow("VerifyPeer") << QSslSocket::VerifyPeer << false;
    QTest::newRow("AutoVerifyPeer") << QSslSocket::AutoVerifyPeer << false;
}

void tst_BlockingTls::verifyNone()
{
    QFETCH(QSslSocket::PeerVerifyMode, mode);
    QFETCH(bool, accepted);
    ServerOptions serverOptions;
    serverOptions.certificate = "untrusted.pem";
    serverOptions.key = "untrusted.key";
    TlsObserver server(serverOptions);
    QSslConfiguration configuration = clientTls();
    configuration.setPeerVerifyMode(mode);
    const Error error = failure(
        [&] { echoOnce(QStringLiteral("localhost"), server.port(), tlsOptions(configuration)); });
    QCOMPARE(error.code(), accepted ? ErrorCode::NoError : ErrorCode::TlsError);
}

void tst_BlockingTls::alpn_data()
{
    QTest::addColumn<QByteArrayList>("offered");
    QTest::addColumn<QByteArray>("negotiated");
    QTest::newRow("agreed") << QByteArrayList {"h2", "easynet/1"} << QByteArray("easynet/1");
    QTest::newRow("nothing in common") << QByteArrayList {"h2"} << QByteArray();
    QTest::newRow("none offered") << QByteArrayList {} << QByteArray();
}

void tst_BlockingTls::alpn()
{
    QFETCH(QByteArrayList, offered);
    QFETCH(QByteArray, negotiated);
    ServerOptions serverOptions;
    serverOptions.alpn = "easynet/1";
    TlsObserver server(serverOptions);
    QSslConfiguration configuration = clientTls();
    configuration.setAllowedNextProtocols(offered);
    {
        BlockingTcpClient client(QStringLiteral("localhost"), server.port(), lineProtocol(),
                                 tlsOptions(configuration));
        QCOMPARE(client.nextNegotiatedProtocol(), negotiated);
        client.sendPacket(QStringLiteral("ping"), 5s);
        QCOMPARE(client.recvPacket(5s).toString(), QStringLiteral("ping"));
    }
    QCOMPARE(server.observed().alpn, negotiated);
}

void tst_BlockingTls::clientCertificate_data()
{
    QTest::addColumn<bool>("presented");
    QTest::newRow("presented") << true;
    QTest::newRow("missing") << false;
}

void tst_BlockingTls::clientCertificate()
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
    const Error error
        = failure([&] { awaitClientVerdict(server.port(), configuration, presented); });
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

void tst_BlockingTls::clientCertificateChain_data()
{
    QTest::addColumn<bool>("withIntermediates");
    QTest::newRow("leaf and intermediates") << true;
    QTest::newRow("leaf only") << false;
}

void tst_BlockingTls::clientCertificateChain()
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
    const Error error
        = failure([&] { awaitClientVerdict(server.port(), configuration, withIntermediates); });
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

void tst_BlockingTls::verifyDepth_data()
{
    // Counted as OpenSSL (and Qt's OpenSSL backend) count: the chain here is
    // leaf, two intermediates and the root; 0 means no limit.
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("no limit") << 0 << true;
    QTest::newRow("2") << 2 << true;
    QTest::newRow("1: too deep") << 1 << false;
}

void tst_BlockingTls::verifyDepth()
{
    QFETCH(int, depth);
    QFETCH(bool, accepted);
    ServerOptions serverOptions;
    serverOptions.certificate = "chain-leaf.pem";
    serverOptions.key = "chain-leaf.key";
    TlsObserver server(serverOptions);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromData(readData("chain-root.pem")));
    configuration.setPeerVerifyDepth(depth);
    const Error error = failure(
        [&] { echoOnce(QStringLiteral("localhost"), server.port(), tlsOptions(configuration)); });
    QCOMPARE(error.code(), accepted ? ErrorCode::NoError : ErrorCode::TlsError);
    if (!accepted)
        QVERIFY2(error.message().contains(QStringLiteral("too long")), qPrintable(error.message()));
}

void tst_BlockingTls::refusedConfiguration()
{
    TlsObserver server({});
    QSslConfiguration configuration = clientTls();
    configuration.setProtocol(QSsl::DtlsV1_2);
    const Error error = failure([&] {
        BlockingTcpClient(QStringLiteral("localhost"), server.port(), lineProtocol(),
                          tlsOptions(configuration));
    });
    QCOMPARE(error.code(), ErrorCode::TlsError);
    QVERIFY2(error.message().contains(QStringLiteral("DTLS")), qPrintable(error.message()));
    // Refused before any handshake: the server saw the connection, never a ClientHello.
    QVERIFY(!server.observed().handshakeError.isEmpty());
}

void tst_BlockingTls::tlsCloseStandardCompatible_data()
{
    addCompatibilityRows("standard-compatible: close_notify sent",
                         "not standard-compatible: no closing handshake");
}

void tst_BlockingTls::tlsCloseStandardCompatible()
{
    QFETCH(bool, compatible);
    TlsObserver server({});
    const auto client = clientFor(server, compatible);
    QVERIFY(pingPong(*client));
    client->close();
    QVERIFY(client->isClosed());
    QCOMPARE(server.observed().closeNotifyReceived, compatible);
}

void tst_BlockingTls::peerCloseNotifyAnswered_data()
{
    addCompatibilityRows("standard-compatible: answered", "not standard-compatible: not answered");
}

void tst_BlockingTls::peerCloseNotifyAnswered()
{
    QFETCH(bool, compatible);
    TlsObserver server(after(Then::SendCloseNotify));
    const auto client = clientFor(server, compatible);
    QVERIFY(pingPong(*client));
    // The server's close_notify is a clean end of stream.
    QVERIFY(throws<ConnectionAbortedError>([&] { client->recvPacket(5s); }));
    if (!compatible)
        client->close(); // the server waits for the connection to end
    QCOMPARE(server.observed().closeNotifyAnswered, compatible);
}

void tst_BlockingTls::peerClosesWithoutCloseNotify_data()
{
    addCompatibilityRows("standard-compatible: a TLS error",
                         "not standard-compatible: end of stream");
}

void tst_BlockingTls::peerClosesWithoutCloseNotify()
{
    QFETCH(bool, compatible);
    TlsObserver server(after(Then::CloseAbruptly));
    const auto client = clientFor(server, compatible);
    QVERIFY(pingPong(*client));
    try {
        client->recvPacket(5s);
        QFAIL("no end of stream");
    } catch (const ConnectionAbortedError &) {
        QVERIFY2(!compatible, "a missing close_notify passed for a clean close");
    } catch (const OSError &e) {
        QVERIFY2(compatible, e.what());
        QCOMPARE(e.error().code(), ErrorCode::TlsError);
        QVERIFY2(e.message().contains(QStringLiteral("close_notify")), e.what());
    }
}

void tst_BlockingTls::shutdownTimeout()
{
    TlsObserver server(after(Then::HoldCloseNotify));
    const auto client = clientFor(server, true, 500ms);
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

void tst_BlockingTls::keepAlive()
{
    TlsObserver server({});
    BlockingTcpClient client(QStringLiteral("localhost"), server.port(), lineProtocol(),
                             tlsOptions());
    QVERIFY(client.socket().intOption(SOL_SOCKET, SO_KEEPALIVE).value_or(0) != 0);
    QVERIFY(client.socket().intOption(IPPROTO_TCP, 1 /* TCP_NODELAY */).value_or(0) != 0);
}

QTEST_GUILESS_MAIN(tst_BlockingTls)
#include "tst_blockingtls.moc"
