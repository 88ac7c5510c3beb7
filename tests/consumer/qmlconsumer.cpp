// The consumer's QML half: loads consumer.qml, which imports EasyNet from
// EasyNet_QML_IMPORT_DIR (the install), and exits 0 once its packet came back
// from the module's echo server intact.
#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>
#include <QtCore/QUrl>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#include <QtQml/QQmlProperty>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QQmlEngine engine;
    engine.addImportPath(QStringLiteral(EASYNET_QML_IMPORT_DIR));
    QQmlComponent component(&engine, QUrl::fromLocalFile(QStringLiteral(CONSUMER_QML_FILE)));
    const std::unique_ptr<QObject> root(component.create());
    if (!root) {
        std::fprintf(stderr, "cannot load the QML file: %s\n", qPrintable(component.errorString()));
        return 1;
    }
    QQmlProperty(root.get(), QStringLiteral("answer")).connectNotifySignal(&app, SLOT(quit()));
    QQmlProperty(root.get(), QStringLiteral("failure")).connectNotifySignal(&app, SLOT(quit()));
    // Only against a hang: the echo comes back in milliseconds.
    QTimer::singleShot(30000, &app, [] {
        std::fprintf(stderr, "no answer after 30 s\n");
        QCoreApplication::exit(1);
    });
    if (app.exec() != 0)
        return 1;

    const QString failure = root->property("failure").toString();
    const QVariantMap answer = root->property("answer").toMap();
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "failed: %s\n", qPrintable(failure));
        return 1;
    }
    if (answer.value(QStringLiteral("hello")).toString()
            != QLatin1String("from an installed EasyNet")
        || answer.value(QStringLiteral("bytes")).toByteArray() != QByteArray("\x01\x02", 2)) {
        std::fprintf(stderr, "unexpected answer\n");
        return 1;
    }
    std::printf("QML: %s\n", qPrintable(answer.value(QStringLiteral("hello")).toString()));
    return 0;
}
