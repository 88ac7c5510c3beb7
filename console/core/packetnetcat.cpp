#include "packetnetcat.h"

#include "consolesession.h"
#include "headlessserver.h"
#include "packetformat.h"
#include "repeatsender.h"

#include <EasyNet/jsonserializer.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QPointer>
#include <QtCore/QSemaphore>

namespace EasyNetConsole {

namespace {

// Lines handed over before the client wrote the earlier ones: one on datagram
// transports (the peer's and our own receive buffers must not overflow), a
// few on streams (the socket holds back a slow peer).
constexpr int DatagramWindow = 1;
constexpr int StreamWindow = 16;

// Whether bytes begin like a TLS record (an alert or a handshake): what a TLS
// server answers a peer that does not speak TLS.
bool looksLikeTls(const QByteArray &bytes)
{
    return bytes.size() >= 3 && (bytes[0] == 0x15 || bytes[0] == 0x16) && bytes[1] == 0x03
        && quint8(bytes[2]) <= 0x04;
}

} // namespace

PacketNetcat::PacketNetcat(ConsoleSession *session, std::FILE *input, std::FILE *output,
                           std::FILE *errors, QObject *parent)
    : QObject(parent), m_session(session), m_input(input), m_output(output), m_errors(errors)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &PacketNetcat::onIdle);
    connect(session, &ConsoleSession::packetReceived, this, &PacketNetcat::onPacket);
    connect(session, &ConsoleSession::stateChanged, this, &PacketNetcat::onState);
    connect(session, &ConsoleSession::packetSent, this, [this] {
        // Repeats open the window when a line's repeats are done.
        if (m_window && !m_repeater)
            m_window->release();
    });
    connect(session, &ConsoleSession::parseErrorOccurred, this,
            [this](const EasyNet::ParseError &error) {
                m_failed = true;
                printError({{QStringLiteral("error"), error.message()},
                            {QStringLiteral("offset"), error.offset()},
                            {QStringLiteral("size"), error.size()},
                            {QStringLiteral("streamWentOn"), error.isRecoverable()}});
            });
    if (EchoServer *server = session->echoServer())
        connect(server, &EchoServer::packetAnswered, this,
                [this](const QString &peer, const QVariant &packet,
                       const ServerResponder::Answer &answer) {
                    if (!answer.ruleName.isEmpty())
                        HeadlessServer::printLine(m_errors,
                                                  HeadlessServer::answerLine(peer, packet, answer));
                });
}

PacketNetcat::~PacketNetcat()
{
    // The reader blocks in fgets() until the input ends, or waits for the
    // window; a process that finishes first exits without waiting for it (see
    // finish()). Opened wide, the window lets it read on to the end.
    if (m_window)
        m_window->release(1 << 20);
    if (m_reader.joinable())
        m_reader.detach();
}

void PacketNetcat::setReplay(const QString &path, SessionReplay::Timing timing)
{
    if (!m_replay) {
        m_replay = new SessionReplay(m_session, this);
        connect(m_replay, &SessionReplay::finished, this, &PacketNetcat::onReplayEnd);
    }
    m_replay->setTiming(timing);
    m_replayFile = path;
}

void PacketNetcat::setRepeat(int count, int interval)
{
    if (!m_repeater) {
        m_repeater = new RepeatSender(this);
        m_repeater->setSession(m_session);
        connect(m_repeater, &RepeatSender::finished, this, &PacketNetcat::onRepeatFinished);
    }
    m_repeater->setCount(count);
    m_repeater->setInterval(interval);
}

void PacketNetcat::setPacket(const PacketTemplate &packet)
{
    m_packet = packet;
    if (!m_repeater)
        setRepeat(1, 1);
}

void PacketNetcat::start()
{
    // Nothing is sent, nor connected, for a file that cannot be replayed.
    if (m_replay && !m_replay->load(m_replayFile)) {
        fail(m_replay->errorString());
        return;
    }
    if (m_timer.interval() > 0)
        m_timer.start();
    if (!m_session->connectToPeer()) {
        fail(m_session->errorString()); // once, if onState() did not already
        return;
    }
    if (m_replay) {
        if (!m_replay->start())
            fail(m_replay->errorString());
        return;
    }
    if (m_packet) {
        if (!m_repeater->startTemplate(*m_packet))
            fail(tr("not sent: %1").arg(m_repeater->errorString()));
        return;
    }
    startReading();
}

void PacketNetcat::onReplayEnd()
{
    if (m_replay->state() == SessionReplay::State::Finished)
        onInputEnd();
    else
        fail(m_replay->errorString());
}

void PacketNetcat::startReading()
{
    m_window = std::make_shared<QSemaphore>(
        m_session->settings()->isStreamTransport() ? StreamWindow : DatagramWindow);
    // A thread of its own: stdin may be a terminal, a pipe or a file, and
    // fgets() reads them all the same. Lines are queued to the application
    // object, which outlives this one, and dropped once this one is gone.
    QPointer<PacketNetcat> self(this);
    m_reader = std::thread([self, input = m_input, window = m_window] {
        const auto post = [self](QByteArray line, bool last) {
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, line, last] {
                    if (!self)
                        return;
                    if (!last || !line.isEmpty())
                        self->onLine(line);
                    if (last)
                        self->onInputEnd();
                },
                Qt::QueuedConnection);
        };
        QByteArray line;
        char buffer[4096];
        while (std::fgets(buffer, sizeof buffer, input)) {
            line += buffer;
            if (!line.endsWith('\n'))
                continue;
            line.chop(1);
            if (line.endsWith('\r'))
                line.chop(1);
            window->acquire();
            post(std::move(line), false);
            line.clear();
        }
        if (!line.isEmpty())
            window->acquire();
        post(std::move(line), true);
    });
}

std::optional<QVariant> PacketNetcat::packetFromLine(const QByteArray &line, QString *error) const
{
    const ProtocolSettings &protocol = *m_session->settings()->protocol();
    if (protocol.takesBytes())
        return QVariant(line);
    if (protocol.format() == ProtocolSettings::Format::Line)
        return QVariant(QString::fromUtf8(line));
    EasyNet::ParseError parseError;
    QVariant packet = EasyNet::JsonSerializer::fromJson(line, parseError, protocol.mapForm());
    if (parseError.isError()) {
        *error = parseError.message();
        return std::nullopt;
    }
    return packet;
}

void PacketNetcat::onLine(const QByteArray &line)
{
    ++m_lineNumber;
    if (m_finished)
        return;
    QString error;
    const std::optional<QVariant> packet = packetFromLine(line, &error);
    if (packet && m_repeater) {
        m_waiting.emplace_back(m_lineNumber, *packet);
        if (!m_repeater->isRunning())
            repeatNext();
        return; // the window opens again when its repeats are done
    }
    if (packet && m_session->send(*packet))
        return; // the window opens again when the client wrote it
    m_window->release();
    m_failed = true;
    printError(
        {{QStringLiteral("error"), packet ? tr("not sent: %1").arg(m_session->sendError()) : error},
         {QStringLiteral("line"), m_lineNumber}});
}

void PacketNetcat::repeatNext()
{
    if (m_repeater->isRunning())
        return; // its end comes back here
    while (!m_finished && !m_waiting.empty()) {
        const auto [line, packet] = m_waiting.front();
        m_waiting.pop_front();
        m_repeatedLine = line;
        if (m_repeater->startPacket(packet))
            return;
        m_failed = true;
        m_window->release();
        printError({{QStringLiteral("error"), tr("not sent: %1").arg(m_repeater->errorString())},
                    {QStringLiteral("line"), m_repeatedLine}});
    }
    if (m_inputEnded)
        endOfInput();
}

void PacketNetcat::onRepeatFinished()
{
    if (m_finished)
        return;
    if (!m_repeater->errorString().isEmpty()) {
        m_failed = true;
        QJsonObject error {
            {QStringLiteral("error"),
             tr("repeat stopped after %n packet(s): %1", nullptr, int(m_repeater->sent()))
                 .arg(m_repeater->errorString())}};
        if (!m_packet)
            error.insert(QStringLiteral("line"), m_repeatedLine);
        printError(error);
    }
    if (m_packet)
        m_inputEnded = true; // --send: its repeats were the whole input
    else
        m_window->release();
    // Queued: the next line's repeats do not start inside the last one's end.
    QMetaObject::invokeMethod(this, &PacketNetcat::repeatNext, Qt::QueuedConnection);
}

void PacketNetcat::onInputEnd()
{
    if (m_finished)
        return;
    if (m_repeater) {
        m_inputEnded = true;
        if (!m_repeater->isRunning() && m_waiting.empty())
            endOfInput();
        return;
    }
    endOfInput();
}

void PacketNetcat::endOfInput()
{
    if (m_finished)
        return;
    if (m_count > 0 && m_received >= m_count) {
        finish(m_failed ? Failure : Success);
        return;
    }
    // On a stream the peer is told (after the packets queued before it) that
    // nothing more comes, as `nc -N` does; receiving goes on until it ends the
    // stream too. Datagram and TLS peers have no such end: the run ends with
    // the count or the timeout. Nor has a proxy tunnel: microsocks and
    // tinyproxy close both ways at the first end, and the answers with them.
    if (m_session->proxyDescription().isEmpty())
        m_session->sendEof();
}

void PacketNetcat::onPacket(const QVariant &packet)
{
    if (m_finished)
        return;
    const QByteArray text = PacketFormat::toJsonText(packet).toUtf8() + '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), m_output);
    std::fflush(m_output);
    ++m_received;
    if (m_timer.interval() > 0)
        m_timer.start();
    if (m_count > 0 && m_received >= m_count)
        finish(m_failed ? Failure : Success);
}

void PacketNetcat::onState()
{
    switch (m_session->state()) {
    case ConsoleSession::State::Connected: m_wasConnected = true; break;
    case ConsoleSession::State::Error: fail(m_session->errorString()); break;
    case ConsoleSession::State::Disconnected: {
        if (!m_wasConnected)
            break;
        const QByteArray unfinished = m_session->unfinishedPacket();
        if (!unfinished.isEmpty()) {
            const QString message = m_session->peerClosedText();
            fail(looksLikeTls(unfinished)
                     ? tr("%1; they begin like a TLS record: is it a TLS port (tls://)?")
                           .arg(message)
                     : message);
        } else if (m_session->packetsSent() > 0 && m_session->bytesReceived() == 0) {
            const bool tcp
                = m_session->settings()->transport() == ConnectionSettings::Transport::Tcp;
            fail(tcp ? tr("the peer closed the connection without sending anything back; if it "
                          "speaks TLS, connect with tls://")
                     : tr("the peer closed the connection without sending anything back"),
                 PeerClosed);
        } else if (m_count > 0 && m_received < m_count) {
            fail(tr("the peer closed the connection after %1 of %n packet(s)", nullptr, m_count)
                     .arg(m_received),
                 PeerClosed);
        } else {
            finish(m_failed ? Failure : Success);
        }
        break;
    }
    default: break;
    }
}

void PacketNetcat::onIdle()
{
    // A replay waiting for its next packet's time is not idle.
    if (m_replay && m_replay->isRunning()) {
        m_timer.start();
        return;
    }
    // Without a count, nothing more coming is how the run ends.
    if (m_count == 0) {
        finish(m_failed ? Failure : Success);
        return;
    }
    fail(tr("timed out: nothing arrived for %1 ms, %2 of %n packet(s) came", nullptr, m_count)
             .arg(m_timer.interval())
             .arg(m_received),
         TimedOut);
}

void PacketNetcat::fail(const QString &message, int status)
{
    if (m_finished)
        return;
    printError({{QStringLiteral("error"), message}});
    finish(status);
}

void PacketNetcat::printError(const QJsonObject &error)
{
    HeadlessServer::printLine(m_errors, QJsonDocument(error).toJson(QJsonDocument::Compact));
}

void PacketNetcat::finish(int status)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    if (m_repeater)
        m_repeater->stop();
    Q_EMIT finished(status);
}

} // namespace EasyNetConsole
