#include <EasyNet/structserializer.h>

#include "protocol/lengthprefixedstreamdecoder_p.h"
#include "serializers/refusepacket_p.h"

#include <QtCore/QtEndian>

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace EasyNet {

namespace {

using Field = StructSerializer::Field;

class StructStreamDecoder final : public LengthPrefixedStreamDecoder
{
public:
    StructStreamDecoder(const StructSerializer &serializer, qsizetype maxPacketSize)
        : LengthPrefixedStreamDecoder(0, maxPacketSize, serializer.size()), m_serializer(serializer)
    {
    }

protected:
    QVariant decodeFrame(QByteArrayView payload, ParseError &error) override
    {
        return m_serializer.deserialize(payload, error); // payload is one whole record
    }

private:
    // Decoders never outlive the serializer that made them (the protocol owns both).
    const StructSerializer &m_serializer;
};

QChar formatCode(Field field)
{
    switch (field) {
    case Field::Int8: return QLatin1Char('b');
    case Field::UInt8: return QLatin1Char('B');
    case Field::Int16: return QLatin1Char('h');
    case Field::UInt16: return QLatin1Char('H');
    case Field::Int32: return QLatin1Char('i');
    case Field::UInt32: return QLatin1Char('I');
    case Field::Int64: return QLatin1Char('q');
    case Field::UInt64: return QLatin1Char('Q');
    case Field::Float32: return QLatin1Char('f');
    case Field::Float64: return QLatin1Char('d');
    case Field::Bool: return QLatin1Char('?');
    }
    Q_UNREACHABLE();
}

std::optional<Field> fieldForCode(QChar code)
{
    switch (code.unicode()) {
    case 'b': return Field::Int8;
    case 'B': return Field::UInt8;
    case 'h': return Field::Int16;
    case 'H': return Field::UInt16;
    case 'i':
    case 'l': return Field::Int32;
    case 'I':
    case 'L': return Field::UInt32;
    case 'q': return Field::Int64;
    case 'Q': return Field::UInt64;
    case 'f': return Field::Float32;
    case 'd': return Field::Float64;
    case '?': return Field::Bool;
    default: return std::nullopt;
    }
}

// An integer packet value of any width, without loss.
struct Integer
{
    bool isNegative = false;
    qint64 s = 0; // when isNegative
    quint64 u = 0; // when !isNegative
};

bool isSignedIntegerType(int typeId)
{
    switch (typeId) {
    case QMetaType::Int:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::Char:
    case QMetaType::SChar: return true;
    default: return false;
    }
}

bool isUnsignedIntegerType(int typeId)
{
    switch (typeId) {
    case QMetaType::UInt:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
    case QMetaType::UShort:
    case QMetaType::UChar: return true;
    default: return false;
    }
}

// Integers and bools (a bool is an int in the reference); nullopt otherwise.
std::optional<Integer> toInteger(const QVariant &value)
{
    const int type = value.typeId();
    if (type == QMetaType::Bool)
        return Integer {false, 0, value.toBool() ? 1u : 0u};
    if (isSignedIntegerType(type)) {
        const qint64 s = value.toLongLong();
        return s < 0 ? Integer {true, s, 0} : Integer {false, 0, quint64(s)};
    }
    if (isUnsignedIntegerType(type))
        return Integer {false, 0, value.toULongLong()};
    return std::nullopt;
}

QString integerRangeMessage(Field field, qint64 min, quint64 max)
{
    QString name;
    if (field == Field::Int8)
        name = QStringLiteral("byte");
    else if (field == Field::UInt8)
        name = QStringLiteral("ubyte");
    else
        name = QLatin1Char('\'') + formatCode(field) + QLatin1Char('\'');
    return QStringLiteral("%1 format requires %2 <= number <= %3").arg(name).arg(min).arg(max);
}

template<typename T>
void appendBigEndian(QByteArray &out, T value)
{
    const T big = qToBigEndian(value);
    out.append(reinterpret_cast<const char *>(&big), sizeof(T));
}

template<typename T>
T readBigEndian(const char *data)
{
    return qFromBigEndian<T>(data);
}

void packInteger(QByteArray &out, Field field, const QVariant &value)
{
    const std::optional<Integer> integer = toInteger(value);
    if (!integer)
        refusePacket(QStringLiteral("required argument is not an integer"));
    qint64 min = 0;
    quint64 max = 0;
    switch (field) {
    case Field::Int8:
        min = std::numeric_limits<qint8>::min();
        max = std::numeric_limits<qint8>::max();
        break;
    case Field::UInt8: max = std::numeric_limits<quint8>::max(); break;
    case Field::Int16:
        min = std::numeric_limits<qint16>::min();
        max = std::numeric_limits<qint16>::max();
        break;
    case Field::UInt16: max = std::numeric_limits<quint16>::max(); break;
    case Field::Int32:
        min = std::numeric_limits<qint32>::min();
        max = std::numeric_limits<qint32>::max();
        break;
    case Field::UInt32: max = std::numeric_limits<quint32>::max(); break;
    case Field::Int64:
        min = std::numeric_limits<qint64>::min();
        max = std::numeric_limits<qint64>::max();
        break;
    case Field::UInt64: max = std::numeric_limits<quint64>::max(); break;
    default: Q_UNREACHABLE();
    }
    const bool inRange = integer->isNegative ? integer->s >= min : integer->u <= max;
    if (!inRange)
        refusePacket(integerRangeMessage(field, min, max));
    // Two's complement: the low bytes of the 64-bit pattern are the field's value.
    const quint64 bits = integer->isNegative ? quint64(integer->s) : integer->u;
    switch (field) {
    case Field::Int8:
    case Field::UInt8: out.append(char(bits & 0xff)); break;
    case Field::Int16:
    case Field::UInt16: appendBigEndian(out, quint16(bits)); break;
    case Field::Int32:
    case Field::UInt32: appendBigEndian(out, quint32(bits)); break;
    default: appendBigEndian(out, bits); break;
    }
}

void packFloat(QByteArray &out, Field field, const QVariant &value)
{
    double d = 0;
    if (value.typeId() == QMetaType::Double || value.typeId() == QMetaType::Float) {
        d = value.toDouble();
    } else if (const std::optional<Integer> integer = toInteger(value)) {
        d = integer->isNegative ? double(integer->s) : double(integer->u);
    } else {
        refusePacket(QStringLiteral("required argument is not a float"));
    }
    if (field == Field::Float64) {
        quint64 bits;
        std::memcpy(&bits, &d, sizeof bits);
        appendBigEndian(out, bits);
        return;
    }
    const float f = float(d);
    if (std::isinf(f) && !std::isinf(d))
        refusePacket(QStringLiteral("float too large to pack with f format"));
    quint32 bits;
    std::memcpy(&bits, &f, sizeof bits);
    appendBigEndian(out, bits);
}

void packBool(QByteArray &out, const QVariant &value)
{
    bool b = false;
    if (value.typeId() == QMetaType::Double || value.typeId() == QMetaType::Float) {
        b = value.toDouble() != 0.0; // NaN is true, as in the reference
    } else if (const std::optional<Integer> integer = toInteger(value)) {
        b = integer->isNegative || integer->u != 0;
    } else {
        refusePacket(QStringLiteral("required argument is not a bool, an integer or a float"));
    }
    out.append(b ? '\x01' : '\x00');
}

} // namespace

StructSerializer::StructSerializer(QList<Field> fields) : m_fields(std::move(fields))
{
    if (m_fields.isEmpty())
        throw std::invalid_argument("StructSerializer needs at least one field");
    for (const Field field : std::as_const(m_fields))
        m_size += fieldSize(field);
}

qsizetype StructSerializer::fieldSize(Field field) noexcept
{
    switch (field) {
    case Field::Int8:
    case Field::UInt8:
    case Field::Bool: return 1;
    case Field::Int16:
    case Field::UInt16: return 2;
    case Field::Int32:
    case Field::UInt32:
    case Field::Float32: return 4;
    case Field::Int64:
    case Field::UInt64:
    case Field::Float64: return 8;
    }
    Q_UNREACHABLE();
}

std::optional<QList<Field>> StructSerializer::parseFormat(QStringView format, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<QList<Field>> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    // Bounds the record (and the work a hostile format string could cause).
    constexpr qint64 MaxFields = 65536;

    if (format.isEmpty()
        || (format.front() != QLatin1Char('!') && format.front() != QLatin1Char('>')))
        return fail(QStringLiteral("the format must start with the byte order '!' or '>' "
                                   "(native order and alignment are not supported)"));
    QList<Field> fields;
    qsizetype i = 1;
    while (i < format.size()) {
        const QChar c = format.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        qint64 count = 1;
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9')) {
            count = 0;
            while (i < format.size() && format.at(i) >= QLatin1Char('0')
                   && format.at(i) <= QLatin1Char('9')) {
                count = count * 10 + (format.at(i).unicode() - '0');
                if (count > MaxFields)
                    return fail(QStringLiteral("repeat count too large at position %1").arg(i));
                ++i;
            }
            if (i == format.size())
                return fail(QStringLiteral("repeat count without a format code at the end"));
        }
        const QChar code = format.at(i);
        const std::optional<Field> field = fieldForCode(code);
        if (!field)
            return fail(QStringLiteral("unsupported format code '%1' at position %2 "
                                       "(supported: b B h H i I l L q Q f d ?)")
                            .arg(code)
                            .arg(i));
        if (fields.size() + count > MaxFields)
            return fail(QStringLiteral("more than %1 fields").arg(MaxFields));
        for (qint64 n = 0; n < count; ++n)
            fields.append(*field);
        ++i;
    }
    if (fields.isEmpty())
        return fail(QStringLiteral("the format has no fields"));
    return fields;
}

std::unique_ptr<StructSerializer> StructSerializer::fromFormat(QStringView format, QString *error)
{
    std::optional<QList<Field>> fields = parseFormat(format, error);
    if (!fields)
        return nullptr;
    return std::make_unique<StructSerializer>(std::move(*fields));
}

QString StructSerializer::format() const
{
    QString text = QStringLiteral("!");
    for (const Field field : m_fields)
        text += formatCode(field);
    return text;
}

QByteArray StructSerializer::serialize(const QVariant &packet) const
{
    if (packet.typeId() != QMetaType::QVariantList)
        refusePacket(QStringLiteral("Expected a tuple instance (a QVariantList), got %1")
                         .arg(packetTypeName(packet)));
    const QVariantList values = packet.toList();
    if (values.size() != m_fields.size())
        refusePacket(QStringLiteral("pack expected %1 items for packing (got %2)")
                         .arg(m_fields.size())
                         .arg(values.size()));
    QByteArray record;
    record.reserve(m_size);
    for (qsizetype i = 0; i < m_fields.size(); ++i) {
        const Field field = m_fields.at(i);
        const QVariant &value = values.at(i);
        switch (field) {
        case Field::Float32:
        case Field::Float64: packFloat(record, field, value); break;
        case Field::Bool: packBool(record, value); break;
        default: packInteger(record, field, value); break;
        }
    }
    Q_ASSERT(record.size() == m_size);
    return record;
}

QByteArray StructSerializer::incrementalSerialize(const QVariant &packet) const
{
    return serialize(packet);
}

namespace {

// The values of one record of exactly the fields' size.
QVariantList decodeRecord(const QList<Field> &fields, QByteArrayView record)
{
    QVariantList values;
    values.reserve(fields.size());
    const char *p = record.data();
    for (const Field field : fields) {
        switch (field) {
        case Field::Int8: values.append(QVariant::fromValue(qint64(qint8(*p)))); break;
        case Field::UInt8:
            values.append(QVariant::fromValue(qint64(static_cast<unsigned char>(*p))));
            break;
        case Field::Int16:
            values.append(QVariant::fromValue(qint64(readBigEndian<qint16>(p))));
            break;
        case Field::UInt16:
            values.append(QVariant::fromValue(qint64(readBigEndian<quint16>(p))));
            break;
        case Field::Int32:
            values.append(QVariant::fromValue(qint64(readBigEndian<qint32>(p))));
            break;
        case Field::UInt32:
            values.append(QVariant::fromValue(qint64(readBigEndian<quint32>(p))));
            break;
        case Field::Int64: values.append(QVariant::fromValue(readBigEndian<qint64>(p))); break;
        case Field::UInt64: {
            const quint64 u = readBigEndian<quint64>(p);
            if (u > quint64(std::numeric_limits<qint64>::max()))
                values.append(QVariant::fromValue(u));
            else
                values.append(QVariant::fromValue(qint64(u)));
            break;
        }
        case Field::Float32: {
            const quint32 bits = readBigEndian<quint32>(p);
            float f;
            std::memcpy(&f, &bits, sizeof f);
            values.append(double(f));
            break;
        }
        case Field::Float64: {
            const quint64 bits = readBigEndian<quint64>(p);
            double d;
            std::memcpy(&d, &bits, sizeof d);
            values.append(d);
            break;
        }
        case Field::Bool: values.append(*p != 0); break;
        }
        p += StructSerializer::fieldSize(field);
    }
    return values;
}

} // namespace

QVariant StructSerializer::deserialize(QByteArrayView data, ParseError &error) const
{
    if (data.size() != m_size) {
        error = ParseError(ParseError::Kind::Malformed,
                           QStringLiteral("a %1 record is %2 bytes, the datagram has %3")
                               .arg(format())
                               .arg(m_size)
                               .arg(data.size()),
                           0, data.size(), true);
        return {};
    }
    return decodeRecord(m_fields, data);
}

std::unique_ptr<StreamDecoder> StructSerializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<StructStreamDecoder>(*this, maxPacketSize);
}

} // namespace EasyNet
