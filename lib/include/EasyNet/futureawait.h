/// \file
/// C++20 coroutines over QFuture, opt-in and inside namespace EasyNet, so that the
/// header lives side by side with QCoro in one translation unit: it declares no
/// global operator co_await and no std::coroutine_traits for QFuture.
///
/// With QCoro (Debian's qcoro-qt6-dev; find_package(QCoro6 COMPONENTS Core) and
/// link QCoro6::Core): a QCoro::Task coroutine co_awaits the clients' futures
/// directly, or through EasyNet::await(); both return the result or throw the
/// exception the future failed with (exceptions.h):
///
/// \code
///   #include <QCoro/QCoroFuture>
///   #include <QCoro/QCoroTask>
///
///   QCoro::Task<QString> talk(EasyNet::TcpClient &client)
///   {
///       co_await client.waitConnected();
///       co_await client.sendPacket(QStringLiteral("hello"));
///       const QVariant answer = co_await client.recvPacket();   // throws on failure
///       co_return answer.toString();
///   }
/// \endcode
///
/// Without QCoro: declare the coroutine to return EasyNet::FutureCoroutine<T>,
/// which converts to the QFuture<T> that the coroutine finishes, and wrap each
/// awaited future in EasyNet::await():
///
/// \code
///   #include <EasyNet/futureawait.h>
///
///   EasyNet::FutureCoroutine<QString> talk(EasyNet::TcpClient &client)
///   {
///       co_await EasyNet::await(client.waitConnected());
///       co_await EasyNet::await(client.sendPacket(QStringLiteral("hello")));
///       const QVariant answer = co_await EasyNet::await(client.recvPacket());
///       co_return answer.toString();
///   }
///
///   const QFuture<QString> result = talk(client);
/// \endcode
///
/// co_await EasyNet::await(future) resumes the coroutine in the thread that
/// finishes the future (for a client: the client's thread), not through an event
/// loop. A FutureCoroutine starts at once and finishes its future with the
/// co_return value, or with the exception that escaped the coroutine.
#pragma once

#include <QtCore/QFuture>
#include <QtCore/QPromise>

#include <coroutine>
#include <exception>
#include <type_traits>

namespace EasyNet {

/// The awaitable EasyNet::await() returns; usable from any coroutine type.
template<typename T>
class FutureAwaiter
{
public:
    /// Awaits future.
    explicit FutureAwaiter(QFuture<T> future) : m_future(std::move(future)) { }

    /// True when the future has already finished (no suspension).
    bool await_ready() const { return m_future.isFinished(); }
    /// Resumes the coroutine from the future's continuation.
    void await_suspend(std::coroutine_handle<> handle)
    {
        // The continuation may run at once, inside then(), and the resumed coroutine
        // may destroy this awaiter: call then() on a copy, never on m_future.
        QFuture<T> future = m_future;
        // A continuation taking the QFuture runs on success and failure alike.
        future.then(QtFuture::Launch::Sync, [handle](const QFuture<T> &) { handle.resume(); });
    }
    /// The future's result; rethrows the exception the future failed with.
    T await_resume()
    {
        if constexpr (std::is_void_v<T>)
            m_future.waitForFinished(); // rethrows a stored exception
        else
            return m_future.result(); // rethrows a stored exception
    }

private:
    QFuture<T> m_future;
};

template<typename T>
/// Makes future awaitable: `co_await EasyNet::await(future)` gives its result or
/// throws its exception.
FutureAwaiter<T> await(QFuture<T> future)
{
    return FutureAwaiter<T>(std::move(future));
}

namespace detail {

template<typename T>
class FutureCoroutinePromiseBase;
template<typename T>
class FutureCoroutinePromise;

} // namespace detail

/// The return type of a coroutine whose result is delivered through a QFuture<T>.
template<typename T>
class FutureCoroutine
{
public:
    /// The promise type, required by the C++ coroutine machinery.
    using promise_type = detail::FutureCoroutinePromise<T>;

    /// The future the coroutine finishes.
    QFuture<T> future() const { return m_future; }
    /// The same as future().
    operator QFuture<T>() const { return m_future; }

private:
    friend class detail::FutureCoroutinePromiseBase<T>;
    explicit FutureCoroutine(QFuture<T> future) : m_future(std::move(future)) { }

    QFuture<T> m_future;
};

namespace detail {

template<typename T>
class FutureCoroutinePromiseBase
{
public:
    FutureCoroutine<T> get_return_object()
    {
        m_promise.start();
        return FutureCoroutine<T>(m_promise.future());
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void unhandled_exception()
    {
        m_promise.setException(std::current_exception());
        m_promise.finish();
    }

protected:
    QPromise<T> m_promise;
};

template<typename T>
class FutureCoroutinePromise : public FutureCoroutinePromiseBase<T>
{
public:
    template<typename U>
    void return_value(U &&value)
    {
        this->m_promise.addResult(std::forward<U>(value));
        this->m_promise.finish();
    }
};

template<>
class FutureCoroutinePromise<void> : public FutureCoroutinePromiseBase<void>
{
public:
    void return_void() { m_promise.finish(); }
};

} // namespace detail

} // namespace EasyNet
