#include "sessionreplay.h"

#include "consolesession.h"

#include <QtCore/QFile>

#include <algorithm>

namespace EasyNetConsole {

namespace {

// Packets sent but not yet written by the client: a few on streams (the
// socket holds back a slow peer), one on datagram transports (no flow control
// there: the peer's receive buffer must not overflow).
constexpr int StreamWindow = 16;
constexpr int DatagramWindow = 1;

} // namespace

SessionReplay::SessionReplay(ConsoleSession *session, QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SessionReplay::sendDue);
    setSession(session);
}

SessionReplay::~SessionReplay() = default;

ConsoleSession *SessionReplay::session() const
{
    return m_session;
}

void SessionReplay::setSession(ConsoleSession *session)
{
    if (session == m_session)
        return;
    stop();
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session) {
        connect(session, &ConsoleSession::packetSent, this, &SessionReplay::onPacketWritten);
        connect(session, &ConsoleSession::stateChanged, this, &SessionReplay::onSessionState);
    }
    Q_EMIT sessionChanged();
}

void SessionReplay::setTiming(Timing timing)
{
    if (timing == m_timing)
        return;
    m_timing = timing;
    Q_EMIT timingChanged();
}

std::optional<SessionReplay::Timing> SessionReplay::timingFromName(const QString &name)
{
    if (name == QLatin1String("original"))
        return Timing::Original;
    if (name == QLatin1String("fast"))
        return Timing::Fast;
    return std::nullopt;
}

bool SessionReplay::load(const QString &path)
{
    QFile file(path);
    if (!isRunning() && !file.open(QIODevice::ReadOnly))
        return rejectFile(tr("cannot read %1: %2").arg(path, file.errorString()));
    return load(&file, path);
}

bool SessionReplay::load(QIODevice *device, const QString &name)
{
    if (isRunning()) {
        m_errorString = tr("a replay is running");
        return false;
    }
    std::vector<RecordedPacket> packets;
    qint64 lineNumber = 0;
    QDateTime first;
    qint64 previous = 0;
    while (!device->atEnd()) {
        const QByteArray line = device->readLine().trimmed();
        ++lineNumber;
        if (line.isEmpty())
            continue;
        QString error;
        const std::optional<PacketLogEntry> entry = PacketLogEntry::fromJsonLine(line, &error);
        if (!entry)
            return rejectFile(tr("%1, line %2: %3").arg(name).arg(lineNumber).arg(error));
        if (entry->direction != PacketLogEntry::Direction::Sent)
            continue;
        if (!first.isValid())
            first = entry->time;
        // A clock set back while recording must not send a packet early.
        previous = std::max(previous, first.msecsTo(entry->time));
        packets.push_back({lineNumber, previous, entry->raw});
    }
    if (packets.empty())
        return rejectFile(tr("%1 holds no sent packet").arg(name));
    m_packets = std::move(packets);
    m_fileName = name;
    m_errorString.clear();
    m_next = 0;
    Q_EMIT loadedChanged();
    setState(State::Idle);
    Q_EMIT progressChanged();
    return true;
}

bool SessionReplay::rejectFile(const QString &message)
{
    m_packets.clear();
    m_fileName.clear();
    m_next = 0;
    Q_EMIT loadedChanged();
    fail(message);
    return false;
}

std::optional<std::vector<QVariant>> SessionReplay::decodePackets()
{
    const ConnectionSettings &settings = *m_session->settings();
    const ProtocolSettings &protocol = *settings.protocol();
    const auto refuse = [this, &protocol](const RecordedPacket &packet, const QString &why) {
        m_errorString = tr("%1, line %2: the recorded bytes are not a packet of the current "
                           "protocol (%3): %4; was the session recorded with another protocol?")
                            .arg(m_fileName)
                            .arg(packet.line)
                            .arg(protocol.spec(), why);
        return std::nullopt;
    };
    QString error;
    std::vector<QVariant> values;
    values.reserve(m_packets.size());
    if (settings.isStreamTransport()) {
        const std::optional<EasyNet::StreamProtocol> stream = protocol.streamProtocol(&error);
        if (!stream) {
            m_errorString = error;
            return std::nullopt;
        }
        for (const RecordedPacket &packet : m_packets) {
            EasyNet::StreamReceiver receiver = stream->createReceiver(protocol.maxPacketSize());
            receiver.feed(packet.raw);
            QVariant value;
            EasyNet::ParseError parseError;
            switch (receiver.next(value, parseError)) {
            case EasyNet::StreamDecoder::Status::Error: return refuse(packet, parseError.message());
            case EasyNet::StreamDecoder::Status::NeedMoreData:
                return refuse(packet, tr("an unfinished packet"));
            case EasyNet::StreamDecoder::Status::Packet: break;
            }
            if (receiver.bufferedSize() > 0)
                return refuse(packet, tr("more than one packet"));
            values.push_back(value);
        }
    } else {
        const std::optional<EasyNet::DatagramProtocol> datagram = protocol.datagramProtocol(&error);
        if (!datagram) {
            m_errorString = error;
            return std::nullopt;
        }
        for (const RecordedPacket &packet : m_packets) {
            EasyNet::ParseError parseError;
            const QVariant value = datagram->buildPacketFromDatagram(packet.raw, parseError);
            if (parseError.isError())
                return refuse(packet, parseError.message());
            values.push_back(value);
        }
    }
    return values;
}

bool SessionReplay::start()
{
    if (isRunning()) {
        m_errorString = tr("a replay is running");
        return false;
    }
    const auto refuse = [this](const QString &why) {
        fail(why);
        return false;
    };
    if (m_packets.empty())
        return refuse(tr("no session loaded"));
    if (!m_session)
        return refuse(tr("no session to replay to"));
    if (m_session->state() != ConsoleSession::State::Connected
        && m_session->state() != ConsoleSession::State::Connecting)
        return refuse(tr("not connected (%1)").arg(m_session->stateText()));
    std::optional<std::vector<QVariant>> values = decodePackets();
    if (!values)
        return refuse(m_errorString);
    m_values = std::move(*values);
    m_next = 0;
    m_unwritten = 0;
    m_window = m_session->settings()->isStreamTransport() ? StreamWindow : DatagramWindow;
    m_errorString.clear();
    m_clock.start();
    setState(State::Running);
    Q_EMIT progressChanged();
    // The first packets go from the event loop, as every later one.
    m_timer.start(0);
    return true;
}

void SessionReplay::sendDue()
{
    if (!isRunning())
        return;
    while (m_next < int(m_values.size()) && m_unwritten < m_window) {
        if (m_timing == Timing::Original) {
            const qint64 wait = m_packets[size_t(m_next)].offset - m_clock.elapsed();
            if (wait > 0) {
                m_timer.start(std::chrono::milliseconds(wait));
                return;
            }
        }
        if (!m_session->send(m_values[size_t(m_next)])) {
            fail(tr("%1, line %2: not sent: %3")
                     .arg(m_fileName)
                     .arg(m_packets[size_t(m_next)].line)
                     .arg(m_session->sendError()));
            return;
        }
        ++m_next;
        ++m_unwritten;
        Q_EMIT progressChanged();
    }
    if (m_next == int(m_values.size()) && m_unwritten == 0)
        end(State::Finished);
}

void SessionReplay::onPacketWritten()
{
    // The session reports every packet written, the user's own too: those
    // only open the window a little early.
    if (!isRunning() || m_unwritten == 0)
        return;
    --m_unwritten;
    sendDue();
}

void SessionReplay::onSessionState()
{
    if (!isRunning())
        return;
    const ConsoleSession::State state = m_session->state();
    if (state != ConsoleSession::State::Connected && state != ConsoleSession::State::Connecting)
        fail(tr("the connection ended after %1 of %n packet(s) (%2)", nullptr, total())
                 .arg(m_next)
                 .arg(m_session->stateText()));
}

void SessionReplay::stop()
{
    if (isRunning())
        end(State::Stopped);
}

void SessionReplay::fail(const QString &message)
{
    m_errorString = message;
    end(State::Failed);
}

void SessionReplay::end(State state)
{
    const bool wasRunning = isRunning();
    m_timer.stop();
    m_values.clear();
    setState(state);
    Q_EMIT progressChanged();
    if (wasRunning)
        Q_EMIT finished();
}

void SessionReplay::setState(State state)
{
    if (state == m_state && state != State::Failed)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

QString SessionReplay::statusText() const
{
    switch (m_state) {
    case State::Idle:
        return m_packets.empty() ? tr("no session loaded")
                                 : tr("%n packet(s) to replay", nullptr, total());
    case State::Running: return tr("replaying %1 of %n packet(s)", nullptr, total()).arg(m_next);
    case State::Finished: return tr("replayed %n packet(s)", nullptr, total());
    case State::Stopped:
        return tr("stopped after %1 of %n packet(s)", nullptr, total()).arg(m_next);
    case State::Failed: return m_errorString;
    }
    return {};
}

} // namespace EasyNetConsole
