// AbstractUnixClientPrivate: what UnixStreamClient and UnixDatagramClient share on top
// of AbstractClientPrivate: connecting a raw AF_UNIX socket (path, abstract
// name or adopted descriptor, optional local bind), then the FdSocketEngine
// that does its I/O and reports back as its receiver.
#pragma once

#include "abstractclient_p.h"
#include "transport/fdsocketengine_p.h"

#include <EasyNet/socketancillary.h>
#include <EasyNet/unixoptions.h>
#include <EasyNet/unixsocketaddress.h>

#include <deque>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace EasyNet {

class AbstractUnixClientPrivate : public AbstractClientPrivate, public SocketEngineReceiver
{
public:
    explicit AbstractUnixClientPrivate(int socketType);
    ~AbstractUnixClientPrivate() override;

    // ---- AbstractClientPrivate ----
    Error checkReadyToOpen() const override;
    void startConnecting() override;
    bool writeBytes(const QByteArray &bytes, const SocketAncillary *ancillary,
                    Error &error) override;
    void closeTransport() override;
    void abortTransport() override;

    // ---- SocketEngineReceiver ----
    void connectedNotification() override;
    void readNotification() override { transportReadable(); }
    void bytesWrittenNotification(qint64 bytes) override { transportBytesWritten(bytes); }
    void flushedNotification() override { onWriteQueueFlushed(); }
    void failedNotification(const Error &error) override { transportFailed(error); }
    void closedNotification() override { transportClosed(); }

    // ---- for the stream / datagram subclasses ----
    // Called once the socket is connected, before transportConnected().
    virtual void onSocketConnected() { }
    // The write queue is empty (all handed to the kernel).
    virtual void onWriteQueueFlushed() { }
    virtual void onAbort() { }

    void applyPassCredentials();

    // public API helpers
    void setPassCredentials(bool enabled);
    bool setAdoptedDescriptor(qintptr descriptor);
    qintptr descriptor() const override { return engine.descriptor(); }

    // options
    const int socketType;
    UnixSocketAddress address;
    UnixOptions options;
    bool autobind = false; // bind to a fresh abstract name when options.bindAddress is null
    qintptr adoptedDescriptor = -1;

    FdSocketEngine engine;

private:
    void tryConnect();
    void socketConnected();

    int connectingFd = -1; // until connected, then the engine owns it
    QTimer *connectRetryTimer = nullptr;
    int connectRetryDelayMs = 0;
};

} // namespace EasyNet
