/// \class EasyNet::ReconnectingClient
/// ReconnectingClient: keeps an event-driven client connected, making a fresh
/// one whenever a connection fails or is lost, with exponential backoff and
/// jitter (ReconnectPolicy). A client object's Closed is final (see
/// AbstractClient), so each connection is a new client, made by the factory:
///
/// \code
///   ReconnectingClient link;
///   link.setClientFactory([] {
///       return std::make_unique<TcpClient>(QStringLiteral("example.org"), 9000,
///                                          StreamProtocol(std::make_shared<JsonSerializer>()));
///   });
///   link.setConnectionHook([](AbstractClient *client) {  // on every connection
///       return client->sendPacket(QVariantMap{{"login", "me"}});
///   });
///   connect(&link, &ReconnectingClient::packetReceived, this, &Handler::onPacket);
///   link.open();
///   link.sendPacket(QVariantMap{{"hello", "world"}});  // queued: sent after the login
/// \endcode
///
/// Any transport works: the factory returns a TcpClient, UdpClient,
/// UnixStreamClient or UnixDatagramClient, configured and not opened, for the
/// thread of this object; the supervisor owns it (as a child) from then on.
/// An attempt lasts as long as its client takes to connect or fail: give the
/// clients a connectTimeout when the server may be unreachable rather than
/// refusing (the operating system's own timeout is minutes).
///
/// Life cycle: Unconnected -> Connecting (the first attempt after open()) ->
/// Connected; a failed attempt or a lost connection goes to Reconnecting
/// (waiting for the next attempt, then attempting) until a connection
/// succeeds, or until policy().maxAttempts attempts in a row failed: then
/// gaveUp() and Unconnected. A failed first connect is retried like a lost
/// connection. A connection is lost when its client closes (an error, a reset)
/// or when the peer ends the stream (the half-open client is closed then).
/// open() after close() or gaveUp() starts again.
///
/// Each connection, before it counts as Connected: the connection hook runs
/// with the new client (connected) and its future is awaited, so a login or
/// handshake packet goes first; a hook that fails fails the connection (the
/// next attempt follows the schedule). Then the packets queued while
/// disconnected are handed to the client in order, and connected() is emitted.
///
/// Sending: while Connected, sendPacket() hands the packet to the current
/// client at once (its future is the client's). While Connecting or
/// Reconnecting, the packet is queued, up to maxQueuedPackets, and handed to
/// the next connection after its hook; with maxQueuedPackets 0, such a send
/// fails at once (ConnectionError) instead. A full queue fails the send at once
/// (InvalidOperation), and so does a send while Unconnected. A packet is never
/// sent twice and never dropped silently: a queued one fails with ClientClosed
/// at close(), with the last connection error at gaveUp(); one handed to a
/// client whose connection then dies fails with that error and is not resent.
///
/// Signals: errorOccurred() for every error of every attempt and connection
/// (ConnectionRefused each time a server is down, say), reconnecting() before
/// each wait, packetReceived() for the packets of the current connection, or
/// packetsReceived() for them in bulk (its client keeps autoRead on; a factory
/// that turns it off pulls packets itself through client()). As for
/// AbstractClient, the signals and the futures come from the event loop, never
/// from inside one of this object's calls.
#pragma once

#include <EasyNet/abstractclient.h>
#include <EasyNet/errors.h>
#include <EasyNet/reconnectpolicy.h>

#include <QtCore/QFuture>
#include <QtCore/QObject>
#include <QtCore/QVariant>

#include <chrono>
#include <functional>
#include <memory>

namespace EasyNet {

class ReconnectingClientPrivate;

class EASYNET_EXPORT ReconnectingClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(EasyNet::ReconnectPolicy policy READ policy WRITE setPolicy NOTIFY policyChanged)
    Q_PROPERTY(int maxQueuedPackets READ maxQueuedPackets WRITE setMaxQueuedPackets NOTIFY
                   maxQueuedPacketsChanged)
    Q_PROPERTY(EasyNet::Error lastError READ lastError NOTIFY errorOccurred)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorOccurred)

public:
    /// Unconnected (not opened, closed, or given up), Connecting (the first
    /// attempt after open()), Connected (the hook done), Reconnecting (after a
    /// failure: waiting, then attempting again).
    enum class State { Unconnected, Connecting, Connected, Reconnecting };
    Q_ENUM(State)

    /// Makes the client of each connection: configured, not opened.
    using ClientFactory = std::function<std::unique_ptr<AbstractClient>()>;
    /// Runs on each connection before the queued packets go out; the
    /// connection counts as established once its future finished. A future
    /// that fails or is cancelled (a default-constructed QFuture is) fails the
    /// connection: return QtFuture::makeReadyFuture() when there is nothing to wait for.
    using ConnectionHook = std::function<QFuture<void>(AbstractClient *client)>;

    /// The default maxQueuedPackets.
    static constexpr int DefaultMaxQueuedPackets = 1024;

    /// A supervisor with no factory yet: set it, then open().
    explicit ReconnectingClient(QObject *parent = nullptr);
    /// Aborts the current connection, if any; queued packets fail with ClientClosed.
    ~ReconnectingClient() override;

    /// The factory; set before open(), a new one applies from the next attempt.
    ClientFactory clientFactory() const;
    /// Sets clientFactory().
    void setClientFactory(ClientFactory factory);
    /// The hook run on each connection; none by default.
    ConnectionHook connectionHook() const;
    /// Sets connectionHook(); applies from the next connection.
    void setConnectionHook(ConnectionHook hook);

    /// When to try again; applies from the next wait.
    ReconnectPolicy policy() const;
    /// Sets policy(); returns false and reports InvalidArgument for a policy
    /// out of range (see ReconnectPolicy's fields), changing nothing.
    bool setPolicy(const ReconnectPolicy &policy);

    /// How many packets sendPacket() queues while not connected; 0: such a
    /// send fails at once. DefaultMaxQueuedPackets by default.
    int maxQueuedPackets() const;
    /// Sets maxQueuedPackets(); false (InvalidArgument) when negative. A lower
    /// limit fails no packet already queued.
    bool setMaxQueuedPackets(int packets);
    /// The packets queued now, waiting for a connection.
    int queuedPackets() const;

    /// The current state; stateChanged() tells each change.
    State state() const;
    /// The current attempt's or connection's client; null while Unconnected
    /// and while waiting between attempts. It is replaced on each
    /// reconnection: keep no pointer to it.
    AbstractClient *client() const;

    /// The last error reported by errorOccurred(); an Error without code before any.
    Error lastError() const;
    QString errorString() const; ///< lastError().message()

    /// Starts connecting; does nothing unless Unconnected. Reports
    /// InvalidOperation when there is no factory.
    void open();
    /// Stops: no more attempts, queued packets fail with ClientClosed, and the
    /// current connection closes gracefully (what its client has queued is
    /// flushed first). The future finishes once it is closed. State: Unconnected.
    QFuture<void> close();
    /// Sends packet on the current connection, or queues it for the next one
    /// (see the class description). Finishes when the packet's bytes were
    /// handed to the operating system, or fails with why they were not.
    QFuture<void> sendPacket(const QVariant &packet);

Q_SIGNALS:
    /// state() changed to state.
    void stateChanged(EasyNet::ReconnectingClient::State state);
    /// A connection is established: its hook finished and the queued packets
    /// were handed to its client.
    void connected();
    /// The next attempt, numbered from 1 after each failure or loss, starts in delay.
    void reconnecting(int attempt, std::chrono::milliseconds delay);
    /// A packet arrived on the current connection.
    void packetReceived(const QVariant &packet);
    /// The same packets in bulk, as AbstractClient::packetsReceived() gives
    /// them: the packets of one pass over the current connection's socket, in
    /// order, one signal for all. While packetReceived() is connected too,
    /// each packet comes after it, in a list of its own.
    void packetsReceived(const QVariantList &packets);
    /// An error happened (an attempt failed, a connection was lost, a hook
    /// failed, an argument was refused); also kept as lastError(). A refused
    /// send fails its future only.
    void errorOccurred(const EasyNet::Error &error);
    /// policy().maxAttempts attempts in a row failed: no more attempts; the state
    /// is Unconnected.
    void gaveUp();
    /// policy() changed.
    void policyChanged();
    /// maxQueuedPackets() changed.
    void maxQueuedPacketsChanged(int packets);

private:
    friend class ReconnectingClientPrivate;
    // Not QObject::d_ptr, which is QObject's own.
    ReconnectingClientPrivate *d_func() { return m_d.get(); }
    const ReconnectingClientPrivate *d_func() const { return m_d.get(); }
    std::unique_ptr<ReconnectingClientPrivate> m_d;
    Q_DISABLE_COPY_MOVE(ReconnectingClient)
};

} // namespace EasyNet
