#include "benchsupport.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace EasyNetBench {

EchoServer EchoServer::tcp()
{
    EchoServer server;
    server.m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(server.m_listener, reinterpret_cast<sockaddr *>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    ::getsockname(server.m_listener, reinterpret_cast<sockaddr *>(&address), &length);
    server.m_port = ntohs(address.sin_port);
    server.start();
    return server;
}

EchoServer EchoServer::udp()
{
    EchoServer server;
    server.m_listener = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(server.m_listener, reinterpret_cast<sockaddr *>(&address), sizeof(address));
    socklen_t length = sizeof(address);
    ::getsockname(server.m_listener, reinterpret_cast<sockaddr *>(&address), &length);
    server.m_port = ntohs(address.sin_port);
    server.startDatagrams();
    return server;
}

EchoServer EchoServer::unixStream(const QString &path)
{
    EchoServer server;
    server.m_listener = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray native = path.toLocal8Bit();
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
    ::unlink(native.constData());
    ::bind(server.m_listener, reinterpret_cast<sockaddr *>(&address), sizeof(address));
    server.start();
    return server;
}

void EchoServer::start()
{
    ::listen(m_listener, 8);
    m_thread = std::thread([listener = m_listener] {
        for (;;) {
            const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0)
                return; // the listener was shut down
            const int on = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
            char buffer[65536];
            ssize_t n;
            while ((n = ::recv(fd, buffer, sizeof(buffer), 0)) > 0) {
                for (ssize_t sent = 0; sent < n;) {
                    const ssize_t w = ::send(fd, buffer + sent, size_t(n - sent), MSG_NOSIGNAL);
                    if (w <= 0)
                        break;
                    sent += w;
                }
            }
            ::close(fd);
        }
    });
}

void EchoServer::startDatagrams()
{
    m_thread = std::thread([socket = m_listener] {
        char buffer[65536];
        for (;;) {
            sockaddr_storage peer{};
            socklen_t length = sizeof(peer);
            const ssize_t n = ::recvfrom(socket, buffer, sizeof(buffer), 0,
                                         reinterpret_cast<sockaddr *>(&peer), &length);
            if (n < 0)
                return; // shut down
            if (n == 0 && length == 0)
                return;
            ::sendto(socket, buffer, size_t(n), 0, reinterpret_cast<sockaddr *>(&peer), length);
        }
    });
}

EchoServer::EchoServer(EchoServer &&other) noexcept
    : m_listener(std::exchange(other.m_listener, -1)), m_port(other.m_port),
      m_thread(std::move(other.m_thread))
{}

EchoServer::~EchoServer()
{
    if (m_listener < 0)
        return;
    ::shutdown(m_listener, SHUT_RDWR);
    ::close(m_listener);
    if (m_thread.joinable())
        m_thread.join();
}

QList<Result> compare(int rounds, long operations,
                      const QList<std::pair<QString, std::function<void()>>> &candidates)
{
    QList<Result> results;
    for (const auto &candidate : candidates)
        results.append({candidate.first, 1e300, 0});
    for (int round = 0; round < rounds; ++round) {
        for (qsizetype i = 0; i < candidates.size(); ++i) {
            QElapsedTimer timer;
            timer.start();
            candidates.at(i).second();
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            results[i].bestSeconds = qMin(results[i].bestSeconds, seconds);
        }
    }
    for (Result &result : results)
        result.operationsPerSecond = double(operations) / result.bestSeconds;
    return results;
}

void report(const QString &benchmark, long operations, const QList<Result> &results)
{
    std::printf("\n%s (%ld operations, best of the rounds)\n", qPrintable(benchmark), operations);
    std::printf("%-36s %12s %14s\n", "client", "seconds", "operations/s");
    QJsonArray json;
    for (const Result &result : results) {
        std::printf("%-36s %12.3f %14.0f\n", qPrintable(result.name), result.bestSeconds,
                    result.operationsPerSecond);
        json.append(QJsonObject{{QStringLiteral("client"), result.name},
                                {QStringLiteral("seconds"), result.bestSeconds},
                                {QStringLiteral("operations_per_second"), result.operationsPerSecond}});
    }
    const double ratio = results.size() >= 2
        ? results.at(0).operationsPerSecond / results.at(1).operationsPerSecond
        : 1.0;
    std::printf("ratio %s / %s: %.3f\n", qPrintable(results.value(0).name),
                qPrintable(results.value(1).name), ratio);
    const QJsonObject line{{QStringLiteral("benchmark"), benchmark},
                           {QStringLiteral("operations"), double(operations)},
                           {QStringLiteral("results"), json},
                           {QStringLiteral("ratio"), ratio}};
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

} // namespace EasyNetBench
