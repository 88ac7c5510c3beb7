// Raw IP socket helpers for the clients that drive descriptors themselves:
// conversions between QHostAddress + port and sockaddr, and the checks of an
// adopted TCP or UDP descriptor.
#pragma once

#include <EasyNet/errors.h>

#include <QtNetwork/QHostAddress>

#include <utility>

struct sockaddr_storage;

namespace EasyNet {

// Fills storage with address:port; returns the length to pass to bind/connect.
unsigned toSockAddr(const QHostAddress &address, quint16 port, sockaddr_storage &storage);
// The local (peer = false) or remote address of an IP socket; null and 0 on
// failure and for other families.
std::pair<QHostAddress, quint16> socketAddress(qintptr fd, bool peer);
// Checks that fd is a connected TCP socket (IPv4 or IPv6) and makes it
// non-blocking and close-on-exec; false and error set otherwise.
bool adoptTcpSocket(int fd, Error &error);
// Checks that fd is a connected UDP socket (IPv4 or IPv6) and makes it
// non-blocking and close-on-exec; false and error set otherwise: a socket of
// another family or type is InvalidArgument, an unconnected one ConnectionError.
bool adoptUdpSocket(int fd, Error &error);

} // namespace EasyNet
