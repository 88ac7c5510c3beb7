// StreamChannel: the sending side of a connected stream socket, plain or TLS:
// non-blocking writes and half-close. The blocking stream client drives it:
// on WantRead / WantWrite it polls the socket for that event and calls again.
// (Receiving: a TLS channel is also its StreamEndpoint's ReadSource; a plain
// socket is read by BlockingSocket::receive().)
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
    // Half-close (after everything was written); false with error when impossible.
    virtual bool shutdownWrite(Error &error) = 0;
    // The closing handshake, if the channel has one (called before the descriptor closes).
    virtual void close() { }
};

// Plain TCP or Unix stream socket: send(MSG_NOSIGNAL | MSG_DONTWAIT) / shutdown(SHUT_WR).
class PlainStreamChannel final : public StreamChannel
{
public:
    explicit PlainStreamChannel(int fd) : m_fd(fd) { }
    Status write(const char *data, qsizetype size, qsizetype &written, Error &error) override;
    bool shutdownWrite(Error &error) override;

private:
    int m_fd;
};

} // namespace EasyNet
