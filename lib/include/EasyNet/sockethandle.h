/// \class EasyNet::SocketHandle
/// SocketHandle: a small view of a client's socket for options and the descriptor
/// (the reference's SocketProxy). It never closes the socket; it is invalid
/// (descriptor() == -1) once the client is closed.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QByteArray>

#include <optional>

namespace EasyNet {

class EASYNET_EXPORT SocketHandle
{
public:
    /// An invalid handle.
    SocketHandle() = default;
    /// A handle on descriptor (not owned).
    explicit SocketHandle(qintptr descriptor) : m_descriptor(descriptor) {}

    /// The socket descriptor, -1 for an invalid handle.
    qintptr descriptor() const noexcept { return m_descriptor; }
    /// True for a descriptor that is not -1.
    bool isValid() const noexcept { return m_descriptor >= 0; }

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
    qintptr m_descriptor = -1;
};

} // namespace EasyNet
