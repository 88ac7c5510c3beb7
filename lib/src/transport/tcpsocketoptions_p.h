// TcpSocketOptions: the socket options of TcpOptions (TCP_NODELAY,
// SO_KEEPALIVE and its timings, TCP_USER_TIMEOUT), checked against the ranges
// Linux accepts and set on a connected descriptor, the same way for both forms
// of the TCP client.
#pragma once

#include <EasyNet/errors.h>
#include <EasyNet/tcpoptions.h>

#include <QtCore/QString>

namespace EasyNet {

class TcpSocketOptions
{
public:
    // Why options' socket options cannot be set (naming the field), or an
    // empty string when they can.
    static QString problem(const TcpOptions &options);
    // Sets them on fd; the kernel's refusal as an error.
    static Error apply(int fd, const TcpOptions &options);
};

} // namespace EasyNet
