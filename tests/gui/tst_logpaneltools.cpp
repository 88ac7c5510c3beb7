// The Widgets console's log panel tools, driven through their real widgets
// offscreen (the file dialogs and message boxes answered as a person would):
// "Wireshark…" saves the session as pcapng, which tshark reads back with the
// session's bytes; "Replay session…" sends a recorded session's packets again
// (fast, and with the original timing until Stop), with its progress and
// outcome shown, and a file that cannot be replayed is explained and sends
// nothing.
#include "consolesession.h"
#include "packetlogpanel.h"
#include "sessionreplay.h"
#include "sessionreplaybar.h"
#include "tshark.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QPointer>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QToolButton>

#include <functional>
#include <memory>

using namespace EasyNetConsole;
using Direction = PacketLogEntry::Direction;

namespace {

// Answers the next modal dialog of type T once it shows (polled from the
// event loop, as the dialog runs its own), again on each poll until it is
// gone: a file dialog may take a few; never another dialog after it.
template<typename T>
void whenShown(const std::function<void(T *)> &answer)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(50);
    auto seen = std::make_shared<QPointer<T>>();
    auto answered = std::make_shared<bool>(false);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer, seen, answered] {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (dialog && !*answered)
            *seen = dialog;
        if (dialog && dialog == *seen) {
            *answered = true;
            answer(dialog);
        } else if (*answered) {
            poll->stop();
            poll->deleteLater();
        }
    });
    poll->start();
}

// Answers the next file dialog with path, as a person does: in the file's
// folder first, then its name typed in.
void chooseFile(const QString &path)
{
    whenShown<QFileDialog>([path](QFileDialog *dialog) {
        const QFileInfo file(path);
        if (dialog->directory().absolutePath() != file.absolutePath()) {
            dialog->setDirectory(file.absolutePath());
            return; // answered on the next poll
        }
        dialog->selectFile(file.fileName()); // no longer the last one chosen
        dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"))->setText(file.fileName());
        QMetaObject::invokeMethod(dialog, "accept");
    });
}

QList<QByteArray> sentBytes(PacketLogModel &log)
{
    log.flush();
    QList<QByteArray> bytes;
    for (int row = 0; row < log.rowCount(); ++row) {
        if (log.entry(row).direction == Direction::Sent)
            bytes.append(log.entry(row).raw);
    }
    return bytes;
}

} // namespace

class tst_LogPanelTools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void exportToWireshark();
    void replayFastThenStop();
    void badReplayFileExplained();

private:
    // A panel over a session connected to its own TCP echo server, which
    // echoed packets.
    bool connectAndEcho(const QVariantList &packets);
    // A path in a folder of its own: a file dialog shows it alone, never
    // selected from before.
    QString freshPath(const QString &name);
    QString writeFile(const QString &name, const QByteArray &contents);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<PacketLogPanel> m_panel;
};

void tst_LogPanelTools::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_panel.reset();
    m_session = std::make_unique<ConsoleSession>();
    m_panel = std::make_unique<PacketLogPanel>(m_session.get());
    m_panel->resize(900, 400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

bool tst_LogPanelTools::connectAndEcho(const QVariantList &packets)
{
    if (!m_session->startEchoServer(ConnectionSettings::Transport::Tcp)
        || !m_session->connectToPeer() || !QTest::qWaitFor([this] {
               return m_session->state() == ConsoleSession::State::Connected;
           }))
        return false;
    for (const QVariant &packet : packets)
        m_session->send(packet);
    return QTest::qWaitFor([&] { return m_session->packetsReceived() == packets.size(); });
}

QString tst_LogPanelTools::freshPath(const QString &name)
{
    static int folders = 0;
    const QString folder = QString::number(++folders);
    QDir(m_dir->path()).mkdir(folder);
    return m_dir->filePath(folder + QLatin1Char('/') + name);
}

QString tst_LogPanelTools::writeFile(const QString &name, const QByteArray &contents)
{
    const QString path = freshPath(name);
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size() ? path
                                                                                      : QString();
}

void tst_LogPanelTools::exportToWireshark()
{
    QVERIFY(connectAndEcho({QVariantMap {{"cmd", "ping"}}, QStringLiteral("two")}));
    const QString path = freshPath(QStringLiteral("session.pcapng"));
    chooseFile(path);
    auto *button = m_panel->findChild<QPushButton *>(QStringLiteral("pcapngExportButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(4), QByteArray("\x0a\x0d\x0d\x0a")); // a pcapng section header
    SKIP_WITHOUT_TSHARK();
    QString error;
    const auto follow = EasyNetTest::Tshark::followTcp(path, 0, &error);
    QVERIFY2(follow, qPrintable(error));
    QCOMPARE(follow->first, sentBytes(*m_session->log()).join());
}

void tst_LogPanelTools::replayFastThenStop()
{
    QVERIFY(
        connectAndEcho({QVariantMap {{"n", 1}}, QVariantMap {{"n", 2}}, QVariantMap {{"n", 3}}}));
    const QString recording = freshPath(QStringLiteral("session.jsonl"));
    m_session->log()->flush();
    QVERIFY(m_session->log()->exportJsonLines(recording));
    const QList<QByteArray> recorded = sentBytes(*m_session->log());
    m_session->log()->clear();

    SessionReplayBar *bar = m_panel->replayBar();
    QVERIFY(!bar->stopButton()->isVisible());
    bar->fastAction()->trigger();
    QCOMPARE(bar->replay()->timing(), SessionReplay::Timing::Fast);
    chooseFile(recording);
    QTest::mouseClick(bar->replayButton(), Qt::LeftButton);
    QTRY_COMPARE(bar->replay()->state(), SessionReplay::State::Finished);
    QCOMPARE(sentBytes(*m_session->log()), recorded);
    QCOMPARE(bar->statusLabel()->text(), QStringLiteral("replayed 3 packet(s)"));
    QVERIFY(bar->replayButton()->isEnabled());

    // The second packet a minute after the first, with the original timing: Stop.
    const QString slow
        = writeFile(QStringLiteral("slow.jsonl"),
                    R"({"time":"2026-01-01T10:00:00.000","direction":"sent","raw":"eyJuIjo0fQo="})"
                    "\n"
                    R"({"time":"2026-01-01T10:01:00.000","direction":"sent","raw":"eyJuIjo1fQo="})"
                    "\n");
    bar->originalAction()->trigger();
    QCOMPARE(bar->replay()->timing(), SessionReplay::Timing::Original);
    chooseFile(slow);
    QTest::mouseClick(bar->replayButton(), Qt::LeftButton);
    QTRY_COMPARE(bar->replay()->sent(), 1);
    QVERIFY(bar->stopButton()->isVisible());
    QVERIFY(bar->progressBar()->isVisible());
    QCOMPARE(bar->progressBar()->value(), 1);
    QCOMPARE(bar->progressBar()->maximum(), 2);
    QVERIFY(!bar->replayButton()->isEnabled());
    QTest::mouseClick(bar->stopButton(), Qt::LeftButton);
    QCOMPARE(bar->replay()->state(), SessionReplay::State::Stopped);
    QCOMPARE(bar->statusLabel()->text(), QStringLiteral("stopped after 1 of 2 packet(s)"));
    QVERIFY(!bar->stopButton()->isVisible());
}

void tst_LogPanelTools::badReplayFileExplained()
{
    QVERIFY(connectAndEcho({}));
    const QString bad = writeFile(QStringLiteral("bad.jsonl"), "{\"time\":\"soon\"}\n");
    QString shown;
    chooseFile(bad);
    whenShown<QMessageBox>([&shown](QMessageBox *box) {
        shown = box->text();
        box->accept();
    });
    QTest::mouseClick(m_panel->replayBar()->replayButton(), Qt::LeftButton);
    QTRY_VERIFY(!shown.isEmpty());
    QVERIFY2(shown.contains(QLatin1String("line 1: \"time\" is not an ISO 8601")),
             qPrintable(shown));
    QCOMPARE(m_session->packetsSent(), 0);
}

QTEST_MAIN(tst_LogPanelTools)
#include "tst_logpaneltools.moc"
