#include "blockingunix_p.h"

#include "blockingdatagramclient_p.h"
#include "blockingstreamclient_p.h"

#include "transport/socketio_p.h"
#include "transport/unixsocket_p.h"

#include <EasyNet/exceptions.h>

#include <QtCore/QDeadlineTimer>

#include <sys/socket.h>

#include <cerrno>
#include <thread>

namespace EasyNet {

namespace {

void setPassCredentials(int fd, const BlockingUnixOptions &options)
{
    Error error;
    if (options.passCredentials && !UnixSocket::setPassCredentials(fd, true, error)) {
        SocketIo::close(fd);
        error.throwException();
    }
}

void checkOptions(const BlockingUnixOptions &options, int type)
{
    AbstractBlockingClientPrivate::checkClientOptions(options);
    if (type == SOCK_STREAM)
        BlockingStreamClientPrivate::checkSizes(options.maxRecvSize, options.maxPacketSize);
    else
        BlockingDatagramClientPrivate::checkSize(options.maxDatagramSize);
}

} // namespace

UnixSocketAddress parseUnixAddress(const QString &text)
{
    bool ok = false;
    const UnixSocketAddress address = UnixSocketAddress::fromString(text, &ok);
    if (!ok)
        Error(ErrorCode::OSError, QStringLiteral("not a Unix socket address: %1").arg(text), EINVAL)
            .throwException();
    return address;
}

int connectUnix(const UnixSocketAddress &address, int type, const BlockingUnixOptions &options)
{
    checkOptions(options, type);
    Error error;
    const int fd = UnixSocket::create(type, error);
    if (fd < 0)
        error.throwException();
    const auto fail = [fd](const Error &e) {
        SocketIo::close(fd);
        e.throwException();
    };
    if (!options.bindAddress.isNull()) {
        if (!UnixSocket::bind(fd, options.bindAddress, error))
            fail(error);
    } else if (type == SOCK_DGRAM && !UnixSocket::bind(fd, UnixSocketAddress::unnamed(), error)) {
        fail(error);
    }
    const QDeadlineTimer deadline = options.connectTimeout
        ? QDeadlineTimer(*options.connectTimeout)
        : QDeadlineTimer(QDeadlineTimer::Forever);
    // A full listen backlog answers EAGAIN: try again, a little later each time.
    std::chrono::milliseconds pause(1);
    for (;;) {
        switch (UnixSocket::connect(fd, address, error)) {
        case UnixSocket::ConnectResult::Connected: setPassCredentials(fd, options); return fd;
        case UnixSocket::ConnectResult::Failed: fail(error); break;
        case UnixSocket::ConnectResult::TryAgain:
            if (deadline.hasExpired())
                fail(Error(ErrorCode::Timeout,
                           QStringLiteral("connecting to %1 timed out").arg(address.toString()),
                           ETIMEDOUT));
            std::this_thread::sleep_for(pause);
            pause = std::min(pause * 2, std::chrono::milliseconds(100));
            break;
        }
    }
}

int adoptUnix(qintptr fd, int type, const BlockingUnixOptions &options)
{
    checkOptions(options, type);
    Error error;
    if (!UnixSocket::adopt(int(fd), type, error)) {
        // A socket of the wrong kind is a bad argument (the reference's ValueError).
        if (error.osErrno() == EAFNOSUPPORT || error.osErrno() == EPROTOTYPE)
            error = Error(ErrorCode::InvalidArgument, error.message(), error.osErrno());
        error.throwException();
    }
    setPassCredentials(int(fd), options);
    return int(fd);
}

} // namespace EasyNet
