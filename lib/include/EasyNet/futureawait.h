// C++20 coroutines over QFuture:
//
//   QFuture<void> talk(EasyNet::TcpClient &client)   // a coroutine returning QFuture
//   {
//       co_await client.waitConnected();
//       co_await client.sendPacket(QStringLiteral("hello"));
//       const QVariant answer = co_await client.recvPacket();   // throws on failure
//   }
//
// co_await on a QFuture resumes the coroutine in the thread that finishes the
// future (for a client: the client's thread) and returns its result, or throws
// the exception it failed with (exceptions.h). A coroutine declared to return
// QFuture<T> starts at once and finishes its future with the co_return value or
// the exception that escaped it.
#pragma once

#include <QtCore/QFuture>
#include <QtCore/QPromise>

#include <coroutine>
#include <exception>

namespace EasyNet::detail {

template <typename T>
struct FutureAwaiter
{
    QFuture<T> future;

    bool await_ready() const { return future.isFinished(); }
    void await_suspend(std::coroutine_handle<> handle)
    {
        // A continuation taking the QFuture runs on success and failure alike.
        future.then(QtFuture::Launch::Sync, [handle](const QFuture<T> &) { handle.resume(); });
    }
    T await_resume()
    {
        if constexpr (std::is_void_v<T>)
            future.waitForFinished(); // rethrows a stored exception
        else
            return future.result();   // rethrows a stored exception
    }
};

template <typename T>
struct FuturePromiseBase
{
    QPromise<T> promise;

    QFuture<T> get_return_object()
    {
        promise.start();
        return promise.future();
    }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void unhandled_exception()
    {
        promise.setException(std::current_exception());
        promise.finish();
    }
};

template <typename T>
struct FuturePromise : FuturePromiseBase<T>
{
    template <typename U>
    void return_value(U &&value)
    {
        this->promise.addResult(std::forward<U>(value));
        this->promise.finish();
    }
};

template <>
struct FuturePromise<void> : FuturePromiseBase<void>
{
    void return_void() { this->promise.finish(); }
};

} // namespace EasyNet::detail

template <typename T>
EasyNet::detail::FutureAwaiter<T> operator co_await(QFuture<T> future)
{
    return {std::move(future)};
}

template <typename T, typename... Args>
struct std::coroutine_traits<QFuture<T>, Args...>
{
    using promise_type = EasyNet::detail::FuturePromise<T>;
};
