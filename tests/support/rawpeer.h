// The other end of a client under test: a raw socket of its transport that the
// test drives (it echoes from a thread of its own, or writes, half-closes,
// resets and closes as the test says). Raw sockets and std::thread only, so
// that ThreadSanitizer sees every hand-over to a blocking client.
#pragma once

#include "clientundertest.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>

#include <sys/socket.h>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace EasyNetTest {

class RawPeer
{
public:
    RawPeer(int fd, bool stream);
    ~RawPeer();
    Q_DISABLE_COPY_MOVE(RawPeer)

    // Echoes in a thread of its own until the peer goes or until the client's
    // end of stream, which it answers with its own.
    void startEcho();
    // Stream: the bytes; datagram: one datagram (each chunk in turn).
    void write(QByteArrayView data);
    void write(const QList<QByteArray> &chunks);
    void shutdownWrite();
    void close();
    void reset(); // streams: close with a reset (RST)
    // Runs action in a thread of its own after delay (joined when the peer goes).
    void after(std::chrono::milliseconds delay, std::function<void()> action);
    // TCP and UDP: the port of the client's end, and of this one.
    quint16 peerPort() const;
    quint16 localPort() const;
    // Stream: everything up to the client's end of stream.
    QByteArray readToEnd();
    // What has arrived so far, without waiting (datagrams one after the other).
    QByteArray readAvailable();

private:
    bool sendAll(QByteArrayView data);
    void stopThreads();

    int m_fd;
    bool m_stream;
    int m_stop;
    std::thread m_echo;
    std::vector<std::thread> m_later;
};

// The address a socket is bound to.
struct BoundAddress
{
    sockaddr_storage storage {};
    socklen_t length = sizeof(sockaddr_storage);
    quint16 port() const;
    sockaddr *raw() { return reinterpret_cast<sockaddr *>(&storage); }
};
BoundAddress localAddressOf(int fd);

// A socket of the transport's type bound to 127.0.0.1:0 or [::1]:0 (inet), or path (Unix).
int boundSocket(Transport transport, const QString &path, bool ipv6 = false);

// Where the peer listens, and how the client reaches it.
struct PeerPlace
{
    QString unixPath; // Unix transports
    bool ipv6 = false; // TCP and UDP on ::1
    bool adopt = false; // the client adopts a socket connected first
};

// One client, connected, and its peer.
struct PeerConnection
{
    std::unique_ptr<ClientUnderTest> client;
    std::unique_ptr<RawPeer> peer;
    qintptr adopted = -1; // the descriptor the client adopted
};

// Makes the client of setup (its address set to the peer's) in form and
// connects it to a fresh peer (QVERIFY inside; check QTest::currentTestFailed()).
PeerConnection connectToRawPeer(Form form, ClientSetup setup, const PeerPlace &place);

} // namespace EasyNetTest
