// RuleResponder: the ServerResponder of the rule server: the first rule of a
// RuleSet that matches a packet answers it with its replies (made from their
// templates with the client's own {{counter}} and the rule's match), its
// delay and its close; a packet no rule matches is echoed or left unanswered,
// as the set's fallback says.
//
// {{counter}} counts, for each client, the packets a rule matched: 1 for
// the first. A client's count starts over when it reconnects (a datagram
// client, which never says goodbye, keeps its count while the server runs).
//
// Replies are read as the server's protocol takes them (ProtocolSettings:
// JSON maps in its map form, text as a string or as bytes).
//
//   RuleSet rules = *RuleSet::load(QStringLiteral("rules.json"));
//   server->setResponder(std::make_unique<RuleResponder>(rules, *settings.protocol()));
#pragma once

#include "protocolsettings.h"
#include "ruleset.h"
#include "serverresponder.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QHash>

namespace EasyNetConsole {

class RuleResponder : public ServerResponder
{
    Q_DECLARE_TR_FUNCTIONS(EasyNetConsole::RuleResponder)

public:
    // rules must be valid (RuleSet::errorString() empty): invalid rules never match.
    RuleResponder(const RuleSet &rules, const ProtocolSettings &protocol);

    std::optional<Answer> answer(const QString &peer, const QVariant &packet,
                                 QString *error) override;
    void forgetPeer(const QString &peer) override;

private:
    RuleSet m_rules;
    ProtocolSettings m_protocol;
    // The next {{counter}} of each client.
    QHash<QString, qint64> m_counters;
};

} // namespace EasyNetConsole
