// UnixServerSocket: the bound AF_UNIX socket of a Unix echo server with the
// notifier that says it is readable (a connection to accept, a datagram to
// read). It removes the socket file it created when closed. Private to the
// console core.
#pragma once

#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QObject>
#include <QtCore/QSocketNotifier>

#include <functional>

namespace EasyNetConsole {

class UnixServerSocket
{
public:
    UnixServerSocket() = default;
    ~UnixServerSocket() { close(); }
    Q_DISABLE_COPY_MOVE(UnixServerSocket)

    // A non-blocking, close-on-exec socket of type (SOCK_STREAM: listening,
    // SOCK_DGRAM) bound to address, with SO_PASSCRED; onReadable runs in
    // context whenever it is readable. A path held by a stale socket file (no
    // one listening) is taken over. False with *errorString set on failure.
    bool open(int type, const EasyNet::UnixSocketAddress &address, QObject *context,
              const std::function<void()> &onReadable, QString *errorString);
    void close();

    int descriptor() const noexcept { return m_fd; }
    bool isOpen() const noexcept { return m_fd >= 0; }

private:
    int m_fd = -1;
    QByteArray m_createdPath;
    QSocketNotifier *m_notifier = nullptr; // a child of the context
};

} // namespace EasyNetConsole
