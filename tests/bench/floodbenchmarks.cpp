// Peak memory under a flood: the server writes `flood` realistic packets as
// fast as it can; the client is busy for a moment (the kernel buffers fill),
// then takes them all. Each client runs in a child process (this program with
// --flood-child) because a process's peak resident size only grows; the row
// is the growth of the peak over the resident size once connected.
#include "benchmarks.h"
#include "benchpackets.h"
#include "echoserverprocess.h"

#include <EasyNet/jsonserializer.h>
#include <EasyNet/tcpclient.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QProcess>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpSocket>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace EasyNet;

namespace EasyNetBench {

namespace {

constexpr auto BusyTime = std::chrono::milliseconds(200);
// With autoRead off the client holds at most maxRecvSize (16 KiB) of unread
// bytes plus the packet being decoded. On top comes a fixed overhead: what the
// first receive costs whatever follows (the pages of the receive path's code
// and data touched for the first time, Qt's and malloc's first allocations):
// 450 to 530 KiB measured on Debian 12, bounded here by 576 KiB. The row of a
// client that takes a single packet of the same flood measures it in the same
// run; the flood row must stay within it plus 17 KiB.
constexpr double FixedOverheadKiB = 576;
constexpr double FloodBoundKiB = 16 + 1 + FixedOverheadKiB;

// A field of /proc/self/status in KiB ("VmRSS", "VmHWM").
qint64 statusKiB(const char *field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read /proc/self/status");
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    qFatal("no %s in /proc/self/status", field);
}

// Every packet of the flood is number 0.
void checkNumber(qint64 got)
{
    if (got != 0)
        qFatal("packet %lld received in the flood", got);
}

double childGrowth(const QString &mode, quint16 port, long count)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(
        QCoreApplication::applicationFilePath(),
        {QStringLiteral("--flood-child"), mode, QString::number(port), QString::number(count)});
    if (!child.waitForFinished(600000) || child.exitCode() != 0)
        qFatal("flood child %s failed", qPrintable(mode));
    return child.readAllStandardOutput().trimmed().toDouble();
}

} // namespace

int floodChild(const QString &mode, quint16 port, long count)
{
    QEventLoop loop;
    long received = 0;
    qint64 connectedRss = 0;
    const auto busy = [&] {
        connectedRss = statusKiB("VmRSS");
        std::this_thread::sleep_for(BusyTime);
    };
    if (mode == QLatin1StringView("qtcpsocket")) {
        QTcpSocket socket;
        socket.setProxy(QNetworkProxy::NoProxy);
        QObject::connect(&socket, &QTcpSocket::connected, &loop, busy);
        QObject::connect(&socket, &QIODevice::readyRead, &loop, [&] {
            while (socket.canReadLine()) {
                checkNumber(packetNumber(QJsonDocument::fromJson(socket.readLine()).object()));
                if (++received == count)
                    loop.quit();
            }
        });
        socket.connectToHost(QHostAddress::LocalHost, port);
        loop.exec();
    } else {
        TcpClient client(QStringLiteral("127.0.0.1"), port,
                         StreamProtocol(std::make_shared<JsonSerializer>()));
        // The server closes after the flood: its end of stream may be read
        // with the last packets, before the loop ends.
        QObject::connect(&client, &AbstractClient::errorOccurred, &loop, [&](const Error &error) {
            if (received < count)
                qFatal("%s", qPrintable(error.toString()));
        });
        // The next receive is queued, not called from the continuation: a future
        // that is ready at once runs a same-thread continuation at once, so the
        // direct call would recurse once per buffered packet (hundreds deep, each
        // level holding its packet and futures).
        std::function<void()> receiveNext = [&] {
            client.recvPacket().then(&client, [&](const QVariant &packet) {
                checkNumber(packetNumber(packet));
                if (++received == count)
                    loop.quit();
                else
                    QMetaObject::invokeMethod(&client, receiveNext, Qt::QueuedConnection);
            });
        };
        if (mode == QLatin1StringView("autoread-off")) {
            client.setAutoRead(false);
            QObject::connect(&client, &AbstractClient::connected, &loop, [&] {
                busy();
                receiveNext();
            });
        } else {
            QObject::connect(&client, &AbstractClient::connected, &loop, busy);
            QObject::connect(&client, &AbstractClient::packetReceived, &loop,
                             [&](const QVariant &packet) {
                                 checkNumber(packetNumber(packet));
                                 if (++received == count)
                                     loop.quit();
                             });
        }
        client.open();
        loop.exec();
    }
    std::printf("%lld\n", statusKiB("VmHWM") - connectedRss);
    return 0;
}

void runFloodBenchmarks(BenchTable &table, const BenchSettings &settings)
{
    const QString name = QStringLiteral("flood %1 x 300 B TCP, peak KiB, ").arg(settings.flood);
    if (!settings.wants(name))
        return;
    const EchoServerProcess server({QStringLiteral("flood-tcp"), QString::number(settings.flood),
                                    QString::fromLatin1(packetJson(PacketKind::Realistic, 0))});
    const double qt = childGrowth(QStringLiteral("qtcpsocket"), server.port(), settings.flood);
    const double on = childGrowth(QStringLiteral("autoread-on"), server.port(), settings.flood);
    const double off = childGrowth(QStringLiteral("autoread-off"), server.port(), settings.flood);
    const double first = childGrowth(QStringLiteral("autoread-off"), server.port(), 1);
    table.addMemory(name + QStringLiteral("autoRead on"), on, qt, qt);
    table.addMemory(name + QStringLiteral("autoRead off"), off, qt, FloodBoundKiB);
    table.addMemory(QStringLiteral("flood, 1st packet only, peak KiB, autoRead off"), first, qt,
                    FixedOverheadKiB);
}

} // namespace EasyNetBench
