#include "endpoint/datagramendpoint_p.h"

#include "core/socketancillary_p.h"

namespace EasyNet {

DatagramEndpoint::DatagramEndpoint(const DatagramProtocol &protocol, qsizetype maxDatagramSize)
    : m_protocol(protocol), m_maxDatagramSize(maxDatagramSize)
{
}

ReadResult DatagramEndpoint::next(ReadSource &source, QVariant &packet, Error &error,
                                  const ReadRequest &request)
{
    std::optional<SocketAncillary> incoming;
    if (request.ancillary)
        incoming.emplace();
    m_buffer.resize(m_maxDatagramSize + 1);
    const IoResult result = source.read(m_buffer.data(), m_buffer.size(),
                                        request.ancillary ? request.ancillary->bufsize : 0,
                                        incoming ? &*incoming : nullptr);
    if (result.wouldBlock)
        return ReadResult::WouldBlock;
    if (result.error.isError()) {
        error = result.error; // a truncated control buffer drops the datagram
        return result.endOfStream ? ReadResult::EndOfStream : ReadResult::Error;
    }
    const QByteArrayView datagram(m_buffer.constData(), qMin(result.bytes, m_buffer.size()));
    if (request.observer)
        request.observer(datagram);
    if (result.bytes > m_maxDatagramSize) {
        error = Error(
            ErrorCode::DatagramParseError,
            ParseError(
                ParseError::Kind::TooLarge,
                QStringLiteral("datagram larger than the limit of %1 bytes").arg(m_maxDatagramSize),
                0, result.bytes, true));
        return ReadResult::Error;
    }
    ParseError parseError;
    packet = m_protocol.buildPacketFromDatagram(datagram, parseError);
    if (parseError.isError()) {
        error = Error(ErrorCode::DatagramParseError, parseError);
        return ReadResult::Error; // incoming's descriptors are closed
    }
    if (incoming && incoming->hasReceivedData()) {
        SocketAncillary caller = request.ancillary->target; // shares the caller's state
        SocketAncillaryAccess::moveReceived(*incoming, caller);
    }
    return ReadResult::Packet;
}

} // namespace EasyNet
