// Request/response round trips per second (small JSON packets, one thread,
// loopback) with BlockingTcpClient and BlockingUnixStreamClient,
// against a raw POSIX blocking loop doing the same newline framing and JSON
// work, in the same run. The bar: at most 1.5x the raw loop's time per
// round trip, i.e. a ratio (EasyNet / raw, in operations per second) >= 0.67.
#include <EasyNet/blockingtcpclient.h>
#include <EasyNet/blockingunixstreamclient.h>
#include <EasyNet/jsonserializer.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>

#include "benchsupport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

using namespace EasyNet;

namespace {

QVariantMap makePacket(long i)
{
    return {{QStringLiteral("id"), qint64(i)},
            {QStringLiteral("kind"), QStringLiteral("measure")},
            {QStringLiteral("value"), 0.5 * double(i)}};
}

void roundTrips(AbstractBlockingClient &client, long count)
{
    for (long i = 0; i < count; ++i) {
        client.sendPacket(makePacket(i));
        if (client.recvPacket().toMap().value(QStringLiteral("id")).toLongLong() != i)
            qFatal("unexpected answer");
    }
}

int rawTcp(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0)
        qFatal("connect");
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    return fd;
}

int rawUnix(const QString &path)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray native = path.toLocal8Bit();
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0)
        qFatal("connect");
    return fd;
}

// What a careful user writes by hand: a blocking socket, newline framing with
// a receive buffer, QJsonDocument both ways.
void runRaw(int fd, long count)
{
    QByteArray buffer;
    char chunk[16384];
    for (long i = 0; i < count; ++i) {
        const QByteArray line = QJsonDocument(QJsonObject::fromVariantMap(makePacket(i)))
                                    .toJson(QJsonDocument::Compact)
            + '\n';
        for (qsizetype sent = 0; sent < line.size();) {
            const ssize_t n = ::send(fd, line.constData() + sent, size_t(line.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                qFatal("send");
            sent += n;
        }
        qsizetype end;
        while ((end = buffer.indexOf('\n')) < 0) {
            const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n <= 0)
                qFatal("recv");
            buffer.append(chunk, n);
        }
        const QVariantMap packet = QJsonDocument::fromJson(buffer.left(end)).object().toVariantMap();
        buffer.remove(0, end + 1);
        if (packet.value(QStringLiteral("id")).toLongLong() != i)
            qFatal("unexpected answer");
    }
    ::close(fd);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const long count = argc > 1 ? std::atol(argv[1]) : 50000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    const StreamProtocol json(std::make_shared<JsonSerializer>());
    const EasyNetBench::EchoServer tcp = EasyNetBench::EchoServer::tcp();
    EasyNetBench::report(
        QStringLiteral("blocking-tcp-json-round-trip"), count,
        EasyNetBench::compare(rounds, count,
                              {{QStringLiteral("EasyNet BlockingTcpClient"),
                                [&] {
                                    BlockingTcpClient client(QStringLiteral("127.0.0.1"), tcp.port(), json);
                                    roundTrips(client, count);
                                }},
                               {QStringLiteral("raw POSIX blocking loop (TCP)"),
                                [&] { runRaw(rawTcp(tcp.port()), count); }}}));

    const QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sock"));
    const EasyNetBench::EchoServer unixStream = EasyNetBench::EchoServer::unixStream(path);
    EasyNetBench::report(
        QStringLiteral("blocking-unix-stream-json-round-trip"), count,
        EasyNetBench::compare(rounds, count,
                              {{QStringLiteral("EasyNet BlockingUnixStreamClient"),
                                [&] {
                                    BlockingUnixStreamClient client(path, json);
                                    roundTrips(client, count);
                                }},
                               {QStringLiteral("raw POSIX blocking loop (Unix)"),
                                [&] { runRaw(rawUnix(path), count); }}}));
    return 0;
}
