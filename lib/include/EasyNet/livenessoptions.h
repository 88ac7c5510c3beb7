/// \class EasyNet::LivenessOptions
/// LivenessOptions: an application-level ping with a timeout, the same for every
/// client and both forms (the event-driven clients have them as properties of
/// AbstractClient, the blocking ones take them in their options' `liveness`).
///
/// - idleTimeout: when nothing has arrived from the peer for that long, the
///   connection fails with TimeoutError (ETIMEDOUT). Anything counts, not only
///   whole packets: a large packet still arriving keeps the connection alive.
/// - heartbeatInterval and heartbeatPacket: whenever nothing has been sent for
///   heartbeatInterval, heartbeatPacket is sent (any value the protocol can
///   send), as if by send(). A peer that answers it (with any packet) keeps
///   the idle timeout from expiring while the application has nothing to say.
///
/// "Arrived" means received by the socket, read or not: with autoRead off
/// (event-driven) or between the calls of a blocking client, data waiting in
/// the socket counts as arrived when the timeout is checked. So an
/// application that holds the peer back by not reading is not idle while the
/// peer has sent something; a peer that sends nothing is idle whether or not
/// the application asks for packets.
///
/// The blocking clients have no thread of their own: the idle timeout is
/// checked and heartbeats go out from inside their calls (while a receive
/// waits, and when a call starts), so a blocking client that makes no call
/// sends no heartbeat; its next call throws the TimeoutError.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QVariant>

#include <chrono>

namespace EasyNet {

struct LivenessOptions
{
    /// How long the peer may send nothing before the connection fails; 0: forever.
    std::chrono::milliseconds idleTimeout {0};
    /// How long nothing may be sent before heartbeatPacket goes out; 0: no heartbeat.
    std::chrono::milliseconds heartbeatInterval {0};
    /// The packet sent as heartbeat (needed with a heartbeatInterval).
    QVariant heartbeatPacket;
};

} // namespace EasyNet
