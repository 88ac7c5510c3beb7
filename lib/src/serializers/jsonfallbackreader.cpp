#include "serializers/jsonfallbackreader_p.h"

#include "serializers/packetcborvalue_p.h"

#include <EasyNet/jsonserializer.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonValue>
#include <QtCore/QList>
#include <QtCore/QRandomGenerator>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace EasyNet {

namespace {

// Marker strings stand for the number tokens Qt's parser cannot read right. The
// random nonce makes sure no string a peer sends can pass for one.
struct Markers
{
    QByteArray jsonPrefix; // as it appears inside the rewritten JSON text
    QString prefix; // the same, once Qt has decoded the string
};

const Markers &markers()
{
    static const Markers instance = [] {
        QRandomGenerator *random = QRandomGenerator::system();
        QByteArray nonce;
        for (int i = 0; i < 2; ++i)
            nonce += QByteArray::number(random->generate64(), 16).rightJustified(16, '0');
        Markers m;
        m.jsonPrefix = QByteArrayLiteral("\\u0001EasyNet:") + nonce + ':';
        m.prefix = QChar(u'\x01') + QStringLiteral("EasyNet:") + QString::fromLatin1(nonce)
            + QLatin1Char(':');
        return m;
    }();
    return instance;
}

// Marker kinds: 'f' + the shortest text of a double, 'u' + a decimal quint64,
// 'k' + the key's position in the text, ':' and the key (still escaped).
constexpr char DoubleMarker = 'f';
constexpr char UnsignedMarker = 'u';
constexpr char KeyMarker = 'k';

struct Rewrite
{
    qsizetype newPos; // in the rewritten text (without the leading '[')
    qsizetype newSize; // size of the marker string there
    qsizetype oldSize; // size of the token it replaced
};

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A character that may start (or continue) a number token. Tokens are matched
// against Python's number grammar, so ".5", "+1", "01" and "1." are refused
// (Qt's parser would accept some of them).
constexpr bool isNumberStart(char c)
{
    return isDigit(c) || c == '-' || c == '+' || c == '.';
}

constexpr bool isNumberChar(char c)
{
    return isNumberStart(c) || c == 'e' || c == 'E';
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool matchNumber(QByteArrayView t, bool &isFloat)
{
    const qsizetype n = t.size();
    qsizetype i = 0;
    isFloat = false;
    if (i < n && t[i] == '-')
        ++i;
    if (i >= n || !isDigit(t[i]))
        return false;
    if (t[i] == '0') {
        ++i;
    } else {
        while (i < n && isDigit(t[i]))
            ++i;
    }
    if (i < n && t[i] == '.') {
        isFloat = true;
        if (++i >= n || !isDigit(t[i]))
            return false;
        while (i < n && isDigit(t[i]))
            ++i;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        isFloat = true;
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-'))
            ++i;
        if (i >= n || !isDigit(t[i]))
            return false;
        while (i < n && isDigit(t[i]))
            ++i;
    }
    return i == n;
}

// The double of a float token whose value std::from_chars reported out of range:
// +-inf when it overflows, +-0.0 when it underflows (as Python's float()).
double outOfRangeDouble(QByteArrayView t)
{
    const bool negative = t.startsWith('-');
    qsizetype i = negative ? 1 : 0;
    qint64 digitIndex = 0, pointPos = -1, firstSignificant = -1;
    for (; i < t.size() && t[i] != 'e' && t[i] != 'E'; ++i) {
        if (t[i] == '.') {
            pointPos = digitIndex;
            continue;
        }
        if (t[i] != '0' && firstSignificant < 0)
            firstSignificant = digitIndex;
        ++digitIndex;
    }
    if (pointPos < 0)
        pointPos = digitIndex;
    qint64 exponent = 0;
    if (i < t.size()) {
        ++i;
        bool negativeExponent = false;
        if (i < t.size() && (t[i] == '+' || t[i] == '-'))
            negativeExponent = t[i++] == '-';
        for (; i < t.size(); ++i)
            exponent = qMin<qint64>(exponent * 10 + (t[i] - '0'), 1'000'000'000'000LL);
        if (negativeExponent)
            exponent = -exponent;
    }
    const bool overflow = firstSignificant >= 0 && pointPos - firstSignificant + exponent > 0;
    const double magnitude = overflow ? std::numeric_limits<double>::infinity() : 0.0;
    return negative ? -magnitude : magnitude;
}

QByteArray shortestText(double value)
{
    char buffer[64];
    const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QByteArray(buffer, result.ptr - buffer);
}

// The escape starting at text[pos] (after the backslash): one of "\\/bfnrt, or
// u and four hex digits. A cut-off escape is left for Qt to report.
bool isValidEscape(QByteArrayView text, qsizetype pos)
{
    switch (text[pos]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't': return true;
    case 'u':
        for (qsizetype k = pos + 1; k < pos + 5 && k < text.size(); ++k) {
            const char h = text[k];
            if (!isDigit(h) && !(h >= 'a' && h <= 'f') && !(h >= 'A' && h <= 'F'))
                return false;
        }
        return true;
    default: return false;
    }
}

// The lexical pass: copies text into "[" text "]" and replaces, outside strings,
// NaN / Infinity / -Infinity, integral float tokens and integers beyond int64 by
// marker strings, and with markKeys every object key (a string followed by
// ':') too. Refuses number tokens outside Python's grammar and raw control
// characters inside strings (Python's strict mode).
class Rewriter
{
public:
    Rewriter(QByteArrayView text, bool markKeys) : m_text(text), m_markKeys(markKeys)
    {
        m_out.reserve(text.size() + 2);
        m_out.append('[');
    }

    // False at a fault it sees (FaultLocator tells which).
    bool run();
    const QByteArray &wrapped() const { return m_out; }
    bool hasMarkers() const { return !m_rewrites.isEmpty(); }
    // Maps an offset in the rewritten text (without '[') back to the original.
    qsizetype originalOffset(qsizetype offset) const;

private:
    void replace(qsizetype pos, qsizetype size, char kind, QByteArrayView payload);
    bool number(qsizetype pos, qsizetype end);
    // Whether the string that ends before pos is an object key.
    bool isKeyEnd(qsizetype pos) const;

    QByteArrayView m_text;
    bool m_markKeys;
    qsizetype m_keys = 0;
    QByteArray m_out;
    qsizetype m_copied = 0; // bytes of m_text already copied to m_out
    QList<Rewrite> m_rewrites;
};

void Rewriter::replace(qsizetype pos, qsizetype size, char kind, QByteArrayView payload)
{
    m_out.append(m_text.sliced(m_copied, pos - m_copied));
    const qsizetype start = m_out.size();
    m_out.append('"');
    m_out.append(markers().jsonPrefix);
    m_out.append(kind);
    m_out.append(payload);
    m_out.append('"');
    m_rewrites.append(Rewrite {start - 1, m_out.size() - start, size});
    m_copied = pos + size;
}

bool Rewriter::number(qsizetype pos, qsizetype end)
{
    const QByteArrayView token = m_text.sliced(pos, end - pos);
    bool isFloat = false;
    if (!matchNumber(token, isFloat))
        return false;
    const char *first = token.data();
    const char *last = token.data() + token.size();
    if (isFloat) {
        // Qt turns integral floats into integers ("3.0" -> 3) and rejects
        // out-of-range exponents: those go through a marker.
        double value = 0;
        const std::from_chars_result result = std::from_chars(first, last, value);
        if (result.ec == std::errc::result_out_of_range)
            value = outOfRangeDouble(token);
        if (std::trunc(value) == value)
            replace(pos, token.size(), DoubleMarker, shortestText(value));
        return true;
    }
    const bool negative = token.startsWith('-');
    if (token.size() - (negative ? 1 : 0) < 19)
        return true; // fits in qint64: Qt reads it exactly
    qint64 signedValue = 0;
    if (std::from_chars(first, last, signedValue).ec == std::errc())
        return true;
    quint64 unsignedValue = 0;
    if (!negative && std::from_chars(first, last, unsignedValue).ec == std::errc()) {
        replace(pos, token.size(), UnsignedMarker, token);
        return true;
    }
    // Beyond 64 bits: a double, as the value model says (Qt would saturate
    // negative ones at INT64_MIN).
    double value = 0;
    if (std::from_chars(first, last, value).ec == std::errc::result_out_of_range)
        value = negative ? -std::numeric_limits<double>::infinity()
                         : std::numeric_limits<double>::infinity();
    replace(pos, token.size(), DoubleMarker, shortestText(value));
    return true;
}

bool Rewriter::isKeyEnd(qsizetype pos) const
{
    while (pos < m_text.size()
           && (m_text[pos] == ' ' || m_text[pos] == '\t' || m_text[pos] == '\n'
               || m_text[pos] == '\r'))
        ++pos;
    return pos < m_text.size() && m_text[pos] == ':';
}

bool Rewriter::run()
{
    const qsizetype n = m_text.size();
    const char *data = m_text.data();
    qsizetype i = 0;
    while (i < n) {
        const char c = data[i];
        if (c == '"') {
            const qsizetype start = i;
            for (++i; i < n; ++i) {
                const char s = data[i];
                if (s == '\\') {
                    // Qt accepts any escaped character; Python only these.
                    if (++i < n && !isValidEscape(m_text, i))
                        return false;
                } else if (s == '"') {
                    break;
                } else if (static_cast<unsigned char>(s) < 0x20) {
                    return false;
                }
            }
            ++i; // past the closing quote (an unterminated string is Qt's to report)
            if (m_markKeys && i <= n && isKeyEnd(i))
                replace(start, i - start, KeyMarker,
                        QByteArray::number(m_keys++) + ':'
                            + m_text.sliced(start + 1, i - start - 2).toByteArray());
            continue;
        }
        const QByteArrayView rest = m_text.sliced(i);
        if (c == 'N' && rest.startsWith("NaN")) {
            replace(i, 3, DoubleMarker, "nan");
            i += 3;
            continue;
        }
        if (c == 'I' && rest.startsWith("Infinity")) {
            replace(i, 8, DoubleMarker, "inf");
            i += 8;
            continue;
        }
        if (c == '-' && rest.startsWith("-Infinity")) {
            replace(i, 9, DoubleMarker, "-inf");
            i += 9;
            continue;
        }
        if (isNumberStart(c)) {
            qsizetype end = i + 1;
            while (end < n && isNumberChar(data[end]))
                ++end;
            if (!number(i, end))
                return false;
            i = end;
            continue;
        }
        ++i;
    }
    m_out.append(m_text.sliced(m_copied));
    m_out.append(']');
    return true;
}

qsizetype Rewriter::originalOffset(qsizetype offset) const
{
    qsizetype delta = 0;
    for (const Rewrite &r : m_rewrites) {
        if (offset >= r.newPos + r.newSize) {
            delta += r.newSize - r.oldSize;
        } else {
            if (offset >= r.newPos)
                return r.newPos - delta;
            break;
        }
    }
    return offset - delta;
}

// Where a text Qt's parser refused goes wrong, in a user's words ("unexpected
// 'h' at offset 0"): Qt's own offsets point near, not at, the fault. A scan of
// the grammar (the reference's NaN and Infinity included) with a stack of its
// own, so that deep nesting costs no recursion; UTF-8 is not checked here.
class FaultLocator
{
public:
    explicit FaultLocator(QByteArrayView text) : m_text(text) { }

    // False when the grammar holds (the fault is one this scan does not see).
    bool locate();
    qsizetype offset() const { return m_offset; }
    QString message() const { return m_message; }

private:
    enum class Expect { Value, ValueOrClose, Key, KeyOrClose, Colon, CommaOrClose };

    bool fault(qsizetype at, const QString &what);
    bool unexpected(qsizetype at, const char *expected);
    // Past the string starting at m_pos; false with the fault set.
    bool skipString();
    // Past the literal or number at m_pos; false with the fault set.
    bool skipScalar();

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    qsizetype m_offset = 0;
    QString m_message;
};

bool FaultLocator::fault(qsizetype at, const QString &what)
{
    m_offset = at;
    m_message = what;
    return true;
}

bool FaultLocator::unexpected(qsizetype at, const char *expected)
{
    if (at >= m_text.size())
        return fault(
            at,
            QStringLiteral("the text ends where %1 should come").arg(QLatin1StringView(expected)));
    const char c = m_text[at];
    const QString found = c > 0x20 && c < 0x7f
        ? QStringLiteral("'%1'").arg(QLatin1Char(c))
        : QStringLiteral("byte 0x%1").arg(uchar(c), 2, 16, QLatin1Char('0'));
    return fault(at,
                 QStringLiteral("unexpected %1 at offset %2, where %3 should come")
                     .arg(found)
                     .arg(at)
                     .arg(QLatin1StringView(expected)));
}

bool FaultLocator::skipString()
{
    const qsizetype start = m_pos;
    for (qsizetype i = start + 1; i < m_text.size(); ++i) {
        const char c = m_text[i];
        if (c == '"') {
            m_pos = i + 1;
            return true;
        }
        if (c == '\\') {
            if (++i < m_text.size() && !isValidEscape(m_text, i))
                return !fault(i - 1, QStringLiteral("invalid escape at offset %1").arg(i - 1));
        } else if (static_cast<unsigned char>(c) < 0x20) {
            return !fault(i,
                          QStringLiteral("control character 0x%1 in a string at offset %2")
                              .arg(int(c), 2, 16, QLatin1Char('0'))
                              .arg(i));
        }
    }
    return !fault(m_text.size(),
                  QStringLiteral("the string that starts at offset %1 does not end").arg(start));
}

bool FaultLocator::skipScalar()
{
    const QByteArrayView rest = m_text.sliced(m_pos);
    for (const char *literal : {"true", "false", "null", "NaN", "Infinity", "-Infinity"}) {
        if (rest.startsWith(literal)) {
            m_pos += qsizetype(qstrlen(literal));
            return true;
        }
    }
    if (!isNumberStart(m_text[m_pos]))
        return !unexpected(m_pos, "a value");
    qsizetype end = m_pos + 1;
    while (end < m_text.size() && isNumberChar(m_text[end]))
        ++end;
    bool isFloat = false;
    if (!matchNumber(m_text.sliced(m_pos, end - m_pos), isFloat))
        return !fault(
            m_pos,
            QStringLiteral("invalid number \"%1\" at offset %2")
                .arg(QString::fromLatin1(m_text.sliced(m_pos, qMin<qsizetype>(end - m_pos, 40))))
                .arg(m_pos));
    m_pos = end;
    return true;
}

bool FaultLocator::locate()
{
    QByteArray open; // '[' and '{' of the containers the scan is in
    Expect expect = Expect::Value;
    for (;;) {
        while (m_pos < m_text.size()
               && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n'
                   || m_text[m_pos] == '\r'))
            ++m_pos;
        const bool done = open.isEmpty() && expect == Expect::CommaOrClose;
        if (m_pos >= m_text.size())
            return !done && unexpected(m_pos, open.isEmpty() ? "a value" : "more of the value");
        if (done)
            return fault(m_pos,
                         QStringLiteral("extra data after the value at offset %1").arg(m_pos));
        const char c = m_text[m_pos];
        const char close = open.isEmpty() || open.back() == '[' ? ']' : '}';
        if (c == close
            && (expect == Expect::CommaOrClose || expect == Expect::ValueOrClose
                || expect == Expect::KeyOrClose)) {
            open.chop(1);
            ++m_pos;
            expect = Expect::CommaOrClose;
            continue;
        }
        switch (expect) {
        case Expect::ValueOrClose:
        case Expect::Value:
            if (c == '[' || c == '{') {
                open.append(c);
                ++m_pos;
                expect = c == '[' ? Expect::ValueOrClose : Expect::KeyOrClose;
                continue;
            }
            if (!(c == '"' ? skipString() : skipScalar()))
                return true;
            expect = Expect::CommaOrClose;
            continue;
        case Expect::KeyOrClose:
        case Expect::Key:
            if (c != '"')
                return unexpected(m_pos, "a key in double quotes");
            if (!skipString())
                return true;
            expect = Expect::Colon;
            continue;
        case Expect::Colon:
            if (c != ':')
                return unexpected(m_pos, "':'");
            ++m_pos;
            expect = Expect::Value;
            continue;
        case Expect::CommaOrClose:
            if (c != ',')
                return unexpected(m_pos, close == ']' ? "',' or ']'" : "',' or '}'");
            ++m_pos;
            expect = close == ']' ? Expect::Value : Expect::Key;
            continue;
        }
    }
}

// Qt's value tree -> the project's value model, markers replaced.
class Converter
{
public:
    Converter(bool hasMarkers, MapForm form) : m_hasMarkers(hasMarkers), m_form(form) { }

    bool convert(const QJsonValue &value, QVariant &out, int depth);
    QString errorMessage() const { return m_error; }

private:
    bool isMarker(const QString &text) const
    {
        return m_hasMarkers && text.startsWith(markers().prefix);
    }
    bool fromMarker(const QString &text, QVariant &out);
    bool convertObject(const QJsonObject &object, QVariant &out, int depth);

    bool m_hasMarkers;
    MapForm m_form;
    QString m_error;
};

bool Converter::fromMarker(const QString &text, QVariant &out)
{
    const qsizetype prefixSize = markers().prefix.size();
    const QByteArray payload = text.sliced(prefixSize + 1).toLatin1();
    const char *first = payload.constData();
    const char *last = first + payload.size();
    if (text.at(prefixSize) == QLatin1Char(DoubleMarker)) {
        double value = 0;
        if (std::from_chars(first, last, value).ec == std::errc()) {
            out = value;
            return true;
        }
    } else {
        quint64 value = 0;
        if (std::from_chars(first, last, value).ec == std::errc()) {
            out = QVariant::fromValue(value);
            return true;
        }
    }
    m_error = QStringLiteral("internal error: bad number marker"); // cannot happen
    return false;
}

bool Converter::convert(const QJsonValue &value, QVariant &out, int depth)
{
    if ((value.isArray() || value.isObject()) && depth >= JsonSerializer::MaxNestingDepth) {
        m_error
            = QStringLiteral("nested deeper than %1 levels").arg(JsonSerializer::MaxNestingDepth);
        return false;
    }
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: out = QVariant::fromValue(nullptr); return true;
    case QJsonValue::Bool: out = value.toBool(); return true;
    case QJsonValue::Double: out = value.toVariant(); return true; // qint64 or double
    case QJsonValue::String: {
        QString text = value.toString();
        if (isMarker(text))
            return fromMarker(text, out);
        out = std::move(text);
        return true;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        QVariantList list;
        list.reserve(array.size());
        for (const QJsonValue &item : array) {
            QVariant converted;
            if (!convert(item, converted, depth + 1))
                return false;
            list.append(std::move(converted));
        }
        out = std::move(list);
        return true;
    }
    case QJsonValue::Object: return convertObject(value.toObject(), out, depth);
    }
    Q_UNREACHABLE();
}

bool Converter::convertObject(const QJsonObject &object, QVariant &out, int depth)
{
    // With MapForm::OrderedCborMap every key is a key marker (Qt sorted them):
    // its position puts the entries back in the text's order.
    QList<std::pair<qsizetype, std::pair<QVariant, QVariant>>> entries;
    entries.reserve(object.size());
    for (auto it = object.begin(); it != object.end(); ++it) {
        QString key = it.key();
        qsizetype position = entries.size();
        if (isMarker(key)) {
            const qsizetype kindAt = markers().prefix.size();
            const qsizetype colon = key.indexOf(QLatin1Char(':'), kindAt);
            if (key.at(kindAt) != QLatin1Char(KeyMarker) || colon < 0) {
                m_error = QStringLiteral("object keys must be strings");
                return false;
            }
            position = QStringView(key).sliced(kindAt + 1, colon - kindAt - 1).toLongLong();
            key.remove(0, colon + 1);
        }
        QVariant converted;
        if (!convert(it.value(), converted, depth + 1))
            return false;
        entries.append({position, {std::move(key), std::move(converted)}});
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<std::pair<QVariant, QVariant>> map;
    map.reserve(entries.size());
    for (auto &entry : entries)
        map.append(std::move(entry.second));
    out = packetFromMapEntries(map, m_form);
    return true;
}

} // namespace

QVariant JsonFallbackReader::read(QByteArrayView text, ParseError &error, MapForm form)
{
    Rewriter rewriter(text, form == MapForm::OrderedCborMap);
    const bool rewritten = rewriter.run();
    QJsonParseError qtError {0, QJsonParseError::NoError};
    const QJsonArray array
        = rewritten ? QJsonDocument::fromJson(rewriter.wrapped(), &qtError).array() : QJsonArray();
    if (!rewritten || qtError.error != QJsonParseError::NoError || array.size() != 1) {
        FaultLocator locator(text);
        if (locator.locate()) {
            error = ParseError(ParseError::Kind::Malformed,
                               QStringLiteral("not JSON: ") + locator.message(),
                               qMin(locator.offset(), text.size()), text.size(), true);
        } else {
            const qsizetype offset = qBound<qsizetype>(
                0, rewriter.originalOffset(qMax(0, qtError.offset - 1)), text.size());
            error = ParseError(ParseError::Kind::Malformed,
                               QStringLiteral("not JSON: %1 near offset %2")
                                   .arg(qtError.errorString())
                                   .arg(offset),
                               offset, text.size(), true);
        }
        return {};
    }
    Converter converter(rewriter.hasMarkers(), form);
    QVariant value;
    if (!converter.convert(array.at(0), value, 0)) {
        error = ParseError(ParseError::Kind::Malformed,
                           QStringLiteral("not JSON: ") + converter.errorMessage(), 0, text.size(),
                           true);
        return {};
    }
    return value;
}

} // namespace EasyNet
