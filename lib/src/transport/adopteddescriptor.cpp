#include "adopteddescriptor_p.h"

#include <fcntl.h>

#include <cerrno>

namespace EasyNet {

bool prepareAdoptedDescriptor(int fd, Error &error)
{
    const int flags = ::fcntl(fd, F_GETFL);
    const int fdFlags = ::fcntl(fd, F_GETFD);
    if (flags < 0 || fdFlags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0
        || ::fcntl(fd, F_SETFD, fdFlags | FD_CLOEXEC) != 0) {
        error = Error::fromErrno(errno, QStringLiteral("cannot adopt descriptor %1").arg(fd));
        return false;
    }
    return true;
}

} // namespace EasyNet
