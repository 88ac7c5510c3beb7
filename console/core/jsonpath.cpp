#include "jsonpath.h"

#include "packetformat.h"

namespace EasyNetConsole {

namespace {

bool isKeyCharacter(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-');
}

} // namespace

std::optional<JsonPath> JsonPath::parse(QStringView text, QString *error, qsizetype *position,
                                        qsizetype *end)
{
    const auto fail = [&](const QString &reason, qsizetype at) -> std::optional<JsonPath> {
        if (error)
            *error = reason;
        if (position)
            *position = at;
        return std::nullopt;
    };
    qsizetype i = 0;
    while (i < text.size() && text[i].isSpace())
        ++i;
    if (i >= text.size() || text[i] != QLatin1Char('$'))
        return fail(tr("a JSON path starts with $"), i);
    ++i;
    JsonPath path;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c == QLatin1Char('.')) {
            const qsizetype start = ++i;
            while (i < text.size() && isKeyCharacter(text[i]))
                ++i;
            if (i == start)
                return fail(tr("a key after '.' (letters, digits, _ and -; use ['key'] for "
                               "others)"),
                            start);
            path.m_steps.emplace_back(text.sliced(start, i - start).toString());
        } else if (c == QLatin1Char('[')) {
            const qsizetype open = i++;
            if (i < text.size() && (text[i] == QLatin1Char('\'') || text[i] == QLatin1Char('"'))) {
                const QChar quote = text[i++];
                QString key;
                while (i < text.size() && text[i] != quote) {
                    if (text[i] == QLatin1Char('\\') && i + 1 < text.size())
                        ++i;
                    key += text[i++];
                }
                if (i + 1 >= text.size() || text[i + 1] != QLatin1Char(']'))
                    return fail(tr("a quoted key ends with its quote and ]"), open);
                i += 2;
                path.m_steps.emplace_back(key);
            } else {
                const qsizetype start = i;
                while (i < text.size() && text[i].isDigit())
                    ++i;
                bool ok = false;
                const qsizetype index = text.sliced(start, i - start).toLongLong(&ok);
                if (!ok || i >= text.size() || text[i] != QLatin1Char(']'))
                    return fail(tr("[ takes an index (0, 1, ...) or a quoted key, then ]"), open);
                ++i;
                path.m_steps.emplace_back(index);
            }
        } else {
            break;
        }
    }
    if (end)
        *end = i;
    return path;
}

std::optional<QVariant> JsonPath::select(const QVariant &value) const
{
    QVariant current = value;
    for (const Step &step : m_steps) {
        const std::optional<PacketFormat::Members> members = PacketFormat::members(current);
        if (!members)
            return std::nullopt;
        if (const QString *key = std::get_if<QString>(&step)) {
            if (!members->isMap)
                return std::nullopt;
            const auto found
                = std::find_if(members->entries.cbegin(), members->entries.cend(),
                               [key](const auto &entry) { return entry.first == *key; });
            if (found == members->entries.cend())
                return std::nullopt;
            current = found->second;
        } else {
            const qsizetype index = std::get<qsizetype>(step);
            if (members->isMap || index >= members->entries.size())
                return std::nullopt;
            current = members->entries.at(index).second;
        }
    }
    return current;
}

} // namespace EasyNetConsole
