// ServerRule: one rule of the rule server (RuleSet, RuleResponder): a name, a
// match, and a reply.
//
// The match is one of:
// - Regex: a regular expression (QRegularExpression, Perl syntax) searched
//   in the packet's text form (textForm()): a string packet is its text, a
//   byte string its escaped text (as the composer's text mode reads it:
//   "PING\r\n" -> PING\r\n), any other value its compact JSON, as the log
//   shows it ({"cmd":"ping"}). Anchor it (^...$) to match the whole packet.
//   Its groups, numbered and named ((?<name>...)), are the reply's {{1}},
//   {{name}}; {{0}} is the whole match.
// - JsonPath: PATH == VALUE, a JsonPath and a JSON value: the rule matches a
//   packet whose value at PATH equals VALUE, type included (3 is not "3";
//   3 and 3.0 are the same number; objects compare by their members, in any
//   order; a byte string compares as its Base64 text). $.cmd == "ping",
//   $.args[0] == 3, $['a b'].c == {"x": [1, null]}.
//
// The reply is zero or more PacketTemplates (JSON, text or hex, with
// {{counter}} and the other variables), sent in order, after delayMs()
// milliseconds when that is not 0; with closeAfter() the connection is closed
// once they went out (datagram transports forget the client instead; DTLS
// ends its session). A rule without replies and with closeAfter() just
// hangs up; one without either swallows the packet.
//
// A value: setters validate at once and errorString() tells what is wrong
// (the first problem; empty when the rule can be used).
#pragma once

#include "jsonpath.h"
#include "packettemplate.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonValue>
#include <QtCore/QList>
#include <QtCore/QRegularExpression>
#include <QtCore/QString>

#include <optional>

namespace EasyNetConsole {

class ServerRule
{
    Q_DECLARE_TR_FUNCTIONS(EasyNetConsole::ServerRule)

public:
    enum class MatchKind { Regex, JsonPath };

    // The longest delay a rule may ask for (an hour).
    static constexpr int MaxDelayMs = 3600 * 1000;

    ServerRule() { validate(); }
    ServerRule(const QString &name, MatchKind kind, const QString &pattern,
               const QList<PacketTemplate> &replies = {}, int delayMs = 0, bool closeAfter = false);

    QString name() const { return m_name; }
    void setName(const QString &name);
    MatchKind matchKind() const { return m_matchKind; }
    void setMatchKind(MatchKind kind);
    // The regular expression, or "PATH == VALUE".
    QString pattern() const { return m_pattern; }
    void setPattern(const QString &pattern);
    QList<PacketTemplate> replies() const { return m_replies; }
    void setReplies(const QList<PacketTemplate> &replies);
    int delayMs() const { return m_delayMs; }
    void setDelayMs(int delayMs);
    bool closeAfter() const { return m_closeAfter; }
    void setCloseAfter(bool close) { m_closeAfter = close; }

    QString errorString() const { return m_errorString; }
    bool isValid() const { return m_errorString.isEmpty(); }

    // Whether a valid rule matches packet, whose textForm() is text (given,
    // as every rule of a set looks at the same). *match gets a Regex rule's
    // match (an empty one for JsonPath rules).
    bool matches(const QVariant &packet, const QString &text, QRegularExpressionMatch *match) const;

    // A packet as Regex rules see it (see above).
    static QString textForm(const QVariant &packet);
    static QString matchKindName(MatchKind kind);
    static std::optional<MatchKind> matchKindFromName(const QString &name);

private:
    void validate();
    QString compilePattern();
    QString checkReply(const PacketTemplate &reply) const;

    QString m_name;
    MatchKind m_matchKind = MatchKind::Regex;
    QString m_pattern;
    QList<PacketTemplate> m_replies;
    int m_delayMs = 0;
    bool m_closeAfter = false;
    QString m_errorString;
    // The compiled match.
    QRegularExpression m_regex;
    std::optional<JsonPath> m_path;
    QJsonValue m_expected;
    // A scalar's compact JSON text, compared as text (no parse per packet);
    // empty for objects and arrays, compared as JSON values.
    QString m_expectedText;
};

} // namespace EasyNetConsole
