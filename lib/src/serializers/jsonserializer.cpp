#include <EasyNet/jsonserializer.h>

#include "protocol/separatorstreamdecoder_p.h"
#include "serializers/jsonreader_p.h"
#include "serializers/jsonwriter_p.h"

namespace EasyNet {

namespace {

class JsonStreamDecoder final : public SeparatorStreamDecoder
{
public:
    JsonStreamDecoder(qsizetype maxPacketSize, MapForm mapForm)
        : SeparatorStreamDecoder(QByteArrayLiteral("\n"), maxPacketSize), m_mapForm(mapForm)
    {
    }

protected:
    QVariant decodeFrame(QByteArrayView frame, ParseError &error) override
    {
        return JsonSerializer::fromJson(frame, error, m_mapForm);
    }

private:
    MapForm m_mapForm;
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
    JsonWriter::write(packet, out);
    out.append('\n');
}

std::unique_ptr<StreamDecoder> JsonSerializer::createDecoder(qsizetype maxPacketSize) const
{
    return std::make_unique<JsonStreamDecoder>(maxPacketSize, m_mapForm);
}

} // namespace EasyNet
