// ReadRequest: what one read of an endpoint is asked for besides the packet:
// where the ancillary data that comes with the packet goes (Unix sockets;
// without a request the kernel drops it, so no descriptor leaks in), and who
// sees the raw bytes read (for bytesReceived()). The client passes it down;
// nothing in a read calls back up into the client.
#pragma once

#include <EasyNet/socketancillary.h>

#include <QtCore/QByteArrayView>

#include <functional>
#include <optional>

namespace EasyNet {

struct AncillaryRequest
{
    SocketAncillary target; // shares the caller's state
    qsizetype bufsize; // the control buffer's size
};

struct ReadRequest
{
    std::optional<AncillaryRequest> ancillary;
    std::function<void(QByteArrayView)> observer;
};

} // namespace EasyNet
