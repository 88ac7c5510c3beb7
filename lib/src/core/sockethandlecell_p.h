// SocketHandleCell: the descriptor number a client's SocketHandles read. The
// client sets it once connected and invalidates it before the descriptor is
// closed (or, single-threaded, before control returns to the caller), so that
// no handle ever names a file opened later under the same number.
#pragma once

#include <EasyNet/sockethandle.h>

namespace EasyNet {

class SocketHandleCell
{
public:
    SocketHandle handle() const { return SocketHandle(m_descriptor); }
    void set(qintptr descriptor) { m_descriptor->store(descriptor, std::memory_order_release); }
    void invalidate() { set(-1); }

private:
    std::shared_ptr<std::atomic<qintptr>> m_descriptor = std::make_shared<std::atomic<qintptr>>(-1);
};

} // namespace EasyNet
