#include "serializers/jsonwriter_p.h"

#include "serializers/gadgetfield_p.h"

#include <EasyNet/jsonserializer.h>

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <iterator>
#include <type_traits>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace EasyNet {

static_assert(JsonSerializer::MaxNestingDepth == PacketValueVisitor::MaxDepth);

namespace {

constexpr char HexDigits[] = "0123456789abcdef";

// How many of the 8 characters at c are plain (JsonWriter::isPlain()), from
// the first on, stored at out as bytes (8 bytes are written, the ones after
// the plain ones garbage). With SSE2, which every x86-64 has, in a few
// instructions; else one by one.
int putPlainRun8(const char16_t *c, char *out)
{
#if defined(__SSE2__)
    const __m128i chars = _mm_loadu_si128(reinterpret_cast<const __m128i *>(c));
    // (signed: from 0x8000 on a character is below 0x20 here too)
    const __m128i printable = _mm_and_si128(_mm_cmpgt_epi16(chars, _mm_set1_epi16(0x1f)),
                                            _mm_cmplt_epi16(chars, _mm_set1_epi16(0x7f)));
    const __m128i special = _mm_or_si128(_mm_cmpeq_epi16(chars, _mm_set1_epi16('"')),
                                         _mm_cmpeq_epi16(chars, _mm_set1_epi16('\\')));
    _mm_storel_epi64(reinterpret_cast<__m128i *>(out), _mm_packus_epi16(chars, chars));
    const auto plain = unsigned(_mm_movemask_epi8(_mm_andnot_si128(special, printable)));
    return std::countr_one(plain) / 2; // (two mask bits a character)
#else
    int count = 0;
    while (count < 8 && JsonWriter::isPlain(c[count])) {
        out[count] = char(c[count]);
        ++count;
    }
    return count;
#endif
}

// The decimal digits of value at out (room for 20), as std::to_chars()
// writes them; returns where they end. They are counted from the bit width
// first, then written two at a time from the last: std::to_chars() counts
// them in a loop, and takes twice the instructions for a usual number.
char *putDecimal(quint64 value, char *out)
{
    static constexpr auto PowersOf10 = [] {
        std::array<quint64, 20> powers {};
        quint64 power = 1;
        for (quint64 &entry : powers) {
            entry = power;
            power *= 10; // (wraps after the last, unused)
        }
        return powers;
    }();
    static constexpr char DigitPairs[] = "0001020304050607080910111213141516171819"
                                         "2021222324252627282930313233343536373839"
                                         "4041424344454647484950515253545556575859"
                                         "6061626364656667686970717273747576777879"
                                         "8081828384858687888990919293949596979899";
    // floor(log10(value)) is log10Bound or one less (1233 / 4096 ~ log10(2));
    // (value | 1): 0 has one digit, and no power of 10 from 10 on is odd.
    const int log10Bound = (std::bit_width(value | 1) * 1233) >> 12;
    char *const end = out + log10Bound + ((value | 1) < PowersOf10[size_t(log10Bound)] ? 0 : 1);
    char *at = end;
    for (; value >= 100; value /= 100) {
        at -= 2;
        std::memcpy(at, DigitPairs + 2 * (value % 100), 2);
    }
    if (value >= 10)
        std::memcpy(at - 2, DigitPairs + 2 * value, 2);
    else
        at[-1] = char('0' + value);
    return end;
}

// Writes ch at out, escaped unless it is plain; returns where it ends.
char *putCharacter(char16_t ch, char *out)
{
    if (JsonWriter::isPlain(ch)) {
        *out = char(ch);
        return out + 1;
    }
    *out++ = '\\';
    switch (ch) {
    case u'"': *out = '"'; return out + 1;
    case u'\\': *out = '\\'; return out + 1;
    case u'\n': *out = 'n'; return out + 1;
    case u'\r': *out = 'r'; return out + 1;
    case u'\t': *out = 't'; return out + 1;
    case u'\b': *out = 'b'; return out + 1;
    case u'\f': *out = 'f'; return out + 1;
    default: break;
    }
    *out++ = 'u';
    *out++ = HexDigits[(ch >> 12) & 0xf];
    *out++ = HexDigits[(ch >> 8) & 0xf];
    *out++ = HexDigits[(ch >> 4) & 0xf];
    *out++ = HexDigits[ch & 0xf];
    return out;
}

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
    if (!suffix.isEmpty())
        writer.put(suffix);
    const qsizetype start = out.size();
    const qsizetype size = writer.m_end - writer.m_begin;
    out.resize(start + size);
    std::memcpy(out.data() + start, writer.m_begin, size_t(size));
}

void JsonWriter::grow(qsizetype size)
{
    const qsizetype used = m_end - m_begin;
    const qsizetype capacity = qMax(2 * (m_limit - m_begin), used + size); // geometrically
    auto grown = std::make_unique<char[]>(size_t(capacity));
    std::memcpy(grown.get(), m_begin, size_t(used));
    m_heap = std::move(grown);
    m_begin = m_heap.get();
    m_end = m_begin + used;
    m_limit = m_begin + capacity;
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
        put(':');
    else if (level.count > 0)
        put(',');
    ++level.count;
    return isKey;
}

template<typename Write>
void JsonWriter::writeScalarWith(Write &&write)
{
    const bool isKey = beginValue();
    if (isKey)
        put('"');
    write();
    if (isKey)
        put('"');
}

void JsonWriter::writeScalar(QByteArrayView text)
{
    writeScalarWith([&] { put(text); });
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
void JsonWriter::putInteger(Integer value)
{
    constexpr qsizetype MaxDigits = 20; // and a sign
    char *at = room(MaxDigits + 1);
    if constexpr (std::is_signed_v<Integer>) {
        if (value < 0) {
            *at++ = '-';
            m_end = putDecimal(0 - quint64(value), at);
            return;
        }
    }
    m_end = putDecimal(quint64(value), at);
}

template<typename Integer>
void JsonWriter::writeInteger(Integer value)
{
    writeScalarWith([&] { putInteger(value); });
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
    writeScalarWith([&] { writeDouble(value); });
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
    put(bracket);
    m_levels.append(Level {map});
}

void JsonWriter::close(char bracket)
{
    m_levels.removeLast();
    put(bracket);
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

// The map of a gadget written in one go: its keys are known to be strings, and
// a field of a usual type is written straight after its key. Only a field of
// another type, visited as a value, needs a level on m_levels for that value's
// beginValue().
void JsonWriter::visitGadget(const QMetaObject &meta, const void *gadget, int depth)
{
    const int inner = enter(depth);
    if (beginValue())
        refuseKey(QLatin1StringView("dict"));
    put('{');
    bool first = true;
    for (const GadgetField &field : gadgetFields(meta)) {
        if (!std::exchange(first, false))
            put(',');
        if (field.plainName) {
            put(field.jsonKey);
        } else {
            writeString(field.text);
            put(':');
        }
        switch (field.typeId) {
        case QMetaType::Bool:
            put(field.read<bool>(gadget) ? QByteArrayView("true") : QByteArrayView("false"));
            break;
        case QMetaType::Int: putInteger(field.read<int>(gadget)); break;
        case QMetaType::LongLong: putInteger(field.read<qlonglong>(gadget)); break;
        case QMetaType::Double: writeDouble(field.read<double>(gadget)); break;
        case QMetaType::QString: writeString(field.read<QString>(gadget)); break;
        default:
            // After the ':': a level before whose first value beginValue()
            // writes nothing (a list's, empty).
            m_levels.append(Level {false, 0});
            visitField(field, gadget, inner);
            m_levels.removeLast();
            break;
        }
    }
    put('}');
}

// Python's float repr: the shortest digits that round-trip; fixed notation when
// the decimal exponent is in [-4, 16) (with ".0" when integral), otherwise
// d[.ddd]e+XX with at least two exponent digits.
void JsonWriter::writeDouble(double value)
{
    if (writeShortDouble(value))
        return;
    if (std::isnan(value)) {
        put("NaN", 3);
        return;
    }
    if (std::isinf(value)) {
        if (value > 0)
            put("Infinity", 8);
        else
            put("-Infinity", 9);
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
        put('-');
        mantissa.remove_prefix(1);
    }
    char digits[32];
    qsizetype count = 0;
    for (const char c : mantissa) {
        if (c != '.')
            digits[count++] = c;
    }
    if (exponent >= -4 && exponent < 16) {
        putFixed(digits, count, exponent + 1);
        return;
    }
    put(digits[0]);
    if (count > 1) {
        put('.');
        put(digits + 1, count - 1);
    }
    put('e');
    put(exponent < 0 ? '-' : '+');
    const int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10)
        put('0');
    char exponentDigits[8];
    const std::to_chars_result written
        = std::to_chars(exponentDigits, exponentDigits + sizeof exponentDigits, magnitude);
    put(exponentDigits, written.ptr - exponentDigits);
}

void JsonWriter::putFixed(const char *digits, qsizetype count, qsizetype pointPos)
{
    if (pointPos <= 0) {
        put("0.", 2);
        putZeros(-pointPos);
        put(digits, count);
    } else if (pointPos >= count) {
        put(digits, count);
        putZeros(pointPos - count);
        put(".0", 2);
    } else {
        put(digits, pointPos);
        put('.');
        put(digits + pointPos, count - pointPos);
    }
}

bool JsonWriter::writeShortDouble(double value)
{
    // The fewest decimals k for which n = value * 10^k, rounded, reads back
    // as value: n / 10^k is then the double nearest to that decimal (both are
    // exact, and IEEE division rounds correctly). With at most 15 significant
    // digits no other decimal of as many digits reads back as value
    // (DBL_DIG), so these are the shortest digits, the ones Python prints.
    constexpr double Powers[]
        = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    constexpr double Limit = 1e15; // 15 digits, and Python's fixed notation
    const double magnitude = std::fabs(value);
    if (!(magnitude >= 1e-4 && magnitude < Limit)) // (0, NaN and the infinities too)
        return false;
    for (int decimals = 0; decimals < int(std::size(Powers)); ++decimals) {
        const double scaled = magnitude * Powers[decimals];
        if (scaled >= Limit)
            return false;
        const auto digits = quint64(scaled + 0.5);
        if (double(digits) / Powers[decimals] != magnitude)
            continue;
        char text[24];
        const qsizetype size = putDecimal(digits, text) - text;
        if (value < 0)
            put('-');
        putFixed(text, size, size - decimals);
        return true;
    }
    return false;
}

void JsonWriter::writeString(QStringView text)
{
    // One pass, into room for the worst case (\uXXXX, 6 bytes a character),
    // taken a slice at a time so that a long string does not need six times
    // its length at once.
    constexpr qsizetype Slice = 1024;
    put('"');
    const char16_t *c = text.utf16();
    const char16_t *const end = c + text.size();
    while (c != end) {
        const char16_t *const sliceEnd = end - c > Slice ? c + Slice : end;
        char *out = room(6 * (sliceEnd - c));
        while (sliceEnd - c >= 8) { // (8 bytes fit: the room is 6 a character)
            const int plain = putPlainRun8(c, out);
            c += plain;
            out += plain;
            if (plain < 8)
                out = putCharacter(*c++, out);
        }
        // (the last few, and short strings such as most keys, one by one)
        while (c != sliceEnd)
            out = putCharacter(*c++, out);
        m_end = out;
    }
    put('"');
}

} // namespace EasyNet
