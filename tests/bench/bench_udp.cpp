// Request/response datagrams per second with UdpClient, and the same work with
// a hand-written QUdpSocket client doing the same JSON (de)serialization. Same
// echo server, same run; prints both rates and the ratio (target >= 0.9x).
#include <EasyNet/jsonserializer.h>
#include <EasyNet/udpclient.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QEventLoop>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QUdpSocket>

#include "benchsupport.h"

using namespace EasyNet;

namespace {

QVariantMap makePacket(long i)
{
    return {{QStringLiteral("id"), qint64(i)},
            {QStringLiteral("kind"), QStringLiteral("measure")},
            {QStringLiteral("value"), 0.5 * double(i)}};
}

void runEasyNet(quint16 port, long count)
{
    UdpClient client(QStringLiteral("127.0.0.1"), port,
                     DatagramProtocol(std::make_shared<JsonSerializer>()));
    QEventLoop loop;
    long received = 0;
    QObject::connect(&client, &AbstractClient::connected, &loop,
                     [&] { client.sendPacket(makePacket(0)); });
    QObject::connect(&client, &AbstractClient::packetReceived, &loop, [&](const QVariant &packet) {
        if (packet.toMap().value(QStringLiteral("id")).toLongLong() != received)
            qFatal("unexpected answer");
        if (++received == count)
            loop.quit();
        else
            client.sendPacket(makePacket(received));
    });
    QObject::connect(&client, &AbstractClient::errorOccurred, &loop,
                     [](const Error &e) { qFatal("%s", qPrintable(e.toString())); });
    loop.exec();
}

void runHandWritten(quint16 port, long count)
{
    QUdpSocket socket;
    socket.setProxy(QNetworkProxy::NoProxy);
    QEventLoop loop;
    long received = 0;
    const auto send = [&](long i) {
        socket.write(QJsonDocument(QJsonObject::fromVariantMap(makePacket(i)))
                         .toJson(QJsonDocument::Compact));
    };
    QObject::connect(&socket, &QUdpSocket::connected, &loop, [&] { send(0); });
    QObject::connect(&socket, &QIODevice::readyRead, &loop, [&] {
        while (socket.hasPendingDatagrams()) {
            const QNetworkDatagram datagram = socket.receiveDatagram();
            const QVariantMap packet = QJsonDocument::fromJson(datagram.data()).object().toVariantMap();
            if (packet.value(QStringLiteral("id")).toLongLong() != received)
                qFatal("unexpected answer");
            if (++received == count) {
                loop.quit();
                return;
            }
            send(received);
        }
    });
    socket.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const long count = argc > 1 ? std::atol(argv[1]) : 50000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    const EasyNetBench::EchoServer server = EasyNetBench::EchoServer::udp();
    const auto results = EasyNetBench::compare(
        rounds, count,
        {{QStringLiteral("EasyNet UdpClient + JsonSerializer"), [&] { runEasyNet(server.port(), count); }},
         {QStringLiteral("hand-written QUdpSocket + QJsonDocument"),
          [&] { runHandWritten(server.port(), count); }}});
    EasyNetBench::report(QStringLiteral("udp-json-request-response"), count, results);
    return 0;
}
