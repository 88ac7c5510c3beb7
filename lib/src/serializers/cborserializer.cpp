#include <EasyNet/cborserializer.h>

#include "protocol/framescanningdecoder_p.h"
#include "serializers/gadgetbuilder_p.h"
#include "serializers/packetcborvalue_p.h"
#include "serializers/packetvaluevisitor_p.h"

#include <QtCore/QCborArray>
#include <QtCore/QCborMap>
#include <QtCore/QCborStreamReader>
#include <QtCore/QCborStreamWriter>
#include <QtCore/QCborValue>
#include <QtCore/QList>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

namespace EasyNet {

namespace {

static_assert(PacketValueVisitor::MaxDepth == FrameScanningDecoder::DefaultMaxDepth);

// ---------------------------------------------------------------------------
// Encoding: the packet's events into Qt's QCborStreamWriter.

class CborWriter final : public PacketValueVisitor
{
public:
    explicit CborWriter(QByteArray *out)
        : PacketValueVisitor(QLatin1StringView("CBOR")), m_writer(out)
    {
    }

private:
    void visitNull() override { m_writer.append(nullptr); }
    void visitBool(bool value) override { m_writer.append(value); }
    void visitInteger(qint64 value) override { m_writer.append(value); }
    void visitUnsigned(quint64 value) override { m_writer.append(value); }
    void visitDouble(double value) override;
    void visitText(QStringView text) override { m_writer.append(text); }
    void visitBytes(QByteArrayView bytes) override
    {
        m_writer.appendByteString(bytes.data(), bytes.size());
    }
    void beginArray(qsizetype size) override { m_writer.startArray(quint64(size)); }
    void endArray() override { m_writer.endArray(); }
    void beginMap(qsizetype size) override { m_writer.startMap(quint64(size)); }
    void endMap() override { m_writer.endMap(); }
    void visitSimpleType(QCborSimpleType value) override { m_writer.append(value); }
    void beginTag(QCborTag tag) override { m_writer.append(tag); }

    QCborStreamWriter m_writer;
};

void CborWriter::visitDouble(double value)
{
    if (std::isfinite(value)) {
        m_writer.append(value); // always float64, as the reference
        return;
    }
    // The reference writes NaN and the infinities as float16.
    const quint16 bits = std::isnan(value) ? 0x7e00 : (value > 0 ? 0x7c00 : 0xfc00);
    qfloat16 half;
    static_assert(sizeof(half) == sizeof(bits));
    std::memcpy(static_cast<void *>(&half), &bits, sizeof(bits)); // qfloat16 is its bits
    m_writer.append(half);
}

QByteArray encode(const QVariant &packet)
{
    QByteArray out;
    CborWriter writer(&out);
    writer.visit(packet);
    return out;
}

// ---------------------------------------------------------------------------
// Decoding: Qt's QCborStreamReader over exactly one scanned frame, into the
// value model (QCborValue would turn integers above INT64_MAX into doubles).

class Reader
{
public:
    Reader(QByteArrayView frame, MapForm mapForm)
        : m_reader(frame.data(), frame.size()), m_mapForm(mapForm)
    {
    }

    // One data item; false on error (message() tells why).
    bool read(QVariant &out);
    // A map of text keys into gadget's fields, each value as read() reads it;
    // false for another item, another key or an error (see readGadgetOr()).
    bool readFields(GadgetBuilder &gadget);
    QString message() { return m_message.isEmpty() ? m_reader.lastError().toString() : m_message; }
    qint64 offset() { return m_reader.currentOffset(); }

private:
    bool ok() { return m_message.isEmpty() && m_reader.lastError() == QCborError::NoError; }
    bool fail(const QString &message)
    {
        m_message = message;
        return false;
    }
    bool readBytes(QByteArray &out);
    bool readText(QString &out);
    bool readArray(QVariant &out);
    bool readMap(QVariant &out);
    bool readTag(QVariant &out);
    // Sets field index of gadget from the scalar at the reader in place
    // (GadgetBuilder::setInteger() and setInPlace()), as read() reads it and
    // the converter converts it. False, having read nothing, when it takes
    // the QVariant path; an error while reading shows in ok().
    bool setScalarInPlace(GadgetBuilder &gadget, qsizetype index);
    // The integer at the reader when the value model holds it as a qint64
    // (read() makes a quint64 or a double of the others).
    std::optional<qint64> signedInteger();
    // The float16, float or double at the reader as read() makes it a double.
    double floatingPoint();

    QCborStreamReader m_reader;
    MapForm m_mapForm;
    QString m_message;
};

bool Reader::readBytes(QByteArray &out)
{
    auto chunk = m_reader.readByteArray();
    while (chunk.status == QCborStreamReader::Ok) {
        out += chunk.data;
        chunk = m_reader.readByteArray();
    }
    return chunk.status == QCborStreamReader::EndOfString && ok();
}

bool Reader::readText(QString &out)
{
    auto chunk = m_reader.readString();
    while (chunk.status == QCborStreamReader::Ok) {
        out += chunk.data;
        chunk = m_reader.readString();
    }
    return chunk.status == QCborStreamReader::EndOfString && ok();
}

bool Reader::readArray(QVariant &out)
{
    if (!m_reader.enterContainer())
        return false;
    QVariantList list;
    while (m_reader.hasNext()) {
        QVariant item;
        if (!read(item))
            return false;
        list.append(std::move(item));
    }
    if (!ok() || !m_reader.leaveContainer())
        return false;
    out = std::move(list);
    return true;
}

bool Reader::readMap(QVariant &out)
{
    if (!m_reader.enterContainer())
        return false;
    QList<std::pair<QVariant, QVariant>> entries;
    while (m_reader.hasNext()) {
        QVariant key, value;
        if (!read(key) || !read(value))
            return false;
        entries.append({std::move(key), std::move(value)});
    }
    if (!ok() || !m_reader.leaveContainer())
        return false;
    out = packetFromMapEntries(entries, m_mapForm);
    return true;
}

bool Reader::readFields(GadgetBuilder &gadget)
{
    if (!m_reader.isMap() || !m_reader.enterContainer())
        return false;
    while (m_reader.hasNext()) {
        QString key;
        if (!m_reader.isString() || !readText(key))
            return false;
        const qsizetype index = gadget.indexOf(key);
        if (index >= 0 && setScalarInPlace(gadget, index)) {
            if (!ok())
                return false;
            continue;
        }
        QVariant value;
        if (!read(value))
            return false;
        if (index >= 0)
            gadget.setField(index, std::move(value));
    }
    return ok() && m_reader.leaveContainer();
}

bool Reader::setScalarInPlace(GadgetBuilder &gadget, qsizetype index)
{
    bool set = false;
    switch (m_reader.type()) {
    case QCborStreamReader::UnsignedInteger:
    case QCborStreamReader::NegativeInteger: {
        const std::optional<qint64> value = signedInteger();
        set = value && gadget.setInteger(index, *value);
        break;
    }
    case QCborStreamReader::SimpleType:
        if (m_reader.toSimpleType() == QCborSimpleType::False)
            set = gadget.setInPlace(index, false);
        else if (m_reader.toSimpleType() == QCborSimpleType::True)
            set = gadget.setInPlace(index, true);
        break;
    case QCborStreamReader::Float16:
    case QCborStreamReader::Float:
    case QCborStreamReader::Double: set = gadget.setInPlace(index, floatingPoint()); break;
    default: break;
    }
    if (set)
        m_reader.next();
    return set;
}

std::optional<qint64> Reader::signedInteger()
{
    if (m_reader.isUnsignedInteger()) {
        const quint64 value = m_reader.toUnsignedInteger();
        if (value <= quint64(std::numeric_limits<qint64>::max()))
            return qint64(value);
        return std::nullopt;
    }
    // The magnitude: -1 is 1, and 0 stands for -2^64.
    const quint64 magnitude = quint64(m_reader.toNegativeInteger());
    if (magnitude != 0 && magnitude - 1 <= quint64(std::numeric_limits<qint64>::max()))
        return -qint64(magnitude - 1) - 1;
    return std::nullopt;
}

double Reader::floatingPoint()
{
    switch (m_reader.type()) {
    case QCborStreamReader::Float16: return double(float(m_reader.toFloat16()));
    case QCborStreamReader::Float: return double(m_reader.toFloat());
    default: return m_reader.toDouble();
    }
}

bool Reader::readTag(QVariant &out)
{
    const QCborTag tag = m_reader.toTag();
    if (!m_reader.next())
        return false;
    const bool bignum
        = tag == QCborKnownTags::PositiveBignum || tag == QCborKnownTags::NegativeBignum;
    if (bignum && m_reader.isByteArray()) {
        QByteArray digits;
        if (!readBytes(digits))
            return false;
        double magnitude = 0;
        for (const char digit : std::as_const(digits))
            magnitude = magnitude * 256 + double(quint8(digit));
        // Beyond 64 bits: the value model has only double (documented).
        out = tag == QCborKnownTags::PositiveBignum ? magnitude : -1 - magnitude;
        return true;
    }
    // Any other tag: its content, the tag number dropped.
    return read(out);
}

bool Reader::read(QVariant &out)
{
    switch (m_reader.type()) {
    case QCborStreamReader::UnsignedInteger:
    case QCborStreamReader::NegativeInteger:
        if (const std::optional<qint64> value = signedInteger())
            out = QVariant::fromValue(*value);
        else if (m_reader.isUnsignedInteger())
            out = QVariant::fromValue(m_reader.toUnsignedInteger());
        else if (const auto magnitude = quint64(m_reader.toNegativeInteger()); magnitude == 0)
            out = -18446744073709551616.0; // (magnitude 0 stands for 2^64)
        else
            out = -double(magnitude);
        return m_reader.next();
    case QCborStreamReader::ByteArray: {
        QByteArray bytes;
        if (!readBytes(bytes))
            return false;
        out = std::move(bytes);
        return true;
    }
    case QCborStreamReader::String: {
        QString text;
        if (!readText(text))
            return false;
        out = std::move(text);
        return true;
    }
    case QCborStreamReader::Array: return readArray(out);
    case QCborStreamReader::Map: return readMap(out);
    case QCborStreamReader::Tag: return readTag(out);
    case QCborStreamReader::SimpleType: {
        const QCborSimpleType simple = m_reader.toSimpleType();
        switch (simple) {
        case QCborSimpleType::False: out = false; break;
        case QCborSimpleType::True: out = true; break;
        case QCborSimpleType::Null:
        case QCborSimpleType::Undefined: out = QVariant::fromValue(nullptr); break;
        default: out = QVariant::fromValue(simple); break;
        }
        return m_reader.next();
    }
    case QCborStreamReader::Float16:
    case QCborStreamReader::Float:
    case QCborStreamReader::Double: out = floatingPoint(); return m_reader.next();
    case QCborStreamReader::Invalid: break;
    }
    if (m_reader.lastError() == QCborError::NoError)
        return fail(QStringLiteral("invalid CBOR data item"));
    return false;
}

// ---------------------------------------------------------------------------
// Frame scanning: CBOR item headers (RFC 8949, section 3).

class CborStreamDecoder final : public FrameScanningDecoder
{
public:
    // With a gadget type, maps that make that gadget become it (see
    // createGadgetDecoder()).
    CborStreamDecoder(qsizetype maxPacketSize, MapForm mapForm, QMetaType gadget = {})
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
CborStreamDecoder::readHeader(QByteArrayView bytes, Header &header, QString &message) const
{
    const quint8 initial = quint8(bytes.front());
    const int major = initial >> 5;
    const int info = initial & 0x1f;
    header.type = major;
    quint64 argument = 0;
    if (info < 24) {
        header.size = 1;
        argument = quint64(info);
    } else if (info <= 27) {
        const qsizetype length = qsizetype(1) << (info - 24);
        header.size = 1 + length;
        if (bytes.size() < header.size)
            return HeaderStatus::NeedMoreData;
        for (qsizetype i = 1; i <= length; ++i)
            argument = (argument << 8) | quint8(bytes.at(i));
    } else if (info <= 30) {
        message = QStringLiteral("reserved additional information %1 in initial byte 0x%2")
                      .arg(info)
                      .arg(initial, 2, 16, QLatin1Char('0'));
        return HeaderStatus::Invalid;
    } else {
        header.size = 1;
        switch (major) {
        case 2: // indefinite-length byte or text string: definite chunks, then a break
        case 3:
            header.indefinite = true;
            header.chunkType = major;
            return HeaderStatus::Ok;
        case 4: header.indefinite = true; return HeaderStatus::Ok;
        case 5:
            header.indefinite = true;
            header.pairs = true;
            return HeaderStatus::Ok;
        case 7: header.isBreak = true; return HeaderStatus::Ok;
        default:
            message = QStringLiteral("indefinite length in initial byte 0x%1 (major type %2)")
                          .arg(initial, 2, 16, QLatin1Char('0'))
                          .arg(major);
            return HeaderStatus::Invalid;
        }
    }
    switch (major) {
    case 2:
    case 3: header.payload = argument; break;
    case 4: header.children = argument; break;
    case 5:
        header.children = argument > std::numeric_limits<quint64>::max() / 2
            ? std::numeric_limits<quint64>::max()
            : 2 * argument;
        break;
    case 6: header.children = 1; break;
    default: // integers, simple values and floats: the header is the whole item
        break;
    }
    return HeaderStatus::Ok;
}

QVariant CborStreamDecoder::decodeFrame(QByteArrayView frame, ParseError &error)
{
    QVariant packet;
    const bool decoded = readGadgetOr(
        m_gadget.get(), packet,
        [&](GadgetBuilder &gadget) { return Reader(frame, m_mapForm).readFields(gadget); },
        [&](QVariant &out) {
            Reader reader(frame, m_mapForm); // (from the start again)
            if (reader.read(out))
                return true;
            error = ParseError(ParseError::Kind::Malformed,
                               QStringLiteral("invalid CBOR: %1").arg(reader.message()),
                               reader.offset(), frame.size(), true);
            return false;
        });
    return decoded ? packet : QVariant();
}

} // namespace

CborSerializer::CborSerializer(MapForm mapForm) : m_mapForm(mapForm) { }

QByteArray CborSerializer::serialize(const QVariant &packet) const
{
    return encode(packet);
}

QByteArray CborSerializer::incrementalSerialize(const QVariant &packet) const
{
    return encode(packet); // data items are self-delimiting
}

QVariant CborSerializer::deserialize(QByteArrayView data, ParseError &error) const
{
    CborStreamDecoder decoder(qMax<qsizetype>(1, data.size()), m_mapForm);
    return decoder.decodeDatagram(data, error);
}

std::unique_ptr<StreamDecoder> CborSerializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<CborStreamDecoder>(maxPacketSize, m_mapForm);
}

std::unique_ptr<StreamDecoder> CborSerializer::createGadgetDecoder(QMetaType gadget,
                                                                   qsizetype maxPacketSize) const
{
    // As JsonSerializer's: the ordered form's maps are the converter's errors.
    if (m_mapForm != MapForm::VariantMap)
        return nullptr;
    return std::make_unique<CborStreamDecoder>(maxPacketSize, m_mapForm, gadget);
}

} // namespace EasyNet
