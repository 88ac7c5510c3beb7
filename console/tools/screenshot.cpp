// easynet-console-screenshot: renders the console's main window, connected to
// its own TCP echo server with a few packets exchanged, into a PNG (the one in
// the README). Run by resources/make-screenshot.sh with QT_QPA_PLATFORM=offscreen;
// it uses a settings file of its own, never the user's.
#include "composerpanel.h"
#include "connectionpanel.h"
#include "consolesession.h"
#include "consoletranslations.h"
#include "mainwindow.h"
#include "packetlogpanel.h"

#include <QtCore/QSettings>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtWidgets/QApplication>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTableView>

#include <cstdio>

using namespace EasyNetConsole;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT.png\n", argv[0]);
        return 64;
    }
    const QString output = QString::fromLocal8Bit(argv[1]);
    ConsoleTranslations::install(QStringLiteral("en"));
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("screenshot.ini")), QSettings::IniFormat);
    ConsoleSession session;
    MainWindow window(&session, &settings);
    window.resize(1360, 860);
    window.show();
    if (!session.startEchoServer(ConnectionSettings::Transport::Tcp))
        return 1;
    window.connectionPanel()->connectButton()->click();

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
            QTableView *table = window.logPanel()->table();
            table->setCurrentIndex(table->model()->index(table->model()->rowCount() - 2, 0));
            window.composerPanel()->editor()->setPlainText(
                QStringLiteral("{\"cmd\": \"subscribe\", \"topics\": [\"a\", \"b\"}"));
            QTimer::singleShot(200, &app, [&] {
                exitCode = window.grab().save(output) ? 0 : 1;
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
