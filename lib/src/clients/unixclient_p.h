// UnixClientPrivate: what UnixStreamClient and UnixDatagramClient share on top
// of AbstractClientPrivate: the raw AF_UNIX socket (transport/unixsocket_p.h)
// driven by two QSocketNotifiers, connecting (path, abstract name or adopted
// descriptor, optional local bind), the write queue with partial writes and
// per-send ancillary data, graceful and abrupt close.
//
// Notifiers: the read notifier is enabled once a read would block while someone
// wants data (readPacket() was called), and disabled when it fires while nobody
// reads, so an unread peer is held back by the kernel (backpressure). The write
// notifier is enabled only while queued bytes wait for room in the socket.
#pragma once

#include "abstractclient_p.h"
#include "transport/unixsocket_p.h"

#include <EasyNet/socketancillary.h>
#include <EasyNet/unixsocketaddress.h>

#include <deque>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QSocketNotifier)
QT_FORWARD_DECLARE_CLASS(QTimer)

namespace EasyNet {

// The context of a recvPacket(ancillary, bufsize): where the ancillary data
// that comes with the packet goes.
struct UnixReceiveContext
{
    SocketAncillary ancillary;
    qsizetype bufsize = SocketAncillary::DefaultBufferSize;
};

class UnixClientPrivate : public AbstractClientPrivate
{
public:
    explicit UnixClientPrivate(int socketType);
    ~UnixClientPrivate() override;

    // ---- AbstractClientPrivate ----
    Error checkReadyToOpen() const override;
    void startConnecting() override;
    bool writeBytes(const QByteArray &bytes, Error &error) override;
    bool writeBytesWithContext(const QByteArray &bytes, const std::any &context,
                               Error &error) override;
    void closeTransport() override;
    void abortTransport() override;

    // ---- for the stream / datagram subclasses ----
    // Called once the socket is connected, before transportConnected().
    virtual void onSocketConnected() { }
    // The write queue is empty (all handed to the kernel).
    virtual void onWriteQueueFlushed() { }
    virtual void onAbort() { }

    static const UnixReceiveContext *receiveContextOf(const std::any *context);
    // A read would block: wait for readability.
    void armRead();
    // No more reading (end of stream): stop watching.
    void disarmRead();
    bool hasQueuedWrites() const { return !writeQueue.empty(); }
    void applyPassCredentials();

    // public API helpers
    UnixSocketAddress localName() const;
    UnixSocketAddress peerName() const;
    void setPassCredentials(bool enabled);
    bool setAdoptedDescriptor(qintptr descriptor);

    // options
    const int socketType;
    UnixSocketAddress address;
    UnixSocketAddress bindAddress; // null: no bind
    bool autobind = false; // bind to a fresh abstract name when localAddress is null
    qintptr adoptedDescriptor = -1;
    bool passCredentials = false;

    int fd = -1;
    // A read returned less than asked since readability was last reported: the
    // socket is empty for now, so wait for the (level-triggered) read notifier
    // instead of trying a read that would only say EAGAIN.
    bool drained = false;

private:
    struct OutChunk
    {
        QByteArray bytes;
        qsizetype offset = 0;
        std::optional<SocketAncillary> ancillary; // sent with the chunk's first byte
    };

    void tryConnect();
    void socketConnected();
    void onReadActivated();
    void onWriteActivated();
    // Writes what the queue holds; false when the connection failed.
    bool flushQueue();
    void finishGracefulClose();
    void releaseSocket();

    QSocketNotifier *readNotifier = nullptr;
    QSocketNotifier *writeNotifier = nullptr;
    QTimer *connectRetryTimer = nullptr;
    int connectRetryDelayMs = 0;
    bool readWanted = false;
    bool closingGracefully = false;
    std::deque<OutChunk> writeQueue;
};

} // namespace EasyNet
