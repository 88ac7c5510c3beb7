// easynet-qmlconsole: the QML console, written in QML on the module
// EasyNet.Console alone (qml/console/*.qml); this checks the command line
// (the Widgets console's, ConsoleOptions' QML face: --help and --version
// answer without a window, --lang picks the language) and starts the engine,
// whose window applies it to its first tab's session (CommandLine.apply()).
#include "consoleoptions.h"
#include "qmlconsoletranslations.h"

#include <QtCore/QDir>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickControls2/QQuickStyle>

#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(EasyNetQmlConsolePlugin)

using EasyNetConsole::ConsoleOptions;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "easynet-qmlconsole: %s\n", qPrintable(message));
    return ConsoleOptions::UsageError;
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const bool help = arguments.contains(QLatin1String("--help"))
        || arguments.contains(QLatin1String("-h"))
        || arguments.contains(QLatin1String("--version"));
    // Help needs no display.
    std::unique_ptr<QCoreApplication> app = help ? std::make_unique<QCoreApplication>(argc, argv)
                                                 : std::make_unique<QGuiApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("easynet-qmlconsole"));
    QCoreApplication::setOrganizationName(QStringLiteral("EasyNet"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("EasyNet"));
    const QString language = ConsoleOptions::languageArgument(arguments);
    // The system's language unless --lang says otherwise.
    const int installed = EasyNetQmlConsole::installTranslations(
        language.isEmpty() ? QLocale() : QLocale(language));
    if (installed == 0 && !language.isEmpty())
        std::fprintf(stderr, "easynet-qmlconsole: no translation for \"%s\"\n",
                     qPrintable(language));
    ConsoleOptions options(ConsoleOptions::Face::Qml);
    if (!options.parse(arguments))
        return fail(options.error());
    if (options.exitNow())
        return *options.exitNow();

    // Fusion draws with the platform's palette, so the console is light or
    // dark as the desktop is; QT_QUICK_CONTROLS_STYLE still wins.
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));

    QQmlApplicationEngine engine;
    // The module EasyNet.Console: beside an installed console, or in the build tree.
    const QDir appDir(QCoreApplication::applicationDirPath());
    for (const QString &dir : {appDir.absoluteFilePath(QStringLiteral(EASYNET_QML_RELATIVE_DIR)),
                               QStringLiteral(EASYNET_QML_BUILD_DIR)}) {
        if (QDir(dir).exists(QStringLiteral("EasyNet/Console/qmldir"))) {
            engine.addImportPath(dir);
            break;
        }
    }
    engine.load(QUrl(QStringLiteral("qrc:/EasyNetQmlConsole/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    // A bad --connect URL, an echo server that cannot start.
    if (const QString error
        = engine.rootObjects().constFirst()->property("commandLineError").toString();
        !error.isEmpty())
        return fail(error);
    return QCoreApplication::exec();
}
