// StreamChannel: non-blocking byte I/O on a connected stream socket, plain or
// TLS. The blocking stream client drives it: on WantRead / WantWrite it polls
// the socket for that event and calls again. It is the ReadSource its
// StreamEndpoint reads from.
#pragma once

#include "transport/readsource_p.h"

#include <EasyNet/errors.h>

#include <QtCore/QtGlobal>

namespace EasyNet {

class StreamChannel : public ReadSource
{
public:
    enum class Status { Done, WantRead, WantWrite, EndOfStream, Failed };

    ~StreamChannel() override;
    // Writes up to size bytes; written is set with Done.
    virtual Status write(const char *data, qsizetype size, qsizetype &written, Error &error) = 0;
    // Half-close (after everything was written); false with error when impossible.
    virtual bool shutdownWrite(Error &error) = 0;
    // The closing handshake, if the channel has one (called before the descriptor closes).
    virtual void close() { }
    // Whether the channel may hold read data the socket no longer shows as
    // readable (TLS records already decrypted): then a read must come before a poll.
    virtual bool buffersReadData() const { return true; }
};

// Plain TCP or Unix stream socket: send(MSG_NOSIGNAL) / recv / shutdown(SHUT_WR).
class PlainStreamChannel final : public StreamChannel
{
public:
    explicit PlainStreamChannel(int fd) : m_fd(fd) { }
    Status write(const char *data, qsizetype size, qsizetype &written, Error &error) override;
    // recvmsg(), with the ancillary data of a Unix socket when asked for.
    UnixSocket::IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                              SocketAncillary *received) override;
    bool shutdownWrite(Error &error) override;
    bool buffersReadData() const override { return false; }

private:
    int m_fd;
};

} // namespace EasyNet
