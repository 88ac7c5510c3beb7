// WaitFirstSource: a ReadSource that says "would block" once, before its
// first read, without a system call. A blocking TLS receive whose last read had
// to wait (request/response: the answer is not there yet) thus polls first,
// instead of making a read that only fails with EAGAIN.
#pragma once

#include "transport/readsource_p.h"

namespace EasyNet {

class WaitFirstSource final : public ReadSource
{
public:
    WaitFirstSource(ReadSource &source, bool waitFirst) : m_source(source), m_waitFirst(waitFirst)
    {
    }
    IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                  SocketAncillary *received) override
    {
        if (m_waitFirst) {
            m_waitFirst = false;
            IoResult notYet;
            notYet.wouldBlock = true;
            return notYet;
        }
        return m_source.read(buffer, size, ancillaryBufsize, received);
    }

private:
    ReadSource &m_source;
    bool m_waitFirst;
};

} // namespace EasyNet
