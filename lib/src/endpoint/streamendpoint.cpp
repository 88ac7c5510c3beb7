#include "endpoint/streamendpoint_p.h"

#include "core/socketancillary_p.h"
#include "transport/socketio_p.h"

#include <cerrno>

namespace EasyNet {

StreamEndpoint::StreamEndpoint(const StreamProtocol &protocol, qsizetype maxPacketSize,
                               qsizetype maxRecvSize)
    : m_receiver(protocol.createReceiver(maxPacketSize)), m_maxRecvSize(maxRecvSize)
{
}

ReadResult StreamEndpoint::endOfStream(Error &error)
{
    if (!m_atEnd) {
        m_atEnd = true;
        const ParseError truncated = m_receiver.endOfStream();
        m_endError = Error(ErrorCode::ConnectionAborted, ErrorCause::EndOfStream,
                           truncated.isError()
                               ? QStringLiteral("the peer closed the connection in the middle "
                                                "of a packet (%1 bytes lost)")
                                     .arg(truncated.size())
                               : QStringLiteral("the peer closed the connection"),
                           ECONNABORTED);
    }
    error = m_endError;
    return ReadResult::EndOfStream;
}

ReadResult StreamEndpoint::next(ReadSource &source, QVariant &packet, Error &error,
                                const ReadRequest &request)
{
    const std::optional<AncillaryRequest> &ancillary = request.ancillary;
    for (;;) {
        ParseError parseError;
        switch (m_receiver.next(packet, parseError)) {
        case StreamDecoder::Status::Packet: return ReadResult::Packet;
        case StreamDecoder::Status::Error:
            error = Error(ErrorCode::StreamParseError, parseError);
            return ReadResult::Error;
        case StreamDecoder::Status::NeedMoreData: break;
        }
        if (m_atEnd)
            return endOfStream(error);
        if (m_failure.isError()) {
            error = m_failure;
            return ReadResult::Failed;
        }
        if (m_receiver.isBroken()) {
            // Reported once as a parse error; nothing can be read after it.
            error = Error(ErrorCode::ConnectionAborted,
                          QStringLiteral("the stream is unusable after an unrecoverable parse "
                                         "error"),
                          ECONNABORTED);
            return ReadResult::Failed;
        }
        // Ancillary data is asked for only by a receive waiting for this
        // packet; otherwise the kernel drops it (no descriptor leaks in).
        std::optional<SocketAncillary> incoming;
        if (ancillary)
            incoming.emplace();
        const std::span<char> target = m_receiver.prepareWrite(m_maxRecvSize);
        const IoResult result
            = source.read(target.data(), m_maxRecvSize, ancillary ? ancillary->bufsize : 0,
                          incoming ? &*incoming : nullptr);
        if (result.wouldBlock) {
            m_receiver.commitWrite(0);
            m_wantsWrite = result.wantsWrite;
            return ReadResult::WouldBlock;
        }
        if (result.error.isError() && !result.controlTruncated) {
            m_receiver.commitWrite(0);
            error = m_failure = result.error;
            return ReadResult::Failed;
        }
        if (result.bytes > 0 && request.observer)
            request.observer(QByteArrayView(target.data(), result.bytes));
        m_receiver.commitWrite(result.bytes);
        if (result.controlTruncated) {
            // The bytes stay in the stream; this receive reports the loss.
            error = result.error;
            return ReadResult::Error;
        }
        if (result.bytes == 0)
            return endOfStream(error);
        if (!incoming || !incoming->hasReceivedData())
            continue;
        // The chunk carried ancillary data: it belongs to the packet that
        // completes in this chunk, and to no later one.
        switch (m_receiver.next(packet, parseError)) {
        case StreamDecoder::Status::Packet: {
            SocketAncillary caller = ancillary->target; // shares the caller's state
            SocketAncillaryAccess::moveReceived(*incoming, caller);
            return ReadResult::Packet;
        }
        case StreamDecoder::Status::Error:
            error = Error(ErrorCode::StreamParseError, parseError);
            return ReadResult::Error; // incoming's descriptors are closed
        case StreamDecoder::Status::NeedMoreData: break;
        }
        error
            = SocketIo::partialChunkError(result.bytes, incoming->receivedFileDescriptors().size());
        return ReadResult::Error;
    }
}

} // namespace EasyNet
