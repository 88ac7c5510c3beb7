/// \class EasyNet::MsgPackSerializer
/// MsgPackSerializer: MessagePack, through msgpack-cxx.
///
/// Wire format
/// - Stream: MessagePack objects back to back, no other framing (each object is
///   self-delimiting). Datagram: exactly one object; trailing bytes are a
///   Malformed error, an object cut short is Truncated.
/// - Encoding (what the reference, msgpack-python with use_bin_type, writes):
///   integers in their smallest form (positive ones as positive fixint or
///   uint8..64, negative ones as negative fixint or int8..64), floating-point
///   numbers always as float64 (0xcb), text as str (UTF-8), QByteArray as bin,
///   null as nil. Map keys are written in the container's order (QVariantMap and
///   QJsonObject sort their keys; build a QCborMap to choose the order, or to use
///   non-string keys, which the reference also writes). Accepted packets: the
///   value set shared by the JSON, CBOR and MessagePack writers, listed once in
///   lib/src/serializers/packetvaluevisitor_p.h. CBOR tags, CBOR simple values
///   other than null/undefined/true/false, sizes beyond 2^32 - 1 and nesting
///   deeper than 1000 levels throw SerializeError.
/// - Decoding (value model): nil -> QVariant::fromValue(nullptr); bool; integers
///   -> qint64, or quint64 above INT64_MAX; float32/64 -> double; str -> QString
///   (invalid UTF-8 is Malformed); bin -> QByteArray; array -> QVariantList; map
///   -> QVariantMap (sorted keys, a repeated key keeps its last value), or with
///   MapForm::OrderedCborMap (and for bin keys) a QCborMap holding the entries
///   in the order they came, repeated keys kept (see MapForm). As the reference does, a map key
///   that is not a str is refused (recoverable Malformed error, "... is not allowed for map key"),
///   and so is an ext object (the value model has no extension types).
/// - Errors on a stream: the never-used byte 0xc1 as a type, or nesting deeper
///   than 1000 levels, is an unrecoverable Malformed error (the end of the object
///   cannot be found). A whole object that is refused (above) is a recoverable
///   Malformed error. An object larger than maxPacketSize is a recoverable
///   TooLarge error, reported as soon as its size is known to exceed the limit;
///   the rest of it is discarded as it arrives and decoding goes on with the next
///   object (a 100 KB object gives one error, not thousands of packets).
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/mapform.h>

namespace EasyNet {

class EASYNET_EXPORT MsgPackSerializer final : public AbstractIncrementalPacketSerializer
{
public:
    /// mapForm: how maps are read (see MapForm; writing takes both forms).
    explicit MsgPackSerializer(MapForm mapForm = MapForm::VariantMap);

    MapForm mapForm() const { return m_mapForm; } ///< how maps are read

    QByteArray serialize(const QVariant &packet) const override;
    QVariant deserialize(QByteArrayView data, ParseError &error) const override;
    /// True: a Q_GADGET is written as the map of its properties.
    bool writesGadgets() const override { return true; }
    QByteArray incrementalSerialize(const QVariant &packet) const override;
    std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize
                                                 = DefaultMaxPacketSize) const override;
    /// A MessagePack decoder that reads maps straight into gadgets (null with
    /// MapForm::OrderedCborMap, whose maps no GadgetConverter takes).
    std::unique_ptr<StreamDecoder> createGadgetDecoder(QMetaType gadget,
                                                       qsizetype maxPacketSize) const override;

private:
    MapForm m_mapForm;
};

} // namespace EasyNet
