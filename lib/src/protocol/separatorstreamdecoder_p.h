// SeparatorStreamDecoder: the shared decoder of the separator-framed formats
// (JSON lines, Line, Base64). A frame is everything up to the separator.
//
// - A frame longer than maxPacketSize is a recoverable TooLarge error, reported
//   as soon as maxPacketSize bytes arrived without a separator; the rest of it
//   is discarded as it arrives, up to and including the next separator.
// - A frame the format rejects is a recoverable Malformed error; decoding goes
//   on after its separator.
// - The separator search resumes where it stopped, so byte-by-byte feeding
//   costs linear time.
#pragma once

#include <EasyNet/streamdecoder.h>

namespace EasyNet {

class SeparatorStreamDecoder : public StreamDecoder
{
public:
    SeparatorStreamDecoder(QByteArray separator, qsizetype maxPacketSize);

    // The packets next() would return one by one from those decoded ahead
    // (takeManyDecodedAhead()), moved to the end of packets: at most max, and
    // only while they are of type only when that is valid (next() returns
    // the others). Returns how many.
    qsizetype takeDecodedPackets(QVariantList &packets, qsizetype max, QMetaType only);

protected:
    // One frame, without its separator. Returns the packet, or an invalid
    // QVariant with error filled (offsets relative to frame).
    virtual QVariant decodeFrame(QByteArrayView frame, ParseError &error) = 0;
    // The packet of the frame at the start of pending(), when the subclass
    // decoded it ahead (with frames before it, in one pass): true, with packet
    // and the frame's size, without its separator, set. decode() then takes
    // the frame as it stands, without looking for its end again or calling
    // decodeFrame(). False (the default) when there is none. Called only
    // while the subclass says it holds packets decoded ahead.
    virtual bool takeDecodedAhead(QVariant &packet, qsizetype &frameSize);
    // As takeDecodedAhead() for the frames from the start of pending() on,
    // their packets appended to packets: at most max, and only while they
    // are of type only when that is valid. Returns how many, with bytes set
    // to the size of their frames, separators included.
    virtual qsizetype takeManyDecodedAhead(QVariantList &packets, qsizetype max, QMetaType only,
                                           qsizetype &bytes);
    void setHoldsDecodedAhead(bool holds) { m_holdsDecodedAhead = holds; }

    Status decode(QVariant &packet, ParseError &error) override;

private:
    qsizetype findSeparator(QByteArrayView data, qsizetype from) const;
    Status discard();

    const QByteArray m_separator;
    qsizetype m_searchFrom = 0; // bytes of pending() known to hold no separator start
    bool m_discarding = false;
    bool m_holdsDecodedAhead = false; // (a flag: no virtual call per frame without)
};

} // namespace EasyNet
