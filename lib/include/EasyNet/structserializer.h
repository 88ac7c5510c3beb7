/// \class EasyNet::StructSerializer
/// StructSerializer: fixed-size binary records, like Python's struct module with
/// a '!' (network, big-endian, standard sizes, no padding) format.
///
/// Wire format
/// - A record is its fields one after another, big-endian, no padding:
///   Int8/UInt8 1 byte, Int16/UInt16 2, Int32/UInt32 4, Int64/UInt64 8,
///   Float32 4 (IEEE 754 binary32), Float64 8 (binary64), Bool 1 (0 or 1).
/// - Stream: records back to back, no framing: every record is exactly size()
///   bytes. Datagram: one record; a datagram of any other size is Malformed.
/// - Packets are QVariantList (the reference's tuple), one value per field.
///   Sending: integer fields take integers of any QMetaType width and bools
///   (True = 1), checked against the field's range; Float fields take doubles,
///   floats and integers (an int is sent as a float); Bool fields take bools,
///   integers and doubles (zero is false). Anything else, a wrong number of values,
///   an out-of-range integer or a double for an integer field is a SerializeError
///   with the reference's message.
///   Receiving: integers are qint64 (QMetaType::LongLong), or quint64 for UInt64
///   values above INT64_MAX; floats are double; Bool is bool (any nonzero byte
///   is true).
/// - Formats: fromFormat() takes a Python struct format string: a byte order
///   '!' or '>' (required: native order and alignment are not supported), then
///   codes b B h H i I l L q Q f d ?, each optionally preceded by a repeat count;
///   whitespace between codes is ignored. "!iqd" is int32, int64, float64.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>

#include <QtCore/QList>
#include <QtCore/QString>

#include <optional>

namespace EasyNet {

class EASYNET_EXPORT StructSerializer final : public AbstractIncrementalPacketSerializer
{
public:
    /// One field of a record, as Python's struct format characters: b, B, h, H, i, I,
    /// q, Q, f, d, ?.
    enum class Field {
        Int8,
        UInt8,
        Int16,
        UInt16,
        Int32,
        UInt32,
        Int64,
        UInt64,
        Float32,
        Float64,
        Bool
    };

    /// Throws std::invalid_argument when fields is empty (a record of zero bytes
    /// cannot be found on a stream).
    explicit StructSerializer(QList<Field> fields);

    /// The fields of a Python struct format string such as "!iqd", or nullopt
    /// with *error set (when given) to the reason.
    static std::optional<QList<Field>> parseFormat(QStringView format, QString *error = nullptr);
    /// A serializer for a format string, or nullptr with *error set.
    static std::unique_ptr<StructSerializer> fromFormat(QStringView format,
                                                        QString *error = nullptr);

    /// The fields of one record, in order.
    const QList<Field> &fields() const noexcept { return m_fields; }
    /// The size of one record in bytes.
    qsizetype size() const noexcept { return m_size; }
    /// The Python format string of the fields, e.g. "!iqd".
    QString format() const;
    /// The size of one field in bytes.
    static qsizetype fieldSize(Field field) noexcept;

    QByteArray serialize(const QVariant &packet) const override;
    QVariant deserialize(QByteArrayView data, ParseError &error) const override;
    QByteArray incrementalSerialize(const QVariant &packet) const override;
    std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize
                                                 = DefaultMaxPacketSize) const override;

private:
    QList<Field> m_fields;
    qsizetype m_size = 0;
};

} // namespace EasyNet
