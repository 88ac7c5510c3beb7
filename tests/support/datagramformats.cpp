#include "datagramformats.h"

#include "testsupport.h"

#include <EasyNet/base64serializer.h>
#include <EasyNet/cborserializer.h>
#include <EasyNet/datastreamserializer.h>
#include <EasyNet/jsonserializer.h>
#include <EasyNet/msgpackserializer.h>
#include <EasyNet/rawserializer.h>
#include <EasyNet/structserializer.h>
#include <EasyNet/zlibserializer.h>

namespace EasyNetTest {

using namespace EasyNet;

QList<DatagramFormat> datagramFormats()
{
    const auto map = [](int i) {
        return QVariant(
            QVariantMap {{QStringLiteral("n"), i},
                         {QStringLiteral("s"), QStringLiteral("\u00e9t\u00e9 %1").arg(i)}});
    };
    const auto json = std::make_shared<JsonSerializer>();
    return {
        {"json", json, map},
        {"cbor", std::make_shared<CborSerializer>(), map},
        {"msgpack", std::make_shared<MsgPackSerializer>(), map},
        {"datastream", std::make_shared<DataStreamSerializer>(), map},
        {"line", lineSerializer(),
         [](int i) { return QVariant(QStringLiteral("line %1").arg(i)); }},
        {"raw", std::make_shared<RawSerializer>(),
         [](int i) { return QVariant(QByteArray::number(i).repeated(3) + '\0' + '\xff'); }},
        {"struct", StructSerializer::fromFormat(u">IH"),
         [](int i) {
             return QVariant(QVariantList {i, i % 65536});
         }},
        {"base64 json", std::make_shared<Base64Serializer>(json), map},
        {"zlib json", std::make_shared<ZlibSerializer>(json), map},
    };
}

} // namespace EasyNetTest
