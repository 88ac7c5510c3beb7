// Echo servers of the client tests, on loopback or in a temporary directory
// (Unix datagrams: UnixTestServer of unixtestsupport.h): each echoes every
// byte (streams) or datagram back, unless the test asked for another answer,
// and a stream server can stop reading, close, reset or half-close its end of
// the last connection. They live in the test's thread and its event loop.
#pragma once

#include <QtCore/QIODevice>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QLocalServer>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <type_traits>
#include <utility>

namespace EasyNetTest {

// TCP and Unix stream: one QIODevice per accepted connection; the last one is
// the peer the test drives.
class StreamEchoServer
{
public:
    virtual ~StreamEchoServer()
    {
        if (m_detached >= 0)
            ::close(m_detached);
    }
    // The next bytes the server receives are answered with these chunks
    // instead of their echo.
    void answerNextWith(const QList<QByteArray> &raw) { m_answer = raw; }
    // The connection leaves Qt (which would read ahead into its own buffer):
    // the test's copy of the descriptor keeps it open, and nobody reads.
    void stopReading()
    {
        QVERIFY(QTest::qWaitFor([this] { return m_peer != nullptr; }));
        if (m_detached >= 0)
            return;
        m_detached = ::fcntl(peerDescriptor(), F_DUPFD_CLOEXEC, 0);
        QVERIFY(m_detached >= 0);
        QObject::disconnect(m_peer, nullptr, nullptr, nullptr);
        m_peer->close();
    }
    // Ends the connection.
    void closePeer()
    {
        QVERIFY(QTest::qWaitFor([this] { return m_peer != nullptr; }));
        if (m_detached >= 0)
            ::close(std::exchange(m_detached, -1));
        else
            m_peer->close();
    }
    // Resets it, with unread data: TCP and Unix streams then both tell the
    // client ECONNRESET.
    void resetPeer()
    {
        stopReading();
        const linger hard {1, 0}; // TCP: close() sends RST (Unix: the unread data does)
        ::setsockopt(m_detached, SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
        ::close(std::exchange(m_detached, -1));
    }
    // Shuts down the write side only.
    void halfClosePeer()
    {
        QVERIFY(QTest::qWaitFor([this] { return m_peer != nullptr; }));
        QCOMPARE(::shutdown(peerDescriptor(), SHUT_WR), 0);
    }
    // Everything received so far.
    QByteArray received() const { return m_received; }
    // Writes to the client unprompted.
    void write(const QByteArray &data)
    {
        QVERIFY(QTest::qWaitFor([this] { return m_peer != nullptr; }));
        m_peer->write(data);
    }
    // How much of what it wrote the server's socket still holds.
    qint64 peerBytesToWrite() const { return m_peer ? m_peer->bytesToWrite() : 0; }
    // After stopReading(): reads the connection up to the client's end of
    // stream, or writes to it.
    QByteArray readStoppedToEnd()
    {
        // Qt made it non-blocking; Qt is done with it.
        ::fcntl(m_detached, F_SETFL, ::fcntl(m_detached, F_GETFL) & ~O_NONBLOCK);
        QByteArray all;
        char buffer[4096];
        ssize_t n;
        while ((n = ::read(m_detached, buffer, sizeof(buffer))) > 0)
            all.append(buffer, n);
        return all;
    }
    void writeStopped(QByteArrayView data)
    {
        QCOMPARE(::send(m_detached, data.data(), size_t(data.size()), MSG_NOSIGNAL),
                 ssize_t(data.size()));
    }
    // The connections accepted, and seen ending, so far.
    int connections() const { return m_connections; }
    int disconnections() const { return m_disconnections; }

protected:
    virtual int peerDescriptor() const = 0;
    // Every connection the server (QTcpServer or QLocalServer) accepts becomes the peer.
    template<typename Server>
    void adoptConnections(Server &server)
    {
        QObject::connect(&server, &Server::newConnection, &server, [this, &server] {
            while (auto *peer = server.nextPendingConnection()) {
                adopt(peer);
                QObject::connect(peer, &std::remove_pointer_t<decltype(peer)>::disconnected, peer,
                                 [this] { ++m_disconnections; });
            }
        });
    }
    QIODevice *m_peer = nullptr;

private:
    void adopt(QIODevice *peer)
    {
        m_peer = peer;
        ++m_connections;
        QObject::connect(peer, &QIODevice::readyRead, peer, [this, peer] {
            const QByteArray data = peer->readAll();
            m_received += data;
            if (m_answer.isEmpty()) {
                peer->write(data);
                return;
            }
            for (const QByteArray &chunk : std::exchange(m_answer, {}))
                peer->write(chunk);
        });
    }
    QList<QByteArray> m_answer;
    QByteArray m_received;
    int m_detached = -1;
    int m_connections = 0;
    int m_disconnections = 0;
};

class TcpEchoServer final : public StreamEchoServer
{
public:
    // port 0: any free one; another: a server started again where one was
    // (QTcpServer reuses the address).
    explicit TcpEchoServer(const QHostAddress &host = QHostAddress(QHostAddress::LocalHost),
                           quint16 port = 0)
    {
        m_server.setProxy(QNetworkProxy::NoProxy);
        QVERIFY(m_server.listen(host, port));
        adoptConnections(m_server);
    }
    QHostAddress host() const { return m_server.serverAddress(); }
    quint16 port() const { return m_server.serverPort(); }
    // The port of the last connection's client.
    quint16 lastPeerPort() const
    {
        return m_peer ? static_cast<QTcpSocket *>(m_peer)->peerPort() : 0;
    }

private:
    int peerDescriptor() const override
    {
        return int(static_cast<QTcpSocket *>(m_peer)->socketDescriptor());
    }
    QTcpServer m_server;
};

// A Unix stream server in a temporary directory of its own, or at path (a
// server started again where one was).
class LocalEchoServer final : public StreamEchoServer
{
public:
    explicit LocalEchoServer(const QString &path = {})
    {
        m_server.setSocketOptions(QLocalServer::UserAccessOption);
        QVERIFY(
            m_server.listen(path.isEmpty() ? m_dir.filePath(QStringLiteral("echo.sock")) : path));
        adoptConnections(m_server);
    }
    QString path() const { return m_server.fullServerName(); }

private:
    int peerDescriptor() const override
    {
        return int(static_cast<QLocalSocket *>(m_peer)->socketDescriptor());
    }
    QTemporaryDir m_dir;
    QLocalServer m_server;
};

class UdpEchoServer
{
public:
    explicit UdpEchoServer(const QHostAddress &host = QHostAddress(QHostAddress::LocalHost))
    {
        m_socket.setProxy(QNetworkProxy::NoProxy);
        QVERIFY(m_socket.bind(host, 0));
        QObject::connect(&m_socket, &QIODevice::readyRead, &m_socket, [this] {
            while (m_socket.hasPendingDatagrams()) {
                const QNetworkDatagram datagram = m_socket.receiveDatagram();
                m_lastPeerPort = quint16(datagram.senderPort());
                const QList<QByteArray> answer
                    = m_answer.isEmpty() ? QList {datagram.data()} : std::exchange(m_answer, {});
                for (const QByteArray &reply : answer)
                    m_socket.writeDatagram(reply, datagram.senderAddress(), m_lastPeerPort);
            }
        });
    }
    QHostAddress host() const { return m_socket.localAddress(); }
    quint16 port() const { return m_socket.localPort(); }
    // The port the last datagram came from.
    quint16 lastPeerPort() const { return m_lastPeerPort; }
    // The next datagram the server receives is answered with these datagrams
    // instead of its echo.
    void answerNextWith(const QList<QByteArray> &raw) { m_answer = raw; }

private:
    QUdpSocket m_socket;
    QList<QByteArray> m_answer;
    quint16 m_lastPeerPort = 0;
};

} // namespace EasyNetTest
