#include <EasyNet/errors.h>
#include <EasyNet/exceptions.h>

#include "enumkey_p.h"

#include <cerrno>
#include <cstring>

namespace EasyNet {

static ErrorCause causeOf(ErrorCode code)
{
    switch (code) {
    case ErrorCode::EndOfStream: return ErrorCause::EndOfStream;
    case ErrorCode::ConnectionReset: return ErrorCause::PeerReset;
    case ErrorCode::TlsError: return ErrorCause::Tls;
    default: return ErrorCause::None;
    }
}

static QString withContext(const QString &context, const QString &message)
{
    return context.isEmpty() ? message : context + QStringLiteral(": ") + message;
}

Error::Error(ErrorCode code, QString message, int osErrno)
    : Error(code, causeOf(code), std::move(message), osErrno)
{
    if (m_cause == ErrorCause::Tls)
        m_tlsReason = m_message;
}

Error::Error(ErrorCode code, ErrorCause cause, QString message, int osErrno)
    : m_code(code), m_message(std::move(message)), m_osErrno(osErrno), m_cause(cause)
{
}

Error::Error(ErrorCode code, const ParseError &parseError, QString message)
    : m_code(code)
    , m_message(message.isEmpty() ? parseError.toString() : std::move(message))
    , m_cause(ErrorCause::Parse)
    , m_parseError(parseError)
{
}

Error Error::fromErrno(int osErrno, const QString &context)
{
    ErrorCode code = ErrorCode::OSError;
    switch (osErrno) {
    case ECONNREFUSED: code = ErrorCode::ConnectionRefused; break;
    case ECONNRESET: code = ErrorCode::ConnectionReset; break;
    case ECONNABORTED: code = ErrorCode::ConnectionAborted; break;
    case EPIPE: code = ErrorCode::BrokenPipe; break;
    case ETIMEDOUT: code = ErrorCode::Timeout; break;
    case ENOTCONN:
    case ESHUTDOWN: code = ErrorCode::ConnectionError; break;
    default: break;
    }
    return Error(code, withContext(context, QString::fromLocal8Bit(std::strerror(osErrno))),
                 osErrno);
}

Error Error::fromTls(const QString &reason, const QString &context, ErrorCode code)
{
    Error error(code, ErrorCause::Tls, withContext(context, reason));
    error.m_tlsReason = reason;
    return error;
}

bool Error::isConnectionError() const noexcept
{
    switch (m_code) {
    case ErrorCode::ClientClosed:
    case ErrorCode::ConnectionError:
    case ErrorCode::ConnectionRefused:
    case ErrorCode::ConnectionReset:
    case ErrorCode::ConnectionAborted:
    case ErrorCode::BrokenPipe:
    case ErrorCode::ProxyConnectionRefused:
    case ErrorCode::ProxyNotFound:
    case ErrorCode::ProxyAuthenticationRequired:
    case ErrorCode::ProxyProtocolError: return true;
    default: return false;
    }
}

std::exception_ptr Error::toExceptionPtr() const
{
    try {
        throwException();
    } catch (...) {
        return std::current_exception();
    }
}

void Error::throwException() const
{
    switch (m_code) {
    case ErrorCode::ClientClosed: throw ClientClosedError(*this);
    case ErrorCode::ConnectionError: throw ConnectionError(*this);
    case ErrorCode::ConnectionRefused: throw ConnectionRefusedError(*this);
    case ErrorCode::ConnectionReset: throw ConnectionResetError(*this);
    case ErrorCode::ConnectionAborted: throw ConnectionAbortedError(*this);
    case ErrorCode::BrokenPipe: throw BrokenPipeError(*this);
    case ErrorCode::Timeout: throw TimeoutError(*this);
    case ErrorCode::StreamParseError: throw StreamProtocolParseError(*this);
    case ErrorCode::DatagramParseError: throw DatagramProtocolParseError(*this);
    case ErrorCode::EndOfStream: throw EOFError(*this);
    case ErrorCode::SerializeError: throw SerializeError(*this);
    case ErrorCode::InvalidArgument: throw ValueError(*this);
    case ErrorCode::InvalidOperation: throw RuntimeError(*this);
    case ErrorCode::ProxyConnectionRefused:
    case ErrorCode::ProxyNotFound:
    case ErrorCode::ProxyAuthenticationRequired:
    case ErrorCode::ProxyProtocolError: throw ProxyError(*this);
    case ErrorCode::NoError:
    case ErrorCode::HostNotFound:
    case ErrorCode::TlsError:
    case ErrorCode::OSError: break;
    }
    throw OSError(*this);
}

QString Error::toString() const
{
    return QStringLiteral("%1: %2").arg(QLatin1StringView(enumKey(m_code)), m_message);
}

QDebug operator<<(QDebug debug, const Error &error)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "EasyNet::Error(" << enumKey(error.code());
    if (error.osErrno() != 0)
        debug << ", errno " << error.osErrno();
    if (error.cause() != ErrorCause::None)
        debug << ", " << enumKey(error.cause());
    if (error.isError())
        debug << ", " << error.message();
    if (error.cause() == ErrorCause::Parse)
        debug << ", " << error.parseError();
    else if (error.cause() == ErrorCause::Tls && error.tlsReason() != error.message())
        debug << ", TLS reason " << error.tlsReason();
    debug << ')';
    return debug;
}

} // namespace EasyNet
