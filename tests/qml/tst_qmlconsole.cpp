// The QML console (qml/console) as a user drives it: real clicks and keys on
// the offscreen window, found by objectName (the current tab's, as the others
// are not visible). Tabs: two connections at once, each with its own log;
// closing one ends only its connection; the shortcuts; the title follows. With
// EASYNET_SCREENSHOT=<file.png> the window is saved there after a few packets
// (qml/console/screenshot.sh), and with EASYNET_SCREENSHOT_DIR=<dir> at its minimum size in English
// and German. The program itself is run for its command line (--help, a usage error).
// The session files bar: Export, Wireshark (pcapng) and Replay with its
// progress, Stop and a bad file explained.
// and German, and with the rule editor open (qml-rule-editor.png). The program itself is run for
// its command line (--help, a usage error).
#include "qmlconsoletranslations.h"

#include <QtCore/QFile>
#include <QtCore/QPointer>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtGui/QFontInfo>
#include <QtGui/QGuiApplication>
#include <QtGui/QImage>
#include <QtGui/QPalette>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtQml/QQmlApplicationEngine>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>
#include <QtTest/QtTest>

#include <functional>
#include <memory>

Q_IMPORT_QML_PLUGIN(EasyNetQmlConsolePlugin)

namespace {

// Every visible item under root that matches, depth first.
QList<QQuickItem *> findItems(QQuickItem *root,
                              const std::function<bool(const QQuickItem *)> &matches)
{
    QList<QQuickItem *> found;
    const std::function<void(QQuickItem *)> visit = [&](QQuickItem *item) {
        if (!item->isVisible())
            return;
        if (matches(item))
            found.append(item);
        for (QQuickItem *child : item->childItems())
            visit(child);
    };
    visit(root);
    return found;
}

// Every visible item under root named objectName.
QList<QQuickItem *> findItems(QQuickItem *root, const QString &objectName)
{
    return findItems(
        root, [&objectName](const QQuickItem *item) { return item->objectName() == objectName; });
}

// The console in locale's language and numbers until the returned guard goes.
auto speak(const QLocale &locale)
{
    EasyNetQmlConsole::installTranslations(locale);
    const QLocale before;
    QLocale::setDefault(locale);
    return qScopeGuard([before] {
        EasyNetQmlConsole::installTranslations(QLocale::c());
        QLocale::setDefault(before);
    });
}

// The packet library's file (the console core's PacketLibrary::defaultFileName()).
QString packetLibraryFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/packet-library.json");
}

} // namespace

class tst_QmlConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void echoesThroughItsEchoServer_data();
    void echoesThroughItsEchoServer();
    void jsonSyntaxErrorIsShownAndNotSent();
    void followsTheSystemPalette();
    void speaksGerman();
    void commandLineConfiguresTheSession();
    void commandLineHelpNeedsNoWindow();
    void tlsTrustOptions();
    void eventsInTheWindowsFont();
    void emptyLogKnowsTheFilter();
    void countersReadable();
    void minimumSizeClipsNothing_data();
    void minimumSizeClipsNothing();
    void tabsKeepTheirConnectionsApart();
    void closingATabEndsOnlyItsConnection();
    void tabTitleFollowsTheSession();
    void sessionFilesExportAndReplay();
    void libraryAndRepeat();
    void ruleEditorServes();

private:
    // Loads the window with commandLine as its arguments (none but the
    // program's name unless given).
    void load(const QStringList &commandLine = {});
    QQuickItem *item(const QString &objectName);
    void click(QQuickItem *target);
    // Types text into the focused item (QTest::keyClicks is for widgets only).
    void typeText(const QString &text);
    // The current tab's session.
    QObject *session() const { return m_window->property("session").value<QObject *>(); }
    // The tab buttons, in order, and the session of the tab at index.
    QList<QQuickItem *> tabs() const;
    QObject *sessionOfTab(int index) const;
    // Clicks the session files bar's button, and answers its dialog with path.
    void chooseFile(const QString &button, const QString &path);

    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
};

void tst_QmlConsole::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the packet library's file
    QQuickStyle::setStyle(QStringLiteral("Fusion")); // as easynet-qmlconsole does
}

void tst_QmlConsole::init()
{
    // A QML error, a binding loop, an unknown property: any warning fails,
    // but the offscreen platform's word on a window's minimum size.
    QTest::failOnWarning(QRegularExpression(
        QStringLiteral("^(?!This plugin does not support propagateSizeHints\\(\\))")));
}

void tst_QmlConsole::cleanup()
{
    m_engine.reset();
    m_window = nullptr;
}

void tst_QmlConsole::load(const QStringList &commandLine)
{
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImportPath(QStringLiteral(EASYNET_QML_BUILD_DIR));
    m_engine->setInitialProperties(
        {{QStringLiteral("commandLine"),
          QStringList {QStringLiteral("easynet-qmlconsole")} + commandLine}});
    m_engine->load(QUrl(QStringLiteral("qrc:/EasyNetQmlConsole/Main.qml")));
    QCOMPARE(m_engine->rootObjects().size(), 1);
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
    QVERIFY(m_window);
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

QQuickItem *tst_QmlConsole::item(const QString &objectName)
{
    const QList<QQuickItem *> items = findItems(m_window->contentItem(), objectName);
    if (items.size() != 1)
        qCritical() << "expected one visible item" << objectName << "found" << items.size();
    return items.size() == 1 ? items.constFirst() : nullptr;
}

void tst_QmlConsole::click(QQuickItem *target)
{
    QVERIFY(target);
    const QPointF center = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
    QTest::mouseClick(m_window, Qt::LeftButton, {}, center.toPoint());
}

void tst_QmlConsole::typeText(const QString &text)
{
    for (const QChar character : text)
        QTest::sendKeyEvent(QTest::Click, m_window, Qt::Key_unknown, QString(character),
                            Qt::NoModifier);
}

QList<QQuickItem *> tst_QmlConsole::tabs() const
{
    return findItems(m_window->contentItem(), QStringLiteral("sessionTab"));
}

QObject *tst_QmlConsole::sessionOfTab(int index) const
{
    QObject *page = tabs().value(index)->property("page").value<QObject *>();
    return page ? page->property("session").value<QObject *>() : nullptr;
}

void tst_QmlConsole::echoesThroughItsEchoServer_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("en") << QLocale(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("de") << QLocale(QLocale::German, QLocale::Germany);
}

void tst_QmlConsole::echoesThroughItsEchoServer()
{
    QFETCH(QLocale, locale);
    const auto restore = speak(locale);
    load();
    QVERIFY(!QTest::currentTestFailed());
    QCOMPARE(findItems(m_window->contentItem(), QStringLiteral("receivedPacket")).size(), 0);

    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("state").toInt(), 2); // Connected
    QVERIFY(session()->property("echoServer").value<QObject *>());

    const QStringList packets
        = {QStringLiteral(R"({"cmd": "ping", "args": [1, 2.5, "drei"]})"),
           QStringLiteral(R"({"unicode": "é ü €", "ok": true})"), QStringLiteral("[null, {}, []]")};
    QQuickItem *input = item(QStringLiteral("composerInput"));
    QQuickItem *send = item(QStringLiteral("sendButton"));
    for (const QString &packet : packets) {
        click(input);
        QTRY_VERIFY(input->hasActiveFocus());
        QTest::keySequence(m_window, QKeySequence::SelectAll);
        typeText(packet);
        QCOMPARE(input->property("text").toString(), packet);
        QTRY_VERIFY(send->isEnabled());
        click(send);
    }

    // The echoes, found by objectName in the log; the first one's value, with
    // its keys in the order typed (and sent, and echoed).
    QList<QQuickItem *> received;
    QTRY_VERIFY(
        (received = findItems(m_window->contentItem(), QStringLiteral("receivedPacket"))).size()
        == packets.size());
    QCOMPARE(findItems(m_window->contentItem(), QStringLiteral("sentPacket")).size(),
             packets.size());
    QQuickItem *first = received.constFirst();
    QCOMPARE(first->property("valueText").toString(),
             QStringLiteral(R"({"cmd":"ping","args":[1,2.5,"drei"]})"));

    // Selecting a row shows its bytes in hex.
    QCOMPARE(findItems(first, QStringLiteral("selectedHex")).size(), 0);
    click(first);
    QTRY_COMPARE(findItems(first, QStringLiteral("selectedHex")).size(), 1);
    const QString hex
        = findItems(first, QStringLiteral("selectedHex")).constFirst()->property("text").toString();
    QVERIFY2(hex.startsWith(QStringLiteral("7b 22")), qPrintable(hex)); // {"

    // The counters follow (they are refreshed at most every 100 ms).
    QQuickItem *counters = item(QStringLiteral("countersLabel"));
    QVERIFY(counters);
    QTRY_VERIFY2(counters->property("text").toString().count(QStringLiteral(" 3 (")) == 2,
                 qPrintable(counters->property("text").toString())); // sent and received

    // A picture of it: real pixels, not a blank window.
    const QImage image = m_window->grabWindow();
    QVERIFY(!image.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, "the window looks blank");
    // German beside English: easynet-qmlconsole-de.png.
    QString path = qEnvironmentVariable("EASYNET_SCREENSHOT");
    if (!path.isEmpty() && locale.language() != QLocale::English)
        path.insert(path.lastIndexOf(QLatin1Char('.')), QLatin1Char('-') + locale.bcp47Name());
    if (!path.isEmpty())
        QVERIFY2(image.save(path), qPrintable(path));
}

void tst_QmlConsole::jsonSyntaxErrorIsShownAndNotSent()
{
    load();
    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("stateText").toString(), QStringLiteral("connected"));

    QQuickItem *input = item(QStringLiteral("composerInput"));
    click(input);
    QTRY_VERIFY(input->hasActiveFocus());
    typeText(QStringLiteral(R"({"cmd": "ping",})"));
    QQuickItem *error = item(QStringLiteral("composerError"));
    QVERIFY(error);
    QVERIFY(!error->property("text").toString().isEmpty());
    QQuickItem *send = item(QStringLiteral("sendButton"));
    QVERIFY(!send->isEnabled());
    click(send);
    QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(session()->property("packetsSent").toLongLong(), 0);

    // Fixed, it goes.
    QTest::keyClick(m_window, Qt::Key_Backspace);
    QTest::keyClick(m_window, Qt::Key_Backspace);
    typeText(QStringLiteral("}"));
    QTRY_VERIFY(findItems(m_window->contentItem(), QStringLiteral("composerError")).isEmpty());
    QTRY_VERIFY(send->isEnabled());
    QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("receivedPacket")).size(), 1);
}

void tst_QmlConsole::followsTheSystemPalette()
{
    const QPalette light = QGuiApplication::palette();
    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x1c));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    QGuiApplication::setPalette(dark);
    load();
    const bool darkShown = m_window->property("dark").toBool();
    const QColor controlsWindow
        = m_window->property("palette").value<QObject *>()->property("window").value<QColor>();
    QGuiApplication::setPalette(light);
    QVERIFY(darkShown);
    QCOMPARE(controlsWindow, dark.color(QPalette::Window));
    // Back to light while running, as when the desktop switches.
    QTRY_VERIFY(!m_window->property("dark").toBool());
}

void tst_QmlConsole::speaksGerman()
{
    QCOMPARE(EasyNetQmlConsole::installTranslations(QLocale(QLocale::German)), 2);
    load();
    const QString send = item(QStringLiteral("sendButton"))->property("text").toString();
    const QString state = item(QStringLiteral("stateLabel"))->property("text").toString();
    QQuickItem *formats = item(QStringLiteral("formatBox"));
    QString rawBytes;
    QMetaObject::invokeMethod(formats, "textAt", Q_RETURN_ARG(QString, rawBytes), Q_ARG(int, 7));
    EasyNetQmlConsole::installTranslations(QLocale::c());
    QCOMPARE(send, QStringLiteral("Senden")); // the QML console's own string
    // The console core's, from the translation shared with the Widgets console.
    QCOMPARE(state, QStringLiteral("nicht verbunden"));
    // The format list is the core's, shared with the Widgets console.
    QCOMPARE(rawBytes, QStringLiteral("Rohe Bytes"));
}

namespace {

QObject *settingsOf(QObject *session)
{
    return session->property("settings").value<QObject *>();
}

// Every visible control under root: buttons, check boxes, combo boxes, text fields.
QList<QQuickItem *> controls(QQuickItem *root)
{
    return findItems(root, [](const QQuickItem *item) {
        return item->width() > 0
            && (item->inherits("QQuickAbstractButton") || item->inherits("QQuickComboBox")
                || item->inherits("QQuickTextField"));
    });
}

} // namespace

// The Widgets console's options, applied to the window's session.
void tst_QmlConsole::commandLineConfiguresTheSession()
{
    load({QStringLiteral("--echo-server"), QStringLiteral("udp"), QStringLiteral("--protocol"),
          QStringLiteral("line:crlf")});
    QCOMPARE(m_window->property("commandLineError").toString(), QString());
    QTRY_COMPARE(session()->property("stateText").toString(), QStringLiteral("connected"));
    QObject *settings = settingsOf(session());
    QCOMPARE(settings->property("url").toString().left(6), QStringLiteral("udp://"));
    QCOMPARE(settings->property("protocol").value<QObject *>()->property("spec").toString(),
             QStringLiteral("line:crlf:utf8"));
    cleanup();
    load({QStringLiteral("--connect"), QStringLiteral("gopher://example.org")});
    QVERIFY2(
        m_window->property("commandLineError").toString().startsWith(QLatin1String("--connect: ")),
        qPrintable(m_window->property("commandLineError").toString()));
}

// --help prints and exits before any window: no display needed (xcb without one).
void tst_QmlConsole::commandLineHelpNeedsNoWindow()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    QProcess program;
    program.setProcessEnvironment(environment);
    program.start(QStringLiteral(EASYNET_QMLCONSOLE_PROGRAM), {QStringLiteral("--help")});
    QVERIFY(program.waitForFinished(20000));
    const QString help = QString::fromLocal8Bit(program.readAllStandardOutput());
    QCOMPARE(program.exitStatus(), QProcess::NormalExit);
    QCOMPARE(program.exitCode(), 0);
    for (const char *option : {"--connect", "--protocol", "--echo-server", "--lang", "--ca-file"})
        QVERIFY2(help.contains(QLatin1String(option)), option);
    for (const char *cliOnly : {"--cli", "--send", "--library", "--repeat", "--interval"})
        QVERIFY2(!help.contains(QLatin1String(cliOnly)), cliOnly);

    // A usage error, in words (this one is told with a display).
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    program.setProcessEnvironment(environment);
    program.start(QStringLiteral(EASYNET_QMLCONSOLE_PROGRAM), {QStringLiteral("--cli")});
    QVERIFY(program.waitForFinished(20000));
    QCOMPARE(program.exitCode(), 64);
    QVERIFY(program.readAllStandardError().contains("--cli"));
    program.start(QStringLiteral(EASYNET_QMLCONSOLE_PROGRAM),
                  {QStringLiteral("--repeat"), QStringLiteral("3")});
    QVERIFY(program.waitForFinished(20000));
    QCOMPARE(program.exitCode(), 64);
    QVERIFY(program.readAllStandardError().contains("easynet-console's"));
}

// A self-signed server: refused, then trusted through its certificate as a CA
// file, or accepted as invalid behind the warning; client files are taken.
void tst_QmlConsole::tlsTrustOptions()
{
    load();
    QQmlComponent component(m_engine.get());
    component.setData("import EasyNet\nimport EasyNet.Console\n"
                      "EchoServer {\n transport: EchoServer.Tls\n protocol: JsonProtocol {}\n"
                      " listening: true\n}",
                      QUrl());
    std::unique_ptr<QObject> server(component.create());
    QVERIFY2(server, qPrintable(component.errorString()));
    QTRY_VERIFY(server->property("listening").toBool());
    QObject *settings = settingsOf(session());
    QCOMPARE(findItems(m_window->contentItem(), QStringLiteral("tlsRow")).size(), 0);
    settings->setProperty("transport", 1); // Tls
    QVERIFY(item(QStringLiteral("tlsRow")));
    settings->setProperty("host", QStringLiteral("127.0.0.1"));
    settings->setProperty("port", server->property("port"));

    // Not trusted: an error (and the server says so).
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^TLS handshake with")));
    click(item(QStringLiteral("connectButton")));
    QTRY_VERIFY2(session()->property("stateText").toString().startsWith(QLatin1String("error")),
                 qPrintable(session()->property("stateText").toString()));

    // Accepting an invalid certificate asks first; Cancel leaves it off.
    QObject *page = m_window->property("currentPage").value<QObject *>();
    QObject *dialog = page->findChild<QObject *>(QStringLiteral("invalidCertificateDialog"));
    QVERIFY(dialog);
    QQuickItem *acceptInvalid = item(QStringLiteral("acceptInvalidCertificate"));
    click(acceptInvalid);
    QTRY_VERIFY(dialog->property("opened").toBool());
    QObject *warning = page->findChild<QObject *>(QStringLiteral("invalidCertificateWarning"));
    QVERIFY(warning->property("text").toString().contains(QLatin1String("will not be verified")));
    QVERIFY(!acceptInvalid->property("checked").toBool());
    QMetaObject::invokeMethod(dialog, "reject");
    QTRY_VERIFY(!dialog->property("visible").toBool());
    QVERIFY(!settings->property("acceptInvalidCertificate").toBool());
    QVERIFY(!acceptInvalid->property("checked").toBool());
    click(acceptInvalid);
    QTRY_VERIFY(dialog->property("opened").toBool());
    QMetaObject::invokeMethod(dialog, "accept");
    QTRY_VERIFY(!dialog->property("visible").toBool());
    QVERIFY(settings->property("acceptInvalidCertificate").toBool());
    QVERIFY(acceptInvalid->property("checked").toBool());
    click(item(QStringLiteral("connectButton")));
    QTRY_COMPARE(session()->property("stateText").toString(), QStringLiteral("connected"));
    QCOMPARE(session()->property("tlsInfo").toMap().value(QStringLiteral("verified")),
             QVariant(false));
    click(item(QStringLiteral("connectButton"))); // Disconnect
    QTRY_VERIFY(!session()->property("stateText").toString().startsWith(QLatin1String("conn")));

    // Its certificate as the CA file: verified.
    click(acceptInvalid); // off, without asking
    QVERIFY(!settings->property("acceptInvalidCertificate").toBool());
    click(item(QStringLiteral("caFileField")));
    typeText(server->property("certificatePath").toString());
    QCOMPARE(settings->property("caFile"), server->property("certificatePath"));
    click(item(QStringLiteral("connectButton")));
    QTRY_COMPARE(session()->property("stateText").toString(), QStringLiteral("connected"));
    QCOMPARE(session()->property("tlsInfo").toMap().value(QStringLiteral("verified")),
             QVariant(true));

    // A client certificate and its key.
    const QString data = QStringLiteral(EASYNET_TLS_DATA_DIR);
    click(item(QStringLiteral("certificateFileField")));
    typeText(data + QStringLiteral("/client.pem"));
    click(item(QStringLiteral("keyFileField")));
    typeText(data + QStringLiteral("/client.key"));
    QCOMPARE(settings->property("certificateFile").toString(),
             data + QStringLiteral("/client.pem"));
    QCOMPARE(settings->property("keyFile").toString(), data + QStringLiteral("/client.key"));
    QCOMPARE(settings->property("errorString").toString(), QString());
}

// Event rows in the window's font (the platform's sans), not a fallback serif.
void tst_QmlConsole::eventsInTheWindowsFont()
{
    load();
    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("stateText").toString(), QStringLiteral("connected"));
    QList<QQuickItem *> events;
    QTRY_VERIFY(
        !(events = findItems(m_window->contentItem(), QStringLiteral("logEvent"))).isEmpty());
    const QString windowFamily = QFontInfo(m_window->property("font").value<QFont>()).family();
    for (QQuickItem *event : std::as_const(events)) {
        const QList<QQuickItem *> labels = findItems(event, QStringLiteral("valueLabel"));
        QCOMPARE(labels.size(), 1);
        QCOMPARE(QFontInfo(labels.constFirst()->property("font").value<QFont>()).family(),
                 windowFamily);
    }
}

void tst_QmlConsole::emptyLogKnowsTheFilter()
{
    load();
    QVERIFY(item(QStringLiteral("emptyLog"))
                ->property("text")
                .toString()
                .startsWith(QLatin1String("No packets yet")));
    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("stateText").toString(), QStringLiteral("connected"));
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("emptyLog")).size(), 0);
    click(item(QStringLiteral("logFilter")));
    typeText(QStringLiteral("no such packet"));
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("emptyLog")).size(), 1);
    QCOMPARE(item(QStringLiteral("emptyLog"))->property("text").toString(),
             QStringLiteral("No packets match the filter."));
}

void tst_QmlConsole::countersReadable()
{
    const auto restore = speak(QLocale(QLocale::English, QLocale::UnitedStates));
    load();
    QVariant formatted;
    QObject *page = m_window->property("currentPage").value<QObject *>();
    QMetaObject::invokeMethod(page, "formatBytes", Q_RETURN_ARG(QVariant, formatted),
                              Q_ARG(QVariant, 9427890));
    QCOMPARE(formatted.toString(), QStringLiteral("9.4 MB"));
    QMetaObject::invokeMethod(page, "formatCount", Q_RETURN_ARG(QVariant, formatted),
                              Q_ARG(QVariant, 1234567));
    QCOMPARE(formatted.toString(), QStringLiteral("1,234,567"));
    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("stateText").toString(), QStringLiteral("connected"));
    QVERIFY(QMetaObject::invokeMethod(session(), "send", Q_ARG(QVariant, QVariantList {1})));
    QQuickItem *counters = item(QStringLiteral("countersLabel"));
    QTRY_VERIFY2(
        counters->property("text").toString().contains(QLatin1String("received 1 (4 bytes)")),
        qPrintable(counters->property("text").toString()));
}

void tst_QmlConsole::minimumSizeClipsNothing_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("en") << QLocale(QLocale::English);
    QTest::newRow("de") << QLocale(QLocale::German);
}

// At its minimum size, with every row shown (TLS has three), every control is
// inside the window and as wide as it wants to be.
void tst_QmlConsole::minimumSizeClipsNothing()
{
    QFETCH(QLocale, locale);
    const auto restore = speak(locale);
    load();
    settingsOf(session())->setProperty("transport", 1); // Tls: the third row
    QTest::qWait(200); // the layouts' implicit sizes follow when they are polished
    const QSize minimum(m_window->minimumWidth(), m_window->minimumHeight());
    QVERIFY2(minimum.width() > 300 && minimum.width() <= 1000,
             qPrintable(QString::number(minimum.width())));
    QVERIFY2(minimum.height() > 250 && minimum.height() <= 660,
             qPrintable(QString::number(minimum.height())));
    m_window->resize(minimum);
    QTRY_COMPARE(m_window->size(), minimum);
    QTRY_VERIFY(m_window->contentItem()->childItems().size() > 0);
    QTest::qWait(100); // layouts are polished before the next frame
    if (const QString dir = qEnvironmentVariable("EASYNET_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(m_window->grabWindow().save(
            QStringLiteral("%1/qmlconsole-minimum-%2.png").arg(dir, locale.bcp47Name())));
    const QRectF window(QPointF(0, 0), QSizeF(minimum));
    const QList<QQuickItem *> all = controls(m_window->contentItem());
    QVERIFY(all.size() > 10);
    for (QQuickItem *control : all) {
        const QRectF rect
            = control->mapRectToScene(QRectF(0, 0, control->width(), control->height()));
        const QString name = QStringLiteral("%1 %2 %3")
                                 .arg(QString::fromLatin1(control->metaObject()->className()),
                                      control->objectName(), control->property("text").toString());
        QVERIFY2(window.contains(rect.adjusted(0.5, 0.5, -0.5, -0.5)),
                 qPrintable(name
                            + QStringLiteral(" %1,%2 %3x%4 in %5x%6")
                                  .arg(rect.x())
                                  .arg(rect.y())
                                  .arg(rect.width())
                                  .arg(rect.height())
                                  .arg(window.width())
                                  .arg(window.height())));
        if (!control->inherits("QQuickTextField"))
            QVERIFY2(control->width() + 0.5 >= control->implicitWidth(), qPrintable(name));
    }
}

void tst_QmlConsole::chooseFile(const QString &button, const QString &path)
{
    click(item(button));
    // The dialog's field, in the window's overlay (each tab has its dialog:
    // only the one that opened is visible).
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("sessionFilePath")).size(), 1);
    item(QStringLiteral("sessionFilePath"))->setProperty("text", path);
    click(item(QStringLiteral("sessionFileOk")));
    QTRY_VERIFY(findItems(m_window->contentItem(), QStringLiteral("sessionFilePath")).isEmpty());
}

void tst_QmlConsole::sessionFilesExportAndReplay()
{
    load();
    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("state").toInt(), 2); // Connected
    for (int n = 1; n <= 3; ++n) {
        bool sent = false;
        const QVariant packet = QVariantMap {{QStringLiteral("n"), n}};
        QVERIFY(QMetaObject::invokeMethod(session(), "send", Q_RETURN_ARG(bool, sent),
                                          Q_ARG(QVariant, packet)));
        QVERIFY(sent);
    }
    QTRY_COMPARE(session()->property("packetsReceived").toLongLong(), 3);
    QTemporaryDir dir;
    const auto status = [this] {
        return item(QStringLiteral("sessionFilesStatus"))->property("text").toString();
    };

    const QString capture = dir.filePath(QStringLiteral("session.pcapng"));
    chooseFile(QStringLiteral("pcapngExportButton"), capture);
    QCOMPARE(status(), QStringLiteral("saved %1").arg(capture));
    QFile file(capture);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(4), QByteArray("\x0a\x0d\x0d\x0a")); // a pcapng section header

    const QString recording = dir.filePath(QStringLiteral("session.jsonl"));
    chooseFile(QStringLiteral("exportJsonButton"), recording);
    QVERIFY(QFile::exists(recording));
    click(item(QStringLiteral("replayFastCheck")));
    chooseFile(QStringLiteral("replayButton"), recording);
    QTRY_COMPARE(status(), QStringLiteral("replayed 3 packet(s)"));
    QTRY_COMPARE(session()->property("packetsReceived").toLongLong(), 6);

    chooseFile(QStringLiteral("replayButton"), dir.filePath(QStringLiteral("missing.jsonl")));
    QTRY_VERIFY2(status().startsWith(QLatin1String("cannot read")), qPrintable(status()));
    QCOMPARE(session()->property("packetsSent").toLongLong(), 6);

    // With the original timing the second packet waits a minute: Stop.
    const QString slow = dir.filePath(QStringLiteral("slow.jsonl"));
    QFile out(slow);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(R"({"time":"2026-01-01T10:00:00.000","direction":"sent","raw":"eyJuIjo0fQo="})"
              "\n"
              R"({"time":"2026-01-01T10:01:00.000","direction":"sent","raw":"eyJuIjo1fQo="})"
              "\n");
    out.close();
    click(item(QStringLiteral("replayFastCheck")));
    chooseFile(QStringLiteral("replayButton"), slow);
    QTRY_COMPARE(session()->property("packetsSent").toLongLong(), 7);
    QTRY_VERIFY(findItems(m_window->contentItem(), QStringLiteral("replayStopButton")).size() == 1);
    QVERIFY(item(QStringLiteral("replayProgress")));
    click(item(QStringLiteral("replayStopButton")));
    QTRY_COMPARE(status(), QStringLiteral("stopped after 1 of 2 packet(s)"));
    QVERIFY(findItems(m_window->contentItem(), QStringLiteral("replayStopButton")).isEmpty());
}

namespace {

constexpr int Connected = 2; // ConsoleSession::State
constexpr int Udp = 2; // ConnectionSettings::Transport

} // namespace

// A tab on a TCP echo server and one on a UDP echo server, connected at once:
// what is sent in one is in its log only.
void tst_QmlConsole::tabsKeepTheirConnectionsApart()
{
    load();
    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("state").toInt(), Connected);
    QObject *tcp = session();
    QTest::keyClick(m_window, Qt::Key_T, Qt::ControlModifier);
    QTRY_COMPARE(tabs().size(), 2);
    QTRY_COMPARE(m_window->findChild<QObject *>(QStringLiteral("sessionTabs"))
                     ->property("currentIndex")
                     .toInt(),
                 1);
    QObject *udp = session();
    QVERIFY(udp && udp != tcp);
    QCOMPARE(sessionOfTab(1), udp);
    settingsOf(udp)->setProperty("transport", Udp);
    click(item(QStringLiteral("echoServerButton"))); // the one in view: the new tab's
    QTRY_COMPARE(udp->property("state").toInt(), Connected);
    QCOMPARE(tcp->property("state").toInt(), Connected);
    QCOMPARE(settingsOf(udp)->property("url").toString().left(6), QStringLiteral("udp://"));
    QCOMPARE(settingsOf(tcp)->property("url").toString().left(6), QStringLiteral("tcp://"));

    QQuickItem *input = item(QStringLiteral("composerInput"));
    click(input);
    QTRY_VERIFY(input->hasActiveFocus());
    typeText(QStringLiteral(R"({"over": "udp"})"));
    QTRY_VERIFY(item(QStringLiteral("sendButton"))->isEnabled());
    QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("receivedPacket")).size(), 1);
    QCOMPARE(udp->property("packetsSent").toLongLong(), 1);
    QCOMPARE(tcp->property("packetsSent").toLongLong(), 0);

    // Back in the first tab: its log has none of it, and its packet is its own.
    click(tabs().constFirst());
    QTRY_COMPARE(session(), tcp);
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("receivedPacket")).size(), 0);
    input = item(QStringLiteral("composerInput"));
    click(input);
    QTRY_VERIFY(input->hasActiveFocus());
    typeText(QStringLiteral(R"({"over": "tcp"})"));
    QTRY_VERIFY(item(QStringLiteral("sendButton"))->isEnabled());
    QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
    QList<QQuickItem *> received;
    QTRY_COMPARE(
        (received = findItems(m_window->contentItem(), QStringLiteral("receivedPacket"))).size(),
        1);
    QCOMPARE(received.constFirst()->property("valueText").toString(),
             QStringLiteral(R"({"over":"tcp"})"));
    QCOMPARE(udp->property("packetsSent").toLongLong(), 1);
    QCOMPARE(tcp->property("packetsSent").toLongLong(), 1);
    QTRY_VERIFY2(item(QStringLiteral("countersLabel"))
                     ->property("text")
                     .toString()
                     .contains(QLatin1String("received 1 (")),
                 qPrintable(item(QStringLiteral("countersLabel"))->property("text").toString()));
}

// Closing a tab closes its connection (the peer sees it) and no other; the
// last tab has no close button and Ctrl+W leaves it.
void tst_QmlConsole::closingATabEndsOnlyItsConnection()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost));
    load();
    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("state").toInt(), Connected);
    QObject *first = session();
    QCOMPARE(findItems(m_window->contentItem(), QStringLiteral("closeTabButton")).size(), 0);
    QTest::keyClick(m_window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(tabs().size(), 1);

    // Two more with "+" and Ctrl+T: the second on the test's server.
    click(item(QStringLiteral("newTabButton")));
    QTRY_COMPARE(tabs().size(), 2);
    QTRY_VERIFY(session() != first);
    const QPointer<QObject> second = session();
    QCOMPARE(settingsOf(second)->property("host").toString(), QStringLiteral("127.0.0.1"));
    settingsOf(second)->setProperty("port", peer.serverPort());
    click(item(QStringLiteral("connectButton")));
    QTRY_COMPARE(second->property("state").toInt(), Connected);
    QTRY_VERIFY(peer.hasPendingConnections());
    const std::unique_ptr<QTcpSocket> accepted(peer.nextPendingConnection());
    QTest::keyClick(m_window, Qt::Key_T, Qt::ControlModifier);
    QTRY_COMPARE(tabs().size(), 3);
    QCOMPARE(findItems(m_window->contentItem(), QStringLiteral("closeTabButton")).size(), 3);

    // Ctrl+W closes the current (third) tab; the second's ×, the second.
    QTest::keyClick(m_window, Qt::Key_W, Qt::ControlModifier);
    QTRY_COMPARE(tabs().size(), 2);
    QTRY_COMPARE(session(), second.data());
    click(findItems(tabs().at(1), QStringLiteral("closeTabButton")).value(0));
    QTRY_COMPARE(tabs().size(), 1);
    QTRY_VERIFY(second.isNull());
    QTRY_COMPARE(accepted->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(findItems(m_window->contentItem(), QStringLiteral("closeTabButton")).size(), 0);

    // The first tab's connection goes on.
    QCOMPARE(session(), first);
    QCOMPARE(first->property("state").toInt(), Connected);
    QVERIFY(QMetaObject::invokeMethod(first, "send", Q_ARG(QVariant, QVariantList {1})));
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("receivedPacket")).size(), 1);
}

// The tab's text is "New connection" until the session has a peer, then the
// peer (which stays after a disconnect); its dot and tooltip are the state.
void tst_QmlConsole::tabTitleFollowsTheSession()
{
    load();
    QQuickItem *tab = tabs().value(0);
    QVERIFY(tab);
    QCOMPARE(tab->property("text").toString(), QStringLiteral("New connection"));
    QQuickItem *dot = findItems(tab, QStringLiteral("tabStateDot")).value(0);
    QVERIFY(dot);
    const QColor idle = dot->property("color").value<QColor>();
    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("state").toInt(), Connected);
    const QString peer = session()->property("peer").toString();
    QVERIFY(peer.startsWith(QLatin1String("127.0.0.1:")));
    QCOMPARE(tab->property("text").toString(), peer);
    QCOMPARE(tab->property("stateText").toString(), QStringLiteral("connected")); // its tooltip
    const QColor connected = dot->property("color").value<QColor>();
    QVERIFY(connected != idle);

    QTest::keyClick(m_window, Qt::Key_T, Qt::ControlModifier);
    QTRY_COMPARE(tabs().size(), 2);
    QCOMPARE(tabs().at(1)->property("text").toString(), QStringLiteral("New connection"));

    QVERIFY(QMetaObject::invokeMethod(sessionOfTab(0), "disconnectFromPeer"));
    QTRY_COMPARE(tab->property("stateText").toString(), QStringLiteral("closed"));
    QCOMPARE(tab->property("text").toString(), peer);
    QCOMPARE(dot->property("color").value<QColor>(), idle);
}

// The packet library and the repeat controls: save the composer's packet,
// send it with a double click, repeat it 50 times at 1 ms ({{counter}} on the
// wire: all come back), export and import the library by path, and a packet
// the protocol cannot send is a red row that a double click does not send.
void tst_QmlConsole::libraryAndRepeat()
{
    QFile::remove(packetLibraryFile());
    const auto removeLibrary = qScopeGuard([] { QFile::remove(packetLibraryFile()); });
    load();
    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("state").toInt(), 2); // Connected

    QQuickItem *input = item(QStringLiteral("composerInput"));
    click(input);
    QTRY_VERIFY(input->hasActiveFocus());
    typeText(QStringLiteral(R"({"n": {{counter}}})"));
    QQuickItem *name = item(QStringLiteral("libraryName"));
    click(name);
    QTRY_VERIFY(name->hasActiveFocus());
    typeText(QStringLiteral("counted"));
    click(item(QStringLiteral("librarySave")));
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("libraryPacket")).size(), 1);
    QVERIFY(QFile::exists(packetLibraryFile()));

    // A double click sends it.
    QQuickItem *packet = item(QStringLiteral("libraryPacket"));
    const QPoint center
        = packet->mapToScene(QPointF(packet->width() / 2, packet->height() / 2)).toPoint();
    QTest::mouseDClick(m_window, Qt::LeftButton, {}, center);
    QTRY_COMPARE(session()->property("packetsReceived").toLongLong(), 1);

    // Repeat the composer's packet 50 times at 1 ms.
    item(QStringLiteral("repeatCount"))->setProperty("value", 50);
    item(QStringLiteral("repeatInterval"))->setProperty("value", 1);
    click(item(QStringLiteral("repeatStart")));
    QTRY_VERIFY2_WITH_TIMEOUT(
        item(QStringLiteral("repeatProgress"))
            ->property("text")
            .toString()
            .startsWith(QStringLiteral("sent 50 packet")),
        qPrintable(item(QStringLiteral("repeatProgress"))->property("text").toString()), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(session()->property("packetsReceived").toLongLong(), 51, 60000);
    QCOMPARE(item(QStringLiteral("repeatStart"))->property("text").toString(),
             QStringLiteral("Start"));

    // Export, then import into an empty library: the same packet.
    QTemporaryDir dir;
    const QString exported = dir.filePath(QStringLiteral("library.json"));
    QQuickItem *path = item(QStringLiteral("libraryPath"));
    click(path);
    QTRY_VERIFY(path->hasActiveFocus());
    typeText(exported);
    click(item(QStringLiteral("libraryExport")));
    QTRY_VERIFY(QFile::exists(exported));
    click(item(QStringLiteral("libraryPacket")));
    click(item(QStringLiteral("libraryDelete")));
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("libraryPacket")).size(), 0);
    click(item(QStringLiteral("libraryImport")));
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("libraryPacket")).size(), 1);

    // Load puts it into the composer.
    click(input);
    QTRY_VERIFY(input->hasActiveFocus());
    QTest::keySequence(m_window, QKeySequence::SelectAll);
    typeText(QStringLiteral("[1]"));
    click(item(QStringLiteral("libraryPacket")));
    click(item(QStringLiteral("libraryLoad")));
    QTRY_COMPARE(input->property("text").toString(), QStringLiteral(R"({"n": {{counter}}})"));

    // Under struct:!i a JSON object cannot go: a red row, never sent.
    QString error;
    QMetaObject::invokeMethod(settingsOf(session())->property("protocol").value<QObject *>(),
                              "applySpec", Q_RETURN_ARG(QString, error),
                              Q_ARG(QString, QStringLiteral("struct:!i")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("libraryErrorPacket")).size(),
                 1);
    const qint64 sent = session()->property("packetsSent").toLongLong();
    QQuickItem *bad = item(QStringLiteral("libraryErrorPacket"));
    QTest::mouseDClick(m_window, Qt::LeftButton, {},
                       bad->mapToScene(QPointF(bad->width() / 2, bad->height() / 2)).toPoint());
    QTRY_VERIFY(item(QStringLiteral("libraryStatus"))
                    ->property("text")
                    .toString()
                    .contains(QStringLiteral("not sent")));
    QCOMPARE(session()->property("packetsSent").toLongLong(), sent);
}

void tst_QmlConsole::ruleEditorServes()
{
    load();
    QVERIFY(!QTest::currentTestFailed());
    click(item(QStringLiteral("rulesButton")));
    QTRY_VERIFY(findItems(m_window->contentItem(), QStringLiteral("addRuleButton")).size() == 1);
    QObject *rules = session()->property("rules").value<QObject *>();
    QVERIFY(rules);

    // A new rule: the issue's ping, ready to serve.
    click(item(QStringLiteral("addRuleButton")));
    QTRY_COMPARE(findItems(m_window->contentItem(), QStringLiteral("ruleRow")).size(), 1);
    QQuickItem *pattern = item(QStringLiteral("rulePatternField"));
    QCOMPARE(pattern->property("text").toString(), QStringLiteral("$.cmd == \"ping\""));
    QQuickItem *start = item(QStringLiteral("startRuleServerButton"));
    QVERIFY(start->isEnabled());

    // Typed wrong: the problem shows, and the server cannot start; then right.
    click(pattern);
    QTRY_VERIFY(pattern->hasActiveFocus());
    QTest::keySequence(m_window, QKeySequence::SelectAll);
    typeText(QStringLiteral("$.cmd = \"ping\""));
    QQuickItem *problem = item(QStringLiteral("ruleProblemLabel"));
    QVERIFY(problem);
    QVERIFY2(problem->property("text").toString().contains(QStringLiteral("PATH == VALUE")),
             qPrintable(problem->property("text").toString()));
    QVERIFY(!start->isEnabled());
    QTest::keySequence(m_window, QKeySequence::SelectAll);
    typeText(QStringLiteral("$.cmd == \"ping\""));
    QTRY_VERIFY(start->isEnabled());
    QCOMPARE(findItems(m_window->contentItem(), QStringLiteral("ruleProblemLabel")).size(), 0);

    // Served and connected to; the pong comes back.
    click(start);
    QTRY_COMPARE(session()->property("state").toInt(), 2); // Connected
    const QVariant ping = QVariantMap {{QStringLiteral("cmd"), QStringLiteral("ping")}};
    QVERIFY(QMetaObject::invokeMethod(session(), "send", Q_ARG(QVariant, ping)));
    QList<QQuickItem *> received;
    QTRY_VERIFY(
        (received = findItems(m_window->contentItem(), QStringLiteral("receivedPacket"))).size()
        == 1);
    QCOMPARE(received.constFirst()->property("valueText").toString(),
             QStringLiteral(R"({"pong":1})"));
    if (const QString shots = qEnvironmentVariable("EASYNET_SCREENSHOT_DIR"); !shots.isEmpty())
        QVERIFY(m_window->grabWindow().save(shots + QStringLiteral("/qml-rule-editor.png")));

    // A rule file that does not load says why and changes nothing.
    QTemporaryDir dir;
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"rules": [{"name": "x", "match": "jsonPath", "pattern": "$.a"}]})");
    bad.close();
    QQuickItem *path = item(QStringLiteral("ruleFileField"));
    click(path);
    QTRY_VERIFY(path->hasActiveFocus());
    typeText(bad.fileName());
    click(item(QStringLiteral("loadRulesButton")));
    QTRY_VERIFY(item(QStringLiteral("ruleStatusLabel"))
                    ->property("text")
                    .toString()
                    .contains(QStringLiteral("rule 1 \"x\": a JSON path match is PATH == VALUE")));
    QCOMPARE(rules->property("count").toInt(), 1);
    QCOMPARE(pattern->property("text").toString(), QStringLiteral("$.cmd == \"ping\""));
}

QTEST_MAIN(tst_QmlConsole)

#include "tst_qmlconsole.moc"
