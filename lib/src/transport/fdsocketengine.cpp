#include "transport/fdsocketengine_p.h"

#include "core/eventloopentry_p.h"
#include "transport/socketio_p.h"

#include <QtCore/QSocketNotifier>
#include <QtCore/QTimer>

#include <sys/socket.h>

namespace EasyNet {

FdSocketEngine::~FdSocketEngine()
{
    release();
}

void FdSocketEngine::start(int fd, QObject *context)
{
    Q_ASSERT(m_fd < 0);
    m_fd = fd;
    m_context = context;
    int type = SOCK_STREAM;
    socklen_t length = sizeof(type);
    ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length);
    m_stream = type == SOCK_STREAM;
    m_readNotifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, m_context);
    m_readNotifier->setEnabled(false);
    QObject::connect(m_readNotifier, &QSocketNotifier::activated, m_context, [this] {
        const EventLoopEntry entry;
        onReadActivated();
    });
    m_writeNotifier = new QSocketNotifier(qintptr(fd), QSocketNotifier::Write, m_context);
    m_writeNotifier->setEnabled(false);
    QObject::connect(m_writeNotifier, &QSocketNotifier::activated, m_context, [this] {
        const EventLoopEntry entry;
        onWriteActivated();
    });
    m_receiver->connectedNotification();
}

IoResult FdSocketEngine::read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                              SocketAncillary *received)
{
    const bool datagram = !m_stream;
    if (m_drained && m_notifying) {
        IoResult nothing;
        nothing.wouldBlock = true;
        return nothing;
    }
    IoResult result = SocketIo::receive(m_fd, buffer, size, ancillaryBufsize, received, datagram);
    if (!datagram) {
        if (result.ok() && result.bytes > 0 && result.bytes < size)
            m_drained = true;
    } else if (result.wouldBlock) {
        m_datagramBurst = m_datagramsThisActivation > 1;
    } else if (++m_datagramsThisActivation == 1 && !m_datagramBurst
               && ++m_quietActivations % BurstProbeInterval != 0) {
        m_drained = true;
    }
    return result;
}

void FdSocketEngine::armRead()
{
    m_readWanted = true;
    if (m_readNotifier && !m_readNotifier->isEnabled())
        m_readNotifier->setEnabled(true);
}

void FdSocketEngine::disarmRead()
{
    if (m_readNotifier)
        m_readNotifier->setEnabled(false);
}

void FdSocketEngine::onReadActivated()
{
    if (m_lingering) {
        char sink[4096];
        for (;;) {
            const IoResult dropped = SocketIo::receive(m_fd, sink, sizeof(sink), 0, nullptr, false);
            if (dropped.wouldBlock)
                return;
            if (!dropped.ok() || dropped.bytes == 0)
                break; // the peer's end of stream (or an error): done
        }
        finishClosing();
        return;
    }
    m_readWanted = false;
    m_drained = false;
    m_datagramsThisActivation = 0;
    // A nested event loop run by user code may notify again inside.
    const bool outerNotifying = std::exchange(m_notifying, true);
    m_receiver->readNotification(); // reads while someone wants packets
    m_notifying = outerNotifying;
    // Nobody read: stop watching until someone asks (backpressure). While
    // packets are wanted the notifier stays on, which saves toggling it.
    if (!m_readWanted)
        disarmRead();
}

bool FdSocketEngine::write(const QByteArray &bytes, const SocketAncillary *ancillary, Error &error)
{
    if (m_fd < 0) {
        error = Error(ErrorCode::ClientClosed, QStringLiteral("the socket is closed"));
        return false;
    }
    if (ancillary && !ancillary->hasDataToSend())
        ancillary = nullptr;
    const auto queue = [&](qsizetype offset, const SocketAncillary *withFirstByte) {
        m_writeQueue.push_back(
            OutChunk {bytes, offset, withFirstByte ? std::optional(*withFirstByte) : std::nullopt});
        m_writeNotifier->setEnabled(true);
    };
    if (!m_writeQueue.empty()) { // keep the order: behind what waits already
        queue(0, ancillary);
        return true;
    }
    const IoResult result = SocketIo::send(m_fd, bytes, ancillary);
    if (result.error.isError()) {
        error = result.error;
        return false;
    }
    if (result.wouldBlock) {
        queue(0, ancillary);
        return true;
    }
    if (result.bytes < bytes.size()) // partial write (streams): the ancillary data went along
        queue(result.bytes, nullptr);
    m_receiver->bytesWrittenNotification(result.bytes); // may run user code: nothing after this
    return true;
}

bool FdSocketEngine::flushQueue()
{
    while (!m_writeQueue.empty() && m_fd >= 0) {
        OutChunk &chunk = m_writeQueue.front();
        const QByteArrayView rest = QByteArrayView(chunk.bytes).sliced(chunk.offset);
        const IoResult result
            = SocketIo::send(m_fd, rest, chunk.ancillary ? &*chunk.ancillary : nullptr);
        if (result.wouldBlock)
            return true;
        if (result.error.isError()) {
            m_receiver->failedNotification(result.error);
            return false;
        }
        chunk.ancillary.reset();
        chunk.offset += result.bytes;
        if (chunk.offset >= chunk.bytes.size())
            m_writeQueue.pop_front();
        // May run user code (a finished future): re-check everything after.
        m_receiver->bytesWrittenNotification(result.bytes);
    }
    return m_fd >= 0;
}

void FdSocketEngine::onWriteActivated()
{
    if (!flushQueue() || !m_writeQueue.empty())
        return;
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    if (m_closingGracefully) {
        m_closingGracefully = false;
        startLingering();
        return;
    }
    m_receiver->flushedNotification();
}

bool FdSocketEngine::shutdownWrite(Error &error)
{
    return SocketIo::shutdownWrite(m_fd, error);
}

void FdSocketEngine::close()
{
    disarmRead();
    if (m_fd >= 0 && !m_writeQueue.empty()) {
        m_closingGracefully = true; // onWriteActivated() goes on once flushed
        return;
    }
    Q_ASSERT(m_context); // closing gracefully means there was a connection
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            const EventLoopEntry entry;
            startLingering();
        },
        Qt::QueuedConnection);
}

void FdSocketEngine::startLingering()
{
    Error ignored;
    if (m_fd < 0 || !m_stream || !SocketIo::shutdownWrite(m_fd, ignored)) {
        finishClosing();
        return;
    }
    m_lingering = true;
    m_lingerTimer = new QTimer(m_context);
    m_lingerTimer->setSingleShot(true);
    QObject::connect(m_lingerTimer, &QTimer::timeout, m_context, [this] {
        const EventLoopEntry entry;
        finishClosing();
    });
    m_lingerTimer->start(LingerTimeout);
    m_readNotifier->setEnabled(true);
}

void FdSocketEngine::finishClosing()
{
    release();
    m_receiver->closedNotification();
}

void FdSocketEngine::abort()
{
    m_closingGracefully = false;
    m_writeQueue.clear();
    release();
}

void FdSocketEngine::release()
{
    m_lingering = false;
    if (m_lingerTimer) {
        m_lingerTimer->stop();
        m_lingerTimer->deleteLater();
        m_lingerTimer = nullptr;
    }
    for (QSocketNotifier **notifier : {&m_readNotifier, &m_writeNotifier}) {
        if (*notifier) {
            (*notifier)->setEnabled(false);
            QObject::disconnect(*notifier, nullptr, m_context, nullptr);
            (*notifier)->deleteLater(); // may be inside its own activated()
            *notifier = nullptr;
        }
    }
    if (m_fd >= 0) {
        SocketIo::close(m_fd);
        m_fd = -1;
    }
    m_drained = false;
}

} // namespace EasyNet
