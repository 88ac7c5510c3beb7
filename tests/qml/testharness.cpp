#include "testharness.h"

#include <selfsignedcertificate.h>

#include <EasyNet/tcpclient.h>

#include <QtCore/QFile>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtNetwork/QUdpSocket>

#include <memory>

TestHarness::TestHarness(QObject *parent) : QObject(parent) { }

template<typename Peer, typename Bind>
Peer *TestHarness::bound(Bind bind)
{
    auto peer = std::make_unique<Peer>();
    if (!bind(*peer))
        return nullptr;
    peer->setParent(this);
    return peer.release();
}

int TestHarness::prefixEchoTcp(const QByteArray &bytes)
{
    auto *server
        = bound<QTcpServer>([](QTcpServer &s) { return s.listen(QHostAddress::LocalHost); });
    if (!server)
        return 0;
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
    auto *socket = bound<QUdpSocket>([](QUdpSocket &s) { return s.bind(QHostAddress::LocalHost); });
    if (!socket)
        return 0;
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

QVariantMap TestHarness::clientIdentity()
{
    const std::optional<EasyNetConsole::SelfSignedCertificate> identity
        = EasyNetConsole::SelfSignedCertificate::generate();
    if (!identity)
        return {};
    const QString certificatePath = m_dir.filePath(QStringLiteral("client-certificate.pem"));
    const QString keyPath = m_dir.filePath(QStringLiteral("client-key.pem"));
    QFile certificate(certificatePath);
    QFile key(keyPath);
    if (!certificate.open(QIODevice::WriteOnly) || !key.open(QIODevice::WriteOnly)
        || certificate.write(identity->certificate().toPem()) < 0
        || key.write(identity->privateKey().toPem()) < 0)
        return {};
    return {{QStringLiteral("certificate"), certificatePath},
            {QStringLiteral("privateKey"), keyPath}};
}

QVariantMap TestHarness::clientProxy(QObject *client) const
{
    const QList<EasyNet::TcpClient *> made
        = client->findChildren<EasyNet::TcpClient *>(Qt::FindDirectChildrenOnly);
    if (made.isEmpty())
        return {};
    const QNetworkProxy proxy = made.constLast()->proxy();
    QString type;
    switch (proxy.type()) {
    case QNetworkProxy::DefaultProxy: type = QStringLiteral("DefaultProxy"); break;
    case QNetworkProxy::NoProxy: type = QStringLiteral("NoProxy"); break;
    case QNetworkProxy::Socks5Proxy: type = QStringLiteral("Socks5Proxy"); break;
    case QNetworkProxy::HttpProxy: type = QStringLiteral("HttpProxy"); break;
    default: type = QString::number(proxy.type()); break;
    }
    return {{QStringLiteral("type"), type},
            {QStringLiteral("host"), proxy.hostName()},
            {QStringLiteral("port"), proxy.port()},
            {QStringLiteral("user"), proxy.user()},
            {QStringLiteral("password"), proxy.password()}};
}
