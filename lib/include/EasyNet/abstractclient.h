// AbstractClient: the event-driven client base shared by TcpClient, UdpClient,
// UnixStreamClient and UnixDatagramClient (the reference's
// AbstractAsyncNetworkClient).
//
// A client lives in the thread of its QObject and needs that thread's event loop.
// Life cycle: Unconnected -> Connecting -> Connected -> Closing -> Closed. Every
// operation returns a QFuture that fails with the typed exception of
// exceptions.h (a co_await on it throws; see futureawait.h). After close() or
// abort(), every operation fails with ClientClosedError; close() is idempotent.
//
// Receiving, two styles, never losing or duplicating a packet:
// - autoRead on (default): each packet is emitted through packetReceived() as
//   it arrives, unless a recvPacket() future is waiting: then that future gets it.
// - autoRead off: nothing is read from the socket until recvPacket() asks for a
//   packet, so the peer is held back by the kernel (backpressure), and memory
//   stays bounded by maxRecvSize plus one packet.
#pragma once

#include <EasyNet/errors.h>
#include <EasyNet/receivedpacketiterator.h>

#include <QtCore/QDeadlineTimer>
#include <QtCore/QFuture>
#include <QtCore/QObject>
#include <QtCore/QScopedPointer>
#include <QtCore/QVariant>

namespace EasyNet {

class AbstractClientPrivate;

class EASYNET_EXPORT AbstractClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool autoRead READ autoRead WRITE setAutoRead NOTIFY autoReadChanged)
    Q_PROPERTY(Error lastError READ lastError NOTIFY errorOccurred)

public:
    enum class State { Unconnected, Connecting, Connected, Closing, Closed };
    Q_ENUM(State)

    ~AbstractClient() override;

    State state() const;
    // True once the connection is established (waitConnected() finished).
    bool isConnected() const;
    // True once close() or abort() was called, or the connection failed.
    bool isClosing() const;

    bool autoRead() const;
    void setAutoRead(bool enabled);

    Error lastError() const;

    // Finishes when connected; idempotent, may be called any number of times,
    // also concurrently. Fails with the connection error.
    QFuture<void> waitConnected();
    // Finishes when the packet's bytes were handed to the operating system.
    // Fails with ConnectionError before the client is connected (await
    // waitConnected() or the connected() signal first), with SerializeError when
    // the protocol cannot encode the packet (the connection goes on).
    QFuture<void> sendPacket(const QVariant &packet);
    // The next packet not yet delivered elsewhere.
    QFuture<QVariant> recvPacket();
    // Graceful close: queued data is flushed, then the connection closes.
    QFuture<void> close();
    // Abrupt close: queued data is dropped.
    void abort();

    // Asynchronous iteration over incoming packets; timeout bounds the whole
    // iteration (default 0: only what has already arrived), as the reference's
    // iter_received_packets(timeout=). See ReceivedPacketIterator.
    ReceivedPacketIterator receivedPackets(QDeadlineTimer timeout = QDeadlineTimer(0));

Q_SIGNALS:
    void connected();
    void packetReceived(const QVariant &packet);
    void stateChanged(EasyNet::AbstractClient::State state);
    void errorOccurred(const EasyNet::Error &error);
    void autoReadChanged(bool enabled);
    void closed();
    // Raw bytes as they go on the wire (one serialized packet each) and as they
    // come off it (one read each: on streams a read may hold part of a packet or
    // several), for hex views and debug logs. The copies are made only while
    // something is connected to these signals.
    void bytesSent(const QByteArray &bytes);
    void bytesReceived(const QByteArray &bytes);

protected:
    AbstractClient(AbstractClientPrivate &dd, QObject *parent);
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

    QScopedPointer<AbstractClientPrivate> d_ptr;

private:
    friend class ReceivedPacketIterator;
    Q_DECLARE_PRIVATE(AbstractClient)
    Q_DISABLE_COPY_MOVE(AbstractClient)
};

} // namespace EasyNet
