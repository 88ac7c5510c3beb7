#include "streamchannel_p.h"

#include <sys/socket.h>

#include <cerrno>

namespace EasyNet {

StreamChannel::~StreamChannel() = default;

StreamChannel::Status PlainStreamChannel::write(const char *data, qsizetype size,
                                                qsizetype &written, Error &error)
{
    for (;;) {
        const ssize_t n = ::send(m_fd, data, size_t(size), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n >= 0) {
            written = qsizetype(n);
            return Status::Done;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return Status::WantWrite;
        error = Error::fromErrno(errno, QStringLiteral("send"));
        return Status::Failed;
    }
}

bool PlainStreamChannel::shutdownWrite(Error &error)
{
    if (::shutdown(m_fd, SHUT_WR) == 0 || errno == ENOTCONN)
        return true;
    error = Error::fromErrno(errno, QStringLiteral("shutdown"));
    return false;
}

} // namespace EasyNet
