// UniqueFunction: a move-only void() callable (C++23's std::move_only_function
// for C++20), so that a deferred call can own what it finishes, a QPromise say.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace EasyNet {

class UniqueFunction
{
public:
    UniqueFunction() = default;
    template<typename F,
             typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, UniqueFunction>>>
    UniqueFunction(F &&function) // NOLINT(google-explicit-constructor): a function-like wrapper
        : m_callable(std::make_unique<Model<std::decay_t<F>>>(std::forward<F>(function)))
    {
    }

    void operator()() { m_callable->call(); }

private:
    struct Concept
    {
        virtual ~Concept() = default;
        virtual void call() = 0;
    };
    template<typename F>
    struct Model final : Concept
    {
        explicit Model(F &&f) : function(std::move(f)) { }
        explicit Model(const F &f) : function(f) { }
        void call() override { function(); }
        F function;
    };

    std::unique_ptr<Concept> m_callable;
};

} // namespace EasyNet
