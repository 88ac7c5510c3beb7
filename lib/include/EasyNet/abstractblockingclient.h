// AbstractBlockingClient: the blocking, thread-safe client base shared by
// BlockingTcpClient, BlockingUdpClient, BlockingUnixStreamClient and
// BlockingUnixDatagramClient (the reference's AbstractNetworkClient). For code
// without an event loop: command-line tools, worker threads, tests.
//
// - Thread-safe: any number of threads may send and receive at once. Sends
//   are never interleaved on the wire; each packet goes to exactly one receiver.
// - Every call takes a timeout: a QDeadlineTimer or a std::chrono duration
//   (QDeadlineTimer converts from one), forever by default. The time spent
//   waiting for the internal send/receive lock counts against it. A timeout of
//   0 means "only what is already there".
// - close() (from any thread) wakes every blocked call at once; they throw
//   ClientClosedError. close() is idempotent; the destructor closes.
// - Errors are exceptions (exceptions.h): ClientClosedError, ConnectionError and
//   subclasses, TimeoutError, OSError, StreamProtocolParseError,
//   DatagramProtocolParseError, EOFError, ValueError (a bad option or adopted
//   socket, thrown by the constructor), RuntimeError (a call not allowed now).
// - A receive that times out loses nothing: bytes already read stay buffered.
// - End of stream is ConnectionAbortedError (ECONNABORTED). After a parse error
//   the stream cannot recover from, the client closes: recvPacket() throws the
//   StreamProtocolParseError once, later calls throw ClientClosedError.
// Calls do not hop to other threads: each runs in the caller's thread with
// poll() on the socket and on a wake-up descriptor.
#pragma once

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
    virtual ~AbstractBlockingClient();

    void sendPacket(const QVariant &packet, QDeadlineTimer timeout = QDeadlineTimer::Forever);
    QVariant recvPacket(QDeadlineTimer timeout = QDeadlineTimer::Forever);

    // Closes the connection (flushing nothing further) and wakes blocked calls.
    void close();
    bool isClosed() const;
    // The socket descriptor, or -1 once closed.
    qintptr fileno() const;
    SocketHandle socket() const;

    // The longest a blocking wait lasts before the client re-checks its state;
    // Forever (the default) disables the re-check: close() wakes waiters anyway.
    void setRetryInterval(QDeadlineTimer::ForeverConstant);
    void setRetryInterval(std::chrono::milliseconds interval);

    // Iteration over received packets, as the reference's
    // iter_received_packets(timeout=):
    //   for (const QVariant &packet : client.receivedPackets(5s)) ...
    // The timeout is a budget for all the waits inside the iteration together
    // (default 0: what is already there); time spent in the loop body is not
    // counted. The range ends quietly when the budget is used up, at end of
    // stream (ConnectionAbortedError) and once the client is closed; any other
    // error (a parse error, a reset) is thrown from the increment.
    class PacketRange;
    PacketRange receivedPackets(QDeadlineTimer timeout = QDeadlineTimer(0));

protected:
    explicit AbstractBlockingClient(std::unique_ptr<AbstractBlockingClientPrivate> d);
    std::unique_ptr<AbstractBlockingClientPrivate> d_ptr;

private:
    Q_DISABLE_COPY_MOVE(AbstractBlockingClient)
};

class EASYNET_EXPORT AbstractBlockingClient::PacketRange
{
public:
    class iterator
    {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = QVariant;
        using difference_type = std::ptrdiff_t;
        using pointer = const QVariant *;
        using reference = const QVariant &;

        iterator() = default;
        const QVariant &operator*() const { return m_packet; }
        const QVariant *operator->() const { return &m_packet; }
        iterator &operator++();
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator &a, const iterator &b)
        {
            return a.m_range == b.m_range;
        }
        friend bool operator!=(const iterator &a, const iterator &b) { return !(a == b); }

    private:
        friend class PacketRange;
        explicit iterator(PacketRange *range) : m_range(range) { ++*this; }
        PacketRange *m_range = nullptr;
        QVariant m_packet;
    };

    iterator begin() { return iterator(this); }
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
