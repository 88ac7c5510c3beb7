#include "rawsockets.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QSocketNotifier>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace EasyNetBench {

namespace {

void sendAll(int fd, QByteArrayView bytes)
{
    for (qsizetype sent = 0; sent < bytes.size();) {
        const ssize_t n
            = ::send(fd, bytes.data() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            qFatal("send: %s", std::strerror(errno));
        sent += n;
    }
}

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

int connectTcp(quint16 port, int type)
{
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0)
        qFatal("connect: %s", std::strerror(errno));
    if (type == SOCK_STREAM) {
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    }
    return fd;
}

int connectUnix(const QString &path, int type)
{
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (type == SOCK_DGRAM) {
        // Binding with only the family autobinds an abstract name (Linux).
        if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(sa_family_t)) != 0)
            qFatal("bind: %s", std::strerror(errno));
    }
    const QByteArray native = path.toLocal8Bit();
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0)
        qFatal("connect: %s", std::strerror(errno));
    return fd;
}

double blockingRoundTrips(int fd, bool stream, long count,
                          const std::function<QByteArray(long)> &request,
                          const std::function<void(long, QByteArrayView)> &check)
{
    QByteArray buffer;
    char chunk[65536];
    QElapsedTimer timer;
    timer.start();
    for (long i = 0; i < count; ++i) {
        sendAll(fd, request(i));
        if (!stream) {
            const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n < 0)
                qFatal("recv: %s", std::strerror(errno));
            check(i, QByteArrayView(chunk, n));
            continue;
        }
        qsizetype end;
        while ((end = buffer.indexOf('\n')) < 0) {
            const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n <= 0)
                qFatal("recv: %s", n ? std::strerror(errno) : "end of stream");
            buffer.append(chunk, n);
        }
        check(i, QByteArrayView(buffer).first(end));
        buffer.remove(0, end + 1);
    }
    const double elapsed = seconds(timer);
    ::close(fd);
    return elapsed;
}

double notifierRoundTrips(int fd, bool stream, long count,
                          const std::function<QByteArray(long)> &request,
                          const std::function<void(long, QByteArrayView)> &check)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    QEventLoop loop;
    QSocketNotifier notifier(fd, QSocketNotifier::Read);
    QByteArray buffer;
    char chunk[65536];
    long received = 0;
    const auto answered = [&](QByteArrayView answer) {
        check(received, answer);
        if (++received == count)
            loop.quit();
        else
            sendAll(fd, request(received));
    };
    QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
        for (;;) {
            const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return;
            if (n < 0 || (n == 0 && stream))
                qFatal("recv: %s", n ? std::strerror(errno) : "end of stream");
            if (!stream) {
                answered(QByteArrayView(chunk, n));
                continue;
            }
            buffer.append(chunk, n);
            qsizetype start = 0, end;
            while ((end = buffer.indexOf('\n', start)) >= 0) {
                answered(QByteArrayView(buffer).sliced(start, end - start));
                start = end + 1;
            }
            buffer.remove(0, start);
        }
    });
    QElapsedTimer timer;
    timer.start();
    sendAll(fd, request(0));
    loop.exec();
    const double elapsed = seconds(timer);
    notifier.setEnabled(false);
    ::close(fd);
    return elapsed;
}

} // namespace EasyNetBench
