// IoResult: what one non-blocking read or write on any transport did (a
// socket's sendmsg()/recvmsg(), a TLS channel's decrypted read).
#pragma once

#include <EasyNet/errors.h>

namespace EasyNet {

struct IoResult
{
    qsizetype bytes = 0; // bytes sent / received (for a datagram: its real size)
    bool wouldBlock = false; // EAGAIN: nothing done, wait for readiness
    bool wantsWrite = false; // with wouldBlock: wait for writability (a TLS read)
    Error error; // set on failure
    bool truncated = false; // receive: the datagram was larger than the buffer (MSG_TRUNC)
    // receive: the control data was truncated (MSG_CTRUNC): error is set, yet
    // bytes were received and must be consumed.
    bool controlTruncated = false;
    // receive on a datagram transport: its end (the peer's DTLS close_notify,
    // or a failed session); error says how. A stream's end is bytes == 0.
    bool endOfStream = false;

    bool ok() const noexcept { return !wouldBlock && !error.isError(); }
};

} // namespace EasyNet
