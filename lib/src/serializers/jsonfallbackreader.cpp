#include "serializers/jsonfallbackreader_p.h"

#include <EasyNet/jsonserializer.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonValue>
#include <QtCore/QList>
#include <QtCore/QRandomGenerator>

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

// Marker kinds: 'f' + the shortest text of a double, 'u' + a decimal quint64.
constexpr char DoubleMarker = 'f';
constexpr char UnsignedMarker = 'u';

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
// marker strings. Refuses number tokens outside Python's grammar and raw
// control characters inside strings (Python's strict mode).
class Rewriter
{
public:
    explicit Rewriter(QByteArrayView text) : m_text(text)
    {
        m_out.reserve(text.size() + 2);
        m_out.append('[');
    }

    bool run(ParseError &error);
    const QByteArray &wrapped() const { return m_out; }
    bool hasMarkers() const { return !m_rewrites.isEmpty(); }
    // Maps an offset in the rewritten text (without '[') back to the original.
    qsizetype originalOffset(qsizetype offset) const;

private:
    void replace(qsizetype pos, qsizetype size, char kind, QByteArrayView payload);
    bool number(qsizetype pos, qsizetype end, ParseError &error);

    QByteArrayView m_text;
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

bool Rewriter::number(qsizetype pos, qsizetype end, ParseError &error)
{
    const QByteArrayView token = m_text.sliced(pos, end - pos);
    bool isFloat = false;
    if (!matchNumber(token, isFloat)) {
        error = ParseError(
            ParseError::Kind::Malformed,
            QStringLiteral("invalid JSON: invalid number \"%1\"")
                .arg(QString::fromLatin1(token.first(qMin<qsizetype>(token.size(), 40)))),
            pos, m_text.size(), true);
        return false;
    }
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

bool Rewriter::run(ParseError &error)
{
    const qsizetype n = m_text.size();
    const char *data = m_text.data();
    qsizetype i = 0;
    while (i < n) {
        const char c = data[i];
        if (c == '"') {
            for (++i; i < n; ++i) {
                const char s = data[i];
                if (s == '\\') {
                    // Qt accepts any escaped character; Python only these.
                    const qsizetype at = i++;
                    if (i < n && !isValidEscape(m_text, i)) {
                        error = ParseError(ParseError::Kind::Malformed,
                                           QStringLiteral("invalid JSON: invalid escape"), at, n,
                                           true);
                        return false;
                    }
                } else if (s == '"') {
                    break;
                } else if (static_cast<unsigned char>(s) < 0x20) {
                    error = ParseError(ParseError::Kind::Malformed,
                                       QStringLiteral("invalid JSON: invalid control character "
                                                      "0x%1 in a string")
                                           .arg(int(s), 2, 16, QLatin1Char('0')),
                                       i, n, true);
                    return false;
                }
            }
            ++i; // past the closing quote (an unterminated string is Qt's to report)
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
            if (!number(i, end, error))
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

// Qt's value tree -> the project's value model, markers replaced.
class Converter
{
public:
    explicit Converter(bool hasMarkers) : m_hasMarkers(hasMarkers) { }

    bool convert(const QJsonValue &value, QVariant &out, int depth);
    QString errorMessage() const { return m_error; }

private:
    bool isMarker(const QString &text) const
    {
        return m_hasMarkers && text.startsWith(markers().prefix);
    }
    bool fromMarker(const QString &text, QVariant &out);

    bool m_hasMarkers;
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
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QVariantMap map;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key();
            if (isMarker(key)) {
                m_error = QStringLiteral("object keys must be strings");
                return false;
            }
            QVariant converted;
            if (!convert(it.value(), converted, depth + 1))
                return false;
            map.insert(map.cend(), key, std::move(converted)); // keys come sorted
        }
        out = std::move(map);
        return true;
    }
    }
    Q_UNREACHABLE();
}

} // namespace

QVariant JsonFallbackReader::read(QByteArrayView text, ParseError &error)
{
    Rewriter rewriter(text);
    if (!rewriter.run(error))
        return {};

    QJsonParseError qtError;
    const QJsonDocument document = QJsonDocument::fromJson(rewriter.wrapped(), &qtError);
    if (qtError.error != QJsonParseError::NoError) {
        const qsizetype offset = qBound<qsizetype>(
            0, rewriter.originalOffset(qMax(0, qtError.offset - 1)), text.size());
        error = ParseError(ParseError::Kind::Malformed,
                           QStringLiteral("invalid JSON: ") + qtError.errorString(), offset,
                           text.size(), true);
        return {};
    }
    const QJsonArray array = document.array();
    if (array.size() != 1) {
        error = ParseError(ParseError::Kind::Malformed,
                           array.isEmpty() ? QStringLiteral("invalid JSON: no value")
                                           : QStringLiteral("invalid JSON: extra data after the "
                                                            "value"),
                           0, text.size(), true);
        return {};
    }
    Converter converter(rewriter.hasMarkers());
    QVariant value;
    if (!converter.convert(array.at(0), value, 0)) {
        error = ParseError(ParseError::Kind::Malformed,
                           QStringLiteral("invalid JSON: ") + converter.errorMessage(), 0,
                           text.size(), true);
        return {};
    }
    return value;
}

} // namespace EasyNet
