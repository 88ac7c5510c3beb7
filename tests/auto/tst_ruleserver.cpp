// The console core's rule server: rules (ServerRule, RuleSet: matching, the
// file and its errors), the RuleResponder (replies, counters, fallback), the
// RuleModel the editors edit, and the built-in server answering by rules over
// every transport, driven by ConsoleSessions as its clients.
#include "consolesession.h"
#include "packetformat.h"
#include "rulemodel.h"
#include "ruleresponder.h"
#include "ruleset.h"

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include "testrows.h"

using namespace EasyNetConsole;
using EasyNetTest::addRows;
using Transport = ConnectionSettings::Transport;
using Mode = Composer::Mode;
using Kind = ServerRule::MatchKind;

namespace {

QVariant json(const QString &text)
{
    ProtocolSettings protocol;
    const std::optional<QVariant> value = Composer::parseJson(text, protocol.mapForm());
    if (!value)
        qFatal("bad JSON in the test: %s", qPrintable(text));
    return *value;
}

PacketTemplate jsonReply(const QString &text)
{
    return PacketTemplate(Mode::Json, text);
}

// The rule file of the issue's done-criterion.
RuleSet pingRules()
{
    RuleSet rules;
    rules.rules.append(ServerRule(QStringLiteral("ping"), Kind::JsonPath,
                                  QStringLiteral(R"($.cmd == "ping")"),
                                  {jsonReply(QStringLiteral(R"({"pong":{{counter}}})"))}));
    return rules;
}

// What the responder answers to packet, as JSON texts (the rule's name first;
// "-" for an echo, "none" when unanswered).
QStringList answerOf(RuleResponder &responder, const QVariant &packet,
                     const QString &peer = QStringLiteral("peer"))
{
    QString error;
    const auto answer = responder.answer(peer, packet, &error);
    if (!answer)
        return {error.isEmpty() ? QStringLiteral("none") : error};
    QStringList texts {answer->ruleName.isEmpty() ? QStringLiteral("-") : answer->ruleName};
    for (const QVariant &reply : answer->replies)
        texts << PacketFormat::toJsonText(reply);
    return texts;
}

QString receivedText(const QSignalSpy &spy, int i)
{
    return PacketFormat::toJsonText(spy.at(i).at(0));
}

// A session connected to its own rule server of transport, serving rules.
bool startSession(ConsoleSession &session, Transport transport, const RuleSet &rules)
{
    session.rules()->setRuleSet(rules);
    if (!session.startRuleServer(transport)) {
        qWarning() << session.errorString();
        return false;
    }
    return session.connectToPeer()
        && QTest::qWaitFor([&] { return session.state() == ConsoleSession::State::Connected; },
                           20000);
}

// A second client of the server session runs.
bool joinSession(ConsoleSession &client, const ConsoleSession &server)
{
    client.settings()->assign(*server.settings());
    return client.connectToPeer()
        && QTest::qWaitFor([&] { return client.state() == ConsoleSession::State::Connected; },
                           20000);
}

} // namespace

class tst_RuleServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstMatchWins();
    void regexGroupsInReplies();
    void textFormOfPackets_data();
    void textFormOfPackets();
    void jsonPathEquality_data();
    void jsonPathEquality();
    void severalReplies();
    void hundredRules();
    void fallback();
    void counterPerClient();
    void badRuleFiles_data();
    void badRuleFiles();
    void badFileChangesNothing();
    void fileRoundTrip();
    void modelEdits();

    void everyTransport_data();
    void everyTransport();
    void countersOfTwoClients_data();
    void countersOfTwoClients();
    void delayedReplyComesAfter();
    void closeAfterReply_data();
    void closeAfterReply();
    void delayedReplyToAClientGoneIsDropped();
    void delayedReplyAfterTheClientsEndOfStream_data();
    void delayedReplyAfterTheClientsEndOfStream();
    void fallbackOverTheWire();
    void invalidRulesDoNotStart();
};

void tst_RuleServer::firstMatchWins()
{
    RuleSet rules;
    rules.rules
        = {ServerRule(QStringLiteral("ping"), Kind::Regex, QStringLiteral("ping"),
                      {jsonReply(QStringLiteral("1"))}),
           ServerRule(QStringLiteral("also ping"), Kind::JsonPath,
                      QStringLiteral(R"($.cmd == "ping")"), {jsonReply(QStringLiteral("2"))}),
           ServerRule(QStringLiteral("any"), Kind::Regex, QStringLiteral(".*"),
                      {jsonReply(QStringLiteral("3"))})};
    QVERIFY2(rules.errorString().isEmpty(), qPrintable(rules.errorString()));
    RuleResponder responder(rules, ProtocolSettings());
    QCOMPARE(answerOf(responder, json(QStringLiteral(R"({"cmd":"ping"})"))),
             QStringList({"ping", "1"}));
    QCOMPARE(answerOf(responder, json(QStringLiteral(R"({"cmd":"other"})"))),
             QStringList({"any", "3"}));
    // Moved first, the JSON path rule answers.
    rules.rules.move(1, 0);
    RuleResponder reordered(rules, ProtocolSettings());
    QCOMPARE(answerOf(reordered, json(QStringLiteral(R"({"cmd":"ping"})"))),
             QStringList({"also ping", "2"}));
}

void tst_RuleServer::regexGroupsInReplies()
{
    RuleSet rules;
    rules.rules = {ServerRule(
        QStringLiteral("hello"), Kind::Regex, QStringLiteral(R"(^HELLO (\w+) from (?<city>\w+)$)"),
        {PacketTemplate(Mode::Text, QStringLiteral("hi {{1}} of {{city}}")),
         jsonReply(QStringLiteral(R"({"all": {{0}}, "who": "<{{1}}>", "n": {{counter}}})"))})};
    QVERIFY2(rules.errorString().isEmpty(), qPrintable(rules.errorString()));
    RuleResponder responder(rules, ProtocolSettings());
    QCOMPARE(answerOf(responder, QStringLiteral("HELLO ann from paris")),
             QStringList({"hello", R"("hi ann of paris")",
                          R"({"all":"HELLO ann from paris","who":"<ann>","n":1})"}));
    QCOMPARE(answerOf(responder, QStringLiteral("HELLO ann")),
             QStringList({"-", R"("HELLO ann")"}));
}

void tst_RuleServer::textFormOfPackets_data()
{
    addRows<QVariant, QString>(
        {"packet", "text"},
        {{"string", QStringLiteral("PING 1"), "PING 1"},
         {"bytes", QByteArray("PING\r\n\x01"), R"(PING\r\n\x01)"},
         {"object", json(QStringLiteral(R"({"b": 1, "a": [true]})")), R"({"b":1,"a":[true]})"},
         {"number", qint64(3), "3"}});
}

void tst_RuleServer::textFormOfPackets()
{
    QFETCH(QVariant, packet);
    QFETCH(QString, text);
    QCOMPARE(ServerRule::textForm(packet), text);
}

void tst_RuleServer::jsonPathEquality_data()
{
    addRows<QString, QString, bool>(
        {"pattern", "packet", "matches"},
        {{"top-level key", R"($.cmd == "ping")", R"({"cmd":"ping"})", true},
         {"other value", R"($.cmd == "ping")", R"({"cmd":"pong"})", false},
         {"spaces around", R"(  $.cmd   ==   "ping"  )", R"({"cmd":"ping"})", true},
         {"nested keys", R"($.a.b.c == 1)", R"({"a":{"b":{"c":1}}})", true},
         {"index", R"($.args[0] == 3)", R"({"args":[3,4]})", true},
         {"second index", R"($.args[1] == 4)", R"({"args":[3,4]})", true},
         {"index out of range", R"($.args[2] == 4)", R"({"args":[3,4]})", false},
         {"number is not a string", R"($.args[0] == 3)", R"({"args":["3"]})", false},
         {"string is not a number", R"($.args[0] == "3")", R"({"args":[3]})", false},
         {"string", R"($.args[0] == "3")", R"({"args":["3"]})", true},
         {"3 and 3.0", R"($.n == 3)", R"({"n":3.0})", true},
         {"1e2 and 100", R"($.n == 1e2)", R"({"n":100})", true},
         {"fraction", R"($.n == 2.5)", R"({"n":2.5})", true},
         {"other fraction", R"($.n == 2.5)", R"({"n":2.25})", false},
         {"escaped string", R"($.s == "a\"b\u00e9")", R"({"s":"a\"b\u00e9"})", true},
         {"true is not 1", R"($.n == true)", R"({"n":1})", false},
         {"null", R"($.n == null)", R"({"n":null})", true},
         {"missing is not null", R"($.n == null)", R"({})", false},
         {"quoted key", R"($['a b'].c == true)", R"({"a b":{"c":true}})", true},
         {"double-quoted key", R"($["x.y"] == 1)", R"({"x.y":1})", true},
         {"object in any order", R"($.o == {"x":1,"y":[2]})", R"({"o":{"y":[2],"x":1}})", true},
         {"object with more", R"($.o == {"x":1})", R"({"o":{"x":1,"y":2}})", false},
         {"whole packet", R"($ == [1, "a"])", R"([1,"a"])", true},
         {"index into an object", R"($[0] == 1)", R"({"0":1})", false},
         {"key into a list", R"($.a == 1)", R"([1])", false}});
}

void tst_RuleServer::jsonPathEquality()
{
    QFETCH(QString, pattern);
    QFETCH(QString, packet);
    QFETCH(bool, matches);
    const ServerRule rule(QStringLiteral("r"), Kind::JsonPath, pattern);
    QVERIFY2(rule.isValid(), qPrintable(rule.errorString()));
    const QVariant value = json(packet);
    QRegularExpressionMatch match;
    QCOMPARE(rule.matches(value, ServerRule::textForm(value), &match), matches);
}

void tst_RuleServer::severalReplies()
{
    RuleSet rules;
    rules.rules = {ServerRule(QStringLiteral("three"), Kind::Regex, QStringLiteral("go"),
                              {jsonReply(QStringLiteral(R"({"n":1})")),
                               PacketTemplate(Mode::Text, QStringLiteral("two")),
                               PacketTemplate(Mode::Hex, QStringLiteral("7b 7d"))},
                              250, true)};
    RuleResponder responder(rules, ProtocolSettings());
    QString error;
    const auto answer = responder.answer(QStringLiteral("p"), QStringLiteral("go"), &error);
    QVERIFY(answer);
    QCOMPARE(answer->replies.size(), 3);
    QCOMPARE(PacketFormat::toJsonText(answer->replies[0]), QStringLiteral(R"({"n":1})"));
    QCOMPARE(answer->replies[1], QVariant(QStringLiteral("two")));
    QCOMPARE(answer->replies[2], QVariant(QByteArray("{}")));
    QCOMPARE(answer->delayMs, 250);
    QVERIFY(answer->closeAfter);
    QCOMPARE(answer->ruleName, QStringLiteral("three"));
}

void tst_RuleServer::hundredRules()
{
    RuleSet rules;
    for (int i = 1; i <= 100; ++i)
        rules.rules.append(ServerRule(QStringLiteral("rule %1").arg(i), Kind::Regex,
                                      QStringLiteral("^n%1$").arg(i),
                                      {jsonReply(QStringLiteral(R"({"rule": %1})").arg(i))}));
    QVERIFY2(rules.errorString().isEmpty(), qPrintable(rules.errorString()));
    // Through the file as well: no limit there either.
    QString error;
    const std::optional<RuleSet> loaded = RuleSet::fromJson(rules.toJson(), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->rules.size(), 100);
    RuleResponder responder(*loaded, ProtocolSettings());
    QCOMPARE(answerOf(responder, QStringLiteral("n100")),
             QStringList({"rule 100", R"({"rule":100})"}));
    QCOMPARE(answerOf(responder, QStringLiteral("n10")),
             QStringList({"rule 10", R"({"rule":10})"}));
}

void tst_RuleServer::fallback()
{
    RuleSet rules = pingRules();
    const QVariant other = json(QStringLiteral(R"({"cmd":"other"})"));
    RuleResponder echo(rules, ProtocolSettings());
    QCOMPARE(answerOf(echo, other), QStringList({"-", R"({"cmd":"other"})"}));
    rules.fallback = RuleSet::Fallback::Nothing;
    RuleResponder nothing(rules, ProtocolSettings());
    QCOMPARE(answerOf(nothing, other), QStringList({"none"}));
}

void tst_RuleServer::counterPerClient()
{
    RuleResponder responder(pingRules(), ProtocolSettings());
    const QVariant ping = json(QStringLiteral(R"({"cmd":"ping"})"));
    const QVariant other = json(QStringLiteral(R"({"cmd":"other"})"));
    const auto pong = [&](const QString &peer) { return answerOf(responder, ping, peer).last(); };
    QCOMPARE(pong(QStringLiteral("a")), QStringLiteral(R"({"pong":1})"));
    QCOMPARE(pong(QStringLiteral("a")), QStringLiteral(R"({"pong":2})"));
    QCOMPARE(pong(QStringLiteral("b")), QStringLiteral(R"({"pong":1})"));
    // A packet no rule matched does not count.
    answerOf(responder, other, QStringLiteral("a"));
    QCOMPARE(pong(QStringLiteral("a")), QStringLiteral(R"({"pong":3})"));
    QCOMPARE(pong(QStringLiteral("b")), QStringLiteral(R"({"pong":2})"));
    responder.forgetPeer(QStringLiteral("a"));
    QCOMPARE(pong(QStringLiteral("a")), QStringLiteral(R"({"pong":1})"));
}

void tst_RuleServer::badRuleFiles_data()
{
    const auto rule = [](const QString &members) {
        return QStringLiteral(R"({"rules": [{"name": "a", %1}]})").arg(members);
    };
    const QString goodMatch = QStringLiteral(R"("match": "regex", "pattern": "x")");
    addRows<QString, QString>(
        {"file", "error"},
        {{"not JSON", "{rules", "not valid JSON at byte"},
         {"not an object", "[]", "a rule file is a JSON object"},
         {"no rules", "{}", "\"rules\" is a list"},
         {"unknown top-level key", R"({"rules": [], "rulez": 1})", "unknown key \"rulez\""},
         {"bad fallback", R"({"rules": [], "fallback": "drop"})", "\"fallback\" is"},
         {"rule not an object", R"({"rules": [3]})", "rule 1: a rule is a JSON object"},
         {"unknown rule key", rule(goodMatch + QStringLiteral(R"(, "dealy": 5)")),
          "rule 1 \"a\": unknown key \"dealy\""},
         {"no name", R"({"rules": [{"match": "regex", "pattern": "x"}]})",
          "rule 1: \"name\" is a string"},
         {"empty name", R"({"rules": [{"name": "", "match": "regex", "pattern": "x"}]})",
          "rule 1: the rule has no name"},
         {"bad match kind", rule(QStringLiteral(R"("match": "glob", "pattern": "x")")),
          "rule 1 \"a\": \"match\" is \"regex\" or \"jsonPath\""},
         {"bad regex", rule(QStringLiteral(R"("match": "regex", "pattern": "(x")")),
          "rule 1 \"a\": bad regular expression at 2"},
         {"empty pattern", rule(QStringLiteral(R"("match": "regex", "pattern": "")")),
          "rule 1 \"a\": the pattern is empty"},
         {"bad JSON path", rule(QStringLiteral(R"("match": "jsonPath", "pattern": "cmd == 1")")),
          "rule 1 \"a\": bad JSON path at 0: a JSON path starts with $"},
         {"bad JSON path step",
          rule(QStringLiteral(R"("match": "jsonPath", "pattern": "$..cmd == 1")")),
          "rule 1 \"a\": bad JSON path at 2"},
         {"bad JSON path index",
          rule(QStringLiteral(R"("match": "jsonPath", "pattern": "$.a[x] == 1")")),
          "rule 1 \"a\": bad JSON path at 3"},
         {"JSON path without ==",
          rule(QStringLiteral(R"("match": "jsonPath", "pattern": "$.cmd = 1")")),
          "a JSON path match is PATH == VALUE"},
         {"value not JSON",
          rule(QStringLiteral(R"("match": "jsonPath", "pattern": "$.cmd == ping")")),
          "rule 1 \"a\": the value after == is not JSON"},
         {"bad template",
          rule(goodMatch + QStringLiteral(R"(, "replies": [{"text": "{{counter"}])")),
          "rule 1 \"a\": reply 1: '{{' without '}}'"},
         {"unknown variable",
          rule(goodMatch + QStringLiteral(R"(, "replies": [{"text": "{{count}}"}])")),
          "rule 1 \"a\": reply 1: {{count}}: the pattern has no such group"},
         {"reply JSON syntax",
          rule(goodMatch + QStringLiteral(R"(, "replies": [{"text": "{\"a\": }"}])")),
          "rule 1 \"a\": reply 1: JSON syntax error"},
         {"bad hex reply",
          rule(goodMatch + QStringLiteral(R"(, "replies": [{"mode": "hex", "text": "7"}])")),
          "rule 1 \"a\": reply 1: a byte needs two hex digits"},
         {"bad reply mode",
          rule(goodMatch + QStringLiteral(R"(, "replies": [{"mode": "xml", "text": "x"}])")),
          "rule 1 \"a\": reply 1: a reply is"},
         {"group the regex lacks",
          rule(QStringLiteral(
              R"j("match": "regex", "pattern": "(x)", "replies": [{"mode": "text", "text": "{{2}}"}])j")),
          "reply 1: {{2}}: the pattern has no such group"},
         {"named group the regex lacks",
          rule(QStringLiteral(
              R"j("match": "regex", "pattern": "(?<a>x)", "replies": [{"mode": "text", "text": "{{b}}"}])j")),
          "reply 1: {{b}}: the pattern has no such group"},
         {"group in a JSON path rule",
          rule(QStringLiteral(
              R"("match": "jsonPath", "pattern": "$ == 1", "replies": [{"mode": "text", "text": "{{1}}"}])")),
          "reply 1: {{1}}: a JSON path match has no groups"},
         {"negative delay", rule(goodMatch + QStringLiteral(R"(, "delayMs": -1)")),
          "rule 1 \"a\": the delay is -1 ms"},
         {"fractional delay", rule(goodMatch + QStringLiteral(R"(, "delayMs": 1.5)")),
          "rule 1 \"a\": \"delayMs\" is a whole number"},
         {"close not a boolean", rule(goodMatch + QStringLiteral(R"(, "close": "yes")")),
          "rule 1 \"a\": \"close\" is true or false"},
         {"the second rule named",
          R"({"rules": [{"name": "a", "match": "regex", "pattern": "x"},
                        {"name": "b", "match": "regex", "pattern": "[x"}]})",
          "rule 2 \"b\": bad regular expression"},
         {"a name twice",
          R"({"rules": [{"name": "a", "match": "regex", "pattern": "x"},
                        {"name": "a", "match": "regex", "pattern": "y"}]})",
          "rule 2 \"a\": rule 1 has this name too"}});
}

void tst_RuleServer::badRuleFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, error);
    QString reason;
    QVERIFY(!RuleSet::fromJson(file.toUtf8(), &reason));
    QVERIFY2(reason.contains(error), qPrintable(reason));
}

void tst_RuleServer::badFileChangesNothing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RuleModel model;
    QVERIFY(model.save(dir.filePath(QStringLiteral("empty.json"))));
    model.setRuleSet(pingRules());
    const QString good = dir.filePath(QStringLiteral("good.json"));
    QVERIFY(model.save(good));
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"rules": [{"name": "x", "match": "regex", "pattern": "("}]})");
    bad.close();
    QSignalSpy changed(&model, &RuleModel::changed);
    QVERIFY(!model.load(bad.fileName()));
    QVERIFY2(model.lastError().contains(QStringLiteral("rule 1 \"x\": bad regular expression")),
             qPrintable(model.lastError()));
    QVERIFY(model.lastError().startsWith(bad.fileName()));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(model.count(), 1);
    QCOMPARE(model.fileName(), good);
    QVERIFY(!model.load(dir.filePath(QStringLiteral("missing.json"))));
    QVERIFY(model.lastError().startsWith(QStringLiteral("cannot read")));
    QCOMPARE(model.count(), 1);
    QVERIFY(model.load(good));
    QVERIFY(model.lastError().isEmpty());
}

void tst_RuleServer::fileRoundTrip()
{
    RuleSet rules;
    rules.fallback = RuleSet::Fallback::Nothing;
    rules.rules = {ServerRule(QStringLiteral("hello"), Kind::Regex,
                              QStringLiteral(R"(^HELLO (?<who>\w+)$)"),
                              {PacketTemplate(Mode::Text, QStringLiteral(R"(hi {{who}}\n)")),
                               PacketTemplate(Mode::Hex, QStringLiteral("00 ff"))},
                              500, true),
                   pingRules().rules.first()};
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rules.json"));
    QString error;
    QVERIFY2(rules.save(path, &error), qPrintable(error));
    const std::optional<RuleSet> loaded = RuleSet::load(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->toJson(), rules.toJson());
    QCOMPARE(loaded->fallback, RuleSet::Fallback::Nothing);
    QCOMPARE(loaded->rules[0].delayMs(), 500);
    QVERIFY(loaded->rules[0].closeAfter());
    QCOMPARE(loaded->rules[0].replies()[1].mode(), Mode::Hex);
    QCOMPARE(loaded->rules[1].matchKind(), Kind::JsonPath);
    QVERIFY(!rules.save(dir.filePath(QStringLiteral("no/such/dir/rules.json")), &error));
    QVERIFY(error.startsWith(QStringLiteral("cannot write")));
}

void tst_RuleServer::modelEdits()
{
    RuleModel model;
    QCOMPARE(model.addRule(), 0);
    QCOMPARE(model.addRule(), 1);
    QVERIFY2(model.isValid(), qPrintable(model.errorString()));
    const QModelIndex second = model.index(1, 0);
    QVERIFY(model.setData(second, QStringLiteral("rule 1"), RuleModel::NameRole));
    QCOMPARE(model.data(second, RuleModel::ErrorStringRole).toString(),
             QStringLiteral("rule 1 has this name too"));
    QVERIFY(model.errorString().startsWith(QStringLiteral("rule 2 \"rule 1\"")));
    QVERIFY(model.setData(second, QStringLiteral("two"), RuleModel::NameRole));
    QVERIFY(model.setData(second, int(Kind::Regex), RuleModel::MatchKindRole));
    QVERIFY(model.setData(second, QStringLiteral("(x"), RuleModel::PatternRole));
    QVERIFY(model.data(model.index(1, RuleModel::ProblemColumn))
                .toString()
                .startsWith(QStringLiteral("bad regular expression")));
    QVERIFY(model.setData(second, QStringLiteral("^(x)$"), RuleModel::PatternRole));
    model.setReply(1, 0, int(Mode::Text), QStringLiteral("got {{1}}"));
    model.addReply(1);
    QCOMPARE(model.data(second, RuleModel::RepliesRole).toList().size(), 2);
    model.removeReply(1, 1);
    QVERIFY2(model.isValid(), qPrintable(model.errorString()));
    QVERIFY(model.moveRule(1, 0));
    QCOMPARE(model.data(model.index(0, 0), RuleModel::NameRole).toString(), QStringLiteral("two"));
    QVERIFY(!model.moveRule(0, 2));
    model.setEchoUnmatched(false);
    const RuleSet rules = model.ruleSet();
    QCOMPARE(rules.fallback, RuleSet::Fallback::Nothing);
    RuleResponder responder(rules, ProtocolSettings());
    QCOMPARE(answerOf(responder, QStringLiteral("x")), QStringList({"two", R"("got x")"}));
    model.removeRule(0);
    QCOMPARE(model.count(), 1);
}

void tst_RuleServer::everyTransport_data()
{
    addRows<Transport>({"transport"},
                       {{"tcp", Transport::Tcp},
                        {"tls", Transport::Tls},
                        {"udp", Transport::Udp},
                        {"dtls", Transport::Dtls},
                        {"unix stream", Transport::UnixStream},
                        {"unix datagram", Transport::UnixDatagram}});
}

void tst_RuleServer::everyTransport()
{
    QFETCH(Transport, transport);
    ConsoleSession session;
    QVERIFY(startSession(session, transport, pingRules()));
    QVERIFY(session.servesRules());
    QSignalSpy received(&session, &ConsoleSession::packetReceived);
    const QVariant ping = json(QStringLiteral(R"({"cmd":"ping"})"));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(session.send(ping));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), i + 1, 20000);
        QCOMPARE(receivedText(received, i), QStringLiteral(R"({"pong":%1})").arg(i + 1));
    }
    // The log tells which rule answered.
    session.log()->flush();
    int ruleRows = 0;
    for (int row = 0; row < session.log()->rowCount(); ++row) {
        const PacketLogEntry &entry = session.log()->entry(row);
        if (entry.direction == PacketLogEntry::Direction::Event
            && entry.message == QStringLiteral(R"(rule "ping" answered {"cmd":"ping"})"))
            ++ruleRows;
    }
    QCOMPARE(ruleRows, 3);
}

void tst_RuleServer::countersOfTwoClients_data()
{
    addRows<Transport>(
        {"transport"},
        {{"tcp", Transport::Tcp}, {"udp", Transport::Udp}, {"unix stream", Transport::UnixStream}});
}

void tst_RuleServer::countersOfTwoClients()
{
    QFETCH(Transport, transport);
    ConsoleSession a;
    QVERIFY(startSession(a, transport, pingRules()));
    ConsoleSession b;
    QVERIFY(joinSession(b, a));
    QSignalSpy fromA(&a, &ConsoleSession::packetReceived);
    QSignalSpy fromB(&b, &ConsoleSession::packetReceived);
    const QVariant ping = json(QStringLiteral(R"({"cmd":"ping"})"));
    // Interleaved, each answer awaited: a, b, a, b, a, b.
    for (int i = 0; i < 3; ++i) {
        QVERIFY(a.send(ping));
        QTRY_COMPARE_WITH_TIMEOUT(fromA.size(), i + 1, 20000);
        QVERIFY(b.send(ping));
        QTRY_COMPARE_WITH_TIMEOUT(fromB.size(), i + 1, 20000);
    }
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(receivedText(fromA, i), QStringLiteral(R"({"pong":%1})").arg(i + 1));
        QCOMPARE(receivedText(fromB, i), QStringLiteral(R"({"pong":%1})").arg(i + 1));
    }
}

void tst_RuleServer::delayedReplyComesAfter()
{
    RuleSet rules;
    rules.rules
        = {ServerRule(QStringLiteral("slow"), Kind::JsonPath, QStringLiteral(R"($.cmd == "slow")"),
                      {jsonReply(QStringLiteral(R"({"slow":1})")),
                       jsonReply(QStringLiteral(R"({"slow":2})"))},
                      300),
           ServerRule(QStringLiteral("fast"), Kind::JsonPath, QStringLiteral(R"($.cmd == "fast")"),
                      {jsonReply(QStringLiteral(R"({"fast":1})"))})};
    ConsoleSession session;
    QVERIFY(startSession(session, Transport::Tcp, rules));
    QSignalSpy received(&session, &ConsoleSession::packetReceived);
    QVERIFY(session.send(json(QStringLiteral(R"({"cmd":"slow"})"))));
    QVERIFY(session.send(json(QStringLiteral(R"({"cmd":"fast"})"))));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, 20000);
    QCOMPARE(receivedText(received, 0), QStringLiteral(R"({"fast":1})"));
    QCOMPARE(receivedText(received, 1), QStringLiteral(R"({"slow":1})"));
    QCOMPARE(receivedText(received, 2), QStringLiteral(R"({"slow":2})"));
}

void tst_RuleServer::closeAfterReply_data()
{
    addRows<Transport, int>({"transport", "delayMs"},
                            {{"tcp", Transport::Tcp, 0},
                             {"tcp delayed", Transport::Tcp, 200},
                             {"tls", Transport::Tls, 0},
                             {"unix stream delayed", Transport::UnixStream, 200}});
}

void tst_RuleServer::closeAfterReply()
{
    QFETCH(Transport, transport);
    QFETCH(int, delayMs);
    RuleSet rules;
    rules.rules
        = {ServerRule(QStringLiteral("bye"), Kind::Regex, QStringLiteral("bye"),
                      {jsonReply(QStringLiteral(R"({"bye":{{counter}}})"))}, delayMs, true)};
    ConsoleSession session;
    QVERIFY(startSession(session, transport, rules));
    QSignalSpy received(&session, &ConsoleSession::packetReceived);
    QVERIFY(session.send(json(QStringLiteral(R"({"cmd":"bye"})"))));
    QTRY_COMPARE_WITH_TIMEOUT(session.stateText(), QStringLiteral("closed by the peer"), 20000);
    QCOMPARE(received.size(), 1);
    QCOMPARE(receivedText(received, 0), QStringLiteral(R"({"bye":1})"));
    QTRY_COMPARE(session.echoServer()->clientCount(), 0);
}

void tst_RuleServer::delayedReplyToAClientGoneIsDropped()
{
    RuleSet rules;
    rules.rules = {ServerRule(QStringLiteral("slow"), Kind::Regex, QStringLiteral("slow"),
                              {jsonReply(QStringLiteral(R"({"late":{{counter}}})"))}, 300)};
    // Stream transports, whose server sees a client go.
    for (const Transport transport : {Transport::Tcp, Transport::UnixStream}) {
        ConsoleSession server;
        QVERIFY(startSession(server, transport, rules));
        QSignalSpy errors(server.echoServer(), &EchoServer::errorOccurred);
        QSignalSpy answered(server.echoServer(), &EchoServer::packetAnswered);
        QVERIFY(server.send(QStringLiteral("slow")));
        QTRY_COMPARE(answered.size(), 1);
        server.disconnectFromPeer();
        QTRY_COMPARE(server.echoServer()->clientCount(), 0);
        // Past the delay: nothing reported, and the server still serves.
        QTest::qWait(600);
        QCOMPARE(errors.size(), 0);
        ConsoleSession other;
        QVERIFY(joinSession(other, server));
        QSignalSpy received(&other, &ConsoleSession::packetReceived);
        QVERIFY(other.send(QStringLiteral("slow")));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 20000);
        QCOMPARE(receivedText(received, 0), QStringLiteral(R"({"late":1})"));
    }
}

void tst_RuleServer::delayedReplyAfterTheClientsEndOfStream_data()
{
    addRows<Transport>({"transport"},
                       {{"tcp", Transport::Tcp}, {"unix stream", Transport::UnixStream}});
}

void tst_RuleServer::delayedReplyAfterTheClientsEndOfStream()
{
    // A client that half-closes (as --cli does at the end of its input)
    // still gets the delayed answers, then the server's end of stream.
    QFETCH(Transport, transport);
    RuleSet rules;
    rules.rules = {ServerRule(QStringLiteral("slow"), Kind::Regex, QStringLiteral("slow"),
                              {jsonReply(QStringLiteral(R"({"late":{{counter}}})"))}, 300)};
    ConsoleSession session;
    QVERIFY(startSession(session, transport, rules));
    QSignalSpy received(&session, &ConsoleSession::packetReceived);
    QVERIFY(session.send(QStringLiteral("slow")));
    QVERIFY(session.send(QStringLiteral("slow")));
    QTRY_COMPARE(session.packetsSent(), 2);
    QVERIFY(session.sendEof());
    QTRY_COMPARE_WITH_TIMEOUT(session.stateText(), QStringLiteral("closed by the peer"), 20000);
    QCOMPARE(received.size(), 2);
    QCOMPARE(receivedText(received, 1), QStringLiteral(R"({"late":2})"));
}

void tst_RuleServer::fallbackOverTheWire()
{
    for (const bool echo : {true, false}) {
        RuleSet rules = pingRules();
        rules.fallback = echo ? RuleSet::Fallback::Echo : RuleSet::Fallback::Nothing;
        ConsoleSession session;
        QVERIFY(startSession(session, Transport::Tcp, rules));
        QSignalSpy received(&session, &ConsoleSession::packetReceived);
        QVERIFY(session.send(json(QStringLiteral(R"({"cmd":"other"})"))));
        QVERIFY(session.send(json(QStringLiteral(R"({"cmd":"ping"})"))));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), echo ? 2 : 1, 20000);
        QStringList texts;
        for (int i = 0; i < received.size(); ++i)
            texts << receivedText(received, i);
        QCOMPARE(texts,
                 echo ? QStringList({R"({"cmd":"other"})", R"({"pong":1})"})
                      : QStringList({R"({"pong":1})"}));
    }
}

void tst_RuleServer::invalidRulesDoNotStart()
{
    ConsoleSession session;
    session.rules()->addRule();
    QVERIFY(session.rules()->setData(session.rules()->index(0, 0), QStringLiteral("$.a = 1"),
                                     RuleModel::PatternRole));
    QVERIFY(!session.startRuleServer(Transport::Tcp));
    QVERIFY2(session.errorString().startsWith(QStringLiteral("rule 1 \"rule 1\": ")),
             qPrintable(session.errorString()));
    QVERIFY(!session.echoServer());
    QVERIFY(!session.servesRules());
    QVERIFY(session.startEchoServer(Transport::Tcp));
    QVERIFY(!session.servesRules());
}

QTEST_MAIN(tst_RuleServer)
#include "tst_ruleserver.moc"
