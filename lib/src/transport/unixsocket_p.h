// UnixSocket: the raw AF_UNIX operations shared by the Unix clients. No QObject,
// no event loop: every call is non-blocking (MSG_DONTWAIT) and says "would
// block" instead of waiting, so the event-driven clients drive these with
// QSocketNotifier and a blocking client with poll(); only a receive asked to
// may wait, in the kernel.
//
// Errors are EasyNet::Error values built from errno (Error::fromErrno), with a
// context naming the call; EINTR is retried inside. Every descriptor created
// here is close-on-exec (SOCK_CLOEXEC, MSG_CMSG_CLOEXEC); sends never raise
// SIGPIPE (MSG_NOSIGNAL).
#pragma once

#include <EasyNet/errors.h>
#include <EasyNet/socketancillary.h>
#include <EasyNet/unixcredentials.h>
#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QByteArrayView>
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
void close(int fd);

// bind(); an unnamed address asks Linux to autobind to a fresh abstract name.
bool bind(int fd, const UnixSocketAddress &address, Error &error);

enum class ConnectResult {
    Connected,
    TryAgain, // stream: the listener's backlog is full (EAGAIN); retry later
    Failed, // error set: ENOENT (no such socket path), ECONNREFUSED, ...
};
ConnectResult connect(int fd, const UnixSocketAddress &address, Error &error);

struct IoResult
{
    qsizetype bytes = 0; // bytes sent / received (for a datagram: its real size)
    bool wouldBlock = false; // EAGAIN: nothing done, wait for readiness
    bool wantsWrite = false; // with wouldBlock: wait for writability (a TLS read)
    Error error; // set on failure
    bool truncated = false; // receive: the datagram was larger than the buffer (MSG_TRUNC)
    // receive: the control data was truncated (MSG_CTRUNC): error is set, yet
    // bytes were received and must be consumed.
    bool controlTruncated = false;

    bool ok() const noexcept { return !wouldBlock && !error.isError(); }
};

// One sendmsg() of data with the ancillary data to send, if any (SCM_RIGHTS,
// SCM_CREDENTIALS). MSG_NOSIGNAL: a closed peer gives EPIPE (BrokenPipe). A
// stream may take fewer bytes than given (partial write): the ancillary data
// went with them; send the rest without it.
IoResult send(int fd, QByteArrayView data, const SocketAncillary *ancillary);

// One recvmsg() into buffer. With ancillaryBufsize > 0 and received non-null,
// a control buffer of that size collects ancillary data into *received
// (descriptors close-on-exec, owned by *received); truncated control data
// (MSG_CTRUNC) is an error saying so, and the descriptors that did arrive are
// closed. With ancillaryBufsize 0, ancillary data is discarded by the kernel
// (descriptors never reach this process). datagram: pass MSG_TRUNC so that a
// longer datagram is reported (truncated, bytes = its real size). A stream's end
// is bytes == 0 with ok().
// Wait::InKernel: on a blocking descriptor, wait in recvmsg() itself (until
// SO_RCVTIMEO, which then says wouldBlock) instead of saying wouldBlock at once.
enum class Wait { No, InKernel };
IoResult receive(int fd, char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                 SocketAncillary *received, bool datagram, Wait wait = Wait::No);

// SO_PASSCRED: receive the sender's credentials with every message.
bool setPassCredentials(int fd, bool enabled, Error &error);
// SO_PEERCRED of a connected stream socket.
std::optional<UnixCredentials> peerCredentials(int fd, Error &error);
// getsockname() / getpeername(); a null address and error set on failure.
UnixSocketAddress localName(int fd, Error &error);
UnixSocketAddress peerName(int fd, Error &error);
// SO_ERROR: the pending error of the socket, if any.
Error pendingError(int fd);
bool shutdownWrite(int fd, Error &error);

// The EOFError of a stream chunk that carried ancillary data but ends in the
// middle of a packet (its descriptors are then closed, never attached to a
// later packet).
Error partialChunkError(qsizetype chunkBytes, qsizetype descriptorCount);

} // namespace UnixSocket
} // namespace EasyNet
