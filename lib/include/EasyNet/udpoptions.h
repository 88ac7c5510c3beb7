/// \class EasyNet::UdpOptions
/// UdpOptions: the options of a UDP client and their defaults, the same for
/// both forms: UdpClient keeps one (each field is one of its properties),
/// BlockingUdpOptions adds what only the blocking client has.
#pragma once

#include <EasyNet/datagramprotocol.h>

#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QHostAddress>

namespace EasyNet {

struct UdpOptions
{
    /// AnyIPProtocol, IPv4Protocol or IPv6Protocol: which addresses of the host to use.
    QAbstractSocket::NetworkLayerProtocol family = QAbstractSocket::AnyIPProtocol;
    QHostAddress bindAddress; ///< the local address to bind; null: none
    quint16 bindPort = 0; ///< the local port to bind; 0: any
    /// The largest datagram received or sent.
    qsizetype maxDatagramSize = DatagramProtocol::DefaultMaxDatagramSize;
};

} // namespace EasyNet
