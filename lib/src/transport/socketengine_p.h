// SocketEngine: the data path of one connected socket, the shape of qtbase's
// QAbstractSocketEngine. A client holds one engine and never asks which kind
// it has: FdSocketEngine does the I/O on the descriptor itself, TlsEngine runs
// TLS over another engine, and a proxy tunnel or DTLS is one more engine.
//
// An engine reports to its SocketEngineReceiver (the client, or the engine
// stacked on top of it) and is a ReadSource of the bytes it delivers.
#pragma once

#include "transport/readsource_p.h"

#include <EasyNet/errors.h>

#include <QtCore/QByteArray>

QT_FORWARD_DECLARE_CLASS(QObject)

namespace EasyNet {

class OpenSslSession;

class SocketEngineReceiver
{
public:
    virtual ~SocketEngineReceiver() = default;
    // start() finished: data may flow (at once on a plain socket, after the
    // handshake on TLS). A plain engine reports it from inside start().
    virtual void connectedNotification() = 0;
    // Data (or the end of the stream) may be there, and someone wanted data (armRead()).
    virtual void readNotification() = 0;
    // bytes of what was given to write() went out. May run user code.
    virtual void bytesWrittenNotification(qint64 bytes) = 0;
    // Everything given to write() went out: nothing is queued any more.
    virtual void flushedNotification() = 0;
    // The connection broke (a failed handshake or write): nothing more follows.
    virtual void failedNotification(const Error &error) = 0;
    // close() finished: the descriptor is closed.
    virtual void closedNotification() = 0;
};

class SocketEngine : public ReadSource
{
public:
    explicit SocketEngine(SocketEngineReceiver *receiver = nullptr) : m_receiver(receiver) { }
    Q_DISABLE_COPY_MOVE(SocketEngine)

    void setReceiver(SocketEngineReceiver *receiver) { m_receiver = receiver; }

    // Takes ownership of a connected non-blocking descriptor. context: the
    // QObject the notifiers and timers belong to (the client).
    // connectedNotification() or failedNotification() follows.
    virtual void start(int fd, QObject *context) = 0;
    virtual int descriptor() const = 0;
    virtual bool isOpen() const = 0;

    // ReadSource::read() never waits; armRead() asks for a readNotification()
    // when it would block, disarmRead() stops asking (backpressure).
    virtual void armRead() = 0;
    virtual void disarmRead() = 0;

    // Writes now or queues behind what waits; false and error set when the
    // connection cannot send (nothing queued). bytesWrittenNotification()
    // reports progress, also for what is written at once. ancillary: sent
    // with the first byte, where the transport carries it.
    virtual bool write(const QByteArray &bytes, const SocketAncillary *ancillary, Error &error) = 0;
    virtual bool hasQueuedWrites() const = 0;
    // Ends the write side (after everything queued went out); false and
    // error set where the transport cannot.
    virtual bool shutdownWrite(Error &error) = 0;

    // Graceful: what is queued goes out and the transport's closing handshake
    // runs; then the descriptor closes and closedNotification() follows
    // (always from the event loop).
    virtual void close() = 0;
    // Abrupt: drops everything and closes now; no notification follows.
    virtual void abort() = 0;

    // What a TLS handshake agreed, for the engine that ran one; else null.
    virtual const OpenSslSession *tlsSession() const { return nullptr; }

protected:
    SocketEngineReceiver *m_receiver;
};

} // namespace EasyNet
