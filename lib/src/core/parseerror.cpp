#include <EasyNet/parseerror.h>

namespace EasyNet {

static QLatin1StringView kindName(ParseError::Kind kind)
{
    switch (kind) {
    case ParseError::NoError: return QLatin1StringView("NoError");
    case ParseError::Malformed: return QLatin1StringView("Malformed");
    case ParseError::TooLarge: return QLatin1StringView("TooLarge");
    case ParseError::Truncated: return QLatin1StringView("Truncated");
    }
    return QLatin1StringView("Unknown");
}

QString ParseError::toString() const
{
    if (!isError())
        return QStringLiteral("no error");
    return QStringLiteral("%1 at byte %2 (%3 bytes): %4")
        .arg(kindName(m_kind))
        .arg(m_offset)
        .arg(m_size)
        .arg(m_message);
}

QDebug operator<<(QDebug debug, const ParseError &error)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "EasyNet::ParseError(" << error.toString() << ')';
    return debug;
}

} // namespace EasyNet
