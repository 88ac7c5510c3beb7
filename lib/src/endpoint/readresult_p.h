// ReadResult: what one read of an endpoint gave, for every client.
#pragma once

namespace EasyNet {

enum class ReadResult {
    Packet, // the packet is set
    Error, // the error is set and goes to the next receiver; the connection
           // goes on unless it is a parse error that cannot recover
    WouldBlock, // nothing more until the transport is readable
    EndOfStream, // the peer ended the stream; the error says how (a packet cut short, say)
    Failed, // the error is set: the connection is broken
};

} // namespace EasyNet
