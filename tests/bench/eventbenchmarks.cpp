// Event-driven benchmarks: pipelined (about 1 MiB of packets in flight) and
// request/response (one packet in flight) over TCP, TLS and Unix stream, and
// request/response over UDP and Unix datagram. Each run opens a fresh
// connection; only the packets are timed.
#include "benchechoservers.h"
#include "benchmarks.h"
#include "benchpackets.h"
#include "pipelinedfloor.h"
#include "rawsockets.h"

#include "proxyprocess.h"

#include <EasyNet/jsonserializer.h>
#include <EasyNet/tcpclient.h>
#include <EasyNet/udpclient.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtNetwork/QDtls>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpSocket>
#include <QtNetwork/QUdpSocket>

#include <sys/socket.h>

#include <vector>

using namespace EasyNet;

namespace EasyNetBench {

namespace {

constexpr qsizetype InFlightBytes = 1024 * 1024;

long windowFor(PacketKind kind)
{
    return long(qMax<qsizetype>(1, InFlightBytes / (packetJson(kind, 0).size() + 1)));
}

// The seconds from start() (which sends the first packets) until loop ends.
template<typename Start>
double timedLoop(QEventLoop &loop, const Start &start)
{
    QElapsedTimer timer;
    timer.start();
    start();
    loop.exec();
    return double(timer.nsecsElapsed()) / 1e9;
}

// ---- EasyNet ----

void openClient(AbstractClient &client)
{
    QEventLoop loop;
    QObject::connect(&client, &AbstractClient::connected, &loop, &QEventLoop::quit);
    QObject::connect(&client, &AbstractClient::errorOccurred, &loop,
                     [](const Error &error) { qFatal("%s", qPrintable(error.toString())); });
    client.open();
    if (!client.isConnected()) // a Unix socket may connect within open()
        loop.exec();
}

// How a run receives: packet by packet (packetReceived), or the packets of
// each read together (packetsReceived).
enum class Delivery { EachPacket, InBulk };

// pipelined: keeps `window` packets in flight; round trips: window 1.
// typed: the packets are gadgets (the client's protocol has a GadgetConverter).
double easyNetRun(AbstractClient &client, PacketKind kind, long count, long window, bool typed,
                  Delivery delivery = Delivery::EachPacket)
{
    openClient(client);
    QEventLoop loop;
    long sent = 0, received = 0;
    const auto sendMore = [&] {
        while (sent < count && sent - received < window)
            client.send(typed ? typedPacket(kind, sent++) : easyNetPacket(kind, sent++));
    };
    // True when the last packet came.
    const auto take = [&](const QVariant &packet) {
        if (const qint64 n = typed ? typedPacketNumber(packet) : packetNumber(packet);
            n != received)
            wrongPacket(n, received);
        return ++received == count;
    };
    if (delivery == Delivery::InBulk) {
        QObject::connect(&client, &AbstractClient::packetsReceived, &loop,
                         [&](const QVariantList &packets) {
                             for (const QVariant &packet : packets) {
                                 if (take(packet)) {
                                     loop.quit();
                                     return;
                                 }
                             }
                             sendMore();
                         });
    } else {
        QObject::connect(&client, &AbstractClient::packetReceived, &loop,
                         [&](const QVariant &packet) {
                             if (take(packet))
                                 loop.quit();
                             else
                                 sendMore();
                         });
    }
    return timedLoop(loop, sendMore);
}

StreamProtocol jsonStream()
{
    return StreamProtocol(std::make_shared<JsonSerializer>());
}

StreamProtocol typedJsonStream(PacketKind kind)
{
    return StreamProtocol(std::make_shared<JsonSerializer>(), typedConverter(kind));
}

DatagramProtocol jsonDatagrams()
{
    return DatagramProtocol(std::make_shared<JsonSerializer>());
}

// ---- hand-written Qt ----

// Waits for `ready` (connected or encrypted) of a socket that has started
// connecting, unless done() already (QUdpSocket connects within connectToHost()).
template<typename Socket, typename Signal, typename Done>
void waitFor(Socket &socket, Signal ready, Done done)
{
    if (done())
        return;
    QEventLoop loop;
    QObject::connect(&socket, ready, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &Socket::errorOccurred, &loop,
                     [&socket] { qFatal("%s", qPrintable(socket.errorString())); });
    loop.exec();
}

// What a Qt developer writes for JSON lines over any QIODevice socket:
// QJsonDocument both ways, readLine() while canReadLine().
double qtStreamRun(QIODevice &socket, PacketKind kind, long count, long window)
{
    QEventLoop loop;
    long sent = 0, received = 0;
    const auto sendMore = [&] {
        while (sent < count && sent - received < window)
            socket.write(QJsonDocument(qtPacket(kind, sent++)).toJson(QJsonDocument::Compact)
                         + '\n');
    };
    QObject::connect(&socket, &QIODevice::readyRead, &loop, [&] {
        while (socket.canReadLine()) {
            const QJsonObject packet = QJsonDocument::fromJson(socket.readLine()).object();
            if (const qint64 n = packetNumber(packet); n != received)
                wrongPacket(n, received);
            if (++received == count) {
                loop.quit();
                return;
            }
        }
        sendMore();
    });
    return timedLoop(loop, sendMore);
}

double qtTcpRun(quint16 port, PacketKind kind, long count, long window,
                const QNetworkProxy &proxy = QNetworkProxy::NoProxy)
{
    QTcpSocket socket;
    socket.setProxy(proxy);
    socket.connectToHost(QHostAddress::LocalHost, port);
    waitFor(socket, &QTcpSocket::connected,
            [&] { return socket.state() == QAbstractSocket::ConnectedState; });
    socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    return qtStreamRun(socket, kind, count, window);
}

QSslConfiguration clientTls(const BenchSettings &settings)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(
        QSslCertificate::fromPath(settings.tlsDir + QStringLiteral("/ca.pem")));
    return configuration;
}

double qtTlsRun(quint16 port, const BenchSettings &settings, PacketKind kind, long count,
                long window)
{
    QSslSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.setSslConfiguration(clientTls(settings));
    socket.setPeerVerifyName(QStringLiteral("localhost"));
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    waitFor(socket, &QSslSocket::encrypted, [&] { return socket.isEncrypted(); });
    socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    return qtStreamRun(socket, kind, count, window);
}

double qtLocalRun(const QString &path, PacketKind kind, long count, long window)
{
    QLocalSocket socket;
    socket.connectToServer(path);
    if (!socket.waitForConnected())
        qFatal("%s", qPrintable(socket.errorString()));
    return qtStreamRun(socket, kind, count, window);
}

// QDtls over a QUdpSocket connected to the server, as Qt's DTLS example does:
// the handshake driven by readyRead and handshakeTimeout, then
// writeDatagramEncrypted() and decryptDatagram() of each pending datagram.
double qtDtlsRoundTrips(quint16 port, const BenchSettings &settings, PacketKind kind, long count)
{
    QUdpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(QHostAddress::LocalHost, port);
    waitFor(socket, &QUdpSocket::connected,
            [&] { return socket.state() == QAbstractSocket::ConnectedState; });
    QDtls dtls(QSslSocket::SslClientMode);
    QSslConfiguration configuration = clientTls(settings);
    configuration.setProtocol(QSsl::DtlsV1_2OrLater);
    dtls.setDtlsConfiguration(configuration);
    dtls.setPeer(QHostAddress::LocalHost, port, QStringLiteral("localhost"));
    QEventLoop loop;
    long received = 0;
    const auto send = [&](long i) {
        dtls.writeDatagramEncrypted(
            &socket, QJsonDocument(qtPacket(kind, i)).toJson(QJsonDocument::Compact));
    };
    QObject::connect(&dtls, &QDtls::handshakeTimeout, &loop, [&] { dtls.handleTimeout(&socket); });
    QObject::connect(&socket, &QIODevice::readyRead, &loop, [&] {
        while (socket.hasPendingDatagrams()) {
            QByteArray datagram(socket.pendingDatagramSize(), Qt::Uninitialized);
            socket.readDatagram(datagram.data(), datagram.size());
            if (dtls.isConnectionEncrypted()) {
                const QJsonObject packet
                    = QJsonDocument::fromJson(dtls.decryptDatagram(&socket, datagram)).object();
                if (const qint64 n = packetNumber(packet); n != received)
                    wrongPacket(n, received);
                if (++received == count) {
                    loop.quit();
                    return;
                }
                send(received);
            } else if (!dtls.doHandshake(&socket, datagram)) {
                qFatal("QDtls handshake: %s", qPrintable(dtls.dtlsErrorString()));
            } else if (dtls.isConnectionEncrypted()) {
                loop.quit(); // connected: the timed part starts
            }
        }
    });
    if (!dtls.doHandshake(&socket))
        qFatal("QDtls handshake: %s", qPrintable(dtls.dtlsErrorString()));
    loop.exec();
    const double seconds = timedLoop(loop, [&] { send(0); });
    dtls.shutdown(&socket);
    return seconds;
}

// QUdpSocket connected to the server: write() a datagram, readDatagram() each
// pending one.
double qtUdpRoundTrips(quint16 port, PacketKind kind, long count)
{
    QUdpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    socket.connectToHost(QHostAddress::LocalHost, port);
    waitFor(socket, &QUdpSocket::connected,
            [&] { return socket.state() == QAbstractSocket::ConnectedState; });
    QEventLoop loop;
    long received = 0;
    QObject::connect(&socket, &QIODevice::readyRead, &loop, [&] {
        while (socket.hasPendingDatagrams()) {
            QByteArray datagram(socket.pendingDatagramSize(), Qt::Uninitialized);
            socket.readDatagram(datagram.data(), datagram.size());
            const QJsonObject packet = QJsonDocument::fromJson(datagram).object();
            if (const qint64 n = packetNumber(packet); n != received)
                wrongPacket(n, received);
            if (++received == count) {
                loop.quit();
                return;
            }
            socket.write(QJsonDocument(qtPacket(kind, received)).toJson(QJsonDocument::Compact));
        }
    });
    return timedLoop(loop, [&] {
        socket.write(QJsonDocument(qtPacket(kind, 0)).toJson(QJsonDocument::Compact));
    });
}

} // namespace

void runEventBenchmarks(BenchTable &table, const BenchSettings &settings)
{
    const EchoServers servers(settings, QString());
    const QString localhost = QStringLiteral("127.0.0.1");

    // A row: its EasyNet client, its baseline, and the socket of its floor
    // (request/response only; none for TLS). A typed row's client is made
    // for the kind of packet, whose gadget it sends and receives.
    struct Row
    {
        QString transport;
        std::function<std::unique_ptr<AbstractClient>()> easyNetClient;
        std::function<double(PacketKind, long count, long window)> baseline;
        std::function<int()> floorSocket;
        std::function<std::unique_ptr<AbstractClient>(PacketKind)> typedClient = {};
        Delivery delivery = Delivery::EachPacket;
    };
    const auto tcpBaseline = [&](PacketKind kind, long count, long window) {
        return qtTcpRun(servers.tcp.port(), kind, count, window);
    };
    const auto typedTcpClient = [&](PacketKind kind) {
        return std::unique_ptr<AbstractClient>(
            std::make_unique<TcpClient>(localhost, servers.tcp.port(), typedJsonStream(kind)));
    };
    const Row streamRows[] = {
        {QStringLiteral("TCP"),
         clientOf<AbstractClient, TcpClient>(localhost, servers.tcp.port(), jsonStream()),
         tcpBaseline, [&] { return connectTcp(servers.tcp.port(), SOCK_STREAM); }},
        {QStringLiteral("TCP in bulk"),
         clientOf<AbstractClient, TcpClient>(localhost, servers.tcp.port(), jsonStream()),
         tcpBaseline,
         [&] { return connectTcp(servers.tcp.port(), SOCK_STREAM); },
         {},
         Delivery::InBulk},
        {QStringLiteral("TCP typed"),
         {},
         tcpBaseline,
         [&] { return connectTcp(servers.tcp.port(), SOCK_STREAM); },
         typedTcpClient},
        {QStringLiteral("TCP typed in bulk"),
         {},
         tcpBaseline,
         [&] { return connectTcp(servers.tcp.port(), SOCK_STREAM); },
         typedTcpClient,
         Delivery::InBulk},
        {QStringLiteral("TLS"),
         [&] {
             auto client = std::make_unique<TcpClient>(localhost, servers.tls.port(), jsonStream());
             client->setSslConfiguration(clientTls(settings));
             client->setServerHostname(QStringLiteral("localhost"));
             return std::unique_ptr<AbstractClient>(std::move(client));
         },
         [&](PacketKind kind, long count, long window) {
             return qtTlsRun(servers.tls.port(), settings, kind, count, window);
         },
         {}},
        {QStringLiteral("Unix stream"),
         clientOf<AbstractClient, UnixStreamClient>(servers.unixStreamPath, jsonStream()),
         [&](PacketKind kind, long count, long window) {
             return qtLocalRun(servers.unixStreamPath, kind, count, window);
         },
         [&] { return connectUnix(servers.unixStreamPath, SOCK_STREAM); }},
    };
    const Row datagramRows[] = {
        {QStringLiteral("UDP"),
         clientOf<AbstractClient, UdpClient>(localhost, servers.udp.port(), jsonDatagrams()),
         [&](PacketKind kind, long count, long) {
             return qtUdpRoundTrips(servers.udp.port(), kind, count);
         },
         [&] { return connectTcp(servers.udp.port(), SOCK_DGRAM); }},
        {QStringLiteral("DTLS"),
         [&] {
             auto client
                 = std::make_unique<UdpClient>(localhost, servers.dtls.port(), jsonDatagrams());
             client->setSslConfiguration(clientTls(settings));
             client->setServerHostname(QStringLiteral("localhost"));
             return std::unique_ptr<AbstractClient>(std::move(client));
         },
         [&](PacketKind kind, long count, long) {
             return qtDtlsRoundTrips(servers.dtls.port(), settings, kind, count);
         },
         {}},
        // Qt has no class for Unix datagrams: the baseline is the raw loop with QJsonDocument.
        {QStringLiteral("Unix datagram"),
         clientOf<AbstractClient, UnixDatagramClient>(servers.unixDatagramPath, jsonDatagrams()),
         [&](PacketKind kind, long count, long) {
             return notifierRoundTrips(connectUnix(servers.unixDatagramPath, SOCK_DGRAM), false,
                                       count, jsonRequest(kind, false), checkJson);
         },
         [&] { return connectUnix(servers.unixDatagramPath, SOCK_DGRAM); }},
    };
    // Pipelined through a real SOCKS5 proxy (microsocks), against QTcpSocket
    // with the same proxy; left out when microsocks is not installed.
    const EasyNetTest::ProxyProcess socks(EasyNetTest::ProxyProcess::Kind::Socks5);
    std::vector<Row> proxiedRows;
    if (socks.isRunning())
        proxiedRows.push_back(
            {QStringLiteral("TCP via SOCKS5"),
             [&] {
                 auto client
                     = std::make_unique<TcpClient>(localhost, servers.tcp.port(), jsonStream());
                 client->setProxy(socks.proxy());
                 return std::unique_ptr<AbstractClient>(std::move(client));
             },
             [&](PacketKind kind, long count, long window) {
                 return qtTcpRun(servers.tcp.port(), kind, count, window, socks.proxy());
             },
             {}});
    else
        qInfo("event TCP via SOCKS5: skipped: %s", qPrintable(socks.missing()));

    struct Mode
    {
        QString name;
        long count;
        long window;
        Goal goal;
        double target;
        int slices; // one packet in flight: latency drifts with the machine, so interleave finely
    };
    // The raw loop of a row with a floor socket: the pipelined one with JSON
    // (simdjson), the request/response one without.
    const auto floorOf = [](const Row &row, PacketKind kind, long window, bool stream) {
        if (!row.floorSocket)
            return Run();
        if (window > 1)
            return Run([&row, kind, window](long count) {
                return pipelinedFloor(row.floorSocket(), kind, count, window);
            });
        return Run([&row, kind, stream](long count) {
            return notifierRoundTrips(row.floorSocket(), stream, count, fixedRequest(kind, stream),
                                      checkSize(kind));
        });
    };
    const auto compare = [&](const Row &row, const Mode &mode, PacketKind kind, bool stream) {
        const QString name = QStringLiteral("event ") + row.transport + QLatin1Char(' ') + mode.name
            + QLatin1Char(' ') + packetKindName(kind);
        if (!settings.wants(name))
            return;
        const long window = mode.window;
        table.compare(
            name, mode.count, mode.goal, mode.target,
            [&](long count) {
                const bool typed = bool(row.typedClient);
                const std::unique_ptr<AbstractClient> client
                    = typed ? row.typedClient(kind) : row.easyNetClient();
                return easyNetRun(*client, kind, count, window, typed, row.delivery);
            },
            [&](long count) { return row.baseline(kind, count, window); },
            floorOf(row, kind, window, stream), mode.slices);
    };

    for (const PacketKind kind : {PacketKind::Small, PacketKind::Realistic}) {
        const Mode streamModes[] = {
            {QStringLiteral("pipelined"), settings.pipelined, windowFor(kind), Goal::Speed, 1.0, 1},
            {QStringLiteral("request/response"), settings.roundTrips, 1, Goal::Time, 1.10,
             RoundTripSlices},
        };
        for (const Mode &mode : streamModes)
            for (const Row &row : streamRows)
                compare(row, mode, kind, true);
        for (const Row &row : proxiedRows)
            compare(row, streamModes[0], kind, true);
        const Mode datagramMode {QStringLiteral("request/response"),
                                 settings.roundTrips,
                                 1,
                                 Goal::Speed,
                                 1.0,
                                 RoundTripSlices};
        for (const Row &row : datagramRows)
            compare(row, datagramMode, kind, false);
    }
}

} // namespace EasyNetBench
