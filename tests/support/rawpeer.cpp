#include "rawpeer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>

using namespace EasyNet;

namespace EasyNetTest {

RawPeer::RawPeer(int fd, bool stream)
    : m_fd(fd), m_stream(stream), m_stop(::eventfd(0, EFD_CLOEXEC))
{
}

RawPeer::~RawPeer()
{
    stopThreads();
    close();
    ::close(m_stop);
}

void RawPeer::startEcho()
{
    m_echo = std::thread([this] {
        char buffer[65536];
        for (;;) {
            pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_stop, POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0 && errno == EINTR)
                continue;
            if (fds[1].revents)
                return;
            const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0 && m_stream) {
                ::shutdown(m_fd, SHUT_WR);
                return;
            }
            if (n >= 0 && !sendAll(QByteArrayView(buffer, n)))
                return;
        }
    });
}

void RawPeer::stopThreads()
{
    for (std::thread &thread : m_later)
        thread.join();
    m_later.clear();
    if (!m_echo.joinable())
        return;
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t w = ::write(m_stop, &one, sizeof(one));
    m_echo.join();
}

void RawPeer::write(QByteArrayView data)
{
    QVERIFY(sendAll(data));
}

void RawPeer::write(const QList<QByteArray> &chunks)
{
    for (const QByteArray &chunk : chunks)
        write(chunk);
}

void RawPeer::shutdownWrite()
{
    QCOMPARE(::shutdown(m_fd, SHUT_WR), 0);
}

void RawPeer::close()
{
    if (m_fd >= 0)
        ::close(std::exchange(m_fd, -1));
}

void RawPeer::reset()
{
    const linger abortive {1, 0};
    QCOMPARE(::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof(abortive)), 0);
    close();
}

void RawPeer::after(std::chrono::milliseconds delay, std::function<void()> action)
{
    m_later.emplace_back([delay, action = std::move(action)] {
        std::this_thread::sleep_for(delay);
        action();
    });
}

quint16 RawPeer::peerPort() const
{
    sockaddr_in address {};
    socklen_t length = sizeof(address);
    ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&address), &length);
    return ntohs(address.sin_port);
}

quint16 RawPeer::localPort() const
{
    return localAddressOf(m_fd).port();
}

QByteArray RawPeer::readToEnd()
{
    QByteArray all;
    char buffer[4096];
    ssize_t n;
    while ((n = ::recv(m_fd, buffer, sizeof(buffer), 0)) > 0)
        all.append(buffer, n);
    return all;
}

QByteArray RawPeer::readAvailable()
{
    QByteArray all;
    char buffer[65536];
    ssize_t n;
    while ((n = ::recv(m_fd, buffer, sizeof(buffer), MSG_DONTWAIT)) > 0)
        all.append(buffer, n);
    return all;
}

bool RawPeer::sendAll(QByteArrayView data)
{
    qsizetype offset = 0;
    do {
        const ssize_t n
            = ::send(m_fd, data.data() + offset, size_t(data.size() - offset), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        offset += n;
    } while (offset < data.size());
    return true;
}

quint16 BoundAddress::port() const
{
    return ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
}

BoundAddress localAddressOf(int fd)
{
    BoundAddress address;
    ::getsockname(fd, address.raw(), &address.length);
    return address;
}

int boundSocket(Transport transport, const QString &path, bool ipv6)
{
    const int type = isStream(transport) ? SOCK_STREAM : SOCK_DGRAM;
    if (isUnix(transport)) {
        const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
        sockaddr_un address {};
        const qsizetype length = UnixSocketAddress::fromPath(path).toSockAddr(address);
        ::bind(fd, reinterpret_cast<sockaddr *>(&address), socklen_t(length));
        return fd;
    }
    const int fd = ::socket(ipv6 ? AF_INET6 : AF_INET, type | SOCK_CLOEXEC, 0);
    if (ipv6) {
        sockaddr_in6 address {};
        address.sin6_family = AF_INET6;
        address.sin6_addr = in6addr_loopback;
        ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address));
    } else {
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address));
    }
    return fd;
}

PeerConnection connectToRawPeer(Form form, ClientSetup setup, const PeerPlace &place)
{
    const Transport transport = setup.transport;
    const int fd = boundSocket(transport, place.unixPath, place.ipv6);
    if (isStream(transport))
        ::listen(fd, 1);
    BoundAddress server = localAddressOf(fd);
    PeerConnection c;
    if (place.adopt) {
        // Not close-on-exec: adopting it must make it so (adoptDescriptor checks).
        c.adopted
            = ::socket(server.storage.ss_family, isStream(transport) ? SOCK_STREAM : SOCK_DGRAM, 0);
        if (transport == Transport::UnixDatagram) { // autobind, so that the peer can answer
            const sa_family_t unixFamily = AF_UNIX;
            ::bind(int(c.adopted), reinterpret_cast<const sockaddr *>(&unixFamily),
                   sizeof(unixFamily));
        }
        ::connect(int(c.adopted), server.raw(), server.length);
        setup.descriptor = c.adopted;
    }
    setup.host = place.ipv6 ? QStringLiteral("::1") : QStringLiteral("127.0.0.1");
    setup.port = server.port();
    setup.unixAddress = UnixSocketAddress::fromPath(place.unixPath);
    c.client = ClientUnderTest::make(form, setup);
    const Error connected = c.client->connect();
    if (connected.isError()) {
        ::close(fd);
        QTest::qFail(qPrintable(connected.message()), __FILE__, __LINE__);
        return c;
    }
    if (isStream(transport)) {
        c.peer = std::make_unique<RawPeer>(::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC), true);
        ::close(fd);
        return c;
    }
    // The datagram peer connects back to the client's own address.
    BoundAddress client = localAddressOf(int(c.client->socket().descriptor()));
    ::connect(fd, client.raw(), client.length);
    c.peer = std::make_unique<RawPeer>(fd, false);
    return c;
}

} // namespace EasyNetTest
