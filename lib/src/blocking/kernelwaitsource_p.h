// KernelWaitSource: the ReadSource of one blocking receive on a plain socket
// (TCP, Unix stream, UDP, Unix datagram): each read waits in recvmsg() until
// something comes (see BlockingSocket::receive()), so a receive that has to
// wait costs one system call, not a poll() and a recvmsg().
#pragma once

#include "blockingsocket_p.h"

#include "transport/readsource_p.h"

namespace EasyNet {

class KernelWaitSource final : public ReadSource
{
public:
    KernelWaitSource(BlockingSocket &socket, QDeadlineTimer deadline, bool datagram)
        : m_socket(socket), m_deadline(deadline), m_datagram(datagram)
    {
    }
    // Says wouldBlock only when close() was called or too little time is left
    // to wait in the kernel: the caller polls then (BlockingSocket::wait()).
    IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                  SocketAncillary *received) override
    {
        return m_socket.receive(buffer, size, ancillaryBufsize, received, m_datagram, m_deadline);
    }

private:
    BlockingSocket &m_socket;
    const QDeadlineTimer m_deadline;
    const bool m_datagram;
};

} // namespace EasyNet
