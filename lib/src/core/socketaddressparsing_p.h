// Helpers shared by the socket address value types' fromString().
#pragma once

#include <QtCore/QStringView>

#include <optional>

namespace EasyNet::SocketAddressParsing {

// A decimal number of at most maxDigits digits, no sign, no leading zero (but "0"),
// not above max.
inline std::optional<quint32> parseDecimal(QStringView text, qsizetype maxDigits, quint32 max)
{
    if (text.isEmpty() || text.size() > maxDigits)
        return std::nullopt;
    if (text.size() > 1 && text.front() == QLatin1Char('0'))
        return std::nullopt;
    quint64 value = 0;
    for (QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
        value = value * 10 + quint64(c.unicode() - u'0');
    }
    if (value > max)
        return std::nullopt;
    return quint32(value);
}

// A port number, 0 to 65535.
inline std::optional<quint16> parsePort(QStringView text)
{
    const auto value = parseDecimal(text, 5, 65535);
    if (!value)
        return std::nullopt;
    return quint16(*value);
}

} // namespace EasyNet::SocketAddressParsing
