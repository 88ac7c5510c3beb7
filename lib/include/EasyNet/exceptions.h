/// \file
/// Exceptions of the blocking API, mirroring the reference's hierarchy:
///
/// \verbatim
///   Exception
///   ├── OSError                    (osErrno())
///   │   ├── ConnectionError
///   │   │   ├── ClientClosedError
///   │   │   ├── ConnectionRefusedError, ConnectionResetError,
///   │   │   │   ConnectionAbortedError, BrokenPipeError
///   │   ├── TimeoutError
///   │   └── (host not found, TLS errors: OSError with error().code())
///   ├── ProtocolParseError         (parseError())
///   │   ├── StreamProtocolParseError
///   │   └── DatagramProtocolParseError
///   ├── EOFError
///   ├── SerializeError             (the packet cannot be serialized)
///   ├── ValueError                 (an argument out of range or of the wrong kind)
///   └── RuntimeError               (a call not allowed in the client's state)
/// \endverbatim
///
/// Every exception carries the Error value it was made from.
#pragma once

#include <EasyNet/errors.h>

#include <QtCore/QByteArray>

#include <exception>

namespace EasyNet {

/// The base of every exception of the blocking API; carries the Error it was made from.
class EASYNET_EXPORT Exception : public std::exception
{
public:
    /// An exception for error; what() is error.toString().
    explicit Exception(Error error);
    /// error().toString() in UTF-8.
    const char *what() const noexcept override { return m_what.constData(); }
    /// The Error this exception was made from.
    const Error &error() const noexcept { return m_error; }
    /// error().message().
    QString message() const { return m_error.message(); }

private:
    Error m_error;
    QByteArray m_what;
};

/// Declares exception class Name deriving from Base, with Base's constructors
/// (undefined at the end of this header).
#define EASYNET_DECLARE_EXCEPTION(Name, Base)                                                      \
    class EASYNET_EXPORT Name : public Base                                                        \
    {                                                                                              \
    public:                                                                                        \
        using Base::Base;                                                                          \
    };

/// An operating system error (errno in osErrno()), also host not found and TLS errors.
class EASYNET_EXPORT OSError : public Exception
{
public:
    /// Exception's constructors.
    using Exception::Exception;
    /// The operating system's errno, 0 when none applies.
    int osErrno() const noexcept { return error().osErrno(); }
};

/// The connection is gone (ErrorCode::ConnectionError; the subclasses name the more
/// specific codes).
EASYNET_DECLARE_EXCEPTION(ConnectionError, OSError)
/// The client was closed by this side (ErrorCode::ClientClosed).
EASYNET_DECLARE_EXCEPTION(ClientClosedError, ConnectionError)
/// Nothing listens at the address (ErrorCode::ConnectionRefused, ECONNREFUSED).
EASYNET_DECLARE_EXCEPTION(ConnectionRefusedError, ConnectionError)
/// The peer reset the connection (ErrorCode::ConnectionReset, ECONNRESET).
EASYNET_DECLARE_EXCEPTION(ConnectionResetError, ConnectionError)
/// The connection was aborted, e.g. by the peer ending the stream
/// (ErrorCode::ConnectionAborted, ECONNABORTED).
EASYNET_DECLARE_EXCEPTION(ConnectionAbortedError, ConnectionError)
/// A send to a peer that closed (ErrorCode::BrokenPipe, EPIPE).
EASYNET_DECLARE_EXCEPTION(BrokenPipeError, ConnectionError)
/// The proxy could not be reached, refused, wanted credentials or spoke
/// garbage (ErrorCode::Proxy*); what the target did through the proxy is
/// reported with the target's own error (ConnectionRefusedError ...).
EASYNET_DECLARE_EXCEPTION(ProxyError, ConnectionError)
/// The call's timeout expired (ErrorCode::Timeout, ETIMEDOUT).
EASYNET_DECLARE_EXCEPTION(TimeoutError, OSError)

/// A packet could not be parsed; parseError() says where and why.
class EASYNET_EXPORT ProtocolParseError : public Exception
{
public:
    /// Exception's constructors.
    using Exception::Exception;
    /// Where and why parsing failed.
    ParseError parseError() const { return error().parseError(); }
};

/// A packet of a stream could not be parsed (ErrorCode::StreamParseError).
EASYNET_DECLARE_EXCEPTION(StreamProtocolParseError, ProtocolParseError)
/// A datagram could not be parsed (ErrorCode::DatagramParseError).
EASYNET_DECLARE_EXCEPTION(DatagramProtocolParseError, ProtocolParseError)
/// End of stream (ErrorCode::EndOfStream).
EASYNET_DECLARE_EXCEPTION(EOFError, Exception)
/// The packet cannot be serialized by the chosen format (ErrorCode::SerializeError).
EASYNET_DECLARE_EXCEPTION(SerializeError, Exception)
/// An argument out of range or of the wrong kind (ErrorCode::InvalidArgument).
EASYNET_DECLARE_EXCEPTION(ValueError, Exception)
/// A call not allowed in the client's state (ErrorCode::InvalidOperation).
EASYNET_DECLARE_EXCEPTION(RuntimeError, Exception)

#undef EASYNET_DECLARE_EXCEPTION

} // namespace EasyNet
