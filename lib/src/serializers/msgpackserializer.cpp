#include <EasyNet/msgpackserializer.h>

#include "protocol/framescanningdecoder_p.h"
#include "serializers/gadgetbuilder_p.h"
#include "serializers/packetcborvalue_p.h"
#include "serializers/packetvaluevisitor_p.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QCborValue>
#include <QtCore/QList>
#include <QtCore/QStringDecoder>
#include <QtCore/QtEndian>

#include <exception>
#include <limits>
#include <utility>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wcast-align"
#pragma GCC diagnostic ignored "-Wnull-dereference"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#include <msgpack.hpp>
#pragma GCC diagnostic pop

namespace EasyNet {

namespace {

static_assert(PacketValueVisitor::MaxDepth == FrameScanningDecoder::DefaultMaxDepth);

// ---------------------------------------------------------------------------
// Encoding: the packet's events into msgpack::packer, straight into a QByteArray.

struct ByteArrayStream
{
    QByteArray *out;
    void write(const char *data, size_t size) { out->append(data, qsizetype(size)); }
};

class MsgPackWriter final : public PacketValueVisitor
{
public:
    explicit MsgPackWriter(QByteArray *out)
        : PacketValueVisitor(QLatin1StringView("MessagePack")), m_stream {out}, m_packer(m_stream)
    {
    }

private:
    void visitNull() override { m_packer.pack_nil(); }
    void visitBool(bool value) override
    {
        if (value)
            m_packer.pack_true();
        else
            m_packer.pack_false();
    }
    void visitInteger(qint64 value) override { m_packer.pack_int64(int64_t(value)); }
    void visitUnsigned(quint64 value) override { m_packer.pack_uint64(uint64_t(value)); }
    void visitDouble(double value) override;
    void visitText(QStringView text) override
    {
        const QByteArray utf8 = text.toUtf8();
        m_packer.pack_str(checkedSize(utf8.size()));
        m_packer.pack_str_body(utf8.constData(), uint32_t(utf8.size()));
    }
    void visitBytes(QByteArrayView bytes) override
    {
        m_packer.pack_bin(checkedSize(bytes.size()));
        m_packer.pack_bin_body(bytes.data(), uint32_t(bytes.size()));
    }
    void beginArray(qsizetype size) override { m_packer.pack_array(checkedSize(size)); }
    void endArray() override { }
    // Keys of any type, as the reference writes them.
    void beginMap(qsizetype size) override { m_packer.pack_map(checkedSize(size)); }
    void endMap() override { }

    static uint32_t checkedSize(qsizetype size)
    {
        if (quint64(size) > std::numeric_limits<uint32_t>::max())
            fail(QStringLiteral("%1 elements or bytes do not fit in a MessagePack object")
                     .arg(size));
        return uint32_t(size);
    }

    ByteArrayStream m_stream;
    msgpack::packer<ByteArrayStream> m_packer;
};

// float64 (0xcb), always, as the reference: msgpack-cxx 4's pack_double()
// writes a double holding an integral value (3.0, -0.0) as an integer, which
// would come back as an int. So the 9 bytes are stored here.
void MsgPackWriter::visitDouble(double value)
{
    char bytes[9];
    bytes[0] = char(0xcb);
    qToBigEndian(value, bytes + 1);
    m_stream.write(bytes, sizeof(bytes));
}

QByteArray encode(const QVariant &packet)
{
    QByteArray out;
    MsgPackWriter writer(&out);
    writer.visit(packet);
    return out;
}

// ---------------------------------------------------------------------------
// Decoding: msgpack::object -> value model. Depth is bounded by the scanner.

QLatin1StringView typeName(msgpack::type::object_type type)
{
    switch (type) {
    case msgpack::type::NIL: return QLatin1StringView("nil");
    case msgpack::type::BOOLEAN: return QLatin1StringView("bool");
    case msgpack::type::POSITIVE_INTEGER:
    case msgpack::type::NEGATIVE_INTEGER: return QLatin1StringView("int");
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64: return QLatin1StringView("float");
    case msgpack::type::STR: return QLatin1StringView("str");
    case msgpack::type::BIN: return QLatin1StringView("bin");
    case msgpack::type::ARRAY: return QLatin1StringView("array");
    case msgpack::type::MAP: return QLatin1StringView("map");
    case msgpack::type::EXT: return QLatin1StringView("ext");
    }
    return QLatin1StringView("unknown");
}

bool convert(const msgpack::object &object, MapForm form, QVariant &out, QString &message)
{
    switch (object.type) {
    case msgpack::type::NIL: out = QVariant::fromValue(nullptr); return true;
    case msgpack::type::BOOLEAN: out = object.via.boolean; return true;
    case msgpack::type::POSITIVE_INTEGER: {
        const quint64 value = object.via.u64;
        if (value <= quint64(std::numeric_limits<qint64>::max()))
            out = QVariant::fromValue(qint64(value));
        else
            out = QVariant::fromValue(value);
        return true;
    }
    case msgpack::type::NEGATIVE_INTEGER:
        out = QVariant::fromValue(qint64(object.via.i64));
        return true;
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64: out = object.via.f64; return true;
    case msgpack::type::STR: {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decoder.decode(QByteArrayView(object.via.str.ptr, object.via.str.size));
        if (decoder.hasError()) {
            message = QStringLiteral("invalid UTF-8 in a str");
            return false;
        }
        out = std::move(text);
        return true;
    }
    case msgpack::type::BIN:
        out = QByteArray(object.via.bin.ptr, qsizetype(object.via.bin.size));
        return true;
    case msgpack::type::ARRAY: {
        QVariantList list;
        list.reserve(qsizetype(object.via.array.size));
        for (uint32_t i = 0; i < object.via.array.size; ++i) {
            QVariant item;
            if (!convert(object.via.array.ptr[i], form, item, message))
                return false;
            list.append(std::move(item));
        }
        out = std::move(list);
        return true;
    }
    case msgpack::type::MAP: {
        // As the reference (strict_map_key): str and bin keys only.
        QList<std::pair<QVariant, QVariant>> entries;
        entries.reserve(qsizetype(object.via.map.size));
        for (uint32_t i = 0; i < object.via.map.size; ++i) {
            const msgpack::object_kv &kv = object.via.map.ptr[i];
            if (kv.key.type != msgpack::type::STR && kv.key.type != msgpack::type::BIN) {
                message
                    = QStringLiteral("%1 is not allowed for map key").arg(typeName(kv.key.type));
                return false;
            }
            QVariant key, value;
            if (!convert(kv.key, form, key, message) || !convert(kv.val, form, value, message))
                return false;
            entries.append({std::move(key), std::move(value)});
        }
        out = packetFromMapEntries(entries, form); // bin keys: a QCborMap of byte arrays
        return true;
    }
    case msgpack::type::EXT:
        message = QStringLiteral("extension type %1 is not supported").arg(object.via.ext.type());
        return false;
    }
    message = QStringLiteral("unknown MessagePack object type");
    return false;
}

// Sets field index of gadget from a bool or number in place (GadgetBuilder::
// setInteger() and setInPlace()), as convert() would read it; false when it
// takes the QVariant path.
bool setScalarInPlace(GadgetBuilder &gadget, qsizetype index, const msgpack::object &value)
{
    switch (value.type) {
    case msgpack::type::BOOLEAN: return gadget.setInPlace(index, value.via.boolean);
    case msgpack::type::POSITIVE_INTEGER:
        return value.via.u64 <= quint64(std::numeric_limits<qint64>::max())
            && gadget.setInteger(index, qint64(value.via.u64));
    case msgpack::type::NEGATIVE_INTEGER: return gadget.setInteger(index, value.via.i64);
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64: return gadget.setInPlace(index, value.via.f64);
    default: return false;
    }
}

// A map of str keys into gadget's fields, keys and values as convert() makes
// them (a bool or number of the field's own type in place); false for another
// object, another key or an error (see readGadgetOr()).
bool convertFields(const msgpack::object &object, GadgetBuilder &gadget)
{
    if (object.type != msgpack::type::MAP)
        return false;
    QString message; // (convert() of the whole map says it again)
    for (uint32_t i = 0; i < object.via.map.size; ++i) {
        const msgpack::object_kv &kv = object.via.map.ptr[i];
        QVariant key;
        if (kv.key.type != msgpack::type::STR
            || !convert(kv.key, MapForm::VariantMap, key, message))
            return false;
        const qsizetype index = gadget.indexOf(QStringView(key.toString()));
        if (index >= 0 && setScalarInPlace(gadget, index, kv.val))
            continue;
        QVariant value;
        if (!convert(kv.val, MapForm::VariantMap, value, message))
            return false;
        if (index >= 0)
            gadget.setField(index, std::move(value));
    }
    return true;
}

// ---------------------------------------------------------------------------
// Frame scanning: MessagePack type bytes (the spec's "formats").

class MsgPackStreamDecoder final : public FrameScanningDecoder
{
public:
    // With a gadget type, maps that make that gadget become it (see
    // createGadgetDecoder()).
    MsgPackStreamDecoder(qsizetype maxPacketSize, MapForm mapForm, QMetaType gadget = {})
        : FrameScanningDecoder(maxPacketSize)
        , m_mapForm(mapForm)
        , m_gadget(gadgetBuilderFor(gadget))
    {
    }

protected:
    HeaderStatus readHeader(QByteArrayView bytes, Header &header, QString &message) const override;
    QVariant decodeFrame(QByteArrayView frame, ParseError &error) override;

private:
    MapForm m_mapForm;
    std::unique_ptr<GadgetBuilder> m_gadget; // null: the plain decoder
};

FrameScanningDecoder::HeaderStatus
MsgPackStreamDecoder::readHeader(QByteArrayView bytes, Header &header, QString &message) const
{
    const quint8 type = quint8(bytes.front());
    // Fixed-size items: the type byte, then size - 1 bytes skipped as payload.
    auto fixed = [&](qsizetype size) {
        header.size = 1;
        header.payload = quint64(size - 1);
        return HeaderStatus::Ok;
    };
    // A big-endian length of lengthBytes after the type byte.
    quint64 length = 0;
    auto readLength = [&](qsizetype lengthBytes) {
        header.size = 1 + lengthBytes;
        if (bytes.size() < header.size)
            return false;
        for (qsizetype i = 1; i <= lengthBytes; ++i)
            length = (length << 8) | quint8(bytes.at(i));
        return true;
    };

    if (type <= 0x7f || type >= 0xe0) // positive / negative fixint
        return fixed(1);
    if (type <= 0x8f) { // fixmap
        header.size = 1;
        header.children = 2 * quint64(type & 0x0f);
        return HeaderStatus::Ok;
    }
    if (type <= 0x9f) { // fixarray
        header.size = 1;
        header.children = quint64(type & 0x0f);
        return HeaderStatus::Ok;
    }
    if (type <= 0xbf) { // fixstr
        header.size = 1;
        header.payload = quint64(type & 0x1f);
        return HeaderStatus::Ok;
    }
    switch (type) {
    case 0xc0: // nil, false, true
    case 0xc2:
    case 0xc3: return fixed(1);
    case 0xc1:
        message = QStringLiteral("the never-used type byte 0xc1");
        return HeaderStatus::Invalid;
    case 0xc4: // bin 8/16/32, str 8/16/32: a length, then that many bytes
    case 0xd9:
        if (!readLength(1))
            return HeaderStatus::NeedMoreData;
        header.payload = length;
        return HeaderStatus::Ok;
    case 0xc5:
    case 0xda:
        if (!readLength(2))
            return HeaderStatus::NeedMoreData;
        header.payload = length;
        return HeaderStatus::Ok;
    case 0xc6:
    case 0xdb:
        if (!readLength(4))
            return HeaderStatus::NeedMoreData;
        header.payload = length;
        return HeaderStatus::Ok;
    case 0xc7: // ext 8/16/32: a length, the type byte, then the data
        if (!readLength(1))
            return HeaderStatus::NeedMoreData;
        header.payload = length + 1;
        return HeaderStatus::Ok;
    case 0xc8:
        if (!readLength(2))
            return HeaderStatus::NeedMoreData;
        header.payload = length + 1;
        return HeaderStatus::Ok;
    case 0xc9:
        if (!readLength(4))
            return HeaderStatus::NeedMoreData;
        header.payload = length + 1;
        return HeaderStatus::Ok;
    case 0xca: return fixed(5); // float 32
    case 0xcb: return fixed(9); // float 64
    case 0xcc: return fixed(2); // uint 8/16/32/64
    case 0xcd: return fixed(3);
    case 0xce: return fixed(5);
    case 0xcf: return fixed(9);
    case 0xd0: return fixed(2); // int 8/16/32/64
    case 0xd1: return fixed(3);
    case 0xd2: return fixed(5);
    case 0xd3: return fixed(9);
    case 0xd4: return fixed(3); // fixext 1/2/4/8/16: type byte + data
    case 0xd5: return fixed(4);
    case 0xd6: return fixed(6);
    case 0xd7: return fixed(10);
    case 0xd8: return fixed(18);
    case 0xdc: // array 16/32
        if (!readLength(2))
            return HeaderStatus::NeedMoreData;
        header.children = length;
        return HeaderStatus::Ok;
    case 0xdd:
        if (!readLength(4))
            return HeaderStatus::NeedMoreData;
        header.children = length;
        return HeaderStatus::Ok;
    case 0xde: // map 16/32: keys and values
        if (!readLength(2))
            return HeaderStatus::NeedMoreData;
        header.children = 2 * length;
        return HeaderStatus::Ok;
    case 0xdf:
        if (!readLength(4))
            return HeaderStatus::NeedMoreData;
        header.children = 2 * length;
        return HeaderStatus::Ok;
    default: break;
    }
    Q_UNREACHABLE();
    return HeaderStatus::Invalid;
}

QVariant MsgPackStreamDecoder::decodeFrame(QByteArrayView frame, ParseError &error)
{
    QString message;
    try {
        const msgpack::object_handle handle = msgpack::unpack(frame.data(), size_t(frame.size()));
        const msgpack::object &object = handle.get();
        QVariant packet;
        if (readGadgetOr(
                m_gadget.get(), packet,
                [&](GadgetBuilder &gadget) { return convertFields(object, gadget); },
                [&](QVariant &out) { return convert(object, m_mapForm, out, message); })) {
            return packet;
        }
    } catch (const std::bad_alloc &) {
        throw;
    } catch (const std::exception &e) {
        message = QStringLiteral("invalid MessagePack: %1").arg(QString::fromUtf8(e.what()));
    }
    error = ParseError(ParseError::Kind::Malformed, message, 0, frame.size(), true);
    return {};
}

} // namespace

MsgPackSerializer::MsgPackSerializer(MapForm mapForm) : m_mapForm(mapForm) { }

QByteArray MsgPackSerializer::serialize(const QVariant &packet) const
{
    return encode(packet);
}

QByteArray MsgPackSerializer::incrementalSerialize(const QVariant &packet) const
{
    return encode(packet); // objects are self-delimiting
}

QVariant MsgPackSerializer::deserialize(QByteArrayView data, ParseError &error) const
{
    MsgPackStreamDecoder decoder(qMax<qsizetype>(1, data.size()), m_mapForm);
    return decoder.decodeDatagram(data, error);
}

std::unique_ptr<StreamDecoder> MsgPackSerializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<MsgPackStreamDecoder>(maxPacketSize, m_mapForm);
}

std::unique_ptr<StreamDecoder> MsgPackSerializer::createGadgetDecoder(QMetaType gadget,
                                                                      qsizetype maxPacketSize) const
{
    // As JsonSerializer's: the ordered form's maps are the converter's errors.
    if (m_mapForm != MapForm::VariantMap)
        return nullptr;
    return std::make_unique<MsgPackStreamDecoder>(maxPacketSize, m_mapForm, gadget);
}

} // namespace EasyNet
