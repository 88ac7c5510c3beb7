// ReceivedPacketIterator: asynchronous iteration over a client's incoming
// packets with one deadline for the whole iteration:
//
//   auto packets = client.receivedPackets(QDeadlineTimer(10s));
//   while (std::optional<QVariant> packet = co_await packets.next())
//       handle(*packet);   // all the next() calls together take at most 10 s
//
// next() finishes with std::nullopt once the deadline has passed (with deadline
// 0: once nothing more has already arrived), and fails like recvPacket() on a
// connection or parse error.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QDeadlineTimer>
#include <QtCore/QFuture>
#include <QtCore/QPointer>
#include <QtCore/QVariant>

#include <optional>

namespace EasyNet {

class AbstractClient;

class EASYNET_EXPORT ReceivedPacketIterator
{
public:
    ReceivedPacketIterator(AbstractClient *client, QDeadlineTimer deadline);

    QFuture<std::optional<QVariant>> next();
    QDeadlineTimer deadline() const { return m_deadline; }

private:
    QPointer<AbstractClient> m_client;
    QDeadlineTimer m_deadline;
};

} // namespace EasyNet
