// sslConfigurationWithPemFiles(): what each PEM file becomes in the
// configuration, and the error that names a file at fault. The console and the
// QML module both build their TLS configuration with it.
#include <EasyNet/sslpemfiles.h>

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>
#include <QtTest/QTest>

#include "testsupport.h"

using namespace EasyNet;
using EasyNetTest::tlsFile;

namespace {

QSslCertificate certificateOf(const char *name)
{
    return QSslCertificate::fromPath(tlsFile(name)).value(0);
}

} // namespace

class tst_SslPemFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void caFileAddsToTheSystemCas();
    void caFileAddsToTheBaseCas();
    void caFilesReplaceTheCas();
    void certificateFileIsTheWholeChain();
    void everyKeyType_data();
    void everyKeyType();
    void errorNamesTheFile_data();
    void errorNamesTheFile();
};

void tst_SslPemFiles::caFileAddsToTheSystemCas()
{
    // The default configuration names no CA (the system's load on demand):
    // adding to it must not lose them, as QSslConfiguration::addCaCertificates() would.
    QString error;
    const std::optional<QSslConfiguration> configuration = sslConfigurationWithPemFiles(
        QSslConfiguration::defaultConfiguration(), {tlsFile("ca.pem")}, {}, {},
        PemCaCertificates::AddToTrusted, &error);
    QVERIFY2(configuration, qPrintable(error));
    QCOMPARE(configuration->caCertificates(),
             QSslConfiguration::systemCaCertificates() << certificateOf("ca.pem"));
}

void tst_SslPemFiles::caFileAddsToTheBaseCas()
{
    QSslConfiguration base = QSslConfiguration::defaultConfiguration();
    base.setCaCertificates({certificateOf("client-ca.pem")});
    const std::optional<QSslConfiguration> configuration
        = sslConfigurationWithPemFiles(base, {tlsFile("ca.pem")}, {}, {});
    QVERIFY(configuration);
    QCOMPARE(configuration->caCertificates(),
             QList({certificateOf("client-ca.pem"), certificateOf("ca.pem")}));
}

void tst_SslPemFiles::caFilesReplaceTheCas()
{
    const std::optional<QSslConfiguration> configuration
        = sslConfigurationWithPemFiles(QSslConfiguration::defaultConfiguration(),
                                       {tlsFile("ca.pem"), QString(), tlsFile("chain-root.pem")},
                                       {}, {}, PemCaCertificates::ReplaceTrusted);
    QVERIFY(configuration);
    QCOMPARE(configuration->caCertificates(),
             QList({certificateOf("ca.pem"), certificateOf("chain-root.pem")}));
}

void tst_SslPemFiles::certificateFileIsTheWholeChain()
{
    QString error;
    const std::optional<QSslConfiguration> configuration = sslConfigurationWithPemFiles(
        QSslConfiguration::defaultConfiguration(), {}, tlsFile("chain-leaf.pem"),
        tlsFile("chain-leaf.key"), PemCaCertificates::AddToTrusted, &error);
    QVERIFY2(configuration, qPrintable(error));
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(tlsFile("chain-leaf.pem"));
    QCOMPARE(chain.size(), 3);
    QCOMPARE(configuration->localCertificateChain(), chain);
    QCOMPARE(configuration->localCertificate(), chain.first());
    QVERIFY(configuration->caCertificates().isEmpty()); // untouched: no CA file
}

void tst_SslPemFiles::everyKeyType_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QSsl::KeyAlgorithm>("algorithm");
    QTest::newRow("RSA") << QStringLiteral("client") << QSsl::Rsa;
    QTest::newRow("EC") << QStringLiteral("ec") << QSsl::Ec;
    QTest::newRow("DSA") << QStringLiteral("dsa") << QSsl::Dsa;
}

void tst_SslPemFiles::everyKeyType()
{
    QFETCH(QString, name);
    QFETCH(QSsl::KeyAlgorithm, algorithm);
    const QString certificate = tlsFile(qPrintable(name + QStringLiteral(".pem")));
    const QString key = tlsFile(qPrintable(name + QStringLiteral(".key")));
    QString error;
    const std::optional<QSslConfiguration> configuration
        = sslConfigurationWithPemFiles(QSslConfiguration::defaultConfiguration(), {}, certificate,
                                       key, PemCaCertificates::AddToTrusted, &error);
    QVERIFY2(configuration, qPrintable(error));
    QCOMPARE(configuration->privateKey().algorithm(), algorithm);
    QCOMPARE(configuration->localCertificate().publicKey().algorithm(), algorithm);
}

void tst_SslPemFiles::errorNamesTheFile_data()
{
    QTest::addColumn<QStringList>("caFiles");
    QTest::addColumn<QString>("certificateFile");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QString>("message");
    const QString garbage = QStringLiteral("$garbage");
    const QString missing = QStringLiteral("/nonexistent/easynet.pem");
    QTest::newRow("missing CA file")
        << QStringList {tlsFile("ca.pem"), missing} << QString() << QString()
        << QStringLiteral("cannot read the CA file /nonexistent/easynet.pem");
    QTest::newRow("CA file without PEM") << QStringList {garbage} << QString() << QString()
                                         << QStringLiteral("CA file $garbage holds no PEM");
    QTest::newRow("certificate without key")
        << QStringList() << tlsFile("client.pem") << QString() << QStringLiteral("both");
    QTest::newRow("key without certificate")
        << QStringList() << QString() << tlsFile("client.key") << QStringLiteral("both");
    QTest::newRow("missing certificate file")
        << QStringList() << missing << tlsFile("client.key")
        << QStringLiteral("cannot read the certificate file /nonexistent/easynet.pem");
    QTest::newRow("certificate file without PEM")
        << QStringList() << garbage << tlsFile("client.key")
        << QStringLiteral("certificate file $garbage holds no PEM");
    QTest::newRow("missing key file")
        << QStringList() << tlsFile("client.pem") << missing
        << QStringLiteral("cannot read the key file /nonexistent/easynet.pem");
    QTest::newRow("key file without a key")
        << QStringList() << tlsFile("client.pem") << tlsFile("client.pem")
        << QStringLiteral("holds no unencrypted PEM key");
}

void tst_SslPemFiles::errorNamesTheFile()
{
    QFETCH(QStringList, caFiles);
    QFETCH(QString, certificateFile);
    QFETCH(QString, keyFile);
    QFETCH(QString, message);
    // "$garbage": a file of that name holding no PEM data.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString garbage = dir.filePath(QStringLiteral("garbage.pem"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write("not PEM\n") > 0);
    file.close();
    const auto place
        = [&garbage](QString text) { return text.replace(QStringLiteral("$garbage"), garbage); };
    for (QString &ca : caFiles)
        ca = place(ca);
    QString error;
    QVERIFY(!sslConfigurationWithPemFiles(QSslConfiguration::defaultConfiguration(), caFiles,
                                          place(certificateFile), place(keyFile),
                                          PemCaCertificates::AddToTrusted, &error));
    QVERIFY2(error.contains(place(message)), qPrintable(error));
    // Without somewhere to say why, it still fails.
    QVERIFY(!sslConfigurationWithPemFiles(QSslConfiguration::defaultConfiguration(), caFiles,
                                          place(certificateFile), place(keyFile)));
}

QTEST_GUILESS_MAIN(tst_SslPemFiles)
#include "tst_sslpemfiles.moc"
