#include "serializers/jsonwriter_p.h"

#include <EasyNet/jsonserializer.h>

#include <charconv>
#include <cmath>

namespace EasyNet {

static_assert(JsonSerializer::MaxNestingDepth == PacketValueVisitor::MaxDepth);

namespace {

constexpr char HexDigits[] = "0123456789abcdef";

} // namespace

JsonWriter::JsonWriter() : PacketValueVisitor(QLatin1StringView("JSON")) { }

QByteArray JsonWriter::write(const QVariant &packet)
{
    QByteArray out;
    write(packet, out);
    return out;
}

void JsonWriter::write(const QVariant &packet, QByteArray &out, QByteArrayView suffix)
{
    JsonWriter writer;
    writer.visit(packet); // (a throw leaves out as it was)
    writer.m_out.append(suffix.data(), suffix.size());
    out.append(writer.m_out.constData(), writer.m_out.size());
}

QString JsonWriter::unsupportedMessage(QLatin1StringView typeName) const
{
    return QStringLiteral("Object of type %1 is not JSON serializable").arg(typeName);
}

void JsonWriter::refuseKey(QLatin1StringView typeName) const
{
    fail(QStringLiteral("keys must be str, int, float, bool or None, not %1").arg(typeName));
}

bool JsonWriter::beginValue()
{
    if (m_levels.isEmpty())
        return false;
    Level &level = m_levels.last();
    const bool isKey = level.map && level.count % 2 == 0;
    if (level.map && !isKey)
        m_out.append(':');
    else if (level.count > 0)
        m_out.append(',');
    ++level.count;
    return isKey;
}

void JsonWriter::writeScalar(QByteArrayView text)
{
    const bool isKey = beginValue();
    if (isKey)
        m_out.append('"');
    m_out.append(text.data(), text.size());
    if (isKey)
        m_out.append('"');
}

void JsonWriter::visitNull()
{
    writeScalar("null");
}

void JsonWriter::visitBool(bool value)
{
    writeScalar(value ? QByteArrayView("true") : QByteArrayView("false"));
}

template<typename Integer>
void JsonWriter::writeInteger(Integer value)
{
    char buffer[24];
    const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, value);
    writeScalar(QByteArrayView(buffer, result.ptr));
}

void JsonWriter::visitInteger(qint64 value)
{
    writeInteger(value);
}

void JsonWriter::visitUnsigned(quint64 value)
{
    writeInteger(value);
}

void JsonWriter::visitDouble(double value)
{
    const bool isKey = beginValue();
    if (isKey)
        m_out.append('"');
    writeDouble(value);
    if (isKey)
        m_out.append('"');
}

void JsonWriter::visitText(QStringView text)
{
    beginValue(); // a string is a string, key or not
    writeString(text);
}

void JsonWriter::visitBytes(QByteArrayView)
{
    if (beginValue())
        refuseKey(QLatin1StringView("bytes"));
    refuse(QLatin1StringView("bytes"));
}

void JsonWriter::open(char bracket, bool map, QLatin1StringView keyTypeName)
{
    if (beginValue())
        refuseKey(keyTypeName);
    m_out.append(bracket);
    m_levels.append(Level {map});
}

void JsonWriter::close(char bracket)
{
    m_levels.removeLast();
    m_out.append(bracket);
}

void JsonWriter::beginArray(qsizetype)
{
    open('[', false, QLatin1StringView("list"));
}

void JsonWriter::endArray()
{
    close(']');
}

void JsonWriter::beginMap(qsizetype)
{
    open('{', true, QLatin1StringView("dict"));
}

void JsonWriter::endMap()
{
    close('}');
}

// Python's float repr: the shortest digits that round-trip; fixed notation when
// the decimal exponent is in [-4, 16) (with ".0" when integral), otherwise
// d[.ddd]e+XX with at least two exponent digits.
void JsonWriter::writeDouble(double value)
{
    if (std::isnan(value)) {
        m_out.append("NaN", 3);
        return;
    }
    if (std::isinf(value)) {
        if (value > 0)
            m_out.append("Infinity", 8);
        else
            m_out.append("-Infinity", 9);
        return;
    }
    char buffer[64];
    const std::to_chars_result result
        = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    Q_ASSERT(result.ec == std::errc());
    const std::string_view text(buffer, size_t(result.ptr - buffer));
    // text: [-]d[.ddd]e(+|-)XX
    const size_t ePos = text.find('e');
    Q_ASSERT(ePos != std::string_view::npos);
    std::string_view mantissa = text.substr(0, ePos);
    int exponent = 0;
    std::from_chars(text.data() + ePos + 1 + (text[ePos + 1] == '+' ? 1 : 0),
                    text.data() + text.size(), exponent);
    if (!mantissa.empty() && mantissa.front() == '-') {
        m_out.append('-');
        mantissa.remove_prefix(1);
    }
    char digits[32];
    qsizetype count = 0;
    for (const char c : mantissa) {
        if (c != '.')
            digits[count++] = c;
    }
    if (exponent >= -4 && exponent < 16) {
        const qsizetype pointPos = exponent + 1; // digits before the decimal point
        if (pointPos <= 0) {
            m_out.append("0.", 2);
            m_out.resize(m_out.size() - pointPos, '0');
            m_out.append(digits, count);
        } else if (pointPos >= count) {
            m_out.append(digits, count);
            m_out.resize(m_out.size() + pointPos - count, '0');
            m_out.append(".0", 2);
        } else {
            m_out.append(digits, pointPos);
            m_out.append('.');
            m_out.append(digits + pointPos, count - pointPos);
        }
        return;
    }
    m_out.append(digits[0]);
    if (count > 1) {
        m_out.append('.');
        m_out.append(digits + 1, count - 1);
    }
    m_out.append('e');
    m_out.append(exponent < 0 ? '-' : '+');
    const int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10)
        m_out.append('0');
    char exponentDigits[8];
    const std::to_chars_result written
        = std::to_chars(exponentDigits, exponentDigits + sizeof exponentDigits, magnitude);
    m_out.append(exponentDigits, written.ptr - exponentDigits);
}

void JsonWriter::writeString(QStringView text)
{
    // The exact size first (escapes included), so that the text is written into
    // place in one pass, without an append per character.
    qsizetype size = 2;
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c >= 0x20 && c < 0x7f)
            size += c == u'"' || c == u'\\' ? 2 : 1;
        else
            size += c == u'\n' || c == u'\r' || c == u'\t' || c == u'\b' || c == u'\f' ? 2 : 6;
    }
    const qsizetype start = m_out.size();
    if (m_out.capacity() < start + size)
        m_out.reserve(qMax(2 * m_out.capacity(), start + size)); // grows geometrically
    m_out.resize(start + size);
    char *out = m_out.data() + start;
    *out++ = '"';
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c >= 0x20 && c < 0x7f) {
            if (c == u'"' || c == u'\\')
                *out++ = '\\';
            *out++ = char(c);
            continue;
        }
        *out++ = '\\';
        switch (c) {
        case u'\n': *out++ = 'n'; continue;
        case u'\r': *out++ = 'r'; continue;
        case u'\t': *out++ = 't'; continue;
        case u'\b': *out++ = 'b'; continue;
        case u'\f': *out++ = 'f'; continue;
        default: break;
        }
        *out++ = 'u';
        *out++ = HexDigits[(c >> 12) & 0xf];
        *out++ = HexDigits[(c >> 8) & 0xf];
        *out++ = HexDigits[(c >> 4) & 0xf];
        *out++ = HexDigits[c & 0xf];
    }
    *out = '"';
}

} // namespace EasyNet
