/// \class EasyNet::ReceivedPacketIterator
/// ReceivedPacketIterator: asynchronous iteration over a client's incoming
/// packets with one time budget for the whole iteration, as the reference's
/// iter_received_packets(timeout=):
///
/// \code
///   auto packets = client.receivedPackets(10s);
///   while (std::optional<QVariant> packet = co_await packets.next())
///       handle(*packet);   // all the next() waits together take at most 10 s
/// \endcode
///
/// Only the time spent waiting inside next() counts against the budget; time
/// spent in the loop body does not. next() finishes with std::nullopt once the
/// budget is used up (with 0: once nothing more has already arrived), at end of
/// stream and once the client is closed; it fails like recvPacket() on any
/// other error (a parse error, a reset). Copies share the budget.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QDeadlineTimer>
#include <QtCore/QFuture>
#include <QtCore/QPointer>
#include <QtCore/QVariant>

#include <chrono>
#include <memory>
#include <optional>

namespace EasyNet {

class AbstractClient;

class EASYNET_EXPORT ReceivedPacketIterator
{
public:
    /// budget: nullopt waits forever.
    ReceivedPacketIterator(AbstractClient *client, std::optional<std::chrono::milliseconds> budget);

    /// The next packet, or std::nullopt once the budget is used up, at end of stream
    /// and once the client is closed; fails like recvPacket() on any other error.
    QFuture<std::optional<QVariant>> next();
    /// What is left of the budget (nullopt: no limit).
    std::optional<std::chrono::milliseconds> remainingTime() const;

private:
    struct Budget
    {
        std::optional<std::chrono::milliseconds> remaining;
    };
    QPointer<AbstractClient> m_client;
    std::shared_ptr<Budget> m_budget;
};

} // namespace EasyNet
