#include <EasyNet/sockethandle.h>

#include <sys/socket.h>

#include <cerrno>

namespace EasyNet {

static bool fail(int *errnum)
{
    if (errnum)
        *errnum = errno;
    return false;
}

std::optional<int> SocketHandle::intOption(int level, int name, int *errnum) const
{
    int value = 0;
    socklen_t length = sizeof(value);
    if (::getsockopt(int(m_descriptor), level, name, &value, &length) != 0) {
        fail(errnum);
        return std::nullopt;
    }
    return value;
}

bool SocketHandle::setIntOption(int level, int name, int value, int *errnum) const
{
    if (::setsockopt(int(m_descriptor), level, name, &value, sizeof(value)) != 0)
        return fail(errnum);
    return true;
}

std::optional<QByteArray> SocketHandle::option(int level, int name, qsizetype maxSize,
                                               int *errnum) const
{
    QByteArray value(maxSize, Qt::Uninitialized);
    socklen_t length = socklen_t(maxSize);
    if (::getsockopt(int(m_descriptor), level, name, value.data(), &length) != 0) {
        fail(errnum);
        return std::nullopt;
    }
    value.truncate(qsizetype(length));
    return value;
}

bool SocketHandle::setOption(int level, int name, const QByteArray &value, int *errnum) const
{
    if (::setsockopt(int(m_descriptor), level, name, value.constData(), socklen_t(value.size())) != 0)
        return fail(errnum);
    return true;
}

} // namespace EasyNet
