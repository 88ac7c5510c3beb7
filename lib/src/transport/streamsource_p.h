// StreamSource: what a StreamEndpoint reads from (a raw socket, a TLS
// channel): the small transport interface of the stream pipeline.
#pragma once

#include "transport/unixsocket_p.h"

namespace EasyNet {

class StreamSource
{
public:
    virtual ~StreamSource() = default;
    // One read into buffer, never waiting: wouldBlock when nothing is there;
    // bytes == 0 with ok() is the end of the stream. With ancillaryBufsize > 0,
    // ancillary data that comes with the bytes is collected into *received.
    virtual UnixSocket::IoResult readStream(char *buffer, qsizetype size,
                                            qsizetype ancillaryBufsize, SocketAncillary *received)
        = 0;
};

} // namespace EasyNet
