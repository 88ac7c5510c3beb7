// EchoServer: the console's built-in packet-aware server, one subclass per
// transport (TcpEchoServer, TlsEchoServer, UdpEchoServer, DtlsEchoServer,
// UnixStreamEchoServer, UnixDatagramEchoServer), made directly or by
// EchoServer::create(). The secure ones (TLS, DTLS) present a self-signed
// certificate(), which their clients trust by its fingerprint().
//
// It decodes what each client sends with the server's protocol (a StreamReceiver
// of its own per stream client, one packet per datagram) and asks its
// responder() what to answer (a ServerResponder: EchoResponder, the default,
// sends every packet back re-encoded; RuleResponder answers by rules). An
// answer's packets go out at once, or after its delay (to a client still
// there: one that went away in the meantime gets nothing, quietly), and the
// client's connection is closed after them when the answer says so.
// packetAnswered() tells each answer. Connections stay open otherwise.
//
// A malformed packet shows up at the server as well: parseErrorOccurred() with
// the ParseError and the peer. When the format can go on after the error (line
// formats) the client's stream goes on; when it cannot
// (ParseError::isRecoverable() false), what was already answered is flushed
// and that client's connection is closed; other clients are not affected. A
// stream client that ends its side (a half-close, shutdown(SHUT_WR)) still
// gets the answers to everything it sent, delayed ones included, then the
// server's end of stream. It serves any number of clients
// at once and stays open until close() or destruction.
//
// A server lives in one thread (its own or the GUI's). A slot connected to
// its signals may call close(), even in the middle of a client's packets
// (decoding stops there); delete it with deleteLater() from such a slot.
//
// Peers are named in text: "127.0.0.1:40000" and "[::1]:40000" for IP, the
// sender's address ("/tmp/c.sock", "@name") for Unix datagrams, and for Unix
// stream clients (usually unnamed) "<address> #N", N counting the connections.
//
//   auto server = EchoServer::create(EchoServer::Transport::Tcp,
//                                    StreamProtocol(std::make_shared<JsonSerializer>()));
//   server->listen(QStringLiteral("127.0.0.1:0"));   // any free port
//   qInfo() << server->address();                     // "127.0.0.1:43817"
#pragma once

#include "serverresponder.h"

#include <EasyNet/parseerror.h>
#include <EasyNet/streamprotocol.h>
#include <EasyNet/unixcredentials.h>
#include <EasyNet/unixsocketaddress.h>

#include <QtCore/QHash>
#include <QtCore/QLoggingCategory>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QVariant>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslCertificate>

#include <algorithm>
#include <memory>
#include <optional>

namespace EasyNet {
class DatagramProtocol;
class StreamReceiver;
} // namespace EasyNet

namespace EasyNetConsole {

Q_DECLARE_LOGGING_CATEGORY(lcEchoServer)

class EchoServer : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Transport transport READ transport CONSTANT)
    Q_PROPERTY(bool listening READ isListening NOTIFY listeningChanged)
    Q_PROPERTY(QString address READ address NOTIFY listeningChanged)
    Q_PROPERTY(QHostAddress host READ host NOTIFY listeningChanged)
    Q_PROPERTY(quint16 port READ port NOTIFY listeningChanged)
    Q_PROPERTY(EasyNet::UnixSocketAddress unixAddress READ unixAddress NOTIFY listeningChanged)
    Q_PROPERTY(int clientCount READ clientCount NOTIFY clientCountChanged)
    Q_PROPERTY(qsizetype maxPacketSize READ maxPacketSize WRITE setMaxPacketSize NOTIFY
                   maxPacketSizeChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorOccurred)

public:
    // Appended to, never reordered: settings store the number.
    enum class Transport { Tcp, Tls, Udp, UnixStream, UnixDatagram, Dtls };
    Q_ENUM(Transport)

    // A server of the given transport. Datagram transports use the protocol's
    // serializer and converter as a DatagramProtocol.
    static std::unique_ptr<EchoServer>
    create(Transport transport, const EasyNet::StreamProtocol &protocol, QObject *parent = nullptr);
    static bool isUnixTransport(Transport transport) noexcept;

    ~EchoServer() override;

    Transport transport() const noexcept { return m_transport; }

    // Starts listening. IP transports take "host:port" with a literal address
    // ("127.0.0.1:0", "[::1]:9000", "0.0.0.0:9000"; "localhost" is 127.0.0.1;
    // port 0 picks a free one); Unix transports take a path or "@name". Returns
    // false (and reports errorOccurred()) when the address is invalid or taken.
    // A listening server is closed first. A server made with a null protocol
    // never listens.
    virtual bool listen(const QString &address) = 0;
    // Disconnects every client and stops listening; a Unix socket file the
    // server created is removed. Nothing happens when not listening.
    virtual void close() = 0;

    bool isListening() const noexcept { return m_listening; }
    // Where it listens, with the chosen port: "127.0.0.1:43817", "[::1]:9000",
    // "/tmp/echo.sock", "@echo"; empty when not listening.
    QString address() const;
    // The IP address and port (IP transports, while listening; null and 0 otherwise).
    QHostAddress host() const { return m_host; }
    quint16 port() const noexcept { return m_port; }
    // The Unix address (Unix transports, while listening; null otherwise).
    EasyNet::UnixSocketAddress unixAddress() const { return m_unixAddress; }

    // Stream transports: connected clients. Datagram transports: the distinct
    // senders seen since listen() (a datagram peer never says goodbye).
    int clientCount() const { return int(m_clients.size()); }

    // Stream decoder limit per packet, and the largest datagram accepted.
    // Applies to clients that connect (and datagrams that arrive) afterwards.
    qsizetype maxPacketSize() const noexcept { return m_maxPacketSize; }
    void setMaxPacketSize(qsizetype size);

    // What the server answers (never null; an EchoResponder until another is
    // set). Setting one applies to the packets that come afterwards.
    ServerResponder *responder() const { return m_responder.get(); }
    void setResponder(std::unique_ptr<ServerResponder> responder);

    // The last error reported through errorOccurred().
    QString errorString() const { return m_errorString; }

    // The certificate clients see, for the servers that present one (TLS,
    // DTLS); null for the others, and when generating one failed (listen()
    // then fails with the reason).
    virtual QSslCertificate certificate() const { return QSslCertificate(); }
    // Its SHA-256 fingerprint, colon-separated upper-case hex ("AB:12:..."),
    // empty without one.
    QString fingerprint() const { return fingerprint(certificate()); }
    static QString fingerprint(const QSslCertificate &certificate);

Q_SIGNALS:
    void started(const QString &address);
    void stopped();
    void listeningChanged();
    void clientConnected(const QString &peer);
    void clientDisconnected(const QString &peer);
    void clientCountChanged(int count);
    void maxPacketSizeChanged(qsizetype size);
    void packetReceived(const QString &peer, const QVariant &packet);
    // The responder answered peer's packet (after packetReceived(), when it
    // is decided, before its replies are sent).
    void packetAnswered(const QString &peer, const QVariant &packet,
                        const EasyNetConsole::ServerResponder::Answer &answer);
    void parseErrorOccurred(const QString &peer, const EasyNet::ParseError &error);
    // Listening failed, a client's socket failed, a packet could not be answered.
    void errorOccurred(const QString &message);
    // Unix transports: descriptors (SCM_RIGHTS) that arrived from peer; they are
    // sent back with the next packet answered at once, and closed afterwards.
    void fileDescriptorsReceived(const QString &peer, int count);
    // Unix transports: the peer's credentials (SCM_CREDENTIALS), reported when
    // they first arrive and whenever they change.
    void credentialsReceived(const QString &peer, const EasyNet::UnixCredentials &credentials);

protected:
    // hasProtocol false (a null protocol): listen() always fails.
    EchoServer(Transport transport, bool hasProtocol, QObject *parent);

    // The start of every listen(): closes the server, and tells whether it may
    // listen (false, reported, without a protocol).
    bool prepareListen();

    // "host:port" -> address and port; false (with errorOccurred()) on bad input.
    bool parseInetAddress(const QString &text, QHostAddress &host, quint16 &port);
    // A Unix path or "@name"; null (with errorOccurred()) on bad input.
    EasyNet::UnixSocketAddress parseUnixAddress(const QString &text);

    void setListening(const QHostAddress &host, quint16 port);
    void setListening(const EasyNet::UnixSocketAddress &address);
    // Forgets the clients (reporting each as disconnected) and the address.
    void setStopped();
    void reportError(const QString &message);

    void addClient(const QString &peer);
    void removeClient(const QString &peer);
    bool hasClient(const QString &peer) const { return m_clients.contains(peer); }

    // Feeds bytes received from peer to its receiver and answers every whole
    // packet: returns the bytes to send now (the answers without a delay,
    // encoded); delayed answers go out later through deliver(). Parse errors
    // are reported; *closeAfter is set when the stream cannot go on or an
    // answer closes it (the caller closes it after sending the bytes; the
    // rest of bytes is not decoded).
    QByteArray answerStream(const QString &peer, const EasyNet::StreamProtocol &protocol,
                            EasyNet::StreamReceiver &receiver, QByteArrayView bytes,
                            bool *closeAfter);
    // The peer ended its stream: reports a packet cut short. Returns whether
    // the caller closes the connection now; false while delayed answers are
    // still to go to it: the server then closes it with closePeer() after the
    // last one.
    bool endStream(const QString &peer, EasyNet::StreamReceiver &receiver);
    // One datagram of datagramSize bytes (datagram holds at most
    // maxPacketSize() of them): the datagrams to send back now (none when it
    // did not parse, or the answer is delayed or empty). *closeAfter is set
    // when the answer closes the client (the caller calls closePeer() after
    // sending them).
    QList<QByteArray> answerDatagram(const QString &peer, const EasyNet::DatagramProtocol &protocol,
                                     QByteArrayView datagram, qsizetype datagramSize,
                                     bool *closeAfter);
    // A delayed answer's bytes for peer, a client still there: one stream
    // chunk or one datagram, to send as soon as the transport can.
    virtual void deliver(const QString &peer, const QByteArray &bytes) = 0;
    // Ends peer's connection once what was sent to it went out; the default,
    // for datagram transports, forgets the client.
    virtual void closePeer(const QString &peer);
    // The connection of peer among connections (a map whose values point to
    // records with a peer member), or connections.end().
    template<typename Connections>
    static auto findPeer(Connections &connections, const QString &peer)
    {
        return std::find_if(connections.begin(), connections.end(),
                            [&peer](const auto &entry) { return entry.second->peer == peer; });
    }
    // Emits credentialsReceived() when they differ from the peer's last ones.
    void noteCredentials(const QString &peer, const EasyNet::UnixCredentials &credentials);

    static QString inetPeerName(const QHostAddress &host, quint16 port);

private:
    // Asks the responder about packet and encodes its answer with encode:
    // the bytes to send now, or nothing (a delayed answer is scheduled).
    template<typename Encode>
    QList<QByteArray> respond(const QString &peer, const QVariant &packet, Encode encode,
                              bool *closeAfter);
    // Sends chunks to peer after delayMs through deliver() (then closes it
    // when close), if the same client is still there then.
    void schedule(const QString &peer, const QList<QByteArray> &chunks, int delayMs, bool close);

    Transport m_transport;
    bool m_hasProtocol;
    bool m_listening = false;
    QHostAddress m_host;
    quint16 m_port = 0;
    EasyNet::UnixSocketAddress m_unixAddress;
    // The clients, each with a serial number of its own, so that a delayed
    // answer does not go to a later client of the same name.
    QHash<QString, quint64> m_clients;
    quint64 m_clientSerial = 0;
    // The delayed answers still to go to each client, and the clients whose
    // stream ended, to be closed after the last of them.
    QHash<QString, int> m_delayedAnswers;
    QSet<QString> m_endedStreams;
    std::unique_ptr<ServerResponder> m_responder;
    QHash<QString, EasyNet::UnixCredentials> m_credentials;
    qsizetype m_maxPacketSize;
    QString m_errorString;
};

} // namespace EasyNetConsole
