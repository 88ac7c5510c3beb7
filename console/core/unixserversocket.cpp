#include "unixserversocket_p.h"

#include <QtCore/QCoreApplication>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace EasyNetConsole {

using namespace EasyNet;

namespace {

sockaddr *asSockaddr(sockaddr_un *address)
{
    return reinterpret_cast<sockaddr *>(address);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("EasyNetConsole::EchoServer", text);
}

} // namespace

bool UnixServerSocket::open(int type, const UnixSocketAddress &address, QObject *context,
                            const std::function<void()> &onReadable, QString *errorString)
{
    close();
    const auto fail = [&](int fd, const QString &what) {
        *errorString
            = tr("Cannot listen on %1: %2: %3")
                  .arg(address.toString(), what, QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0)
            ::close(fd);
        return false;
    };
    const int fd = ::socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return fail(fd, tr("socket"));
    const int one = 1;
    if (::setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) != 0)
        return fail(fd, tr("SO_PASSCRED"));
    sockaddr_un addr {};
    const socklen_t length = socklen_t(address.toSockAddr(addr));
    if (::bind(fd, asSockaddr(&addr), length) != 0) {
        // A socket file nobody listens on any more (a server that crashed).
        const int bindError = errno;
        struct stat info
        {
        };
        const bool stale = bindError == EADDRINUSE && address.isPath()
            && ::stat(address.nativePath().constData(), &info) == 0 && S_ISSOCK(info.st_mode) &&
            [&] {
                const int probe = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
                const bool refused = probe >= 0 && ::connect(probe, asSockaddr(&addr), length) != 0
                    && errno == ECONNREFUSED;
                if (probe >= 0)
                    ::close(probe);
                return refused;
            }();
        if (!stale) {
            errno = bindError;
            return fail(fd, tr("bind"));
        }
        if (::unlink(address.nativePath().constData()) != 0
            || ::bind(fd, asSockaddr(&addr), length) != 0)
            return fail(fd, tr("bind"));
    }
    if (type == SOCK_STREAM && ::listen(fd, SOMAXCONN) != 0)
        return fail(fd, tr("listen"));
    m_fd = fd;
    if (address.isPath())
        m_createdPath = address.nativePath();
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, context);
    QObject::connect(m_notifier, &QSocketNotifier::activated, context, onReadable);
    return true;
}

void UnixServerSocket::close()
{
    if (m_fd < 0)
        return;
    // Closing may happen in a slot the notifier's own signal runs.
    m_notifier->setEnabled(false);
    m_notifier->deleteLater();
    m_notifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
    if (!m_createdPath.isEmpty())
        ::unlink(m_createdPath.constData());
    m_createdPath.clear();
}

} // namespace EasyNetConsole
