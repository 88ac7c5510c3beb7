// BenchTable: runs EasyNet and its baselines alternately, round after round,
// keeps the median of each, and prints one table plus one JSON line.
#pragma once

#include <QtCore/QList>
#include <QtCore/QString>

#include <functional>

namespace EasyNetBench {

// What a row's target bounds.
enum class Goal {
    Speed, // ratio = baseline time / EasyNet time, must be >= target
    Time, // ratio = EasyNet time / baseline time, must be <= target
    Memory, // EasyNet's peak growth in KiB, must be <= target KiB
};

// Which candidates a table runs: all of them, or one alone (for measuring one
// side under callgrind or strace).
enum class Side { All, EasyNet, Baseline, Floor };

// One timed run of a candidate: the seconds its `operations` took.
using Run = std::function<double(long operations)>;

class BenchTable
{
public:
    explicit BenchTable(int rounds, Side side = Side::All) : m_rounds(rounds), m_side(side) { }

    // Runs easyNet, baseline and floor (optional: the raw loop without JSON)
    // alternately m_rounds times and adds a row of medians in microseconds per
    // operation. Each round is cut into `slices` runs per side, interleaved, so
    // that a slow spell of a shared machine falls on both sides alike.
    void compare(const QString &name, long operations, Goal goal, double target, const Run &easyNet,
                 const Run &baseline, const Run &floor = {}, int slices = 1);
    // A row of peak memory growths in KiB (measured by the caller).
    void addMemory(const QString &name, double easyNetKiB, double baselineKiB, double boundKiB);

    // The table, then {"machine": ..., "rows": [...]} on one line.
    void print() const;
    bool allMet() const;

private:
    struct Row
    {
        QString name;
        Goal goal;
        double target;
        double easyNet;
        double baseline;
        double floor; // NaN: none
        double ratio() const;
        bool met() const;
    };

    // Whether the candidate of index (0 EasyNet, 1 baseline, 2 floor) runs.
    bool runs(int index) const { return m_side == Side::All || int(m_side) == index + 1; }

    int m_rounds;
    Side m_side;
    QList<Row> m_rows;
};

} // namespace EasyNetBench
