// The QML console (qml/console) as a user drives it: real clicks and keys on
// the offscreen window, found by objectName. With EASYNET_SCREENSHOT=<file.png>
// the window is saved there after a few packets (qml/console/screenshot.sh).
#include "qmlconsoletranslations.h"

#include <QtCore/QRegularExpression>
#include <QtGui/QGuiApplication>
#include <QtGui/QImage>
#include <QtGui/QPalette>
#include <QtQml/QQmlApplicationEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>
#include <QtTest/QtTest>

#include <functional>
#include <memory>

Q_IMPORT_QML_PLUGIN(EasyNetQmlConsolePlugin)

namespace {

// Every visible item under root named objectName, depth first.
QList<QQuickItem *> findItems(QQuickItem *root, const QString &objectName)
{
    QList<QQuickItem *> found;
    const std::function<void(QQuickItem *)> visit = [&](QQuickItem *item) {
        if (!item->isVisible())
            return;
        if (item->objectName() == objectName)
            found.append(item);
        for (QQuickItem *child : item->childItems())
            visit(child);
    };
    visit(root);
    return found;
}

} // namespace

class tst_QmlConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void echoesThroughItsEchoServer();
    void jsonSyntaxErrorIsShownAndNotSent();
    void followsTheSystemPalette();
    void speaksGerman();

private:
    void load();
    QQuickItem *item(const QString &objectName);
    void click(QQuickItem *target);
    // Types text into the focused item (QTest::keyClicks is for widgets only).
    void typeText(const QString &text);
    QObject *session() const { return m_window->property("session").value<QObject *>(); }

    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
};

void tst_QmlConsole::initTestCase()
{
    QQuickStyle::setStyle(QStringLiteral("Fusion")); // as easynet-qmlconsole does
}

void tst_QmlConsole::init()
{
    // A QML error, a binding loop, an unknown property: any warning fails.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

void tst_QmlConsole::cleanup()
{
    m_engine.reset();
    m_window = nullptr;
}

void tst_QmlConsole::load()
{
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImportPath(QStringLiteral(EASYNET_QML_BUILD_DIR));
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

void tst_QmlConsole::echoesThroughItsEchoServer()
{
    load();
    QVERIFY(!QTest::currentTestFailed());
    QCOMPARE(findItems(m_window->contentItem(), QStringLiteral("receivedPacket")).size(), 0);

    click(item(QStringLiteral("echoServerButton")));
    QTRY_COMPARE(session()->property("stateText").toString(), QStringLiteral("connected"));
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
    QTRY_VERIFY2(counters->property("text").toString().contains(QStringLiteral("received 3 ")),
                 qPrintable(counters->property("text").toString()));

    // A picture of it: real pixels, not a blank window.
    const QImage image = m_window->grabWindow();
    QVERIFY(!image.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, "the window looks blank");
    if (const QString path = qEnvironmentVariable("EASYNET_SCREENSHOT"); !path.isEmpty())
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

QTEST_MAIN(tst_QmlConsole)

#include "tst_qmlconsole.moc"
