#include "benchtable.h"

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace EasyNetBench {

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readLine().split(' ').mid(0, 3).join(' '));
}

} // namespace

double BenchTable::Row::ratio() const
{
    switch (goal) {
    case Goal::Speed: return baseline / easyNet;
    case Goal::Time: return easyNet / baseline;
    case Goal::Memory: return easyNet / baseline;
    }
    Q_UNREACHABLE();
}

bool BenchTable::Row::met() const
{
    switch (goal) {
    case Goal::Speed: return ratio() >= target;
    case Goal::Time: return ratio() <= target;
    case Goal::Memory: return easyNet <= target;
    }
    Q_UNREACHABLE();
}

void BenchTable::compare(const QString &name, long operations, Goal goal, double target,
                         const Run &easyNet, const Run &baseline, const Run &floor, int slices)
{
    slices = int(std::clamp<long>(slices, 1, operations));
    QList<double> times[3];
    for (int round = 0; round < m_rounds; ++round) {
        double sums[3] = {};
        for (int slice = 0; slice < slices; ++slice) {
            const long sliceOperations
                = operations / slices + (slice == slices - 1 ? operations % slices : 0);
            // Alternate which side goes first too, so neither always gets the warmer machine.
            const bool easyNetFirst = (round * slices + slice) % 2 == 0;
            for (const int side : {easyNetFirst ? 0 : 1, easyNetFirst ? 1 : 0, 2}) {
                const Run &run = side == 0 ? easyNet : side == 1 ? baseline : floor;
                sums[side] += run && runs(side) ? run(sliceOperations)
                                                : std::numeric_limits<double>::quiet_NaN();
            }
        }
        for (int side = 0; side < 3; ++side)
            times[side].append(sums[side]);
    }
    const double perOperation = 1e6 / double(operations);
    Row row {name,
             goal,
             target,
             median(times[0]) * perOperation,
             median(times[1]) * perOperation,
             median(times[2]) * perOperation};
    std::fprintf(stderr, "%-52s %9.2f %9.2f us/op  %.2fx\n", qPrintable(name), row.easyNet,
                 row.baseline, row.ratio());
    m_rows.append(row);
}

void BenchTable::addMemory(const QString &name, double easyNetKiB, double baselineKiB,
                           double boundKiB)
{
    m_rows.append(Row {name, Goal::Memory, boundKiB, easyNetKiB, baselineKiB,
                       std::numeric_limits<double>::quiet_NaN()});
}

bool BenchTable::allMet() const
{
    return std::all_of(m_rows.begin(), m_rows.end(), [](const Row &row) { return row.met(); });
}

void BenchTable::print() const
{
    const QString load = loadAverage();
    std::printf("\nMedians of %d alternated rounds; %d cores, load average %s at the end.\n"
                "Times in microseconds per packet (round trip or pipelined), memory in KiB.\n",
                m_rounds, QThread::idealThreadCount(), qPrintable(load));
    std::printf("%-52s %10s %10s %10s %8s %10s  %s\n", "benchmark", "EasyNet", "baseline",
                "raw floor", "ratio", "target", "met");
    QJsonArray rows;
    for (const Row &row : m_rows) {
        const char *targetForm = row.goal == Goal::Speed ? ">=%.2fx"
            : row.goal == Goal::Time                     ? "<=%.2fx"
                                                         : "<=%.0f";
        char target[32];
        std::snprintf(target, sizeof target, targetForm, row.target);
        char floor[32] = "-";
        if (!std::isnan(row.floor))
            std::snprintf(floor, sizeof floor, "%.2f", row.floor);
        std::printf("%-52s %10.2f %10.2f %10s %7.2fx %10s  %s\n", qPrintable(row.name), row.easyNet,
                    row.baseline, floor, row.ratio(), target, row.met() ? "yes" : "NO");
        QJsonObject json {
            {QStringLiteral("benchmark"), row.name},    {QStringLiteral("easynet"), row.easyNet},
            {QStringLiteral("baseline"), row.baseline}, {QStringLiteral("ratio"), row.ratio()},
            {QStringLiteral("target"), row.target},     {QStringLiteral("met"), row.met()}};
        if (!std::isnan(row.floor))
            json.insert(QStringLiteral("floor"), row.floor);
        rows.append(json);
    }
    const QJsonObject line {{QStringLiteral("machine"),
                             QJsonObject {{QStringLiteral("cores"), QThread::idealThreadCount()},
                                          {QStringLiteral("load_average"), load}}},
                            {QStringLiteral("rounds"), m_rounds},
                            {QStringLiteral("all_met"), allMet()},
                            {QStringLiteral("rows"), rows}};
    std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

} // namespace EasyNetBench
