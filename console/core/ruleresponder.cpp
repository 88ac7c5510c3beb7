#include "ruleresponder.h"

namespace EasyNetConsole {

RuleResponder::RuleResponder(const RuleSet &rules, const ProtocolSettings &protocol)
    : m_rules(rules)
{
    m_protocol.assign(protocol);
}

std::optional<ServerResponder::Answer> RuleResponder::answer(const QString &peer,
                                                             const QVariant &packet, QString *error)
{
    PacketTemplate::Context context;
    const qsizetype index = m_rules.match(packet, &context.match);
    Answer answer;
    if (index < 0) {
        if (m_rules.fallback == RuleSet::Fallback::Nothing)
            return std::nullopt;
        answer.replies.append(packet);
        return answer;
    }
    const ServerRule &rule = m_rules.rules.at(index);
    context.counter = m_counters.value(peer, 1);
    m_counters.insert(peer, context.counter + 1);
    const QList<PacketTemplate> replies = rule.replies();
    for (qsizetype i = 0; i < replies.size(); ++i) {
        QString reason;
        const std::optional<QVariant> reply = replies[i].packet(context, &m_protocol, &reason);
        if (!reply) {
            *error = tr("%1, reply %2: %3")
                         .arg(RuleSet::describeRule(index, rule.name()))
                         .arg(i + 1)
                         .arg(reason);
            return std::nullopt;
        }
        answer.replies.append(*reply);
    }
    answer.delayMs = rule.delayMs();
    answer.closeAfter = rule.closeAfter();
    answer.ruleName = rule.name();
    return answer;
}

void RuleResponder::forgetPeer(const QString &peer)
{
    m_counters.remove(peer);
}

} // namespace EasyNetConsole
