// Pipelines small JSON packets through an echo server on loopback with
// TcpClient, and the same work with a hand-written QTcpSocket client (newline
// framing + QJsonDocument, what a user would write instead). Same server, same
// run; prints both throughputs and the ratio (target: EasyNet >= 0.9x).
#include <EasyNet/jsonserializer.h>
#include <EasyNet/tcpclient.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QEventLoop>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpSocket>

#include "benchsupport.h"

using namespace EasyNet;

namespace {

constexpr int Window = 512; // packets in flight

QVariantMap makePacket(long i)
{
    return {{QStringLiteral("id"), qint64(i)},
            {QStringLiteral("kind"), QStringLiteral("measure")},
            {QStringLiteral("value"), 0.5 * double(i)}};
}

void runEasyNet(quint16 port, long count)
{
    TcpClient client(QStringLiteral("127.0.0.1"), port,
                     StreamProtocol(std::make_shared<JsonSerializer>()));
    QEventLoop loop;
    long sent = 0, received = 0;
    const auto sendMore = [&] {
        while (sent < count && sent - received < Window)
            client.sendPacket(makePacket(sent++));
    };
    QObject::connect(&client, &AbstractClient::connected, &loop, sendMore);
    QObject::connect(&client, &AbstractClient::packetReceived, &loop, [&](const QVariant &packet) {
        if (packet.toMap().value(QStringLiteral("id")).toLongLong() != received)
            qFatal("out of order");
        if (++received == count)
            loop.quit();
        else
            sendMore();
    });
    QObject::connect(&client, &AbstractClient::errorOccurred, &loop,
                     [](const Error &e) { qFatal("%s", qPrintable(e.toString())); });
    loop.exec();
}

void runHandWritten(quint16 port, long count)
{
    QTcpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    QEventLoop loop;
    long sent = 0, received = 0;
    const auto sendMore = [&] {
        while (sent < count && sent - received < Window) {
            const QJsonObject object = QJsonObject::fromVariantMap(makePacket(sent++));
            socket.write(QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
        }
    };
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        sendMore();
    });
    QObject::connect(&socket, &QIODevice::readyRead, &loop, [&] {
        while (socket.canReadLine()) {
            const QByteArray line = socket.readLine();
            const QVariantMap packet = QJsonDocument::fromJson(line).object().toVariantMap();
            if (packet.value(QStringLiteral("id")).toLongLong() != received)
                qFatal("out of order");
            if (++received == count) {
                loop.quit();
                return;
            }
        }
        sendMore();
    });
    socket.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const long count = argc > 1 ? std::atol(argv[1]) : 200000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    const EasyNetBench::EchoServer server = EasyNetBench::EchoServer::tcp();
    const auto results = EasyNetBench::compare(
        rounds, count,
        {{QStringLiteral("EasyNet TcpClient + JsonSerializer"), [&] { runEasyNet(server.port(), count); }},
         {QStringLiteral("hand-written QTcpSocket + QJsonDocument"),
          [&] { runHandWritten(server.port(), count); }}});
    EasyNetBench::report(QStringLiteral("tcp-json-pipeline"), count, results);
    return 0;
}
