/// \class EasyNet::ParseError
/// ParseError: what went wrong while turning bytes into a packet, and where.
#pragma once

#include <EasyNet/easynetglobal.h>

#include <QtCore/QDebug>
#include <QtCore/QObject>
#include <QtCore/QString>

namespace EasyNet {

/// A value type (Q_GADGET): its properties are readable from QML and through
/// QMetaObject, e.g. error.parseError.kind in a QML errorOccurred handler.
class EASYNET_EXPORT ParseError
{
    Q_GADGET
    Q_PROPERTY(Kind kind READ kind)
    Q_PROPERTY(QString message READ message)
    Q_PROPERTY(qint64 offset READ offset)
    Q_PROPERTY(qint64 size READ size)
    Q_PROPERTY(bool recoverable READ isRecoverable)

public:
    /// What went wrong.
    enum class Kind {
        /// No error.
        NoError,
        Malformed, ///< the bytes are not a valid packet of this format
        TooLarge, ///< the packet is larger than the configured limit
        Truncated, ///< the stream or datagram ended in the middle of a packet
    };
    Q_ENUM(Kind)

    /// No error: kind() is Kind::NoError.
    ParseError() = default;
    /// An error of kind at offset, of size bytes; see the accessors.
    ParseError(Kind kind, QString message, qint64 offset, qint64 size, bool recoverable)
        : m_kind(kind)
        , m_message(std::move(message))
        , m_offset(offset)
        , m_size(size)
        , m_recoverable(recoverable)
    {
    }

    /// What went wrong; Kind::NoError for no error.
    Kind kind() const noexcept { return m_kind; }
    /// False for Kind::NoError.
    bool isError() const noexcept { return m_kind != Kind::NoError; }
    /// Human readable reason, e.g. "invalid JSON: unterminated string at byte 12".
    QString message() const { return m_message; }
    /// Position of the offending frame's first byte, counted from the start of the
    /// stream (or datagram), and the number of bytes the frame occupied (so far).
    qint64 offset() const noexcept { return m_offset; }
    /// See offset().
    qint64 size() const noexcept { return m_size; }
    /// True when the decoder skipped the bad frame and the stream can go on; false when
    /// the format cannot find the next packet boundary and the stream is unusable.
    bool isRecoverable() const noexcept { return m_recoverable; }

    /// "TooLarge at byte 0 (70000 bytes): line longer than 65536 bytes"
    Q_INVOKABLE QString toString() const;

    /// Equal when every field is equal.
    friend bool operator==(const ParseError &, const ParseError &) = default;

private:
    Kind m_kind = Kind::NoError;
    QString m_message;
    qint64 m_offset = 0;
    qint64 m_size = 0;
    bool m_recoverable = true;
};

/// Prints error in its toString() form.
EASYNET_EXPORT QDebug operator<<(QDebug debug, const ParseError &error);

} // namespace EasyNet
