/// \class EasyNet::BlockingUnixOptions
/// BlockingUnixOptions: the options of the blocking Unix clients. The sizes a
/// client uses must be positive, or its constructor throws ValueError; so does
/// adopting a descriptor that is not an AF_UNIX socket of the client's type.
#pragma once

#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QtGlobal>

#include <chrono>
#include <optional>

namespace EasyNet {

struct BlockingUnixOptions
{
    /// Bind to this address first (a bound file is not deleted on close). A
    /// datagram client without one autobinds to an abstract name so that the
    /// peer can answer.
    UnixSocketAddress localAddress;
    bool passCredentials = false;                           ///< SO_PASSCRED
    std::optional<std::chrono::milliseconds> connectTimeout; ///< none: forever
    qsizetype maxRecvSize = 16 * 1024;                      ///< stream: bytes per read
    qsizetype maxPacketSize = 64 * 1024;                    ///< stream decoder limit
    qsizetype maxDatagramSize = 64 * 1024;                  ///< datagram limit
    std::optional<std::chrono::milliseconds> retryInterval; ///< none: forever
};

} // namespace EasyNet
