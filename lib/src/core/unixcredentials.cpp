#include <EasyNet/unixcredentials.h>

#include <QtCore/QHashFunctions>

#include <unistd.h>

namespace EasyNet {

UnixCredentials UnixCredentials::current()
{
    return UnixCredentials(qint64(::getpid()), quint32(::geteuid()), quint32(::getegid()));
}

size_t qHash(const UnixCredentials &credentials, size_t seed) noexcept
{
    return qHashMulti(seed, credentials.pid(), credentials.uid(), credentials.gid());
}

QDebug operator<<(QDebug debug, const UnixCredentials &credentials)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "EasyNet::UnixCredentials(pid=" << credentials.pid()
                    << ", uid=" << credentials.uid() << ", gid=" << credentials.gid() << ')';
    return debug;
}

} // namespace EasyNet
