// bench_unix: round-trip packets per second over a Unix stream socket and a Unix
// datagram socket, EasyNet's event-driven clients against two hand-written raw
// sendmsg()/recvmsg() loops doing the same framing (LF-terminated UTF-8 lines on
// the stream, one line per datagram), against the same echo server threads, in
// the same run: a blocking loop (the fastest possible, but no event loop: two
// system calls per round trip) and an event-driven one (a QSocketNotifier on a
// non-blocking socket, what a Qt program written by hand does). One packet in flight at a time (ping-pong), so the figure is
// the latency of a round trip. Prints a table and one JSON line. Not a test: it
// never fails on speed.
//
//   bench_unix [packets per run = 20000] [runs = 5]
#include <EasyNet/lineserializer.h>
#include <EasyNet/unixdatagramclient.h>
#include <EasyNet/unixstreamclient.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSocketNotifier>
#include <QtCore/QTemporaryDir>

#include "testsupport.h"
#include "unixtestsupport.h"

#include <fcntl.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace EasyNet;
using namespace EasyNetTest;

namespace {

std::shared_ptr<LineSerializer> serializer()
{
    return std::make_shared<LineSerializer>(LineSerializer::Separator::LF,
                                            LineSerializer::Encoding::Utf8);
}

QString packetText(int i)
{
    return QStringLiteral("packet number %1").arg(i);
}

// Packets per second through an EasyNet client in signal style: each answer
// sends the next packet.
template<typename Client> double easyNetRun(Client &client, int count)
{
    QEventLoop loop;
    int received = 0;
    bool wrong = false;
    const auto connection = QObject::connect(&client, &AbstractClient::packetReceived, &loop,
                                             [&](const QVariant &packet) {
                                                 if (packet.toString() != packetText(received))
                                                     wrong = true;
                                                 if (++received == count)
                                                     loop.quit();
                                                 else
                                                     client.sendPacket(packetText(received));
                                             });
    QElapsedTimer timer;
    timer.start();
    client.sendPacket(packetText(0));
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    QObject::disconnect(connection);
    if (wrong)
        std::fprintf(stderr, "EasyNet: wrong packet received\n");
    return count / seconds;
}

int rawConnect(int type, const UnixSocketAddress &address)
{
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    sockaddr_un addr {};
    const qsizetype length = address.toSockAddr(addr);
    if (type == SOCK_DGRAM) { // autobind, so that the server can answer
        sockaddr_un any {};
        any.sun_family = AF_UNIX;
        ::bind(fd, asSockaddr(&any), sizeof(sa_family_t));
    }
    if (::connect(fd, asSockaddr(&addr), socklen_t(length)) != 0) {
        std::perror("connect");
        std::exit(1);
    }
    return fd;
}

ssize_t rawSendmsg(int fd, const QByteArray &bytes)
{
    iovec iov {const_cast<char *>(bytes.constData()), size_t(bytes.size())};
    msghdr message {};
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    return ::sendmsg(fd, &message, MSG_NOSIGNAL);
}

ssize_t rawRecvmsg(int fd, char *buffer, size_t size)
{
    iovec iov {buffer, size};
    msghdr message {};
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    return ::recvmsg(fd, &message, 0);
}

// The same exchange by hand: frame, sendmsg, recvmsg until a whole line, decode.
double rawStreamRun(int fd, int count)
{
    QByteArray pending;
    std::vector<char> buffer(16 * 1024);
    bool wrong = false;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        QByteArray line = packetText(i).toUtf8();
        line.append('\n');
        rawSendmsg(fd, line);
        qsizetype newline;
        while ((newline = pending.indexOf('\n')) < 0) {
            const ssize_t got = rawRecvmsg(fd, buffer.data(), buffer.size());
            if (got <= 0)
                return 0;
            pending.append(buffer.data(), qsizetype(got));
        }
        const QString text = QString::fromUtf8(pending.constData(), newline);
        pending.remove(0, newline + 1);
        if (text != packetText(i))
            wrong = true;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (wrong)
        std::fprintf(stderr, "raw: wrong packet received\n");
    return count / seconds;
}

double rawDatagramRun(int fd, int count)
{
    std::vector<char> buffer(64 * 1024);
    bool wrong = false;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        rawSendmsg(fd, packetText(i).toUtf8());
        const ssize_t got = rawRecvmsg(fd, buffer.data(), buffer.size());
        if (got < 0)
            return 0;
        if (QString::fromUtf8(buffer.data(), qsizetype(got)) != packetText(i))
            wrong = true;
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (wrong)
        std::fprintf(stderr, "raw: wrong datagram received\n");
    return count / seconds;
}

// The same exchange by hand in an event loop: a read notifier on a non-blocking
// socket, read until EAGAIN, frame, send the next packet.
double rawEventRun(int fd, int count, bool datagram)
{
    QEventLoop loop;
    QSocketNotifier notifier(qintptr(fd), QSocketNotifier::Read);
    QByteArray pending;
    std::vector<char> buffer(64 * 1024);
    int received = 0;
    bool wrong = false;
    const auto send = [&](int i) {
        QByteArray bytes = packetText(i).toUtf8();
        if (!datagram)
            bytes.append('\n');
        rawSendmsg(fd, bytes);
    };
    const auto handle = [&](const QString &text) {
        if (text != packetText(received))
            wrong = true;
        if (++received == count)
            loop.quit();
        else
            send(received);
    };
    QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
        ssize_t got;
        while ((got = rawRecvmsg(fd, buffer.data(), buffer.size())) > 0) {
            if (datagram) {
                handle(QString::fromUtf8(buffer.data(), qsizetype(got)));
                continue;
            }
            pending.append(buffer.data(), qsizetype(got));
            qsizetype newline;
            while ((newline = pending.indexOf('\n')) >= 0) {
                const QString text = QString::fromUtf8(pending.constData(), newline);
                pending.remove(0, newline + 1);
                handle(text);
            }
        }
    });
    QElapsedTimer timer;
    timer.start();
    send(0);
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (wrong)
        std::fprintf(stderr, "raw event loop: wrong packet received\n");
    return count / seconds;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

struct Figures
{
    double easyNet;
    double raw;
    double rawEvent;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 20000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 5;
    QTemporaryDir dir;
    const UnixSocketAddress streamAddress
        = UnixSocketAddress::fromPath(dir.filePath(QStringLiteral("stream.sock")));
    const UnixSocketAddress datagramAddress
        = UnixSocketAddress::fromPath(dir.filePath(QStringLiteral("datagram.sock")));

    UnixTestServer streamServer(SOCK_STREAM, streamAddress);
    UnixTestServer datagramServer(SOCK_DGRAM, datagramAddress);
    if (!streamServer.isOk() || !datagramServer.isOk()) {
        std::fprintf(stderr, "cannot start the echo servers\n");
        return 1;
    }
    // The raw loop and EasyNet share one stream server, which serves one
    // connection after the other: run each on its own server for concurrency.
    UnixTestServer rawStreamServer(
        SOCK_STREAM, UnixSocketAddress::fromPath(dir.filePath(QStringLiteral("raw.sock"))));
    UnixTestServer rawEventStreamServer(
        SOCK_STREAM, UnixSocketAddress::fromPath(dir.filePath(QStringLiteral("rawevent.sock"))));
    streamServer.startStream();
    rawStreamServer.startStream();
    rawEventStreamServer.startStream();
    datagramServer.startDatagram();

    UnixStreamClient streamClient(streamAddress, StreamProtocol(serializer()));
    UnixDatagramClient datagramClient(datagramAddress, DatagramProtocol(serializer()));
    if (!finish(streamClient.waitConnected()) || !streamClient.isConnected()
        || !finish(datagramClient.waitConnected()) || !datagramClient.isConnected()) {
        std::fprintf(stderr, "cannot connect\n");
        return 1;
    }
    const int rawStream = rawConnect(
        SOCK_STREAM, UnixSocketAddress::fromPath(dir.filePath(QStringLiteral("raw.sock"))));
    const int rawDatagram = rawConnect(SOCK_DGRAM, datagramAddress);
    const int rawEventStream = rawConnect(
        SOCK_STREAM, UnixSocketAddress::fromPath(dir.filePath(QStringLiteral("rawevent.sock"))));
    const int rawEventDatagram = rawConnect(SOCK_DGRAM, datagramAddress);
    for (const int fd : {rawEventStream, rawEventDatagram})
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);

    // Warm-up, then alternate the contenders so that both see the same machine.
    easyNetRun(streamClient, count / 10 + 1);
    rawStreamRun(rawStream, count / 10 + 1);
    easyNetRun(datagramClient, count / 10 + 1);
    rawDatagramRun(rawDatagram, count / 10 + 1);
    rawEventRun(rawEventStream, count / 10 + 1, false);
    rawEventRun(rawEventDatagram, count / 10 + 1, true);
    std::vector<double> es, rs, xs, ed, rd, xd;
    for (int run = 0; run < runs; ++run) {
        es.push_back(easyNetRun(streamClient, count));
        rs.push_back(rawStreamRun(rawStream, count));
        xs.push_back(rawEventRun(rawEventStream, count, false));
        ed.push_back(easyNetRun(datagramClient, count));
        rd.push_back(rawDatagramRun(rawDatagram, count));
        xd.push_back(rawEventRun(rawEventDatagram, count, true));
    }
    const Figures stream {median(es), median(rs), median(xs)};
    const Figures datagram {median(ed), median(rd), median(xd)};

    std::printf("Unix round trips, %d packets x %d runs (median), one packet in flight\n", count,
                runs);
    std::printf("%-14s %14s %14s %8s %16s %8s\n", "transport", "EasyNet pkt/s", "raw blocking",
                "ratio", "raw event loop", "ratio");
    for (const auto &[name, f] : {std::pair{"unix stream", stream}, std::pair{"unix datagram", datagram}})
        std::printf("%-14s %14.0f %14.0f %7.2fx %16.0f %7.2fx\n", name, f.easyNet, f.raw,
                    f.easyNet / f.raw, f.rawEvent, f.easyNet / f.rawEvent);
    const QJsonObject json {
        {QStringLiteral("benchmark"), QStringLiteral("bench_unix")},
        {QStringLiteral("packets"), count},
        {QStringLiteral("runs"), runs},
        {QStringLiteral("stream_easynet_pps"), stream.easyNet},
        {QStringLiteral("stream_raw_pps"), stream.raw},
        {QStringLiteral("stream_ratio"), stream.easyNet / stream.raw},
        {QStringLiteral("stream_raw_event_pps"), stream.rawEvent},
        {QStringLiteral("stream_ratio_event"), stream.easyNet / stream.rawEvent},
        {QStringLiteral("datagram_easynet_pps"), datagram.easyNet},
        {QStringLiteral("datagram_raw_pps"), datagram.raw},
        {QStringLiteral("datagram_ratio"), datagram.easyNet / datagram.raw},
        {QStringLiteral("datagram_raw_event_pps"), datagram.rawEvent},
        {QStringLiteral("datagram_ratio_event"), datagram.easyNet / datagram.rawEvent},
    };
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    for (const int fd : {rawStream, rawDatagram, rawEventStream, rawEventDatagram})
        ::close(fd);
    return 0;
}
