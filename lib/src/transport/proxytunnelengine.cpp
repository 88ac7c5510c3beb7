#include "transport/proxytunnelengine_p.h"

#include <cerrno>
#include <cstring>

namespace EasyNet {

namespace {

// One read of the proxy's replies; any tunnel bytes behind them are kept.
constexpr qsizetype HandshakeChunk = 4096;

} // namespace

ProxyTunnelEngine::ProxyTunnelEngine(std::unique_ptr<SocketEngine> lower,
                                     std::unique_ptr<ProxyHandshake> handshake)
    : StackedSocketEngine(std::move(lower)), m_handshake(std::move(handshake))
{
}

ProxyTunnelEngine::~ProxyTunnelEngine() = default;

void ProxyTunnelEngine::start(int fd, QObject *context)
{
    m_lower->start(fd, context); // connectedNotification() goes on
}

void ProxyTunnelEngine::connectedNotification()
{
    if (m_handshake->status() == ProxyHandshake::Status::Failed) { // refused before a byte
        m_receiver->failedNotification(m_handshake->error());
        return;
    }
    if (sendHandshakeOutput())
        m_lower->armRead();
}

bool ProxyTunnelEngine::sendHandshakeOutput()
{
    const QByteArray output = m_handshake->takeOutput();
    if (output.isEmpty())
        return true;
    m_handshakeBytesUnwritten += output.size();
    Error error;
    if (m_lower->write(output, nullptr, error))
        return true;
    m_receiver->failedNotification(error);
    return false;
}

void ProxyTunnelEngine::continueHandshake()
{
    char chunk[HandshakeChunk];
    while (!established()) {
        const IoResult got = m_lower->read(chunk, sizeof(chunk), 0, nullptr);
        if (got.wouldBlock) {
            m_lower->armRead();
            return;
        }
        if (got.error.isError() && got.error.code() != ErrorCode::ConnectionReset) {
            m_receiver->failedNotification(got.error);
            return;
        }
        if (got.bytes == 0 || got.error.isError()) // closed or reset before the tunnel was up
            m_handshake->endOfStream();
        const qsizetype used = m_handshake->feed(QByteArrayView(chunk, got.bytes));
        if (m_handshake->status() == ProxyHandshake::Status::Failed) {
            m_receiver->failedNotification(m_handshake->error());
            return;
        }
        if (!sendHandshakeOutput())
            return;
        if (established())
            m_readAhead.append(chunk + used, got.bytes - used);
    }
    m_receiver->connectedNotification();
}

IoResult ProxyTunnelEngine::read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                                 SocketAncillary *received)
{
    if (m_readAhead.isEmpty())
        return m_lower->read(buffer, size, ancillaryBufsize, received);
    IoResult result;
    result.bytes = qMin(size, m_readAhead.size());
    std::memcpy(buffer, m_readAhead.constData(), size_t(result.bytes));
    m_readAhead.remove(0, result.bytes);
    return result;
}

void ProxyTunnelEngine::readNotification()
{
    if (established())
        m_receiver->readNotification();
    else
        continueHandshake();
}

void ProxyTunnelEngine::bytesWrittenNotification(qint64 bytes)
{
    const qint64 ours = qMin(bytes, m_handshakeBytesUnwritten);
    m_handshakeBytesUnwritten -= ours;
    if (bytes > ours)
        m_receiver->bytesWrittenNotification(bytes - ours); // may run user code
}

void ProxyTunnelEngine::failedNotification(const Error &error)
{
    // A proxy gone before the tunnel was up fails the handshake, as in the
    // blocking form.
    if (!established() && (error.osErrno() == EPIPE || error.osErrno() == ECONNRESET)) {
        m_handshake->endOfStream();
        m_receiver->failedNotification(m_handshake->error());
        return;
    }
    m_receiver->failedNotification(error);
}

void ProxyTunnelEngine::flushedNotification()
{
    if (established())
        m_receiver->flushedNotification();
}

} // namespace EasyNet
