// easynet-console: the Widgets console (MainWindow, a tab per ConsoleSession)
// and, with --cli, the packet netcat (PacketNetcat) on one session or, with
// --cli --serve, the built-in server alone (HeadlessServer). See
// ConsoleOptions for the command line, which the window's first tab takes.
#include "connectionpanel.h"
#include "consoleoptions.h"
#include "consolesession.h"
#include "consoletranslations.h"
#include "headlessserver.h"
#include "mainwindow.h"
#include "packetnetcat.h"
#include "sessionpage.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QSettings>
#include <QtGui/QIcon>
#include <QtWidgets/QApplication>
#include <QtWidgets/QPushButton>

#include <cstdio>
#include <memory>

using namespace EasyNetConsole;

namespace {

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("EasyNet"));
    QCoreApplication::setApplicationName(QStringLiteral("easynet-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EASYNET_VERSION));
}

int fail(const QString &message)
{
    std::fprintf(stderr, "easynet-console: %s\n", qPrintable(message));
    return ConsoleOptions::UsageError;
}

// --cli --serve: the built-in server alone, until the process is stopped.
int runServer(const ConsoleOptions &options, const ConsoleSession &session)
{
    HeadlessServer server(stdout, stderr);
    const RuleSet rules = session.rules()->ruleSet();
    QString error;
    if (!server.start(options.serveTransport(), options.serveAddress(),
                      *session.settings()->protocol(), options.hasRules() ? &rules : nullptr,
                      &error)) {
        HeadlessServer::printLine(stderr,
                                  QJsonDocument(QJsonObject {{QStringLiteral("error"), error}})
                                      .toJson(QJsonDocument::Compact));
        return PacketNetcat::Failure;
    }
    return QCoreApplication::exec();
}

int runCli(const QStringList &arguments)
{
    // stderr carries the {"error": ...} lines: the servers' and clients'
    // progress messages stay out of it (their warnings do not).
    QLoggingCategory::setFilterRules(QStringLiteral("easynet.*.info=false\neasynet.*.debug=false"));
    ConsoleOptions options;
    if (!options.parse(arguments))
        return fail(options.error());
    if (options.exitNow())
        return *options.exitNow();
    ConsoleSession session;
    if (!options.apply(session))
        return fail(options.error());
    if (options.serve())
        return runServer(options, session);
    PacketNetcat netcat(&session, stdin, stdout, stderr);
    netcat.setCount(options.count());
    netcat.setTimeout(options.timeoutMs());
    if (!options.replayFile().isEmpty())
        netcat.setReplay(options.replayFile(), options.replayTiming());
    if (options.repeats() || options.sends())
        netcat.setRepeat(options.repeat(), options.intervalMs());
    if (options.sends()) {
        const std::optional<PacketTemplate> packet = options.packetToSend(session);
        if (!packet)
            return fail(options.error());
        netcat.setPacket(*packet);
    }
    // Queued: a failure inside start() comes before exec(), which would miss exit().
    QObject::connect(&netcat, &PacketNetcat::finished, QCoreApplication::instance(),
                     &QCoreApplication::exit, Qt::QueuedConnection);
    netcat.start();
    const int status = QCoreApplication::exec();
    // The stdin reader may still wait for input that will never matter now.
    std::fflush(stdout);
    std::_Exit(status);
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const bool cli = arguments.contains(QLatin1String("--cli"));
    const bool help = arguments.contains(QLatin1String("--help"))
        || arguments.contains(QLatin1String("-h"))
        || arguments.contains(QLatin1String("--version"));
    // The command line alone needs no display.
    std::unique_ptr<QCoreApplication> app = cli || help
        ? std::make_unique<QCoreApplication>(argc, argv)
        : std::make_unique<QApplication>(argc, argv);
    setApplicationNames();
    const QString language = ConsoleOptions::languageArgument(arguments);
    if (!ConsoleTranslations::install(language))
        std::fprintf(stderr, "easynet-console: no translation for \"%s\" (available: %s)\n",
                     qPrintable(language),
                     qPrintable(ConsoleTranslations::available().join(QStringLiteral(", "))));
    if (cli)
        return runCli(arguments);

    ConsoleOptions options;
    if (!options.parse(arguments))
        return fail(options.error());
    if (options.exitNow())
        return *options.exitNow();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/easynet-console.png")));
    QSettings settings;
    MainWindow window(&settings);
    // The command line is the first tab's.
    SessionPage *first = window.currentPage();
    ConsoleSession &session = *first->session();
    if (!options.connectAtStart()) {
        settings.beginGroup(QStringLiteral("lastConnection"));
        session.settings()->load(settings);
        settings.endGroup();
    }
    if (!options.apply(session))
        return fail(options.error());
    if (options.connectAtStart())
        first->connectionPanel()->connectButton()->click();
    window.show();
    return QApplication::exec();
}
