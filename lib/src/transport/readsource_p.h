// ReadSource: what an endpoint reads from (a socket engine, a TLS channel):
// the small transport interface of the receive pipeline, one read per call.
#pragma once

#include "transport/ioresult_p.h"

namespace EasyNet {

class SocketAncillary;

class ReadSource
{
public:
    virtual ~ReadSource() = default;
    // One read into buffer, never waiting: wouldBlock when nothing is there.
    // A stream gives what it has (bytes == 0 with ok() is the end of the
    // stream); a datagram socket gives one datagram, and when it did not fit,
    // bytes is more than size (its real size, or size + 1 where the source
    // cannot tell). With ancillaryBufsize > 0, ancillary data that comes with
    // the bytes is collected into *received.
    virtual IoResult read(char *buffer, qsizetype size, qsizetype ancillaryBufsize,
                          SocketAncillary *received)
        = 0;
};

} // namespace EasyNet
