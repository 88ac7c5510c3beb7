/// \class EasyNet::UnixOptions
/// UnixOptions: the options of the Unix socket clients and their defaults, the
/// same for both forms: UnixStreamClient and UnixDatagramClient keep one (each
/// field they use is one of their properties), BlockingUnixOptions adds what
/// only the blocking clients have. The stream clients use maxRecvSize and
/// maxPacketSize, the datagram clients maxDatagramSize.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/streamprotocol.h>
#include <EasyNet/unixsocketaddress.h>

namespace EasyNet {

struct UnixOptions
{
    /// Bind to this address first (a bound file is not deleted on close). A
    /// datagram client without one autobinds to an abstract name so that the
    /// peer can answer.
    UnixSocketAddress bindAddress;
    bool passCredentials = false; ///< SO_PASSCRED
    qsizetype maxRecvSize = StreamProtocol::DefaultMaxRecvSize; ///< stream: bytes per read
    /// Stream: the decoder's limit.
    qsizetype maxPacketSize = AbstractIncrementalPacketSerializer::DefaultMaxPacketSize;
    /// Datagram: the largest datagram received or sent.
    qsizetype maxDatagramSize = DatagramProtocol::DefaultMaxDatagramSize;
};

} // namespace EasyNet
