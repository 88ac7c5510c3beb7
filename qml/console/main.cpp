// easynet-qmlconsole: the QML console, written in QML on the module
// EasyNet.Console alone (qml/console/*.qml); this only starts the engine.
#include "qmlconsoletranslations.h"

#include <QtCore/QDir>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlApplicationEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuickControls2/QQuickStyle>

Q_IMPORT_QML_PLUGIN(EasyNetQmlConsolePlugin)

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("easynet-qmlconsole"));
    QGuiApplication::setOrganizationName(QStringLiteral("EasyNet"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("EasyNet"));
    EasyNetQmlConsole::installTranslations(QLocale()); // the system's language

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
    return QGuiApplication::exec();
}
