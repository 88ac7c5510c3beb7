#include <EasyNet/parseerror.h>

#include "enumkey_p.h"

namespace EasyNet {

QString ParseError::toString() const
{
    if (!isError())
        return QStringLiteral("no error");
    return QStringLiteral("%1 at byte %2 (%3 bytes): %4")
        .arg(QLatin1StringView(enumKey(m_kind)))
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
