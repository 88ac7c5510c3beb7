#include "packettemplate.h"

#include <QtCore/QDateTime>
#include <QtCore/QRandomGenerator>
#include <QtCore/QUuid>

namespace EasyNetConsole {

namespace {

// s as the inside of a JSON string (without the quotes).
QString jsonEscaped(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (const QChar c : s) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
            out += c;
        } else if (c.unicode() < 0x20) {
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    return out;
}

bool isIdentifier(const QString &name)
{
    if (name.isEmpty() || name.front().isDigit())
        return false;
    return std::all_of(name.begin(), name.end(),
                       [](QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); });
}

bool isGroupNumber(const QString &name)
{
    return !name.isEmpty()
        && std::all_of(name.begin(), name.end(), [](QChar c) { return c.isDigit(); });
}

bool isBuiltin(const QString &name)
{
    return name == u"counter" || name == u"time" || name == u"random" || name == u"uuid";
}

} // namespace

PacketTemplate::PacketTemplate(Composer::Mode mode, const QString &text)
    : m_mode(mode), m_text(text)
{
    scan();
}

bool PacketTemplate::hasVariables() const
{
    return std::any_of(m_pieces.begin(), m_pieces.end(),
                       [](const Piece &piece) { return piece.isVariable; });
}

QStringList PacketTemplate::matchGroups() const
{
    QStringList groups;
    for (const Piece &piece : m_pieces) {
        if (piece.isVariable && !isBuiltin(piece.parts.front()))
            groups.append(piece.parts.front());
    }
    return groups;
}

void PacketTemplate::scan()
{
    const auto fail = [this](const QString &reason, qsizetype at) {
        m_errorString = reason;
        m_errorPosition = int(at);
        m_pieces.clear();
    };
    if (m_mode == Composer::Mode::Hex) {
        m_pieces.push_back({0, int(m_text.size()), false, {}, false});
        return;
    }
    bool inString = false;
    qsizetype literalStart = 0;
    qsizetype i = 0;
    const auto addLiteral = [&](qsizetype end) {
        if (end > literalStart)
            m_pieces.push_back({int(literalStart), int(end - literalStart), false, {}, false});
    };
    while (i < m_text.size()) {
        const QChar c = m_text.at(i);
        if (m_mode == Composer::Mode::Json && inString && c == QLatin1Char('\\')) {
            i += 2; // an escaped character never ends the string
            continue;
        }
        if (m_mode == Composer::Mode::Json && c == QLatin1Char('"')) {
            inString = !inString;
            ++i;
            continue;
        }
        if (!QStringView(m_text).mid(i).startsWith(QLatin1String("{{"))) {
            ++i;
            continue;
        }
        const qsizetype close = m_text.indexOf(QLatin1String("}}"), i + 2);
        if (close < 0)
            return fail(tr("'{{' without '}}': a variable is written {{name}}"), i);
        const QString inside = m_text.mid(i + 2, close - i - 2).trimmed();
        const QStringList parts = inside.split(QLatin1Char(':'));
        const QString &name = parts.front();
        const QString shown = m_text.mid(i, close + 2 - i);
        if (name == u"time") {
            if (parts.size() > 2
                || (parts.size() == 2 && parts[1] != u"iso" && parts[1] != u"unix"))
                return fail(
                    tr("%1: the time is {{time}}, {{time:iso}} or {{time:unix}}").arg(shown), i);
        } else if (name == u"random") {
            bool minOk = false;
            bool maxOk = false;
            const qint64 min = parts.size() == 3 ? parts[1].toLongLong(&minOk) : 0;
            const qint64 max = parts.size() == 3 ? parts[2].toLongLong(&maxOk) : 0;
            if (!minOk || !maxOk)
                return fail(
                    tr("%1: a random number is {{random:MIN:MAX}}, with integers").arg(shown), i);
            if (min > max)
                return fail(tr("%1: MIN is greater than MAX").arg(shown), i);
        } else if (name == u"counter" || name == u"uuid") {
            if (parts.size() != 1)
                return fail(tr("%1 takes no arguments").arg(shown), i);
        } else if (parts.size() != 1 || (!isGroupNumber(name) && !isIdentifier(name))) {
            return fail(tr("%1 is not a variable: use counter, time, random, uuid, or a rule's "
                           "group (a number or a name)")
                            .arg(shown),
                        i);
        }
        addLiteral(i);
        m_pieces.push_back({int(i), int(close + 2 - i), true, parts, inString});
        i = close + 2;
        literalStart = i;
    }
    addLiteral(m_text.size());
}

std::optional<QVariant> PacketTemplate::value(const Piece &piece, const Context &context,
                                              QString *error) const
{
    const QString &name = piece.parts.front();
    if (name == u"counter")
        return QVariant(context.counter);
    if (name == u"time") {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (piece.parts.size() == 2 && piece.parts[1] == u"unix")
            return QVariant(now.toMSecsSinceEpoch());
        return QVariant(now.toString(Qt::ISODateWithMs));
    }
    if (name == u"random") {
        const qint64 min = piece.parts[1].toLongLong();
        const qint64 max = piece.parts[2].toLongLong();
        // bounded() excludes its upper bound; the full qint64 range has no
        // such bound, so draw the offset as an unsigned number.
        const quint64 span = quint64(max) - quint64(min);
        const quint64 offset = span == std::numeric_limits<quint64>::max()
            ? QRandomGenerator::global()->generate64()
            : QRandomGenerator::global()->bounded(span + 1);
        return QVariant(qint64(quint64(min) + offset));
    }
    if (name == u"uuid")
        return QVariant(QUuid::createUuid().toString(QUuid::WithoutBraces));
    const QString shown = m_text.mid(piece.start, piece.length);
    if (!context.match.hasMatch()) {
        if (error)
            *error = tr("%1 is a rule's group: it has a value only in a rule's reply").arg(shown);
        return std::nullopt;
    }
    if (isGroupNumber(name)) {
        const int group = name.toInt();
        if (group > context.match.lastCapturedIndex()
            && group > context.match.regularExpression().captureCount()) {
            if (error)
                *error = tr("%1: the rule's pattern has no such group").arg(shown);
            return std::nullopt;
        }
        return QVariant(context.match.captured(group));
    }
    if (!context.match.regularExpression().namedCaptureGroups().contains(name)) {
        if (error)
            *error = tr("%1: the rule's pattern has no group of that name").arg(shown);
        return std::nullopt;
    }
    return QVariant(context.match.captured(name));
}

std::optional<QString> PacketTemplate::render(const Context &context, QString *error) const
{
    return renderPieces(context, error, nullptr, nullptr);
}

std::optional<QString> PacketTemplate::renderPieces(const Context &context, QString *error,
                                                    int *position,
                                                    std::vector<int> *renderedStarts) const
{
    if (!m_errorString.isEmpty()) {
        if (error)
            *error = m_errorString;
        if (position)
            *position = m_errorPosition;
        return std::nullopt;
    }
    QString out;
    out.reserve(m_text.size());
    for (const Piece &piece : m_pieces) {
        if (renderedStarts)
            renderedStarts->push_back(int(out.size()));
        if (!piece.isVariable) {
            out += QStringView(m_text).mid(piece.start, piece.length);
            continue;
        }
        const std::optional<QVariant> v = value(piece, context, error);
        if (!v) {
            if (position)
                *position = piece.start;
            return std::nullopt;
        }
        const bool isNumber = v->typeId() == QMetaType::LongLong;
        const QString text = v->toString();
        if (m_mode == Composer::Mode::Text)
            out += QString(text).replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        else if (piece.inString)
            out += jsonEscaped(text);
        else if (isNumber)
            out += text;
        else
            out += QLatin1Char('"') + jsonEscaped(text) + QLatin1Char('"');
    }
    return out;
}

int PacketTemplate::sourcePosition(const std::vector<int> &renderedStarts, int at) const
{
    for (size_t i = m_pieces.size(); i-- > 0;) {
        if (at < renderedStarts[i])
            continue;
        const Piece &piece = m_pieces[i];
        return piece.isVariable
            ? piece.start
            : std::min(piece.start + (at - renderedStarts[i]), piece.start + piece.length);
    }
    return at;
}

std::optional<QVariant> PacketTemplate::packet(const Context &context,
                                               const ProtocolSettings *protocol, QString *error,
                                               int *position) const
{
    std::vector<int> renderedStarts;
    const std::optional<QString> rendered = renderPieces(context, error, position, &renderedStarts);
    if (!rendered)
        return std::nullopt;
    int renderedPosition = -1;
    std::optional<QVariant> result
        = Composer::parsePacket(m_mode, *rendered, protocol, error, &renderedPosition);
    if (!result && position)
        *position = renderedPosition < 0 ? -1 : sourcePosition(renderedStarts, renderedPosition);
    return result;
}

} // namespace EasyNetConsole
