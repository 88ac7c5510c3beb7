// The Widgets console driven through its real widgets, offscreen: for every
// transport the panel is filled by typing, Connect is clicked, a packet is
// typed and sent, and the echo is found in the log; an invalid JSON packet is
// refused inline; a server that closes shows as closed; a malformed packet from
// the peer is a red row and the session goes on; a descriptor sent over a Unix
// socket comes back and is described; the German translation changes a label;
// the window renders to an image of more than one colour; geometry and the
// send history survive a restart; the proxy group follows the transport and
// its type, fills the core's settings, and its password is never saved; the
// wheel changes only a focused box; the window fits 1024x640 in English and
// German; the composer follows the format; errors, plurals, numbers and type
// names read as a person expects; the history is saved at each send; the echo
// server stays out of Recent; a Connect during a disconnect is queued. Tabs:
// two connections at once (TCP and UDP) each with its own log and counters;
// closing a tab (Ctrl+W, its close button) ends its connection alone, the last
// tab stays; Ctrl+T and "+" open tabs; a tab's title and icon follow its
// session; the recent connections are the window's.
#include "composerpanel.h"
#include "connectionpanel.h"
#include "consolesession.h"
#include "consoletranslations.h"
#include "mainwindow.h"
#include "packetdetailview.h"
#include "packetformat.h"
#include "packetlogpanel.h"
#include "parseerrordelegate.h"
#include "proxyprocess.h"
#include "sendhistory.h"
#include "sessionpage.h"
#include "testrows.h"
#include "testsupport.h"
#include "tlsechoserver.h"

#include <EasyNet/jsonserializer.h>

#include <QtCore/QCborMap>
#include <QtCore/QRegularExpression>
#include <QtCore/QSettings>
#include <QtCore/QTemporaryDir>
#include <QtGui/QImage>
#include <QtGui/QWheelEvent>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>
#include <QtWidgets/QAbstractSpinBox>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QTabBar>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QTreeWidget>

#include <memory>

using namespace EasyNet;
using namespace EasyNetConsole;
using EasyNetTest::addRows;
using Transport = ConnectionSettings::Transport;

Q_DECLARE_METATYPE(EasyNetConsole::ConnectionSettings::Transport)

namespace {

// Starts the tab's own echo server and connects to it with the button.
bool connectToOwnEchoServer(SessionPage *page, Transport transport)
{
    if (!page->session()->startEchoServer(transport))
        return false;
    QTest::mouseClick(page->connectionPanel()->connectButton(), Qt::LeftButton);
    return QTest::qWaitFor(
        [page] { return page->session()->state() == ConsoleSession::State::Connected; });
}

// The log row that is a received packet equal to value (as JSON text: a map
// received is an ordered QCborMap), or -1.
int receivedRow(PacketLogModel *log, const QVariant &value)
{
    log->flush();
    for (int row = 0; row < log->rowCount(); ++row) {
        const PacketLogEntry &e = log->entry(row);
        if (e.direction == PacketLogEntry::Direction::Received && !e.isParseError
            && PacketFormat::toJsonText(e.value) == PacketFormat::toJsonText(value))
            return row;
    }
    return -1;
}

// A window, with settings in a temporary file, and its first tab's session.
struct Console
{
    explicit Console(const QString &settingsPath)
        : settings(settingsPath, QSettings::IniFormat)
        , window(std::make_unique<MainWindow>(&settings))
        , page(window->currentPage())
        , session(*page->session())
    {
        window->show();
    }
    bool connectToOwnEchoServer(Transport transport) const
    {
        return ::connectToOwnEchoServer(page, transport);
    }
    template<typename T>
    T *find(const QString &name) const
    {
        T *child = window->findChild<T *>(name);
        if (!child)
            qFatal("no widget %s", qPrintable(name));
        return child;
    }
    int receivedRow(const QVariant &value) const { return ::receivedRow(session.log(), value); }
    void typeIn(const QString &name, const QString &text) const
    {
        auto *edit = find<QLineEdit>(name);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }
    void typePacket(const QString &text) const
    {
        QPlainTextEdit *editor = page->composerPanel()->editor();
        editor->clear();
        QTest::keyClicks(editor, text);
    }
    QString stateText() const { return page->connectionPanel()->stateLabel()->text(); }

    QSettings settings;
    std::unique_ptr<MainWindow> window;
    SessionPage *page;
    ConsoleSession &session;
};

} // namespace

class tst_ConsoleWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void roundTripForEachTransport_data();
    void roundTripForEachTransport();
    void invalidJsonRefusedInline();
    void serverCloseShown();
    void malformedPacketIsRedRowAndSessionGoesOn();
    void descriptorOverUnixShown();
    void germanTranslationChangesLabels();
    void windowRendersMoreThanOneColour();
    void geometryAndHistoryRemembered();
    void echoServerButtonConnects();
    void proxyGroupFollowsTheTransport_data();
    void proxyGroupFollowsTheTransport();
    void proxyTypedIntoTheSettings();
    void connectsThroughARealProxy();
    void wheelChangesOnlyAFocusedBox();
    void fitsASmallScreen_data();
    void fitsASmallScreen();
    void composerFollowsTheFormat();
    void connectionErrorHasItsOwnColour();
    void countersSpeakPluralsAndTheLocale();
    void valueTabNamesTypesAsJsonDoes();
    void historySavedAtEachSend();
    void echoServerStaysOutOfRecent();
    void connectingRowShowsTheNewPeer();
    void connectDuringDisconnectIsQueued();
    void valueTabKeepsOrderWithReadableTypes();
    void tabsKeepTheirConnectionsApart();
    void closingATabEndsOnlyItsConnection();
    void tabTitleFollowsTheSession();
    void recentConnectionsAreTheWindows();

private:
    QString settingsPath() const { return m_dir.filePath(QStringLiteral("console.ini")); }
    QTemporaryDir m_dir;
};

void tst_ConsoleWindow::initTestCase()
{
    // As easynet-console does; English has the plural forms ("1 packet").
    QVERIFY(ConsoleTranslations::install(QStringLiteral("en")));
}

void tst_ConsoleWindow::init()
{
    QFile::remove(settingsPath());
}

void tst_ConsoleWindow::roundTripForEachTransport_data()
{
    addRows<Transport>({"transport"},
                       {{"tcp", Transport::Tcp},
                        {"tls", Transport::Tls},
                        {"udp", Transport::Udp},
                        {"unix stream", Transport::UnixStream},
                        {"unix datagram", Transport::UnixDatagram}});
}

void tst_ConsoleWindow::roundTripForEachTransport()
{
    QFETCH(Transport, transport);
    // The test's own built-in server; the console is told where it is by typing.
    std::unique_ptr<EchoServer> server
        = EchoServer::create(ConsoleSession::echoServerTransport(transport),
                             StreamProtocol(std::make_shared<JsonSerializer>()));
    const bool unix = ConnectionSettings::isUnixTransport(transport);
    QVERIFY(server->listen(unix ? QStringLiteral("@tst-consolewindow-%1").arg(int(transport))
                                : QStringLiteral("127.0.0.1:0")));
    Console console(settingsPath());
    auto *transports = console.find<QComboBox>(QStringLiteral("transport"));
    transports->setCurrentIndex(transports->findData(int(transport)));
    if (unix) {
        console.typeIn(QStringLiteral("unixAddress"), server->address());
    } else {
        console.typeIn(QStringLiteral("host"), QStringLiteral("127.0.0.1"));
        auto *port = console.find<QSpinBox>(QStringLiteral("port"));
        port->selectAll();
        QTest::keyClicks(port, QString::number(server->port()));
    }
    if (transport == Transport::Tls) {
        const QString ca = m_dir.filePath(QStringLiteral("echo-ca.pem"));
        QFile file(ca);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(static_cast<TlsEchoServer *>(server.get())->certificate().toPem());
        file.close();
        console.typeIn(QStringLiteral("caFile"), ca);
    }
    QCOMPARE(console.session.settings()->transport(), transport);
    QPushButton *connectButton = console.page->connectionPanel()->connectButton();
    QVERIFY2(connectButton->isEnabled(), qPrintable(console.session.settings()->errorString()));
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Connected);
    QTRY_VERIFY(console.stateText().contains(QLatin1String("connected")));

    console.typePacket(QStringLiteral("{\"cmd\": \"ping\", \"n\": 7}"));
    QVERIFY(console.page->composerPanel()->sendButton()->isEnabled());
    QVERIFY(console.window->findChild<QLabel *>(QStringLiteral("wirePreview"))
                ->text()
                .contains(QLatin1String("{\"cmd\":\"ping\",\"n\":7}")));
    QTest::mouseClick(console.page->composerPanel()->sendButton(), Qt::LeftButton);
    const QVariant echo = QVariantMap {{"cmd", "ping"}, {"n", qint64(7)}};
    QTRY_VERIFY(console.receivedRow(echo) >= 0);
    // The table shows it too (the filter passes everything by default).
    QTableView *table = console.page->logPanel()->table();
    QTRY_COMPARE(table->model()->rowCount(), console.session.log()->rowCount());
    QTRY_VERIFY(console.page->logPanel()->countersLabel()->text().contains(
        QLatin1String("received 1 packet (")));
    if (transport == Transport::Tls) {
        // The TLS tab: the session and the echo server's certificate, verified.
        QTreeWidget *tls = console.page->detailView()->tlsTree();
        QCOMPARE(tls->topLevelItem(0)->text(0), QStringLiteral("Protocol"));
        QVERIFY(tls->topLevelItem(0)->text(1).startsWith(QLatin1String("TLS 1.")));
        QCOMPARE(tls->topLevelItem(2)->text(1), QStringLiteral("yes"));
        QCOMPARE(tls->topLevelItem(3)->text(0), QStringLiteral("Proxy"));
        QCOMPARE(tls->topLevelItem(3)->text(1), QStringLiteral("none (direct)"));
        QTreeWidgetItem *certificate = tls->topLevelItem(4);
        QVERIFY(certificate->text(1).contains(QLatin1String("localhost")));
        bool sawFingerprint = false;
        for (int i = 0; i < certificate->childCount(); ++i)
            sawFingerprint |= certificate->child(i)->text(1)
                == static_cast<TlsEchoServer *>(server.get())->fingerprint();
        QVERIFY(sawFingerprint);
    }
}

void tst_ConsoleWindow::invalidJsonRefusedInline()
{
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    console.typePacket(QStringLiteral("{\"a\": [1, 2}"));
    QLabel *error = console.page->composerPanel()->errorLabel();
    QVERIFY2(error->text().contains(QLatin1String("JSON syntax error at line 1")),
             qPrintable(error->text()));
    QVERIFY(!console.page->composerPanel()->sendButton()->isEnabled());
    QTest::keyClick(console.page->composerPanel()->editor(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(console.session.packetsSent(), 0);
    // Fixed, it goes.
    console.typePacket(QStringLiteral("{\"a\": [1, 2]}"));
    QVERIFY(error->text().isEmpty());
    QTest::keyClick(console.page->composerPanel()->editor(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(console.session.packetsSent(), 1);
}

void tst_ConsoleWindow::serverCloseShown()
{
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::UnixStream));
    QTRY_COMPARE(console.session.echoServer()->clientCount(), 1);
    console.session.echoServer()->close();
    QTRY_VERIFY2(console.stateText().contains(QLatin1String("closed by the peer")),
                 qPrintable(console.stateText()));
    QVERIFY(console.page->connectionPanel()->connectButton()->isEnabled());
    QVERIFY(!console.page->connectionPanel()->disconnectButton()->isEnabled());
}

void tst_ConsoleWindow::malformedPacketIsRedRowAndSessionGoesOn()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost));
    QTcpSocket *accepted = nullptr;
    connect(&peer, &QTcpServer::newConnection, this, [&] {
        accepted = peer.nextPendingConnection();
        accepted->write("{\"ok\":1}\n{this is not json\n");
    });
    Console console(settingsPath());
    QVERIFY(console.session.settings()->setUrl(
        QStringLiteral("tcp://127.0.0.1:%1").arg(peer.serverPort())));
    QTest::mouseClick(console.page->connectionPanel()->connectButton(), Qt::LeftButton);
    QTRY_COMPARE(console.session.parseErrors(), 1);
    PacketLogModel *log = console.session.log();
    log->flush();
    int errorRow = -1;
    for (int row = 0; row < log->rowCount(); ++row)
        if (log->entry(row).isParseError)
            errorRow = row;
    QVERIFY(errorRow >= 0);
    QVERIFY(log->entry(errorRow).streamWentOn);
    // Red in the table: the delegate paints the row with the error background.
    QTableView *table = console.page->logPanel()->table();
    const QModelIndex index = console.session.filteredLog()->mapFromSource(
        log->index(errorRow, PacketLogModel::ValueColumn));
    QStyleOptionViewItem option;
    struct Probe : ParseErrorDelegate
    {
        using ParseErrorDelegate::initStyleOption;
    } probe;
    probe.initStyleOption(&option, index);
    QCOMPARE(option.backgroundBrush.color(), ParseErrorDelegate::errorBackground());
    // Selected, the details say why and where.
    table->setCurrentIndex(index);
    QVERIFY2(console.page->detailView()->infoView()->toPlainText().contains(
                 QLatin1String("The stream went on.")),
             qPrintable(console.page->detailView()->infoView()->toPlainText()));
    QVERIFY2(QRegularExpression(QStringLiteral("At byte offset \\d+, (1 byte|\\d+ bytes)\n"))
                 .match(console.page->detailView()->infoView()->toPlainText())
                 .hasMatch(),
             qPrintable(console.page->detailView()->infoView()->toPlainText()));
    // The session goes on: a later packet still arrives.
    QCOMPARE(console.session.state(), ConsoleSession::State::Connected);
    accepted->write("{\"after\":2}\n");
    QTRY_VERIFY(console.receivedRow(QVariantMap {{"after", qint64(2)}}) >= 0);
}

void tst_ConsoleWindow::descriptorOverUnixShown()
{
    const QString path = m_dir.filePath(QStringLiteral("shared.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("abc");
    file.close();
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::UnixStream));
    QVERIFY(console.window->findChild<QPushButton *>(QStringLiteral("attachButton"))->isVisible());
    console.session.attachFiles({path}); // what the file picker hands over
    console.typePacket(QStringLiteral("\"with a file\""));
    QTest::mouseClick(console.page->composerPanel()->sendButton(), Qt::LeftButton);
    QTRY_VERIFY(console.receivedRow(QStringLiteral("with a file")) >= 0);
    const int row = console.receivedRow(QStringLiteral("with a file"));
    QTableView *table = console.page->logPanel()->table();
    table->setCurrentIndex(
        console.session.filteredLog()->mapFromSource(console.session.log()->index(row, 0)));
    const QString details = console.page->detailView()->infoView()->toPlainText();
    QVERIFY2(details.contains(QLatin1String("regular file, 3 bytes: ") + path),
             qPrintable(details));
}

void tst_ConsoleWindow::germanTranslationChangesLabels()
{
    QVERIFY(ConsoleTranslations::available().contains(QLatin1String("de")));
    QVERIFY(ConsoleTranslations::install(QStringLiteral("de")));
    {
        Console console(settingsPath());
        QCOMPARE(console.page->connectionPanel()->connectButton()->text(),
                 QStringLiteral("&Verbinden"));
        QCOMPARE(console.window->windowTitle(), QStringLiteral("EasyNet-Konsole"));
        // The core's lists, translated with the core's strings.
        QCOMPARE(console.find<QComboBox>(QStringLiteral("transport"))->itemText(3),
                 QStringLiteral("Unix-Stream"));
        QCOMPARE(console.find<QComboBox>(QStringLiteral("format"))->itemText(7),
                 QStringLiteral("Rohe Bytes"));
        QVERIFY(console.stateText().contains(QLatin1String("nicht verbunden")));
        QCOMPARE(console.session.log()->headerData(PacketLogModel::DirectionColumn, Qt::Horizontal),
                 QVariant(QStringLiteral("Richtung")));
    }
    QVERIFY(ConsoleTranslations::install(QStringLiteral("en")));
    Console english(settingsPath());
    QCOMPARE(english.page->connectionPanel()->connectButton()->text(), QStringLiteral("&Connect"));
    QVERIFY(!ConsoleTranslations::install(QStringLiteral("xx")));
}

void tst_ConsoleWindow::windowRendersMoreThanOneColour()
{
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    const QImage image = console.window->grab().toImage();
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), console.window->size() * image.devicePixelRatio());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 10, qPrintable(QString::number(colours.size())));
}

void tst_ConsoleWindow::geometryAndHistoryRemembered()
{
    {
        Console console(settingsPath());
        QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
        console.typePacket(QStringLiteral("[\"first\"]"));
        QVERIFY(console.page->composerPanel()->send());
        console.typePacket(QStringLiteral("[\"second\"]"));
        QVERIFY(console.page->composerPanel()->send());
        console.window->resize(1111, 777);
        console.window->close(); // saves
    }
    Console again(settingsPath());
    QCOMPARE(again.window->size(), QSize(1111, 777));
    QCOMPARE(again.window->history()->count(), 2);
    QPlainTextEdit *editor = again.page->composerPanel()->editor();
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Up);
    QCOMPARE(editor->toPlainText(), QStringLiteral("[\"second\"]"));
    QTest::keyClick(editor, Qt::Key_Up);
    QCOMPARE(editor->toPlainText(), QStringLiteral("[\"first\"]"));
    QTest::keyClick(editor, Qt::Key_Down);
    QCOMPARE(editor->toPlainText(), QStringLiteral("[\"second\"]"));
}

void tst_ConsoleWindow::echoServerButtonConnects()
{
    Console console(settingsPath());
    auto *transports = console.find<QComboBox>(QStringLiteral("transport"));
    transports->setCurrentIndex(transports->findData(int(Transport::UnixDatagram)));
    QTest::mouseClick(console.find<QPushButton>(QStringLiteral("echoServerButton")),
                      Qt::LeftButton);
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Connected);
    QVERIFY(console.session.echoServer());
    QCOMPARE(console.find<QLineEdit>(QStringLiteral("unixAddress"))->text(),
             console.session.echoServer()->address());
}

void tst_ConsoleWindow::proxyGroupFollowsTheTransport_data()
{
    addRows<Transport, bool>({"transport", "enabled"},
                             {{"tcp", Transport::Tcp, true},
                              {"tls", Transport::Tls, true},
                              {"udp", Transport::Udp, false},
                              {"unix", Transport::UnixStream, false},
                              {"unix-dgram", Transport::UnixDatagram, false}});
}

void tst_ConsoleWindow::proxyGroupFollowsTheTransport()
{
    QFETCH(Transport, transport);
    QFETCH(bool, enabled);
    Console console(settingsPath());
    auto *transports = console.find<QComboBox>(QStringLiteral("transport"));
    transports->setCurrentIndex(transports->findData(int(transport)));
    QCOMPARE(console.session.settings()->transport(), transport);
    QCOMPARE(console.find<QGroupBox>(QStringLiteral("proxy"))->isEnabled(), enabled);
}

void tst_ConsoleWindow::proxyTypedIntoTheSettings()
{
    using ProxyType = ConnectionSettings::ProxyType;
    const QString password = QStringLiteral("Geheimnis4711");
    {
        Console console(settingsPath());
        const ConnectionSettings *settings = console.session.settings();
        QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
        console.session.disconnectFromPeer();
        QTRY_COMPARE(console.session.state(), ConsoleSession::State::Disconnected);
        auto *type = console.find<QComboBox>(QStringLiteral("proxyType"));
        auto *host = console.find<QLineEdit>(QStringLiteral("proxyHost"));
        auto *passwordEdit = console.find<QLineEdit>(QStringLiteral("proxyPassword"));
        QCOMPARE(type->currentData().toInt(), int(ProxyType::System));
        QVERIFY(!host->isEnabled()); // only SOCKS5 and HTTP have a server
        QCOMPARE(passwordEdit->echoMode(), QLineEdit::Password);

        type->setCurrentIndex(type->findData(int(ProxyType::Socks5)));
        QCOMPARE(settings->proxyType(), ProxyType::Socks5);
        QVERIFY(host->isEnabled() && passwordEdit->isEnabled());
        QVERIFY(!console.page->connectionPanel()->connectButton()->isEnabled()); // no host yet
        console.typeIn(QStringLiteral("proxyHost"), QStringLiteral("127.0.0.1"));
        auto *port = console.find<QSpinBox>(QStringLiteral("proxyPort"));
        port->selectAll();
        QTest::keyClicks(port, QStringLiteral("1080"));
        console.typeIn(QStringLiteral("proxyUser"), QStringLiteral("alice"));
        console.typeIn(QStringLiteral("proxyPassword"), password);
        QCOMPARE(settings->proxyHost(), QStringLiteral("127.0.0.1"));
        QCOMPARE(settings->proxyPort(), 1080);
        QCOMPARE(settings->proxyUser(), QStringLiteral("alice"));
        QCOMPARE(settings->proxyPassword(), password);
        QVERIFY2(settings->errorString().isEmpty(), qPrintable(settings->errorString()));
        QVERIFY(console.page->connectionPanel()->connectButton()->isEnabled());

        // And the other way: settings changed elsewhere show in the group.
        QVERIFY(console.session.settings()->setProxyUrl(QStringLiteral("http://h:3128")));
        QCOMPARE(type->currentData().toInt(), int(ProxyType::Http));
        QCOMPARE(host->text(), QStringLiteral("h"));
        QCOMPARE(port->value(), 3128);
        QCOMPARE(passwordEdit->text(), QString());
        console.typeIn(QStringLiteral("proxyPassword"), password);
        console.window->close(); // saves the last connection and the recent ones
    }
    QFile file(settingsPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY2(saved.contains("proxyHost=h"), saved.constData());
    QVERIFY2(!saved.contains(password.toLatin1()), saved.constData());
}

// The proxy group typed in, then a packet through microsocks with
// credentials to the console's own echo server; the state names the proxy.
void tst_ConsoleWindow::connectsThroughARealProxy()
{
    START_PROXY_PROCESS(proxy, EasyNetTest::ProxyProcess::Kind::Socks5, QStringLiteral("alice"),
                        QStringLiteral("secret"));
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    console.session.disconnectFromPeer();
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Disconnected);
    auto *type = console.find<QComboBox>(QStringLiteral("proxyType"));
    type->setCurrentIndex(type->findData(int(ConnectionSettings::ProxyType::Socks5)));
    console.typeIn(QStringLiteral("proxyHost"), proxy.host());
    auto *port = console.find<QSpinBox>(QStringLiteral("proxyPort"));
    port->selectAll();
    QTest::keyClicks(port, QString::number(proxy.port()));
    console.typeIn(QStringLiteral("proxyUser"), QStringLiteral("alice"));
    console.typeIn(QStringLiteral("proxyPassword"), QStringLiteral("secret"));
    QTest::mouseClick(console.page->connectionPanel()->connectButton(), Qt::LeftButton);
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Connected);
    QTRY_VERIFY2(console.stateText().contains(QLatin1String("via SOCKS5 proxy")),
                 qPrintable(console.stateText()));

    console.typePacket(QStringLiteral("{\"through\": \"the proxy\"}"));
    QTest::mouseClick(console.page->composerPanel()->sendButton(), Qt::LeftButton);
    QTRY_VERIFY(console.receivedRow(QVariantMap {{"through", "the proxy"}}) >= 0);
}

namespace {

// A wheel turn over the middle of widget, as the mouse sends it; whether the
// widget took it (an ignored one goes on to the parents, the scroll area).
bool turnWheel(QWidget *widget, int angle)
{
    const QPointF centre = QRectF(widget->rect()).center();
    QWheelEvent event(centre, widget->mapToGlobal(centre), QPoint(), QPoint(0, angle), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
    return event.isAccepted();
}

// The spin box's value or the combo box's index.
int boxValue(QWidget *box)
{
    if (auto *spin = qobject_cast<QSpinBox *>(box))
        return spin->value();
    return qobject_cast<QComboBox *>(box)->currentIndex();
}

// The last log row whose message starts with prefix, or -1.
int eventRow(PacketLogModel *log, const QString &prefix)
{
    log->flush();
    for (int row = log->rowCount() - 1; row >= 0; --row)
        if (log->entry(row).message.startsWith(prefix))
            return row;
    return -1;
}

// How the table's delegate paints a row of the log.
QStyleOptionViewItem rowStyle(const Console &console, int row)
{
    struct Probe : ParseErrorDelegate
    {
        using ParseErrorDelegate::initStyleOption;
    } probe;
    QStyleOptionViewItem option;
    probe.initStyleOption(&option,
                          console.session.filteredLog()->mapFromSource(
                              console.session.log()->index(row, PacketLogModel::ValueColumn)));
    return option;
}

} // namespace

// Scrolling the settings with the wheel must not change the boxes it passes.
void tst_ConsoleWindow::wheelChangesOnlyAFocusedBox()
{
    Console console(settingsPath());
    console.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(console.window.get()));
    QList<QWidget *> boxes;
    for (QSpinBox *box : console.window->findChildren<QSpinBox *>())
        boxes << box;
    for (QComboBox *box : console.window->findChildren<QComboBox *>())
        boxes << box;
    QVERIFY(boxes.size() > 10);
    for (QWidget *box : std::as_const(boxes)) {
        if (!box->isEnabled())
            continue;
        const int before = boxValue(box);
        QVERIFY2(!turnWheel(box, -120), qPrintable(box->objectName()));
        QVERIFY(!turnWheel(box, 120));
        QVERIFY(!turnWheel(box, 120));
        QVERIFY2(boxValue(box) == before, qPrintable(box->objectName()));
        QCOMPARE(box->focusPolicy(), Qt::StrongFocus); // the wheel gives no focus either
    }
    // Focused, the wheel is the box's again.
    auto *port = console.find<QSpinBox>(QStringLiteral("port"));
    port->setValue(100);
    port->setFocus();
    QTRY_VERIFY(port->hasFocus());
    QVERIFY(turnWheel(port, 120));
    QCOMPARE(port->value(), 101);
    QCOMPARE(console.session.settings()->port(), 101);
}

void tst_ConsoleWindow::fitsASmallScreen_data()
{
    addRows<QString>({"language"}, {{"en", QStringLiteral("en")}, {"de", QStringLiteral("de")}});
}

// 1024x640 in either language: nothing forces the window wider or taller,
// Connect is in view, the log takes the height there is, and the Hex tab
// shows the hex and the text side by side.
void tst_ConsoleWindow::fitsASmallScreen()
{
    QFETCH(QString, language);
    QVERIFY(ConsoleTranslations::install(language));
    const auto restore = qScopeGuard([] { ConsoleTranslations::install(QStringLiteral("en")); });
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    QVERIFY(console.session.send(
        QVariantMap {{"id", 42}, {"roles", QVariantList {"admin", "dev"}}, {"user", "ada"}}));
    QTRY_COMPARE(console.session.packetsReceived(), 1);
    MainWindow *window = console.window.get();
    SessionPage *page = console.page;
    window->resize(1024, 640);
    QTRY_COMPARE(window->size(), QSize(1024, 640));
    QVERIFY2(window->minimumSizeHint().width() <= 1024,
             qPrintable(QString::number(window->minimumSizeHint().width())));
    QVERIFY2(window->minimumSizeHint().height() <= 640,
             qPrintable(QString::number(window->minimumSizeHint().height())));
    QPushButton *connect = page->connectionPanel()->connectButton();
    const QRect connectRect(connect->mapTo(window, QPoint()), connect->size());
    QVERIFY2(window->rect().contains(connectRect), qPrintable(language));
    QVERIFY(!connect->visibleRegion().isEmpty());

    QTableView *table = page->logPanel()->table();
    const int logHeight = table->height();
    const int composerHeight = page->composerPanel()->height();
    window->resize(1024, 900);
    QTRY_COMPARE(window->size(), QSize(1024, 900));
    QTRY_VERIFY2(table->height() - logHeight >= 240,
                 qPrintable(QStringLiteral("%1 -> %2").arg(logHeight).arg(table->height())));
    QCOMPARE(page->composerPanel()->height(), composerHeight);
    // At the smallest height there is, the log still shows its rows.
    window->resize(1024, window->minimumSizeHint().height());
    QTRY_COMPARE(window->height(), window->minimumSizeHint().height());
    QTRY_VERIFY2(table->viewport()->height()
                     >= PacketLogPanel::MinimumRows * table->verticalHeader()->defaultSectionSize(),
                 qPrintable(QString::number(table->viewport()->height())));
    window->resize(1024, 640);
    QTRY_COMPARE(window->size(), QSize(1024, 640));

    // The received packet's 47 bytes: every line's text in view, beside its hex.
    const int row = console.receivedRow(QVariantMap {
        {"id", qint64(42)}, {"roles", QVariantList {"admin", "dev"}}, {"user", "ada"}});
    QVERIFY(row >= 0);
    table->setCurrentIndex(
        console.session.filteredLog()->mapFromSource(console.session.log()->index(row, 0)));
    QPlainTextEdit *hex = page->detailView()->hexView();
    page->detailView()->setCurrentWidget(hex);
    if (const QString dir = qEnvironmentVariable("EASYNET_SCREENSHOT_DIR"); !dir.isEmpty())
        window->grab().save(QStringLiteral("%1/console-1024x640-%2.png").arg(dir, language));
    QTRY_VERIFY2(hex->toPlainText().startsWith(QLatin1String("00000000  7b 22 69 64 22 3a 34 32")),
                 qPrintable(hex->toPlainText()));
    QVERIFY2(
        hex->toPlainText().section(QLatin1Char('\n'), 0, 0).endsWith(QLatin1String("{\"id\":42")),
        qPrintable(hex->toPlainText()));
    const QStringList lines = hex->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 3);
    for (const QString &line : lines)
        QVERIFY2(hex->fontMetrics().horizontalAdvance(line) <= hex->viewport()->width(),
                 qPrintable(line));
}

// Line is a text format: the composer switches to text, and PING is a packet.
void tst_ConsoleWindow::composerFollowsTheFormat()
{
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    auto *formats = console.find<QComboBox>(QStringLiteral("format"));
    auto *mode = console.find<QComboBox>(QStringLiteral("composerMode"));
    QCOMPARE(mode->currentData().toInt(), int(Composer::Mode::Json));
    formats->setCurrentIndex(formats->findData(int(ProtocolSettings::Format::Line)));
    QCOMPARE(mode->currentData().toInt(), int(Composer::Mode::Text));
    console.typePacket(QStringLiteral("PING"));
    QVERIFY2(console.page->composerPanel()->errorLabel()->text().isEmpty(),
             qPrintable(console.page->composerPanel()->errorLabel()->text()));
    QVERIFY(console.page->composerPanel()->sendButton()->isEnabled());
    formats->setCurrentIndex(formats->findData(int(ProtocolSettings::Format::Cbor)));
    QCOMPARE(mode->currentData().toInt(), int(Composer::Mode::Json));
    // A mode the user chose stays, whatever the format.
    mode->setCurrentIndex(mode->findData(int(Composer::Mode::Hex)));
    QCOMPARE(console.session.composer()->mode(), Composer::Mode::Hex);
    formats->setCurrentIndex(formats->findData(int(ProtocolSettings::Format::Raw)));
    QCOMPARE(mode->currentData().toInt(), int(Composer::Mode::Hex));
}

void tst_ConsoleWindow::connectionErrorHasItsOwnColour()
{
    quint16 closedPort = 0;
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        closedPort = server.serverPort();
    }
    Console console(settingsPath());
    QVERIFY(
        console.session.settings()->setUrl(QStringLiteral("tcp://127.0.0.1:%1").arg(closedPort)));
    QTest::mouseClick(console.page->connectionPanel()->connectButton(), Qt::LeftButton);
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Error);
    const int error = eventRow(console.session.log(), QStringLiteral("error: "));
    const int connecting = eventRow(console.session.log(), QStringLiteral("connecting to "));
    QVERIFY(error >= 0 && connecting >= 0);
    QCOMPARE(console.session.log()->data(
                 console.session.log()->index(error, PacketLogModel::DirectionColumn)),
             QVariant(QStringLiteral("error")));
    const QColor errorColour = rowStyle(console, error).palette.color(QPalette::Text);
    const QColor eventColour = rowStyle(console, connecting).palette.color(QPalette::Text);
    QCOMPARE(errorColour, ParseErrorDelegate::errorText());
    QVERIFY(eventColour != errorColour);
}

void tst_ConsoleWindow::countersSpeakPluralsAndTheLocale()
{
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    QVERIFY(console.session.send(QVariantList {1}));
    QTRY_COMPARE(console.session.packetsReceived(), 1);
    QLabel *counters = console.page->logPanel()->countersLabel();
    QTRY_VERIFY2(counters->text().contains(QLatin1String("received 1 packet (4 bytes)")),
                 qPrintable(counters->text()));
    QVERIFY2(counters->text().contains(QLatin1String("Sent 1 packet (4 bytes)")),
             qPrintable(counters->text()));
    QVERIFY2(counters->text().contains(QLatin1String("0 parse errors")),
             qPrintable(counters->text()));
    QVERIFY(console.session.send(QVariantList {2}));
    QTRY_VERIFY2(counters->text().contains(QLatin1String("received 2 packets (8 bytes)")),
                 qPrintable(counters->text()));
    QVERIFY(QRegularExpression(QStringLiteral("round trip \\d+\\.\\d\\d ms"))
                .match(counters->text())
                .hasMatch());

    // German: the plural forms and the decimal comma.
    const QLocale english;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QVERIFY(ConsoleTranslations::install(QStringLiteral("de")));
    const auto restore = qScopeGuard([&english] {
        QLocale::setDefault(english);
        ConsoleTranslations::install(QStringLiteral("en"));
    });
    QVERIFY(console.session.send(QVariantList {3}));
    QTRY_COMPARE(console.session.packetsReceived(), 3);
    QTRY_VERIFY2(counters->text().contains(QLatin1String("3 Pakete")),
                 qPrintable(counters->text()));
    QVERIFY2(
        QRegularExpression(QStringLiteral("\\d+,\\d\\d ms")).match(counters->text()).hasMatch(),
        qPrintable(counters->text()));
}

void tst_ConsoleWindow::valueTabNamesTypesAsJsonDoes()
{
    Console console(settingsPath());
    PacketLogEntry entry;
    entry.direction = PacketLogEntry::Direction::Received;
    entry.value = QVariantMap {{"cmd", "ping"},
                               {"n", qint64(7)},
                               {"pi", 3.5},
                               {"ok", true},
                               {"none", QVariant::fromValue(nullptr)},
                               {"list", QVariantList {}}};
    console.session.log()->append(entry);
    // An object as an ordered CBOR map (its keys in reverse order, as typed).
    entry.value = QVariant::fromValue(
        QCborMap {{QStringLiteral("zeta"), 1}, {QStringLiteral("alpha"), QCborArray {2}}});
    console.session.log()->append(entry);
    console.session.log()->flush();
    const int rows = console.session.log()->rowCount();
    PacketDetailView *detail = console.page->detailView();
    detail->showRow(rows - 2);
    QTreeWidgetItem *value = detail->valueTree()->topLevelItem(0)->child(0);
    QCOMPARE(value->text(2), QStringLiteral("object"));
    QMap<QString, QString> types;
    for (int i = 0; i < value->childCount(); ++i)
        types.insert(value->child(i)->text(0), value->child(i)->text(2));
    const QMap<QString, QString> expected {{"cmd", "text"},   {"n", "integer"}, {"pi", "number"},
                                           {"ok", "boolean"}, {"none", "null"}, {"list", "array"}};
    QCOMPARE(types, expected);

    detail->showRow(rows - 1);
    value = detail->valueTree()->topLevelItem(0)->child(0);
    QCOMPARE(value->text(2), QStringLiteral("object"));
    QCOMPARE(value->childCount(), 2);
    QCOMPARE(value->child(0)->text(0), QStringLiteral("zeta"));
    QCOMPARE(value->child(0)->text(2), QStringLiteral("integer"));
    QCOMPARE(value->child(1)->text(0), QStringLiteral("alpha"));
    QCOMPARE(value->child(1)->text(2), QStringLiteral("array"));
    QCOMPARE(value->child(1)->child(0)->text(1), QStringLiteral("2"));
}

// A console that does not quit cleanly keeps what was sent.
void tst_ConsoleWindow::historySavedAtEachSend()
{
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    console.typePacket(QStringLiteral("[\"kept\"]"));
    QVERIFY(console.page->composerPanel()->send());
    QSettings other(settingsPath(), QSettings::IniFormat);
    other.beginGroup(QStringLiteral("composer"));
    SendHistory history;
    history.load(other);
    QCOMPARE(history.count(), 1);
    QCOMPARE(history.entries().constFirst().text, QStringLiteral("[\"kept\"]"));
}

// The echo server's port is new each run: a connection to it is not recent.
void tst_ConsoleWindow::echoServerStaysOutOfRecent()
{
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    QVERIFY(console.page->connectionPanel()->recentUrls().isEmpty());
    console.session.disconnectFromPeer();
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Disconnected);
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost));
    const QString url = QStringLiteral("tcp://127.0.0.1:%1").arg(peer.serverPort());
    QVERIFY(console.session.settings()->setUrl(url));
    QTest::mouseClick(console.page->connectionPanel()->connectButton(), Qt::LeftButton);
    QCOMPARE(console.page->connectionPanel()->recentUrls(), QStringList {url});
}

void tst_ConsoleWindow::connectingRowShowsTheNewPeer()
{
    Console console(settingsPath());
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    console.session.disconnectFromPeer();
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Disconnected);
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost));
    QVERIFY(console.session.settings()->setUrl(
        QStringLiteral("tcp://127.0.0.1:%1").arg(peer.serverPort())));
    QTest::mouseClick(console.page->connectionPanel()->connectButton(), Qt::LeftButton);
    const int row = eventRow(console.session.log(), QStringLiteral("connecting to "));
    QVERIFY(row >= 0);
    QCOMPARE(console.session.log()->entry(row).peer,
             QStringLiteral("127.0.0.1:%1").arg(peer.serverPort()));
}

// A peer that never closes its side keeps the disconnect waiting; Ctrl+O
// meanwhile is not lost: the console says it will connect, and does.
void tst_ConsoleWindow::connectDuringDisconnectIsQueued()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost));
    int accepted = 0;
    connect(&peer, &QTcpServer::newConnection, this, [&] {
        while (peer.nextPendingConnection())
            ++accepted; // kept open (children of the server)
    });
    Console console(settingsPath());
    QVERIFY(console.session.settings()->setUrl(
        QStringLiteral("tcp://127.0.0.1:%1").arg(peer.serverPort())));
    console.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(console.window.get()));
    QTest::mouseClick(console.page->connectionPanel()->connectButton(), Qt::LeftButton);
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Connected);
    QTest::mouseClick(console.page->connectionPanel()->disconnectButton(), Qt::LeftButton);
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Closing);
    QTest::keyClick(console.window.get(), Qt::Key_O, Qt::ControlModifier);
    QVERIFY2(console.stateText().contains(QLatin1String("then connecting again")),
             qPrintable(console.stateText()));
    QVERIFY(eventRow(console.session.log(), QStringLiteral("connecting once")) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(console.session.state(), ConsoleSession::State::Connected, 10000);
    QTRY_COMPARE(accepted, 2);
}

// A received ordered map (a QCborMap, as the console reads JSON) shows its keys
// as they came, with readable type names.
void tst_ConsoleWindow::valueTabKeepsOrderWithReadableTypes()
{
    Console console(settingsPath());
    ParseError error;
    PacketLogEntry entry;
    entry.direction = PacketLogEntry::Direction::Received;
    entry.value = JsonSerializer::fromJson(R"({"zeta":1,"mid":{"y":true},"a":[2.5,"s",null]})",
                                           error, MapForm::OrderedCborMap);
    QVERIFY(!error.isError());
    console.session.log()->append(std::move(entry));
    console.session.log()->flush();
    console.page->detailView()->showRow(console.session.log()->rowCount() - 1);
    QTreeWidgetItem *value = console.page->detailView()->valueTree()->topLevelItem(0)->child(0);
    QCOMPARE(value->text(2), QStringLiteral("object"));
    const auto column = [](QTreeWidgetItem *item, int index) {
        QStringList texts;
        for (int i = 0; i < item->childCount(); ++i)
            texts << item->child(i)->text(index);
        return texts;
    };
    QCOMPARE(column(value, 0),
             (QStringList {QStringLiteral("zeta"), QStringLiteral("mid"), QStringLiteral("a")}));
    QCOMPARE(column(value, 2),
             (QStringList {QStringLiteral("integer"), QStringLiteral("object"),
                           QStringLiteral("array")}));
    QCOMPARE(
        column(value->child(2), 2),
        (QStringList {QStringLiteral("number"), QStringLiteral("text"), QStringLiteral("null")}));
}

namespace {

void typePacketIn(SessionPage *page, const QString &text)
{
    QPlainTextEdit *editor = page->composerPanel()->editor();
    editor->clear();
    QTest::keyClicks(editor, text);
}

// The rows of a log that are packets (sent or received), not events.
int packetRows(PacketLogModel *log)
{
    log->flush();
    int rows = 0;
    for (int row = 0; row < log->rowCount(); ++row)
        rows += log->entry(row).direction != PacketLogEntry::Direction::Event;
    return rows;
}

} // namespace

// A tab on a TCP echo server and one on a UDP echo server, connected at once:
// what is sent in one is in its log and counters only.
void tst_ConsoleWindow::tabsKeepTheirConnectionsApart()
{
    Console console(settingsPath());
    console.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(console.window.get()));
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    QTest::keyClick(console.window.get(), Qt::Key_T, Qt::ControlModifier);
    QTabWidget *tabs = console.window->tabs();
    QCOMPARE(tabs->count(), 2);
    SessionPage *udp = console.window->currentPage();
    QCOMPARE(tabs->currentIndex(), 1);
    QVERIFY(udp != console.page && udp->session() != &console.session);
    QCOMPARE(udp->session()->settings()->transport(), Transport::Tcp); // a fresh tab's default
    auto *transports = udp->findChild<QComboBox *>(QStringLiteral("transport"));
    transports->setCurrentIndex(transports->findData(int(Transport::Udp)));
    QVERIFY(connectToOwnEchoServer(udp, Transport::Udp));
    QCOMPARE(console.session.state(), ConsoleSession::State::Connected);
    QVERIFY(udp->session()->echoServer() != console.session.echoServer());

    typePacketIn(udp, QStringLiteral("{\"over\": \"udp\"}"));
    QTest::keyClick(udp->composerPanel()->editor(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(receivedRow(udp->session()->log(), QVariantMap {{"over", "udp"}}) >= 0);
    QCOMPARE(packetRows(udp->session()->log()), 2);
    QCOMPARE(packetRows(console.session.log()), 0);
    QCOMPARE(console.session.packetsSent(), 0);
    // The status bar shows the current tab's counters.
    QLabel *udpCounters = udp->logPanel()->countersLabel();
    QLabel *tcpCounters = console.page->logPanel()->countersLabel();
    QTRY_VERIFY2(udpCounters->text().contains(QLatin1String("received 1 packet (")),
                 qPrintable(udpCounters->text()));
    QVERIFY(udpCounters->isVisible() && !tcpCounters->isVisible());

    tabs->setCurrentIndex(0);
    QVERIFY(tcpCounters->isVisible() && !udpCounters->isVisible());
    console.typePacket(QStringLiteral("{\"over\": \"tcp\"}"));
    QTest::keyClick(console.window.get(), Qt::Key_Return, Qt::ControlModifier); // the menu's Send
    QTRY_VERIFY(console.receivedRow(QVariantMap {{"over", "tcp"}}) >= 0);
    QCOMPARE(console.receivedRow(QVariantMap {{"over", "udp"}}), -1);
    QCOMPARE(receivedRow(udp->session()->log(), QVariantMap {{"over", "tcp"}}), -1);
    QCOMPARE(udp->session()->packetsSent(), 1);
    QTRY_VERIFY2(tcpCounters->text().contains(QLatin1String("received 1 packet (")),
                 qPrintable(tcpCounters->text()));
}

// Closing a tab closes its connection (the peer sees it) and no other; the
// last tab has no close button and stays.
void tst_ConsoleWindow::closingATabEndsOnlyItsConnection()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost));
    Console console(settingsPath());
    console.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(console.window.get()));
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    QTabWidget *tabs = console.window->tabs();
    QVERIFY(!tabs->tabsClosable());
    QTest::keyClick(console.window.get(), Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(tabs->count(), 1);
    QVERIFY(!console.window->closeTab(0));

    // Two more: one on the test's server, one never connected.
    QTest::mouseClick(console.find<QToolButton>(QStringLiteral("newTabButton")), Qt::LeftButton);
    SessionPage *second = console.window->currentPage();
    QVERIFY(second->session()->settings()->setUrl(
        QStringLiteral("tcp://127.0.0.1:%1").arg(peer.serverPort())));
    QTest::mouseClick(second->connectionPanel()->connectButton(), Qt::LeftButton);
    QTRY_COMPARE(second->session()->state(), ConsoleSession::State::Connected);
    QTRY_VERIFY(peer.hasPendingConnections());
    const std::unique_ptr<QTcpSocket> accepted(peer.nextPendingConnection());
    QTest::keyClick(console.window.get(), Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(tabs->count(), 3);
    QVERIFY(tabs->tabsClosable());

    // Ctrl+W closes the current (third) tab; the second's close button, its own.
    QTest::keyClick(console.window.get(), Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(tabs->count(), 2);
    QCOMPARE(console.window->currentPage(), second);
    const QPointer<ConsoleSession> secondSession = second->session();
    QWidget *closeButton = tabs->tabBar()->tabButton(1, QTabBar::RightSide);
    QVERIFY(closeButton);
    QTest::mouseClick(closeButton, Qt::LeftButton);
    QCOMPARE(tabs->count(), 1);
    QVERIFY(secondSession.isNull());
    QTRY_COMPARE(accepted->state(), QAbstractSocket::UnconnectedState);
    QVERIFY(!tabs->tabsClosable());

    // The first tab's connection goes on.
    QCOMPARE(console.window->currentPage(), console.page);
    QCOMPARE(console.session.state(), ConsoleSession::State::Connected);
    QVERIFY(console.session.send(QVariantList {"still here"}));
    QTRY_VERIFY(console.receivedRow(QVariantList {"still here"}) >= 0);
    QVERIFY(console.page->logPanel()->countersLabel()->isVisible());
}

// The title is "New connection" until the session has a peer, then the peer,
// which stays after a disconnect; the tooltip is the state, as is the icon.
void tst_ConsoleWindow::tabTitleFollowsTheSession()
{
    Console console(settingsPath());
    QTabWidget *tabs = console.window->tabs();
    QCOMPARE(tabs->tabText(0), QStringLiteral("New connection"));
    QCOMPARE(tabs->tabToolTip(0), QStringLiteral("not connected"));
    const QImage idle = tabs->tabIcon(0).pixmap(12).toImage();
    QVERIFY(console.connectToOwnEchoServer(Transport::Tcp));
    const QString peer = QStringLiteral("127.0.0.1:%1").arg(console.session.echoServer()->port());
    QCOMPARE(console.session.peer(), peer);
    QCOMPARE(tabs->tabText(0), peer);
    QCOMPARE(tabs->tabToolTip(0), QStringLiteral("connected"));
    const QImage connected = tabs->tabIcon(0).pixmap(12).toImage();
    QVERIFY(connected != idle);

    console.window->newTab();
    QCOMPARE(tabs->tabText(1), QStringLiteral("New connection"));
    QCOMPARE(tabs->tabText(0), peer);

    console.session.disconnectFromPeer();
    QTRY_COMPARE(tabs->tabToolTip(0), QStringLiteral("closed"));
    QCOMPARE(tabs->tabText(0), peer);
    QCOMPARE(tabs->tabIcon(0).pixmap(12).toImage(), idle);
}

// A connection made in one tab is offered in every tab's Recent, and saved once.
void tst_ConsoleWindow::recentConnectionsAreTheWindows()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost));
    const QString url = QStringLiteral("tcp://127.0.0.1:%1").arg(peer.serverPort());
    {
        Console console(settingsPath());
        SessionPage *second = console.window->newTab();
        QVERIFY(second->session()->settings()->setUrl(url));
        QTest::mouseClick(second->connectionPanel()->connectButton(), Qt::LeftButton);
        QCOMPARE(console.page->connectionPanel()->recentUrls(), QStringList {url});
        QCOMPARE(console.window->newTab()->connectionPanel()->recentUrls(), QStringList {url});
        console.window->close(); // saves
    }
    Console again(settingsPath());
    QCOMPARE(again.window->tabs()->count(), 1);
    QCOMPARE(again.page->connectionPanel()->recentUrls(), QStringList {url});
}

QTEST_MAIN(tst_ConsoleWindow)
#include "tst_consolewindow.moc"
