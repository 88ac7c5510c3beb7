// UnixSocket: the AF_UNIX-only operations shared by the Unix clients of both
// forms: creating, adopting, binding and connecting a socket, credentials and
// names. No QObject, no event loop: a connect that would wait says so. The
// data path is SocketIo's, as for every other socket.
//
// Errors are EasyNet::Error values built from errno (Error::fromErrno), with a
// context naming the call; EINTR is retried inside. Every descriptor created
// here is close-on-exec (SOCK_CLOEXEC).
#pragma once

#include <EasyNet/errors.h>
#include <EasyNet/unixcredentials.h>
#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QLoggingCategory>

#include <optional>

namespace EasyNet {

Q_DECLARE_LOGGING_CATEGORY(lcUnix)

namespace UnixSocket {

// socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0); -1 and error set on failure.
int create(int type, Error &error);
// Makes an adopted descriptor non-blocking and close-on-exec, and checks that it
// is a connected AF_UNIX socket of this type (SOCK_STREAM / SOCK_DGRAM).
bool adopt(int fd, int type, Error &error);
// bind(); an unnamed address asks Linux to autobind to a fresh abstract name.
bool bind(int fd, const UnixSocketAddress &address, Error &error);

enum class ConnectResult {
    Connected,
    TryAgain, // stream: the listener's backlog is full (EAGAIN); retry later
    Failed, // error set: ENOENT (no such socket path), ECONNREFUSED, ...
};
ConnectResult connect(int fd, const UnixSocketAddress &address, Error &error);

// SO_PASSCRED: receive the sender's credentials with every message.
bool setPassCredentials(int fd, bool enabled, Error &error);
// SO_PEERCRED of a connected stream socket.
std::optional<UnixCredentials> peerCredentials(int fd, Error &error);
// getsockname() / getpeername(); a null address and error set on failure.
UnixSocketAddress localName(int fd, Error &error);
UnixSocketAddress peerName(int fd, Error &error);

} // namespace UnixSocket
} // namespace EasyNet
