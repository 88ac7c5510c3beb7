/// \class EasyNet::SocketHandle
/// SocketHandle: a small view of a client's socket (the reference's
/// SocketProxy): its descriptor, family and addresses, and socket options. It
/// never closes the socket. Every handle of a client becomes invalid
/// (descriptor() == -1, every call fails with EBADF) when the client closes the
/// socket, also a handle taken before: it never names a file opened later
/// under the same descriptor number.
///
/// \code
///   const SocketHandle handle = client.socket();
///   handle.setIntOption(SOL_SOCKET, SO_RCVBUF, 1 << 20);
///   qDebug() << handle.localAddress() << handle.localPort();
/// \endcode
#pragma once

#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QByteArray>
#include <QtNetwork/QHostAddress>

#include <atomic>
#include <memory>
#include <optional>

namespace EasyNet {

class SocketHandleCell;

class EASYNET_EXPORT SocketHandle
{
public:
    /// The socket's address family.
    enum class Family {
        Unknown, ///< an invalid handle, or a family none of the clients uses
        IPv4, ///< AF_INET
        IPv6, ///< AF_INET6
        Unix, ///< AF_UNIX
    };

    /// An invalid handle.
    SocketHandle() = default;

    /// The socket descriptor; -1 for an invalid handle and once the client closed it.
    qintptr descriptor() const noexcept;
    /// True while descriptor() is not -1.
    bool isValid() const noexcept { return descriptor() >= 0; }

    /// The address family (SO_DOMAIN).
    Family family() const;
    /// IPv4 and IPv6: the socket's own address and port (getsockname());
    /// null and 0 otherwise.
    QHostAddress localAddress() const;
    quint16 localPort() const; ///< see localAddress()
    /// IPv4 and IPv6: the peer's address and port (getpeername()); null and 0
    /// otherwise (an unconnected UDP socket included).
    QHostAddress peerAddress() const;
    quint16 peerPort() const; ///< see peerAddress()
    /// Unix: the socket's own path or abstract name (null when unbound or not Unix).
    UnixSocketAddress localUnixAddress() const;
    /// Unix: the peer's path or abstract name (null when unnamed or not Unix).
    UnixSocketAddress peerUnixAddress() const;

    /// getsockopt / setsockopt on an int option, e.g. (IPPROTO_TCP, TCP_NODELAY).
    /// Return nullopt / false and set *errnum on failure.
    std::optional<int> intOption(int level, int name, int *errnum = nullptr) const;
    /// See intOption().
    bool setIntOption(int level, int name, int value, int *errnum = nullptr) const;
    /// Raw option bytes (up to maxSize).
    std::optional<QByteArray> option(int level, int name, qsizetype maxSize,
                                     int *errnum = nullptr) const;
    /// Sets raw option bytes; false and *errnum set on failure.
    bool setOption(int level, int name, const QByteArray &value, int *errnum = nullptr) const;

private:
    friend class SocketHandleCell;
    explicit SocketHandle(std::shared_ptr<const std::atomic<qintptr>> descriptor)
        : m_descriptor(std::move(descriptor))
    {
    }

    // Shared with the client, which sets it to -1 before it closes the socket.
    std::shared_ptr<const std::atomic<qintptr>> m_descriptor;
};

} // namespace EasyNet
