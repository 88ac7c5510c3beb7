// ParseError: what went wrong while turning bytes into a packet, and where.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QDebug>
#include <QtCore/QString>

namespace EasyNet {

class EASYNET_EXPORT ParseError
{
public:
    enum Kind {
        NoError,
        Malformed,   // the bytes are not a valid packet of this format
        TooLarge,    // the packet is larger than the configured limit
        Truncated,   // the stream or datagram ended in the middle of a packet
    };

    ParseError() = default;
    ParseError(Kind kind, QString message, qint64 offset, qint64 size, bool recoverable)
        : m_kind(kind), m_message(std::move(message)), m_offset(offset), m_size(size),
          m_recoverable(recoverable)
    {}

    Kind kind() const noexcept { return m_kind; }
    bool isError() const noexcept { return m_kind != NoError; }
    // Human readable reason, e.g. "invalid JSON: unterminated string at byte 12".
    QString message() const { return m_message; }
    // Position of the offending frame's first byte, counted from the start of the
    // stream (or datagram), and the number of bytes the frame occupied (so far).
    qint64 offset() const noexcept { return m_offset; }
    qint64 size() const noexcept { return m_size; }
    // True when the decoder skipped the bad frame and the stream can go on; false when
    // the format cannot find the next packet boundary and the stream is unusable.
    bool isRecoverable() const noexcept { return m_recoverable; }

    // "TooLarge at byte 0 (70000 bytes): line longer than 65536 bytes"
    QString toString() const;

    friend bool operator==(const ParseError &, const ParseError &) = default;

private:
    Kind m_kind = NoError;
    QString m_message;
    qint64 m_offset = 0;
    qint64 m_size = 0;
    bool m_recoverable = true;
};

EASYNET_EXPORT QDebug operator<<(QDebug debug, const ParseError &error);

} // namespace EasyNet
