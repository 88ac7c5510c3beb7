// Conversions between QHostAddress + port and the sockaddr of raw IP sockets,
// for the clients that drive raw descriptors (the blocking ones).
#pragma once

#include <QtNetwork/QHostAddress>

#include <utility>

struct sockaddr_storage;

namespace EasyNet {

// Fills storage with address:port; returns the length to pass to bind/connect.
unsigned toSockAddr(const QHostAddress &address, quint16 port, sockaddr_storage &storage);
// The local (peer = false) or remote address of a socket; null and 0 on failure.
std::pair<QHostAddress, quint16> socketAddress(qintptr fd, bool peer);

} // namespace EasyNet
