// ReconnectBackoff (private): the delays of a ReconnectPolicy. No clock and no
// I/O: each delay is computed with an injected random source, so the bounds
// are checked exactly over many simulated attempts.
#include "clients/reconnectbackoff_p.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

#include <cmath>
#include <limits>

using EasyNet::ErrorCode;
using EasyNet::ReconnectBackoff;
using EasyNet::ReconnectPolicy;
using std::chrono::milliseconds;

Q_DECLARE_METATYPE(ReconnectPolicy)

namespace {

ReconnectPolicy policy(qint64 initialMs, qint64 maxMs, double multiplier, double jitter)
{
    ReconnectPolicy p;
    p.initialDelay = milliseconds(initialMs);
    p.maxDelay = milliseconds(maxMs);
    p.multiplier = multiplier;
    p.jitter = jitter;
    return p;
}

// The largest double below 1: the random source's highest value.
constexpr double almostOne = 1.0 - std::numeric_limits<double>::epsilon() / 2;

} // namespace

class tst_ReconnectBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkRefusesOutOfRange_data();
    void checkRefusesOutOfRange();
    void scheduleWithoutJitter();
    void zeroDelayNeverSpins();
    void boundsOverThousandAttempts_data();
    void boundsOverThousandAttempts();
    void jitterReachesBothBounds();
};

void tst_ReconnectBackoff::checkRefusesOutOfRange_data()
{
    QTest::addColumn<ReconnectPolicy>("policy");
    QTest::addColumn<bool>("valid");
    QTest::newRow("default") << ReconnectPolicy() << true;
    QTest::newRow("fixed interval") << policy(500, 500, 1.0, 0.0) << true;
    QTest::newRow("zero initial delay") << policy(0, 1000, 2.0, 1.0) << true;
    QTest::newRow("negative initial delay") << policy(-1, 1000, 2.0, 0.2) << false;
    QTest::newRow("max below initial") << policy(1000, 999, 2.0, 0.2) << false;
    QTest::newRow("multiplier below 1") << policy(100, 1000, 0.5, 0.2) << false;
    QTest::newRow("multiplier NaN") << policy(100, 1000, std::nan(""), 0.2) << false;
    QTest::newRow("multiplier infinite")
        << policy(100, 1000, std::numeric_limits<double>::infinity(), 0.2) << false;
    QTest::newRow("negative jitter") << policy(100, 1000, 2.0, -0.1) << false;
    QTest::newRow("jitter above 1") << policy(100, 1000, 2.0, 1.5) << false;
    ReconnectPolicy negativeAttempts;
    negativeAttempts.maxAttempts = -1;
    QTest::newRow("negative maxAttempts") << negativeAttempts << false;
}

void tst_ReconnectBackoff::checkRefusesOutOfRange()
{
    QFETCH(ReconnectPolicy, policy);
    QFETCH(bool, valid);
    const EasyNet::Error error = ReconnectBackoff::check(policy);
    QCOMPARE(error.code(), valid ? ErrorCode::NoError : ErrorCode::InvalidArgument);
}

void tst_ReconnectBackoff::scheduleWithoutJitter()
{
    const ReconnectBackoff backoff;
    const ReconnectPolicy p = policy(100, 1000, 2.0, 0.0);
    const QList<qint64> expected {100, 200, 400, 800, 1000, 1000, 1000};
    for (int attempt = 1; attempt <= expected.size(); ++attempt)
        QCOMPARE(backoff.delay(p, attempt).count(), expected.at(attempt - 1));
    // A multiplier of 1 is a fixed interval.
    const ReconnectPolicy fixed = policy(250, 30000, 1.0, 0.0);
    for (int attempt = 1; attempt <= 10; ++attempt)
        QCOMPARE(backoff.delay(fixed, attempt), milliseconds(250));
}

void tst_ReconnectBackoff::zeroDelayNeverSpins()
{
    const ReconnectBackoff lowest([] { return almostOne; });
    for (const ReconnectPolicy &p : {policy(0, 0, 1.0, 0.0), policy(0, 1000, 1.0, 1.0),
                                     policy(0, 1000, 3.0, 1.0), policy(1, 5, 2.0, 0.5)}) {
        for (int attempt = 1; attempt <= 100; ++attempt)
            QVERIFY(lowest.delay(p, attempt) >= ReconnectPolicy::MinimumDelay);
    }
}

void tst_ReconnectBackoff::boundsOverThousandAttempts_data()
{
    QTest::addColumn<ReconnectPolicy>("policy");
    QTest::newRow("default") << ReconnectPolicy();
    QTest::newRow("qml example") << policy(500, 30000, 2.0, 0.2);
    QTest::newRow("full jitter") << policy(100, 60000, 1.5, 1.0);
    QTest::newRow("steep") << policy(1, 3600000, 10.0, 0.5);
    QTest::newRow("fixed") << policy(1000, 1000, 1.0, 0.3);
    QTest::newRow("from zero") << policy(0, 2000, 2.0, 0.4);
}

void tst_ReconnectBackoff::boundsOverThousandAttempts()
{
    QFETCH(ReconnectPolicy, policy);
    QRandomGenerator random(27); // deterministic, and every row different values
    const ReconnectBackoff backoff([&random] { return random.generateDouble(); });
    QSet<qint64> seen;
    for (int attempt = 1; attempt <= 1000; ++attempt) {
        const milliseconds ceiling = ReconnectBackoff::ceiling(policy, attempt);
        const double grown = double(policy.initialDelay.count())
            * std::pow(policy.multiplier, double(attempt - 1));
        QCOMPARE(ceiling.count(),
                 std::max<qint64>(ReconnectPolicy::MinimumDelay.count(),
                                  qint64(std::min(grown, double(policy.maxDelay.count())))));
        const milliseconds delay = backoff.delay(policy, attempt);
        const auto lowest
            = std::max<qint64>(ReconnectPolicy::MinimumDelay.count(),
                               qint64(std::floor(double(ceiling.count()) * (1.0 - policy.jitter))));
        if (delay.count() < lowest || delay > ceiling
            || delay > std::max(policy.maxDelay, ReconnectPolicy::MinimumDelay))
            QFAIL(qPrintable(QStringLiteral("attempt %1: %2 ms outside [%3, %4]")
                                 .arg(attempt)
                                 .arg(delay.count())
                                 .arg(lowest)
                                 .arg(ceiling.count())));
        if (ceiling == std::max(policy.maxDelay, ReconnectPolicy::MinimumDelay))
            seen.insert(delay.count());
    }
    // Once capped, the jitter spreads the delays (no clients in step).
    if (policy.initialDelay.count() > 0 && policy.jitter > 0)
        QCOMPARE_GT(seen.size(), 100);
}

void tst_ReconnectBackoff::jitterReachesBothBounds()
{
    const ReconnectPolicy p = policy(1000, 8000, 2.0, 0.25);
    const ReconnectBackoff highest([] { return 0.0; });
    const ReconnectBackoff lowest([] { return almostOne; });
    for (int attempt = 1; attempt <= 6; ++attempt) {
        const milliseconds ceiling = ReconnectBackoff::ceiling(p, attempt);
        QCOMPARE(highest.delay(p, attempt), ceiling);
        QVERIFY(qAbs(lowest.delay(p, attempt).count() - ceiling.count() * 3 / 4) <= 1);
    }
}

QTEST_APPLESS_MAIN(tst_ReconnectBackoff)
#include "tst_reconnectbackoff.moc"
