// The Widgets console driven through its real widgets, offscreen: for every
// transport the panel is filled by typing, Connect is clicked, a packet is
// typed and sent, and the echo is found in the log; an invalid JSON packet is
// refused inline; a server that closes shows as closed; a malformed packet from
// the peer is a red row and the session goes on; a descriptor sent over a Unix
// socket comes back and is described; the German translation changes a label;
// the window renders to an image of more than one colour; geometry and the
// send history survive a restart; the proxy group follows the transport and
// its type, fills the core's settings, and its password is never saved.
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
#include "testrows.h"
#include "testsupport.h"
#include "tlsechoserver.h"

#include <EasyNet/jsonserializer.h>

#include <QtCore/QSettings>
#include <QtCore/QTemporaryDir>
#include <QtGui/QImage>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QTableView>
#include <QtWidgets/QTreeWidget>

#include <memory>

using namespace EasyNet;
using namespace EasyNetConsole;
using EasyNetTest::addRows;
using Transport = ConnectionSettings::Transport;

Q_DECLARE_METATYPE(EasyNetConsole::ConnectionSettings::Transport)

namespace {

// A window over its own session, with settings in a temporary file.
struct Console
{
    explicit Console(const QString &settingsPath)
        : settings(settingsPath, QSettings::IniFormat)
        , window(std::make_unique<MainWindow>(&session, &settings))
    {
        window->show();
    }
    // Starts the session's own echo server and connects to it with the button.
    bool connectToOwnEchoServer(Transport transport)
    {
        if (!session.startEchoServer(transport))
            return false;
        QTest::mouseClick(window->connectionPanel()->connectButton(), Qt::LeftButton);
        return QTest::qWaitFor(
            [this] { return session.state() == ConsoleSession::State::Connected; });
    }
    template<typename T>
    T *find(const QString &name) const
    {
        T *child = window->findChild<T *>(name);
        if (!child)
            qFatal("no widget %s", qPrintable(name));
        return child;
    }
    // The log row that is a received packet equal to value (as JSON text: a
    // map received is an ordered QCborMap), or -1.
    int receivedRow(const QVariant &value) const
    {
        PacketLogModel *log = session.log();
        log->flush();
        for (int row = 0; row < log->rowCount(); ++row) {
            const PacketLogEntry &e = log->entry(row);
            if (e.direction == PacketLogEntry::Direction::Received && !e.isParseError
                && PacketFormat::toJsonText(e.value) == PacketFormat::toJsonText(value))
                return row;
        }
        return -1;
    }
    void typeIn(const QString &name, const QString &text) const
    {
        auto *edit = find<QLineEdit>(name);
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QTest::keyClicks(edit, text);
    }
    void typePacket(const QString &text) const
    {
        QPlainTextEdit *editor = window->composerPanel()->editor();
        editor->clear();
        QTest::keyClicks(editor, text);
    }
    QString stateText() const { return window->connectionPanel()->stateLabel()->text(); }

    ConsoleSession session;
    QSettings settings;
    std::unique_ptr<MainWindow> window;
};

} // namespace

class tst_ConsoleWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
    void valueTabKeepsOrderWithReadableTypes();

private:
    QString settingsPath() const { return m_dir.filePath(QStringLiteral("console.ini")); }
    QTemporaryDir m_dir;
};

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
    QPushButton *connectButton = console.window->connectionPanel()->connectButton();
    QVERIFY2(connectButton->isEnabled(), qPrintable(console.session.settings()->errorString()));
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Connected);
    QTRY_VERIFY(console.stateText().contains(QLatin1String("connected")));

    console.typePacket(QStringLiteral("{\"cmd\": \"ping\", \"n\": 7}"));
    QVERIFY(console.window->composerPanel()->sendButton()->isEnabled());
    QVERIFY(console.window->findChild<QLabel *>(QStringLiteral("wirePreview"))
                ->text()
                .contains(QLatin1String("{\"cmd\":\"ping\",\"n\":7}")));
    QTest::mouseClick(console.window->composerPanel()->sendButton(), Qt::LeftButton);
    const QVariant echo = QVariantMap {{"cmd", "ping"}, {"n", qint64(7)}};
    QTRY_VERIFY(console.receivedRow(echo) >= 0);
    // The table shows it too (the filter passes everything by default).
    QTableView *table = console.window->logPanel()->table();
    QTRY_COMPARE(table->model()->rowCount(), console.session.log()->rowCount());
    QTRY_VERIFY(console.window->logPanel()->countersLabel()->text().contains(
        QLatin1String("received 1 packets")));
    if (transport == Transport::Tls) {
        // The TLS tab: the session and the echo server's certificate, verified.
        QTreeWidget *tls = console.window->detailView()->tlsTree();
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
    QLabel *error = console.window->composerPanel()->errorLabel();
    QVERIFY2(error->text().contains(QLatin1String("JSON syntax error at line 1")),
             qPrintable(error->text()));
    QVERIFY(!console.window->composerPanel()->sendButton()->isEnabled());
    QTest::keyClick(console.window->composerPanel()->editor(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(console.session.packetsSent(), 0);
    // Fixed, it goes.
    console.typePacket(QStringLiteral("{\"a\": [1, 2]}"));
    QVERIFY(error->text().isEmpty());
    QTest::keyClick(console.window->composerPanel()->editor(), Qt::Key_Return, Qt::ControlModifier);
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
    QVERIFY(console.window->connectionPanel()->connectButton()->isEnabled());
    QVERIFY(!console.window->connectionPanel()->disconnectButton()->isEnabled());
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
    QTest::mouseClick(console.window->connectionPanel()->connectButton(), Qt::LeftButton);
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
    QTableView *table = console.window->logPanel()->table();
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
    QVERIFY2(console.window->detailView()->infoView()->toPlainText().contains(
                 QLatin1String("The stream went on.")),
             qPrintable(console.window->detailView()->infoView()->toPlainText()));
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
    QTest::mouseClick(console.window->composerPanel()->sendButton(), Qt::LeftButton);
    QTRY_VERIFY(console.receivedRow(QStringLiteral("with a file")) >= 0);
    const int row = console.receivedRow(QStringLiteral("with a file"));
    QTableView *table = console.window->logPanel()->table();
    table->setCurrentIndex(
        console.session.filteredLog()->mapFromSource(console.session.log()->index(row, 0)));
    const QString details = console.window->detailView()->infoView()->toPlainText();
    QVERIFY2(details.contains(QLatin1String("regular file, 3 bytes: ") + path),
             qPrintable(details));
}

void tst_ConsoleWindow::germanTranslationChangesLabels()
{
    QVERIFY(ConsoleTranslations::available().contains(QLatin1String("de")));
    QVERIFY(ConsoleTranslations::install(QStringLiteral("de")));
    {
        Console console(settingsPath());
        QCOMPARE(console.window->connectionPanel()->connectButton()->text(),
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
    QCOMPARE(english.window->connectionPanel()->connectButton()->text(),
             QStringLiteral("&Connect"));
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
        QVERIFY(console.window->composerPanel()->send());
        console.typePacket(QStringLiteral("[\"second\"]"));
        QVERIFY(console.window->composerPanel()->send());
        console.window->resize(1111, 777);
        console.window->close(); // saves
    }
    Console again(settingsPath());
    QCOMPARE(again.window->size(), QSize(1111, 777));
    QCOMPARE(again.window->history()->count(), 2);
    QCOMPARE(again.window->connectionPanel()->recentUrls().size(), 1);
    QPlainTextEdit *editor = again.window->composerPanel()->editor();
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
        QVERIFY(!console.window->connectionPanel()->connectButton()->isEnabled()); // no host yet
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
        QVERIFY(console.window->connectionPanel()->connectButton()->isEnabled());

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
    QTest::mouseClick(console.window->connectionPanel()->connectButton(), Qt::LeftButton);
    QTRY_COMPARE(console.session.state(), ConsoleSession::State::Connected);
    QTRY_VERIFY2(console.stateText().contains(QLatin1String("via SOCKS5 proxy")),
                 qPrintable(console.stateText()));

    console.typePacket(QStringLiteral("{\"through\": \"the proxy\"}"));
    QTest::mouseClick(console.window->composerPanel()->sendButton(), Qt::LeftButton);
    QTRY_VERIFY(console.receivedRow(QVariantMap {{"through", "the proxy"}}) >= 0);
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
    console.window->detailView()->showRow(console.session.log()->rowCount() - 1);
    QTreeWidgetItem *value = console.window->detailView()->valueTree()->topLevelItem(0)->child(0);
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

QTEST_MAIN(tst_ConsoleWindow)
#include "tst_consolewindow.moc"
