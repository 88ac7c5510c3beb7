// DTLS (UdpClient and BlockingUdpClient with a TLS configuration) against
// openssl s_server -dtls1_2 -listen (the cookie exchange on), through a relay
// that loses handshake flights or forges datagrams, and against peers that
// never answer or do not exist.
#include "clientundertest.h"
#include "datagramformats.h"
#include "datagramrelay.h"
#include "dtlsserverprocess.h"
#include "rawpeer.h"
#include "scriptpeer.h"
#include "testsupport.h"

#include <EasyNet/blockingudpclient.h>
#include <EasyNet/udpclient.h>

#include <QtCore/QFile>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslCipher>
#include <QtTest/QTest>

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

using namespace EasyNet;
using namespace EasyNetTest;
using namespace std::chrono_literals;

class tst_Dtls : public QObject
{
    Q_OBJECT

private slots:
    void echoThroughOpenSsl_data() { bothForms(); }
    void echoThroughOpenSsl();
    void everySerializerThroughOpenSsl_data();
    void everySerializerThroughOpenSsl();
    void rejectedCertificate_data();
    void rejectedCertificate();
    void onlyDtls13Refused_data() { bothForms(); }
    void onlyDtls13Refused();
    void serverOfDtls10Refused_data() { bothForms(); }
    void serverOfDtls10Refused();
    void silentPeerTimesOut_data() { bothForms(); }
    void silentPeerTimesOut();
    void nothingListening_data() { bothForms(); }
    void nothingListening();
    void lostFlightsAreSentAgain_data();
    void lostFlightsAreSentAgain();
    void forgedDatagramsAreDropped_data() { bothForms(); }
    void forgedDatagramsAreDropped();
    void silentThenGonePeerAfterTheHandshake_data() { bothForms(); }
    void silentThenGonePeerAfterTheHandshake();
    void closeNotifyEndsTheSession_data() { bothForms(); }
    void closeNotifyEndsTheSession();

private:
    static void bothForms() { addClientRows({Transport::Udp}); }
};

namespace {

// Trusts the test CA; the server's certificate names localhost.
ClientSetup dtlsSetup(quint16 port, std::chrono::milliseconds handshakeTimeout = 20s)
{
    QSslConfiguration configuration;
    configuration.setCaCertificates(QSslCertificate::fromPath(tlsFile("ca.pem")));
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    ClientSetup setup;
    setup.transport = Transport::Udp;
    setup.port = port;
    setup.udp.ssl = configuration;
    setup.udp.serverHostname = QStringLiteral("localhost");
    setup.udp.sslHandshakeTimeout = handshakeTimeout;
    return setup;
}

QSsl::SslProtocol protocolOf(ClientUnderTest &client)
{
    return visit<UdpClient, BlockingUdpClient>(client,
                                               [](auto &udp) { return udp.sessionProtocol(); });
}

quint64 droppedOf(ClientUnderTest &client)
{
    return visit<UdpClient, BlockingUdpClient>(client,
                                               [](auto &udp) { return udp.droppedDatagrams(); });
}

// A UDP socket bound on 127.0.0.1 that never answers.
struct SilentPeer
{
    SilentPeer() : fd(boundSocket(Transport::Udp, QString())), port(localAddressOf(fd).port()) { }
    ~SilentPeer() { ::close(fd); }
    int fd;
    quint16 port;
};

} // namespace

void tst_Dtls::echoThroughOpenSsl()
{
    QFETCH(Form, form);
    START_DTLS_SERVER(server, DtlsServerProcess::Mode::Echo);
    const auto client = ClientUnderTest::make(form, dtlsSetup(server.port()));
    QVERIFY_OK(client->connect());
    QCOMPARE(protocolOf(*client), QSsl::DtlsV1_2);
    visit<UdpClient, BlockingUdpClient>(*client, [](auto &udp) {
        QVERIFY(!udp.sessionCipher().isNull());
        QVERIFY(!udp.peerCertificateChain().isEmpty());
        QVERIFY(udp.peerCertificateChain().first().subjectAlternativeNames().values().contains(
            QStringLiteral("localhost")));
    });
    for (int i = 0; i < 300; ++i) {
        const QString packet = QStringLiteral("packet %1 \u00e9").arg(i);
        QVERIFY_OK(client->send(packet));
        QCOMPARE(client->next(), packet);
    }
    // A packet the echo's pipe passes in one piece (PIPE_BUF): one record.
    const QString large(4000, u'x');
    QVERIFY_OK(client->send(large));
    QCOMPARE(client->next(), large);
    QCOMPARE(droppedOf(*client), quint64(0));
}

using PacketOf = std::function<QVariant(int)>;
Q_DECLARE_METATYPE(PacketOf)

void tst_Dtls::everySerializerThroughOpenSsl_data()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<std::shared_ptr<AbstractIncrementalPacketSerializer>>("serializer");
    QTest::addColumn<PacketOf>("packetOf");
    for (const Form form : {Form::EventDriven, Form::Blocking})
        for (const DatagramFormat &format : datagramFormats())
            QTest::addRow("%s, %s", format.name, nameOf(form))
                << form << format.serializer << format.packetOf;
}

void tst_Dtls::everySerializerThroughOpenSsl()
{
    QFETCH(Form, form);
    QFETCH(std::shared_ptr<AbstractIncrementalPacketSerializer>, serializer);
    QFETCH(PacketOf, packetOf);
    START_DTLS_SERVER(server, DtlsServerProcess::Mode::Echo);
    ClientSetup setup = dtlsSetup(server.port());
    setup.serializer = serializer;
    const auto client = ClientUnderTest::make(form, setup);
    QVERIFY_OK(client->connect());
    for (int i = 0; i < 10000; ++i) {
        QVERIFY_OK(client->send(packetOf(i)));
        QVariant echoed;
        QVERIFY_OK(client->receive(&echoed));
        if (!packetsEqual(echoed, packetOf(i)))
            QFAIL(qPrintable(
                QStringLiteral("packet %1 came back as %2").arg(i).arg(echoed.toString())));
    }
    QCOMPARE(droppedOf(*client), quint64(0));
}

void tst_Dtls::rejectedCertificate_data()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("serverHostname");
    QTest::addColumn<QString>("reason");
    for (const Form form : {Form::EventDriven, Form::Blocking}) {
        QTest::addRow("untrusted CA, %s", nameOf(form))
            << form << QStringLiteral("untrusted") << QStringLiteral("localhost")
            << QStringLiteral("certificate");
        QTest::addRow("wrong name, %s", nameOf(form))
            << form << QStringLiteral("server") << QStringLiteral("wrong.example")
            << QStringLiteral("hostname mismatch");
    }
}

void tst_Dtls::rejectedCertificate()
{
    QFETCH(Form, form);
    QFETCH(QString, certificate);
    QFETCH(QString, serverHostname);
    QFETCH(QString, reason);
    START_DTLS_SERVER(server, DtlsServerProcess::Mode::Scripted, certificate);
    ClientSetup setup = dtlsSetup(server.port());
    setup.udp.serverHostname = serverHostname;
    const auto client = ClientUnderTest::make(form, setup);
    const Error refused = client->connect();
    QCOMPARE(refused.code(), ErrorCode::TlsError);
    QVERIFY2(refused.message().contains(reason), qPrintable(refused.message()));
    QVERIFY2(refused.message().startsWith(u"DTLS "), qPrintable(refused.message()));
    // The alert went to the server, which says why the handshake ended.
    QByteArray printed;
    for (int i = 0; i < 50 && !printed.contains("alert"); ++i)
        printed += server.output();
    QVERIFY2(printed.contains("alert"), printed.constData());
}

void tst_Dtls::onlyDtls13Refused()
{
    QFETCH(Form, form);
    SilentPeer peer;
    ClientSetup setup = dtlsSetup(peer.port);
    setup.udp.ssl->setProtocol(QSsl::TlsV1_3);
    const Error refused = ClientUnderTest::make(form, setup)->connect();
    QCOMPARE(refused.code(), ErrorCode::TlsError);
    QVERIFY2(refused.message().contains(u"DTLS 1.3"), qPrintable(refused.message()));
    // Refused before anything was sent.
    char byte;
    QCOMPARE(::recv(peer.fd, &byte, 1, MSG_DONTWAIT), ssize_t(-1));
}

void tst_Dtls::serverOfDtls10Refused()
{
    QFETCH(Form, form);
    START_DTLS_SERVER(server, DtlsServerProcess::Mode::Scripted, QStringLiteral("server"),
                      {QStringLiteral("-dtls1")});
    const Error refused = ClientUnderTest::make(form, dtlsSetup(server.port()))->connect();
    // s_server answers a DTLS 1.2 ClientHello with an alert.
    QCOMPARE(refused.code(), ErrorCode::TlsError);
    QVERIFY2(refused.message().contains(u"DTLS "), qPrintable(refused.message()));
}

void tst_Dtls::silentPeerTimesOut()
{
    QFETCH(Form, form);
    SilentPeer peer;
    const Error timedOut = ClientUnderTest::make(form, dtlsSetup(peer.port, 1500ms))->connect();
    QCOMPARE(timedOut.code(), ErrorCode::Timeout);
    QVERIFY2(timedOut.message().contains(u"DTLS handshake"), qPrintable(timedOut.message()));
    // The first ClientHello and at least one retransmission reached it.
    char buffer[2048];
    int hellos = 0;
    while (::recv(peer.fd, buffer, sizeof buffer, MSG_DONTWAIT) > 0)
        ++hellos;
    QVERIFY2(hellos >= 2, qPrintable(QString::number(hellos)));
}

void tst_Dtls::nothingListening()
{
    QFETCH(Form, form);
    quint16 port;
    {
        const SilentPeer closedSoon;
        port = closedSoon.port;
    }
    const Error refused = ClientUnderTest::make(form, dtlsSetup(port))->connect();
    QCOMPARE(refused.code(), ErrorCode::ConnectionRefused);
}

void tst_Dtls::lostFlightsAreSentAgain_data()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<int>("lostFromClient");
    QTest::addColumn<int>("lostFromServer");
    for (const Form form : {Form::EventDriven, Form::Blocking}) {
        QTest::addRow("first ClientHello, %s", nameOf(form)) << form << 1 << 0;
        QTest::addRow("first flight each way, %s", nameOf(form)) << form << 1 << 1;
        QTest::addRow("three client flights, %s", nameOf(form)) << form << 3 << 0;
    }
}

void tst_Dtls::lostFlightsAreSentAgain()
{
    QFETCH(Form, form);
    QFETCH(int, lostFromClient);
    QFETCH(int, lostFromServer);
    START_DTLS_SERVER(server, DtlsServerProcess::Mode::Echo);
    DatagramRelay relay(server.port(), [=](DatagramRelay::From from, int index) {
        return index < (from == DatagramRelay::From::Client ? lostFromClient : lostFromServer);
    });
    const auto client = ClientUnderTest::make(form, dtlsSetup(relay.port()));
    QVERIFY_OK(client->connect());
    QCOMPARE(relay.dropped(), lostFromClient + lostFromServer);
    QVERIFY_OK(client->send(QStringLiteral("after the losses")));
    QCOMPARE(client->next(), QStringLiteral("after the losses"));
}

void tst_Dtls::forgedDatagramsAreDropped()
{
    QFETCH(Form, form);
    START_DTLS_SERVER(server, DtlsServerProcess::Mode::Echo);
    DatagramRelay relay(server.port(), [](DatagramRelay::From, int) { return false; });
    const auto client = ClientUnderTest::make(form, dtlsSetup(relay.port()));
    QVERIFY_OK(client->connect());
    QVERIFY_OK(client->send(QStringLiteral("first")));
    QCOMPARE(client->next(), QStringLiteral("first"));
    // From the server's address: an application data record that does not
    // authenticate, one of another epoch, and noise.
    QByteArray forged = QByteArray::fromHex("17fefd0001000000000005001d") + QByteArray(29, 'x');
    relay.inject(forged);
    forged[3] = 7; // another epoch
    relay.inject(forged);
    relay.inject(QByteArrayLiteral("not DTLS at all"));
    QVERIFY_OK(client->send(QStringLiteral("second")));
    QCOMPARE(client->next(), QStringLiteral("second"));
    QCOMPARE(droppedOf(*client), quint64(3));
    QVERIFY(!client->isClosed());
}

void tst_Dtls::silentThenGonePeerAfterTheHandshake()
{
    QFETCH(Form, form);
    START_DTLS_SERVER(server, DtlsServerProcess::Mode::Echo);
    std::atomic<bool> silent = false;
    auto relay = std::make_unique<DatagramRelay>(
        server.port(), [&silent](DatagramRelay::From, int) { return silent.load(); });
    const auto client = ClientUnderTest::make(form, dtlsSetup(relay->port()));
    QVERIFY_OK(client->connect());
    QVERIFY_OK(client->send(QStringLiteral("before")));
    QCOMPARE(client->next(), QStringLiteral("before"));
    // Silent: the receive's own timeout tells, and the session goes on.
    silent = true;
    QVERIFY_OK(client->send(QStringLiteral("lost")));
    QCOMPARE(client->receive(nullptr, 300ms).code(), ErrorCode::Timeout);
    QVERIFY(!client->isClosed());
    // Gone: nothing listens at the peer's port any more; the ICMP error is
    // one receive's, as for plain UDP, and the client stays usable.
    relay.reset();
    QVERIFY_OK(client->send(QStringLiteral("to nobody")));
    QCOMPARE(client->receive(nullptr, 5s).code(), ErrorCode::ConnectionRefused);
    QVERIFY(!client->isClosed());
}

void tst_Dtls::closeNotifyEndsTheSession()
{
    QFETCH(Form, form);
    // s_server closes its socket before it sends close_notify: a pyOpenSSL
    // peer echoes one packet and then ends the session properly.
    START_SCRIPT_PEER(peer, EASYNET_DTLS_PEER_SCRIPT, QStringLiteral("close"),
                      tlsFile("server.pem"), tlsFile("server.key"));
    const auto client = ClientUnderTest::make(form, dtlsSetup(peer.port()));
    QVERIFY_OK(client->connect());
    // A packet as large as one record allows.
    const QString largest(UdpOptions::MaxDtlsPacketSize - 1, u'x');
    QVERIFY_OK(client->send(largest));
    QCOMPARE(client->next(), largest);
    QCOMPARE(peer.report(), QByteArray("closed"));
    const Error ended = client->receive(nullptr, 20s);
    QCOMPARE(ended.code(), ErrorCode::ConnectionAborted);
    QVERIFY2(ended.message().contains(u"close_notify"), qPrintable(ended.message()));
    // An iteration ends quietly.
    QVERIFY_OK(client->iterate(1s, [](const QVariant &) { return true; }));
}

QTEST_MAIN(tst_Dtls)
#include "tst_dtls.moc"
