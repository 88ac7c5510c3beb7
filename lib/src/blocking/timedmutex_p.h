// TimedMutex: a Lockable with try_lock_until() on the steady clock, built from
// std::mutex and std::condition_variable. std::timed_mutex would do, but its
// steady-clock wait goes through pthread_mutex_clocklock, which the
// ThreadSanitizer of GCC 12 does not intercept: it then reports every unlock
// as an unlock of an unlocked mutex, hiding real races in the blocking clients.
// An unlock signals the condition variable only when a thread waits on it, so
// the uncontended path (one thread per client) never touches it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace EasyNet {

class TimedMutex
{
public:
    void lock()
    {
        std::unique_lock guard(m_mutex);
        ++m_waiters;
        m_released.wait(guard, [this] { return !m_locked; });
        --m_waiters;
        m_locked = true;
    }
    bool try_lock()
    {
        const std::lock_guard guard(m_mutex);
        if (m_locked)
            return false;
        m_locked = true;
        return true;
    }
    bool try_lock_until(std::chrono::steady_clock::time_point deadline)
    {
        std::unique_lock guard(m_mutex);
        ++m_waiters;
        const bool released = m_released.wait_until(guard, deadline, [this] { return !m_locked; });
        --m_waiters;
        if (!released)
            return false;
        m_locked = true;
        return true;
    }
    void unlock()
    {
        bool waited;
        {
            const std::lock_guard guard(m_mutex);
            m_locked = false;
            waited = m_waiters > 0;
        }
        if (waited)
            m_released.notify_one();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_released;
    bool m_locked = false;
    int m_waiters = 0; // threads in lock() or try_lock_until()
};

} // namespace EasyNet
