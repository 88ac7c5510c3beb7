// easynet-console-screenshot: renders the console's main window, its first tab
// connected to its own TCP echo server with a few packets exchanged and a
// second one to a UDP echo server, into a PNG (the ones in
// the README), in a language (en by default) and at a size (1200x760 by
// default):
//   easynet-console-screenshot OUTPUT.png [LANG [WIDTHxHEIGHT]]
// With EASYNET_SCREENSHOT_EXTRAS=DIR it also saves, in DIR, library.png (the
// Library tab with two saved packets, a repeat of 1 000 packets at 1 ms with
// {{counter}} done) and session.pcapng (the session's Wireshark export).
// Run by resources/make-screenshot.sh with QT_QPA_PLATFORM=offscreen; it uses a
// settings file and a packet library of its own, never the user's.
#include "composerpanel.h"
#include "connectionpanel.h"
#include "consolesession.h"
#include "consoletranslations.h"
#include "mainwindow.h"
#include "packetlogpanel.h"
#include "sessionpage.h"

#include "composer.h"
#include "librarypanel.h"
#include "repeatpanel.h"
#include "repeatsender.h"

#include <QtCore/QDir>
#include <QtCore/QLocale>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtWidgets/QApplication>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTableView>

#include <cstdio>

using namespace EasyNetConsole;

namespace {

// The extras (see above) once the main picture is taken; then quits.
void saveExtras(QApplication &app, SessionPage *page, const QDir &dir, int &exitCode)
{
    ConsoleSession &session = *page->session();
    if (!session.exportPcapng(dir.filePath(QStringLiteral("session.pcapng"))).isEmpty())
        exitCode = 1;
    LibraryPanel *library = page->libraryPanel();
    qobject_cast<QTabWidget *>(library->parentWidget()->parentWidget())->setCurrentWidget(library);
    Composer *composer = session.composer();
    composer->setMode(Composer::Mode::Json);
    composer->setText(QStringLiteral(R"({"cmd": "ping", "n": {{counter}}})"));
    library->nameEdit()->setText(QStringLiteral("ping"));
    library->noteEdit()->setText(QStringLiteral("health check, counted"));
    library->saveComposer();
    composer->setText(QStringLiteral(R"({"cmd": "subscribe", "id": {{uuid}}, "at": {{time}}})"));
    library->nameEdit()->setText(QStringLiteral("subscribe"));
    library->noteEdit()->setText(QStringLiteral("fresh id and time each time"));
    library->saveComposer();
    library->selectRow(0);
    composer->setText(QStringLiteral(R"({"cmd": "ping", "n": {{counter}}})"));
    RepeatPanel *repeat = library->repeatPanel();
    repeat->countBox()->setValue(1000);
    repeat->intervalBox()->setValue(1);
    QObject::connect(repeat->sender(), &RepeatSender::finished, &app, [&app, page, dir, &exitCode] {
        QTimer::singleShot(300, &app, [&app, page, dir, &exitCode] {
            page->session()->log()->flush();
            if (!page->window()->grab().save(dir.filePath(QStringLiteral("library.png"))))
                exitCode = 1;
            app.quit();
        });
    });
    repeat->startButton()->click();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // a packet library of its own
    const QStringList arguments = QCoreApplication::arguments();
    const QString language = arguments.value(2, QStringLiteral("en"));
    const QStringList size = arguments.value(3, QStringLiteral("1200x760")).split(QLatin1Char('x'));
    if (arguments.size() < 2 || arguments.size() > 4 || size.size() != 2
        || !ConsoleTranslations::install(language)) {
        std::fprintf(stderr, "usage: %s OUTPUT.png [LANG [WIDTHxHEIGHT]]\n", argv[0]);
        return 64;
    }
    const QString output = arguments[1];
    QLocale::setDefault(QLocale(language)); // numbers and sizes too
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("screenshot.ini")), QSettings::IniFormat);
    MainWindow window(&settings);
    window.resize(size[0].toInt(), size[1].toInt());
    window.show();
    SessionPage *page = window.currentPage();
    ConsoleSession &session = *page->session();
    // A second tab, on a UDP echo server, beside the one shown.
    SessionPage *second = window.newTab();
    if (!session.startEchoServer(ConnectionSettings::Transport::Tcp)
        || !second->session()->startEchoServer(ConnectionSettings::Transport::Udp))
        return 1;
    second->connectionPanel()->connectButton()->click();
    window.tabs()->setCurrentWidget(page);
    page->connectionPanel()->connectButton()->click();

    const QList<QVariant> packets = {
        QVariantMap {{QStringLiteral("cmd"), QStringLiteral("ping")}},
        QVariantMap {{QStringLiteral("user"), QStringLiteral("ada")},
                     {QStringLiteral("roles"),
                      QVariantList {QStringLiteral("admin"), QStringLiteral("dev")}},
                     {QStringLiteral("id"), 42}},
        QVariantList {1, 2.5, true, QVariant::fromValue(nullptr)},
    };
    int exitCode = 1;
    bool sent = false;
    QObject::connect(&session, &ConsoleSession::stateChanged, &app, [&] {
        if (session.state() != ConsoleSession::State::Connected || sent)
            return;
        sent = true;
        for (const QVariant &packet : packets)
            session.send(packet);
    });
    QObject::connect(&session, &ConsoleSession::packetReceived, &app, [&] {
        if (session.packetsReceived() != packets.size())
            return;
        // Let the batched log and the counters show, then pick the second echo
        // and leave a half-typed packet with its inline error in the composer.
        QTimer::singleShot(300, &app, [&] {
            session.log()->flush();
            QTableView *table = page->logPanel()->table();
            table->setCurrentIndex(table->model()->index(table->model()->rowCount() - 2, 0));
            page->composerPanel()->editor()->setPlainText(
                QStringLiteral("{\"cmd\": \"subscribe\", \"topics\": [\"a\", \"b\"}"));
            QTimer::singleShot(200, &app, [&] {
                exitCode = window.grab().save(output) ? 0 : 1;
                if (const QString extras = qEnvironmentVariable("EASYNET_SCREENSHOT_EXTRAS");
                    !extras.isEmpty())
                    saveExtras(app, page, QDir(extras), exitCode);
                else
                    app.quit();
            });
        });
    });
    QTimer::singleShot(10000, &app, &QCoreApplication::quit); // never hang a script
    app.exec();
    if (exitCode != 0)
        std::fprintf(stderr, "no screenshot written to %s\n", qPrintable(output));
    return exitCode;
}
