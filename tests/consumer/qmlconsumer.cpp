// The consumer's QML half, against the QML modules of the install
// (EasyNet_QML_IMPORT_DIR). Exits 0 once a packet came back intact:
//   easynet_qmlconsumer library   consumer.qml, on EasyNet alone, through a byte
//                                 echo server of its own; then the process must
//                                 have libEasyNet mapped and none of the console's
//                                 code (EasyNet.Console, the console core)
//   easynet_qmlconsumer console   consoleconsumer.qml, through EasyNet.Console's
//                                 echo server
#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtCore/QTimer>
#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#include <QtQml/QQmlProperty>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <memory>

namespace {

// Sends back whatever its clients send: the packet's bytes are the client's to decode.
void echoBytes(QTcpServer &server)
{
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&server] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::readyRead, socket,
                             [socket] { socket->write(socket->readAll()); });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

// Whether the library (EasyNet) and only it is loaded: /proc/self/maps names every
// file mapped into the process. The console core is a static library inside
// EasyNet.Console's libeasynet_qml_console, but is named too in case it ever
// becomes a shared one.
bool onlyLibraryMapped()
{
    QFile file(QStringLiteral("/proc/self/maps"));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read /proc/self/maps\n");
        return false;
    }
    const QByteArray maps = file.readAll();
    bool ok = true;
    for (const char *name : {"libEasyNet.so", "libeasynet_qml.so"}) {
        if (!maps.contains(name)) {
            std::fprintf(stderr, "%s is not mapped\n", name);
            ok = false;
        }
    }
    const char *const consoleNames[]
        = {"easynet_consolecore", "easynet_qml_console", "/EasyNet/Console/"};
    for (const QByteArray &line : maps.split('\n')) {
        const auto inLine = [&line](const char *name) { return line.contains(name); };
        if (std::any_of(std::begin(consoleNames), std::end(consoleNames), inLine)) {
            std::fprintf(stderr, "the console's code is mapped: %s\n", line.constData());
            ok = false;
        }
    }
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QByteArray mode = argc == 2 ? QByteArray(argv[1]) : QByteArray();
    if (mode != "library" && mode != "console") {
        std::fprintf(stderr, "usage: easynet_qmlconsumer library|console\n");
        return 2;
    }
    const bool library = mode == "library";

    QTcpServer server;
    QVariantMap initialProperties;
    if (library) {
        echoBytes(server);
        if (!server.listen(QHostAddress::LocalHost)) {
            std::fprintf(stderr, "cannot listen: %s\n", qPrintable(server.errorString()));
            return 1;
        }
        initialProperties.insert(QStringLiteral("echoPort"), server.serverPort());
    }

    QQmlEngine engine;
    engine.addImportPath(QStringLiteral(EASYNET_QML_IMPORT_DIR));
    QQmlComponent component(&engine,
                            QUrl::fromLocalFile(library ? QStringLiteral(CONSUMER_QML_FILE)
                                                        : QStringLiteral(CONSOLE_QML_FILE)));
    const std::unique_ptr<QObject> root(component.createWithInitialProperties(initialProperties));
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
    if (library && !onlyLibraryMapped())
        return 1;
    std::printf("QML (%s): %s\n", mode.constData(),
                qPrintable(answer.value(QStringLiteral("hello")).toString()));
    return 0;
}
