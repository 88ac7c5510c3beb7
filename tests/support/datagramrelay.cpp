#include "datagramrelay.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

namespace EasyNetTest {

namespace {

sockaddr_in loopback(quint16 port)
{
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

} // namespace

DatagramRelay::DatagramRelay(quint16 serverPort, std::function<bool(From, int)> drop)
    : m_drop(std::move(drop))
{
    m_clientSide = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof(address);
    ::bind(m_clientSide, reinterpret_cast<sockaddr *>(&address), length);
    ::getsockname(m_clientSide, reinterpret_cast<sockaddr *>(&address), &length);
    m_port = ntohs(address.sin_port);
    m_serverSide = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const sockaddr_in server = loopback(serverPort);
    ::connect(m_serverSide, reinterpret_cast<const sockaddr *>(&server), sizeof(server));
    if (::pipe2(m_wake, O_CLOEXEC) != 0)
        qFatal("pipe2 failed");
    m_thread = std::thread([this] { run(); });
}

DatagramRelay::~DatagramRelay()
{
    const char stop = 0;
    [[maybe_unused]] const auto written = ::write(m_wake[1], &stop, 1);
    m_thread.join();
    for (const int fd : {m_clientSide, m_serverSide, m_wake[0], m_wake[1]})
        ::close(fd);
}

void DatagramRelay::inject(const QByteArray &bytes)
{
    const std::lock_guard lock(m_mutex);
    ::sendto(m_clientSide, bytes.constData(), size_t(bytes.size()), 0,
             reinterpret_cast<const sockaddr *>(&m_client), m_clientLength);
}

void DatagramRelay::run()
{
    int counts[2] = {0, 0};
    char buffer[65536];
    for (;;) {
        pollfd fds[3]
            = {{m_clientSide, POLLIN, 0}, {m_serverSide, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
        if (::poll(fds, 3, -1) < 0 || fds[2].revents)
            return;
        if (fds[0].revents & POLLIN) {
            sockaddr_storage from {};
            socklen_t fromLength = sizeof(from);
            const ssize_t n = ::recvfrom(m_clientSide, buffer, sizeof buffer, 0,
                                         reinterpret_cast<sockaddr *>(&from), &fromLength);
            if (n >= 0) {
                {
                    const std::lock_guard lock(m_mutex);
                    m_client = from;
                    m_clientLength = fromLength;
                }
                if (m_drop(From::Client, counts[0]++))
                    ++m_dropped;
                else
                    ::send(m_serverSide, buffer, size_t(n), 0);
            }
        }
        if (fds[1].revents & POLLIN) {
            const ssize_t n = ::recv(m_serverSide, buffer, sizeof buffer, 0);
            if (n >= 0) {
                if (m_drop(From::Server, counts[1]++)) {
                    ++m_dropped;
                } else {
                    const std::lock_guard lock(m_mutex);
                    ::sendto(m_clientSide, buffer, size_t(n), 0,
                             reinterpret_cast<const sockaddr *>(&m_client), m_clientLength);
                }
            }
        }
    }
}

} // namespace EasyNetTest
