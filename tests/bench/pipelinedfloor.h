// The floor of the pipelined rows: what the hardware allows a client that
// does the same JSON work with no library and no event loop. A poll() loop on
// a non-blocking socket keeps `window` packets in flight, writes each packet
// from a template with its number put in by std::to_chars, and parses each
// echoed line with simdjson's on-demand parser, checking its "n".
#pragma once

#include "benchpackets.h"

namespace EasyNetBench {

// count packets of kind over the connected stream socket fd (closed at the
// end); the seconds they took.
double pipelinedFloor(int fd, PacketKind kind, long count, long window);

} // namespace EasyNetBench
