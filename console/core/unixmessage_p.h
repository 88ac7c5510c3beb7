// UnixMessage: one sendmsg()/recvmsg() on a raw AF_UNIX socket with its
// ancillary data (SCM_RIGHTS descriptors, SCM_CREDENTIALS), for the Unix echo
// servers: the library's SocketIo does the I/O, this only fits its results to
// the servers' descriptor lists. Private to the console core.
#pragma once

#include <EasyNet/unixcredentials.h>
#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QByteArray>
#include <QtCore/QList>

#include <optional>

namespace EasyNetConsole {

struct UnixMessage
{
    QByteArray data; // what was read (at most the size asked for)
    qsizetype size = 0; // the datagram's full size (MSG_TRUNC), or data.size()
    QList<int> fileDescriptors; // received, owned by the caller (close-on-exec)
    std::optional<EasyNet::UnixCredentials> credentials;
    EasyNet::UnixSocketAddress sender; // datagrams: who sent it
    // Ancillary data did not fit (MSG_CTRUNC): the descriptors that did
    // arrive were closed; the bytes are there.
    bool controlTruncated = false;

    // One non-blocking recvmsg() of up to maxSize bytes. Returns its result
    // (0: end of stream; -1: errno is set, EAGAIN when nothing is there).
    qsizetype receive(int socket, qsizetype maxSize, bool datagram);
};

// One non-blocking sendmsg() of data with descriptors (not closed here), to
// `to` when not null. Returns the bytes sent, or -1 with errno set.
qsizetype sendUnixMessage(int socket, QByteArrayView data, const QList<int> &fileDescriptors,
                          const EasyNet::UnixSocketAddress *to = nullptr);

void closeDescriptors(const QList<int> &fileDescriptors);

} // namespace EasyNetConsole
