/// \class EasyNet::AbstractBlockingClient
/// AbstractBlockingClient: the blocking, thread-safe client base shared by
/// BlockingTcpClient, BlockingUdpClient, BlockingUnixStreamClient and
/// BlockingUnixDatagramClient (the reference's AbstractNetworkClient). For code
/// without an event loop: command-line tools, worker threads, tests.
///
/// - Thread-safe: any number of threads may send and receive at once. Sends
///   are never interleaved on the wire; each packet goes to exactly one receiver.
/// - Every call takes a timeout: a QDeadlineTimer or a std::chrono duration
///   (QDeadlineTimer converts from one), forever by default. The time spent
///   waiting for the internal send/receive lock counts against it. A timeout of
///   0 means "only what is already there".
/// - close() (from any thread) wakes every blocked call at once; they throw
///   ClientClosedError. close() is idempotent; the destructor closes.
/// - Errors are exceptions (exceptions.h): ClientClosedError, ConnectionError and
///   subclasses, TimeoutError, OSError, StreamProtocolParseError,
///   DatagramProtocolParseError, EOFError, ValueError (a bad option or adopted
///   socket, thrown by the constructor), RuntimeError (a call not allowed now).
/// - A receive that times out loses nothing: bytes already read stay buffered.
/// - End of stream is ConnectionAbortedError (ECONNABORTED). After a parse error
///   the stream cannot recover from, the client closes: recvPacket() throws the
///   StreamProtocolParseError once, later calls throw ClientClosedError.
/// Calls do not hop to other threads: each runs in the caller's thread with
/// poll() on the socket and on a wake-up descriptor.
#pragma once

#include <EasyNet/packetas.h>
#include <EasyNet/sockethandle.h>

#include <QtCore/QDeadlineTimer>
#include <QtCore/QVariant>

#include <chrono>
#include <iterator>
#include <memory>

namespace EasyNet {

class AbstractBlockingClientPrivate;

class EASYNET_EXPORT AbstractBlockingClient
{
public:
    /// Closes the client.
    virtual ~AbstractBlockingClient();

    /// Sends one packet; returns once its bytes were handed to the operating system.
    /// Throws the exceptions of exceptions.h (TimeoutError when timeout expires first).
    void sendPacket(const QVariant &packet, QDeadlineTimer timeout = QDeadlineTimer::Forever);
    /// Receives the next packet; throws TimeoutError when timeout expires first (nothing
    /// is lost), ConnectionAbortedError at end of stream, a ProtocolParseError for a
    /// bad packet (and closes the client when the stream cannot recover from it).
    QVariant recvPacket(QDeadlineTimer timeout = QDeadlineTimer::Forever);
    /// recvPacket() as a T, the type the protocol's converter makes (e.g. a
    /// GadgetConverter<T>'s gadget). Throws ValueError when the packet is not
    /// a T (takePacketAs()), and what recvPacket() throws.
    template<typename T>
    T recvPacketAs(QDeadlineTimer timeout = QDeadlineTimer::Forever)
    {
        return takePacketAs<T>(recvPacket(timeout));
    }

    /// Closes the connection (flushing nothing further) and wakes blocked calls.
    void close();
    /// True once close() was called or the connection failed.
    bool isClosed() const;
    /// The socket descriptor, or -1 once closed. Without TLS it is in blocking
    /// mode (a receive waits in recvmsg(); the client's other calls pass
    /// MSG_DONTWAIT); with TLS it is non-blocking.
    qintptr fileno() const;
    /// Socket options and the descriptor; invalid once closed.
    SocketHandle socket() const;

    /// The longest a blocking wait lasts before the client re-checks its state;
    /// Forever (the default) disables the re-check: close() wakes waiters anyway.
    /// Disables the re-check (the default).
    void setRetryInterval(QDeadlineTimer::ForeverConstant);
    /// Re-checks the client's state at least every interval while waiting.
    void setRetryInterval(std::chrono::milliseconds interval);

    class PacketRange;
    /// Iteration over received packets, as the reference's
    /// iter_received_packets(timeout=):
    /// \code
    ///   for (const QVariant &packet : client.receivedPackets(5s)) ...
    /// \endcode
    /// The timeout is a budget for all the waits inside the iteration together
    /// (default 0: what is already there); time spent in the loop body is not
    /// counted. The range ends quietly when the budget is used up, at end of
    /// stream (ConnectionAbortedError) and once the client is closed; any other
    /// error (a parse error, a reset) is thrown from the increment.
    PacketRange receivedPackets(QDeadlineTimer timeout = QDeadlineTimer(0));

protected:
    /// For the subclasses: d is their private part.
    explicit AbstractBlockingClient(std::unique_ptr<AbstractBlockingClientPrivate> d);
    /// The private part (the socket, the protocol, the locks).
    std::unique_ptr<AbstractBlockingClientPrivate> d_ptr;

private:
    Q_DISABLE_COPY_MOVE(AbstractBlockingClient)
};

/// The range of AbstractBlockingClient::receivedPackets(), for a range-based for loop:
/// each step is a recvPacket() bounded by the range's deadline.
class EASYNET_EXPORT AbstractBlockingClient::PacketRange
{
public:
    /// An input iterator over the received packets; it reaches end() when the
    /// deadline expires. Other errors are thrown from operator++().
    class iterator
    {
    public:
        /// Input iterator.
        using iterator_category = std::input_iterator_tag;
        /// A packet.
        using value_type = QVariant;
        /// Unused, required by std::iterator_traits.
        using difference_type = std::ptrdiff_t;
        /// A pointer to the current packet.
        using pointer = const QVariant *;
        /// The current packet.
        using reference = const QVariant &;

        /// The end iterator.
        iterator() = default;
        /// The current packet.
        const QVariant &operator*() const { return m_packet; }
        /// The current packet.
        const QVariant *operator->() const { return &m_packet; }
        /// Receives the next packet (blocking until one arrives or the deadline expires).
        iterator &operator++();
        /// The same as the prefix form.
        void operator++(int) { ++*this; }
        /// Iterators are equal when both are end() or both iterate over the same range.
        friend bool operator==(const iterator &a, const iterator &b)
        {
            return a.m_range == b.m_range;
        }
        /// The negation of operator==.
        friend bool operator!=(const iterator &a, const iterator &b) { return !(a == b); }

    private:
        friend class PacketRange;
        explicit iterator(PacketRange *range) : m_range(range) { ++*this; }
        PacketRange *m_range = nullptr;
        QVariant m_packet;
    };

    /// Receives the first packet.
    iterator begin() { return iterator(this); }
    /// The end iterator.
    iterator end() { return iterator(); }

private:
    friend class AbstractBlockingClient;
    PacketRange(AbstractBlockingClient *client, QDeadlineTimer timeout)
        : m_client(client), m_remainingNs(timeout.remainingTimeNSecs())
    {
    }
    AbstractBlockingClient *m_client;
    qint64 m_remainingNs; // what is left of the budget; -1: no limit
};

} // namespace EasyNet
