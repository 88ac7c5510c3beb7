// Session replay (SessionReplay, PacketLogEntry::fromJsonLine()): a session
// recorded against an echo server and exported as JSON lines is sent again to
// another connection, in order, byte for byte (key order included), fast or
// with the original gaps (only a lower bound on the time is asserted); a line
// of the export reads back as the row it was; bad files are refused with the
// line and nothing is sent; a recording of another protocol is refused before
// anything is sent; stop() and a connection that ends stop a run.
#include "consolesession.h"
#include "packetformat.h"
#include "sessionreplay.h"

#include <QtCore/QCborMap>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <algorithm>

using namespace EasyNetConsole;
using Transport = ConnectionSettings::Transport;
using Direction = PacketLogEntry::Direction;

Q_DECLARE_METATYPE(EasyNetConsole::ConnectionSettings::Transport)

namespace {

QList<QByteArray> rawOf(PacketLogModel &log, Direction direction)
{
    log.flush();
    QList<QByteArray> raws;
    for (int row = 0; row < log.rowCount(); ++row) {
        if (log.entry(row).direction == direction && !log.entry(row).isParseError)
            raws.append(log.entry(row).raw);
    }
    return raws;
}

QCborMap orderedMap(int n)
{
    // Keys out of alphabetical order: the replay must keep them as they were.
    QCborMap map;
    map.insert(QStringLiteral("seq"), n);
    map.insert(QStringLiteral("cmd"), QStringLiteral("ping"));
    map.insert(QStringLiteral("ablob"), QStringLiteral("ü"));
    return map;
}

QByteArray jsonLine(const QString &time, const QString &direction, const QByteArray &raw)
{
    return QStringLiteral(R"({"time":"%1","direction":"%2","size":%3,"raw":"%4"})")
               .arg(time, direction)
               .arg(raw.size())
               .arg(QString::fromLatin1(raw.toBase64()))
               .toUtf8()
        + '\n';
}

} // namespace

class tst_SessionReplay : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void jsonLineReadsBack();
    void fastReplayInOrder_data();
    void fastReplayInOrder();
    void originalTiming();
    void badFiles_data();
    void badFiles();
    void recordedWithAnotherProtocol();
    void sameBytesUnderACompatibleProtocol();
    void notConnected();
    void stopAndConnectionEnd();

private:
    // A session connected to its own echo server of transport.
    std::unique_ptr<ConsoleSession> connectedSession(Transport transport);
    // Records packets echoed by a session of transport into a JSON-lines file; its path.
    QString record(Transport transport, const QVariantList &packets);
    QString writeFile(const QString &name, const QByteArray &contents);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_SessionReplay::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::unique_ptr<ConsoleSession> tst_SessionReplay::connectedSession(Transport transport)
{
    auto session = std::make_unique<ConsoleSession>();
    if (!session->startEchoServer(transport) || !session->connectToPeer())
        return nullptr;
    const bool connected = QTest::qWaitFor(
        [&session] { return session->state() == ConsoleSession::State::Connected; }, 10000);
    return connected ? std::move(session) : nullptr;
}

QString tst_SessionReplay::record(Transport transport, const QVariantList &packets)
{
    std::unique_ptr<ConsoleSession> session = connectedSession(transport);
    if (!session)
        return {};
    for (const QVariant &packet : packets)
        session->send(packet);
    if (!QTest::qWaitFor([&] { return session->packetsReceived() == packets.size(); }, 10000))
        return {};
    session->log()->flush();
    const QString path = m_dir->filePath(QStringLiteral("recorded.jsonl"));
    return session->log()->exportJsonLines(path) ? path : QString();
}

QString tst_SessionReplay::writeFile(const QString &name, const QByteArray &contents)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        return {};
    return path;
}

void tst_SessionReplay::jsonLineReadsBack()
{
    PacketLogEntry entry;
    entry.time = QDateTime::currentDateTime();
    entry.direction = Direction::Received;
    entry.peer = QStringLiteral("127.0.0.1:9000");
    entry.raw = "{\"seq\":1,\"cmd\":\"ping\"}\n";
    entry.value = QVariant::fromValue(orderedMap(1));
    entry.descriptors = QStringList {QStringLiteral("descriptor 5: regular file /tmp/x")};
    entry.message = QStringLiteral("credentials: pid 1, uid 0, gid 0");
    QString error;
    const std::optional<PacketLogEntry> back
        = PacketLogEntry::fromJsonLine(entry.toJsonLine(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->toJsonLine(), entry.toJsonLine());
    QCOMPARE(back->valueText(), entry.valueText());
    QCOMPARE(back->raw, entry.raw);
    QCOMPARE(back->time, entry.time);

    PacketLogEntry parseError = entry;
    parseError.isParseError = true;
    parseError.value = {};
    parseError.message = QStringLiteral("bad JSON");
    parseError.errorOffset = 3;
    parseError.errorSize = 7;
    parseError.streamWentOn = true;
    const std::optional<PacketLogEntry> error2
        = PacketLogEntry::fromJsonLine(parseError.toJsonLine(), &error);
    QVERIFY2(error2, qPrintable(error));
    QCOMPARE(error2->toJsonLine(), parseError.toJsonLine());
}

void tst_SessionReplay::fastReplayInOrder_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::newRow("tcp") << Transport::Tcp;
    QTest::newRow("udp") << Transport::Udp;
    QTest::newRow("unix stream") << Transport::UnixStream;
}

void tst_SessionReplay::fastReplayInOrder()
{
    QFETCH(Transport, transport);
    QVariantList packets;
    for (int n = 1; n <= 50; ++n)
        packets.append(QVariant::fromValue(orderedMap(n)));
    const QString file = record(transport, packets);
    QVERIFY(!file.isEmpty());
    QList<QByteArray> recorded;
    {
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        while (!in.atEnd()) {
            QString error;
            const auto entry = PacketLogEntry::fromJsonLine(in.readLine().trimmed(), &error);
            QVERIFY2(entry, qPrintable(error));
            if (entry->direction == Direction::Sent)
                recorded.append(entry->raw);
        }
    }
    QCOMPARE(recorded.size(), packets.size());

    std::unique_ptr<ConsoleSession> session = connectedSession(transport);
    QVERIFY(session);
    SessionReplay replay(session.get());
    QVERIFY2(replay.load(file), qPrintable(replay.errorString()));
    QCOMPARE(replay.total(), packets.size());
    replay.setTiming(SessionReplay::Timing::Fast);
    QSignalSpy finished(&replay, &SessionReplay::finished);
    QVERIFY2(replay.start(), qPrintable(replay.errorString()));
    QVERIFY(finished.wait(20000));
    QCOMPARE(replay.state(), SessionReplay::State::Finished);
    QCOMPARE(replay.sent(), packets.size());
    // The same bytes, in the same order, and the echoes in that order too.
    QTRY_COMPARE_WITH_TIMEOUT(session->packetsReceived(), packets.size(), 10000);
    QCOMPARE(rawOf(*session->log(), Direction::Sent), recorded);
    QCOMPARE(rawOf(*session->log(), Direction::Received), recorded);
}

void tst_SessionReplay::originalTiming()
{
    // Three packets 400 ms apart, a received row and an event between them.
    const QDateTime start = QDateTime::currentDateTime();
    const auto at = [&start](int ms) { return start.addMSecs(ms).toString(Qt::ISODateWithMs); };
    QByteArray contents = jsonLine(at(0), QStringLiteral("sent"), "{\"n\":1}\n")
        + jsonLine(at(10), QStringLiteral("received"), "{\"n\":1}\n")
        + QStringLiteral(R"({"time":"%1","direction":"event","message":"hello"})")
              .arg(at(20))
              .toUtf8()
        + "\n\n" + jsonLine(at(400), QStringLiteral("sent"), "{\"n\":2}\n")
        + jsonLine(at(800), QStringLiteral("sent"), "{\"n\":3}\n");
    const QString file = writeFile(QStringLiteral("timed.jsonl"), contents);
    std::unique_ptr<ConsoleSession> session = connectedSession(Transport::Tcp);
    QVERIFY(session);
    SessionReplay replay(session.get());
    QCOMPARE(replay.timing(), SessionReplay::Timing::Original);
    QVERIFY2(replay.load(file), qPrintable(replay.errorString()));
    QCOMPARE(replay.total(), 3);
    QSignalSpy finished(&replay, &SessionReplay::finished);
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(replay.start(), qPrintable(replay.errorString()));
    QVERIFY(replay.isRunning());
    QVERIFY(finished.wait(20000));
    // Never sooner than the original gaps (no upper bound: the machine may be slow).
    QCOMPARE_GE(clock.elapsed(), 800);
    QCOMPARE(replay.state(), SessionReplay::State::Finished);
    QCOMPARE(rawOf(*session->log(), Direction::Sent),
             QList<QByteArray>({"{\"n\":1}\n", "{\"n\":2}\n", "{\"n\":3}\n"}));
}

void tst_SessionReplay::badFiles_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("error");
    const QByteArray good
        = jsonLine(QStringLiteral("2026-01-01T10:00:00.000"), QStringLiteral("sent"), "{}\n");
    QTest::newRow("not JSON") << good + "{\"time\":\n" << QStringLiteral("line 2: not JSON");
    QTest::newRow("not an object") << good + good + "[1,2]\n"
                                   << QStringLiteral("line 3: not a JSON object");
    QTest::newRow("no time") << QByteArray(R"({"direction":"sent","raw":"e30K"})")
                             << QStringLiteral("line 1: \"time\" is not an ISO 8601");
    QTest::newRow("bad direction")
        << QByteArray(R"({"time":"2026-01-01T10:00:00.000","direction":"up","raw":"e30K"})")
        << QStringLiteral("line 1: \"direction\" is not sent, received or event");
    QTest::newRow("raw not Base64")
        << good + QByteArray(R"({"time":"2026-01-01T10:00:00.000","direction":"sent","raw":"!!"})")
        << QStringLiteral("line 2: \"raw\" is not Base64");
    QTest::newRow("no raw") << QByteArray(
        R"({"time":"2026-01-01T10:00:00.000","direction":"sent"})")
                            << QStringLiteral("line 1: \"raw\" is not Base64");
    QTest::newRow("wrong size") << QByteArray(
        R"({"time":"2026-01-01T10:00:00.000","direction":"sent","size":9,"raw":"e30K"})")
                                << QStringLiteral(
                                       "line 1: \"size\" is 9, but \"raw\" holds 3 byte(s)");
    QTest::newRow("no sent packet")
        << QByteArray(R"({"time":"2026-01-01T10:00:00.000","direction":"event","message":"x"})")
        << QStringLiteral("holds no sent packet");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("holds no sent packet");
}

void tst_SessionReplay::badFiles()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, error);
    std::unique_ptr<ConsoleSession> session = connectedSession(Transport::Tcp);
    QVERIFY(session);
    SessionReplay replay(session.get());
    const QString file = writeFile(QStringLiteral("bad.jsonl"), contents);
    QVERIFY(!replay.load(file));
    QVERIFY2(replay.errorString().contains(error), qPrintable(replay.errorString()));
    QCOMPARE(replay.state(), SessionReplay::State::Failed);
    QCOMPARE(replay.statusText(), replay.errorString());
    QCOMPARE(replay.total(), 0);
    // Nothing to send, and nothing sent.
    QVERIFY(!replay.start());
    QCOMPARE(replay.errorString(), QStringLiteral("no session loaded"));
    QTest::qWait(50);
    QCOMPARE(session->packetsSent(), 0);

    QVERIFY(!replay.load(m_dir->filePath(QStringLiteral("missing.jsonl"))));
    QVERIFY2(replay.errorString().startsWith(QLatin1String("cannot read")),
             qPrintable(replay.errorString()));
}

void tst_SessionReplay::recordedWithAnotherProtocol()
{
    const QString file = record(Transport::Tcp, {QVariantMap {{"a", 1}}, QVariantMap {{"b", 2}}});
    QVERIFY(!file.isEmpty());
    auto session = std::make_unique<ConsoleSession>();
    QVERIFY(session->settings()->protocol()->setSpec(QStringLiteral("cbor")));
    QVERIFY(session->startEchoServer(Transport::Tcp));
    QVERIFY(session->connectToPeer());
    QTRY_COMPARE(session->state(), ConsoleSession::State::Connected);
    SessionReplay replay(session.get());
    QVERIFY(replay.load(file));
    QVERIFY(!replay.start());
    QCOMPARE(replay.state(), SessionReplay::State::Failed);
    // Named by the line of the first sent packet.
    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = in.readAll().split('\n');
    const auto firstSent = std::find_if(lines.begin(), lines.end(), [](const QByteArray &line) {
        return line.contains("\"direction\":\"sent\"");
    });
    const QString prefix
        = QStringLiteral("%1, line %2: ").arg(file).arg(firstSent - lines.begin() + 1);
    QVERIFY2(replay.errorString().startsWith(prefix)
                 && replay.errorString().contains(QLatin1String("another protocol")),
             qPrintable(replay.errorString()));
    QTest::qWait(50);
    QCOMPARE(session->packetsSent(), 0);
}

void tst_SessionReplay::sameBytesUnderACompatibleProtocol()
{
    // JSON lines read as lines of text: the same bytes go out.
    const QString file = record(Transport::Tcp, {QVariantMap {{"a", 1}}, QVariantList {1, 2}});
    QVERIFY(!file.isEmpty());
    auto session = std::make_unique<ConsoleSession>();
    QVERIFY(session->settings()->protocol()->setSpec(QStringLiteral("line")));
    QVERIFY(session->startEchoServer(Transport::Tcp));
    QVERIFY(session->connectToPeer());
    QTRY_COMPARE(session->state(), ConsoleSession::State::Connected);
    SessionReplay replay(session.get());
    replay.setTiming(SessionReplay::Timing::Fast);
    QVERIFY(replay.load(file));
    QSignalSpy finished(&replay, &SessionReplay::finished);
    QVERIFY2(replay.start(), qPrintable(replay.errorString()));
    QVERIFY(finished.wait(10000));
    QCOMPARE(rawOf(*session->log(), Direction::Sent),
             QList<QByteArray>({"{\"a\":1}\n", "[1,2]\n"}));
}

void tst_SessionReplay::notConnected()
{
    const QString file = writeFile(
        QStringLiteral("one.jsonl"),
        jsonLine(QStringLiteral("2026-01-01T10:00:00.000"), QStringLiteral("sent"), "{}\n"));
    ConsoleSession session;
    SessionReplay replay(&session);
    QVERIFY(replay.load(file));
    QCOMPARE(replay.statusText(), QStringLiteral("1 packet(s) to replay"));
    QVERIFY(!replay.start());
    QVERIFY2(replay.errorString().startsWith(QLatin1String("not connected")),
             qPrintable(replay.errorString()));
    SessionReplay alone;
    QVERIFY(alone.load(file));
    QVERIFY(!alone.start());
    QCOMPARE(alone.errorString(), QStringLiteral("no session to replay to"));
}

void tst_SessionReplay::stopAndConnectionEnd()
{
    // The second packet 60 s after the first: the run waits for it.
    const QString file = writeFile(
        QStringLiteral("slow.jsonl"),
        jsonLine(QStringLiteral("2026-01-01T10:00:00.000"), QStringLiteral("sent"), "{\"n\":1}\n")
            + jsonLine(QStringLiteral("2026-01-01T10:01:00.000"), QStringLiteral("sent"),
                       "{\"n\":2}\n"));
    std::unique_ptr<ConsoleSession> session = connectedSession(Transport::Tcp);
    QVERIFY(session);
    SessionReplay replay(session.get());
    QVERIFY(replay.load(file));
    QSignalSpy finished(&replay, &SessionReplay::finished);
    QVERIFY(replay.start());
    QTRY_COMPARE(session->packetsReceived(), 1);
    QCOMPARE(replay.sent(), 1);
    QVERIFY(replay.isRunning());
    replay.stop();
    QCOMPARE(replay.state(), SessionReplay::State::Stopped);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(replay.statusText(), QStringLiteral("stopped after 1 of 2 packet(s)"));

    QVERIFY(replay.start());
    QTRY_COMPARE(session->packetsReceived(), 2);
    session->disconnectFromPeer();
    QTRY_COMPARE(replay.state(), SessionReplay::State::Failed);
    QCOMPARE(finished.size(), 2);
    QVERIFY2(replay.errorString().startsWith(QLatin1String("the connection ended after 1 of 2")),
             qPrintable(replay.errorString()));
    QCOMPARE(session->packetsSent(), 2);
}

QTEST_MAIN(tst_SessionReplay)
#include "tst_sessionreplay.moc"
