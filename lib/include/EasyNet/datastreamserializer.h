/// \class EasyNet::DataStreamSerializer
/// DataStreamSerializer: QVariant packets in QDataStream's binary format.
///
/// Wire format
/// - Payload: one QVariant written by QDataStream, version QDataStream::Qt_6_4
///   (fixed, whatever Qt the program runs with, so any two EasyNet peers agree;
///   = Qt_6_0 in Qt's numbering), big-endian, double precision floats (a float
///   is written as a double): the type id as u32, an i8 null flag, then the value.
/// - Stream: a u32 big-endian length header (the payload's size), then the
///   payload. Datagram: the payload alone.
/// - Receive: a frame that QDataStream cannot read completely, or that holds
///   bytes after the value, is Malformed; on a stream that error is recoverable
///   since the length header gives the next frame's position. A header announcing
///   more than maxPacketSize is a recoverable TooLarge error and the frame's
///   bytes are skipped as they arrive (never buffered).
/// - Hostile input: QDataStream reserves memory for a container's claimed element
///   count before reading the elements (a 20-byte frame claiming a 2^27-element
///   QVariantList reserves 4 GiB of address space). Every payload is therefore
///   walked first by a validator that checks each claimed size against the bytes
///   actually present, limits nesting to MaxNestingDepth levels, and accepts only
///   the value types listed below; Qt decodes only what passed.
/// - Types (both directions; anything else is refused by serialize() with a
///   SerializeError, and is Malformed on receive): invalid QVariant, nullptr,
///   bool, all integer types, float, double, QChar, char16_t, char32_t,
///   QCborSimpleType, QString, QByteArray, QBitArray, QStringList, QByteArrayList,
///   QVariantList, QVariantMap, QVariantHash, QVariantPair, QDate, QTime,
///   QDateTime, QUrl, QUuid, QLocale, QRegularExpression, QSize(F), QPoint(F),
///   QRect(F), QLine(F), QJsonValue, QJsonArray, QJsonObject, QJsonDocument,
///   QCborValue, QCborArray, QCborMap. Custom (user) types are not carried: the
///   receiver could not bound what their stream operators read.
/// - A top-level invalid QVariant is refused on send; a received one is returned
///   as QVariant::fromValue(nullptr) (an invalid QVariant means "error" in the
///   deserialize() contract).
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>

namespace EasyNet {

class EASYNET_EXPORT DataStreamSerializer final : public AbstractIncrementalPacketSerializer
{
public:
    /// Containers nested deeper than this are refused both ways.
    static constexpr int MaxNestingDepth = 128;

    /// The serializer; it has no options.
    DataStreamSerializer();

    QByteArray serialize(const QVariant &packet) const override;
    QVariant deserialize(QByteArrayView data, ParseError &error) const override;
    QByteArray incrementalSerialize(const QVariant &packet) const override;
    std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize
                                                 = DefaultMaxPacketSize) const override;
};

} // namespace EasyNet
