// The console core without any widget: protocol and connection settings (the
// text forms, the proxy and its URL form, -> a configured client for each
// transport; the proxy password never in the settings file), the composer's
// parsers and wire preview, the packet log model (batching, bounded rows under
// 100 000 packets, filter, export) and ConsoleSession against the built-in echo
// servers of every transport (round trip, re-send, counters, parse-error rows,
// a peer that closes, descriptors over Unix sockets, TLS inspection).
#include "composer.h"
#include "connectionsettings.h"
#include "consolesession.h"
#include "packetformat.h"
#include "packetlogfiltermodel.h"
#include "packetlogmodel.h"
#include "protocolsettings.h"
#include "streamframerecorder.h"
#include "testrows.h"
#include "tlsechoserver.h"
#include "unixtestsupport.h"

#include <EasyNet/tcpclient.h>
#include <EasyNet/udpclient.h>
#include <EasyNet/unixcredentials.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QBuffer>
#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QMetaEnum>
#include <QtCore/QScopeGuard>
#include <QtCore/QSettings>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtNetwork/QLocalServer>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <algorithm>

using namespace EasyNet;
using namespace EasyNetConsole;
using namespace EasyNetTest;
using Transport = ConnectionSettings::Transport;

Q_DECLARE_METATYPE(EasyNetConsole::ConnectionSettings::Transport)
Q_DECLARE_METATYPE(EasyNetConsole::ConnectionSettings::ProxyType)
Q_DECLARE_METATYPE(EasyNetConsole::Composer::Mode)

namespace {

// The first received packet row whose value is packet (as JSON text: a map
// received is an ordered QCborMap), or -1.
int findReceived(PacketLogModel &log, const QVariant &packet)
{
    log.flush();
    for (int row = 0; row < log.rowCount(); ++row) {
        const PacketLogEntry &e = log.entry(row);
        if (e.direction == PacketLogEntry::Direction::Received && !e.isParseError
            && PacketFormat::toJsonText(e.value) == PacketFormat::toJsonText(packet))
            return row;
    }
    return -1;
}

int countRows(PacketLogModel &log, const std::function<bool(const PacketLogEntry &)> &match)
{
    log.flush();
    int n = 0;
    for (int row = 0; row < log.rowCount(); ++row)
        n += match(log.entry(row)) ? 1 : 0;
    return n;
}

// The raw bytes of the sent rows, oldest first.
QByteArrayList sentRaws(PacketLogModel &log)
{
    log.flush();
    QByteArrayList raws;
    for (int row = 0; row < log.rowCount(); ++row)
        if (log.entry(row).direction == PacketLogEntry::Direction::Sent)
            raws.append(log.entry(row).raw);
    return raws;
}

// Whether every sent row has its bytes (there are count of them).
bool sentRowsComplete(PacketLogModel &log, qsizetype count)
{
    const QByteArrayList raws = sentRaws(log);
    return raws.size() == count
        && std::none_of(raws.cbegin(), raws.cend(),
                        [](const QByteArray &raw) { return raw.isEmpty(); });
}

PacketLogEntry packetEntry(PacketLogEntry::Direction direction, const QVariant &value)
{
    PacketLogEntry e;
    e.direction = direction;
    e.value = value;
    e.raw = PacketFormat::toJsonText(value).toUtf8();
    e.peer = QStringLiteral("127.0.0.1:9");
    return e;
}

} // namespace

class tst_ConsoleCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void protocolSpec_data();
    void protocolSpec();
    void protocolSpecRefused_data();
    void protocolSpecRefused();
    void url_data();
    void url();
    void urlRefused_data();
    void urlRefused();
    void clientForEachTransport_data();
    void clientForEachTransport();
    void invalidSettingsMakeNoClient();
    void tlsFilesMakeTheConfiguration();
    void settingsSaveAndLoad();
    void proxyUrl_data();
    void proxyUrl();
    void proxyUrlNoneAndSystem();
    void proxyUrlRefused_data();
    void proxyUrlRefused();
    void proxyReachesTheClient();
    void proxyPasswordNeverSaved();
    void choicesListEveryValueOnce();
    void escapedText();
    void hex();
    void jsonSyntaxErrorHasPosition();
    void preview_data();
    void preview();
    void previewRefusesWhatTheProtocolCannotSend();
    void frameRecorderKeepsEachPacketsBytes();
    void logBatchesAndBounds100000Packets();
    void logFilter();
    void logExport();
    void logSetRawLater();
    void echoServerTransportByName();
    void sessionRoundTrip_data();
    void sessionRoundTrip();
    void sessionResend();
    void sessionParseErrorRowAndStreamGoesOn();
    void sessionBadDatagramRowAndNextOneArrives();
    void sessionPeerCloseShown();
    void sessionReconnectsWhenItsEchoServerRestarts();
    void sessionSendEof_data();
    void sessionSendEof();
    void sessionDescriptorsOverUnix_data();
    void sessionDescriptorsOverUnix();
    void sessionCredentialsOverUnix();
    void sessionSentRowsHoldTheWireBytes_data();
    void sessionSentRowsHoldTheWireBytes();
    void sessionUnixDatagramDescriptorOnTheWire();
    void sessionFloodStaysBounded();
    void sessionTlsInspection_data();
    void sessionTlsInspection();
    void sessionTlsUntrustedFails();
    void sessionRefusedShowsError();
    void sessionDescribesTheProxy();
    void packetFormatKeepsMapOrder();
    void packetFormatTypeNames();
};

void tst_ConsoleCore::protocolSpec_data()
{
    addRows<QString, QString>({"spec", "normalized"},
                              {{"json", "json", "json"},
                               {"cbor", "CBOR", "cbor"},
                               {"msgpack", "msgpack", "msgpack"},
                               {"raw", "raw", "raw"},
                               {"datastream", "datastream", "datastream"},
                               {"line", "line", "line:lf:utf8"},
                               {"line crlf latin1", "line:crlf:latin1", "line:crlf:latin1"},
                               {"length", "length", "length:4"},
                               {"length 2", "length:2", "length:2"},
                               {"struct", "struct:!iqd", "struct:!iqd"},
                               {"wrapped", "json+base64+zlib", "json+zlib+base64"}});
}

void tst_ConsoleCore::protocolSpec()
{
    QFETCH(QString, spec);
    QFETCH(QString, normalized);
    ProtocolSettings settings;
    QSignalSpy changed(&settings, &ProtocolSettings::changed);
    QString error;
    QVERIFY2(settings.setSpec(spec, &error), qPrintable(error));
    QCOMPARE(settings.spec(), normalized);
    QVERIFY(settings.isValid());
    QVERIFY(settings.streamProtocol().has_value());
    QVERIFY(settings.datagramProtocol().has_value());
    QCOMPARE(changed.size(), normalized == QLatin1String("json") ? 0 : 1);
}

void tst_ConsoleCore::protocolSpecRefused_data()
{
    addRows<QString, QString>({"spec", "reason"},
                              {{"unknown", "xml", "unknown protocol"},
                               {"line option", "line:tab", "unknown line option"},
                               {"length size", "length:3", "1, 2 or 4"},
                               {"struct empty", "struct", "needs a format"},
                               {"struct bad", "struct:!z", "struct format"},
                               {"json option", "json:x", "takes no options"},
                               {"wrapper", "json+gzip", "unknown wrapper"}});
}

void tst_ConsoleCore::protocolSpecRefused()
{
    QFETCH(QString, spec);
    QFETCH(QString, reason);
    ProtocolSettings settings;
    settings.setFormat(ProtocolSettings::Format::Cbor);
    QString error;
    QVERIFY(!settings.setSpec(spec, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(settings.spec(), QStringLiteral("cbor")); // unchanged
    QCOMPARE(settings.applySpec(spec), error);
}

void tst_ConsoleCore::url_data()
{
    addRows<QString, Transport, QString, int, QString, QString>(
        {"url", "transport", "host", "port", "unixAddress", "written"},
        {{"tcp", "tcp://example.org:9000", Transport::Tcp, "example.org", 9000, "",
          "tcp://example.org:9000"},
         {"tls", "tls://127.0.0.1:443", Transport::Tls, "127.0.0.1", 443, "",
          "tls://127.0.0.1:443"},
         {"udp v6", "udp://[::1]:53", Transport::Udp, "::1", 53, "", "udp://[::1]:53"},
         {"dtls", "dtls://127.0.0.1:5684", Transport::Dtls, "127.0.0.1", 5684, "",
          "dtls://127.0.0.1:5684"},
         {"unix path", "unix:///run/app.sock", Transport::UnixStream, "127.0.0.1", 0,
          "/run/app.sock", "unix:///run/app.sock"},
         {"unix short path", "unix:/run/app.sock", Transport::UnixStream, "127.0.0.1", 0,
          "/run/app.sock", "unix:///run/app.sock"},
         {"unix abstract", "unix:@app", Transport::UnixStream, "127.0.0.1", 0, "@app", "unix:@app"},
         {"dgram path", "unix-dgram:///tmp/d.sock", Transport::UnixDatagram, "127.0.0.1", 0,
          "/tmp/d.sock", "unix-dgram:///tmp/d.sock"},
         {"dgram abstract", "unix-dgram:@d", Transport::UnixDatagram, "127.0.0.1", 0, "@d",
          "unix-dgram:@d"}});
}

void tst_ConsoleCore::url()
{
    QFETCH(QString, url);
    QFETCH(Transport, transport);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, unixAddress);
    QFETCH(QString, written);
    ConnectionSettings settings;
    QString error;
    QVERIFY2(settings.setUrl(url, &error), qPrintable(error));
    QCOMPARE(settings.transport(), transport);
    QCOMPARE(settings.host(), host);
    QCOMPARE(settings.port(), port);
    QCOMPARE(settings.unixAddress(), unixAddress);
    QCOMPARE(settings.url(), written);
    QVERIFY2(settings.errorString().isEmpty(), qPrintable(settings.errorString()));
}

void tst_ConsoleCore::urlRefused_data()
{
    addRows<QString, QString>({"url", "reason"},
                              {{"no scheme", "localhost", "not a URL"},
                               {"scheme", "ftp://h:1", "unknown scheme"},
                               {"no port", "tcp://h", "port from 1 to 65535"},
                               {"port 0", "tcp://h:0", "port from 1 to 65535"},
                               {"port big", "udp://h:70000", "port from 1 to 65535"},
                               {"no slashes", "tcp:h:1", "expected //host:port"},
                               {"v6 open", "tcp://[::1:80", "port from 1 to 65535"},
                               {"unix empty", "unix:", "not a Unix socket path"},
                               {"unix relative", "unix:sock", "not a Unix socket path"}});
}

void tst_ConsoleCore::urlRefused()
{
    QFETCH(QString, url);
    QFETCH(QString, reason);
    ConnectionSettings settings;
    settings.setPort(7);
    QString error;
    QVERIFY(!settings.setUrl(url, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(settings.url(), QStringLiteral("tcp://127.0.0.1:7"));
}

void tst_ConsoleCore::clientForEachTransport_data()
{
    addRows<QString, QString>(
        {"url", "className"},
        {{"tcp", "tcp://127.0.0.1:9000", "EasyNet::TcpClient"},
         {"tls", "tls://localhost:9443", "EasyNet::TcpClient"},
         {"udp", "udp://127.0.0.1:9000", "EasyNet::UdpClient"},
         {"unix", "unix:@console-test", "EasyNet::UnixStreamClient"},
         {"unix-dgram", "unix-dgram:///tmp/x.sock", "EasyNet::UnixDatagramClient"}});
}

void tst_ConsoleCore::clientForEachTransport()
{
    QFETCH(QString, url);
    QFETCH(QString, className);
    ConnectionSettings settings;
    QVERIFY(settings.setUrl(url));
    settings.protocol()->setMaxPacketSize(4096);
    settings.setConnectTimeout(1234);
    const bool unix = settings.isUnixTransport();
    settings.setBindAddress(unix ? QStringLiteral("@console-test-bind")
                                 : QStringLiteral("127.0.0.1:0"));
    settings.setServerName(QStringLiteral("example.org"));
    QString error;
    std::unique_ptr<AbstractClient> client = settings.createClient(&error);
    QVERIFY2(client, qPrintable(error));
    QCOMPARE(QString::fromLatin1(client->metaObject()->className()), className);
    QCOMPARE(client->state(), AbstractClient::State::Unconnected);
    if (auto *tcp = qobject_cast<TcpClient *>(client.get())) {
        QCOMPARE(tcp->host(), settings.host());
        QCOMPARE(tcp->port(), quint16(settings.port()));
        QCOMPARE(tcp->maxPacketSize(), 4096);
        QCOMPARE(tcp->connectTimeout(), std::chrono::milliseconds(1234));
        QCOMPARE(tcp->happyEyeballsDelay(), std::chrono::milliseconds(250));
        QCOMPARE(tcp->bindAddress(), QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(tcp->isSsl(), settings.transport() == Transport::Tls);
        if (tcp->isSsl())
            QCOMPARE(tcp->serverHostname(), QStringLiteral("example.org"));
        QVERIFY(!tcp->protocol().isNull());
    } else if (auto *udp = qobject_cast<UdpClient *>(client.get())) {
        QCOMPARE(udp->host(), settings.host());
        QCOMPARE(udp->maxDatagramSize(), 4096);
        QVERIFY(!udp->protocol().isNull());
    } else if (auto *stream = qobject_cast<UnixStreamClient *>(client.get())) {
        QCOMPARE(stream->address().toString(), settings.unixAddress());
        QCOMPARE(stream->bindAddress().toString(), QStringLiteral("@console-test-bind"));
        QCOMPARE(stream->maxPacketSize(), 4096);
    } else if (auto *datagram = qobject_cast<UnixDatagramClient *>(client.get())) {
        QCOMPARE(datagram->address().toString(), settings.unixAddress());
        QCOMPARE(datagram->maxDatagramSize(), 4096);
    }
}

void tst_ConsoleCore::invalidSettingsMakeNoClient()
{
    ConnectionSettings settings;
    QString error;
    QVERIFY(!settings.createClient(&error));
    QVERIFY2(error.contains(QLatin1String("port")), qPrintable(error));

    settings.setPort(9000);
    settings.setBindAddress(QStringLiteral("not-an-address"));
    QVERIFY(!settings.createClient(&error));
    QVERIFY2(error.contains(QLatin1String("local address")), qPrintable(error));

    settings.setBindAddress({});
    settings.setTransport(Transport::Tls);
    settings.setCaFile(QStringLiteral("/nonexistent/ca.pem"));
    QVERIFY(!settings.createClient(&error));
    QVERIFY2(error.contains(QLatin1String("CA file")), qPrintable(error));

    settings.setCaFile({});
    settings.setCertificateFile(QStringLiteral("/nonexistent/cert.pem"));
    QVERIFY(!settings.createClient(&error));
    QVERIFY2(error.contains(QLatin1String("both")), qPrintable(error));

    settings.setCertificateFile({});
    settings.protocol()->setLengthHeaderSize(3);
    settings.protocol()->setFormat(ProtocolSettings::Format::LengthPrefixed);
    QVERIFY(!settings.createClient(&error));
    QVERIFY2(error.contains(QLatin1String("1, 2 or 4")), qPrintable(error));

    settings.protocol()->setLengthHeaderSize(2);
    settings.setTransport(Transport::UnixStream);
    settings.setUnixAddress(QStringLiteral("relative"));
    QVERIFY(!settings.createClient(&error));
    QVERIFY2(error.contains(QLatin1String("Unix socket address")), qPrintable(error));
    settings.setUnixAddress(QStringLiteral("/tmp/ok.sock"));
    QVERIFY2(settings.createClient(&error), qPrintable(error));
}

void tst_ConsoleCore::tlsFilesMakeTheConfiguration()
{
    // Any identity will do as the client's: the echo server's own.
    TlsEchoServer identity(StreamProtocol {});
    QTemporaryDir dir;
    const auto write = [&dir](const QString &name, const QByteArray &pem) {
        QFile file(dir.filePath(name));
        file.open(QIODevice::WriteOnly);
        file.write(pem);
        return file.fileName();
    };
    ConnectionSettings settings;
    QVERIFY(settings.setUrl(QStringLiteral("tls://127.0.0.1:9443")));
    settings.setCaFile(write(QStringLiteral("ca.pem"), identity.certificate().toPem()));
    settings.setCertificateFile(write(QStringLiteral("cert.pem"), identity.certificate().toPem()));
    settings.setKeyFile(write(QStringLiteral("key.pem"), identity.privateKey().toPem()));
    settings.setServerName(QStringLiteral("localhost"));
    QString error;
    const std::optional<QSslConfiguration> configuration = settings.sslConfiguration(&error);
    QVERIFY2(configuration, qPrintable(error));
    QCOMPARE(configuration->localCertificate(), identity.certificate());
    QCOMPARE(configuration->privateKey(), identity.privateKey());
    // Trusted besides the system's CAs, not instead of them.
    QCOMPARE(configuration->caCertificates(),
             QSslConfiguration::systemCaCertificates() << identity.certificate());
    QCOMPARE(configuration->peerVerifyMode() == QSslSocket::VerifyNone, false);
    settings.setAcceptInvalidCertificate(true);
    QCOMPARE(settings.sslConfiguration()->peerVerifyMode(), QSslSocket::VerifyNone);
    std::unique_ptr<AbstractClient> client = settings.createClient(&error);
    QVERIFY2(client, qPrintable(error));
    auto *tcp = qobject_cast<TcpClient *>(client.get());
    QVERIFY(tcp && tcp->isSsl());
    QCOMPARE(tcp->serverHostname(), QStringLiteral("localhost"));
    QCOMPARE(tcp->sslConfiguration().localCertificate(), identity.certificate());

    settings.setKeyFile(write(QStringLiteral("not-a-key.pem"), "garbage"));
    QVERIFY(!settings.createClient(&error));
    QVERIFY2(error.contains(QLatin1String("no unencrypted PEM key")), qPrintable(error));
}

void tst_ConsoleCore::settingsSaveAndLoad()
{
    QTemporaryDir dir;
    QSettings store(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
    ConnectionSettings saved;
    QVERIFY(saved.setUrl(QStringLiteral("unix-dgram:@saved")));
    QVERIFY(saved.protocol()->setSpec(QStringLiteral("line:crlf:latin1+zlib")));
    saved.protocol()->setMaxPacketSize(999);
    saved.setConnectTimeout(777);
    saved.setServerName(QStringLiteral("name.example"));
    saved.save(store);
    store.sync();

    QSettings reread(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
    ConnectionSettings loaded;
    loaded.load(reread);
    QCOMPARE(loaded.url(), saved.url());
    QCOMPARE(loaded.protocol()->spec(), QStringLiteral("line:crlf:latin1+zlib"));
    QCOMPARE(loaded.protocol()->maxPacketSize(), 999);
    QCOMPARE(loaded.connectTimeout(), 777);
    QCOMPARE(loaded.serverName(), QStringLiteral("name.example"));
}

void tst_ConsoleCore::proxyUrl_data()
{
    using ProxyType = ConnectionSettings::ProxyType;
    addRows<QString, ProxyType, QString, int, QString, QString>(
        {"url", "type", "host", "port", "user", "password"},
        {{"socks5", "socks5://alice:s3cret@127.0.0.1:1081", ProxyType::Socks5, "127.0.0.1", 1081,
          "alice", "s3cret"},
         {"socks5 default port", "socks5://proxy.example", ProxyType::Socks5, "proxy.example", 1080,
          "", ""},
         {"http default port", "http://proxy.example", ProxyType::Http, "proxy.example", 8080, "",
          ""},
         {"http with slash", "http://bob@10.0.0.1:3128/", ProxyType::Http, "10.0.0.1", 3128, "bob",
          ""},
         {"upper-case scheme", "SOCKS5://h:9", ProxyType::Socks5, "h", 9, "", ""},
         {"percent-encoded", "socks5://us%40er:p%3Ass%2Fw%40rd%20x@[::1]:1080", ProxyType::Socks5,
          "::1", 1080, "us@er", "p:ss/w@rd x"},
         {"utf-8", "http://j%C3%B6rg:%C3%9F@h:1", ProxyType::Http, "h", 1, "jörg", "ß"}});
}

void tst_ConsoleCore::proxyUrl()
{
    using ProxyType = ConnectionSettings::ProxyType;
    QFETCH(QString, url);
    QFETCH(ProxyType, type);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    ConnectionSettings settings;
    // What the URL leaves out is cleared, not kept.
    settings.setProxyUser(QStringLiteral("old user"));
    settings.setProxyPassword(QStringLiteral("old password"));
    QSignalSpy changed(&settings, &ConnectionSettings::changed);
    QString error;
    QVERIFY2(settings.setProxyUrl(url, &error), qPrintable(error));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(settings.proxyType(), type);
    QCOMPARE(settings.proxyHost(), host);
    QCOMPARE(settings.proxyPort(), port);
    QCOMPARE(settings.proxyUser(), user);
    QCOMPARE(settings.proxyPassword(), password);
}

void tst_ConsoleCore::proxyUrlNoneAndSystem()
{
    using ProxyType = ConnectionSettings::ProxyType;
    ConnectionSettings settings;
    QCOMPARE(settings.proxyType(), ProxyType::System); // QTcpSocket's default
    QVERIFY(settings.setProxyUrl(QStringLiteral("socks5://h:1")));
    QVERIFY(settings.setProxyUrl(QStringLiteral("none")));
    QCOMPARE(settings.proxyType(), ProxyType::None);
    QCOMPARE(settings.proxyHost(), QStringLiteral("h")); // kept for a later SOCKS5 again
    QVERIFY(settings.setProxyUrl(QStringLiteral("System")));
    QCOMPARE(settings.proxyType(), ProxyType::System);
}

void tst_ConsoleCore::proxyUrlRefused_data()
{
    addRows<QString, QString>({"url", "reason"},
                              {{"empty", "", "not a proxy URL"},
                               {"no scheme", "localhost:1080", "not a proxy URL"},
                               {"no host", "socks5://", "not a proxy URL"},
                               {"bad port", "socks5://h:99999", "not a proxy URL"},
                               {"space", "socks5://a b@h", "not a proxy URL"},
                               {"bad escape", "http://u:%zz@h", "not a proxy URL"},
                               {"scheme", "ftp://h:21", "unknown proxy scheme \"ftp\""},
                               {"socks4", "socks4://h", "unknown proxy scheme"},
                               {"port 0", "socks5://h:0", "port must be from 1 to 65535"},
                               {"path", "http://h:8080/x", "no path, query or fragment"},
                               {"query", "http://h:8080?a=1", "no path, query or fragment"}});
}

void tst_ConsoleCore::proxyUrlRefused()
{
    QFETCH(QString, url);
    QFETCH(QString, reason);
    ConnectionSettings settings;
    QVERIFY(settings.setProxyUrl(QStringLiteral("http://u:p@before:3128")));
    QString error;
    QVERIFY(!settings.setProxyUrl(url, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QCOMPARE(settings.proxyType(), ConnectionSettings::ProxyType::Http);
    QCOMPARE(settings.proxyHost(), QStringLiteral("before"));
    QCOMPARE(settings.proxyPort(), 3128);
    QCOMPARE(settings.proxyPassword(), QStringLiteral("p"));
}

void tst_ConsoleCore::proxyReachesTheClient()
{
    using ProxyType = ConnectionSettings::ProxyType;
    ConnectionSettings settings;
    QVERIFY(settings.setUrl(QStringLiteral("tls://example.org:443")));
    const auto proxyOf = [&settings] {
        QString error;
        std::unique_ptr<AbstractClient> client = settings.createClient(&error);
        if (!client)
            qFatal("no client: %s", qPrintable(error));
        return qobject_cast<TcpClient *>(client.get())->proxy();
    };
    QCOMPARE(proxyOf().type(), QNetworkProxy::DefaultProxy);
    settings.setProxyType(ProxyType::None);
    QCOMPARE(proxyOf().type(), QNetworkProxy::NoProxy);

    settings.setProxyType(ProxyType::Socks5);
    QVERIFY(settings.errorString().contains(QLatin1String("proxy host")));
    QVERIFY(!settings.createClient());
    settings.setProxyHost(QStringLiteral("127.0.0.1"));
    QVERIFY(settings.errorString().contains(QLatin1String("proxy port")));
    settings.setProxyPort(1080);
    settings.setProxyUser(QStringLiteral("alice"));
    settings.setProxyPassword(QStringLiteral("s3cret"));
    QVERIFY2(settings.errorString().isEmpty(), qPrintable(settings.errorString()));
    const QNetworkProxy socks = proxyOf();
    QCOMPARE(socks.type(), QNetworkProxy::Socks5Proxy);
    QCOMPARE(socks.hostName(), QStringLiteral("127.0.0.1"));
    QCOMPARE(socks.port(), quint16(1080));
    QCOMPARE(socks.user(), QStringLiteral("alice"));
    QCOMPARE(socks.password(), QStringLiteral("s3cret"));

    settings.setTransport(Transport::Tcp);
    settings.setProxyType(ProxyType::Http);
    QCOMPARE(proxyOf().type(), QNetworkProxy::HttpProxy);
    QCOMPARE(ConnectionSettings::describeProxy(proxyOf()),
             QStringLiteral("HTTP proxy 127.0.0.1:1080"));

    // Not TCP or TLS: the proxy is not used, and an incomplete one is no error.
    settings.setProxyHost({});
    QVERIFY(!settings.errorString().isEmpty());
    settings.setTransport(Transport::Udp);
    QVERIFY2(settings.errorString().isEmpty(), qPrintable(settings.errorString()));
    QVERIFY(settings.createClient());

    ConnectionSettings copy;
    settings.setProxyHost(QStringLiteral("proxy.example"));
    copy.assign(settings);
    QCOMPARE(copy.proxyType(), ProxyType::Http);
    QCOMPARE(copy.proxyHost(), QStringLiteral("proxy.example"));
    QCOMPARE(copy.proxyPassword(), QStringLiteral("s3cret"));
}

void tst_ConsoleCore::proxyPasswordNeverSaved()
{
    const QString password = QStringLiteral("Geheimnis4711");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("console.ini"));
    {
        QSettings store(path, QSettings::IniFormat);
        ConnectionSettings saved;
        QVERIFY(saved.setUrl(QStringLiteral("tls://example.org:443")));
        QVERIFY(saved.setProxyUrl(QStringLiteral("socks5://alice:") + password
                                  + QStringLiteral("@proxy.example:1081")));
        store.beginGroup(QStringLiteral("lastConnection"));
        saved.save(store);
        store.endGroup();
        store.sync();
        QCOMPARE(store.status(), QSettings::NoError);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY2(text.contains("proxyHost=proxy.example"), text.constData());
    QVERIFY2(!text.contains(password.toLatin1()), text.constData());
    QVERIFY2(!text.contains("proxyPassword"), text.constData());

    QSettings reread(path, QSettings::IniFormat);
    reread.beginGroup(QStringLiteral("lastConnection"));
    ConnectionSettings loaded;
    loaded.load(reread);
    QCOMPARE(loaded.proxyType(), ConnectionSettings::ProxyType::Socks5);
    QCOMPARE(loaded.proxyHost(), QStringLiteral("proxy.example"));
    QCOMPARE(loaded.proxyPort(), 1081);
    QCOMPARE(loaded.proxyUser(), QStringLiteral("alice"));
    QCOMPARE(loaded.proxyPassword(), QString()); // typed again after a restart
    // The URL form (the recent connections) holds no proxy at all.
    QCOMPARE(loaded.url(), QStringLiteral("tls://example.org:443"));
}

// The lists both consoles show: every enum value once, in the enum's order,
// each with a name.
template<typename Enum>
void verifyChoices(const QVariantList &choices)
{
    const QMetaEnum values = QMetaEnum::fromType<Enum>();
    QCOMPARE(choices.size(), values.keyCount());
    for (int i = 0; i < values.keyCount(); ++i) {
        const QVariantMap choice = choices.at(i).toMap();
        QCOMPARE(choice.value(QStringLiteral("value")).toInt(), values.value(i));
        QVERIFY(!choice.value(QStringLiteral("text")).toString().isEmpty());
    }
}

void tst_ConsoleCore::choicesListEveryValueOnce()
{
    verifyChoices<ConnectionSettings::Transport>(ConnectionSettings::transportChoices());
    if (QTest::currentTestFailed())
        return;
    verifyChoices<ConnectionSettings::ProxyType>(ConnectionSettings::proxyChoices());
    if (QTest::currentTestFailed())
        return;
    verifyChoices<ProtocolSettings::Format>(ProtocolSettings::formatChoices());
    QCOMPARE(ProtocolSettings::formatChoices().constLast().toMap().value(QStringLiteral("text")),
             QVariant(QStringLiteral("Raw bytes")));
}

void tst_ConsoleCore::escapedText()
{
    QCOMPARE(Composer::parseEscapedText(u"a\\nb\\r\\t\\\\\\0\\x41\\xfF"),
             QByteArray("a\nb\r\t\\\0A\xff", 9));
    QCOMPARE(Composer::parseEscapedText(u"\u00e9"), QByteArray("\xc3\xa9"));
    QString error;
    int position = -1;
    QVERIFY(!Composer::parseEscapedText(u"ab\\q", &error, &position));
    QCOMPARE(position, 2);
    QVERIFY2(error.contains(QLatin1String("unknown escape")), qPrintable(error));
    QVERIFY(!Composer::parseEscapedText(u"x\\x4", &error, &position));
    QCOMPARE(position, 1);
    QVERIFY(!Composer::parseEscapedText(u"end\\", &error, &position));
    QCOMPARE(position, 3);
    // Round trip with the log's escaped form.
    const QByteArray all = [] {
        QByteArray bytes;
        for (int i = 0; i < 256; ++i)
            bytes += char(i);
        return bytes;
    }();
    QCOMPARE(Composer::parseEscapedText(PacketFormat::toEscapedText(all)), all);
}

void tst_ConsoleCore::hex()
{
    QCOMPARE(Composer::parseHex(u"7b 0a"), QByteArray("{\n"));
    QCOMPARE(Composer::parseHex(u"7B0A\n  ff"), QByteArray("{\n\xff"));
    QCOMPARE(Composer::parseHex(u""), QByteArray());
    QString error;
    int position = -1;
    QVERIFY(!Composer::parseHex(u"7b 0g", &error, &position));
    QCOMPARE(position, 4);
    QVERIFY(!Composer::parseHex(u"7b 0 a", &error, &position));
    QCOMPARE(position, 3);
    QVERIFY(!Composer::parseHex(u"abc", &error, &position));
    QCOMPARE(position, 2);
    QVERIFY2(error.contains(QLatin1String("two hex digits")), qPrintable(error));
}

void tst_ConsoleCore::jsonSyntaxErrorHasPosition()
{
    ConnectionSettings settings;
    Composer composer;
    composer.setSettings(&settings);
    composer.setText(QStringLiteral("{\"a\": [1, 2}"));
    QVERIFY(!composer.isValid());
    QVERIFY(composer.wireBytes().isEmpty());
    QVERIFY(!composer.wireBytes().isNull()); // a null one is a broken ArrayBuffer in QML
    QCOMPARE(composer.wireSize(), 0);
    QVERIFY2(composer.errorString().contains(QLatin1String("line 1, column")),
             qPrintable(composer.errorString()));
    QVERIFY(composer.errorPosition() > 0 && composer.errorPosition() <= 12);

    composer.setText(QStringLiteral("[1,\n2 3]"));
    QVERIFY(!composer.isValid());
    QVERIFY2(composer.errorString().contains(QLatin1String("line 2")),
             qPrintable(composer.errorString()));
    QVERIFY(composer.errorPosition() >= 3);

    composer.setText(QStringLiteral("{\"a\": [1, 2]}"));
    QVERIFY2(composer.isValid(), qPrintable(composer.errorString()));
    QCOMPARE(composer.errorPosition(), -1);
    // An ordered map (the default protocol is JSON).
    QCOMPARE(composer.packet().metaType(), QMetaType::fromType<QCborMap>());
    QCOMPARE(PacketFormat::toJsonText(composer.packet()), QStringLiteral(R"({"a":[1,2]})"));
}

void tst_ConsoleCore::preview_data()
{
    addRows<QString, QString, Composer::Mode, QString, QByteArray>(
        {"url", "spec", "mode", "text", "wire"},
        {{"json stream", "tcp://h:1", "json", Composer::Mode::Json, "{\"a\": 1}",
          QByteArray("{\"a\":1}\n")},
         {"json datagram", "udp://h:1", "json", Composer::Mode::Json, "[true, null]",
          QByteArray("[true,null]")},
         {"line crlf", "tcp://h:1", "line:crlf", Composer::Mode::Text, "hello\\tworld",
          QByteArray("hello\tworld\r\n")},
         {"length 2 text", "unix:@x", "length:2", Composer::Mode::Text, "ab\\x00",
          QByteArray("\x00\x03"
                     "ab\x00",
                     5)},
         {"raw hex", "tcp://h:1", "raw", Composer::Mode::Hex, "de ad be ef",
          QByteArray("\xde\xad\xbe\xef")},
         {"cbor", "udp://h:1", "cbor", Composer::Mode::Json, "{\"a\": 1}",
          QByteArray("\xa1\x61\x61\x01")},
         {"json base64", "tcp://h:1", "json+base64", Composer::Mode::Json, "1",
          QByteArray("MQ==\r\n")},
         {"text as json string", "tcp://h:1", "json", Composer::Mode::Text, "a\\nb",
          QByteArray("\"a\\nb\"\n")},
         // Keys in the order typed, a repeated one too: byte for byte, compact.
         {"json key order", "tcp://h:1", "json", Composer::Mode::Json,
          R"({"zeta": 1, "alpha": [1, 2], "mid": "x", "zeta": 2})",
          QByteArray(R"({"zeta":1,"alpha":[1,2],"mid":"x","zeta":2})"
                     "\n")},
         {"cbor key order", "udp://h:1", "cbor", Composer::Mode::Json, R"({"b": 1, "a": 2})",
          QByteArray("\xa2\x61\x62\x01\x61\x61\x02")},
         {"msgpack key order", "udp://h:1", "msgpack", Composer::Mode::Json, R"({"b": 1, "a": 2})",
          QByteArray("\x82\xa1\x62\x01\xa1\x61\x02")}});
}

void tst_ConsoleCore::preview()
{
    QFETCH(QString, url);
    QFETCH(QString, spec);
    QFETCH(Composer::Mode, mode);
    QFETCH(QString, text);
    QFETCH(QByteArray, wire);
    ConnectionSettings settings;
    QVERIFY(settings.setUrl(url));
    QVERIFY(settings.protocol()->setSpec(spec));
    Composer composer;
    composer.setSettings(&settings);
    composer.setMode(mode);
    composer.setText(text);
    QVERIFY2(composer.isValid(), qPrintable(composer.errorString()));
    QCOMPARE(composer.wireBytes(), wire);
    QCOMPARE(composer.wireHex(), PacketFormat::toHex(wire));
}

void tst_ConsoleCore::previewRefusesWhatTheProtocolCannotSend()
{
    ConnectionSettings settings;
    settings.setPort(1);
    Composer composer;
    composer.setSettings(&settings);
    composer.setMode(Composer::Mode::Hex);
    composer.setText(QStringLiteral("00 01"));
    QVERIFY(!composer.isValid()); // JSON has no byte strings
    QVERIFY2(composer.errorString().contains(QLatin1String("cannot send")),
             qPrintable(composer.errorString()));
    // The preview follows the protocol as it changes.
    QSignalSpy result(&composer, &Composer::resultChanged);
    settings.protocol()->setFormat(ProtocolSettings::Format::Raw);
    QVERIFY(result.size() >= 1);
    QVERIFY(composer.isValid());
    QCOMPARE(composer.wireBytes(), QByteArray("\x00\x01", 2));
    composer.setMode(Composer::Mode::Text);
    composer.setText(QStringLiteral("\\xff"));
    settings.protocol()->setFormat(ProtocolSettings::Format::Line);
    QVERIFY(!composer.isValid()); // not UTF-8 for a text line
}

void tst_ConsoleCore::frameRecorderKeepsEachPacketsBytes()
{
    ProtocolSettings json;
    StreamFrameRecorder lines(*json.streamProtocol(), 64);
    const QByteArray stream = "[1, 2]\n{oops\n\"a\"\n";
    for (const char c : stream) // a byte a read: frames still whole
        lines.feed(QByteArrayView(&c, 1));
    QCOMPARE(lines.pendingFrames(), 3);
    QCOMPARE(lines.takeFrame(), QByteArray("[1, 2]\n"));
    QCOMPARE(lines.takeFrame(), QByteArray("{oops\n"));
    QCOMPARE(lines.takeFrame(), QByteArray("\"a\"\n"));
    QCOMPARE(lines.takeFrame(), std::nullopt);

    ProtocolSettings length;
    QVERIFY(length.setSpec(QStringLiteral("length:1")));
    StreamFrameRecorder frames(*length.streamProtocol(), 4);
    frames.feed(QByteArray("\x02"
                           "ab"
                           "\x08"
                           "toolarge",
                           12)); // 8 > 4: skipped
    frames.feed(QByteArray("\x01"
                           "z",
                           2));
    QCOMPARE(frames.pendingFrames(), 3);
    QCOMPARE(frames.takeFrame(),
             QByteArray("\x02"
                        "ab",
                        3));
    // The TooLarge error: its header and the bytes skipped in the same read.
    QCOMPARE(frames.takeFrame(),
             QByteArray("\x08"
                        "toolarge",
                        9));
    QCOMPARE(frames.takeFrame(),
             QByteArray("\x01"
                        "z",
                        2));
}

void tst_ConsoleCore::logBatchesAndBounds100000Packets()
{
    PacketLogModel log;
    log.setMaxRows(5000);
    QSignalSpy inserted(&log, &QAbstractItemModel::rowsInserted);
    QSignalSpy dropped(&log, &PacketLogModel::droppedRowsChanged);
    constexpr int Packets = 100000;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < Packets; ++i) {
        log.append(packetEntry(PacketLogEntry::Direction::Received, QVariant(qint64(i))));
        if (i % 10000 == 9999)
            QCoreApplication::processEvents(); // a batch may fire in between, or not
    }
    QCOMPARE(log.rowCount() + log.pendingCount() >= 5000, true);
    QTRY_COMPARE(log.pendingCount(), 0); // the batch timer inserts the rest
    const qint64 ms = timer.elapsed();
    qInfo("100000 packets appended and inserted in %lld ms, %lld insert batches", ms,
          qint64(inserted.size()));
    QCOMPARE(log.rowCount(), 5000);
    QCOMPARE(log.droppedRows(), qint64(Packets - 5000));
    QVERIFY(inserted.size() <= 11); // one batch per event-loop turn at most, not one per packet
    QVERIFY(!dropped.isEmpty());
    // The newest rows are kept, oldest first.
    QCOMPARE(log.entry(0).value, QVariant(qint64(Packets - 5000)));
    QCOMPARE(log.entry(4999).value, QVariant(qint64(Packets - 1)));
    QCOMPARE(log.data(log.index(4999, PacketLogModel::ValueColumn)).toString(),
             QStringLiteral("99999"));
    log.setMaxRows(10);
    QCOMPARE(log.rowCount(), 10);
    QCOMPARE(log.droppedRows(), qint64(Packets - 10));
    log.clear();
    QCOMPARE(log.rowCount(), 0);
    QCOMPARE(log.droppedRows(), 0);
}

void tst_ConsoleCore::logFilter()
{
    PacketLogModel log;
    log.append(packetEntry(PacketLogEntry::Direction::Sent, QVariantMap {{"cmd", "ping"}}));
    log.append(packetEntry(PacketLogEntry::Direction::Received, QVariantMap {{"cmd", "PONG"}}));
    PacketLogEntry error;
    error.direction = PacketLogEntry::Direction::Received;
    error.isParseError = true;
    error.message = QStringLiteral("Malformed JSON");
    log.append(error);
    PacketLogEntry event;
    event.message = QStringLiteral("connected");
    log.append(event);
    log.flush();
    PacketLogFilterModel filter;
    filter.setSourceModel(&log);
    QCOMPARE(filter.rowCount(), 4);
    filter.setShowSent(false);
    QCOMPARE(filter.rowCount(), 3);
    filter.setShowEvents(false);
    QCOMPARE(filter.rowCount(), 2);
    filter.setText(QStringLiteral("pong"));
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.sourceRow(0), 1);
    filter.setText(QStringLiteral("malformed"));
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.sourceRow(0), 2);
    filter.setShowReceived(false);
    QCOMPARE(filter.rowCount(), 0);
    QCOMPARE(filter.sourceRow(0), -1);
    // New rows pass through the same filter.
    filter.setShowReceived(true);
    filter.setText(QStringLiteral("later"));
    log.append(packetEntry(PacketLogEntry::Direction::Received, QStringLiteral("later")));
    log.flush();
    QCOMPARE(filter.rowCount(), 1);
}

void tst_ConsoleCore::logExport()
{
    PacketLogModel log;
    QCborMap ordered; // {"n": 1, "a": [2]}, written in this order
    ordered.insert(QStringLiteral("n"), 1);
    ordered.insert(QStringLiteral("a"), QCborArray {2});
    log.append(packetEntry(PacketLogEntry::Direction::Sent, QVariant::fromValue(ordered)));
    PacketLogEntry bytes
        = packetEntry(PacketLogEntry::Direction::Received, QByteArray("\x00\xff", 2));
    bytes.raw = QByteArray("\x00\xff", 2);
    log.append(bytes);
    PacketLogEntry error;
    error.direction = PacketLogEntry::Direction::Received;
    error.isParseError = true;
    error.message = QStringLiteral("bad");
    error.errorOffset = 3;
    error.errorSize = 5;
    error.streamWentOn = true;
    log.append(error);
    log.flush();
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(log.exportJsonLines(&buffer));
    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.last().isEmpty());
    const QJsonObject sent = QJsonDocument::fromJson(lines[0]).object();
    QCOMPARE(sent.value(QStringLiteral("direction")).toString(), QStringLiteral("sent"));
    QCOMPARE(sent.value(QStringLiteral("value")).toObject().value(QStringLiteral("n")).toInt(), 1);
    QVERIFY2(lines[0].endsWith(R"(,"value":{"n":1,"a":[2]}})"), lines[0].constData());
    QVERIFY(QDateTime::fromString(sent.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs)
                .isValid());
    const QJsonObject received = QJsonDocument::fromJson(lines[1]).object();
    QCOMPARE(received.value(QStringLiteral("value")).toString(), QStringLiteral("AP8="));
    QCOMPARE(received.value(QStringLiteral("raw")).toString(), QStringLiteral("AP8="));
    QCOMPARE(received.value(QStringLiteral("size")).toInt(), 2);
    const QJsonObject parse
        = QJsonDocument::fromJson(lines[2]).object().value(QStringLiteral("parseError")).toObject();
    QCOMPARE(parse.value(QStringLiteral("offset")).toInt(), 3);
    QCOMPARE(parse.value(QStringLiteral("streamWentOn")).toBool(), true);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("session.jsonl"));
    QCOMPARE(log.exportToFile(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), buffer.data());
    QVERIFY(log.exportToFile(dir.filePath(QStringLiteral("no/such/dir/x")))
                .contains(QLatin1String("cannot write")));
}

void tst_ConsoleCore::logSetRawLater()
{
    PacketLogModel log;
    log.setMaxRows(2);
    const qint64 first = log.append(packetEntry(PacketLogEntry::Direction::Sent, 1));
    const qint64 second = log.append(packetEntry(PacketLogEntry::Direction::Sent, 2));
    QCOMPARE(second, first + 1);
    log.setRaw(first, "pending"); // not inserted yet
    log.flush();
    QCOMPARE(log.entry(0).raw, QByteArray("pending"));
    QSignalSpy changed(&log, &QAbstractItemModel::dataChanged);
    log.setRaw(second, "inserted");
    QCOMPARE(log.entry(1).raw, QByteArray("inserted"));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex(), log.index(1, 0));
    QCOMPARE(log.data(log.index(1, PacketLogModel::SizeColumn)).toInt(), 8);
    // Dropped (maxRows) and cleared entries are left alone.
    const qint64 third = log.append(packetEntry(PacketLogEntry::Direction::Sent, 3));
    log.flush();
    log.setRaw(first, "gone");
    QCOMPARE(log.entry(0).raw, QByteArray("inserted"));
    log.clear();
    log.setRaw(third, "gone");
    const qint64 fourth = log.append(packetEntry(PacketLogEntry::Direction::Sent, 4));
    QCOMPARE(fourth, third + 1);
    log.setRaw(fourth, "after clear");
    log.flush();
    QCOMPARE(log.rowCount(), 1);
    QCOMPARE(log.entry(0).raw, QByteArray("after clear"));
}

void tst_ConsoleCore::echoServerTransportByName()
{
    // By name, not by position: reordering either enum must not change it.
    const QMetaEnum settings = QMetaEnum::fromType<Transport>();
    const QMetaEnum servers = QMetaEnum::fromType<EchoServer::Transport>();
    QCOMPARE(settings.keyCount(), servers.keyCount());
    for (int i = 0; i < settings.keyCount(); ++i) {
        const auto transport = Transport(settings.value(i));
        const EchoServer::Transport server = ConsoleSession::echoServerTransport(transport);
        QCOMPARE(servers.valueToKey(int(server)), settings.key(i));
        // And the session's built-in server is that one.
        ConsoleSession session;
        QVERIFY2(session.startEchoServer(transport), qPrintable(session.errorString()));
        QCOMPARE(session.echoServer()->transport(), server);
    }
}

void tst_ConsoleCore::sessionRoundTrip_data()
{
    addRows<Transport, QString>({"transport", "spec"},
                                {{"tcp json", Transport::Tcp, "json"},
                                 {"tls json", Transport::Tls, "json"},
                                 {"udp json", Transport::Udp, "json"},
                                 {"dtls cbor", Transport::Dtls, "cbor"},
                                 {"unix stream cbor", Transport::UnixStream, "cbor"},
                                 {"unix datagram msgpack", Transport::UnixDatagram, "msgpack"},
                                 {"tcp line+zlib+base64", Transport::Tcp, "line+zlib+base64"},
                                 {"tcp msgpack+zlib+base64", Transport::Tcp, "msgpack+zlib+base64"},
                                 {"udp json+zlib", Transport::Udp, "json+zlib"}});
}

void tst_ConsoleCore::sessionRoundTrip()
{
    QFETCH(Transport, transport);
    QFETCH(QString, spec);
    ConsoleSession session;
    QVERIFY(session.settings()->protocol()->setSpec(spec));
    QVERIFY2(session.startEchoServer(transport), qPrintable(session.errorString()));
    QCOMPARE(session.settings()->transport(), transport);
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    // A map typed with its keys in reverse alphabetical order goes out in that
    // order and comes back in it (findReceived() compares the JSON text).
    const bool line = spec.startsWith(QLatin1String("line"));
    session.composer()->setMode(line ? Composer::Mode::Text : Composer::Mode::Json);
    session.composer()->setText(
        line ? QStringLiteral("hello")
             : QStringLiteral(R"({"zeta": 1, "mid": {"y": true, "b": null}, "a": [2]})"));
    QVERIFY2(session.sendComposed(), qPrintable(session.composer()->errorString()));
    const QVariant packet = session.composer()->packet();
    QCOMPARE(PacketFormat::toJsonText(packet),
             line ? QStringLiteral(R"("hello")")
                  : QStringLiteral(R"({"zeta":1,"mid":{"y":true,"b":null},"a":[2]})"));
    QTRY_VERIFY(findReceived(*session.log(), packet) >= 0);
    const PacketLogEntry &echo = session.log()->entry(findReceived(*session.log(), packet));
    QCOMPARE(echo.valueText(), PacketFormat::toJsonText(packet));
    QCOMPARE(echo.peer, session.peer());
    QVERIFY(!echo.raw.isEmpty());
    QCOMPARE(session.packetsSent(), 1);
    QCOMPARE(session.packetsReceived(), 1);
    QTRY_COMPARE(session.bytesSent(), echo.raw.size());
    QTRY_COMPARE(session.bytesReceived(), echo.raw.size());
    QVERIFY(session.lastRoundTrip() >= 0);
    QCOMPARE(countRows(*session.log(),
                       [](const PacketLogEntry &e) {
                           return e.direction == PacketLogEntry::Direction::Sent;
                       }),
             1);
    session.disconnectFromPeer();
    QTRY_COMPARE(session.state(), ConsoleSession::State::Disconnected);
    QCOMPARE(session.stateText(), QStringLiteral("closed"));
    QVERIFY(!session.send(packet));
}

void tst_ConsoleCore::sessionResend()
{
    ConsoleSession session;
    QVERIFY(session.startEchoServer(Transport::Tcp));
    QVERIFY(session.connectToPeer());
    session.composer()->setText(QStringLiteral("[1, \"two\"]"));
    QVERIFY(session.sendComposed());
    const QVariant packet = session.composer()->packet();
    QTRY_VERIFY(findReceived(*session.log(), packet) >= 0);
    const int row = findReceived(*session.log(), packet);
    QVERIFY(session.resend(row));
    QTRY_COMPARE(countRows(*session.log(),
                           [&](const PacketLogEntry &e) {
                               return e.direction == PacketLogEntry::Direction::Received
                                   && e.value == packet;
                           }),
                 2);
    QCOMPARE(session.packetsSent(), 2);
    QVERIFY(!session.resend(0)); // an event row ("echo server listening")
    QVERIFY(!session.resend(100000));
    session.composer()->setText(QStringLiteral("{oops"));
    QVERIFY(!session.sendComposed());
    QCOMPARE(session.packetsSent(), 2);
}

void tst_ConsoleCore::sessionParseErrorRowAndStreamGoesOn()
{
    // A peer that answers with one malformed JSON line between two good ones.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        QTcpSocket *peer = server.nextPendingConnection();
        peer->write("{ \"first\" : 1 }\n{bad json\n{\"after\":2}\n");
    });
    ConsoleSession session;
    QVERIFY(
        session.settings()->setUrl(QStringLiteral("tcp://127.0.0.1:%1").arg(server.serverPort())));
    QVERIFY(session.connectToPeer());
    const QVariant after = QVariantMap {{"after", qint64(2)}};
    QTRY_VERIFY(findReceived(*session.log(), after) >= 0);
    QCOMPARE(session.parseErrors(), 1);
    QCOMPARE(session.state(), ConsoleSession::State::Connected);
    QCOMPARE(countRows(*session.log(),
                       [](const PacketLogEntry &e) {
                           return e.isParseError && e.streamWentOn && !e.message.isEmpty()
                               && e.errorOffset >= 0;
                       }),
             1);
    // The row roles the views use.
    PacketLogModel &log = *session.log();
    for (int row = 0; row < log.rowCount(); ++row)
        if (log.entry(row).isParseError)
            QVERIFY(log.data(log.index(row, 0), PacketLogModel::ParseErrorRole).toBool());
}

void tst_ConsoleCore::sessionBadDatagramRowAndNextOneArrives()
{
    // A UDP peer that answers any datagram with a malformed one, then a good one.
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    connect(&peer, &QUdpSocket::readyRead, &peer, [&peer] {
        while (peer.hasPendingDatagrams()) {
            const QNetworkDatagram request = peer.receiveDatagram();
            peer.writeDatagram(QByteArray("{nope"), request.senderAddress(),
                               quint16(request.senderPort()));
            peer.writeDatagram(QByteArray("{\"ok\":1}"), request.senderAddress(),
                               quint16(request.senderPort()));
        }
    });
    ConsoleSession session;
    QVERIFY(session.settings()->setUrl(QStringLiteral("udp://127.0.0.1:%1").arg(peer.localPort())));
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    QVERIFY(session.send(QStringLiteral("hello")));
    QTRY_VERIFY(findReceived(*session.log(), QVariantMap {{"ok", qint64(1)}}) >= 0);
    QCOMPARE(session.parseErrors(), 1);
    QCOMPARE(countRows(*session.log(),
                       [](const PacketLogEntry &e) {
                           return e.isParseError && e.streamWentOn && e.raw == "{nope";
                       }),
             1);
}

void tst_ConsoleCore::sessionPeerCloseShown()
{
    ConsoleSession session;
    QVERIFY(session.startEchoServer(Transport::Tcp));
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    QTRY_COMPARE(session.echoServer()->clientCount(), 1);
    session.echoServer()->close();
    QTRY_COMPARE(session.state(), ConsoleSession::State::Disconnected);
    QCOMPARE(session.stateText(), QStringLiteral("closed by the peer"));
    QVERIFY(countRows(*session.log(),
                      [](const PacketLogEntry &e) {
                          return e.message == QLatin1String("the peer closed the connection");
                      })
            == 1);
}

// The echo server stops and listens again at the same address: the session
// comes back by itself, each attempt logged with its delay.
void tst_ConsoleCore::sessionReconnectsWhenItsEchoServerRestarts()
{
    ConsoleSession session;
    QVERIFY(session.startEchoServer(Transport::Tcp));
    const QString address = session.echoServer()->address();
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    session.echoServer()->close();
    QTRY_VERIFY(session.state() != ConsoleSession::State::Connected);
    const auto attempts = [&session] {
        return countRows(*session.log(), [](const PacketLogEntry &e) {
            return e.message.startsWith(QLatin1String("reconnecting in "));
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(attempts() >= 2, 20000); // the server is still away
    QVERIFY(session.echoServer()->listen(address));
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), ConsoleSession::State::Connected, 20000);
    const QVariant packet = QVariantMap {{"after", "restart"}};
    QVERIFY(session.send(packet));
    QTRY_VERIFY(findReceived(*session.log(), packet) >= 0);

    // Disconnecting stops it.
    session.disconnectFromPeer();
    QTRY_COMPARE(session.state(), ConsoleSession::State::Disconnected);
    const int attemptsSoFar = attempts();
    QTest::qWait(700); // longer than the first delay
    QCOMPARE(attempts(), attemptsSoFar);
    QCOMPARE(session.state(), ConsoleSession::State::Disconnected);
}

void tst_ConsoleCore::sessionSendEof_data()
{
    addRows<Transport, bool>({"transport", "hasWriteSide"},
                             {{"tcp", Transport::Tcp, true},
                              {"tls", Transport::Tls, false},
                              {"udp", Transport::Udp, false},
                              {"dtls", Transport::Dtls, false},
                              {"unix stream", Transport::UnixStream, true},
                              {"unix datagram", Transport::UnixDatagram, false}});
}

void tst_ConsoleCore::sessionSendEof()
{
    QFETCH(Transport, transport);
    QFETCH(bool, hasWriteSide);
    ConsoleSession session;
    QVERIFY(session.startEchoServer(transport));
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    QCOMPARE(session.sendEof(), hasWriteSide);
    if (!hasWriteSide)
        return;
    // The echo server answers with its own end of stream.
    QTRY_COMPARE(session.stateText(), QStringLiteral("closed by the peer"));
}

void tst_ConsoleCore::sessionDescriptorsOverUnix_data()
{
    addRows<Transport>(
        {"transport"},
        {{"unix stream", Transport::UnixStream}, {"unix datagram", Transport::UnixDatagram}});
}

void tst_ConsoleCore::sessionDescriptorsOverUnix()
{
    QFETCH(Transport, transport);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("passed.txt"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("twelve bytes");
    }
    ConsoleSession session;
    QVERIFY(session.startEchoServer(transport));
    QSignalSpy passed(session.echoServer(), &EchoServer::fileDescriptorsReceived);
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    session.attachFiles({path});
    QCOMPARE(session.attachedFiles(), QStringList {path});
    const QVariant packet = QVariantMap {{"with", "file"}};
    QVERIFY(session.send(packet));
    QVERIFY(session.attachedFiles().isEmpty());
    QTRY_VERIFY(findReceived(*session.log(), packet) >= 0);
    QCOMPARE(passed.size(), 1);
    const PacketLogEntry &echo = session.log()->entry(findReceived(*session.log(), packet));
    QCOMPARE(echo.descriptors.size(), 1);
    QVERIFY2(echo.descriptors.first().contains(QLatin1String("regular file, 12 bytes: ") + path),
             qPrintable(echo.descriptors.first()));
    // A file that cannot be opened is refused before anything is sent.
    session.attachFiles({dir.filePath(QStringLiteral("missing"))});
    QVERIFY(!session.send(packet));
    QCOMPARE(session.packetsSent(), 1);
}

void tst_ConsoleCore::sessionCredentialsOverUnix()
{
    ConsoleSession session;
    QVERIFY(session.startEchoServer(Transport::UnixDatagram));
    QSignalSpy credentials(session.echoServer(), &EchoServer::credentialsReceived);
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    session.setSendCredentials(true);
    QVERIFY(session.send(QStringLiteral("who am I")));
    QTRY_COMPARE(credentials.size(), 1);
    const auto received = credentials.first().at(1).value<UnixCredentials>();
    QCOMPARE(received.pid(), QCoreApplication::applicationPid());
    QVERIFY(countRows(*session.log(),
                      [](const PacketLogEntry &e) {
                          return e.direction == PacketLogEntry::Direction::Sent
                              && e.message.contains(QLatin1String("credentials"));
                      })
            == 1);
}

void tst_ConsoleCore::sessionSentRowsHoldTheWireBytes_data()
{
    addRows<Transport, QString>({"transport", "spec"},
                                {{"tcp line", Transport::Tcp, "line"},
                                 {"tcp json", Transport::Tcp, "json"},
                                 {"udp json", Transport::Udp, "json"},
                                 {"unix stream cbor", Transport::UnixStream, "cbor"}});
}

void tst_ConsoleCore::sessionSentRowsHoldTheWireBytes()
{
    QFETCH(Transport, transport);
    QFETCH(QString, spec);
    // A peer that keeps what arrives: each read (streams) or datagram.
    QByteArrayList received;
    const auto keep = [&received](QIODevice *connection) {
        connect(connection, &QIODevice::readyRead, connection,
                [&received, connection] { received.append(connection->readAll()); });
    };
    QTcpServer tcp;
    QUdpSocket udp;
    QLocalServer local;
    QTemporaryDir dir;
    QString url;
    switch (transport) {
    case Transport::Tcp:
        QVERIFY(tcp.listen(QHostAddress::LocalHost));
        connect(&tcp, &QTcpServer::newConnection, &tcp, [&] { keep(tcp.nextPendingConnection()); });
        url = QStringLiteral("tcp://127.0.0.1:%1").arg(tcp.serverPort());
        break;
    case Transport::Udp:
        QVERIFY(udp.bind(QHostAddress::LocalHost, 0));
        connect(&udp, &QUdpSocket::readyRead, &udp, [&] {
            while (udp.hasPendingDatagrams())
                received.append(udp.receiveDatagram().data());
        });
        url = QStringLiteral("udp://127.0.0.1:%1").arg(udp.localPort());
        break;
    case Transport::UnixStream:
        QVERIFY(local.listen(dir.filePath(QStringLiteral("peer.sock"))));
        connect(&local, &QLocalServer::newConnection, &local,
                [&] { keep(local.nextPendingConnection()); });
        url = QStringLiteral("unix://") + local.fullServerName();
        break;
    default: QFAIL("no peer for this transport here");
    }
    ConsoleSession session;
    QVERIFY(session.settings()->protocol()->setSpec(spec));
    QVERIFY(session.settings()->setUrl(url));
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);

    const bool line = spec == QLatin1String("line");
    if (line) {
        // Refused by the client (a line cannot hold the separator): not
        // logged as sent, so it takes no bytes meant for the next packets.
        QVERIFY(!session.send(QStringLiteral("two\nlines")));
        QCOMPARE(countRows(*session.log(),
                           [](const PacketLogEntry &e) {
                               return e.message.startsWith(QLatin1String("not sent: "));
                           }),
                 1);
    }
    const QVariant first
        = line ? QVariant(QStringLiteral("first")) : QVariant(QVariantMap {{"first", qint64(1)}});
    const QVariant second = line ? QVariant(QStringLiteral("the second, longer one"))
                                 : QVariant(QVariantMap {{"second", QStringLiteral("longer")}});
    // Back to back, in one turn of the event loop: the client may write them
    // in one go, yet each row gets its own packet's bytes.
    QVERIFY(session.send(first));
    QVERIFY(session.send(second));
    QTRY_VERIFY(sentRowsComplete(*session.log(), 2));
    const QByteArrayList raws = sentRaws(*session.log());
    const ProtocolSettings &protocol = *session.settings()->protocol();
    if (session.settings()->isStreamTransport()) {
        QCOMPARE(raws.at(0), protocol.streamProtocol()->generateChunk(first));
        QCOMPARE(raws.at(1), protocol.streamProtocol()->generateChunk(second));
        QTRY_COMPARE(received.join(), raws.join());
    } else {
        QCOMPARE(raws.at(0), protocol.datagramProtocol()->makeDatagram(first));
        QCOMPARE(raws.at(1), protocol.datagramProtocol()->makeDatagram(second));
        QTRY_COMPARE(received, raws);
    }
    QCOMPARE(session.packetsSent(), 2);
    QCOMPARE(session.bytesSent(), raws.join().size());
}

void tst_ConsoleCore::sessionUnixDatagramDescriptorOnTheWire()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("passed.txt"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("twelve bytes");
    }
    // A raw peer, so that what was on the wire is seen as it came, with its
    // descriptors (the built-in server would echo it re-encoded).
    const UnixSocketAddress address
        = UnixSocketAddress::fromPath(dir.filePath(QStringLiteral("peer.sock")));
    std::mutex mutex;
    QList<RawMessage> messages; // guarded by mutex
    UnixTestServer peer(SOCK_DGRAM, address);
    QVERIFY(peer.isOk());
    peer.startDatagram([&](UnixTestServer &, int, RawMessage &message) {
        const std::lock_guard lock(mutex);
        messages.append(std::move(message));
    });
    const auto arrived = [&] {
        const std::lock_guard lock(mutex);
        return messages;
    };
    const auto closeDescriptors = qScopeGuard([&] {
        for (const RawMessage &message : arrived())
            closeAll(message.fds);
    });

    ConsoleSession session;
    session.settings()->setTransport(Transport::UnixDatagram);
    session.settings()->setUnixAddress(address.toString());
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    // The first with the file's descriptor (AbstractUnixClient's sendPacket()
    // with ancillary data), the second right after it without.
    session.attachFiles({path});
    const QVariant first = QVariantMap {{"with", "file"}};
    const QVariant second = QVariantMap {{"without", "file"}};
    QVERIFY(session.send(first));
    QVERIFY(session.attachedFiles().isEmpty());
    QVERIFY(session.send(second));
    QTRY_COMPARE(arrived().size(), 2);
    QTRY_VERIFY(sentRowsComplete(*session.log(), 2));
    const QByteArrayList raws = sentRaws(*session.log());
    const QList<RawMessage> datagrams = arrived();
    QCOMPARE(datagrams.at(0).data, raws.at(0));
    QCOMPARE(datagrams.at(1).data, raws.at(1));
    QCOMPARE(raws.at(0), session.settings()->protocol()->datagramProtocol()->makeDatagram(first));
    QCOMPARE(datagrams.at(0).fds.size(), 1);
    QCOMPARE(readFd(datagrams.at(0).fds.first()), QByteArray("twelve bytes"));
    QVERIFY(datagrams.at(1).fds.isEmpty());
    QCOMPARE(countRows(*session.log(),
                       [&](const PacketLogEntry &e) {
                           return e.direction == PacketLogEntry::Direction::Sent
                               && e.descriptors
                               == QStringList {QStringLiteral("descriptor of ") + path};
                       }),
             1);
}

void tst_ConsoleCore::sessionFloodStaysBounded()
{
    // A peer that sends 100 000 packets as fast as the socket takes them.
    constexpr int Packets = 100000;
    QByteArray flood;
    for (int i = 0; i < Packets; ++i)
        flood += "{\"n\":" + QByteArray::number(i) + "}\n";
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost));
    connect(&peer, &QTcpServer::newConnection, &peer,
            [&] { peer.nextPendingConnection()->write(flood); });
    ConsoleSession session;
    session.log()->setMaxRows(2000);
    QVERIFY(
        session.settings()->setUrl(QStringLiteral("tcp://127.0.0.1:%1").arg(peer.serverPort())));
    // How long the event loop is kept from other work (a window's repaints).
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] {
        if (sinceTick.isValid())
            longestGap = std::max(longestGap, sinceTick.elapsed());
        sinceTick.restart();
    });
    ticker.start();
    QSignalSpy batches(session.log(), &QAbstractItemModel::rowsInserted);
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE_WITH_TIMEOUT(session.packetsReceived(), qint64(Packets), 120000);
    session.log()->flush();
    qInfo("100000 packets over TCP through the session in %lld ms (%.0f packets/s), "
          "%lld insert batches, longest event-loop gap %lld ms",
          elapsed.elapsed(), Packets * 1000.0 / double(std::max<qint64>(elapsed.elapsed(), 1)),
          qint64(batches.size()), longestGap);
    QCOMPARE(session.log()->rowCount(), 2000);
    QCOMPARE(session.log()->droppedRows() + session.log()->rowCount(),
             qint64(Packets) + 2); // + the "connecting" and "connected" events
    QVERIFY(batches.size() < Packets / 10); // batched, not a row at a time
    QCOMPARE(PacketFormat::toJsonText(session.log()->entry(1999).value),
             QStringLiteral("{\"n\":%1}").arg(Packets - 1));
}

void tst_ConsoleCore::sessionTlsInspection_data()
{
    addRows<Transport, QString>(
        {"transport", "protocol"},
        {{"tls", Transport::Tls, "TLS"}, {"dtls", Transport::Dtls, "DTLS 1.2"}});
}

void tst_ConsoleCore::sessionTlsInspection()
{
    QFETCH(Transport, transport);
    QFETCH(QString, protocol);
    ConsoleSession session;
    QVERIFY(session.startEchoServer(transport));
    QSignalSpy tls(&session, &ConsoleSession::tlsInfoChanged);
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    QVERIFY(!tls.isEmpty());
    const QVariantMap info = session.tlsInfo();
    QVERIFY2(info.value(QStringLiteral("protocol")).toString().startsWith(protocol),
             qPrintable(info.value(QStringLiteral("protocol")).toString()));
    QVERIFY(!info.value(QStringLiteral("cipher")).toString().isEmpty());
    QCOMPARE(info.value(QStringLiteral("verified")).toBool(), true);
    const QVariantList chain = info.value(QStringLiteral("certificates")).toList();
    QCOMPARE(chain.size(), 1);
    const QVariantMap leaf = chain.first().toMap();
    QVERIFY(leaf.value(QStringLiteral("subject")).toString().contains(QLatin1String("localhost")));
    QVERIFY(leaf.value(QStringLiteral("notAfter")).toDateTime() > QDateTime::currentDateTime());
    QCOMPARE(leaf.value(QStringLiteral("sha256")).toString(), session.echoServer()->fingerprint());
    QVERIFY(leaf.value(QStringLiteral("errors")).toStringList().isEmpty());
    QCOMPARE(info.value(QStringLiteral("proxy")).toString(), QString()); // direct
}

void tst_ConsoleCore::sessionTlsUntrustedFails()
{
    ConsoleSession session;
    QVERIFY(session.startEchoServer(Transport::Tls));
    session.settings()->setTrustedCertificates({});
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Error);
    QVERIFY(!session.errorString().isEmpty());

    // Accepted on purpose: connected, and the certificate's own errors shown.
    session.settings()->setAcceptInvalidCertificate(true);
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    const QVariantMap info = session.tlsInfo();
    QCOMPARE(info.value(QStringLiteral("verified")).toBool(), false);
    const QVariantMap leaf = info.value(QStringLiteral("certificates")).toList().first().toMap();
    QVERIFY(!leaf.value(QStringLiteral("errors")).toStringList().isEmpty());
}

void tst_ConsoleCore::sessionRefusedShowsError()
{
    ConsoleSession session;
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    QVERIFY(session.settings()->setUrl(QStringLiteral("tcp://127.0.0.1:%1").arg(port)));
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Error);
    QVERIFY2(session.stateText().startsWith(QLatin1String("error: ")),
             qPrintable(session.stateText()));

    session.settings()->setPort(0);
    QVERIFY(!session.connectToPeer());
    QVERIFY(session.errorString().contains(QLatin1String("port")));
}

// What the session shows of a connection through a proxy, from the client's
// own proxy (not a tunnel: only what is known once connecting starts).
void tst_ConsoleCore::sessionDescribesTheProxy()
{
    ConsoleSession session;
    ConnectionSettings &settings = *session.settings();
    QVERIFY(settings.setUrl(QStringLiteral("tls://[::1]:9443")));
    QVERIFY(settings.setProxyUrl(QStringLiteral("socks5://alice:s3cret@127.0.0.1:1")));
    QVERIFY(session.connectToPeer());
    QCOMPARE(session.state(), ConsoleSession::State::Connecting);
    QCOMPARE(session.peer(), QStringLiteral("[::1]:9443 via SOCKS5 proxy 127.0.0.1:1"));
    QCOMPARE(
        countRows(*session.log(),
                  [](const PacketLogEntry &e) {
                      return e.direction == PacketLogEntry::Direction::Event
                          && e.message
                          == QLatin1String(
                                 "connecting to tls://[::1]:9443 via SOCKS5 proxy 127.0.0.1:1");
                  }),
        1);
    session.client()->abort();

    settings.setProxyType(ConnectionSettings::ProxyType::None);
    QVERIFY(session.connectToPeer());
    QCOMPARE(session.peer().contains(QLatin1String("proxy")), false);
    session.client()->abort();
}

void tst_ConsoleCore::packetFormatKeepsMapOrder()
{
    QCborMap inner;
    inner.insert(QStringLiteral("y"), QByteArray("\x01"));
    inner.insert(QStringLiteral("b"), QCborValue(nullptr));
    QCborMap map;
    map.insert(QStringLiteral("zeta"), 1);
    map.insert(QStringLiteral("mid"), inner);
    map.insert(QStringLiteral("alpha"), QCborArray {1, 2.5, QStringLiteral("s")});
    map.insert(7, true); // a CBOR key that is not text
    const QVariant packet = QVariant::fromValue(map);
    QCOMPARE(PacketFormat::toJsonText(packet),
             QStringLiteral(R"({"zeta":1,"mid":{"y":"AQ==","b":null},"alpha":[1,2.5,"s"],)"
                            R"("7":true})"));
    const std::optional<PacketFormat::Members> members = PacketFormat::members(packet);
    QVERIFY(members && members->isMap);
    QStringList keys;
    for (const auto &entry : members->entries)
        keys.append(entry.first);
    QCOMPARE(keys,
             (QStringList {QStringLiteral("zeta"), QStringLiteral("mid"), QStringLiteral("alpha"),
                           QStringLiteral("7")}));
    // A QVariantMap as before: sorted.
    QCOMPARE(PacketFormat::toJsonText(QVariantMap {{"b", 1}, {"a", QVariantList {}}}),
             QStringLiteral(R"({"a":[],"b":1})"));
    QVERIFY(!PacketFormat::members(QByteArray("ab")));
    QVERIFY(!PacketFormat::members(QStringLiteral("ab")));
}

void tst_ConsoleCore::packetFormatTypeNames()
{
    const QList<std::pair<QVariant, const char *>> values {
        {QVariant::fromValue(QCborMap()), "object"},
        {QVariantMap(), "object"},
        {QVariant::fromValue(QCborArray()), "array"},
        {QVariantList(), "array"},
        {QVariant::fromValue(qint64(1)), "integer"},
        {QVariant::fromValue(quint64(1)), "integer"},
        {QVariant::fromValue(QCborValue(5)), "integer"},
        {2.5, "number"},
        {QStringLiteral("s"), "text"},
        {QVariant::fromValue(QCborValue(QStringLiteral("s"))), "text"},
        {QByteArray("b"), "bytes"},
        {true, "boolean"},
        {QVariant::fromValue(nullptr), "null"},
        {QVariant::fromValue(QCborValue(nullptr)), "null"}};
    for (const auto &[value, name] : values)
        QCOMPARE(PacketFormat::typeName(value), QString::fromLatin1(name));
}

QTEST_GUILESS_MAIN(tst_ConsoleCore)
#include "tst_consolecore.moc"
