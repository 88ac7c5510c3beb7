#include "socketio_p.h"

#include "core/socketancillary_p.h"

#include <QtCore/QVarLengthArray>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace EasyNet {
namespace SocketIo {

namespace {

// The CMSG_* macros of <sys/socket.h> are written with C casts; keep them here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wcast-align"
constexpr size_t cmsgSpace(size_t bytes)
{
    return CMSG_SPACE(bytes);
}
constexpr size_t cmsgLen(size_t bytes)
{
    return CMSG_LEN(bytes);
}
cmsghdr *firstHeader(msghdr *message)
{
    return CMSG_FIRSTHDR(message);
}
cmsghdr *nextHeader(msghdr *message, cmsghdr *header)
{
    return CMSG_NXTHDR(message, header);
}
unsigned char *headerData(cmsghdr *header)
{
    return CMSG_DATA(header);
}
#pragma GCC diagnostic pop

} // namespace

void close(int fd)
{
    if (fd >= 0)
        ::close(fd);
}

IoResult send(int fd, QByteArrayView data, const SocketAncillary *ancillary,
              const UnixSocketAddress *to)
{
    IoResult result;
    iovec iov {const_cast<char *>(data.data()), size_t(data.size())};
    msghdr message {};
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    sockaddr_un destination {};
    if (to) {
        message.msg_name = &destination;
        message.msg_namelen = socklen_t(to->toSockAddr(destination));
    }

    constexpr size_t MaxControl
        = cmsgSpace(sizeof(int) * SocketAncillary::MaxFileDescriptors) + cmsgSpace(sizeof(ucred));
    union {
        cmsghdr align;
        char bytes[MaxControl];
    } control;
    if (ancillary && ancillary->hasDataToSend()) {
        const SocketAncillaryData &anc = SocketAncillaryAccess::data(*ancillary);
        if (anc.toSendFds.size() > SocketAncillary::MaxFileDescriptors) {
            result.error = Error(ErrorCode::OSError,
                                 QStringLiteral("cannot pass %1 descriptors in one message "
                                                "(at most %2)")
                                     .arg(anc.toSendFds.size())
                                     .arg(SocketAncillary::MaxFileDescriptors),
                                 EINVAL);
            return result;
        }
        size_t controlLength = 0;
        if (!anc.toSendFds.isEmpty())
            controlLength += cmsgSpace(sizeof(int) * size_t(anc.toSendFds.size()));
        if (anc.toSendCredentials)
            controlLength += cmsgSpace(sizeof(ucred));
        std::memset(control.bytes, 0, controlLength);
        message.msg_control = control.bytes;
        message.msg_controllen = controlLength;
        cmsghdr *header = firstHeader(&message);
        if (!anc.toSendFds.isEmpty()) {
            const size_t bytes = sizeof(int) * size_t(anc.toSendFds.size());
            header->cmsg_level = SOL_SOCKET;
            header->cmsg_type = SCM_RIGHTS;
            header->cmsg_len = cmsgLen(bytes);
            std::memcpy(headerData(header), anc.toSendFds.constData(), bytes);
            header = nextHeader(&message, header);
        }
        if (anc.toSendCredentials) {
            const ucred credentials {pid_t(anc.toSendCredentials->pid()),
                                     uid_t(anc.toSendCredentials->uid()),
                                     gid_t(anc.toSendCredentials->gid())};
            header->cmsg_level = SOL_SOCKET;
            header->cmsg_type = SCM_CREDENTIALS;
            header->cmsg_len = cmsgLen(sizeof(ucred));
            std::memcpy(headerData(header), &credentials, sizeof(ucred));
        }
    }
    ssize_t sent;
    do {
        sent = ::sendmsg(fd, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
    } while (sent < 0 && errno == EINTR);
    if (sent >= 0) {
        result.bytes = qsizetype(sent);
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
        result.wouldBlock = true;
    } else {
        const int e = errno;
        result.error = Error::fromErrno(
            e,
            e == EPIPE ? QStringLiteral("sendmsg (the peer closed the connection)")
                       : QStringLiteral("sendmsg"));
    }
    return result;
}

IoResult receive(int fd, char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                 SocketAncillary *received, bool datagram, Wait wait, UnixSocketAddress *sender)
{
    IoResult result;
    iovec iov {buffer, size_t(size)};
    msghdr message {};
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    sockaddr_un from {};
    if (sender) {
        message.msg_name = &from;
        message.msg_namelen = sizeof(from);
    }
    QVarLengthArray<cmsghdr, 512> control; // 8 KiB without allocation
    if (received && ancillaryBufsize > 0) {
        const qsizetype count
            = (ancillaryBufsize + qsizetype(sizeof(cmsghdr)) - 1) / qsizetype(sizeof(cmsghdr));
        control.resize(count);
        std::memset(control.data(), 0, size_t(count) * sizeof(cmsghdr));
        message.msg_control = control.data();
        message.msg_controllen = size_t(ancillaryBufsize);
    }
    const int flags
        = MSG_CMSG_CLOEXEC | (wait == Wait::No ? MSG_DONTWAIT : 0) | (datagram ? MSG_TRUNC : 0);
    ssize_t got;
    do {
        got = ::recvmsg(fd, &message, flags);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            result.wouldBlock = true;
        else
            result.error = Error::fromErrno(errno, QStringLiteral("recvmsg"));
        return result;
    }
    result.bytes = qsizetype(got);
    result.truncated = datagram && ((message.msg_flags & MSG_TRUNC) || got > size);
    if (sender)
        *sender = UnixSocketAddress::fromSockAddr(from, qsizetype(message.msg_namelen));

    if (!message.msg_control)
        return result;
    QList<int> fds;
    std::optional<UnixCredentials> credentials;
    for (cmsghdr *header = firstHeader(&message); header; header = nextHeader(&message, header)) {
        if (header->cmsg_level != SOL_SOCKET)
            continue;
        const size_t payload = header->cmsg_len - cmsgLen(0);
        if (header->cmsg_type == SCM_RIGHTS) {
            const qsizetype count = qsizetype(payload / sizeof(int));
            const qsizetype first = fds.size();
            fds.resize(first + count);
            std::memcpy(fds.data() + first, headerData(header), size_t(count) * sizeof(int));
        } else if (header->cmsg_type == SCM_CREDENTIALS && payload >= sizeof(ucred)) {
            ucred c {};
            std::memcpy(&c, headerData(header), sizeof(ucred));
            credentials = UnixCredentials(qint64(c.pid), quint32(c.uid), quint32(c.gid));
        }
    }
    if (message.msg_flags & MSG_CTRUNC) {
        for (int received_fd : std::as_const(fds))
            ::close(received_fd);
        result.error = Error(ErrorCode::OSError,
                             QStringLiteral("ancillary data truncated: the control buffer of %1 "
                                            "bytes is too small (MSG_CTRUNC); the %2 "
                                            "descriptor(s) that arrived were closed")
                                 .arg(ancillaryBufsize)
                                 .arg(fds.size()),
                             EMSGSIZE);
        result.controlTruncated = true;
        return result;
    }
    if (!fds.isEmpty() || credentials)
        SocketAncillaryAccess::addReceived(*received, fds, credentials);
    return result;
}

bool hasPendingInput(int fd)
{
    pollfd entry {fd, POLLIN, 0};
    int ready;
    do {
        ready = ::poll(&entry, 1, 0);
    } while (ready < 0 && errno == EINTR);
    return ready > 0;
}

bool shutdownWrite(int fd, Error &error)
{
    if (::shutdown(fd, SHUT_WR) != 0) {
        error = Error::fromErrno(errno, QStringLiteral("shutdown(SHUT_WR)"));
        return false;
    }
    return true;
}

Error partialChunkError(qsizetype chunkBytes, qsizetype descriptorCount)
{
    return Error(ErrorCode::EndOfStream,
                 QStringLiteral("partial chunk with ancillary data: the %1 bytes that carried it "
                                "end in the middle of a packet; %2 received descriptor(s) closed")
                     .arg(chunkBytes)
                     .arg(descriptorCount));
}

} // namespace SocketIo
} // namespace EasyNet
