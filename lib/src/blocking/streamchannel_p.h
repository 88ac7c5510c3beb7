// StreamChannel: non-blocking byte I/O on a connected stream socket, plain or
// TLS. The blocking stream client drives it: on WantRead / WantWrite it polls
// the socket for that event and calls again.
#pragma once

#include <EasyNet/errors.h>

#include <QtCore/QtGlobal>

namespace EasyNet {

class StreamChannel
{
public:
    enum class Status { Done, WantRead, WantWrite, EndOfStream, Failed };

    virtual ~StreamChannel();
    // Writes up to size bytes; written is set with Done.
    virtual Status write(const char *data, qsizetype size, qsizetype &written, Error &error) = 0;
    // Reads up to size bytes; got is set with Done.
    virtual Status read(char *data, qsizetype size, qsizetype &got, Error &error) = 0;
    // Half-close (after everything was written); false with error when impossible.
    virtual bool shutdownWrite(Error &error) = 0;
    // The closing handshake, if the channel has one (called before the descriptor closes).
    virtual void close() {}
    // Whether the channel may hold read data the socket no longer shows as
    // readable (TLS records already decrypted): then a read must come before a poll.
    virtual bool buffersReadData() const { return true; }
};

// Plain TCP or Unix stream socket: send(MSG_NOSIGNAL) / recv / shutdown(SHUT_WR).
class PlainStreamChannel final : public StreamChannel
{
public:
    explicit PlainStreamChannel(int fd) : m_fd(fd) {}
    Status write(const char *data, qsizetype size, qsizetype &written, Error &error) override;
    Status read(char *data, qsizetype size, qsizetype &got, Error &error) override;
    bool shutdownWrite(Error &error) override;
    bool buffersReadData() const override { return false; }

private:
    int m_fd;
};

} // namespace EasyNet
