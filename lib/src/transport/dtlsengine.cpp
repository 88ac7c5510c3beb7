#include "transport/dtlsengine_p.h"

#include "core/eventloopentry_p.h"

#include <QtCore/QTimer>

#include <cerrno>

namespace EasyNet {

DtlsEngine::DtlsEngine(std::unique_ptr<SocketEngine> lower, const TlsPolicy &policy,
                       std::chrono::milliseconds handshakeTimeout, qsizetype maxDatagramSize)
    : StackedSocketEngine(std::move(lower))
    , m_policy(policy)
    , m_handshakeTimeout(handshakeTimeout)
    , m_maxDatagramSize(maxDatagramSize)
{
}

DtlsEngine::~DtlsEngine()
{
    delete m_handshakeTimer;
    delete m_retransmitTimer;
}

void DtlsEngine::start(int fd, QObject *context)
{
    m_context = context;
    m_lower->start(fd, context); // connectedNotification() goes on
}

void DtlsEngine::connectedNotification()
{
    m_session = std::make_unique<DtlsSession>(m_policy);
    m_handshaking = true;
    m_handshakeTimer = new QTimer;
    m_handshakeTimer->setSingleShot(true);
    QObject::connect(m_handshakeTimer, &QTimer::timeout, m_context, [this] {
        const EventLoopEntry entry;
        fail(Error(ErrorCode::Timeout,
                   QStringLiteral("DTLS handshake did not finish within %1 ms")
                       .arg(m_handshakeTimeout.count()),
                   ETIMEDOUT));
    });
    m_retransmitTimer = new QTimer;
    m_retransmitTimer->setSingleShot(true);
    m_retransmitTimer->setTimerType(Qt::PreciseTimer);
    QObject::connect(m_retransmitTimer, &QTimer::timeout, m_context, [this] {
        const EventLoopEntry entry;
        m_session->retransmit();
        Error error;
        if (!pushDatagrams(0, error))
            fail(error);
        else
            armRetransmission();
    });
    // Failing or not, the handshake reports from the event loop, never from
    // inside the caller.
    QMetaObject::invokeMethod(
        m_context,
        [this] {
            const EventLoopEntry entry;
            if (!m_handshaking)
                return; // closed meanwhile
            if (m_session->error().isError())
                fail(m_session->error());
            else
                continueHandshake();
        },
        Qt::QueuedConnection);
    if (!m_session->error().isError())
        m_handshakeTimer->start(m_handshakeTimeout);
}

void DtlsEngine::continueHandshake()
{
    while (m_handshaking) {
        Error error;
        const bool done = m_session->handshake(error);
        // What the step produced goes out first: on failure, the alert.
        Error sendError;
        if (!pushDatagrams(0, sendError)) {
            fail(sendError);
            return;
        }
        if (error.isError()) {
            fail(error);
            return;
        }
        if (done) {
            m_handshaking = false;
            stopTimers();
            m_receiver->connectedNotification();
            return;
        }
        IoResult pulled;
        if (!pullDatagram(pulled)) {
            if (pulled.error.isError()) {
                fail(pulled.error); // ICMP: nothing listens there
                return;
            }
            armRetransmission();
            m_lower->armRead();
            return;
        }
    }
}

bool DtlsEngine::pullDatagram(IoResult &result)
{
    // One byte over the limit tells a datagram at the limit from a longer one.
    m_datagram.resize(m_maxDatagramSize + 1);
    for (;;) {
        result = m_lower->read(m_datagram.data(), m_datagram.size(), 0, nullptr);
        if (!result.ok())
            return false;
        if (result.bytes <= m_maxDatagramSize)
            break;
        // Too large for any record of ours: not from the peer's session.
    }
    m_session->push(m_datagram.first(result.bytes));
    return true;
}

IoResult DtlsEngine::read(char *buffer, qsizetype size, qsizetype, SocketAncillary *)
{
    IoResult result;
    if (!m_session || m_handshaking) {
        result.wouldBlock = true;
        return result;
    }
    for (;;) {
        result = m_session->read(buffer, size);
        Error error;
        if (!pushDatagrams(0, error)) { // the answer to the peer's close_notify
            result = {};
            result.error = error;
            return result;
        }
        if (!result.wouldBlock) {
            result.endOfStream = m_session->hasEnded();
            return result;
        }
        IoResult pulled;
        if (!pullDatagram(pulled))
            return pulled; // would block, or an ICMP error as for plain UDP
    }
}

bool DtlsEngine::write(const QByteArray &bytes, const SocketAncillary *, Error &error)
{
    if (!m_session || m_handshaking) {
        error
            = Error(ErrorCode::InvalidOperation, QStringLiteral("the DTLS handshake is not done"));
        return false;
    }
    return m_session->write(bytes, error) && pushDatagrams(bytes.size(), error);
}

bool DtlsEngine::pushDatagrams(qint64 plaintext, Error &error)
{
    const std::vector<QByteArray> datagrams = m_session->takeOutgoing();
    for (const QByteArray &datagram : datagrams) {
        // The packet's bytes count as written with its record, the last datagram.
        m_unwritten.add(datagram.size(), &datagram == &datagrams.back() ? plaintext : 0);
        if (!m_lower->write(datagram, nullptr, error)) {
            m_unwritten.removeLast();
            return false;
        }
    }
    return true;
}

bool DtlsEngine::shutdownWrite(Error &error)
{
    return refuseHalfClose(QStringLiteral("a DTLS session has no half-close"), error);
}

void DtlsEngine::close()
{
    stopTimers();
    m_handshaking = false;
    if (m_session) {
        m_session->shutdown();
        Error ignored; // closing anyway
        pushDatagrams(0, ignored);
    }
    m_lower->close(); // closedNotification() follows
}

void DtlsEngine::abort()
{
    stopTimers();
    m_handshaking = false;
    m_unwritten.clear();
    m_lower->abort();
}

void DtlsEngine::readNotification()
{
    if (m_handshaking)
        continueHandshake();
    else
        m_receiver->readNotification();
}

void DtlsEngine::bytesWrittenNotification(qint64 bytes)
{
    if (const qint64 plaintext = m_unwritten.written(bytes); plaintext > 0)
        m_receiver->bytesWrittenNotification(plaintext); // may run user code: nothing after this
}

void DtlsEngine::flushedNotification()
{
    if (!m_handshaking)
        m_receiver->flushedNotification();
}

void DtlsEngine::failedNotification(const Error &error)
{
    fail(error);
}

void DtlsEngine::armRetransmission()
{
    if (const auto wait = m_session->retransmitIn())
        m_retransmitTimer->start(*wait);
}

void DtlsEngine::fail(const Error &error)
{
    stopTimers();
    m_handshaking = false;
    m_receiver->failedNotification(error);
}

void DtlsEngine::stopTimers()
{
    if (m_handshakeTimer)
        m_handshakeTimer->stop();
    if (m_retransmitTimer)
        m_retransmitTimer->stop();
}

} // namespace EasyNet
