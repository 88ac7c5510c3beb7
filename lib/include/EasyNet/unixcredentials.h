/// \class EasyNet::UnixCredentials
/// UnixCredentials: the identity of a process as Unix sockets carry it (struct
/// ucred): process id, user id, group id. Received with SCM_CREDENTIALS ancillary
/// data, sent the same way (the kernel checks them: an unprivileged process can
/// only send its own), and read from a connected stream socket's peer
/// (SO_PEERCRED, UnixStreamClient::peerCredentials()).
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QDebug>
#include <QtCore/QMetaType>

namespace EasyNet {

class EASYNET_EXPORT UnixCredentials
{
public:
    /// No credentials: pid 0, uid and gid -1.
    constexpr UnixCredentials() = default;
    /// The given process, user and group ids.
    constexpr UnixCredentials(qint64 pid, quint32 uid, quint32 gid)
        : m_pid(pid), m_uid(uid), m_gid(gid)
    {
    }

    /// This process: getpid(), geteuid(), getegid().
    static UnixCredentials current();

    /// The process id.
    constexpr qint64 pid() const noexcept { return m_pid; }
    /// The user id.
    constexpr quint32 uid() const noexcept { return m_uid; }
    /// The group id.
    constexpr quint32 gid() const noexcept { return m_gid; }

    /// Equal when pid, uid and gid are.
    friend constexpr bool operator==(const UnixCredentials &, const UnixCredentials &) = default;

private:
    qint64 m_pid = 0;
    quint32 m_uid = quint32(-1);
    quint32 m_gid = quint32(-1);
};

/// A hash of credentials, for QHash and QSet.
EASYNET_EXPORT size_t qHash(const UnixCredentials &credentials, size_t seed = 0) noexcept;
/// Prints pid, uid and gid.
EASYNET_EXPORT QDebug operator<<(QDebug debug, const UnixCredentials &credentials);

} // namespace EasyNet

Q_DECLARE_METATYPE(EasyNet::UnixCredentials)
