#include <EasyNet/jsonserializer.h>

#include "protocol/separatorstreamdecoder_p.h"
#include "serializers/gadgetbuilder_p.h"
#include "serializers/jsonreader_p.h"
#include "serializers/jsonwriter_p.h"

namespace EasyNet {

namespace {

class JsonStreamDecoder final : public SeparatorStreamDecoder
{
public:
    // With a gadget type, objects that make that gadget become it (see
    // createGadgetDecoder()).
    JsonStreamDecoder(qsizetype maxPacketSize, MapForm mapForm, QMetaType gadget = {})
        : SeparatorStreamDecoder(QByteArrayLiteral("\n"), maxPacketSize)
        , m_mapForm(mapForm)
        , m_gadget(gadgetBuilderFor(gadget))
    {
    }

protected:
    QVariant decodeFrame(QByteArrayView frame, ParseError &error) override
    {
        // The frame starts pending(), at streamPosition().
        const qint64 position = streamPosition();
        if (m_next == qsizetype(m_lines.size()) && position >= m_batchEnd)
            readBatch(frame.size());
        if (m_next < qsizetype(m_lines.size()) && position == m_valuePosition) {
            QVariant value;
            takeValue(value);
            return value;
        }
        dropBatch();
        return JsonReader::read(frame, error, m_mapForm, m_gadget.get());
    }
    // The lines of a batch after its first (which decodeFrame() returns).
    bool takeDecodedAhead(QVariant &packet, qsizetype &frameSize) override
    {
        if (m_next == qsizetype(m_lines.size()) || streamPosition() != m_valuePosition)
            return false;
        frameSize = m_lines[m_next].size;
        takeValue(packet);
        return true;
    }
    qsizetype takeManyDecodedAhead(QVariantList &packets, qsizetype max, QMetaType only,
                                   qsizetype &bytes) override
    {
        if (streamPosition() != m_valuePosition)
            return 0;
        const qint64 start = m_valuePosition;
        const qsizetype ready = qMin(max, qsizetype(m_lines.size()) - m_next);
        qsizetype taken = 0;
        // (compared with QMetaType(): isValid() is out of line in Qt 6.4)
        while (taken < ready
               && (only == QMetaType() || m_lines[m_next + taken].value.metaType() == only)) {
            ++taken;
        }
        if (taken > 0) {
            // (made empty in one go and swapped in: QList::append() checks
            // for a detach and for room on every call)
            const qsizetype first = packets.size();
            packets.resize(first + taken);
            QVariant *const into = packets.data() + first;
            for (qsizetype i = 0; i < taken; ++i)
                into[i].swap(nextValue());
        }
        bytes = qsizetype(m_valuePosition - start);
        dropBatchIfRead();
        return taken;
    }

private:
    // Reads the whole lines buffered after this frame's (up to
    // JsonReader::MaxLinesSize bytes) together, when there are any: one pass
    // of the parser for all instead of one per line. Where it stops (a line
    // read() must take), the lines are read one by one up to the end of
    // what it looked at, so that no byte is looked at twice by a batch.
    void readBatch(qsizetype frameSize)
    {
        const QByteArrayView data = pending();
        const qsizetype end
            = data.first(qMin(data.size(), JsonReader::MaxLinesSize)).lastIndexOf('\n') + 1;
        if (end <= frameSize + 1)
            return; // this frame's line alone: read() it
        m_batchEnd = streamPosition() + end;
        m_valuePosition = streamPosition();
        JsonReader::readLines(data.first(end), maxPacketSize(), m_mapForm, m_lines, m_gadget.get());
        setHoldsDecodedAhead(!m_lines.empty());
    }
    // The next value of the batch into packet.
    void takeValue(QVariant &packet)
    {
        packet.swap(nextValue()); // (no temporary; what packet held goes with the batch)
        dropBatchIfRead();
    }
    // The value of the batch's next line, for the caller to take: the line
    // counts as read.
    QVariant &nextValue()
    {
        JsonReader::Line &line = m_lines[m_next++];
        m_valuePosition += line.size + 1;
        return line.value;
    }
    void dropBatchIfRead()
    {
        if (m_next == qsizetype(m_lines.size()))
            dropBatch();
    }
    void dropBatch()
    {
        m_lines.clear(); // keeps the capacity for the next batch
        m_next = 0;
        setHoldsDecodedAhead(false);
    }

    MapForm m_mapForm;
    std::unique_ptr<GadgetBuilder> m_gadget; // null: the plain decoder
    std::vector<JsonReader::Line> m_lines; // read ahead by readBatch(), from m_next on
    qsizetype m_next = 0;
    qint64 m_valuePosition = 0; // the stream position of m_lines[m_next]'s line
    qint64 m_batchEnd = 0; // no new batch before this stream position
};

} // namespace

QByteArray JsonSerializer::toJson(const QVariant &value)
{
    return JsonWriter::write(value);
}

QVariant JsonSerializer::fromJson(QByteArrayView text, ParseError &error, MapForm mapForm)
{
    return JsonReader::read(text, error, mapForm);
}

QByteArray JsonSerializer::serialize(const QVariant &packet) const
{
    return toJson(packet);
}

QVariant JsonSerializer::deserialize(QByteArrayView data, ParseError &error) const
{
    return fromJson(data, error, m_mapForm);
}

QByteArray JsonSerializer::incrementalSerialize(const QVariant &packet) const
{
    QByteArray text = toJson(packet);
    text.append('\n');
    return text;
}

void JsonSerializer::incrementalSerializeTo(const QVariant &packet, QByteArray &out) const
{
    JsonWriter::write(packet, out, "\n");
}

std::unique_ptr<StreamDecoder> JsonSerializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<JsonStreamDecoder>(maxPacketSize, m_mapForm);
}

std::unique_ptr<StreamDecoder> JsonSerializer::createGadgetDecoder(QMetaType gadget,
                                                                   qsizetype maxPacketSize) const
{
    // A GadgetConverter wants a QVariantMap: with the ordered form every
    // packet is its error, which the plain decoder lets it report.
    if (m_mapForm != MapForm::VariantMap)
        return nullptr;
    return std::make_unique<JsonStreamDecoder>(maxPacketSize, m_mapForm, gadget);
}

} // namespace EasyNet
