#include "repeatsender.h"

#include "consolesession.h"
#include "packetlibrary.h"
#include "packettemplate.h"

#include <algorithm>

namespace EasyNetConsole {

RepeatSender::RepeatSender(QObject *parent) : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RepeatSender::tick);
}

RepeatSender::~RepeatSender() = default;

ConsoleSession *RepeatSender::session() const
{
    return m_session;
}

void RepeatSender::setSession(ConsoleSession *session)
{
    if (session == m_session)
        return;
    stop();
    disconnect(m_sessionConnection);
    m_session = session;
    if (session)
        m_sessionConnection
            = connect(session, &ConsoleSession::stateChanged, this, &RepeatSender::onSessionState);
    Q_EMIT sessionChanged();
}

void RepeatSender::setCount(int count)
{
    count = std::max(count, 0);
    if (count == m_count)
        return;
    m_count = count;
    Q_EMIT countChanged();
}

void RepeatSender::setInterval(int milliseconds)
{
    milliseconds = std::max(milliseconds, 1);
    if (milliseconds == m_interval)
        return;
    m_interval = milliseconds;
    if (m_timer.isActive())
        m_timer.setInterval(milliseconds);
    Q_EMIT intervalChanged();
}

double RepeatSender::rate() const
{
    const qint64 elapsed = isRunning() ? m_clock.elapsed() : m_runTime;
    return elapsed > 0 ? double(m_sent) * 1000.0 / double(elapsed) : 0.0;
}

bool RepeatSender::sessionCanSend() const
{
    return m_session
        && (m_session->state() == ConsoleSession::State::Connected
            || m_session->state() == ConsoleSession::State::Connecting);
}

bool RepeatSender::fail(const QString &error)
{
    m_sent = 0;
    m_runTime = 0;
    m_errorString = error;
    Q_EMIT runningChanged();
    return false;
}

bool RepeatSender::startComposer()
{
    return start([session = m_session] { return session->sendComposed(); });
}

bool RepeatSender::startLibraryPacket(PacketLibrary *library, int row)
{
    if (!library || !library->isValid(row))
        return fail(library ? tr("not sent: %1").arg(library->packetError(row))
                            : tr("no packet library"));
    return startTemplate(library->packetTemplate(row));
}

bool RepeatSender::startTemplate(const PacketTemplate &packet)
{
    return start([session = m_session, packet] { return session->sendTemplate(packet); });
}

bool RepeatSender::startPacket(const QVariant &packet)
{
    return start([session = m_session, packet] { return session->send(packet); });
}

bool RepeatSender::start(std::function<bool()> sendOne)
{
    stop();
    if (!sessionCanSend())
        return fail(m_session ? tr("not connected (%1)").arg(m_session->stateText())
                              : tr("no session"));
    m_sendOne = std::move(sendOne);
    m_sent = 0;
    m_skipped = 0;
    m_heldBack = false;
    m_errorString.clear();
    m_clock.start();
    m_sinceProgress.start();
    m_timer.start(m_interval);
    Q_EMIT runningChanged();
    Q_EMIT progressChanged();
    tick(); // the first packet at once
    return true;
}

void RepeatSender::stop()
{
    if (isRunning())
        finish(QString());
}

void RepeatSender::tick()
{
    if (!isRunning())
        return;
    if (!m_session) {
        finish(tr("the session is gone"));
        return;
    }
    // Packets due by now: the first at 0 ms, then one per interval.
    qint64 due = m_clock.elapsed() / m_interval + 1 - m_skipped;
    if (m_count > 0)
        due = std::min<qint64>(due, m_count);
    const EasyNet::AbstractClient *client = m_session->client();
    int sentNow = 0;
    m_heldBack = false;
    QElapsedTimer tickTime;
    tickTime.start();
    while (m_sent < due && sentNow < MaxPerTick && tickTime.elapsed() < MaxTickTime) {
        if (client && client->bytesToWrite() > MaxQueuedBytes) {
            m_heldBack = true;
            break;
        }
        if (!m_sendOne()) {
            finish(m_session->sendError());
            return;
        }
        ++m_sent;
        ++sentNow;
        if (!isRunning())
            return; // the connection closed while sending
    }
    // What one tick could not send is dropped from the schedule, so that the
    // rate is not made up for later in a burst.
    if (due - m_sent > MaxPerTick)
        m_skipped += due - m_sent - MaxPerTick;
    if (m_count > 0 && m_sent >= m_count) {
        finish(QString());
        return;
    }
    if (m_sinceProgress.elapsed() >= ProgressInterval) {
        m_sinceProgress.restart();
        Q_EMIT progressChanged();
    }
}

void RepeatSender::onSessionState()
{
    if (isRunning() && !sessionCanSend())
        finish(tr("the connection closed (%1)").arg(m_session->stateText()));
}

void RepeatSender::finish(const QString &error)
{
    m_runTime = m_clock.elapsed();
    m_timer.stop();
    m_heldBack = false;
    m_errorString = error;
    Q_EMIT progressChanged();
    Q_EMIT runningChanged();
    Q_EMIT finished();
}

} // namespace EasyNetConsole
