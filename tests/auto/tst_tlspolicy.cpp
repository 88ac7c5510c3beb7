// TlsPolicy: what each QSslConfiguration field becomes, and what is refused.
#include "transport/tlspolicy_p.h"

#include <QtCore/QFile>
#include <QtNetwork/QSslCipher>
#include <QtNetwork/QSslEllipticCurve>
#include <QtTest/QTest>

using namespace EasyNet;
using Version = TlsPolicy::Version;

Q_DECLARE_METATYPE(TlsPolicy::Version)

namespace {

TlsPolicy policyFor(const QSslConfiguration &configuration,
                    const QString &host = QStringLiteral("localhost"),
                    const std::optional<QString> &serverHostname = std::nullopt)
{
    return TlsPolicy(configuration, host, serverHostname);
}

QSslConfiguration withCiphers(const QStringList &names)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    QList<QSslCipher> ciphers;
    for (const QString &name : names)
        ciphers.append(QSslCipher(name));
    configuration.setCiphers(ciphers);
    return configuration;
}

} // namespace

class tst_TlsPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void protocolRange_data();
    void protocolRange();
    void dtlsRefused();
    void datagramProtocols_data();
    void datagramProtocols();
    void ciphersSplitByVersion();
    void ciphersNarrowTheRange();
    void ciphersContradictTheRange();
    void verifyMode_data();
    void verifyMode();
    void identity();
    void alpn();
    void unsupportedFieldsRefused();
    void names_data();
    void names();
    void adoptedSocketNeedsServerHostname();
};

void tst_TlsPolicy::protocolRange_data()
{
    QTest::addColumn<QSsl::SslProtocol>("protocol");
    QTest::addColumn<Version>("minimum");
    QTest::addColumn<Version>("maximum");
    QTest::newRow("SecureProtocols")
        << QSsl::SecureProtocols << Version::Tls1_2 << Version::Unbounded;
    QTest::newRow("AnyProtocol") << QSsl::AnyProtocol << Version::Unbounded << Version::Unbounded;
    QTest::newRow("TlsV1_2") << QSsl::TlsV1_2 << Version::Tls1_2 << Version::Tls1_2;
    QTest::newRow("TlsV1_2OrLater")
        << QSsl::TlsV1_2OrLater << Version::Tls1_2 << Version::Unbounded;
    QTest::newRow("TlsV1_3") << QSsl::TlsV1_3 << Version::Tls1_3 << Version::Tls1_3;
    QTest::newRow("TlsV1_3OrLater")
        << QSsl::TlsV1_3OrLater << Version::Tls1_3 << Version::Unbounded;
}

void tst_TlsPolicy::protocolRange()
{
    QFETCH(QSsl::SslProtocol, protocol);
    QFETCH(Version, minimum);
    QFETCH(Version, maximum);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(protocol);
    const TlsPolicy policy = policyFor(configuration);
    QVERIFY2(!policy.error().isError(), qPrintable(policy.error().message()));
    QCOMPARE(policy.minimumVersion(), minimum);
    QCOMPARE(policy.maximumVersion(), maximum);
}

void tst_TlsPolicy::dtlsRefused()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::DtlsV1_2OrLater);
    const TlsPolicy policy = policyFor(configuration);
    QCOMPARE(policy.error().code(), ErrorCode::TlsError);
    QVERIFY(policy.error().message().contains(QStringLiteral("DTLS")));
}

void tst_TlsPolicy::datagramProtocols_data()
{
    QTest::addColumn<QSsl::SslProtocol>("protocol");
    QTest::addColumn<QString>("refusal"); // empty: DTLS 1.2
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    for (const QSsl::SslProtocol accepted :
         {QSsl::DtlsV1_2, QSsl::DtlsV1_2OrLater, QSsl::DtlsV1_0OrLater, QSsl::SecureProtocols,
          QSsl::AnyProtocol, QSsl::TlsV1_2, QSsl::TlsV1_2OrLater, QSsl::TlsV1_0OrLater})
        QTest::addRow("accepted %d", int(accepted)) << accepted << QString();
    QTest::addRow("TLS 1.3") << QSsl::TlsV1_3 << QStringLiteral("DTLS 1.3 is not supported");
    QTest::addRow("TLS 1.3 or later")
        << QSsl::TlsV1_3OrLater << QStringLiteral("DTLS 1.3 is not supported");
    QTest::addRow("DTLS 1.0") << QSsl::DtlsV1_0 << QStringLiteral("DTLS 1.0 is not supported");
    QTest::addRow("TLS 1.1") << QSsl::TlsV1_1 << QStringLiteral("DTLS 1.0 is not supported");
    QT_WARNING_POP
}

void tst_TlsPolicy::datagramProtocols()
{
    QFETCH(QSsl::SslProtocol, protocol);
    QFETCH(QString, refusal);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(protocol);
    const TlsPolicy policy(configuration, QStringLiteral("localhost"), std::nullopt,
                           TlsPolicy::Transport::Datagram);
    QVERIFY(policy.isDatagram());
    if (refusal.isEmpty()) {
        QVERIFY2(!policy.error().isError(), qPrintable(policy.error().message()));
        QCOMPARE(policy.minimumVersion(), Version::Tls1_2);
        QCOMPARE(policy.maximumVersion(), Version::Tls1_2);
    } else {
        QCOMPARE(policy.error().code(), ErrorCode::TlsError);
        QVERIFY2(policy.error().message().contains(refusal), qPrintable(policy.error().message()));
    }
}

void tst_TlsPolicy::ciphersSplitByVersion()
{
    const TlsPolicy policy = policyFor(withCiphers(
        {QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"), QStringLiteral("TLS_AES_256_GCM_SHA384"),
         QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384")}));
    QVERIFY(!policy.error().isError());
    QCOMPARE(policy.cipherList(),
             QByteArray("ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384"));
    QCOMPARE(policy.cipherSuites(), QByteArray("TLS_AES_256_GCM_SHA384"));
    QCOMPARE(policy.minimumVersion(), Version::Tls1_2);
    QCOMPARE(policy.maximumVersion(), Version::Unbounded);
    // No cipher at all: the library's defaults.
    const TlsPolicy defaults = policyFor(withCiphers({}));
    QVERIFY(!defaults.ciphersConfigured());
}

void tst_TlsPolicy::ciphersNarrowTheRange()
{
    const TlsPolicy only12
        = policyFor(withCiphers({QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256")}));
    QCOMPARE(only12.maximumVersion(), Version::Tls1_2);
    QCOMPARE(only12.cipherSuites(), QByteArray());
    const TlsPolicy only13 = policyFor(withCiphers({QStringLiteral("TLS_AES_128_GCM_SHA256")}));
    QCOMPARE(only13.minimumVersion(), Version::Tls1_3);
    QCOMPARE(only13.cipherList(), QByteArray());
}

void tst_TlsPolicy::ciphersContradictTheRange()
{
    QSslConfiguration only12 = withCiphers({QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256")});
    only12.setProtocol(QSsl::TlsV1_3OrLater);
    QCOMPARE(policyFor(only12).error().code(), ErrorCode::TlsError);
    QSslConfiguration only13 = withCiphers({QStringLiteral("TLS_AES_128_GCM_SHA256")});
    only13.setProtocol(QSsl::TlsV1_2);
    QCOMPARE(policyFor(only13).error().code(), ErrorCode::TlsError);
}

void tst_TlsPolicy::verifyMode_data()
{
    QTest::addColumn<QSslSocket::PeerVerifyMode>("mode");
    QTest::addColumn<bool>("verifies");
    QTest::newRow("VerifyNone") << QSslSocket::VerifyNone << false;
    QTest::newRow("QueryPeer") << QSslSocket::QueryPeer << false;
    QTest::newRow("VerifyPeer") << QSslSocket::VerifyPeer << true;
    QTest::newRow("AutoVerifyPeer") << QSslSocket::AutoVerifyPeer << true;
}

void tst_TlsPolicy::verifyMode()
{
    QFETCH(QSslSocket::PeerVerifyMode, mode);
    QFETCH(bool, verifies);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setPeerVerifyMode(mode);
    configuration.setPeerVerifyDepth(3);
    const TlsPolicy policy = policyFor(configuration);
    QCOMPARE(policy.verifiesPeer(), verifies);
    QCOMPARE(policy.verifyDepth(), 3);
    // Without verification there is no name to check, but SNI is still sent.
    QCOMPARE(policy.peerVerifyName(), verifies ? QStringLiteral("localhost") : QString());
    QCOMPARE(policy.checksHostName(), verifies);
    QCOMPARE(policy.serverNameIndication(), QStringLiteral("localhost"));
}

void tst_TlsPolicy::identity()
{
    QFile certificateFile(QStringLiteral(EASYNET_TEST_DATA_DIR "/tls/client.pem"));
    QFile keyFile(QStringLiteral(EASYNET_TEST_DATA_DIR "/tls/client.key"));
    QVERIFY(certificateFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(certificateFile.readAll());
    const QSslKey key(keyFile.readAll(), QSsl::Rsa);
    QVERIFY(!certificate.isNull() && !key.isNull());
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    QVERIFY(policyFor(configuration).error().message().contains(QStringLiteral("private key")));
    configuration.setPrivateKey(key);
    const TlsPolicy policy = policyFor(configuration);
    QVERIFY(!policy.error().isError());
    QCOMPARE(policy.localCertificate(), certificate);
    QVERIFY(policy.intermediateCertificates().isEmpty());
    QFile chainFile(QStringLiteral(EASYNET_TEST_DATA_DIR "/tls/chain-leaf.pem"));
    QVERIFY(chainFile.open(QIODevice::ReadOnly));
    const QList<QSslCertificate> chain = QSslCertificate::fromData(chainFile.readAll());
    QCOMPARE(chain.size(), 3);
    configuration.setLocalCertificateChain(chain);
    QCOMPARE(policyFor(configuration).localCertificate(), chain.first());
    QCOMPARE(policyFor(configuration).intermediateCertificates(), chain.mid(1));
    QSslConfiguration keyOnly = QSslConfiguration::defaultConfiguration();
    keyOnly.setPrivateKey(key);
    QCOMPARE(policyFor(keyOnly).error().code(), ErrorCode::TlsError);
}

void tst_TlsPolicy::alpn()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setAllowedNextProtocols(
        {QByteArrayLiteral("h2"), QByteArrayLiteral("easynet/1")});
    QCOMPARE(policyFor(configuration).alpnWireFormat(),
             QByteArray("\x02"
                        "h2"
                        "\x09"
                        "easynet/1"));
    configuration.setAllowedNextProtocols({QByteArray(256, 'x')});
    QCOMPARE(policyFor(configuration).error().code(), ErrorCode::TlsError);
    configuration.setAllowedNextProtocols({QByteArray()});
    QCOMPARE(policyFor(configuration).error().code(), ErrorCode::TlsError);
}

void tst_TlsPolicy::unsupportedFieldsRefused()
{
    QVERIFY(!policyFor(QSslConfiguration::defaultConfiguration()).error().isError());
    QSslConfiguration curves = QSslConfiguration::defaultConfiguration();
    curves.setEllipticCurves({QSslEllipticCurve::fromShortName(QStringLiteral("prime256v1"))});
    QVERIFY(policyFor(curves).error().message().contains(QStringLiteral("ellipticCurves")));
    QSslConfiguration ocsp = QSslConfiguration::defaultConfiguration();
    ocsp.setOcspStaplingEnabled(true);
    QVERIFY(policyFor(ocsp).error().message().contains(QStringLiteral("OCSP")));
    QSslConfiguration ticket = QSslConfiguration::defaultConfiguration();
    ticket.setSessionTicket("ticket");
    QVERIFY(policyFor(ticket).error().message().contains(QStringLiteral("sessionTicket")));
    QSslConfiguration backend = QSslConfiguration::defaultConfiguration();
    backend.setBackendConfigurationOption("MinProtocol", QStringLiteral("TLSv1.2"));
    QVERIFY(policyFor(backend).error().message().contains(QStringLiteral("backendConfiguration")));
}

void tst_TlsPolicy::names_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<std::optional<QString>>("serverHostname");
    QTest::addColumn<QString>("verifyName");
    QTest::addColumn<QString>("sni");
    const QString localhost = QStringLiteral("localhost");
    QTest::newRow("name") << localhost << std::optional<QString>() << localhost << localhost;
    QTest::newRow("IPv4 host: no SNI") << QStringLiteral("127.0.0.1") << std::optional<QString>()
                                       << QStringLiteral("127.0.0.1") << QString();
    QTest::newRow("IPv6 host: no SNI")
        << QStringLiteral("::1") << std::optional<QString>() << QStringLiteral("::1") << QString();
    QTest::newRow("override") << QStringLiteral("127.0.0.1")
                              << std::optional<QString>(QStringLiteral("easynet.test"))
                              << QStringLiteral("easynet.test") << QStringLiteral("easynet.test");
    QTest::newRow("override with an IP")
        << localhost << std::optional<QString>(QStringLiteral("127.0.0.1"))
        << QStringLiteral("127.0.0.1") << QString();
    // RFC 6066 and RFC 6125: the A-label, whichever way the user wrote the name.
    const QString aLabel = QStringLiteral("xn--bcher-kva.example");
    QTest::newRow("internationalized host")
        << QStringLiteral("bücher.example") << std::optional<QString>() << aLabel << aLabel;
    QTest::newRow("internationalized override")
        << QStringLiteral("127.0.0.1") << std::optional<QString>(QStringLiteral("Bücher.example"))
        << aLabel << aLabel;
    QTest::newRow("not a host name: as given")
        << QStringLiteral("127.0.0.1") << std::optional<QString>(QStringLiteral("a b.example"))
        << QStringLiteral("a b.example") << QStringLiteral("a b.example");
}

void tst_TlsPolicy::names()
{
    QFETCH(QString, host);
    QFETCH(std::optional<QString>, serverHostname);
    QFETCH(QString, verifyName);
    QFETCH(QString, sni);
    const TlsPolicy policy
        = policyFor(QSslConfiguration::defaultConfiguration(), host, serverHostname);
    QCOMPARE(policy.peerVerifyName(), verifyName);
    QCOMPARE(policy.serverNameIndication(), sni);
    QSslConfiguration noSni = QSslConfiguration::defaultConfiguration();
    noSni.setSslOption(QSsl::SslOptionDisableServerNameIndication, true);
    QCOMPARE(policyFor(noSni, host, serverHostname).serverNameIndication(), QString());
}

void tst_TlsPolicy::adoptedSocketNeedsServerHostname()
{
    QCOMPARE(policyFor(QSslConfiguration::defaultConfiguration(), QString()).error().code(),
             ErrorCode::TlsError);
    const TlsPolicy unchecked
        = policyFor(QSslConfiguration::defaultConfiguration(), QString(), QString());
    QVERIFY(!unchecked.error().isError());
    QCOMPARE(unchecked.peerVerifyName(), QString());
    QVERIFY(!unchecked.checksHostName());
    QVERIFY(unchecked.nameCheckDisabled()); // warned about when connecting
    QCOMPARE(unchecked.serverNameIndication(), QString());
}

QTEST_GUILESS_MAIN(tst_TlsPolicy)
#include "tst_tlspolicy.moc"
