#include "unixmessage_p.h"

#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace EasyNetConsole {

using namespace EasyNet;

namespace {

constexpr size_t MaxDescriptors = 253; // SCM_MAX_FD

// CMSG_* are macros with C casts.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wcast-align"
#pragma GCC diagnostic ignored "-Wsign-compare"

constexpr size_t ControlSize = CMSG_SPACE(sizeof(int) * MaxDescriptors) + CMSG_SPACE(sizeof(ucred));

void readControl(msghdr &message, UnixMessage &out)
{
    for (cmsghdr *header = CMSG_FIRSTHDR(&message); header;
         header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level != SOL_SOCKET)
            continue;
        const size_t length = header->cmsg_len - CMSG_LEN(0);
        if (header->cmsg_type == SCM_RIGHTS) {
            for (size_t i = 0; i < length / sizeof(int); ++i) {
                int fd;
                std::memcpy(&fd, CMSG_DATA(header) + i * sizeof(int), sizeof(int));
                out.fileDescriptors.append(fd);
            }
        } else if (header->cmsg_type == SCM_CREDENTIALS && length >= sizeof(ucred)) {
            ucred credentials;
            std::memcpy(&credentials, CMSG_DATA(header), sizeof(credentials));
            out.credentials = UnixCredentials(credentials.pid, credentials.uid, credentials.gid);
        }
    }
}

size_t writeRights(msghdr &message, char *control, const QList<int> &fileDescriptors)
{
    message.msg_control = control;
    message.msg_controllen = CMSG_SPACE(sizeof(int) * size_t(fileDescriptors.size()));
    cmsghdr *header = CMSG_FIRSTHDR(&message);
    header->cmsg_level = SOL_SOCKET;
    header->cmsg_type = SCM_RIGHTS;
    header->cmsg_len = CMSG_LEN(sizeof(int) * size_t(fileDescriptors.size()));
    std::memcpy(CMSG_DATA(header), fileDescriptors.constData(),
                sizeof(int) * size_t(fileDescriptors.size()));
    return message.msg_controllen;
}

#pragma GCC diagnostic pop

} // namespace

qsizetype UnixMessage::receive(int socket, qsizetype maxSize, bool datagram)
{
    data.resize(maxSize);
    iovec vector {data.data(), size_t(maxSize)};
    sockaddr_un from {};
    alignas(cmsghdr) char control[ControlSize];
    msghdr message {};
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    message.msg_name = &from;
    message.msg_namelen = sizeof(from);
    message.msg_control = control;
    message.msg_controllen = sizeof(control);
    ssize_t result;
    do {
        result = ::recvmsg(socket, &message,
                           MSG_DONTWAIT | MSG_CMSG_CLOEXEC | (datagram ? MSG_TRUNC : 0));
    } while (result < 0 && errno == EINTR);
    if (result < 0) {
        data.clear();
        return -1;
    }
    size = qsizetype(result);
    data.resize(qMin(size, maxSize));
    controlTruncated = message.msg_flags & MSG_CTRUNC;
    readControl(message, *this);
    if (datagram)
        sender = UnixSocketAddress::fromSockAddr(from, message.msg_namelen);
    return size;
}

qsizetype sendUnixMessage(int socket, QByteArrayView data, const QList<int> &fileDescriptors,
                          const UnixSocketAddress *to)
{
    iovec vector {const_cast<char *>(data.data()), size_t(data.size())};
    msghdr message {};
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    sockaddr_un address {};
    if (to) {
        message.msg_name = &address;
        message.msg_namelen = socklen_t(to->toSockAddr(address));
    }
    alignas(cmsghdr) char control[ControlSize] = {};
    if (!fileDescriptors.isEmpty())
        writeRights(message, control, fileDescriptors);
    ssize_t result;
    do {
        result = ::sendmsg(socket, &message, MSG_DONTWAIT | MSG_NOSIGNAL);
    } while (result < 0 && errno == EINTR);
    return qsizetype(result);
}

void closeDescriptors(const QList<int> &fileDescriptors)
{
    for (int fd : fileDescriptors)
        ::close(fd);
}

} // namespace EasyNetConsole
