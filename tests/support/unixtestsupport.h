// Helpers of the Unix socket tests and benchmark: raw AF_UNIX servers running in
// a thread of their own (blocking I/O, so they never depend on the event loop
// of the client under test), raw sendmsg()/recvmsg() with descriptors and
// credentials, memfds, and a count of this process's open descriptors.
#pragma once

#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QByteArray>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QList>
#include <QtCore/QTimer>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace EasyNetTest {

// CMSG_* are macros with C casts.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wcast-align"
#pragma GCC diagnostic ignored "-Wsign-compare"

// Runs the event loop until done() (true) or timeoutMs passed (false). Unlike
// QTRY_*, it never sleeps between event batches.
inline bool waitUntil(const std::function<bool()> &done, int timeoutMs = 20000)
{
    QElapsedTimer elapsed;
    elapsed.start();
    QTimer ticker; // wakes the loop now and then to look at the clock
    ticker.start(20);
    QEventLoop loop;
    while (!done()) {
        if (elapsed.elapsed() > timeoutMs)
            return false;
        loop.processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

inline int openFdCount()
{
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                   .size());
}

inline int makeMemfd(const QByteArray &content)
{
    const int fd = ::memfd_create("easynet-test", MFD_CLOEXEC);
    if (fd >= 0 && ::pwrite(fd, content.constData(), size_t(content.size()), 0) != content.size()) {
        ::close(fd);
        return -1;
    }
    return fd;
}

inline QByteArray readFd(int fd)
{
    QByteArray out(4096, Qt::Uninitialized);
    const ssize_t got = ::pread(fd, out.data(), size_t(out.size()), 0);
    out.resize(got < 0 ? 0 : qsizetype(got));
    return out;
}

inline bool sameFile(int a, int b)
{
    struct stat sa
    {
    }, sb {};
    return ::fstat(a, &sa) == 0 && ::fstat(b, &sb) == 0 && sa.st_ino == sb.st_ino
        && sa.st_dev == sb.st_dev;
}

struct RawMessage
{
    QByteArray data;
    QList<int> fds;
    std::optional<ucred> credentials;
    sockaddr_un from {};
    socklen_t fromLength = 0;
    bool controlTruncated = false;
    ssize_t result = 0; // recvmsg()'s
};

inline void closeAll(const QList<int> &fds)
{
    for (int fd : fds)
        ::close(fd);
}

// One blocking sendmsg() of all of data (partial writes continued without the
// ancillary data); returns false on error.
inline bool rawSend(int fd, QByteArrayView data, const QList<int> &fds = {},
                    const ucred *credentials = nullptr, const sockaddr_un *to = nullptr,
                    socklen_t toLength = 0)
{
    qsizetype offset = 0;
    bool first = true;
    do {
        iovec iov {const_cast<char *>(data.data()) + offset, size_t(data.size() - offset)};
        msghdr message {};
        message.msg_iov = &iov;
        message.msg_iovlen = 1;
        message.msg_name = const_cast<sockaddr_un *>(to);
        message.msg_namelen = to ? toLength : 0;
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 253) + CMSG_SPACE(sizeof(ucred))]
            = {};
        if (first && (!fds.isEmpty() || credentials)) {
            size_t length = 0;
            if (!fds.isEmpty())
                length += CMSG_SPACE(sizeof(int) * size_t(fds.size()));
            if (credentials)
                length += CMSG_SPACE(sizeof(ucred));
            message.msg_control = control;
            message.msg_controllen = length;
            cmsghdr *header = CMSG_FIRSTHDR(&message);
            if (!fds.isEmpty()) {
                header->cmsg_level = SOL_SOCKET;
                header->cmsg_type = SCM_RIGHTS;
                header->cmsg_len = CMSG_LEN(sizeof(int) * size_t(fds.size()));
                std::memcpy(CMSG_DATA(header), fds.constData(), sizeof(int) * size_t(fds.size()));
                header = CMSG_NXTHDR(&message, header);
            }
            if (credentials) {
                header->cmsg_level = SOL_SOCKET;
                header->cmsg_type = SCM_CREDENTIALS;
                header->cmsg_len = CMSG_LEN(sizeof(ucred));
                std::memcpy(CMSG_DATA(header), credentials, sizeof(ucred));
            }
        }
        const ssize_t sent = ::sendmsg(fd, &message, MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        first = false;
        offset += sent;
    } while (offset < data.size());
    return true;
}

inline RawMessage rawRecv(int fd, qsizetype maxSize = 65536, int flags = 0)
{
    RawMessage m;
    m.data.resize(maxSize);
    iovec iov {m.data.data(), size_t(maxSize)};
    msghdr message {};
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    message.msg_name = &m.from;
    message.msg_namelen = sizeof(m.from);
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * 253) + CMSG_SPACE(sizeof(ucred))];
    message.msg_control = control;
    message.msg_controllen = sizeof(control);
    do {
        m.result = ::recvmsg(fd, &message, MSG_CMSG_CLOEXEC | flags);
    } while (m.result < 0 && errno == EINTR);
    m.data.resize(m.result < 0 ? 0 : qsizetype(m.result));
    if (m.result < 0)
        return m;
    m.fromLength = message.msg_namelen;
    m.controlTruncated = message.msg_flags & MSG_CTRUNC;
    for (cmsghdr *h = CMSG_FIRSTHDR(&message); h; h = CMSG_NXTHDR(&message, h)) {
        if (h->cmsg_level != SOL_SOCKET)
            continue;
        if (h->cmsg_type == SCM_RIGHTS) {
            const size_t count = (h->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (size_t i = 0; i < count; ++i) {
                int received;
                std::memcpy(&received, CMSG_DATA(h) + i * sizeof(int), sizeof(int));
                m.fds.append(received);
            }
        } else if (h->cmsg_type == SCM_CREDENTIALS) {
            ucred c {};
            std::memcpy(&c, CMSG_DATA(h), sizeof(c));
            m.credentials = c;
        }
    }
    return m;
}

#pragma GCC diagnostic pop

inline sockaddr *asSockaddr(sockaddr_un *a)
{
    return reinterpret_cast<sockaddr *>(a);
}

inline ucred currentUcred()
{
    return ucred {::getpid(), ::geteuid(), ::getegid()};
}

// A raw AF_UNIX server with a thread of its own. Stream: accepts connections one
// after the other and runs the handler on each (default: echo bytes, descriptors
// and, with echoCredentials, this process's credentials). Datagram: runs the
// handler on each datagram (default: echo it to its sender, with its descriptors
// and, with echoCredentials, this process's credentials). By default both keep
// the credentials last received in lastCredentials.
class UnixTestServer
{
public:
    using StreamHandler = std::function<void(UnixTestServer &, int connection)>;
    using DatagramHandler = std::function<void(UnixTestServer &, int socket, RawMessage &)>;

    UnixTestServer(int type, const EasyNet::UnixSocketAddress &address) : m_type(type)
    {
        m_stop = ::eventfd(0, EFD_CLOEXEC);
        m_socket = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
        sockaddr_un addr {};
        const qsizetype length = address.toSockAddr(addr);
        if (address.isPath()) {
            m_path = address.nativePath();
            ::unlink(m_path.constData()); // a file left by an earlier server
        }
        const int one = 1;
        ::setsockopt(m_socket, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
        m_ok = ::bind(m_socket, asSockaddr(&addr), socklen_t(length)) == 0
            && (type != SOCK_STREAM || ::listen(m_socket, 16) == 0);
    }
    ~UnixTestServer() { stop(); }

    bool isOk() const { return m_ok; }
    int socket() const { return m_socket; }

    void startStream(StreamHandler handler = {})
    {
        m_thread = std::thread([this, handler = std::move(handler)] {
            for (;;) {
                if (!waitReadable(m_socket))
                    return;
                const int connection = ::accept4(m_socket, nullptr, nullptr, SOCK_CLOEXEC);
                if (connection < 0)
                    continue;
                m_connection = connection;
                ++accepted;
                if (handler)
                    handler(*this, connection);
                else
                    echoStream(connection);
                m_connection = -1;
                ::close(connection);
            }
        });
    }

    void startDatagram(DatagramHandler handler = {})
    {
        m_thread = std::thread([this, handler = std::move(handler)] {
            for (;;) {
                if (!waitReadable(m_socket))
                    return;
                RawMessage m = rawRecv(m_socket);
                if (m.result < 0)
                    continue;
                ++datagrams;
                if (handler) {
                    handler(*this, m_socket, m);
                } else {
                    noteCredentials(m);
                    const ucred mine = echoCredentials ? currentUcred() : ucred {};
                    rawSend(m_socket, m.data, m.fds, echoCredentials ? &mine : nullptr, &m.from,
                            m.fromLength);
                    closeAll(m.fds);
                }
            }
        });
    }

    // Echo until end of stream or stop().
    void echoStream(int connection)
    {
        for (;;) {
            if (!waitReadable(connection))
                return;
            RawMessage m = rawRecv(connection);
            if (m.result <= 0)
                return;
            noteCredentials(m);
            const ucred mine = echoCredentials ? currentUcred() : ucred {};
            const bool ok = rawSend(connection, m.data, m.fds, echoCredentials ? &mine : nullptr);
            closeAll(m.fds);
            if (!ok)
                return;
        }
    }

    // Keeps the credentials a message came with in lastCredentials.
    void noteCredentials(const RawMessage &m)
    {
        if (!m.credentials)
            return;
        std::lock_guard lock(mutex);
        lastCredentials = *m.credentials;
    }

    // Waits until fd is readable; false once stop() was called.
    bool waitReadable(int fd)
    {
        pollfd fds[2] = {{fd, POLLIN, 0}, {m_stop, POLLIN, 0}};
        for (;;) {
            const int n = ::poll(fds, 2, -1);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 || (fds[1].revents & POLLIN))
                return false;
            return true;
        }
    }

    void stop()
    {
        if (m_stop < 0)
            return;
        const uint64_t one = 1;
        [[maybe_unused]] const ssize_t w = ::write(m_stop, &one, sizeof(one));
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_socket);
        ::close(m_stop);
        m_stop = -1;
        if (!m_path.isEmpty())
            ::unlink(m_path.constData());
    }

    std::atomic<bool> echoCredentials {false};
    std::atomic<int> accepted {0};
    std::atomic<int> datagrams {0};
    std::mutex mutex;
    std::optional<ucred> lastCredentials; // guarded by mutex

private:
    int m_type;
    int m_socket = -1;
    int m_stop = -1;
    std::atomic<int> m_connection {-1};
    bool m_ok = false;
    QByteArray m_path;
    std::thread m_thread;
};

} // namespace EasyNetTest
