// The packet library of the console core: its file under AppDataLocation
// (test mode), the round trip save -> file -> export -> import -> send, import
// merging by name, bad import files refused whole (library and file left as
// they were), a broken library file kept aside, the error state of a packet
// that no longer parses or cannot be sent under the connection's protocol
// (and that it is never sent), search, and variables in library packets
// ({"n": {{counter}}} sends an integer; the counter counts per connection).
#include "composer.h"
#include "connectionsettings.h"
#include "consolesession.h"
#include "packetformat.h"
#include "packetlibrary.h"
#include "packetlibraryfiltermodel.h"
#include "protocolsettings.h"

#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace EasyNetConsole;
using Transport = ConnectionSettings::Transport;
using Mode = Composer::Mode;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// The packets received as JSON objects, in order.
QList<QJsonObject> receivedObjects(const QVariantList &packets)
{
    QList<QJsonObject> objects;
    for (const QVariant &packet : packets)
        objects.append(QJsonDocument::fromJson(PacketFormat::toJsonText(packet).toUtf8()).object());
    return objects;
}

QList<PacketLibrary::Packet> samplePackets()
{
    return {
        {QStringLiteral("ping"), QStringLiteral("json"), Mode::Json,
         QStringLiteral(R"({"cmd": "ping"})"), QStringLiteral("a health check")},
        {QStringLiteral("hello line"), QStringLiteral("line:crlf"), Mode::Text,
         QStringLiteral("HELLO\\tWORLD"), QString()},
        {QStringLiteral("bytes"), QStringLiteral("raw"), Mode::Hex, QStringLiteral("7b 0a ff"),
         QStringLiteral("three bytes")},
    };
}

} // namespace

class TestPacketLibrary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultFileUnderAppData();
    void roundTrip();
    void importMergesByName();
    void badImportFiles_data();
    void badImportFiles();
    void brokenLibraryFileKeptAside();
    void errorStateUnderProtocol();
    void invalidPacketIsNeverSent();
    void search();
    void twoLibrariesOnOneFile();
    void composerSaveAndLoad();
    void variablesInLibraryPackets();
    void counterPerConnection();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TestPacketLibrary::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestPacketLibrary::defaultFileUnderAppData()
{
    const QString appData = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QVERIFY(PacketLibrary::defaultFileName().startsWith(appData + QLatin1Char('/')));
    QFile::remove(PacketLibrary::defaultFileName());
    {
        PacketLibrary library;
        QCOMPARE(library.fileName(), PacketLibrary::defaultFileName());
        QCOMPARE(library.count(), 0);
        QVERIFY(library.errorString().isEmpty());
        QVERIFY2(library.save(samplePackets().first()), qPrintable(library.errorString()));
    }
    PacketLibrary again;
    QCOMPARE(again.packets(), QList {samplePackets().first()});
    QVERIFY(QFile::remove(PacketLibrary::defaultFileName()));
}

void TestPacketLibrary::roundTrip()
{
    const QString file = path(QStringLiteral("roundtrip.json"));
    const QString exported = path(QStringLiteral("exported.json"));
    {
        PacketLibrary library(file);
        QSignalSpy count(&library, &PacketLibrary::countChanged);
        for (const PacketLibrary::Packet &packet : samplePackets())
            QVERIFY2(library.save(packet), qPrintable(library.errorString()));
        QCOMPARE(count.size(), 3);
        // Saved on every change: the file has them already.
        QCOMPARE(*PacketLibrary::fromJson(readFile(file), nullptr), samplePackets());
        QVERIFY2(library.exportFile(exported), qPrintable(library.errorString()));
    }
    const QJsonObject document = QJsonDocument::fromJson(readFile(exported)).object();
    QCOMPARE(document.value(QStringLiteral("format")).toString(),
             QStringLiteral("easynet-packet-library"));
    QCOMPARE(document.value(QStringLiteral("version")).toInt(), PacketLibrary::FormatVersion);
    QCOMPARE(PacketLibrary(file).packets(), samplePackets());

    PacketLibrary other(path(QStringLiteral("other.json")));
    QVERIFY2(other.importFile(QUrl::fromLocalFile(exported).toString()),
             qPrintable(other.errorString()));
    QCOMPARE(other.packets(), samplePackets());
    QCOMPARE(other.data(other.index(2), PacketLibrary::ModeNameRole).toString(),
             QStringLiteral("hex"));
    QCOMPARE(PacketLibrary(other.fileName()).packets(), samplePackets());

    // ...and send: the imported ping reaches an echo server and comes back.
    ConsoleSession session;
    QVERIFY(session.startEchoServer(Transport::Tcp));
    other.setSettings(session.settings());
    QSignalSpy received(&session, &ConsoleSession::packetReceived);
    QVERIFY(session.connectToPeer());
    QVERIFY2(other.send(other.indexOf(QStringLiteral("ping")), &session),
             qPrintable(other.errorString()));
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(PacketFormat::toJsonText(received.first().first()),
             QStringLiteral(R"({"cmd":"ping"})"));
}

void TestPacketLibrary::importMergesByName()
{
    PacketLibrary library(path(QStringLiteral("merge.json")));
    for (const PacketLibrary::Packet &packet : samplePackets())
        QVERIFY(library.save(packet));
    const PacketLibrary::Packet newPing {QStringLiteral("ping"), QStringLiteral("json"), Mode::Json,
                                         QStringLiteral(R"({"cmd": "ping", "v": 2})"), QString()};
    const PacketLibrary::Packet added {QStringLiteral("quit"), QString(), Mode::Text,
                                       QStringLiteral("QUIT"), QString()};
    const QString file = path(QStringLiteral("merge-import.json"));
    writeFile(file, PacketLibrary::toJson({newPing, added}));
    QVERIFY2(library.importFile(file), qPrintable(library.errorString()));
    QCOMPARE(library.count(), 4);
    QCOMPARE(library.packet(library.indexOf(QStringLiteral("ping"))), newPing);
    QCOMPARE(library.packet(3), added);
    QCOMPARE(PacketLibrary(library.fileName()).packets(), library.packets());
}

void TestPacketLibrary::badImportFiles_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("error");
    const auto library = [](const QByteArray &packets, const QByteArray &version = "1") {
        return R"({"format": "easynet-packet-library", "version": )" + version + R"(, "packets": )"
            + packets + "}";
    };
    QTest::newRow("not JSON") << QByteArray("{\"format\": ") << QStringLiteral("not JSON");
    QTest::newRow("another document")
        << QByteArray(R"({"packets": []})") << QStringLiteral("not a packet library");
    QTest::newRow("newer version") << library("[]", "2") << QStringLiteral("version 2 is newer");
    QTest::newRow("version not a number")
        << library("[]", "\"1\"") << QStringLiteral("\"version\" must be");
    QTest::newRow("packets not a list")
        << library("{}") << QStringLiteral("\"packets\" must be a list");
    QTest::newRow("packet not an object") << library("[1]") << QStringLiteral("not an object");
    QTest::newRow("no name") << library(R"([{"mode": "json", "text": "1"}])")
                             << QStringLiteral("no \"name\"");
    QTest::newRow("same name twice") << library(R"([{"name": "a", "mode": "json", "text": "1"},
                       {"name": "a", "mode": "json", "text": "2"}])")
                                     << QStringLiteral("a second packet named \"a\"");
    QTest::newRow("no text") << library(R"([{"name": "a", "mode": "json"}])")
                             << QStringLiteral("has no \"text\"");
    QTest::newRow("bad mode") << library(R"([{"name": "a", "mode": "base64", "text": "1"}])")
                              << QStringLiteral("\"mode\" must be json, text or hex");
    QTest::newRow("bad protocol") << library(
        R"([{"name": "a", "mode": "json", "text": "1", "protocol": "yaml"}])")
                                  << QStringLiteral("protocol \"yaml\"");
    QTest::newRow("note not text")
        << library(R"([{"name": "a", "mode": "json", "text": "1", "note": 5}])")
        << QStringLiteral("\"note\" must be text");
    QTest::newRow("one good, one bad")
        << library(R"([{"name": "fine", "mode": "json", "text": "1"}, {"name": "b"}])")
        << QStringLiteral("packet 2");
}

void TestPacketLibrary::badImportFiles()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, error);
    const QString libraryFile = path(QStringLiteral("bad-import-library.json"));
    QFile::remove(libraryFile);
    PacketLibrary library(libraryFile);
    for (const PacketLibrary::Packet &packet : samplePackets())
        QVERIFY(library.save(packet));
    const QByteArray before = readFile(libraryFile);
    const QString file = path(QStringLiteral("bad.json"));
    writeFile(file, contents);
    QVERIFY(!library.importFile(file));
    QVERIFY2(library.errorString().contains(error), qPrintable(library.errorString()));
    QVERIFY(library.errorString().contains(file));
    QCOMPARE(library.packets(), samplePackets());
    QCOMPARE(readFile(libraryFile), before);
}

void TestPacketLibrary::brokenLibraryFileKeptAside()
{
    const QString file = path(QStringLiteral("broken.json"));
    writeFile(file, "not a library");
    PacketLibrary library(file);
    QCOMPARE(library.count(), 0);
    QVERIFY2(library.errorString().contains(QStringLiteral("cannot be read")),
             qPrintable(library.errorString()));
    QCOMPARE(readFile(file), QByteArray("not a library")); // nothing changed yet
    QVERIFY(library.save(samplePackets().first()));
    QCOMPARE(readFile(file + QStringLiteral(".broken")), QByteArray("not a library"));
    QCOMPARE(PacketLibrary(file).packets(), QList {samplePackets().first()});

    // Import of a missing file: a clear error.
    QVERIFY(!library.importFile(path(QStringLiteral("missing.json"))));
    QVERIFY(library.errorString().contains(QStringLiteral("cannot read")));
}

void TestPacketLibrary::errorStateUnderProtocol()
{
    ConnectionSettings settings;
    QVERIFY(settings.protocol()->setSpec(QStringLiteral("json")));
    PacketLibrary library(path(QStringLiteral("errors.json")));
    QVERIFY(library.save({QStringLiteral("object"), QStringLiteral("json"), Mode::Json,
                          QStringLiteral(R"({"a": 1})"), QString()}));
    QVERIFY(library.save({QStringLiteral("list"), QStringLiteral("struct:!i"), Mode::Json,
                          QStringLiteral("[7]"), QString()}));
    QVERIFY(library.save({QStringLiteral("bad hex"), QStringLiteral("raw"), Mode::Hex,
                          QStringLiteral("7g"), QString()}));
    QVERIFY(library.save({QStringLiteral("bad variable"), QStringLiteral("json"), Mode::Json,
                          QStringLiteral(R"({"n": {{nope}}})"), QString()}));
    library.setSettings(&settings);
    const auto valid = [&library](int row) {
        return library.data(library.index(row), PacketLibrary::ValidRole).toBool();
    };
    QVERIFY(valid(0));
    QVERIFY(valid(1));
    QVERIFY(!valid(2));
    QVERIFY(!library.data(library.index(2), PacketLibrary::ErrorStringRole).toString().isEmpty());
    QVERIFY(!valid(3));

    // The connection's protocol changes: the JSON object no longer goes.
    QSignalSpy changed(&library, &QAbstractItemModel::dataChanged);
    QVERIFY(settings.protocol()->setSpec(QStringLiteral("struct:!i")));
    QVERIFY(!changed.isEmpty());
    QVERIFY(!valid(0));
    QVERIFY(!library.packetError(0).isEmpty());
    QVERIFY(library.data(library.index(0), Qt::ToolTipRole)
                .toString()
                .contains(library.packetError(0)));
    QVERIFY(valid(1));
    QVERIFY(settings.protocol()->setSpec(QStringLiteral("json")));
    QVERIFY(valid(0));
}

void TestPacketLibrary::invalidPacketIsNeverSent()
{
    ConsoleSession session;
    QVERIFY(session.settings()->protocol()->setSpec(QStringLiteral("struct:!i")));
    QVERIFY(session.startEchoServer(Transport::Tcp));
    QVERIFY(session.connectToPeer());
    QTRY_COMPARE(session.state(), ConsoleSession::State::Connected);
    PacketLibrary library(path(QStringLiteral("never-sent.json")));
    library.setSettings(session.settings());
    QVERIFY(library.save({QStringLiteral("json object"), QStringLiteral("json"), Mode::Json,
                          QStringLiteral(R"({"cmd": "ping"})"), QString()}));
    QVERIFY(!library.isValid(0));
    QVERIFY(!library.send(0, &session));
    QVERIFY2(library.errorString().contains(QStringLiteral("is not sent")),
             qPrintable(library.errorString()));
    QVERIFY(!library.send(5, &session));
    QCOMPARE(session.packetsSent(), 0);
    QTest::qWait(200); // nothing comes back either
    QCOMPARE(session.packetsReceived(), 0);
    QCOMPARE(session.bytesSent(), 0);
}

void TestPacketLibrary::search()
{
    PacketLibrary library(path(QStringLiteral("search.json")));
    for (const PacketLibrary::Packet &packet : samplePackets())
        QVERIFY(library.save(packet));
    PacketLibraryFilterModel found;
    QSignalSpy count(&found, &PacketLibraryFilterModel::countChanged);
    found.setLibrary(&library);
    QCOMPARE(found.count(), 3);
    found.setText(QStringLiteral("HEALTH")); // the note, any case
    QCOMPARE(found.count(), 1);
    QCOMPARE(found.sourceRow(0), library.indexOf(QStringLiteral("ping")));
    found.setText(QStringLiteral("world")); // the text
    QCOMPARE(found.count(), 1);
    QCOMPARE(found.data(found.index(0, 0)).toString(), QStringLiteral("hello line"));
    found.setText(QStringLiteral("byt")); // the name
    QCOMPARE(found.sourceRow(0), 2);
    QCOMPARE(found.sourceRow(1), -1);
    found.setText(QStringLiteral("nothing like it"));
    QCOMPARE(found.count(), 0);
    found.setText(QString());
    QCOMPARE(found.count(), 3);
    QVERIFY(count.size() >= 5);
}

// Two libraries on one file (two tabs, two windows): each sees the other's changes.
void TestPacketLibrary::twoLibrariesOnOneFile()
{
    const QString file = path(QStringLiteral("shared.json"));
    PacketLibrary first(file);
    PacketLibrary second(file);
    QVERIFY(first.save(samplePackets().at(0)));
    QTRY_COMPARE(second.packets(), first.packets());
    QVERIFY(second.save(samplePackets().at(1)));
    QTRY_COMPARE(first.count(), 2);
    QVERIFY(first.remove(0));
    QTRY_COMPARE(second.packets(), QList {samplePackets().at(1)});
}

void TestPacketLibrary::composerSaveAndLoad()
{
    ConnectionSettings settings;
    QVERIFY(settings.protocol()->setSpec(QStringLiteral("line:crlf")));
    Composer composer;
    composer.setSettings(&settings);
    composer.setMode(Mode::Text);
    composer.setText(QStringLiteral("INCR k"));
    PacketLibrary library(path(QStringLiteral("composer.json")));
    QVERIFY(library.saveComposer(QStringLiteral("incr"), QStringLiteral("adds one"), &composer));
    QCOMPARE(
        library.packet(0),
        (PacketLibrary::Packet {QStringLiteral("incr"), settings.protocol()->spec(), Mode::Text,
                                QStringLiteral("INCR k"), QStringLiteral("adds one")}));
    QVERIFY(!library.saveComposer(QStringLiteral("  "), QString(), &composer));
    QVERIFY(library.errorString().contains(QStringLiteral("name")));

    Composer other;
    QVERIFY(library.loadIntoComposer(0, &other));
    QCOMPARE(other.mode(), Mode::Text);
    QCOMPARE(other.text(), QStringLiteral("INCR k"));
    QVERIFY(!library.loadIntoComposer(1, &other));
    QVERIFY(library.remove(0));
    QCOMPARE(PacketLibrary(library.fileName()).count(), 0);
}

void TestPacketLibrary::variablesInLibraryPackets()
{
    ConsoleSession session;
    QVERIFY(session.startEchoServer(Transport::Tcp));
    QSignalSpy received(&session, &ConsoleSession::packetReceived);
    QVERIFY(session.connectToPeer());
    PacketLibrary library(path(QStringLiteral("variables.json")));
    library.setSettings(session.settings());
    QVERIFY(library.save({QStringLiteral("counted"), QStringLiteral("json"), Mode::Json,
                          QStringLiteral(R"({"n": {{counter}}, "id": "x-{{counter}}", )"
                                         R"("r": {{random:5:5}}})"),
                          QString()}));
    QVERIFY(library.isValid(0));
    QVERIFY2(library.send(0, &session), qPrintable(library.errorString()));
    QVERIFY(library.send(0, &session));
    QTRY_COMPARE(received.size(), 2);
    const QList<QJsonObject> objects
        = receivedObjects({received.at(0).first(), received.at(1).first()});
    // Values of their types: an integer, not the text "1".
    QVERIFY(objects[0].value(QStringLiteral("n")).isDouble());
    QCOMPARE(objects[0].value(QStringLiteral("n")).toInt(), 1);
    QCOMPARE(objects[0].value(QStringLiteral("id")).toString(), QStringLiteral("x-1"));
    QCOMPARE(objects[0].value(QStringLiteral("r")).toInt(), 5);
    QCOMPARE(objects[1].value(QStringLiteral("n")).toInt(), 2);
    // One counter per connection, shared with the composer.
    QCOMPARE(session.composer()->counter(), 3);
}

void TestPacketLibrary::counterPerConnection()
{
    ConsoleSession session;
    QVERIFY(session.startEchoServer(Transport::Tcp));
    QSignalSpy received(&session, &ConsoleSession::packetReceived);
    PacketLibrary library(path(QStringLiteral("per-connection.json")));
    library.setSettings(session.settings());
    QVERIFY(library.save({QStringLiteral("counted"), QStringLiteral("json"), Mode::Json,
                          QStringLiteral(R"({"n": {{counter}}})"), QString()}));
    QVERIFY(session.connectToPeer());
    QVERIFY(library.send(0, &session));
    QVERIFY(library.send(0, &session));
    QTRY_COMPARE(received.size(), 2);
    session.disconnectFromPeer();
    QTRY_COMPARE(session.state(), ConsoleSession::State::Disconnected);
    QVERIFY(session.connectToPeer());
    QVERIFY(library.send(0, &session));
    QTRY_COMPARE(received.size(), 3);
    const QList<QJsonObject> objects
        = receivedObjects({received.at(0).first(), received.at(1).first(), received.at(2).first()});
    QCOMPARE(objects[1].value(QStringLiteral("n")).toInt(), 2);
    QCOMPARE(objects[2].value(QStringLiteral("n")).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestPacketLibrary)
#include "tst_packetlibrary.moc"
