/// \file
/// Exceptions of the blocking API, mirroring the reference's hierarchy:
///
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
///
/// Every exception carries the Error value it was made from.
#pragma once

#include <EasyNet/errors.h>

#include <QtCore/QByteArray>

#include <exception>

namespace EasyNet {

class EASYNET_EXPORT Exception : public std::exception
{
public:
    explicit Exception(Error error);
    const char *what() const noexcept override { return m_what.constData(); }
    const Error &error() const noexcept { return m_error; }
    QString message() const { return m_error.message(); }

private:
    Error m_error;
    QByteArray m_what;
};

#define EASYNET_DECLARE_EXCEPTION(Name, Base)                        \
    class EASYNET_EXPORT Name : public Base                          \
    {                                                                \
    public:                                                          \
        using Base::Base;                                            \
    };

class EASYNET_EXPORT OSError : public Exception
{
public:
    using Exception::Exception;
    int osErrno() const noexcept { return error().osErrno(); }
};

EASYNET_DECLARE_EXCEPTION(ConnectionError, OSError)
EASYNET_DECLARE_EXCEPTION(ClientClosedError, ConnectionError)
EASYNET_DECLARE_EXCEPTION(ConnectionRefusedError, ConnectionError)
EASYNET_DECLARE_EXCEPTION(ConnectionResetError, ConnectionError)
EASYNET_DECLARE_EXCEPTION(ConnectionAbortedError, ConnectionError)
EASYNET_DECLARE_EXCEPTION(BrokenPipeError, ConnectionError)
EASYNET_DECLARE_EXCEPTION(TimeoutError, OSError)

class EASYNET_EXPORT ProtocolParseError : public Exception
{
public:
    using Exception::Exception;
    ParseError parseError() const { return error().parseError(); }
};

EASYNET_DECLARE_EXCEPTION(StreamProtocolParseError, ProtocolParseError)
EASYNET_DECLARE_EXCEPTION(DatagramProtocolParseError, ProtocolParseError)
EASYNET_DECLARE_EXCEPTION(EOFError, Exception)
EASYNET_DECLARE_EXCEPTION(SerializeError, Exception)
EASYNET_DECLARE_EXCEPTION(ValueError, Exception)
EASYNET_DECLARE_EXCEPTION(RuntimeError, Exception)

#undef EASYNET_DECLARE_EXCEPTION

} // namespace EasyNet
