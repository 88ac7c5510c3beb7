/// \file
/// Error codes and the Error value reported by the event-driven API
/// (errorOccurred signals, failed futures). The blocking API throws the
/// matching exception from exceptions.h.
#pragma once

#include <EasyNet/easynetglobal.h>
#include <EasyNet/parseerror.h>

#include <QtCore/QMetaType>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <exception>

namespace EasyNet {
Q_NAMESPACE_EXPORT(EASYNET_EXPORT)

/// One code per exception class of the reference API's hierarchy.
enum class ErrorCode {
    /// No error.
    NoError,
    ClientClosed, ///< ClientClosedError: the client was closed by this side
    ConnectionError, ///< ConnectionError: the connection is gone (generic)
    ConnectionRefused, ///< ConnectionRefusedError
    ConnectionReset, ///< ConnectionResetError
    ConnectionAborted, ///< ConnectionAbortedError
    BrokenPipe, ///< BrokenPipeError
    HostNotFound, ///< name resolution failed (OSError in the reference)
    TlsError, ///< handshake / certificate / hostname failure (ssl.SSLError)
    Timeout, ///< TimeoutError
    OSError, ///< OSError: any other errno
    StreamParseError, ///< StreamProtocolParseError
    DatagramParseError, ///< DatagramProtocolParseError
    EndOfStream, ///< EOFError
    SerializeError, ///< the packet cannot be serialized by the chosen format
    InvalidArgument, ///< ValueError: a call's argument is out of range or of the wrong kind
    InvalidOperation, ///< RuntimeError: a call not allowed in this state (an option
                      ///< set after open(), a send after sendEof())
    ProxyConnectionRefused, ///< ProxyError: the proxy could not be reached, or refused by its rules
    ProxyNotFound, ///< ProxyError: the proxy's host name did not resolve
    ProxyAuthenticationRequired, ///< ProxyError: the proxy wants credentials, or refused them
    ProxyProtocolError, ///< ProxyError: the proxy's answer is not its protocol (garbage, truncated)
};
Q_ENUM_NS(ErrorCode)

/// What lies behind an error when the code alone does not say it: a
/// ConnectionAborted may come from the peer ending the stream, a ConnectionError
/// from a TLS close without close_notify or from a parse error the stream cannot
/// recover from.
enum class ErrorCause {
    /// Nothing more than the code says.
    None,
    EndOfStream, ///< the peer ended the stream (FIN, EOF)
    PeerReset, ///< the peer reset the connection (RST, ECONNRESET)
    Tls, ///< a TLS failure; Error::tlsReason() says which
    Parse, ///< a packet could not be parsed; Error::parseError() says where
    /// The proxy reported it: the target refused or could not be reached
    /// through the proxy (the SOCKS5 reply or HTTP status is in the message),
    /// or the proxy handshake timed out.
    Proxy,
};
Q_ENUM_NS(ErrorCause)

/// A value type (Q_GADGET): readable from QML (error.code, error.message,
/// error.osErrno, error.cause, error.parseError.offset ...) and through QMetaObject.
class EASYNET_EXPORT Error
{
    Q_GADGET
    Q_PROPERTY(EasyNet::ErrorCode code READ code)
    Q_PROPERTY(QString message READ message)
    Q_PROPERTY(int osErrno READ osErrno)
    Q_PROPERTY(EasyNet::ErrorCause cause READ cause)
    Q_PROPERTY(EasyNet::ParseError parseError READ parseError)
    Q_PROPERTY(QString tlsReason READ tlsReason)

public:
    /// No error: code() is ErrorCode::NoError.
    Error() = default;
    /// The cause follows from the code: EndOfStream -> EndOfStream,
    /// ConnectionReset -> PeerReset, TlsError -> Tls (the message is the TLS
    /// reason), any other code -> None.
    Error(ErrorCode code, QString message, int osErrno = 0);
    /// An explicit cause, e.g. ConnectionAborted caused by EndOfStream.
    Error(ErrorCode code, ErrorCause cause, QString message, int osErrno = 0);
    /// Cause Parse; the message defaults to parseError.toString().
    Error(ErrorCode code, const ParseError &parseError, QString message = {});

    /// Builds the Error matching an errno value (ECONNREFUSED -> ConnectionRefused ...).
    static Error fromErrno(int osErrno, const QString &context = {});
    /// Cause Tls: "context: reason", tlsReason() is the reason alone.
    static Error fromTls(const QString &reason, const QString &context = {},
                         ErrorCode code = ErrorCode::TlsError);

    /// The error code; ErrorCode::NoError for no error.
    ErrorCode code() const noexcept { return m_code; }
    /// False for ErrorCode::NoError.
    bool isError() const noexcept { return m_code != ErrorCode::NoError; }
    /// What happened, for people (also the exception's what()).
    QString message() const { return m_message; }
    /// The operating system's errno, 0 when none applies.
    int osErrno() const noexcept { return m_osErrno; }
    /// What lies behind the error, when the code alone does not say it.
    ErrorCause cause() const noexcept { return m_cause; }
    /// Set when cause() is Parse.
    ParseError parseError() const { return m_parseError; }
    /// Set when cause() is Tls, e.g. "The certificate has expired".
    QString tlsReason() const { return m_tlsReason; }
    /// True for codes the reference reports as ConnectionError subclasses.
    bool isConnectionError() const noexcept;

    /// The exception of exceptions.h matching this error; throwException() throws it.
    std::exception_ptr toExceptionPtr() const;
    /// Throws toExceptionPtr().
    [[noreturn]] void throwException() const;

    /// "ConnectionRefused: connection refused (127.0.0.1:1)"
    Q_INVOKABLE QString toString() const;

    /// Equal when every field is equal.
    friend bool operator==(const Error &, const Error &) = default;

private:
    ErrorCode m_code = ErrorCode::NoError;
    QString m_message;
    int m_osErrno = 0;
    ErrorCause m_cause = ErrorCause::None;
    ParseError m_parseError;
    QString m_tlsReason;
};

/// EasyNet::Error(ConnectionReset, errno 104, PeerReset, "Connection reset by peer")
EASYNET_EXPORT QDebug operator<<(QDebug debug, const Error &error);

} // namespace EasyNet

Q_DECLARE_METATYPE(EasyNet::Error)
