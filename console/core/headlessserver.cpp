#include "headlessserver.h"

#include "consolesession.h"
#include "echoserver.h"
#include "packetformat.h"
#include "protocolsettings.h"
#include "ruleresponder.h"
#include "ruleset.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

namespace EasyNetConsole {

namespace {

QByteArray jsonLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

HeadlessServer::HeadlessServer(std::FILE *output, std::FILE *errors, QObject *parent)
    : QObject(parent), m_output(output), m_errors(errors)
{
}

HeadlessServer::~HeadlessServer() = default;

bool HeadlessServer::start(ConnectionSettings::Transport transport, const QString &address,
                           const ProtocolSettings &protocol, const RuleSet *rules, QString *error)
{
    const std::optional<EasyNet::StreamProtocol> stream = protocol.streamProtocol(error);
    if (!stream)
        return false;
    m_server = EchoServer::create(ConsoleSession::echoServerTransport(transport), *stream);
    m_server->setMaxPacketSize(protocol.maxPacketSize());
    if (rules)
        m_server->setResponder(std::make_unique<RuleResponder>(*rules, protocol));
    connect(
        m_server.get(), &EchoServer::packetAnswered, this,
        [this](const QString &peer, const QVariant &packet, const ServerResponder::Answer &answer) {
            printLine(m_output, answerLine(peer, packet, answer));
        });
    connect(m_server.get(), &EchoServer::errorOccurred, this, [this](const QString &message) {
        printLine(m_errors, jsonLine({{QStringLiteral("error"), message}}));
    });
    connect(m_server.get(), &EchoServer::parseErrorOccurred, this,
            [this](const QString &peer, const EasyNet::ParseError &parseError) {
                printLine(m_errors,
                          jsonLine({{QStringLiteral("error"), parseError.message()},
                                    {QStringLiteral("peer"), peer}}));
            });
    if (!m_server->listen(address)) {
        *error = m_server->errorString();
        return false;
    }
    // The URL a client connects to (--connect), with the port chosen.
    ConnectionSettings target;
    target.setTransport(transport);
    if (ConnectionSettings::isUnixTransport(transport)) {
        target.setUnixAddress(m_server->address());
    } else {
        target.setHost(m_server->host().toString());
        target.setPort(m_server->port());
    }
    QJsonObject listening {{QStringLiteral("listening"), m_server->address()},
                           {QStringLiteral("url"), target.url()}};
    if (!m_server->fingerprint().isEmpty())
        listening.insert(QStringLiteral("certificate"), m_server->fingerprint());
    printLine(m_output, jsonLine(listening));
    return true;
}

QByteArray HeadlessServer::answerLine(const QString &peer, const QVariant &packet,
                                      const ServerResponder::Answer &answer)
{
    // By hand, as a QJsonObject would sort the keys of the packets' maps.
    QStringList replies;
    for (const QVariant &reply : answer.replies)
        replies.append(PacketFormat::toJsonText(reply));
    const QString rule = answer.ruleName.isEmpty() ? QStringLiteral("null")
                                                   : PacketFormat::toJsonText(answer.ruleName);
    return QStringLiteral(R"({"peer":%1,"rule":%2,"packet":%3,"replies":[%4],"delayMs":%5,)"
                          R"("close":%6})")
        .arg(PacketFormat::toJsonText(peer), rule, PacketFormat::toJsonText(packet),
             replies.join(QLatin1Char(',')))
        .arg(answer.delayMs)
        .arg(answer.closeAfter ? QStringLiteral("true") : QStringLiteral("false"))
        .toUtf8();
}

void HeadlessServer::printLine(std::FILE *stream, const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace EasyNetConsole
