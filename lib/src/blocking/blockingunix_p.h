// Connecting and adopting descriptors for the blocking Unix clients.
#pragma once

#include <EasyNet/blockingunixoptions.h>

namespace EasyNet {

// A connected AF_UNIX socket of type (SOCK_STREAM / SOCK_DGRAM), bound first to
// options.bindAddress (a datagram socket without one autobinds); throws.
int connectUnix(const UnixSocketAddress &address, int type, const BlockingUnixOptions &options);
// Checks an adopted descriptor (connected AF_UNIX of this type); throws.
int adoptUnix(qintptr fd, int type, const BlockingUnixOptions &options);
// UnixSocketAddress::fromString(), or throws OSError (EINVAL) for bad text.
UnixSocketAddress parseUnixAddress(const QString &text);

} // namespace EasyNet
