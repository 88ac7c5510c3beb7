// ServerThread: runs test servers in a thread of their own with an event loop,
// for clients that block the test's thread (the blocking clients) or servers
// that must not share a thread with their client (TLS handshakes).
#pragma once

#include <QtCore/QObject>
#include <QtCore/QThread>

#include <memory>

#include <condition_variable>
#include <functional>
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
    // Runs fn in the server thread and waits for it (with std::mutex rather than
    // a blocking queued call, so that ThreadSanitizer sees the hand-over).
    void invoke(const std::function<void()> &fn)
    {
        bool done = false;
        QMetaObject::invokeMethod(
            m_context,
            [this, &fn, &done] {
                fn();
                const std::lock_guard lock(m_mutex);
                done = true;
                m_changed.notify_all();
            },
            Qt::QueuedConnection);
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&done] { return done; });
    }
    void stop()
    {
        quit();
        {
            // Through std::mutex, so that ThreadSanitizer (blind to QThread::wait())
            // sees everything the thread did happen before what follows.
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_finished || !isRunning(); });
        }
        wait();
    }

protected:
    void run() override
    {
        {
            auto context = std::make_unique<QObject>();
            m_context = context.get();
            const int result = m_setup(context.get());
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
    std::function<int(QObject *)> m_setup;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_ready = false;
    bool m_finished = false;
    int m_result = 0;
    QObject *m_context = nullptr;
};

} // namespace EasyNetTest
