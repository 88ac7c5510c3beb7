/// \class EasyNet::CborSerializer
/// CborSerializer: CBOR (RFC 8949), through Qt's CBOR classes.
///
/// Wire format
/// - Stream: CBOR data items back to back, no other framing (each item is
///   self-delimiting). Datagram: exactly one data item; trailing bytes are a
///   Malformed error, an item cut short is Truncated.
/// - Encoding (what the reference, cbor2, writes): integers in their shortest form
///   (major types 0/1), floating-point numbers as float64 (0xfb), except NaN,
///   +inf and -inf which are written as float16 (f97e00, f97c00, f9fc00); text as
///   UTF-8 text strings, QByteArray as byte strings, null as 0xf6, all with
///   definite lengths. Map keys are written in the container's order (QVariantMap
///   and QJsonObject sort their keys; build a QCborMap to choose the order).
///   Accepted packets: the value set shared by the JSON, CBOR and MessagePack
///   writers, listed once in lib/src/serializers/packetvaluevisitor_p.h; CBOR
///   writes all of it, tags and simple values included. Anything else, or
///   nesting deeper than 1000 levels, throws SerializeError.
/// - Decoding (value model): null and undefined -> QVariant::fromValue(nullptr);
///   bool; integers -> qint64, or quint64 above INT64_MAX; integers below -2^63
///   and bignums (tags 2 and 3) -> double (a documented loss of precision);
///   float16/32/64 -> double; text -> QString; byte strings -> QByteArray
///   (indefinite-length strings are joined); arrays -> QVariantList; maps whose
///   keys are all text -> QVariantMap (sorted keys, a repeated key keeps its last
///   value); maps with any other key, and every map with MapForm::OrderedCborMap
///   -> a QVariant holding a QCborMap (keys and values as QCborValue in the order
///   they came, repeated keys kept; integers above INT64_MAX become double in
///   there, as QCborValue has no such type);
///   other simple values -> QCborSimpleType; any other tag -> its content (the
///   tag number is dropped).
/// - Errors on a stream: an invalid item header (reserved additional information
///   28-30, an indefinite-length integer or tag, a break where none is allowed, a
///   wrong chunk in an indefinite-length string) or nesting deeper than 1000
///   levels (arrays, maps and tags) is an unrecoverable Malformed error (the end
///   of the item cannot be found). An item Qt's parser rejects (invalid UTF-8,
///   an invalid simple value) is a recoverable Malformed error. An item larger
///   than maxPacketSize is a recoverable TooLarge error, reported as soon as its
///   size is known to exceed the limit; the rest of it is discarded as it
///   arrives and decoding goes on with the next item.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/mapform.h>

namespace EasyNet {

class EASYNET_EXPORT CborSerializer final : public AbstractIncrementalPacketSerializer
{
public:
    /// mapForm: how maps are read (see MapForm; writing takes both forms).
    explicit CborSerializer(MapForm mapForm = MapForm::VariantMap);

    MapForm mapForm() const { return m_mapForm; } ///< how maps are read

    QByteArray serialize(const QVariant &packet) const override;
    QVariant deserialize(QByteArrayView data, ParseError &error) const override;
    /// True: a Q_GADGET is written as the map of its properties.
    bool writesGadgets() const override { return true; }
    QByteArray incrementalSerialize(const QVariant &packet) const override;
    std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize
                                                 = DefaultMaxPacketSize) const override;
    /// A CBOR decoder that reads maps straight into gadgets (null with
    /// MapForm::OrderedCborMap, whose maps no GadgetConverter takes).
    std::unique_ptr<StreamDecoder> createGadgetDecoder(QMetaType gadget,
                                                       qsizetype maxPacketSize) const override;

private:
    MapForm m_mapForm;
};

} // namespace EasyNet
