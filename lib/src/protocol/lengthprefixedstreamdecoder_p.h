// LengthPrefixedStreamDecoder: the shared decoder of the formats whose frames
// start with a big-endian length header (LengthPrefixed, DataStream) or have a
// fixed size (Struct: header size 0 and a fixed frame size).
//
// - A frame is the header (1, 2 or 4 bytes, unsigned, big-endian, counting the
//   payload only) followed by that many payload bytes.
// - A header announcing more than maxPacketSize is a recoverable TooLarge error,
//   reported as soon as the header is read. Since the length is known, exactly
//   that many bytes are then skipped as they arrive (consumed, never buffered)
//   and decoding resynchronises on the next header.
// - A payload the format rejects is a recoverable Malformed error: the frame
//   boundary is known, so decoding goes on with the next frame.
// - bufferedSize() never exceeds header + maxPacketSize + the last fed chunk.
#pragma once

#include <EasyNet/streamdecoder.h>

namespace EasyNet {

class LengthPrefixedStreamDecoder : public StreamDecoder
{
public:
    // headerSize: 1, 2 or 4 for a length header; 0 with fixedFrameSize > 0 for
    // fixed-size records without a header.
    LengthPrefixedStreamDecoder(int headerSize, qsizetype maxPacketSize,
                                qsizetype fixedFrameSize = 0);

protected:
    // One frame's payload. Returns the packet, or an invalid QVariant with error
    // filled (offsets relative to payload).
    virtual QVariant decodeFrame(QByteArrayView payload, ParseError &error) = 0;

    Status decode(QVariant &packet, ParseError &error) override;

private:
    const int m_headerSize;
    const qsizetype m_fixedFrameSize;
    quint64 m_skipRemaining = 0; // payload bytes of an oversized frame still to drop
};

} // namespace EasyNet
