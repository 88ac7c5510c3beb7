// DatagramRelay: a UDP relay on 127.0.0.1 between a client and a server, in a
// thread of its own, that loses the datagrams the test says (to show a DTLS
// handshake retransmitting a lost flight) and sends datagrams of its own to
// the client from the server's side (forged or stray ones: the client's
// connected socket takes them, as they come from its peer's address).
#pragma once

#include <QtCore/QByteArray>

#include <sys/socket.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

namespace EasyNetTest {

class DatagramRelay
{
public:
    enum class From { Client, Server };
    // drop(from, index): whether the index-th datagram (from 0) coming from
    // that side is lost.
    DatagramRelay(quint16 serverPort, std::function<bool(From, int)> drop);
    ~DatagramRelay();
    Q_DISABLE_COPY_MOVE(DatagramRelay)

    // Where the client sends.
    quint16 port() const { return m_port; }
    // Datagrams lost so far.
    int dropped() const { return m_dropped.load(); }
    // Sends bytes to the client from the server's side (once it has spoken).
    void inject(const QByteArray &bytes);

private:
    void run();

    const std::function<bool(From, int)> m_drop;
    int m_clientSide; // bound to port(): the client's peer
    int m_serverSide; // connected to the server
    int m_wake[2];
    quint16 m_port = 0;
    std::atomic<int> m_dropped {0};
    std::mutex m_mutex; // the client's address
    sockaddr_storage m_client {};
    socklen_t m_clientLength = 0;
    std::thread m_thread;
};

} // namespace EasyNetTest
