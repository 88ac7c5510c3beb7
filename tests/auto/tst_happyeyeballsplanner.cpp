// HappyEyeballsPlanner and HostResolver: the Happy Eyeballs schedule (RFC 8305
// section 5) on a fake clock, and address resolution with the family filter.
#include "transport/happyeyeballs_p.h"
#include "transport/happyeyeballsplanner_p.h"
#include "transport/hostresolver_p.h"

#include <QtNetwork/QHostInfo>
#include <QtTest/QTest>

#include <cerrno>

using namespace EasyNet;
using namespace std::chrono_literals;
using Clock = HappyEyeballsPlanner::Clock;

namespace {

const Clock::time_point t0 = Clock::time_point() + 1h;

QList<QHostAddress> addresses(int count)
{
    QList<QHostAddress> list;
    for (int i = 0; i < count; ++i)
        list.append(QHostAddress(QStringLiteral("127.0.0.%1").arg(i + 1)));
    return list;
}

Error refused()
{
    return Error::fromErrno(ECONNREFUSED, QStringLiteral("connect"));
}

} // namespace

class tst_HappyEyeballsPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstAttemptAtOnce();
    void nextAttemptAfterDelay();
    void failureStartsNextAtOnce();
    void failureAtStartStartsNextAtOnce();
    void successEndsTheRace();
    void everyAttemptFailed();
    void noAddress();
    void zeroAndNegativeDelay();
    void interleaving_data();
    void interleaving();
    void resolveLiteral();
    void resolveFamilyFilter();
    void resolveUnresolvable();
    void lookupWithoutAddress();
};

void tst_HappyEyeballsPlanner::firstAttemptAtOnce()
{
    HappyEyeballsPlanner plan(addresses(2), 250ms);
    QCOMPARE(plan.nextAttemptTime(), Clock::time_point::min());
    QCOMPARE(plan.takeDueAttempt(t0), qsizetype(0));
    QCOMPARE(plan.runningAttempts(), 1);
    QCOMPARE(plan.takeDueAttempt(t0), std::nullopt); // the second waits for the delay
}

void tst_HappyEyeballsPlanner::nextAttemptAfterDelay()
{
    HappyEyeballsPlanner plan(addresses(3), 250ms);
    QCOMPARE(plan.takeDueAttempt(t0), qsizetype(0));
    QCOMPARE(plan.nextAttemptTime(), t0 + 250ms);
    QCOMPARE(plan.takeDueAttempt(t0 + 249ms), std::nullopt);
    QCOMPARE(plan.takeDueAttempt(t0 + 250ms), qsizetype(1));
    // The delay counts from the latest start.
    QCOMPARE(plan.nextAttemptTime(), t0 + 500ms);
    QCOMPARE(plan.takeDueAttempt(t0 + 600ms), qsizetype(2));
    QCOMPARE(plan.nextAttemptTime(), std::nullopt); // every address started
    QCOMPARE(plan.takeDueAttempt(t0 + 10s), std::nullopt);
    QCOMPARE(plan.runningAttempts(), 3);
    QVERIFY(!plan.hasFailed());
}

void tst_HappyEyeballsPlanner::failureStartsNextAtOnce()
{
    HappyEyeballsPlanner plan(addresses(3), 250ms);
    QCOMPARE(plan.takeDueAttempt(t0), qsizetype(0));
    QCOMPARE(plan.takeDueAttempt(t0 + 250ms), qsizetype(1));
    // Attempt 0 fails 10 ms later while 1 is running: 2 does not wait.
    plan.attemptFailed(0, refused());
    QCOMPARE(plan.nextAttemptTime(), Clock::time_point::min());
    QCOMPARE(plan.takeDueAttempt(t0 + 260ms), qsizetype(2));
    QCOMPARE(plan.runningAttempts(), 2);
}

void tst_HappyEyeballsPlanner::failureAtStartStartsNextAtOnce()
{
    HappyEyeballsPlanner plan(addresses(2), 250ms);
    QCOMPARE(plan.takeDueAttempt(t0), qsizetype(0));
    plan.attemptFailed(0, Error::fromErrno(EMFILE, QStringLiteral("socket")));
    QCOMPARE(plan.takeDueAttempt(t0), qsizetype(1)); // same instant
}

void tst_HappyEyeballsPlanner::successEndsTheRace()
{
    HappyEyeballsPlanner plan(addresses(3), 250ms);
    QCOMPARE(plan.takeDueAttempt(t0), qsizetype(0));
    QCOMPARE(plan.takeDueAttempt(t0 + 250ms), qsizetype(1));
    plan.attemptSucceeded(1);
    QVERIFY(plan.hasSucceeded());
    QVERIFY(!plan.hasFailed());
    QCOMPARE(plan.nextAttemptTime(), std::nullopt);
    QCOMPARE(plan.takeDueAttempt(t0 + 10s), std::nullopt); // address 2 never tried
}

void tst_HappyEyeballsPlanner::everyAttemptFailed()
{
    HappyEyeballsPlanner plan(addresses(2), 250ms);
    QCOMPARE(plan.takeDueAttempt(t0), qsizetype(0));
    QCOMPARE(plan.takeDueAttempt(t0 + 250ms), qsizetype(1));
    plan.attemptFailed(1, Error::fromErrno(ENETUNREACH, QStringLiteral("connect")));
    QVERIFY(!plan.hasFailed()); // 0 is still running
    plan.attemptFailed(0, refused());
    QVERIFY(plan.hasFailed());
    // The first failure is the one reported.
    QCOMPARE(plan.firstError().osErrno(), ENETUNREACH);
}

void tst_HappyEyeballsPlanner::noAddress()
{
    HappyEyeballsPlanner plan({}, 250ms);
    QCOMPARE(plan.takeDueAttempt(t0), std::nullopt);
    QVERIFY(plan.hasFailed());
    QCOMPARE(plan.firstError().osErrno(), EADDRNOTAVAIL);
}

void tst_HappyEyeballsPlanner::zeroAndNegativeDelay()
{
    for (const std::chrono::milliseconds delay : {0ms, -5ms}) {
        HappyEyeballsPlanner plan(addresses(3), delay);
        QCOMPARE(plan.takeDueAttempt(t0), qsizetype(0));
        QCOMPARE(plan.takeDueAttempt(t0), qsizetype(1));
        QCOMPARE(plan.takeDueAttempt(t0), qsizetype(2));
        QCOMPARE(plan.takeDueAttempt(t0), std::nullopt);
    }
}

void tst_HappyEyeballsPlanner::interleaving_data()
{
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<QStringList>("expected");
    const QString a = QStringLiteral("127.0.0.1"), b = QStringLiteral("127.0.0.2"),
                  c = QStringLiteral("127.0.0.3"), x = QStringLiteral("::1"),
                  y = QStringLiteral("::2");
    QTest::newRow("empty") << QStringList() << QStringList();
    QTest::newRow("one family") << QStringList {a, b} << QStringList {a, b};
    QTest::newRow("v6 first") << QStringList {x, y, a, b} << QStringList {x, a, y, b};
    QTest::newRow("v4 first, uneven") << QStringList {a, b, c, x} << QStringList {a, x, b, c};
}

void tst_HappyEyeballsPlanner::interleaving()
{
    QFETCH(QStringList, input);
    QFETCH(QStringList, expected);
    QList<QHostAddress> in;
    for (const QString &s : input)
        in.append(QHostAddress(s));
    QStringList out;
    for (const QHostAddress &address : interleaveAddressFamilies(in))
        out.append(address.toString());
    QCOMPARE(out, expected);
}

void tst_HappyEyeballsPlanner::resolveLiteral()
{
    const HostResolver::Result result = HostResolver::resolve(QStringLiteral("::1"));
    QVERIFY(!result.error.isError());
    QCOMPARE(result.addresses, QList<QHostAddress> {QHostAddress(QHostAddress::LocalHostIPv6)});
    QCOMPARE(HostResolver::literal(QStringLiteral("localhost")), QHostAddress());
}

void tst_HappyEyeballsPlanner::resolveFamilyFilter()
{
    const HostResolver::Result wrong
        = HostResolver::resolve(QStringLiteral("127.0.0.1"), QAbstractSocket::IPv6Protocol);
    QCOMPARE(wrong.error.code(), ErrorCode::OSError);
    QCOMPARE(wrong.error.osErrno(), EAFNOSUPPORT);
    QVERIFY(wrong.addresses.isEmpty());
    const QList<QHostAddress> mixed {QHostAddress(QStringLiteral("::1")),
                                     QHostAddress(QStringLiteral("127.0.0.1")),
                                     QHostAddress(QStringLiteral("127.0.0.2"))};
    const HostResolver::Result v4
        = HostResolver::filter(QStringLiteral("h"), mixed, QAbstractSocket::IPv4Protocol);
    QCOMPARE(v4.addresses, mixed.mid(1));
    const HostResolver::Result any
        = HostResolver::filter(QStringLiteral("h"), mixed, QAbstractSocket::AnyIPProtocol);
    QCOMPARE(any.addresses, interleaveAddressFamilies(mixed));
}

void tst_HappyEyeballsPlanner::resolveUnresolvable()
{
    // Invalid names fail in the resolver itself: no DNS query leaves the machine.
    const HostResolver::Result result = HostResolver::resolve(QStringLiteral("no..such..host"));
    QCOMPARE(result.error.code(), ErrorCode::HostNotFound);
    QVERIFY(result.error.message().contains(QStringLiteral("no..such..host")));
}

void tst_HappyEyeballsPlanner::lookupWithoutAddress()
{
    QHostInfo empty; // NoError, but no address
    const HostResolver::Result result = HostResolver::fromLookup(QStringLiteral("h"), empty);
    QCOMPARE(result.error.code(), ErrorCode::HostNotFound);
}

QTEST_GUILESS_MAIN(tst_HappyEyeballsPlanner)
#include "tst_happyeyeballsplanner.moc"
