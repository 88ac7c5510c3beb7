// The Widgets console's packet library and repeat controls, offscreen, driven
// through their widgets in the real window against the session's own echo
// server: save the composer's packet, search, send with a double click, load
// into the composer, delete, export and import; a packet the protocol cannot
// send is a red row that is never sent; repeat 100 times at 1 ms with
// {{counter}} (all back in order), a library packet repeated, and "until
// stopped" stopped with the button. With EASYNET_SCREENSHOT_DIR=<dir> the
// window is saved there after the repeat (console-library-en.png).
#include "composer.h"
#include "composerpanel.h"
#include "connectionpanel.h"
#include "consolesession.h"
#include "consoletranslations.h"
#include "librarypanel.h"
#include "mainwindow.h"
#include "packetlibrary.h"
#include "packetlibraryfiltermodel.h"
#include "parseerrordelegate.h"
#include "receivednumbers.h"
#include "repeatpanel.h"
#include "repeatsender.h"
#include "sessionpage.h"

#include <QtCore/QFile>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListView>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QTabWidget>

#include <memory>

using namespace EasyNetConsole;
using EasyNetTest::oneTo;
using EasyNetTest::receivedNumbers;
using Transport = ConnectionSettings::Transport;

class tst_ConsoleLibrary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void saveSearchSendLoadDeleteExportImport();
    void unsendablePacketIsARedRow();
    void repeatTheComposerPacket();
    void repeatALibraryPacketAndStop();
    void everyTabHasTheLibrary();

private:
    // Types text into the composer's editor.
    void compose(const QString &text);
    template<typename T>
    T *find(const QString &name) const
    {
        T *child = m_page->findChild<T *>(name);
        if (!child)
            qFatal("no widget %s", qPrintable(name));
        return child;
    }
    QModelIndex listIndex(int libraryRow) const;

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    // The first tab's.
    SessionPage *m_page = nullptr;
    ConsoleSession *m_session = nullptr;
    LibraryPanel *m_library = nullptr;
};

void tst_ConsoleLibrary::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(ConsoleTranslations::install(QStringLiteral("en")));
    QVERIFY(m_dir.isValid());
}

void tst_ConsoleLibrary::init()
{
    QFile::remove(PacketLibrary::defaultFileName());
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("console.ini")),
                                             QSettings::IniFormat);
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_window->resize(1024, 640);
    m_window->show();
    m_page = m_window->currentPage();
    m_session = m_page->session();
    m_library = m_page->libraryPanel();
    m_page->findChild<QTabWidget *>(QStringLiteral("connectionAndLibrary"))
        ->setCurrentWidget(m_library);
    QVERIFY(m_session->startEchoServer(Transport::Tcp));
    m_page->connectionPanel()->connectButton()->click(); // in the other tab
    QTRY_COMPARE(m_session->state(), ConsoleSession::State::Connected);
}

void tst_ConsoleLibrary::cleanup()
{
    m_window.reset();
    m_settings.reset();
    QFile::remove(PacketLibrary::defaultFileName());
}

void tst_ConsoleLibrary::compose(const QString &text)
{
    QPlainTextEdit *editor = m_page->composerPanel()->editor();
    editor->clear();
    QTest::keyClicks(editor, text);
    QCOMPARE(m_session->composer()->text(), text);
}

QModelIndex tst_ConsoleLibrary::listIndex(int libraryRow) const
{
    return m_library->found()->mapFromSource(m_library->library()->index(libraryRow));
}

void tst_ConsoleLibrary::saveSearchSendLoadDeleteExportImport()
{
    QVERIFY(m_library->isVisible());
    QListView *list = find<QListView>(QStringLiteral("libraryList"));
    QVERIFY(!list->visibleRegion().isEmpty());

    compose(QStringLiteral(R"({"n": {{counter}}})"));
    QTest::keyClicks(find<QLineEdit>(QStringLiteral("libraryName")), QStringLiteral("counted"));
    QTest::keyClicks(find<QLineEdit>(QStringLiteral("libraryNote")), QStringLiteral("counts"));
    QTest::mouseClick(find<QPushButton>(QStringLiteral("librarySave")), Qt::LeftButton);
    QCOMPARE(m_library->library()->count(), 1);
    QCOMPARE(list->model()->rowCount(), 1);
    QCOMPARE(PacketLibrary(PacketLibrary::defaultFileName()).packets(),
             m_library->library()->packets());
    QCOMPARE(m_library->selectedRow(), 0);

    // Search.
    QLineEdit *search = find<QLineEdit>(QStringLiteral("librarySearch"));
    QTest::keyClicks(search, QStringLiteral("zzz"));
    QCOMPARE(list->model()->rowCount(), 0);
    search->clear();
    QTest::keyClicks(search, QStringLiteral("COUNTS"));
    QCOMPARE(list->model()->rowCount(), 1);

    // A double click sends it: {"n": 1} comes back, an integer.
    QSignalSpy received(m_session, &ConsoleSession::packetReceived);
    const QRect rect = list->visualRect(listIndex(0));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(receivedNumbers(received), QList<qint64> {1});
    QVERIFY(find<QLabel>(QStringLiteral("libraryStatus"))->text().contains(QStringLiteral("sent")));

    // Load into the composer.
    compose(QStringLiteral("[1]"));
    QTest::mouseClick(find<QPushButton>(QStringLiteral("libraryLoad")), Qt::LeftButton);
    QCOMPARE(m_page->composerPanel()->editor()->toPlainText(),
             QStringLiteral(R"({"n": {{counter}}})"));

    // Export, delete, import.
    const QString exported = m_dir.filePath(QStringLiteral("exported.json"));
    QVERIFY(m_library->exportTo(exported));
    QTest::mouseClick(find<QPushButton>(QStringLiteral("libraryDelete")), Qt::LeftButton);
    QCOMPARE(m_library->library()->count(), 0);
    QCOMPARE(PacketLibrary(PacketLibrary::defaultFileName()).count(), 0);
    QVERIFY(m_library->importFrom(exported));
    QCOMPARE(m_library->library()->count(), 1);
    QCOMPARE(m_library->library()->packet(0).note, QStringLiteral("counts"));

    // A bad file: the reason under the list, nothing changed.
    const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
    QFile badFile(bad);
    QVERIFY(badFile.open(QIODevice::WriteOnly));
    badFile.write("{\"format\": \"something else\"}");
    badFile.close();
    QVERIFY(!m_library->importFrom(bad));
    QVERIFY(find<QLabel>(QStringLiteral("libraryStatus"))
                ->text()
                .contains(QStringLiteral("not a packet library")));
    QCOMPARE(m_library->library()->count(), 1);
}

void tst_ConsoleLibrary::unsendablePacketIsARedRow()
{
    PacketLibrary *library = m_library->library();
    QVERIFY(library->save({QStringLiteral("object"), QStringLiteral("json"), Composer::Mode::Json,
                           QStringLiteral(R"({"a": 1})"), QString()}));
    QListView *list = find<QListView>(QStringLiteral("libraryList"));
    const auto rowColour = [list, this] {
        list->setCurrentIndex(QModelIndex());
        list->selectionModel()->clearSelection();
        const QRect rect = list->visualRect(listIndex(0));
        const QImage image = list->viewport()->grab().toImage();
        return image.pixelColor(rect.right() - 3, rect.center().y());
    };
    QVERIFY(rowColour() != ParseErrorDelegate::errorBackground());

    // The connection's protocol becomes struct:!i: a JSON object cannot go.
    QVERIFY(m_session->settings()->protocol()->setSpec(QStringLiteral("struct:!i")));
    QVERIFY(!library->isValid(0));
    QTRY_COMPARE(rowColour(), ParseErrorDelegate::errorBackground());
    QVERIFY(!library->data(library->index(0), Qt::ToolTipRole).toString().isEmpty());

    m_library->selectRow(0);
    QVERIFY(!find<QPushButton>(QStringLiteral("librarySend"))->isEnabled());
    QVERIFY(find<QLabel>(QStringLiteral("libraryStatus"))
                ->text()
                .contains(QStringLiteral("Cannot be sent")));
    const QRect rect = list->visualRect(listIndex(0));
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QVERIFY(!m_library->sendSelected());
    QCOMPARE(m_session->packetsSent(), 0);
}

void tst_ConsoleLibrary::repeatTheComposerPacket()
{
    RepeatPanel *repeat = m_library->repeatPanel();
    QVERIFY(!repeat->startButton()->visibleRegion().isEmpty());
    compose(QStringLiteral(R"({"n": {{counter}}})"));
    QSignalSpy received(m_session, &ConsoleSession::packetReceived);
    repeat->sourceBox()->setCurrentIndex(
        repeat->sourceBox()->findData(int(RepeatPanel::Source::Composer)));
    repeat->countBox()->setValue(100);
    repeat->intervalBox()->setValue(1);
    QSignalSpy finished(repeat->sender(), &RepeatSender::finished);
    QTest::mouseClick(repeat->startButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 100, 60000);
    QCOMPARE(receivedNumbers(received), oneTo(100));
    QCOMPARE(repeat->startButton()->text(), QStringLiteral("Start"));
    QVERIFY2(repeat->progressLabel()->text().contains(QStringLiteral("sent 100 packet")),
             qPrintable(repeat->progressLabel()->text()));
    QVERIFY(repeat->progressLabel()->text().contains(QStringLiteral("/s")));
    // The README's picture: a few saved packets, one that cannot be sent.
    if (const QString dir = qEnvironmentVariable("EASYNET_SCREENSHOT_DIR"); !dir.isEmpty()) {
        PacketLibrary *library = m_library->library();
        library->save({QStringLiteral("counted"), QStringLiteral("json"), Composer::Mode::Json,
                       QStringLiteral(R"({"n": {{counter}}})"), QStringLiteral("1, 2, 3...")});
        library->save({QStringLiteral("ping"), QStringLiteral("json"), Composer::Mode::Json,
                       QStringLiteral(R"({"cmd": "ping"})"), QString()});
        library->save({QStringLiteral("bad hex"), QString(), Composer::Mode::Hex,
                       QStringLiteral("7b 0g"), QString()});
        m_library->selectRow(0);
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/console-library-en.png")));
    }
}

void tst_ConsoleLibrary::repeatALibraryPacketAndStop()
{
    PacketLibrary *library = m_library->library();
    QVERIFY(library->save({QStringLiteral("counted"), QStringLiteral("json"), Composer::Mode::Json,
                           QStringLiteral(R"({"n": {{counter}}})"), QString()}));
    m_library->selectRow(0);
    RepeatPanel *repeat = m_library->repeatPanel();
    repeat->sourceBox()->setCurrentIndex(
        repeat->sourceBox()->findData(int(RepeatPanel::Source::LibraryPacket)));
    repeat->countBox()->setValue(0);
    QCOMPARE(repeat->countBox()->text(), QStringLiteral("until stopped"));
    repeat->intervalBox()->setValue(2);
    QSignalSpy received(m_session, &ConsoleSession::packetReceived);
    QTest::mouseClick(repeat->startButton(), Qt::LeftButton);
    QVERIFY(repeat->sender()->isRunning());
    QCOMPARE(repeat->startButton()->text(), QStringLiteral("Stop"));
    QVERIFY(!repeat->countBox()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(received.size() >= 10, 60000);
    QTest::mouseClick(repeat->startButton(), Qt::LeftButton);
    QVERIFY(!repeat->sender()->isRunning());
    const qint64 sent = repeat->sender()->sent();
    QTRY_COMPARE(received.size(), sent);
    QCOMPARE(receivedNumbers(received), oneTo(sent));

    // A disconnect stops a run, and says so.
    QTest::mouseClick(repeat->startButton(), Qt::LeftButton);
    QVERIFY(repeat->sender()->isRunning());
    m_session->disconnectFromPeer();
    QTRY_VERIFY(!repeat->sender()->isRunning());
    QVERIFY(repeat->progressLabel()->text().contains(QStringLiteral("closed")));
}

// A packet saved in one tab is in the library of another, and is sent on
// that tab's connection.
void tst_ConsoleLibrary::everyTabHasTheLibrary()
{
    compose(QStringLiteral(R"({"n": {{counter}}})"));
    QTest::keyClicks(find<QLineEdit>(QStringLiteral("libraryName")), QStringLiteral("counted"));
    QTest::mouseClick(find<QPushButton>(QStringLiteral("librarySave")), Qt::LeftButton);
    SessionPage *second = m_window->newTab();
    QVERIFY(second != m_page);
    LibraryPanel *library = second->libraryPanel();
    QCOMPARE(library->library()->count(), 1);
    QVERIFY(second->session()->startEchoServer(Transport::Tcp));
    second->connectionPanel()->connectButton()->click();
    QTRY_COMPARE(second->session()->state(), ConsoleSession::State::Connected);
    QSignalSpy received(second->session(), &ConsoleSession::packetReceived);
    library->selectRow(0);
    QVERIFY(library->sendSelected());
    QTRY_COMPARE(receivedNumbers(received), QList<qint64> {1});
    QCOMPARE(m_session->packetsSent(), 0);

    // A packet saved in the second tab shows in the first.
    QVERIFY(library->library()->save({QStringLiteral("ping"), QStringLiteral("json"),
                                      Composer::Mode::Json, QStringLiteral(R"({"cmd": "ping"})"),
                                      QString()}));
    QTRY_COMPARE(m_library->library()->count(), 2);
}

QTEST_MAIN(tst_ConsoleLibrary)
#include "tst_consolelibrary.moc"
