// ServerThread: runs test servers in a thread of their own with an event loop,
// for clients that block the test's thread (the blocking clients) or servers
// that must not share a thread with their client (TLS handshakes).
//
// Every hand-over between the test's thread and the server thread goes through
// std::mutex and std::condition_variable, never through Qt's cross-thread calls:
// Qt's own locks are not instrumented, so ThreadSanitizer (which runs the
// blocking clients' tests) would report the objects handed over as races.
#pragma once

#include <QtCore/QObject>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkProxy>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace EasyNetTest {

class ServerThread : public QThread
{
public:
    // setup runs in the new thread; objects it parents to context live there
    // until stop(). It returns the port (or anything) the test needs.
    explicit ServerThread(std::function<int(QObject *context)> setup) : m_setup(std::move(setup))
    {
        start();
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_ready; });
    }
    ~ServerThread() override { stop(); }

    int result() const { return m_result; }

    // Runs fn in the server thread and waits until it has run.
    void invoke(const std::function<void()> &fn)
    {
        std::unique_lock lock(m_mutex);
        m_tasks.push_back(fn);
        const quint64 ticket = ++m_posted;
        m_changed.wait(lock, [this, ticket] { return m_done >= ticket; });
    }

    void stop()
    {
        {
            std::unique_lock lock(m_mutex);
            if (!m_ready || m_finished)
                return;
            m_stopping = true;
            m_changed.wait(lock, [this] { return m_finished; });
        }
        wait();
    }

protected:
    void run() override
    {
        {
            auto context = std::make_unique<QObject>();
            const int result = m_setup(context.get());
            // The test's requests are picked up every millisecond.
            QTimer poll;
            QObject::connect(&poll, &QTimer::timeout, context.get(), [this] { runTasks(); });
            poll.start(1);
            {
                const std::lock_guard lock(m_mutex);
                m_result = result;
                m_ready = true;
                m_changed.notify_all();
            }
            exec();
        }
        // Notified under the lock: the waiter may destroy this object as soon as
        // it owns the mutex again.
        const std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_all();
    }

private:
    void runTasks()
    {
        std::unique_lock lock(m_mutex);
        while (!m_tasks.empty()) {
            const std::function<void()> task = std::move(m_tasks.front());
            m_tasks.pop_front();
            lock.unlock();
            task();
            lock.lock();
            ++m_done;
            m_changed.notify_all();
        }
        if (m_stopping)
            exit(); // from the thread itself
    }

    std::function<int(QObject *)> m_setup;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::function<void()>> m_tasks;
    quint64 m_posted = 0;
    quint64 m_done = 0;
    bool m_ready = false;
    bool m_stopping = false;
    bool m_finished = false;
    int m_result = 0;
};

// A TCP echo server on 127.0.0.1 in a thread of its own, for a client that
// holds the test's thread; result() is its port (0: it could not listen).
inline ServerThread tcpEchoServerThread()
{
    return ServerThread([](QObject *context) {
        auto *server = new QTcpServer(context);
        server->setProxy(QNetworkProxy::NoProxy);
        if (!server->listen(QHostAddress::LocalHost))
            return 0;
        QObject::connect(server, &QTcpServer::newConnection, context, [server] {
            while (QTcpSocket *socket = server->nextPendingConnection())
                QObject::connect(socket, &QIODevice::readyRead, socket,
                                 [socket] { socket->write(socket->readAll()); });
        });
        return int(server->serverPort());
    });
}

} // namespace EasyNetTest
