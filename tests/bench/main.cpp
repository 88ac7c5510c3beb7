// easynet_bench: EasyNet against what a Qt developer writes by hand, in the
// same run, alternating round after round; prints one table of medians and
// ratios, then one JSON line. tests/bench/run.sh runs it with every benchmark.
//
//   easynet_bench [--rounds N] [--pipelined N] [--round-trips N] [--flood N] [--only TEXT]
//                 [--side easynet|baseline|floor]
//
// Exit status 0 whether or not the targets are met (a benchmark is no test);
// 1 when a benchmark could not run.
#include "benchmarks.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTemporaryDir>

using namespace EasyNetBench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 5 && qstrcmp(argv[1], "--flood-child") == 0)
        return floodChild(QString::fromLatin1(argv[2]), quint16(std::atoi(argv[3])),
                          std::atol(argv[4]));

    QCommandLineParser parser;
    parser.addHelpOption();
    const BenchSettings defaults;
    // An option "--name n" counting what (its default in the help).
    const auto countOption = [](const char *name, const char *what, long defaultCount) {
        const QString count = QString::number(defaultCount);
        return QCommandLineOption(QLatin1String(name),
                                  QLatin1String(what) + QStringLiteral(" (") + count
                                      + QStringLiteral(")."),
                                  QStringLiteral("n"), count);
    };
    const QCommandLineOption rounds = countOption("rounds", "Rounds", 5);
    const QCommandLineOption pipelined
        = countOption("pipelined", "Packets per pipelined run", defaults.pipelined);
    const QCommandLineOption roundTrips
        = countOption("round-trips", "Round trips per run", defaults.roundTrips);
    const QCommandLineOption flood = countOption("flood", "Packets of the flood", defaults.flood);
    const QCommandLineOption only(QStringLiteral("only"),
                                  QStringLiteral("Only the benchmarks whose name contains text."),
                                  QStringLiteral("text"));
    const QCommandLineOption side(
        QStringLiteral("side"),
        QStringLiteral("Run only this side of each row: easynet, baseline or floor (for "
                       "tests/bench/measure.sh)."),
        QStringLiteral("side"));
    parser.addOptions({rounds, pipelined, roundTrips, flood, only, side});
    parser.process(app);
    const QStringList sides {QString(), QStringLiteral("easynet"), QStringLiteral("baseline"),
                             QStringLiteral("floor")};
    const qsizetype sideIndex = sides.indexOf(parser.value(side));
    if (sideIndex < 0)
        qFatal("--side must be easynet, baseline or floor");

    const QTemporaryDir socketDir;
    BenchSettings settings;
    settings.pipelined = parser.value(pipelined).toLong();
    settings.roundTrips = parser.value(roundTrips).toLong();
    settings.flood = parser.value(flood).toLong();
    settings.only = parser.value(only);
    settings.tlsDir = QStringLiteral(EASYNET_BENCH_TLS_DIR);
    settings.socketDir = socketDir.path();
    const int roundCount = parser.value(rounds).toInt();
    if (roundCount < 1 || settings.pipelined < 1 || settings.roundTrips < 1 || settings.flood < 1)
        qFatal("--rounds, --pipelined, --round-trips and --flood must be positive");

    BenchTable table(roundCount, Side(sideIndex));
    runEventBenchmarks(table, settings);
    runBlockingBenchmarks(table, settings);
    runFloodBenchmarks(table, settings);
    table.print();
    return 0;
}
