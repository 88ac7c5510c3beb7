#include <EasyNet/errors.h>
#include <EasyNet/exceptions.h>

#include <QtCore/QMetaEnum>

#include <cerrno>
#include <cstring>

namespace EasyNet {

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
    QString message = QString::fromLocal8Bit(std::strerror(osErrno));
    if (!context.isEmpty())
        message = context + QStringLiteral(": ") + message;
    return Error(code, message, osErrno);
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
        return true;
    default:
        return false;
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
    case ErrorCode::NoError:
    case ErrorCode::HostNotFound:
    case ErrorCode::TlsError:
    case ErrorCode::OSError:
        break;
    }
    throw OSError(*this);
}

QString Error::toString() const
{
    const char *name = QMetaEnum::fromType<ErrorCode>().valueToKey(int(m_code));
    return QStringLiteral("%1: %2").arg(QLatin1StringView(name ? name : "Unknown"), m_message);
}

QDebug operator<<(QDebug debug, const Error &error)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "EasyNet::Error(" << error.toString() << ')';
    return debug;
}

} // namespace EasyNet
