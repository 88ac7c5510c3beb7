#pragma once

#include "blockingsocket_p.h"

#include "endpoint/readrequest_p.h"

#include <EasyNet/abstractblockingclient.h>
#include <EasyNet/blockingclientoptions.h>
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
    // options: checked already (checkOptions()).
    AbstractBlockingClientPrivate(int fd, BlockingSocket::Reads reads,
                                  const BlockingClientOptions &options)
        : socket(fd, reads)
    {
        if (options.retryInterval)
            socket.setRetryInterval(*options.retryInterval);
        socket.liveness().options() = options.liveness;
        socket.liveness().start();
    }
    virtual ~AbstractBlockingClientPrivate();
    Q_DISABLE_COPY_MOVE(AbstractBlockingClientPrivate)

    // Throws ValueError for options no blocking client can use.
    static void checkClientOptions(const BlockingClientOptions &options);

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

    // Runs send with the send lock held.
    void sendLocked(const QVariant &packet, const SocketAncillary *ancillary,
                    QDeadlineTimer deadline);

    // Runs receive(step deadline) with the receive lock held. A parse error
    // the stream cannot recover from is thrown once and closes the client
    // (the lock released first), so later calls fail with ClientClosedError;
    // so does an expired idle timeout, as TimeoutError. The receive waits in
    // steps that end when a liveness check is due (LivenessClock): a receive
    // that times out loses nothing.
    template<typename Fn>
    QVariant receiveLocked(QDeadlineTimer deadline, Fn &&receive)
    {
        checkIdle();
        std::exception_ptr fatal;
        Error idle;
        {
            const auto lock = socket.acquire(socket.recvMutex(), deadline);
            try {
                for (;;) {
                    const QDeadlineTimer step = livenessStep(deadline);
                    try {
                        QVariant packet = receive(step);
                        socket.liveness().received();
                        return packet;
                    } catch (const TimeoutError &) {
                        if (step == deadline)
                            throw;
                        serviceLiveness(deadline); // throws the idle TimeoutError
                    }
                }
            } catch (const StreamProtocolParseError &e) {
                if (e.parseError().isRecoverable())
                    throw;
                fatal = std::current_exception();
            } catch (const IdleTimeout &expired) {
                idle = expired.error;
            }
        }
        close();
        if (idle.isError())
            idle.throwException();
        std::rethrow_exception(fatal);
    }

    BlockingSocket socket;

private:
    // An expired idle timeout inside the receive lock, thrown to where the
    // client can close.
    struct IdleTimeout
    {
        Error error;
    };
    // The idle timeout's error once it expired with nothing waiting in the
    // socket; no error otherwise.
    Error idleError() const;
    // Closes the client and throws TimeoutError once the idle timeout expired.
    void checkIdle();
    // deadline, or the earlier moment a liveness check is due.
    QDeadlineTimer livenessStep(QDeadlineTimer deadline) const;
    // With the receive lock held: throws IdleTimeout when the idle timeout
    // expired, sends the heartbeat when one is due (unless a sender holds
    // the send lock: its packet does as well).
    void serviceLiveness(QDeadlineTimer deadline);
};

} // namespace EasyNet
