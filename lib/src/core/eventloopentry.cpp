#include "core/eventloopentry_p.h"

#include <utility>

namespace EasyNet {

namespace {

struct ThreadState
{
    bool active = false;
    bool mayBlock = false;
    int depth = 0;
};

// Read on every delivery: the initial-exec model makes that one load instead
// of a call to __tls_get_addr() (a few bytes of static TLS, as glibc reserves
// for libraries that are dlopen()ed, as through a QML plugin).
#if defined(__GNUC__)
__attribute__((tls_model("initial-exec")))
#endif
thread_local ThreadState t_state;

} // namespace

EventLoopEntry::EventLoopEntry() : m_wasActive(t_state.active)
{
    t_state.active = true;
    t_state.mayBlock = false;
    ++t_state.depth;
}

EventLoopEntry::~EventLoopEntry()
{
    t_state.active = m_wasActive;
    --t_state.depth;
}

bool EventLoopEntry::active()
{
    return t_state.active;
}

int EventLoopEntry::depth()
{
    return t_state.depth;
}

void EventLoopEntry::noteMayBlock()
{
    t_state.mayBlock = true;
}

bool EventLoopEntry::takeMayBlock()
{
    return std::exchange(t_state.mayBlock, false);
}

bool EventLoopEntry::setActive(bool active)
{
    return std::exchange(t_state.active, active);
}

} // namespace EasyNet
