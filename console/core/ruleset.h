// RuleSet: the rule server's rules (ServerRule), tried in order (the first
// that matches answers), and what happens to a packet none matches: echo it,
// or leave it unanswered. There is no limit on the number of rules.
//
// Rules are kept in a JSON file (fromJson(), toJson(), load(), save()):
//
//   {
//     "fallback": "echo",
//     "rules": [
//       {
//         "name": "ping",
//         "match": "jsonPath",
//         "pattern": "$.cmd == \"ping\"",
//         "replies": [{"mode": "json", "text": "{\"pong\": {{counter}}}"}]
//       },
//       {
//         "name": "hello",
//         "match": "regex",
//         "pattern": "^HELLO (?<who>\\w+)$",
//         "replies": [{"mode": "text", "text": "hi {{who}}"},
//                     {"mode": "text", "text": "bye"}],
//         "delayMs": 500,
//         "close": true
//       }
//     ]
//   }
//
// - "fallback": "echo" (the default) or "none".
// - "rules": the rules in order. Each has "name" (unique, not empty),
//   "match" ("regex" or "jsonPath"), "pattern" (see ServerRule), and may have
//   "replies" (default none), "delayMs" (0 to 3600000, default 0) and
//   "close" (default false).
// - A reply is {"mode": "json" | "text" | "hex", "text": TEMPLATE}; mode
//   defaults to "json". TEMPLATE is a PacketTemplate: {{counter}}, {{time}},
//   {{time:unix}}, {{random:MIN:MAX}}, {{uuid}}, and a regex's {{0}},
//   {{1}}, {{name}}.
//
// A file that is not valid JSON, has a key not listed here, a value of the
// wrong type, or a rule that cannot be used (a bad regular expression, JSON
// path or template, a group the pattern does not have) is refused as a whole
// with an error that names the rule ("rule 2 \"hello\": ...").
#pragma once

#include "serverrule.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonObject>
#include <QtCore/QList>

#include <optional>

namespace EasyNetConsole {

class RuleSet
{
    Q_DECLARE_TR_FUNCTIONS(EasyNetConsole::RuleSet)

public:
    enum class Fallback { Echo, Nothing };

    QList<ServerRule> rules;
    Fallback fallback = Fallback::Echo;

    // The rules of a file's text; nothing (with *error) when it is refused.
    static std::optional<RuleSet> fromJson(const QByteArray &json, QString *error = nullptr);
    // The file's text (indented).
    QByteArray toJson() const;
    static std::optional<RuleSet> load(const QString &path, QString *error = nullptr);
    // Writes the file (atomically); false with *error when it cannot.
    bool save(const QString &path, QString *error = nullptr) const;

    // What keeps the rules from being used, naming the rule (a rule's error,
    // a name used twice); empty when they can be.
    QString errorString() const;
    // What is wrong with the rule at index (its own error, or a name an
    // earlier rule has); empty when nothing is.
    QString ruleProblem(qsizetype index) const;
    // How an error names the rule at index with name: rule 2 "hello".
    static QString describeRule(qsizetype index, const QString &name);

    // The index of the first rule that matches packet, with *match its
    // regular expression's match; -1 when none does.
    qsizetype match(const QVariant &packet, QRegularExpressionMatch *match) const;

private:
    // "echo" or "none", as the file says it.
    static QString fallbackName(Fallback fallback);
    static QString sameNameProblem(qsizetype earlier);
    static std::optional<ServerRule> ruleFromJson(const QJsonObject &object, QString *error);
    static QJsonObject ruleToJson(const ServerRule &rule);
};

} // namespace EasyNetConsole
