// EventLoopEntry: marks code that the event loop called directly (a socket
// notifier, a timer, the client scheduler). Only there may an event-driven
// client emit its signals and finish its futures at once; inside one of its
// public calls, or inside user code that a signal or a future's continuation
// runs, it defers them to the next pass of the event loop (ClientScheduler).
// The state is per thread, as an event loop is.
#pragma once

namespace EasyNet {

class EventLoopEntry
{
public:
    EventLoopEntry();
    ~EventLoopEntry();
    EventLoopEntry(const EventLoopEntry &) = delete;
    EventLoopEntry &operator=(const EventLoopEntry &) = delete;

    // True straight below an EventLoopEntry, outside user code.
    static bool active();
    // How many EventLoopEntry scopes are open: a nested event loop (run by
    // user code) opens a deeper one.
    static int depth();

    // The client scheduler's last pass ran before the thread blocks: work
    // scheduled after it, before the event loop wakes (by a slot connected to
    // aboutToBlock() after the scheduler's), needs a wake-up. Any entry from the
    // event loop means the thread woke.
    static void noteMayBlock();
    // Whether noteMayBlock() was the last word (and forgets it).
    static bool takeMayBlock();

    // Runs user code (a signal's slots, a future's continuations): anything it
    // calls on a client counts as outside the event loop.
    template<typename F>
    static void callUserCode(F &&function)
    {
        const bool wasActive = setActive(false);
        function();
        setActive(wasActive);
    }

private:
    static bool setActive(bool active);

    bool m_wasActive;
};

} // namespace EasyNet
