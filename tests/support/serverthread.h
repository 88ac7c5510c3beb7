// ServerThread: runs test servers in a thread of their own with an event loop,
// for clients that block the test's thread (the blocking clients) or servers
// that must not share a thread with their client (TLS handshakes).
#pragma once

#include <QtCore/QObject>
#include <QtCore/QThread>

#include <functional>
#include <future>

namespace EasyNetTest {

class ServerThread : public QThread
{
public:
    // setup runs in the new thread; objects it parents to context live there
    // until stop(). It returns the port (or anything) the test needs.
    explicit ServerThread(std::function<int(QObject *context)> setup) : m_setup(std::move(setup))
    {
        start();
        m_result = m_ready.get_future().get();
    }
    ~ServerThread() override { stop(); }

    int result() const { return m_result; }
    // Runs fn in the server thread and waits for it.
    void invoke(const std::function<void()> &fn)
    {
        QMetaObject::invokeMethod(m_context, fn, Qt::BlockingQueuedConnection);
    }
    void stop()
    {
        quit();
        wait();
    }

protected:
    void run() override
    {
        QObject context;
        m_context = &context;
        m_ready.set_value(m_setup(&context));
        exec();
    }

private:
    std::function<int(QObject *)> m_setup;
    std::promise<int> m_ready;
    int m_result = 0;
    QObject *m_context = nullptr;
};

} // namespace EasyNetTest
