/// \class EasyNet::JsonSerializer
/// JsonSerializer: compact JSON, as the reference writes it
/// (json.dumps(separators=(",", ":"), ensure_ascii=True)).
///
/// Wire format
/// - Stream: the JSON text followed by "\n" (the text never holds a raw newline:
///   strings escape it). A line Qt's parser rejects is a recoverable Malformed
///   error and decoding goes on with the next line; a line longer than
///   maxPacketSize is a recoverable TooLarge error. A "\r" before the "\n" is
///   whitespace, so CRLF peers are understood.
/// - Datagram: the JSON text alone.
/// - Writing, byte for byte as the reference: no spaces; integers in decimal;
///   floating-point numbers as Python's repr() (shortest digits that round-trip,
///   fixed notation with at least one fractional digit when the decimal exponent
///   is in [-4, 16), else "1e+16", "5e-324"); NaN, Infinity and -Infinity as the
///   bare words NaN, Infinity, -Infinity (not strict JSON, but what the reference
///   sends and accepts); strings with \\\" \\\\ \\n \\r \\t \\b \\f escapes, every other
///   character below U+0020 and every character from U+007F on as \\uXXXX
///   (lowercase hex, UTF-16 surrogate pairs above U+FFFF); "/" is not escaped.
///   The output is pure ASCII.
/// - Accepted packets: the value set shared by the JSON, CBOR and MessagePack
///   writers, listed once in lib/src/serializers/packetvaluevisitor_p.h. Map
///   keys keep their container's order (QVariantMap and QJsonObject sort them,
///   QVariantHash is sorted for a stable output, build a QCborMap to choose the
///   order); integer, float, bool and null keys are written as strings, as
///   Python does for {1: "a"} -> {"1":"a"}. JSON refuses (SerializeError)
///   QByteArray and CBOR byte strings (bytes), CBOR tags and simple values other
///   than undefined (written as null), keys of any other type, and nesting deeper
///   than MaxNestingDepth.
/// - Reading: null -> QVariant::fromValue
///   (nullptr); true/false -> bool; integers -> qint64, or quint64 in
///   (INT64_MAX, UINT64_MAX]; integers outside [INT64_MIN, UINT64_MAX] -> double
///   (a documented loss of precision: Python keeps them exact); numbers with a
///   fraction or an exponent -> double, even when integral ("3.0", "-0.0", "1e2"
///   stay double, -0.0 keeps its sign; "1e400" is +inf and "1e-400" is 0.0, as in
///   Python); NaN, Infinity, -Infinity -> double; strings -> QString; arrays ->
///   QVariantList; objects -> QVariantMap (keys sorted, a repeated key keeps its
///   last value), or with MapForm::OrderedCborMap a QCborMap holding the members
///   in the text's order, repeated keys kept, so that toJson() gives the text
///   back in compact form (see MapForm for the trade-off).
///   Malformed input: anything Qt's parser rejects (with its message and offset),
///   a number Python's grammar rejects ("01", "1.", ".5", "+1"), an escape
///   other than \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, a raw control character
///   inside a string (Python's strict mode), no value or more than one value,
///   nesting deeper than MaxNestingDepth, invalid UTF-8.
///
/// How it reads: simdjson parses and validates (grammar, UTF-8) every text, and it
/// becomes the QVariant directly: an object whose values are scalars and lists of
/// scalars through simdjson's On-Demand API, anything else through its tree (both
/// give the same value). A text simdjson refuses (malformed, or the
/// reference's NaN/Infinity, integers beyond 64 bits, floats beyond the double
/// range, lone surrogate escapes) is read again by Qt's parser (QJsonDocument),
/// which reports the error with its message and offset. Qt's parser knows neither
/// NaN/Infinity nor integers beyond 64 bits, and turns integral floats into
/// integers (Qt 6.4 reads "3.0" as 3 and "-0.0" as 0), so on that path a small
/// lexical pass (it only follows string and escape state; the grammar stays Qt's)
/// rewrites those number tokens into marker strings holding a per-process random
/// nonce first, and the markers are replaced by the right double / quint64
/// afterwards.
#pragma once

#include <EasyNet/abstractincrementalpacketserializer.h>
#include <EasyNet/mapform.h>

namespace EasyNet {

class EASYNET_EXPORT JsonSerializer final : public AbstractIncrementalPacketSerializer
{
public:
    /// Arrays and objects nested deeper than this are refused both ways (Python's
    /// own encoder and decoder stop near 1000 levels, at the recursion limit).
    static constexpr int MaxNestingDepth = 1000;

    /// mapForm: how objects are read (see MapForm; writing takes both forms).
    explicit JsonSerializer(MapForm mapForm = MapForm::VariantMap) : m_mapForm(mapForm) { }

    MapForm mapForm() const { return m_mapForm; } ///< how maps are read

    QByteArray serialize(const QVariant &packet) const override;
    QVariant deserialize(QByteArrayView data, ParseError &error) const override;
    /// True: a Q_GADGET is written as the map of its properties.
    bool writesGadgets() const override { return true; }
    QByteArray incrementalSerialize(const QVariant &packet) const override;
    void incrementalSerializeTo(const QVariant &packet, QByteArray &out) const override;
    std::unique_ptr<StreamDecoder> createDecoder(qsizetype maxPacketSize) const override;
    /// A JSON-lines decoder that reads objects straight into gadgets (null with
    /// MapForm::OrderedCborMap, whose maps no GadgetConverter takes).
    std::unique_ptr<StreamDecoder> createGadgetDecoder(QMetaType gadget,
                                                       qsizetype maxPacketSize) const override;

    /// The compact JSON text of a value (no newline). Throws SerializeError.
    static QByteArray toJson(const QVariant &value);
    /// The value of one JSON text (surrounding whitespace allowed). On failure
    /// returns an invalid QVariant and fills error (offsets relative to text).
    static QVariant fromJson(QByteArrayView text, ParseError &error,
                             MapForm mapForm = MapForm::VariantMap);

private:
    MapForm m_mapForm;
};

} // namespace EasyNet
