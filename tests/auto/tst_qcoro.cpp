// QCoro and futureawait.h in one translation unit: a QCoro::Task coroutine
// awaits TcpClient's futures through QCoro's own QFuture support and through
// EasyNet::await(), and a failed future throws into the coroutine either way.
// Built only when QCoro is found (tests/CMakeLists.txt).
#include <EasyNet/exceptions.h>
#include <EasyNet/futureawait.h>
#include <EasyNet/lineserializer.h>
#include <EasyNet/tcpclient.h>

#include <QCoro/QCoroFuture>
#include <QCoro/QCoroTask>

#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>

#include "serverthread.h"
#include "testrows.h"
#include "testsupport.h"

#include <cerrno>
#include <optional>

using namespace EasyNet;
using EasyNetTest::addRows;
using EasyNetTest::lineProtocol;
using EasyNetTest::ServerThread;
using EasyNetTest::tcpEchoServerThread;

namespace {

// A port nothing listens on.
quint16 closedPort()
{
    QTcpServer probe;
    probe.setProxy(QNetworkProxy::NoProxy);
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    return probe.serverPort();
}

// How a coroutine awaits a QFuture: QCoro's operator, or our opt-in adapter.
enum class Via { QCoroOperator, EasyNetAwait };

template<typename T>
QCoro::Task<T> awaitVia(Via via, QFuture<T> future)
{
    if (via == Via::QCoroOperator)
        co_return co_await future;
    co_return co_await EasyNet::await(std::move(future));
}

QCoro::Task<QString> conversation(Via via, TcpClient &client)
{
    co_await awaitVia(via, client.waitConnected());
    co_await awaitVia(via, client.sendPacket(QStringLiteral("ping")));
    const QVariant first = co_await awaitVia(via, client.recvPacket());
    co_await awaitVia(via, client.sendPacket(first.toString() + QStringLiteral(" pong")));
    const QVariant second = co_await awaitVia(via, client.recvPacket());
    co_await awaitVia(via, client.close());
    co_return second.toString();
}

// What the coroutine caught, as "<class> <errno>".
QCoro::Task<QString> refusedConnect(Via via, TcpClient &client)
{
    try {
        co_await awaitVia(via, client.waitConnected());
    } catch (const ConnectionRefusedError &e) {
        co_return QStringLiteral("ConnectionRefusedError %1").arg(e.osErrno());
    } catch (const Exception &e) {
        co_return QStringLiteral("other: ") + e.error().toString();
    }
    co_return QStringLiteral("nothing thrown");
}

QCoro::Task<QString> sendAfterClose(Via via, TcpClient &client)
{
    co_await awaitVia(via, client.waitConnected());
    co_await awaitVia(via, client.close());
    try {
        co_await awaitVia(via, client.sendPacket(QStringLiteral("late")));
    } catch (const ClientClosedError &) {
        co_return QStringLiteral("ClientClosedError");
    } catch (const Exception &e) {
        co_return QStringLiteral("other: ") + e.error().toString();
    }
    co_return QStringLiteral("nothing thrown");
}

// A FutureCoroutine (our QFuture-returning coroutine) awaited from a QCoro::Task.
FutureCoroutine<QString> echoOnce(TcpClient &client, QString text)
{
    co_await EasyNet::await(client.sendPacket(text));
    const QVariant answer = co_await EasyNet::await(client.recvPacket());
    co_return answer.toString();
}

QCoro::Task<QString> nested(TcpClient &client)
{
    co_await client.waitConnected();
    const QString first = co_await echoOnce(client, QStringLiteral("one")).future();
    const QString second = co_await echoOnce(client, QStringLiteral("two")).future();
    co_return first + QLatin1Char(' ') + second;
}

// Runs the event loop until the task has returned its value (a task that threw
// never does).
QString finish(QCoro::Task<QString> task)
{
    QObject context;
    std::optional<QString> result;
    QCoro::connect(std::move(task), &context, [&result](const QString &value) { result = value; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        return QStringLiteral("<the task did not return>");
    return *result;
}

} // namespace

Q_DECLARE_METATYPE(Via)

class tst_QCoro : public QObject
{
    Q_OBJECT

private slots:
    void conversation_data();
    void conversation();
    void failedFutureThrowsIntoTask_data();
    void failedFutureThrowsIntoTask();
    void sendAfterCloseThrows_data();
    void sendAfterCloseThrows();
    void futureCoroutineAwaitedFromTask();
};

void tst_QCoro::conversation_data()
{
    addRows<Via>({"via"},
                 {{"QCoro's co_await", Via::QCoroOperator}, {"EasyNet::await", Via::EasyNetAwait}});
}

void tst_QCoro::conversation()
{
    QFETCH(Via, via);
    ServerThread server = tcpEchoServerThread();
    QVERIFY(server.result() != 0);
    TcpClient client(QStringLiteral("127.0.0.1"), quint16(server.result()), lineProtocol());
    QCOMPARE(finish(::conversation(via, client)), QStringLiteral("ping pong"));
    QCOMPARE(client.state(), AbstractClient::State::Closed);
}

void tst_QCoro::failedFutureThrowsIntoTask_data()
{
    conversation_data();
}

void tst_QCoro::failedFutureThrowsIntoTask()
{
    QFETCH(Via, via);
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    TcpClient client(QStringLiteral("127.0.0.1"), port, lineProtocol());
    QCOMPARE(finish(refusedConnect(via, client)),
             QStringLiteral("ConnectionRefusedError %1").arg(ECONNREFUSED));
}

void tst_QCoro::sendAfterCloseThrows_data()
{
    conversation_data();
}

void tst_QCoro::sendAfterCloseThrows()
{
    QFETCH(Via, via);
    ServerThread server = tcpEchoServerThread();
    QVERIFY(server.result() != 0);
    TcpClient client(QStringLiteral("127.0.0.1"), quint16(server.result()), lineProtocol());
    QCOMPARE(finish(sendAfterClose(via, client)), QStringLiteral("ClientClosedError"));
}

void tst_QCoro::futureCoroutineAwaitedFromTask()
{
    ServerThread server = tcpEchoServerThread();
    QVERIFY(server.result() != 0);
    TcpClient client(QStringLiteral("127.0.0.1"), quint16(server.result()), lineProtocol());
    QCOMPARE(finish(nested(client)), QStringLiteral("one two"));
}

QTEST_GUILESS_MAIN(tst_QCoro)
#include "tst_qcoro.moc"
