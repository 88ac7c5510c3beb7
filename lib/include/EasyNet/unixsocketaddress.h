/// \class EasyNet::UnixSocketAddress
/// UnixSocketAddress: the address of an AF_UNIX socket, as a value type. Three kinds:
///
/// - Path: a filesystem path, at most 108 bytes once encoded (QFile::encodeName);
///   longer paths do not fit in sockaddr_un::sun_path and are refused.
/// - Abstract: a name in Linux's abstract namespace, arbitrary bytes (at most 107),
///   not a file. Text form "@name".
/// - Unnamed: the address of a socket that was never bound (or autobind on bind()).
///   Text form "<unnamed>".
///
/// Text forms: "/tmp/x.sock" (any non-empty text not starting with '@' and not
/// "<unnamed>" is a path, relative ones included), "@name", "<unnamed>". In an
/// abstract name, bytes that are not printable text, and '\', are written "\xHH"
/// (and "\\"), so that fromString(toString()) gives back the same bytes.
///
/// toSockAddr() / fromSockAddr() convert to and from struct sockaddr_un (from
/// <sys/un.h>; this header only forward-declares it), for bind(), connect(),
/// getsockname(), getpeername(), recvmsg().
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QDebug>
#include <QtCore/QMetaType>
#include <QtCore/QString>
#include <QtCore/QStringView>

struct sockaddr_un;

namespace EasyNet {

class EASYNET_EXPORT UnixSocketAddress
{
public:
    /// Null (no address), Unnamed (an unbound socket's), Path (a filesystem path) or
    /// Abstract (Linux's abstract namespace).
    enum class Kind { Null, Unnamed, Path, Abstract };

    /// Longest path (in bytes, encoded) and abstract name that fit in sun_path.
    static constexpr qsizetype MaxPathLength = 108;
    /// See MaxPathLength.
    static constexpr qsizetype MaxAbstractNameLength = MaxPathLength - 1;

    /// A null address: not a valid address of any kind (isNull()).
    UnixSocketAddress() = default;

    /// The address of an unbound socket.
    static UnixSocketAddress unnamed();
    /// A filesystem path; null and *ok = false when empty, holding a NUL character
    /// or too long.
    static UnixSocketAddress fromPath(const QString &path, bool *ok = nullptr);
    /// The same from the path's bytes as the system sees them.
    static UnixSocketAddress fromNativePath(QByteArrayView path, bool *ok = nullptr);
    /// An abstract-namespace name (without the leading NUL of sun_path); null and
    /// *ok = false when longer than MaxAbstractNameLength.
    static UnixSocketAddress fromAbstractName(QByteArrayView name, bool *ok = nullptr);

    /// Which kind of address this is.
    Kind kind() const noexcept { return m_kind; }
    /// True for Kind::Null.
    bool isNull() const noexcept { return m_kind == Kind::Null; }
    /// True for Kind::Unnamed.
    bool isUnnamed() const noexcept { return m_kind == Kind::Unnamed; }
    /// True for Kind::Path.
    bool isPath() const noexcept { return m_kind == Kind::Path; }
    /// True for Kind::Abstract.
    bool isAbstract() const noexcept { return m_kind == Kind::Abstract; }

    /// The path (Path kind; empty otherwise), decoded / as bytes.
    QString path() const;
    /// See path().
    QByteArray nativePath() const;
    /// The abstract name's bytes (Abstract kind; empty otherwise).
    QByteArray abstractName() const;

    /// "/tmp/x.sock", "@name", "<unnamed>"; an empty string for a null address.
    QString toString() const;
    /// Parses the toString() form; a null address and *ok = false on bad input.
    static UnixSocketAddress fromString(QStringView text, bool *ok = nullptr);

    /// Fills addr (zeroed first) and returns the length to pass with it to bind() or
    /// connect(): offsetof(sockaddr_un, sun_path) + the path and its terminating NUL
    /// (none for a path of exactly 108 bytes), + 1 + the name for an abstract name,
    /// sizeof(sa_family_t) for an unnamed address. Returns -1 for a null address.
    qsizetype toSockAddr(::sockaddr_un &addr) const;
    /// The address held by the first length bytes of addr, as returned by
    /// getsockname(), getpeername(), accept() or recvmsg(): a length of 0 (recvmsg()
    /// from an unbound sender) or sizeof(sa_family_t) is unnamed, sun_path[0] == '\0'
    /// starts an abstract name, anything else is a path (up to its first NUL; Linux
    /// reports sizeof(sockaddr_un) + 1 for a path of 108 bytes, which is accepted).
    /// A null address and *ok = false when the family is not AF_UNIX or length is out
    /// of range.
    static UnixSocketAddress fromSockAddr(const ::sockaddr_un &addr, qsizetype length,
                                          bool *ok = nullptr);

    /// Equal when kind and bytes are.
    friend bool operator==(const UnixSocketAddress &a, const UnixSocketAddress &b)
    {
        return a.m_kind == b.m_kind && a.m_bytes == b.m_bytes;
    }
    /// The negation of operator==.
    friend bool operator!=(const UnixSocketAddress &a, const UnixSocketAddress &b)
    {
        return !(a == b);
    }

private:
    UnixSocketAddress(Kind kind, QByteArray bytes) : m_kind(kind), m_bytes(std::move(bytes)) { }

    Kind m_kind = Kind::Null;
    QByteArray m_bytes; ///< the encoded path or the abstract name
};

/// A hash of address, for QHash and QSet.
EASYNET_EXPORT size_t qHash(const UnixSocketAddress &address, size_t seed = 0) noexcept;
/// Prints address in its toString() form.
EASYNET_EXPORT QDebug operator<<(QDebug debug, const UnixSocketAddress &address);

} // namespace EasyNet

Q_DECLARE_METATYPE(EasyNet::UnixSocketAddress)
