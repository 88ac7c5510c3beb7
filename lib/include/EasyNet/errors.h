// Error codes and the Error value reported by the event-driven API
// (errorOccurred signals, failed futures). The blocking API throws the
// matching exception from exceptions.h.
#pragma once

#include <EasyNet/easynetglobal.h>
#include <EasyNet/parseerror.h>

#include <QtCore/QMetaType>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <exception>

namespace EasyNet {
Q_NAMESPACE_EXPORT(EASYNET_EXPORT)

// One code per exception class of the reference API's hierarchy.
enum class ErrorCode {
    NoError,
    ClientClosed,       // ClientClosedError: the client was closed by this side
    ConnectionError,    // ConnectionError: the connection is gone (generic)
    ConnectionRefused,  // ConnectionRefusedError
    ConnectionReset,    // ConnectionResetError
    ConnectionAborted,  // ConnectionAbortedError
    BrokenPipe,         // BrokenPipeError
    HostNotFound,       // name resolution failed (OSError in the reference)
    TlsError,           // handshake / certificate / hostname failure (ssl.SSLError)
    Timeout,            // TimeoutError
    OSError,            // OSError: any other errno
    StreamParseError,   // StreamProtocolParseError
    DatagramParseError, // DatagramProtocolParseError
    EndOfStream,        // EOFError
    SerializeError,     // the packet cannot be serialized by the chosen format
    InvalidArgument,    // ValueError: a call's argument is out of range or of the wrong kind
    InvalidOperation,   // RuntimeError: a call not allowed in this state (an option
                        // set after open(), a send after sendEof())
};
Q_ENUM_NS(ErrorCode)

class EASYNET_EXPORT Error
{
public:
    Error() = default;
    Error(ErrorCode code, QString message, int osErrno = 0)
        : m_code(code), m_message(std::move(message)), m_osErrno(osErrno)
    {}
    Error(ErrorCode code, const ParseError &parseError)
        : m_code(code), m_message(parseError.toString()), m_parseError(parseError)
    {}

    // Builds the Error matching an errno value (ECONNREFUSED -> ConnectionRefused ...).
    static Error fromErrno(int osErrno, const QString &context = {});

    ErrorCode code() const noexcept { return m_code; }
    bool isError() const noexcept { return m_code != ErrorCode::NoError; }
    QString message() const { return m_message; }
    int osErrno() const noexcept { return m_osErrno; }
    // Set for StreamParseError / DatagramParseError.
    ParseError parseError() const { return m_parseError; }
    // True for codes the reference reports as ConnectionError subclasses.
    bool isConnectionError() const noexcept;

    // The exception of exceptions.h matching this error; throwException() throws it.
    std::exception_ptr toExceptionPtr() const;
    [[noreturn]] void throwException() const;

    // "ConnectionRefused: connection refused (127.0.0.1:1)"
    QString toString() const;

    friend bool operator==(const Error &, const Error &) = default;

private:
    ErrorCode m_code = ErrorCode::NoError;
    QString m_message;
    int m_osErrno = 0;
    ParseError m_parseError;
};

EASYNET_EXPORT QDebug operator<<(QDebug debug, const Error &error);

} // namespace EasyNet

Q_DECLARE_METATYPE(EasyNet::Error)
