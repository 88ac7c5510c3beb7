/// \class EasyNet::UdpClient
/// UdpClient: the event-driven UDP client over a connected UDP socket (the
/// reference's AsyncUDPNetworkClient). One packet per datagram, through a
/// DatagramProtocol.
///
/// - A datagram that fails to parse is reported (errorOccurred with
///   ErrorCode::DatagramParseError, and the pending recvPacket() future fails);
///   the client goes on with the next datagram.
/// - A datagram larger than maxDatagramSize is dropped and reported as a
///   DatagramParseError of kind TooLarge.
/// - An ICMP "port unreachable" (nothing listening) is reported as
///   ConnectionRefused on the next receive or send, as the OS reports it; the
///   client stays usable.
///
/// DTLS: setSsl(true) or setSslConfiguration() make it a DTLS 1.2 client
/// (RFC 6347) with packets, with the TLS policy of TcpClient (see
/// UdpOptions::ssl). connected() follows the handshake, which answers the
/// server's cookie exchange and sends a lost flight again, the wait doubling
/// from 1 s, within sslHandshakeTimeout. Each packet is one record in one
/// datagram. A datagram that does not authenticate (anyone can send one) is
/// dropped and counted by droppedDatagrams(), never delivered and never
/// fatal. The peer's close_notify ends the session as the end of a stream
/// does: a waiting recvPacket() fails with ConnectionAborted and an iteration
/// ends quietly. close() sends close_notify. A rejected certificate sends its
/// alert and fails the connection with a TlsError that says why.
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/datagramprotocol.h>
#include <EasyNet/udpoptions.h>

#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslCipher>
#include <QtNetwork/QSslConfiguration>

#include <chrono>

namespace EasyNet {

class UdpClientPrivate;

class EASYNET_EXPORT UdpClient : public AbstractClient
{
    Q_OBJECT
    Q_PROPERTY(QString host READ host WRITE setHost NOTIFY optionsChanged)
    Q_PROPERTY(quint16 port READ port WRITE setPort NOTIFY optionsChanged)
    Q_PROPERTY(qintptr socketDescriptor READ socketDescriptor WRITE setSocketDescriptor NOTIFY
                   optionsChanged)
    Q_PROPERTY(
        EasyNet::DatagramProtocol protocol READ protocol WRITE setProtocol NOTIFY optionsChanged)
    Q_PROPERTY(QAbstractSocket::NetworkLayerProtocol family READ family WRITE setFamily NOTIFY
                   optionsChanged)
    Q_PROPERTY(QHostAddress bindAddress READ bindAddress WRITE setBindAddress NOTIFY optionsChanged)
    Q_PROPERTY(quint16 bindPort READ bindPort WRITE setBindPort NOTIFY optionsChanged)
    Q_PROPERTY(qsizetype maxDatagramSize READ maxDatagramSize WRITE setMaxDatagramSize NOTIFY
                   optionsChanged)
    Q_PROPERTY(bool ssl READ isSsl WRITE setSsl NOTIFY optionsChanged)
    Q_PROPERTY(QSslConfiguration sslConfiguration READ sslConfiguration WRITE setSslConfiguration
                   NOTIFY optionsChanged)
    Q_PROPERTY(
        QString serverHostname READ serverHostname WRITE setServerHostname NOTIFY optionsChanged)
    Q_PROPERTY(std::chrono::milliseconds sslHandshakeTimeout READ sslHandshakeTimeout WRITE
                   setSslHandshakeTimeout NOTIFY optionsChanged)

public:
    /// A client with no host yet: set the options, then open().
    explicit UdpClient(QObject *parent = nullptr);
    /// Convenience: the same as setting host, port and protocol.
    UdpClient(const QString &host, quint16 port, const DatagramProtocol &protocol,
              QObject *parent = nullptr);
    /// Aborts the connection if still open.
    ~UdpClient() override;

    /// Where to send: a host name or address literal and a port, or an
    /// already connected UDP socket to adopt (the client then owns and closes
    /// it, and makes it close-on-exec; a socket that is not connected is refused
    /// with a ConnectionError, one that is not UDP, AF_UNIX included, with an
    /// InvalidArgument).
    QString host() const;
    /// Sets host(). Like every setter below: returns false, changes nothing and reports
    /// InvalidOperation once connecting has started, InvalidArgument for a value out of range.
    bool setHost(const QString &host);
    /// The port to send to.
    quint16 port() const;
    /// Sets port().
    bool setPort(quint16 port);
    qintptr socketDescriptor() const; ///< -1: none to adopt
    /// Sets socketDescriptor(): the connected UDP socket to adopt.
    bool setSocketDescriptor(qintptr descriptor);

    /// How packets are serialized to datagrams and parsed back.
    DatagramProtocol protocol() const;
    /// Sets protocol().
    bool setProtocol(const DatagramProtocol &protocol);

    /// AnyIPProtocol (default), IPv4Protocol or IPv6Protocol: which addresses of
    /// the host name to use; an address literal of the other family is refused.
    QAbstractSocket::NetworkLayerProtocol family() const;
    /// Sets family().
    bool setFamily(QAbstractSocket::NetworkLayerProtocol family);
    /// Binds before connecting (a null address with a port: any address).
    QHostAddress bindAddress() const;
    /// Sets bindAddress().
    bool setBindAddress(const QHostAddress &address);
    /// The local port to bind before connecting; 0: any.
    quint16 bindPort() const;
    /// Sets bindPort().
    bool setBindPort(quint16 port);
    /// The largest datagram received or sent (DatagramProtocol::DefaultMaxDatagramSize).
    qsizetype maxDatagramSize() const;
    /// Sets maxDatagramSize(); false (InvalidArgument) unless positive.
    bool setMaxDatagramSize(qsizetype bytes);

    /// Whether the client speaks DTLS.
    bool isSsl() const;
    bool setSsl(bool enabled); ///< on: the default TLS configuration
    /// The DTLS configuration used when isSsl() is on.
    QSslConfiguration sslConfiguration() const;
    bool setSslConfiguration(const QSslConfiguration &configuration); ///< implies DTLS
    /// The name the certificate is checked against (default: host). An empty
    /// string turns host name matching off; needs DTLS.
    QString serverHostname() const;
    /// Sets serverHostname().
    bool setServerHostname(const QString &name);
    /// How long the DTLS handshake may take (UdpOptions::DefaultSslHandshakeTimeout).
    std::chrono::milliseconds sslHandshakeTimeout() const;
    /// Sets sslHandshakeTimeout(); false (InvalidArgument) unless positive.
    bool setSslHandshakeTimeout(std::chrono::milliseconds timeout);
    /// What the DTLS handshake agreed, as TcpClient names it: the cipher (null
    /// without DTLS or before the handshake), the protocol (QSsl::DtlsV1_2, or
    /// UnknownProtocol then) and the server's certificate chain, its own first.
    QSslCipher sessionCipher() const;
    QSsl::SslProtocol sessionProtocol() const; ///< see sessionCipher()
    QList<QSslCertificate> peerCertificateChain() const; ///< see sessionCipher()
    /// Datagrams dropped by DTLS since the handshake because they yielded no
    /// packet (a record that failed to authenticate, a forged or stray one).
    quint64 droppedDatagrams() const;

    /// The connection's own and peer addresses; null before connecting.
    QHostAddress localAddress() const;
    /// The connection's own port; 0 before connecting.
    quint16 localPort() const;
    /// The peer's address; null before connecting.
    QHostAddress peerAddress() const;
    /// The peer's port; 0 before connecting.
    quint16 peerPort() const;

private:
    EASYNET_DECLARE_CLIENT_PRIVATE(UdpClient)
    Q_DISABLE_COPY_MOVE(UdpClient)
};

} // namespace EasyNet
