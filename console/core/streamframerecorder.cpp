#include "streamframerecorder.h"

namespace EasyNetConsole {

StreamFrameRecorder::StreamFrameRecorder(const EasyNet::StreamProtocol &protocol,
                                         qsizetype maxPacketSize)
    : m_receiver(protocol.createReceiver(maxPacketSize))
{
}

void StreamFrameRecorder::feed(QByteArrayView bytes)
{
    if (m_receiver.isBroken())
        return;
    m_unconsumed += bytes;
    m_receiver.feed(bytes);
    for (;;) {
        QVariant packet;
        EasyNet::ParseError error;
        if (m_receiver.next(packet, error) == EasyNet::StreamDecoder::Status::NeedMoreData)
            break;
        const qsizetype consumed = m_unconsumed.size() - m_receiver.bufferedSize();
        m_frames.push_back(m_unconsumed.left(consumed));
        m_unconsumed.remove(0, consumed);
        if (m_receiver.isBroken())
            return;
    }
    // What the decoder neither buffered nor framed was skipped.
    if (const qsizetype skipped = m_unconsumed.size() - m_receiver.bufferedSize(); skipped > 0)
        m_unconsumed.remove(0, skipped);
}

std::optional<QByteArray> StreamFrameRecorder::takeFrame()
{
    if (m_frames.empty())
        return std::nullopt;
    QByteArray frame = std::move(m_frames.front());
    m_frames.pop_front();
    return frame;
}

} // namespace EasyNetConsole
