// StreamFrameRecorder: the exact bytes of each packet on a stream, for the
// packet log. The client decodes the stream itself and hands over values; this
// runs a second decoder of the same protocol over the same bytes (the client's
// bytesReceived()) and keeps, per packet or parse error, the bytes that the
// decoder consumed for it, in order, so the log shows what the peer really
// sent (JSON with its own spacing, the malformed line itself).
//
// Bytes a decoder skips without buffering them (the rest of a too-large
// length-prefixed frame) belong to the error's frame when they come in the
// same read; skipped in a later read they are dropped, unless a new frame
// starts in that read too, which then holds them.
#pragma once

#include <EasyNet/streamprotocol.h>

#include <QtCore/QByteArray>

#include <deque>
#include <optional>

namespace EasyNetConsole {

class StreamFrameRecorder
{
public:
    StreamFrameRecorder(const EasyNet::StreamProtocol &protocol, qsizetype maxPacketSize);

    // Bytes as they came off the stream.
    void feed(QByteArrayView bytes);
    // The bytes of the oldest packet or parse error not taken yet.
    std::optional<QByteArray> takeFrame();
    qsizetype pendingFrames() const { return qsizetype(m_frames.size()); }
    // Bytes fed that are no packet or parse error yet: at the end of the
    // stream, the start of a packet the peer never finished.
    QByteArray unfinished() const { return m_unconsumed; }

private:
    EasyNet::StreamReceiver m_receiver;
    QByteArray m_unconsumed; // fed, not yet part of a frame
    std::deque<QByteArray> m_frames;
};

} // namespace EasyNetConsole
