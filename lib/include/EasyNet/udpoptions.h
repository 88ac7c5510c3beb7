/// \class EasyNet::UdpOptions
/// UdpOptions: the options of a UDP client and their defaults, the same for
/// both forms: UdpClient keeps one (each field is one of its properties),
/// BlockingUdpOptions adds what only the blocking client has.
#pragma once

#include <EasyNet/datagramprotocol.h>

#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslConfiguration>

#include <chrono>
#include <optional>

namespace EasyNet {

struct UdpOptions
{
    /// The default sslHandshakeTimeout: 60 s, as TCP's.
    static constexpr std::chrono::milliseconds DefaultSslHandshakeTimeout {60000};
    /// With DTLS, the most a packet can have: one record's plaintext.
    static constexpr qsizetype MaxDtlsPacketSize = 16384;

    /// AnyIPProtocol, IPv4Protocol or IPv6Protocol: which addresses of the host to use.
    QAbstractSocket::NetworkLayerProtocol family = QAbstractSocket::AnyIPProtocol;
    QHostAddress bindAddress; ///< the local address to bind; null: none
    quint16 bindPort = 0; ///< the local port to bind; 0: any
    /// The largest datagram received or sent. With DTLS it bounds the packet
    /// (the decrypted payload), which has at most MaxDtlsPacketSize bytes
    /// whatever this says; the datagram on the wire is larger by its record's
    /// overhead (header, IV, MAC or tag, padding: at most 349 bytes), which the
    /// client allows for.
    qsizetype maxDatagramSize = DatagramProtocol::DefaultMaxDatagramSize;
    /// Set: DTLS 1.2 (RFC 6347) with this configuration, applied as for TCP
    /// (TcpOptions::ssl): protocol range, ciphers, CAs, client certificate
    /// and key, peer verification, ALPN. A configuration that asks only for
    /// DTLS 1.3, DTLS 1.0 or TLS 1.0/1.1 is refused with a TlsError.
    std::optional<QSslConfiguration> ssl;
    /// The name the certificate is checked against and sent as SNI (default:
    /// the host); an empty string turns host name matching off.
    std::optional<QString> serverHostname;
    /// How long the DTLS handshake may take, retransmissions included.
    std::chrono::milliseconds sslHandshakeTimeout = DefaultSslHandshakeTimeout;
};

} // namespace EasyNet
