#include <EasyNet/datastreamserializer.h>

#include "protocol/lengthprefixedstreamdecoder_p.h"
#include "serializers/refusepacket_p.h"

#include <QtCore/QDataStream>
#include <QtCore/QIODevice>
#include <QtCore/QtEndian>

#include <iterator>

namespace EasyNet {

namespace {

constexpr QDataStream::Version StreamVersion = QDataStream::Qt_6_4;
constexpr int HeaderSize = 4;

// Walks the QDataStream encoding of one QVariant without allocating anything,
// checking that every size it claims is backed by bytes actually present. Only
// what passes is handed to QDataStream (see the header for why).
class PayloadValidator
{
public:
    explicit PayloadValidator(QByteArrayView data) : m_data(data) { }

    // True when data is exactly one supported QVariant; else error() says why.
    bool validate()
    {
        if (!variant(0))
            return false;
        if (m_pos != m_data.size())
            return fail(QStringLiteral("%1 bytes after the value").arg(m_data.size() - m_pos));
        return true;
    }
    QString error() const { return m_error; }
    qsizetype position() const { return m_pos; }

private:
    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }
    bool skip(qint64 count)
    {
        if (count > m_data.size() - m_pos)
            return fail(QStringLiteral("truncated: %1 bytes needed, %2 left")
                            .arg(count)
                            .arg(m_data.size() - m_pos));
        m_pos += qsizetype(count);
        return true;
    }
    bool u8(quint8 &value)
    {
        if (!skip(1))
            return false;
        value = quint8(m_data.at(m_pos - 1));
        return true;
    }
    bool u32(quint32 &value)
    {
        if (!skip(4))
            return false;
        value = qFromBigEndian<quint32>(m_data.data() + m_pos - 4);
        return true;
    }
    bool string()
    {
        quint32 bytes;
        if (!u32(bytes))
            return false;
        if (bytes == 0xffffffffu)
            return true; // null QString
        if (bytes & 1)
            return fail(QStringLiteral("QString of an odd number of bytes"));
        return skip(bytes);
    }
    bool byteArray()
    {
        quint32 bytes;
        if (!u32(bytes))
            return false;
        return bytes == 0xffffffffu || skip(bytes);
    }
    bool count(quint32 &n)
    {
        if (!u32(n))
            return false;
        // Every element takes at least one byte: a claim beyond what is left is a lie.
        if (n > quint32(qMin<qsizetype>(m_data.size() - m_pos, 0xffffffff)))
            return fail(QStringLiteral("container claims %1 elements, %2 bytes left")
                            .arg(n)
                            .arg(m_data.size() - m_pos));
        return true;
    }
    bool timeZone()
    {
        // QTimeZone's stream format: an IANA id, or "OffsetFromUtc" followed by
        // id, offset, name, abbreviation, territory and comment.
        const qsizetype start = m_pos;
        if (!string())
            return false;
        static constexpr char16_t marker[] = u"OffsetFromUtc";
        constexpr qsizetype markerLength = std::size(marker) - 1;
        const QByteArrayView id = m_data.sliced(start + 4, m_pos - start - 4);
        if (id.size() != 2 * markerLength)
            return true;
        for (qsizetype i = 0; i < markerLength; ++i) {
            if (qFromBigEndian<quint16>(id.data() + 2 * i) != marker[i])
                return true;
        }
        return string() && skip(4) && string() && string() && skip(4) && string();
    }
    bool dateTime()
    {
        quint8 spec;
        if (!skip(8 + 4) || !u8(spec))
            return false;
        switch (spec) {
        case Qt::LocalTime:
        case Qt::UTC: return true;
        case Qt::OffsetFromUTC: return skip(4);
        case Qt::TimeZone: return timeZone();
        default: return fail(QStringLiteral("QDateTime with an unknown time spec %1").arg(spec));
        }
    }
    bool jsonValue()
    {
        quint8 type;
        if (!u8(type))
            return false;
        switch (type) {
        case 0x0: // Null
        case 0x80: return true; // Undefined
        case 0x1: return skip(1);
        case 0x2: return skip(8);
        case 0x3: return string();
        case 0x4:
        case 0x5: return byteArray(); // array / object as compact JSON text
        default: return fail(QStringLiteral("QJsonValue of unknown type %1").arg(type));
        }
    }
    bool variant(int depth)
    {
        if (depth > DataStreamSerializer::MaxNestingDepth)
            return fail(QStringLiteral("nested deeper than %1 levels")
                            .arg(DataStreamSerializer::MaxNestingDepth));
        quint32 typeId;
        quint8 isNull;
        if (!u32(typeId) || !u8(isNull))
            return false;
        return value(typeId, depth);
    }
    bool value(quint32 typeId, int depth)
    {
        quint32 n = 0;
        switch (typeId) {
        case QMetaType::UnknownType:
        case QMetaType::Nullptr: return true;
        case QMetaType::Bool:
        case QMetaType::Char:
        case QMetaType::SChar:
        case QMetaType::UChar:
        case QMetaType::QCborSimpleType: return skip(1);
        case QMetaType::Short:
        case QMetaType::UShort:
        case QMetaType::QChar:
        case QMetaType::Char16: return skip(2);
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Char32:
        case QMetaType::QTime: return skip(4);
        case QMetaType::LongLong:
        case QMetaType::ULongLong:
        case QMetaType::Long:
        case QMetaType::ULong:
        case QMetaType::Double:
        case QMetaType::Float: // written as a double (DoublePrecision)
        case QMetaType::QDate:
        case QMetaType::QSize:
        case QMetaType::QPoint: return skip(8);
        case QMetaType::QSizeF:
        case QMetaType::QPointF:
        case QMetaType::QRect:
        case QMetaType::QLine:
        case QMetaType::QUuid: return skip(16);
        case QMetaType::QRectF:
        case QMetaType::QLineF: return skip(32);
        case QMetaType::QString:
        case QMetaType::QLocale: return string();
        case QMetaType::QRegularExpression: return string() && skip(4);
        case QMetaType::QByteArray:
        case QMetaType::QUrl:
        case QMetaType::QJsonObject:
        case QMetaType::QJsonArray:
        case QMetaType::QJsonDocument:
        case QMetaType::QCborValue:
        case QMetaType::QCborArray:
        case QMetaType::QCborMap: return byteArray();
        case QMetaType::QBitArray: {
            // Since Qt 6.0 the bit count is a 64-bit integer.
            quint32 high, low;
            if (!u32(high) || !u32(low))
                return false;
            if (high != 0)
                return fail(QStringLiteral("QBitArray claims more than 2^32 bits"));
            return skip((qint64(low) + 7) / 8);
        }
        case QMetaType::QDateTime: return dateTime();
        case QMetaType::QJsonValue: return jsonValue();
        case QMetaType::QVariantPair: return variant(depth + 1) && variant(depth + 1);
        case QMetaType::QVariantList:
            if (!count(n))
                return false;
            for (quint32 i = 0; i < n; ++i) {
                if (!variant(depth + 1))
                    return false;
            }
            return true;
        case QMetaType::QStringList:
            if (!count(n))
                return false;
            for (quint32 i = 0; i < n; ++i) {
                if (!string())
                    return false;
            }
            return true;
        case QMetaType::QByteArrayList:
            if (!count(n))
                return false;
            for (quint32 i = 0; i < n; ++i) {
                if (!byteArray())
                    return false;
            }
            return true;
        case QMetaType::QVariantMap:
        case QMetaType::QVariantHash:
            if (!count(n))
                return false;
            for (quint32 i = 0; i < n; ++i) {
                if (!string() || !variant(depth + 1))
                    return false;
            }
            return true;
        default:
            if (typeId >= QMetaType::User)
                return fail(
                    QStringLiteral("custom types are not supported (type id %1)").arg(typeId));
            return fail(QStringLiteral("unsupported type id %1").arg(typeId));
        }
    }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    QString m_error;
};

QVariant decodePayload(QByteArrayView data, ParseError &error)
{
    PayloadValidator validator(data);
    if (!validator.validate()) {
        error = ParseError(ParseError::Kind::Malformed,
                           QStringLiteral("invalid QDataStream value: %1").arg(validator.error()),
                           validator.position(), data.size(), true);
        return {};
    }
    // fromRawData: no copy; the stream only reads while data is alive.
    const QByteArray bytes = QByteArray::fromRawData(data.data(), data.size());
    QDataStream in(bytes);
    in.setVersion(StreamVersion);
    QVariant packet;
    in >> packet;
    if (in.status() != QDataStream::Ok || !in.atEnd()) {
        error = ParseError(ParseError::Kind::Malformed,
                           in.status() != QDataStream::Ok
                               ? QStringLiteral("QDataStream could not read the value (status %1)")
                                     .arg(int(in.status()))
                               : QStringLiteral("bytes after the value"),
                           0, data.size(), true);
        return {};
    }
    if (!packet.isValid())
        return QVariant::fromValue(nullptr);
    return packet;
}

class DataStreamDecoder final : public LengthPrefixedStreamDecoder
{
public:
    explicit DataStreamDecoder(qsizetype maxPacketSize)
        : LengthPrefixedStreamDecoder(HeaderSize, maxPacketSize)
    {
    }

protected:
    QVariant decodeFrame(QByteArrayView payload, ParseError &error) override
    {
        return decodePayload(payload, error);
    }
};

} // namespace

DataStreamSerializer::DataStreamSerializer() = default;

QByteArray DataStreamSerializer::serialize(const QVariant &packet) const
{
    if (!packet.isValid())
        refusePacket(QStringLiteral("an invalid QVariant is not a packet "
                                    "(use QVariant::fromValue(nullptr) for a null packet)"));
    QByteArray bytes;
    {
        QDataStream out(&bytes, QIODevice::WriteOnly);
        out.setVersion(StreamVersion);
        if (packet.metaType().id() >= QMetaType::User
            || !packet.metaType().hasRegisteredDataStreamOperators())
            refusePacket(QStringLiteral("type %1 cannot be written to a QDataStream packet")
                             .arg(QLatin1StringView(packet.metaType().name())));
        out << packet;
        if (out.status() != QDataStream::Ok)
            refusePacket(QStringLiteral("QDataStream could not write the %1 packet")
                             .arg(QLatin1StringView(packet.metaType().name())));
    }
    // What we send must be what a peer of ours accepts (nested custom types,
    // nesting depth).
    PayloadValidator validator(bytes);
    if (!validator.validate())
        refusePacket(
            QStringLiteral("the packet cannot be sent as QDataStream: %1").arg(validator.error()));
    return bytes;
}

QVariant DataStreamSerializer::deserialize(QByteArrayView data, ParseError &error) const
{
    return decodePayload(data, error);
}

QByteArray DataStreamSerializer::incrementalSerialize(const QVariant &packet) const
{
    const QByteArray payload = serialize(packet);
    if (quint64(payload.size()) > 0xffffffffu)
        refusePacket(QStringLiteral("a packet of %1 bytes does not fit the 4-byte length header")
                         .arg(payload.size()));
    QByteArray frame;
    frame.reserve(HeaderSize + payload.size());
    const quint32 length = qToBigEndian(quint32(payload.size()));
    frame.append(reinterpret_cast<const char *>(&length), HeaderSize);
    frame.append(payload);
    return frame;
}

std::unique_ptr<StreamDecoder> DataStreamSerializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<DataStreamDecoder>(maxPacketSize);
}

} // namespace EasyNet
