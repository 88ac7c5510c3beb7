#include "testharness.h"

#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtNetwork/QUdpSocket>

TestHarness::TestHarness(QObject *parent) : QObject(parent) { }

int TestHarness::prefixEchoTcp(const QByteArray &bytes)
{
    auto *server = new QTcpServer(this);
    if (!server->listen(QHostAddress::LocalHost)) {
        delete server;
        return 0;
    }
    connect(server, &QTcpServer::newConnection, server, [server, bytes] {
        while (QTcpSocket *socket = server->nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket,
                    [socket] { socket->write(socket->readAll()); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            socket->write(bytes);
        }
    });
    return server->serverPort();
}

int TestHarness::prefixEchoUdp(const QByteArray &bytes)
{
    auto *socket = new QUdpSocket(this);
    if (!socket->bind(QHostAddress::LocalHost)) {
        delete socket;
        return 0;
    }
    connect(socket, &QUdpSocket::readyRead, socket, [socket, bytes] {
        while (socket->hasPendingDatagrams()) {
            const QNetworkDatagram datagram = socket->receiveDatagram();
            socket->writeDatagram(bytes, datagram.senderAddress(), quint16(datagram.senderPort()));
            socket->writeDatagram(datagram.data(), datagram.senderAddress(),
                                  quint16(datagram.senderPort()));
        }
    });
    return socket->localPort();
}
