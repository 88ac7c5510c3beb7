// AbstractClientPrivate: the machinery every client shares (state, futures,
// reading styles, send completion, error reporting) and the hooks a transport
// implements. Transports call the transport*() notifications.
//
// Everything that runs user code (a signal, a future finishing) goes through
// deliver() (DeliveryQueue). Reading (pump()) and the coalesced writes
// (SendQueue) follow the same rule: from the event loop only.
#pragma once

#include "clients/deliveryqueue_p.h"
#include "clients/livenessmonitor_p.h"
#include "clients/receivequeue_p.h"
#include "clients/sendqueue_p.h"
#include "core/sockethandlecell_p.h"
#include "endpoint/readrequest_p.h"
#include "endpoint/readresult_p.h"

#include <EasyNet/abstractclient.h>

#include <QtCore/QLoggingCategory>
#include <QtCore/QPromise>

#include <atomic>
#include <deque>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace EasyNet {

class AbstractClientPrivate
{
    Q_DECLARE_PUBLIC(AbstractClient)

public:
    AbstractClientPrivate();
    virtual ~AbstractClientPrivate();

    // ---- hooks implemented by each transport ----
    // Checks the options before connecting: an error refuses open().
    virtual Error checkReadyToOpen() const { return {}; }
    // Starts connecting (called once, by open() or the first operation); ends in
    // transportConnected() or transportFailed().
    virtual void startConnecting() = 0;
    // Why a send is refused before it is queued (after sendEof(), say), or
    // nothing. (An optional: an Error made and destroyed for every packet
    // sent costs more than the check.)
    virtual std::optional<Error> checkCanSend() const { return std::nullopt; }
    // The bytes to write for one packet; throws SerializeError.
    virtual QByteArray serializePacket(const QVariant &packet) = 0;
    // Appends those bytes to out (the sends coalesced into one write); throws
    // SerializeError, and out is then as it was. Stream transports override
    // it to serialize in place, without a buffer of the packet's own.
    virtual void appendPacket(const QVariant &packet, QByteArray &out)
    {
        out.append(serializePacket(packet));
    }
    // Queues bytes for writing, with the ancillary data to send (Unix sockets
    // only; null for the others); false and error set when the transport refuses.
    virtual bool writeBytes(const QByteArray &bytes, const SocketAncillary *ancillary, Error &error)
        = 0;
    // Stream transports let the sends of one event-loop pass coalesce into one
    // write (as QAbstractSocket's write buffer does: one system call, not one per
    // packet); datagram transports return false, each packet being a datagram.
    virtual bool coalescesWrites() const { return true; }
    // The next packet from what was received, as request asks. May read from
    // the socket (at most maxRecvSize bytes per call), never blocks.
    virtual ReadResult readPacket(QVariant &packet, Error &error, const ReadRequest &request) = 0;
    // After readPacket() gave a packet: the packets received with it that the
    // format decoded in the same pass, appended to packets (at most max),
    // without reading. For packets gathered in bulk: one call for them all,
    // not readPacket() for each. 0 when the transport has none.
    virtual qsizetype takeDecodedPackets(QVariantList &packets, qsizetype max);
    // Graceful: flush, then close (notifies transportClosed()). Abrupt: drop all.
    virtual void closeTransport() = 0;
    virtual void abortTransport() = 0;
    // The connected socket's descriptor (read once connected, for socket()).
    virtual qintptr descriptor() const = 0;

    // ---- notifications from the transport ----
    void transportConnected();
    void transportFailed(const Error &error);
    void transportReadable()
    {
        m_liveness.received();
        pump();
    }
    void transportBytesWritten(qint64 bytes) { m_sends.bytesWritten(bytes); }
    void transportClosed();

    // ---- helpers for subclasses ----
    std::chrono::milliseconds connectTimeout() const { return m_connectTimeout; }
    void setState(AbstractClient::State state);
    void reportError(const Error &error);
    void open();
    // Options of a client apply to the connection it makes: true while it has
    // not started connecting, else false with an InvalidOperation error reported.
    bool checkOptionsCanChange();
    // false with an InvalidArgument error reported unless ok.
    bool checkArgument(bool ok, const QString &what);
    // Sets an option (checkOptionsCanChange()), emitting optionsChanged() on change.
    template<typename T>
    bool setOption(T &field, const T &value)
    {
        if (!checkOptionsCanChange())
            return false;
        if (!(field == value)) {
            field = value;
            deliver([this] { Q_EMIT q_ptr->optionsChanged(); });
        }
        return true;
    }
    bool setPositiveSize(qsizetype &field, qsizetype value, const char *name)
    {
        return checkArgument(value > 0,
                             QLatin1StringView(name) + QStringLiteral(" must be positive"))
            && setOption(field, value);
    }

    // Registers a receiver; ancillary: where the ancillary data of the packet
    // it takes goes (Unix sockets).
    void addReceiver(ReceiveQueue::Deliver deliver, std::function<bool()> isCancelled,
                     QDeadlineTimer deadline, std::optional<AncillaryRequest> ancillary = {},
                     bool endsQuietly = false);
    // Serializes and queues a packet (writes it once connected), with ancillary
    // data for Unix sockets. promise: moved in and completed once the bytes are
    // written, or null for send(), whose later write failure is reported
    // through errorOccurred(). Returns why the packet was refused at once
    // (nothing queued then), or nothing.
    std::optional<Error> queuePacket(const QVariant &packet, const SocketAncillary *ancillary,
                                     QPromise<void> *promise);
    // Hands what the sends coalesced so far to the transport (before anything
    // that must come after those bytes: a send with ancillary data, sendEof(), close()).
    void flushWrites() { m_sends.flush(); }
    // Runs function (user code: a signal, a promise finishing) as
    // DeliveryQueue::deliver() says; false when that destroyed the client.
    template<typename F>
    bool deliver(F &&function)
    {
        return m_deliveries.deliver(std::forward<F>(function));
    }
    // Finishes promise (with error, when it is one) through deliver(); false
    // when that destroyed the client.
    bool finishPromise(QPromise<void> &&promise, const Error &error = {});
    // The scheduler's call at the start of a pass: runs what was deferred,
    // flushes the coalesced writes, reads what receivers asked for.
    void runDeferred();
    // sendPacket() / recvPacket(), with ancillary data for Unix sockets.
    QFuture<void> sendPacket(const QVariant &packet, const SocketAncillary *ancillary);
    QFuture<QVariant> recvPacket(std::optional<AncillaryRequest> ancillary,
                                 QDeadlineTimer timeout = QDeadlineTimer::Forever);
    QFuture<void> failedFuture(const Error &error) const;
    Error closedError() const;
    // What an operation on a closing/closed client fails with: ClientClosed when
    // this side closed it, else the error that ended the connection.
    Error operationError() const;

    // The public object, as the base type on purpose: transports use it as the
    // context of their connections, also from ~AbstractClient(), when the
    // derived part is already gone (a cast to it would be undefined).
    AbstractClient *q_ptr = nullptr;

private:
    void pump();
    void deliverPacket(QVariant &&packet);
    void dispatchPacket(QVariant &&packet);
    // Whether pump() gathers packets for packetsReceived() instead of
    // delivering each: only packetsReceived() wants them.
    bool batchesPackets();
    // Delivers the packets gathered so far in one packetsReceived().
    void deliverBatch();
    void deliverError(const Error &error);
    void finishWithError(const Error &error);
    void failPending(const Error &error);
    void failReceivers(const Error &error);
    // Whether observed (one of the m_observed flags) is connected, recounted
    // after a disconnection.
    bool observes(const std::atomic_bool &observed)
    {
        if (m_recountObservers.load(std::memory_order_relaxed))
            recountObservers();
        return observed.load(std::memory_order_relaxed);
    }
    void recountObservers();
    // What readPacket() is asked for: the front receiver's ancillary data,
    // bytesReceived() while something is connected to it.
    ReadRequest readRequest();
    void stopConnectTimer();

    AbstractClient::State m_state = AbstractClient::State::Unconnected;
    bool m_autoRead = true;
    // The EventLoopEntry::depth() of the pump() running, 0 when none is: a
    // receive started by user code inside it is served by its loop, a nested
    // event loop inside it pumps anew.
    int m_pumpingDepth = 0;
    bool m_pumpWanted = false; // a pump() was asked for outside the event loop
    bool m_expireWanted = false; // a receiver with a passed deadline waits
    DeliveryQueue m_deliveries {*this};
    bool m_endOfStream = false;
    QVariantList m_batch; // gathered by pump() for packetsReceived()
    bool m_closedByUser = false;
    SocketHandleCell m_socketCell; // what socket() hands out: valid from connected to closed
    // Whether bytesReceived() and bytesSent() are connected (copies are made
    // only then), from connectNotify() and disconnectNotify(), which may run
    // in any thread; read through observes().
    std::atomic_bool m_observedBytesReceived = false;
    std::atomic_bool m_observedBytesSent = false;
    // The same for packetReceived() and packetsReceived(): which one pump()
    // delivers to.
    std::atomic_bool m_observedPacketReceived = false;
    std::atomic_bool m_observedPacketsReceived = false;
    std::atomic_bool m_recountObservers = false;
    std::chrono::milliseconds m_connectTimeout = AbstractClient::NoTimeout;
    qint64 m_sendQueueLimit = AbstractClient::DefaultSendQueueLimit;
    QTimer *m_connectTimer = nullptr;
    Error m_lastError;
    Error m_terminalError; // what every later receive fails with
    std::deque<QPromise<void>> m_connectWaiters;
    std::deque<QPromise<void>> m_closeWaiters;
    ReceiveQueue m_receivers {*this};
    SendQueue m_sends {*this};
    LivenessMonitor m_liveness {*this}; // runs while Connected

    friend class AbstractClient;
    friend class ReceiveQueue;
    friend class SendQueue;
};

} // namespace EasyNet
