// PacketTemplate: each variable's value and type, in JSON (as a value or
// inside a string) and in text; a rule match's groups; the errors, with where
// they are in the typed text; and the composer's counter, which counts only
// the packets that went out and starts again for each connection.
#include "composer.h"
#include "consolesession.h"
#include "packettemplate.h"
#include "protocolsettings.h"
#include "tcpechoserver.h"

#include <EasyNet/jsonserializer.h>

#include <QtCore/QDateTime>
#include <QtCore/QRegularExpression>
#include <QtCore/QUuid>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace EasyNetConsole;
using Mode = Composer::Mode;

class tst_PacketTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonValuesHaveTheirTypes();
    void jsonStringsTakeEscapedText();
    void textTakesValuesAsTheyAre();
    void timeAndRandom();
    void ruleGroups();
    void errors_data();
    void errors();
    void parseErrorPointsIntoTypedText();
    void hexHasNoVariables();
    void composerCountsPacketsThatWentOut();
};

namespace {

QVariantMap jsonPacket(const QString &text, qint64 counter = 1)
{
    PacketTemplate::Context context;
    context.counter = counter;
    QString error;
    const std::optional<QVariant> packet
        = PacketTemplate(Mode::Json, text).packet(context, nullptr, &error);
    if (!packet)
        qWarning() << "no packet:" << error;
    return packet.value_or(QVariant()).toMap();
}

} // namespace

void tst_PacketTemplate::jsonValuesHaveTheirTypes()
{
    const QVariantMap packet = jsonPacket(
        QStringLiteral(
            R"({"n": {{counter}}, "id": {{uuid}}, "t": {{time:unix}}, "list": [{{counter}}]})"),
        7);
    QCOMPARE(packet.value(QStringLiteral("n")).typeId(), QMetaType::LongLong);
    QCOMPARE(packet.value(QStringLiteral("n")).toLongLong(), 7);
    QCOMPARE(packet.value(QStringLiteral("list")).toList(), QVariantList {qint64(7)});
    QCOMPARE(packet.value(QStringLiteral("id")).typeId(), QMetaType::QString);
    QVERIFY(!QUuid::fromString(packet.value(QStringLiteral("id")).toString()).isNull());
    QVERIFY(packet.value(QStringLiteral("t")).toLongLong() > 1'700'000'000'000);
    QVERIFY(PacketTemplate(Mode::Json, QStringLiteral("{{counter}}")).hasVariables());
    QVERIFY(!PacketTemplate(Mode::Json, QStringLiteral(R"({"a": 1})")).hasVariables());
}

void tst_PacketTemplate::jsonStringsTakeEscapedText()
{
    const QVariantMap packet = jsonPacket(
        QStringLiteral(R"({"id": "req-{{counter}}", "quoted \"{{counter}}\"": 1})"), 12);
    QCOMPARE(packet.value(QStringLiteral("id")).toString(), QStringLiteral("req-12"));
    QVERIFY(packet.contains(QStringLiteral("quoted \"12\"")));

    // A match's text goes into a string escaped: quotes and backslashes stay text.
    PacketTemplate::Context context;
    context.match = QRegularExpression(QStringLiteral("say (.*)"))
                        .match(QStringLiteral(R"(say "hi" \ there)"));
    QString error;
    const auto reply
        = PacketTemplate(Mode::Json, QStringLiteral(R"({"said": "{{1}}", "v": {{1}}})"))
              .packet(context, nullptr, &error);
    QVERIFY2(reply, qPrintable(error));
    QCOMPARE(reply->toMap().value(QStringLiteral("said")).toString(),
             QStringLiteral(R"("hi" \ there)"));
    QCOMPARE(reply->toMap().value(QStringLiteral("v")).toString(),
             QStringLiteral(R"("hi" \ there)"));
}

void tst_PacketTemplate::textTakesValuesAsTheyAre()
{
    ProtocolSettings line;
    QVERIFY(line.applySpec(QStringLiteral("line")).isEmpty());
    PacketTemplate::Context context;
    context.counter = 42;
    context.match = QRegularExpression(QStringLiteral("(.*)")).match(QStringLiteral(R"(a\nb)"));
    QString error;
    const auto packet = PacketTemplate(Mode::Text, QStringLiteral(R"(n={{counter}}\tm={{1}})"))
                            .packet(context, &line, &error);
    QVERIFY2(packet, qPrintable(error));
    // The typed \t is an escape; the match's \n is two characters.
    QCOMPARE(packet->toString(), QStringLiteral("n=42\tm=a\\nb"));
    QCOMPARE(packet->typeId(), QMetaType::QString);

    ProtocolSettings raw;
    QVERIFY(raw.applySpec(QStringLiteral("raw")).isEmpty());
    const auto bytes
        = PacketTemplate(Mode::Text, QStringLiteral("#{{counter}}")).packet(context, &raw, &error);
    QVERIFY2(bytes, qPrintable(error));
    QCOMPARE(bytes->toByteArray(), QByteArray("#42"));
}

void tst_PacketTemplate::timeAndRandom()
{
    PacketTemplate::Context context;
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const auto time = PacketTemplate(Mode::Text, QStringLiteral("{{time}}")).render(context);
    QVERIFY(time);
    const QDateTime parsed = QDateTime::fromString(*time, Qt::ISODateWithMs);
    QVERIFY2(parsed.isValid(), qPrintable(*time));
    QCOMPARE(parsed.timeSpec(), Qt::UTC);
    QVERIFY(parsed >= before.addMSecs(-1));
    QVERIFY(time->endsWith(QLatin1Char('Z')));
    QCOMPARE(PacketTemplate(Mode::Text, QStringLiteral("{{time:iso}}")).render(context)->size(),
             time->size());

    QSet<qint64> seen;
    const PacketTemplate dice(Mode::Json, QStringLiteral("{{random:-2:3}}"));
    for (int i = 0; i < 500; ++i) {
        const auto value = dice.packet(context, nullptr);
        QVERIFY(value);
        QCOMPARE(value->typeId(), QMetaType::LongLong);
        seen.insert(value->toLongLong());
    }
    QCOMPARE(seen, (QSet<qint64> {-2, -1, 0, 1, 2, 3}));
    QCOMPARE(PacketTemplate(Mode::Json, QStringLiteral("{{random:5:5}}"))
                 .packet(context, nullptr)
                 ->toLongLong(),
             5);
    // The whole range has no upper bound to pass to bounded().
    QVERIFY(PacketTemplate(Mode::Json,
                           QStringLiteral("{{random:-9223372036854775808:9223372036854775807}}"))
                .packet(context, nullptr));
}

void tst_PacketTemplate::ruleGroups()
{
    PacketTemplate::Context context;
    context.match = QRegularExpression(QStringLiteral(R"(GET (?<key>\w+)(?: (\d+))?)"))
                        .match(QStringLiteral("GET apple"));
    QVERIFY(context.match.hasMatch());
    const PacketTemplate reply(Mode::Text, QStringLiteral("{{0}}|{{key}}|{{1}}|{{2}}"));
    QVERIFY(!reply.matchGroups().isEmpty());
    QVERIFY(PacketTemplate(Mode::Text, QStringLiteral("{{counter}}")).matchGroups().isEmpty());
    // The groups it refers to, as written, for a rule to check against its pattern.
    QCOMPARE(reply.matchGroups(), QStringList({"0", "key", "1", "2"}));
    QCOMPARE(PacketTemplate(Mode::Json, QStringLiteral(R"({"n": {{counter}}, "t": "{{time}}"})"))
                 .matchGroups(),
             QStringList());
    // A group that did not take part is empty.
    QCOMPARE(*reply.render(context), QStringLiteral("GET apple|apple|apple|"));

    QString error;
    QVERIFY(!PacketTemplate(Mode::Text, QStringLiteral("{{3}}")).render(context, &error));
    QVERIFY2(error.contains(QStringLiteral("no such group")), qPrintable(error));
    QVERIFY(!PacketTemplate(Mode::Text, QStringLiteral("{{colour}}")).render(context, &error));
    QVERIFY2(error.contains(QStringLiteral("no group of that name")), qPrintable(error));
    // Outside a rule's reply a group has no value.
    QVERIFY(!reply.render(PacketTemplate::Context(), &error));
    QVERIFY2(error.contains(QStringLiteral("only in a rule's reply")), qPrintable(error));
}

void tst_PacketTemplate::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("position");
    QTest::newRow("unclosed") << QStringLiteral("ab {{counter") << QStringLiteral("without '}}'")
                              << 3;
    QTest::newRow("typo") << QStringLiteral("x{{count er}}") << QStringLiteral("not a variable")
                          << 1;
    QTest::newRow("time format") << QStringLiteral("{{time:rfc}}")
                                 << QStringLiteral("{{time:unix}}") << 0;
    QTest::newRow("random without range")
        << QStringLiteral("{{random}}") << QStringLiteral("{{random:MIN:MAX}}") << 0;
    QTest::newRow("random not a number")
        << QStringLiteral("{{random:a:9}}") << QStringLiteral("with integers") << 0;
    QTest::newRow("random reversed")
        << QStringLiteral("..{{random:9:1}}") << QStringLiteral("MIN is greater than MAX") << 2;
    QTest::newRow("counter argument")
        << QStringLiteral("{{counter:2}}") << QStringLiteral("takes no arguments") << 0;
}

void tst_PacketTemplate::errors()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    QFETCH(int, position);
    for (const Mode mode : {Mode::Text, Mode::Json}) {
        const PacketTemplate tpl(mode, text);
        QVERIFY2(tpl.errorString().contains(reason), qPrintable(tpl.errorString()));
        QCOMPARE(tpl.errorPosition(), position);
        QString error;
        int at = -2;
        QVERIFY(!tpl.packet(PacketTemplate::Context(), nullptr, &error, &at));
        QCOMPARE(error, tpl.errorString());
        QCOMPARE(at, position);
    }
}

void tst_PacketTemplate::parseErrorPointsIntoTypedText()
{
    // The rendered text is longer than the typed one; the JSON error after
    // the variable is reported where it is in what was typed.
    const QString typed = QStringLiteral(R"({"id": {{uuid}}, ])");
    QString error;
    int at = -1;
    QVERIFY(
        !PacketTemplate(Mode::Json, typed).packet(PacketTemplate::Context(), nullptr, &error, &at));
    QVERIFY2(error.contains(QStringLiteral("JSON syntax error")), qPrintable(error));
    QCOMPARE(at, typed.indexOf(QLatin1Char(']')));
}

void tst_PacketTemplate::hexHasNoVariables()
{
    const PacketTemplate hex(Mode::Hex, QStringLiteral("7b 7b"));
    QVERIFY(!hex.hasVariables());
    QCOMPARE(hex.packet(PacketTemplate::Context(), nullptr)->toByteArray(), QByteArray("{{"));
    // A literal "{{" in text and JSON is typed with an escape.
    QCOMPARE(*PacketTemplate(Mode::Text, QStringLiteral(R"(\x7b{counter}})"))
                  .render(PacketTemplate::Context()),
             QStringLiteral(R"(\x7b{counter}})"));
    QCOMPARE(PacketTemplate(Mode::Json, QStringLiteral(R"("\u007b{counter}}")"))
                 .packet(PacketTemplate::Context(), nullptr)
                 ->toString(),
             QStringLiteral("{{counter}}"));
}

void tst_PacketTemplate::composerCountsPacketsThatWentOut()
{
    TcpEchoServer server(EasyNet::StreamProtocol(std::make_shared<EasyNet::JsonSerializer>()));
    QVERIFY(server.listen(QStringLiteral("127.0.0.1:0")));
    ConsoleSession session;
    QVERIFY(session.settings()->protocol()->applySpec(QStringLiteral("json")).isEmpty());
    session.settings()->setUrl(QStringLiteral("tcp://") + server.address());
    Composer *composer = session.composer();
    composer->setMode(Mode::Json);
    composer->setText(QStringLiteral(R"({"n": {{counter}}})"));
    QVERIFY(composer->hasVariables());
    QVERIFY2(composer->isValid(), qPrintable(composer->errorString()));
    QCOMPARE(composer->wireBytes(), QByteArray("{\"n\":1}\n"));

    // Not connected: nothing went out, the counter stays.
    QVERIFY(!session.sendComposed());
    QCOMPARE(composer->counter(), 1);

    QSignalSpy received(&session, &ConsoleSession::packetReceived);
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    for (int i = 0; i < 3; ++i)
        QVERIFY(session.sendComposed());
    QCOMPARE(composer->counter(), 4);
    QCOMPARE(composer->wireBytes(), QByteArray("{\"n\":4}\n"));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, 10000);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(received[i][0].toMap().value(QStringLiteral("n")).toLongLong(), i + 1);

    // Each connection counts from 1.
    QVERIFY(session.connectToPeer());
    QCOMPARE(composer->counter(), 1);
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    QVERIFY(session.sendComposed());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 4, 10000);
    QCOMPARE(received[3][0].toMap().value(QStringLiteral("n")).toLongLong(), 1);

    // A text without variables leaves the counter alone.
    composer->setText(QStringLiteral(R"({"n": 0})"));
    QVERIFY(session.sendComposed());
    QCOMPARE(composer->counter(), 2);
}

QTEST_GUILESS_MAIN(tst_PacketTemplate)
#include "tst_packettemplate.moc"
