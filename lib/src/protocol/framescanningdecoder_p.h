// FrameScanningDecoder: the shared decoder of the self-delimiting binary formats
// (CBOR, MessagePack), whose frames are data items back to back.
//
// A frame's end is found by an incremental frame scanner, not by a decoder: the
// format reads one item header at a time (readHeader()), and this class keeps the
// walk's state between feeds: the bytes of payload still to skip (string bodies)
// and a bounded stack of the element counts still expected by the open
// containers (definite counts, or indefinite ones closed by a break item). Each
// byte is looked at once, so a frame fed byte by byte costs linear time. Once
// the scanner reports a whole frame of N bytes, decodeFrame() decodes exactly
// those N bytes with the format's own parser.
//
// - A frame larger than maxPacketSize is a recoverable TooLarge error, reported
//   as soon as its known size (bytes walked plus the declared length of the
//   payload being skipped) exceeds the limit. The scanner then keeps walking the
//   rest of that frame as it arrives and discards it (never more than the limit
//   plus one chunk is buffered), and decoding goes on with the next frame: no
//   byte of the oversized frame is ever read as a new packet.
// - An invalid header, or nesting deeper than maxDepth (containers and tags),
//   is an unrecoverable Malformed error: the next frame boundary is unknown.
// - A frame the format's parser rejects (bad UTF-8, a refused key type ...) is a
//   recoverable Malformed error: its boundary is known, decoding goes on.
#pragma once

#include <EasyNet/streamdecoder.h>

#include <limits>
#include <vector>

namespace EasyNet {

class FrameScanningDecoder : public StreamDecoder
{
public:
    static constexpr int DefaultMaxDepth = 1000;

    explicit FrameScanningDecoder(qsizetype maxPacketSize, int maxDepth = DefaultMaxDepth);
    ~FrameScanningDecoder() override;

    // Decodes one datagram holding exactly one frame, with the same scanner
    // (bounded nesting) and the same decodeFrame(): trailing bytes are a
    // Malformed error, a frame cut short is Truncated. The decoder must be fresh.
    QVariant decodeDatagram(QByteArrayView data, ParseError &error);

protected:
    // One item header, as the format describes it.
    struct Header
    {
        qsizetype size = 0; // bytes of the header itself (>= 1)
        quint64 payload = 0; // raw bytes after the header that belong to the item
        quint64 children = 0; // items nested in this one (a map counts keys and values)
        bool indefinite = false; // children until a break item (children is ignored)
        bool pairs = false; // indefinite map: a break may only follow a value
        bool isBreak = false; // the break item closing the innermost indefinite container
        int type = -1; // the format's type of this item
        int chunkType = -1; // >= 0: children must be definite items of this type
    };
    enum class HeaderStatus { Ok, NeedMoreData, Invalid };

    // Reads the header at the start of bytes (never empty). NeedMoreData when
    // bytes ends inside the header; Invalid (with a message) when no valid
    // header starts there.
    virtual HeaderStatus readHeader(QByteArrayView bytes, Header &header,
                                    QString &message) const = 0;

    // One whole frame. Returns the packet, or an invalid QVariant with error
    // filled (kind, message; offsets relative to frame).
    virtual QVariant decodeFrame(QByteArrayView frame, ParseError &error) = 0;

    Status decode(QVariant &packet, ParseError &error) override;

private:
    enum class ScanStatus { NeedMoreData, Complete, Invalid };
    struct Level
    {
        quint64 remaining = 0; // for definite containers
        bool indefinite = false;
        bool pairs = false;
        bool oddCount = false; // pairs: an odd number of items seen so far
        int chunkType = -1;
    };

    ScanStatus scan(QByteArrayView data, QString &message);
    void resetScanner();
    // The least size the frame being scanned can have.
    // (Saturating: a declared length may be as large as 2^64 - 1.)
    quint64 knownFrameSize() const noexcept
    {
        const quint64 walked = quint64(m_scanPos);
        return m_skip > std::numeric_limits<quint64>::max() - walked
            ? std::numeric_limits<quint64>::max()
            : walked + m_skip;
    }

    const int m_maxDepth;
    std::vector<Level> m_stack;
    qsizetype m_scanPos = 0; // bytes of pending() walked (all in the current frame)
    qsizetype m_discarded = 0; // bytes of the current frame already consumed (discarding)
    quint64 m_skip = 0; // payload bytes of the current item not walked yet
    bool m_started = false; // the frame's first header was read
    bool m_discarding = false;
};

} // namespace EasyNet
