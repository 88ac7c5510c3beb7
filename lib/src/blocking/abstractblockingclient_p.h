#pragma once

#include "blockingsocket_p.h"

#include "endpoint/readrequest_p.h"

#include <EasyNet/abstractblockingclient.h>
#include <EasyNet/exceptions.h>

#include <cerrno>
#include <chrono>
#include <exception>
#include <optional>

namespace EasyNet {

// The reference's argument checks (its ValueErrors): throws ValueError with
// message unless ok. Options are checked before anything connects.
inline void checkArgument(bool ok, const QString &message)
{
    if (!ok)
        Error(ErrorCode::InvalidArgument, message, EINVAL).throwException();
}

class AbstractBlockingClientPrivate
{
public:
    // retryInterval: the options' (none: forever).
    AbstractBlockingClientPrivate(int fd, BlockingSocket::Reads reads,
                                  std::optional<std::chrono::milliseconds> retryInterval)
        : socket(fd, reads)
    {
        if (retryInterval)
            socket.setRetryInterval(*retryInterval);
    }
    virtual ~AbstractBlockingClientPrivate();
    Q_DISABLE_COPY_MOVE(AbstractBlockingClientPrivate)

    // Called with the send / receive lock held, the socket open. ancillary:
    // descriptors and credentials to send with the packet (Unix sockets; null
    // otherwise); request: where the ancillary data that comes with the packet
    // received goes.
    virtual void send(const QVariant &packet, const SocketAncillary *ancillary,
                      QDeadlineTimer deadline)
        = 0;
    virtual QVariant receive(QDeadlineTimer deadline, const ReadRequest &request) = 0;
    // Runs inside close() with both locks held, before the descriptor closes.
    virtual void beforeClose() { }

    // Closes the socket (beforeClose() first) and wakes every blocked call.
    void close()
    {
        socket.close([this] { beforeClose(); });
    }

    // Runs receive with the receive lock held. A parse error the stream cannot
    // recover from is thrown once and closes the client (the lock released
    // first), so later calls fail with ClientClosedError.
    template<typename Fn>
    QVariant receiveLocked(QDeadlineTimer deadline, Fn &&receive)
    {
        std::exception_ptr fatal;
        {
            const auto lock = socket.acquire(socket.recvMutex(), deadline);
            try {
                return receive();
            } catch (const StreamProtocolParseError &e) {
                if (e.parseError().isRecoverable())
                    throw;
                fatal = std::current_exception();
            }
        }
        close();
        std::rethrow_exception(fatal);
    }

    BlockingSocket socket;
};

} // namespace EasyNet
