// Event-driven benchmarks: pipelined (about 1 MiB of packets in flight) and
// request/response (one packet in flight) over TCP, TLS and Unix stream, and
// request/response over UDP and Unix datagram. Each run opens a fresh
// connection; only the packets are timed.
#include "benchmarks.h"
#include "benchpackets.h"
#include "echoserverprocess.h"
#include "rawsockets.h"

#include <EasyNet/jsonserializer.h>
#include <EasyNet/tcpclient.h>
#include <EasyNet/udpclient.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpSocket>
#include <QtNetwork/QUdpSocket>

#include <sys/socket.h>

using namespace EasyNet;

namespace EasyNetBench {

namespace {

constexpr qsizetype InFlightBytes = 1024 * 1024;

long windowFor(PacketKind kind)
{
    return long(qMax<qsizetype>(1, InFlightBytes / (packetJson(kind, 0).size() + 1)));
}

double secondsSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

[[noreturn]] void wrongPacket(qint64 got, long expected)
{
    qFatal("packet %lld received where %ld was expected", got, expected);
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

// pipelined: keeps `window` packets in flight; round trips: window 1.
double easyNetRun(AbstractClient &client, PacketKind kind, long count, long window)
{
    openClient(client);
    QEventLoop loop;
    long sent = 0, received = 0;
    const auto sendMore = [&] {
        while (sent < count && sent - received < window)
            client.send(easyNetPacket(kind, sent++));
    };
    QObject::connect(&client, &AbstractClient::packetReceived, &loop, [&](const QVariant &packet) {
        if (const qint64 n = packetNumber(packet); n != received)
            wrongPacket(n, received);
        if (++received == count)
            loop.quit();
        else
            sendMore();
    });
    QElapsedTimer timer;
    timer.start();
    sendMore();
    loop.exec();
    return secondsSince(timer);
}

StreamProtocol jsonStream()
{
    return StreamProtocol(std::make_shared<JsonSerializer>());
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
    QElapsedTimer timer;
    timer.start();
    sendMore();
    loop.exec();
    return secondsSince(timer);
}

double qtTcpRun(quint16 port, PacketKind kind, long count, long window)
{
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
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
    QElapsedTimer timer;
    timer.start();
    socket.write(QJsonDocument(qtPacket(kind, 0)).toJson(QJsonDocument::Compact));
    loop.exec();
    return secondsSince(timer);
}

// ---- raw QSocketNotifier loops: with QJsonDocument (the Unix datagram
// baseline: Qt has no class for it), and without JSON (the floor) ----

std::function<QByteArray(long)> jsonRequest(PacketKind kind, bool stream)
{
    return [kind, stream](long i) {
        QByteArray text = QJsonDocument(qtPacket(kind, i)).toJson(QJsonDocument::Compact);
        if (stream)
            text.append('\n');
        return text;
    };
}

void checkJson(long i, QByteArrayView answer)
{
    const QJsonObject packet
        = QJsonDocument::fromJson(QByteArray::fromRawData(answer.data(), answer.size())).object();
    if (const qint64 n = packetNumber(packet); n != i)
        wrongPacket(n, i);
}

std::function<QByteArray(long)> fixedRequest(PacketKind kind, bool stream)
{
    QByteArray text = packetJson(kind, 0);
    if (stream)
        text.append('\n');
    return [text](long) { return text; };
}

std::function<void(long, QByteArrayView)> checkSize(PacketKind kind)
{
    return [size = packetJson(kind, 0).size()](long, QByteArrayView answer) {
        if (answer.size() != size)
            qFatal("wrong answer size %lld", qlonglong(answer.size()));
    };
}

} // namespace

void runEventBenchmarks(BenchTable &table, const BenchSettings &settings)
{
    const auto wanted = [&](const QString &name) {
        return settings.only.isEmpty() || name.contains(settings.only);
    };
    const QString unixStreamPath = settings.socketDir + QStringLiteral("/stream.sock");
    const QString unixDatagramPath = settings.socketDir + QStringLiteral("/datagram.sock");
    const EchoServerProcess tcp({QStringLiteral("tcp")});
    const EchoServerProcess tls({QStringLiteral("tls"), settings.tlsDir + QStringLiteral("/server.pem"),
                                 settings.tlsDir + QStringLiteral("/server.key")});
    const EchoServerProcess unixStream({QStringLiteral("unix-stream"), unixStreamPath});
    const EchoServerProcess udp({QStringLiteral("udp")});
    const EchoServerProcess unixDatagram({QStringLiteral("unix-dgram"), unixDatagramPath});

    for (const PacketKind kind : {PacketKind::Small, PacketKind::Realistic}) {
        const QString packet = packetKindName(kind);
        struct Mode
        {
            QString name;
            long count;
            long window;
            Goal goal;
            double target;
        };
        const Mode modes[] = {
            {QStringLiteral("pipelined"), settings.pipelined, windowFor(kind), Goal::Speed, 1.0},
            {QStringLiteral("request/response"), settings.roundTrips, 1, Goal::Time, 1.10},
        };
        for (const Mode &mode : modes) {
            const QString suffix = QLatin1Char(' ') + mode.name + QLatin1Char(' ') + packet;
            const long count = mode.count, window = mode.window;
            const bool roundTrips = window == 1;
            if (const QString name = QStringLiteral("event TCP") + suffix; wanted(name))
                table.compare(
                    name, count, mode.goal, mode.target,
                    [&] {
                        TcpClient client(QStringLiteral("127.0.0.1"), tcp.port(), jsonStream());
                        return easyNetRun(client, kind, count, window);
                    },
                    [&] { return qtTcpRun(tcp.port(), kind, count, window); },
                    roundTrips ? Run([&] {
                        return notifierRoundTrips(connectTcp(tcp.port(), SOCK_STREAM), true,
                                                  count, fixedRequest(kind, true),
                                                  checkSize(kind));
                    })
                               : Run());
            if (const QString name = QStringLiteral("event TLS") + suffix; wanted(name))
                table.compare(
                    name, count, mode.goal, mode.target,
                    [&] {
                        TcpClient client(QStringLiteral("127.0.0.1"), tls.port(), jsonStream());
                        client.setSslConfiguration(clientTls(settings));
                        client.setServerHostname(QStringLiteral("localhost"));
                        return easyNetRun(client, kind, count, window);
                    },
                    [&] { return qtTlsRun(tls.port(), settings, kind, count, window); });
            if (const QString name = QStringLiteral("event Unix stream") + suffix; wanted(name))
                table.compare(
                    name, count, mode.goal, mode.target,
                    [&] {
                        UnixStreamClient client(unixStreamPath, jsonStream());
                        return easyNetRun(client, kind, count, window);
                    },
                    [&] { return qtLocalRun(unixStreamPath, kind, count, window); },
                    roundTrips ? Run([&] {
                        return notifierRoundTrips(connectUnix(unixStreamPath, SOCK_STREAM), true,
                                                  count, fixedRequest(kind, true),
                                                  checkSize(kind));
                    })
                               : Run());
        }
        const long count = settings.roundTrips;
        if (const QString name = QStringLiteral("event UDP request/response ") + packet;
            wanted(name))
            table.compare(
                name, count, Goal::Speed, 1.0,
                [&] {
                    UdpClient client(QStringLiteral("127.0.0.1"), udp.port(), jsonDatagrams());
                    return easyNetRun(client, kind, count, 1);
                },
                [&] { return qtUdpRoundTrips(udp.port(), kind, count); },
                [&] {
                    return notifierRoundTrips(connectTcp(udp.port(), SOCK_DGRAM), false, count,
                                              fixedRequest(kind, false), checkSize(kind));
                });
        if (const QString name = QStringLiteral("event Unix datagram request/response ") + packet;
            wanted(name))
            table.compare(
                name, count, Goal::Speed, 1.0,
                [&] {
                    UnixDatagramClient client(unixDatagramPath, jsonDatagrams());
                    return easyNetRun(client, kind, count, 1);
                },
                [&] {
                    return notifierRoundTrips(connectUnix(unixDatagramPath, SOCK_DGRAM), false,
                                              count, jsonRequest(kind, false), checkJson);
                },
                [&] {
                    return notifierRoundTrips(connectUnix(unixDatagramPath, SOCK_DGRAM), false,
                                              count, fixedRequest(kind, false), checkSize(kind));
                });
    }
}

} // namespace EasyNetBench
