// SocketIo: the data operations on a connected socket of any family (TCP,
// UDP, AF_UNIX): sendmsg()/recvmsg() with ancillary data, half-close. No
// QObject, no event loop: every call is non-blocking (MSG_DONTWAIT) and says
// "would block" instead of waiting, unless a receive is asked to wait in the
// kernel. The engines of the event-driven clients, the blocking clients and
// the console's Unix echo servers all do their I/O here (the console core
// compiles this file too: libEasyNet does not export it).
//
// Errors are EasyNet::Error values built from errno (Error::fromErrno), with a
// context naming the call; EINTR is retried inside. Received descriptors are
// close-on-exec (MSG_CMSG_CLOEXEC); sends never raise SIGPIPE (MSG_NOSIGNAL).
#pragma once

#include "transport/ioresult_p.h"

#include <EasyNet/socketancillary.h>
#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QByteArrayView>

namespace EasyNet::SocketIo {

// close() when fd is a descriptor (>= 0).
void close(int fd);

// One sendmsg() of data with the ancillary data to send, if any (SCM_RIGHTS,
// SCM_CREDENTIALS). MSG_NOSIGNAL: a closed peer gives EPIPE (BrokenPipe). A
// stream may take fewer bytes than given (partial write): the ancillary data
// went with them; send the rest without it. to: the destination of a datagram
// on an unconnected AF_UNIX socket (sendto()), else null.
IoResult send(int fd, QByteArrayView data, const SocketAncillary *ancillary,
              const UnixSocketAddress *to = nullptr);

// One recvmsg() into buffer. With ancillaryBufsize > 0 and received non-null,
// a control buffer of that size collects ancillary data into *received
// (descriptors owned by *received); truncated control data (MSG_CTRUNC) is an
// error saying so, and the descriptors that did arrive are closed. With
// ancillaryBufsize 0, ancillary data is discarded by the kernel (descriptors
// never reach this process). datagram: pass MSG_TRUNC so that a longer
// datagram is reported (truncated, bytes = its real size). A stream's end is
// bytes == 0 with ok().
// Wait::InKernel: on a blocking descriptor, wait in recvmsg() itself (until
// SO_RCVTIMEO, which then says wouldBlock) instead of saying wouldBlock at once.
// sender: where a datagram on an AF_UNIX socket came from (recvfrom()), or null.
enum class Wait { No, InKernel };
IoResult receive(int fd, char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                 SocketAncillary *received, bool datagram, Wait wait = Wait::No,
                 UnixSocketAddress *sender = nullptr);

// Whether fd has something to read (data, an end of stream or an error) right
// now, without reading it.
bool hasPendingInput(int fd);

// shutdown(SHUT_WR).
bool shutdownWrite(int fd, Error &error);

// The EOFError of a stream chunk that carried ancillary data but ends in the
// middle of a packet (its descriptors are then closed, never attached to a
// later packet).
Error partialChunkError(qsizetype chunkBytes, qsizetype descriptorCount);

} // namespace EasyNet::SocketIo
