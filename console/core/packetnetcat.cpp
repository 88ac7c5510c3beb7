#include "packetnetcat.h"

#include "consolesession.h"
#include "packetformat.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QPointer>

namespace EasyNetConsole {

PacketNetcat::PacketNetcat(ConsoleSession *session, std::FILE *input, std::FILE *output,
                           std::FILE *errors, QObject *parent)
    : QObject(parent), m_session(session), m_input(input), m_output(output), m_errors(errors)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        printError({{QStringLiteral("error"),
                     tr("timed out: nothing arrived for %1 ms").arg(m_timer.interval())}});
        finish(m_count > 0 && m_received < m_count ? TimedOut : (m_failed ? Failure : Success));
    });
    connect(session, &ConsoleSession::packetReceived, this, &PacketNetcat::onPacket);
    connect(session, &ConsoleSession::stateChanged, this, &PacketNetcat::onState);
    connect(session, &ConsoleSession::parseErrorOccurred, this,
            [this](const EasyNet::ParseError &error) {
                m_failed = true;
                printError({{QStringLiteral("error"), error.message()},
                            {QStringLiteral("offset"), error.offset()},
                            {QStringLiteral("size"), error.size()},
                            {QStringLiteral("streamWentOn"), error.isRecoverable()}});
            });
}

PacketNetcat::~PacketNetcat()
{
    // The reader blocks in fgets() until the input ends; a process that
    // finishes first exits without waiting for it (see finish()).
    if (m_reader.joinable())
        m_reader.detach();
}

void PacketNetcat::start()
{
    if (m_timer.interval() > 0)
        m_timer.start();
    if (!m_session->connectToPeer()) {
        printError({{QStringLiteral("error"), m_session->errorString()}});
        QMetaObject::invokeMethod(
            this, [this] { finish(Failure); }, Qt::QueuedConnection);
        return;
    }
    // A thread of its own: stdin may be a terminal, a pipe or a file, and
    // fgets() reads them all the same. Lines are queued to the application
    // object, which outlives this one, and dropped once this one is gone.
    QPointer<PacketNetcat> self(this);
    m_reader = std::thread([self, input = m_input] {
        QByteArray line;
        char buffer[4096];
        while (std::fgets(buffer, sizeof buffer, input)) {
            line += buffer;
            if (!line.endsWith('\n'))
                continue;
            line.chop(1);
            if (line.endsWith('\r'))
                line.chop(1);
            QMetaObject::invokeMethod(
                QCoreApplication::instance(),
                [self, line] {
                    if (self)
                        self->onLine(line);
                },
                Qt::QueuedConnection);
            line.clear();
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, line] {
                if (!self)
                    return;
                if (!line.isEmpty())
                    self->onLine(line);
                self->onInputEnd();
            },
            Qt::QueuedConnection);
    });
}

std::optional<QVariant> PacketNetcat::packetFromLine(const QByteArray &line, QString *error) const
{
    const ProtocolSettings &protocol = *m_session->settings()->protocol();
    if (protocol.takesBytes())
        return QVariant(line);
    if (protocol.format() == ProtocolSettings::Format::Line)
        return QVariant(QString::fromUtf8(line));
    return Composer::parseJson(QString::fromUtf8(line), protocol.mapForm(), error);
}

void PacketNetcat::onLine(const QByteArray &line)
{
    ++m_lineNumber;
    if (m_finished)
        return;
    QString error;
    const std::optional<QVariant> packet = packetFromLine(line, &error);
    if (!packet) {
        m_failed = true;
        printError({{QStringLiteral("error"), error}, {QStringLiteral("line"), m_lineNumber}});
        return;
    }
    if (!m_session->send(*packet)) {
        m_failed = true;
        printError({{QStringLiteral("error"), tr("not sent (%1)").arg(m_session->stateText())},
                    {QStringLiteral("line"), m_lineNumber}});
    }
}

void PacketNetcat::onInputEnd()
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
    case ConsoleSession::State::Error:
        printError({{QStringLiteral("error"), m_session->errorString()}});
        finish(Failure);
        break;
    case ConsoleSession::State::Disconnected:
        if (m_wasConnected)
            finish(m_failed || (m_count > 0 && m_received < m_count) ? Failure : Success);
        break;
    default: break;
    }
}

void PacketNetcat::printError(const QJsonObject &error)
{
    const QByteArray text = QJsonDocument(error).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(text.constData(), 1, size_t(text.size()), m_errors);
    std::fflush(m_errors);
}

void PacketNetcat::finish(int status)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    Q_EMIT finished(status);
}

} // namespace EasyNetConsole
