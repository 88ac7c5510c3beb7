#include "serverrule.h"

#include "packetformat.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

namespace EasyNetConsole {

namespace {

// A decoded value as JSON, through the one text form the console writes, so
// that every map and list form compares alike.
QJsonValue toJsonValue(const QVariant &value)
{
    const QByteArray text = '[' + PacketFormat::toJsonText(value).toUtf8() + ']';
    return QJsonDocument::fromJson(text).array().at(0);
}

} // namespace

ServerRule::ServerRule(const QString &name, MatchKind kind, const QString &pattern,
                       const QList<PacketTemplate> &replies, int delayMs, bool closeAfter)
    : m_name(name)
    , m_matchKind(kind)
    , m_pattern(pattern)
    , m_replies(replies)
    , m_delayMs(delayMs)
    , m_closeAfter(closeAfter)
{
    validate();
}

void ServerRule::setName(const QString &name)
{
    m_name = name;
    validate();
}

void ServerRule::setMatchKind(MatchKind kind)
{
    m_matchKind = kind;
    validate();
}

void ServerRule::setPattern(const QString &pattern)
{
    m_pattern = pattern;
    validate();
}

void ServerRule::setReplies(const QList<PacketTemplate> &replies)
{
    m_replies = replies;
    validate();
}

void ServerRule::setDelayMs(int delayMs)
{
    m_delayMs = delayMs;
    validate();
}

void ServerRule::validate()
{
    m_errorString = compilePattern();
    if (!m_errorString.isEmpty())
        return;
    if (m_name.trimmed().isEmpty()) {
        m_errorString = tr("the rule has no name");
        return;
    }
    if (m_delayMs < 0 || m_delayMs > MaxDelayMs) {
        m_errorString
            = tr("the delay is %1 ms: it must be from 0 to %2 ms").arg(m_delayMs).arg(MaxDelayMs);
        return;
    }
    for (qsizetype i = 0; i < m_replies.size(); ++i) {
        const QString problem = checkReply(m_replies[i]);
        if (!problem.isEmpty()) {
            m_errorString = tr("reply %1: %2").arg(i + 1).arg(problem);
            return;
        }
    }
}

QString ServerRule::compilePattern()
{
    m_regex = QRegularExpression();
    m_path.reset();
    m_expected = QJsonValue();
    m_expectedText.clear();
    if (m_pattern.isEmpty())
        return tr("the pattern is empty");
    if (m_matchKind == MatchKind::Regex) {
        m_regex = QRegularExpression(m_pattern);
        if (!m_regex.isValid())
            return tr("bad regular expression at %1: %2")
                .arg(m_regex.patternErrorOffset())
                .arg(m_regex.errorString());
        m_regex.optimize();
        return {};
    }
    QString error;
    qsizetype position = 0;
    qsizetype end = 0;
    m_path = JsonPath::parse(m_pattern, &error, &position, &end);
    if (!m_path)
        return tr("bad JSON path at %1: %2").arg(position).arg(error);
    const QString rest = m_pattern.mid(end).trimmed();
    if (!rest.startsWith(QLatin1String("=="))) {
        m_path.reset();
        return tr("a JSON path match is PATH == VALUE, as in $.cmd == \"ping\"");
    }
    const std::optional<QVariant> expected
        = Composer::parseJson(rest.mid(2).trimmed(), EasyNet::MapForm::VariantMap, &error);
    if (!expected) {
        m_path.reset();
        return tr("the value after == is not JSON: %1").arg(error);
    }
    m_expected = toJsonValue(*expected);
    if (!m_expected.isObject() && !m_expected.isArray())
        m_expectedText = PacketFormat::toJsonText(*expected);
    return {};
}

QString ServerRule::checkReply(const PacketTemplate &reply) const
{
    if (!reply.errorString().isEmpty())
        return reply.errorString();
    const QStringList groups = reply.matchGroups();
    for (const QString &group : groups) {
        if (m_matchKind == MatchKind::JsonPath)
            return tr("{{%1}}: a JSON path match has no groups").arg(group);
        bool isNumber = false;
        const int number = group.toInt(&isNumber);
        if (isNumber ? number > m_regex.captureCount()
                     : !m_regex.namedCaptureGroups().contains(group))
            return tr("{{%1}}: the pattern has no such group").arg(group);
    }
    if (!groups.isEmpty())
        return {}; // their values come with a match: checked when the reply is made
    QString error;
    if (!reply.packet(PacketTemplate::Context(), nullptr, &error))
        return error;
    return {};
}

bool ServerRule::matches(const QVariant &packet, const QString &text,
                         QRegularExpressionMatch *match) const
{
    if (!isValid())
        return false;
    if (m_matchKind == MatchKind::Regex) {
        *match = m_regex.match(text);
        return match->hasMatch();
    }
    *match = QRegularExpressionMatch();
    const std::optional<QVariant> value = m_path->select(packet);
    if (!value)
        return false;
    return m_expectedText.isEmpty() ? toJsonValue(*value) == m_expected
                                    : PacketFormat::toJsonText(*value) == m_expectedText;
}

QString ServerRule::textForm(const QVariant &packet)
{
    switch (packet.typeId()) {
    case QMetaType::QString: return packet.toString();
    case QMetaType::QByteArray: return PacketFormat::toEscapedText(packet.toByteArray());
    default: return PacketFormat::toJsonText(packet);
    }
}

QString ServerRule::matchKindName(MatchKind kind)
{
    return kind == MatchKind::Regex ? QStringLiteral("regex") : QStringLiteral("jsonPath");
}

std::optional<ServerRule::MatchKind> ServerRule::matchKindFromName(const QString &name)
{
    for (const MatchKind kind : {MatchKind::Regex, MatchKind::JsonPath}) {
        if (name == matchKindName(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace EasyNetConsole
