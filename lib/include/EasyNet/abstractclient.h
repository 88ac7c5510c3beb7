/// \class EasyNet::AbstractClient
/// AbstractClient: the event-driven client base shared by TcpClient, UdpClient,
/// UnixStreamClient and UnixDatagramClient (the reference's
/// AbstractAsyncNetworkClient).
///
/// Declare, configure, open, as with QTcpSocket or QWebSocket:
///
/// \code
///   TcpClient client;
///   client.setHost(QStringLiteral("example.org"));
///   client.setPort(9000);
///   client.setProtocol(StreamProtocol(std::make_shared<JsonSerializer>()));
///   connect(&client, &TcpClient::packetReceived, ...);
///   client.open();
/// \endcode
///
/// Nothing connects until open(), or until the first waitConnected(),
/// sendPacket() or recvPacket(), which connect implicitly as the reference's
/// async clients do. Options are set before that: a setter called once
/// connecting has started returns false, changes nothing and reports an
/// InvalidOperation error (errorOccurred(), lastError()); a setter given an
/// argument out of range returns false with InvalidArgument.
///
/// A client lives in the thread of its QObject and needs that thread's event loop.
/// Its signals come from that event loop, never from inside one of its own
/// calls: open(), sendPacket(), send(), recvPacket(), close(), abort(), the
/// setters and the rest emit nothing before they return (state() and the other
/// getters change at once). What happens inside them (the state changing, an
/// error, a Unix socket connecting at once, a future finishing) is delivered
/// from the event loop's next pass, in the order it happened. So are the
/// futures: a continuation attached with QFuture::then() without a context
/// never runs inside the call that returned its future, and sends or receives
/// chained from continuations or coroutines go on without anything else waking
/// the event loop.
/// Life cycle: Unconnected -> Connecting -> Connected -> Closing -> Closed.
/// Closed is final, as in the reference: a new connection is a new client object.
/// Every operation returns a QFuture that fails with the typed exception of
/// exceptions.h (a co_await on it throws; see futureawait.h). After close() or
/// abort(), every operation fails with ClientClosedError; close() is idempotent.
/// When the connection dies, every queued send fails at once with the error.
///
/// Receiving, two styles, never losing or duplicating a packet:
/// - autoRead on (default): each packet is emitted through packetReceived() as
///   it arrives, unless a recvPacket() future is waiting: then that future gets it.
/// - autoRead off: nothing is read from the socket until recvPacket() asks for a
///   packet, so the peer is held back by the kernel (backpressure), and memory
///   stays bounded by maxRecvSize plus one packet.
/// A recvPacket() future that is cancelled or times out takes no packet: the
/// packet goes to the next receive.
///
/// Sending is bounded: bytesToWrite() counts what is queued and not yet handed
/// to the operating system; once it exceeds sendQueueLimit (DefaultSendQueueLimit,
/// 4 MiB), sendPacket() fails at once with InvalidOperation ("send queue
/// full"); sendQueueDrained() tells when everything was written.
#pragma once

#include <EasyNet/errors.h>
#include <EasyNet/packetas.h>
#include <EasyNet/receivedpacketiterator.h>
#include <EasyNet/sockethandle.h>

#include <QtCore/QDeadlineTimer>
#include <QtCore/QFuture>
#include <QtCore/QObject>
#include <QtCore/QVariant>

#include <chrono>
#include <memory>

namespace EasyNet {

class AbstractClientPrivate;

class EASYNET_EXPORT AbstractClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool autoRead READ autoRead WRITE setAutoRead NOTIFY autoReadChanged)
    Q_PROPERTY(std::chrono::milliseconds connectTimeout READ connectTimeout WRITE setConnectTimeout
                   NOTIFY optionsChanged)
    Q_PROPERTY(
        qint64 sendQueueLimit READ sendQueueLimit WRITE setSendQueueLimit NOTIFY optionsChanged)
    Q_PROPERTY(std::chrono::milliseconds idleTimeout READ idleTimeout WRITE setIdleTimeout NOTIFY
                   optionsChanged)
    Q_PROPERTY(std::chrono::milliseconds heartbeatInterval READ heartbeatInterval WRITE
                   setHeartbeatInterval NOTIFY optionsChanged)
    Q_PROPERTY(QVariant heartbeatPacket READ heartbeatPacket WRITE setHeartbeatPacket NOTIFY
                   optionsChanged)
    Q_PROPERTY(EasyNet::Error lastError READ lastError NOTIFY errorOccurred)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorOccurred)

public:
    /// The life cycle: Unconnected (not opened yet), Connecting, Connected, Closing
    /// (close() is flushing), Closed (final).
    enum class State { Unconnected, Connecting, Connected, Closing, Closed };
    Q_ENUM(State)

    /// A timeout that never expires (connectTimeout's default: the OS's own).
    static constexpr std::chrono::milliseconds NoTimeout = std::chrono::milliseconds::max();
    /// The most packets one packetsReceived() signal carries.
    static constexpr qsizetype MaxPacketBatch = 256;
    /// The default sendQueueLimit: 4 MiB.
    static constexpr qint64 DefaultSendQueueLimit = 4 * 1024 * 1024;

    /// Aborts the connection if still open.
    ~AbstractClient() override;

    /// Starts connecting; does nothing while connecting or connected. On a
    /// closed client it reports ClientClosed (closed is final).
    void open();

    /// The current life-cycle state; stateChanged() tells each change.
    State state() const;
    /// True once the connection is established (waitConnected() finished).
    bool isConnected() const;
    /// True once close() or abort() was called, or the connection failed.
    bool isClosing() const;

    /// Whether packets are read and emitted by packetReceived() as they arrive (default
    /// on); off, nothing is read until recvPacket() asks.
    bool autoRead() const;
    /// Sets autoRead(); may change at any time.
    void setAutoRead(bool enabled);

    /// How long connecting (resolution, connect, TLS handshake) may take before
    /// it fails with TimeoutError (ETIMEDOUT). Default NoTimeout.
    std::chrono::milliseconds connectTimeout() const;
    /// Sets connectTimeout(); returns false (InvalidOperation) once connecting has started,
    /// (InvalidArgument) unless positive.
    bool setConnectTimeout(std::chrono::milliseconds timeout);

    /// The most bytes queued for sending before sendPacket() fails fast.
    qint64 sendQueueLimit() const;
    /// Sets sendQueueLimit(); returns false (InvalidArgument) for a non-positive limit.
    bool setSendQueueLimit(qint64 bytes);
    /// Liveness (see LivenessOptions): once connected, a peer that sends nothing
    /// for idleTimeout fails the connection with TimeoutError (errorOccurred(),
    /// then closed()); 0 (the default): never.
    std::chrono::milliseconds idleTimeout() const;
    /// Sets idleTimeout(); false (InvalidArgument) when negative.
    bool setIdleTimeout(std::chrono::milliseconds timeout);
    /// Whenever nothing was sent for heartbeatInterval, heartbeatPacket is
    /// sent as by send(); 0 (the default): no heartbeat. open() refuses an
    /// interval without a packet (InvalidArgument).
    std::chrono::milliseconds heartbeatInterval() const;
    /// Sets heartbeatInterval(); false (InvalidArgument) when negative.
    bool setHeartbeatInterval(std::chrono::milliseconds interval);
    /// The packet heartbeats send; see heartbeatInterval().
    QVariant heartbeatPacket() const;
    /// Sets heartbeatPacket().
    bool setHeartbeatPacket(const QVariant &packet);

    /// Bytes queued by sendPacket() and not yet handed to the operating system.
    qint64 bytesToWrite() const;

    /// The last error reported by errorOccurred(); an Error without code before any.
    Error lastError() const;
    QString errorString() const; ///< lastError().message()
    /// The connected socket: descriptor, family, addresses, options. Invalid
    /// before connected, and every handle becomes invalid once the client is
    /// closed (see SocketHandle).
    SocketHandle socket() const;

    /// Finishes when connected (connecting first if needed); idempotent, may be
    /// called any number of times, also concurrently. Fails with the connection error.
    QFuture<void> waitConnected();
    /// Finishes when the packet's bytes were handed to the operating system.
    /// Connects first if needed (the packet is sent once connected). Fails with
    /// SerializeError when the protocol cannot encode the packet (the connection
    /// goes on), InvalidOperation when the send queue is full or after sendEof().
    QFuture<void> sendPacket(const QVariant &packet);
    /// sendPacket() without a future, for a caller that does not wait for the
    /// send: nothing is allocated to track it, so it is the cheaper call per
    /// packet. A packet refused at once (SerializeError, InvalidOperation, a
    /// closed client) or that the transport cannot take is reported through
    /// errorOccurred(); one lost with the connection, by the connection's error.
    void send(const QVariant &packet);
    /// The next packet not yet delivered elsewhere (connects first if needed);
    /// fails with TimeoutError once timeout expires, taking no packet.
    QFuture<QVariant> recvPacket(QDeadlineTimer timeout = QDeadlineTimer::Forever);
    /// recvPacket() as a T, the type the protocol's converter makes (e.g. a
    /// GadgetConverter<T>'s gadget); fails with ValueError when the packet is
    /// not a T (takePacketAs()).
    template<typename T>
    QFuture<T> recvPacketAs(QDeadlineTimer timeout = QDeadlineTimer::Forever)
    {
        return recvPacket(timeout).then(
            [](QVariant packet) { return takePacketAs<T>(std::move(packet)); });
    }
    /// Graceful close: queued data is flushed, then the connection closes.
    QFuture<void> close();
    /// Abrupt close: queued data is dropped.
    void abort();

    /// Asynchronous iteration over incoming packets; timeout bounds the time
    /// spent waiting inside the iteration (default 0: only what has already
    /// arrived), as the reference's iter_received_packets(timeout=). It ends
    /// quietly at end of stream and at close. See ReceivedPacketIterator.
    ReceivedPacketIterator receivedPackets(std::chrono::milliseconds timeout
                                           = std::chrono::milliseconds(0));
    /// The same, waiting without a time limit: it ends only at end of stream or at close.
    ReceivedPacketIterator receivedPackets(QDeadlineTimer::ForeverConstant);

Q_SIGNALS:
    /// The connection is established (and the TLS handshake done).
    void connected();
    /// A packet arrived while autoRead is on and no recvPacket() future was waiting.
    void packetReceived(const QVariant &packet);
    /// The same packets in bulk, for an application that handles them so: the
    /// packets of one pass over the socket (at most MaxPacketBatch), in order,
    /// one signal for all. While packetReceived() is connected too, each
    /// packet comes after it, in a list of its own.
    void packetsReceived(const QVariantList &packets);
    /// state() changed to state.
    void stateChanged(EasyNet::AbstractClient::State state);
    /// An error happened; also kept as lastError().
    void errorOccurred(const EasyNet::Error &error);
    /// autoRead() changed.
    void autoReadChanged(bool enabled);
    /// Any option property changed (options change only before open()).
    void optionsChanged();
    /// bytesToWrite() fell to 0.
    void sendQueueDrained();
    /// The client reached State::Closed, after close(), abort() or a connection failure.
    void closed();
    /// Raw bytes as they go on the wire (one serialized packet each) and as they
    /// come off it (one read each: on streams a read may hold part of a packet or
    /// several), for hex views and debug logs. The copies are made only while
    /// something is connected to these signals.
    void bytesSent(const QByteArray &bytes);
    /// Raw bytes as they come off the wire; see bytesSent().
    void bytesReceived(const QByteArray &bytes);

protected:
    /// For the subclasses: dd is their private part, owned by this object from now on.
    AbstractClient(AbstractClientPrivate &dd, QObject *parent);
    /// Keeps track of connections to bytesSent() and bytesReceived() (copies are made only then).
    void connectNotify(const QMetaMethod &signal) override;
    /// See connectNotify().
    void disconnectNotify(const QMetaMethod &signal) override;
    /// The private part of the client (not QObject::d_ptr, which is QObject's own).
    AbstractClientPrivate *clientPrivate() const { return m_d.get(); }

private:
    friend class ReceivedPacketIterator;
    friend class AbstractClientPrivate;
    AbstractClientPrivate *d_func() { return m_d.get(); }
    const AbstractClientPrivate *d_func() const { return m_d.get(); }
    std::unique_ptr<AbstractClientPrivate> m_d;

    Q_DISABLE_COPY_MOVE(AbstractClient)
};

} // namespace EasyNet

// Q_DECLARE_PRIVATE for a client class: its private part derives from
// AbstractClientPrivate and is held by AbstractClient (single inheritance, so
// the cast is the one Qt's own macro makes).
#define EASYNET_DECLARE_CLIENT_PRIVATE(Class)                                                      \
    inline Class##Private *d_func()                                                                \
    {                                                                                              \
        return reinterpret_cast<Class##Private *>(clientPrivate());                                \
    }                                                                                              \
    inline const Class##Private *d_func() const                                                    \
    {                                                                                              \
        return reinterpret_cast<const Class##Private *>(clientPrivate());                          \
    }                                                                                              \
    friend class Class##Private;
