#include "serializers/jsonreader_p.h"

#include "serializers/gadgetbuilder_p.h"
#include "serializers/jsonfallbackreader_p.h"
#include "serializers/packetcborvalue_p.h"
#include "serializers/variantmapbuilder_p.h"

#include <EasyNet/jsonserializer.h>

#include <QtCore/QList>
#include <QtCore/QMap>
#include <QtCore/QString>

#include <simdjson.h>

#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace EasyNet {

namespace {

// Texts up to this size are parsed by one parser per thread, kept between calls;
// a larger text gets a parser of its own, freed afterwards, so that one big
// packet does not pin its buffers (about 14 bytes per byte of text) to the thread.
constexpr qsizetype ReusedParserCapacity = 16 * 1024;
static_assert(JsonReader::MaxLinesSize <= ReusedParserCapacity);

// The parser of the thread, for texts and lines up to ReusedParserCapacity.
simdjson::dom::parser &reusedParser()
{
    thread_local simdjson::dom::parser parser;
    return parser;
}

// JSON whitespace (a line holds no '\n').
bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Map keys repeat from packet to packet: a small cache per thread hands out
// shared copies of the recent ones instead of converting and allocating each
// one again (about 250 instructions per key).
QString keyString(std::string_view key)
{
    constexpr size_t MaxCachedKeySize = 32;
    constexpr size_t Slots = 64;
    struct Slot
    {
        QByteArray utf8;
        QString text;
    };
    if (key.empty() || key.size() > MaxCachedKeySize)
        return toQString(key);
    // On the heap: libEasyNet's thread-locals are static TLS (see
    // eventloopentry.cpp), of which glibc keeps little for a library that is
    // dlopen()ed, as through a QML plugin.
    thread_local const std::unique_ptr<std::array<Slot, Slots>> recentKeys
        = std::make_unique<std::array<Slot, Slots>>();
    std::array<Slot, Slots> &cache = *recentKeys;
    size_t hash = key.size();
    for (const char c : key)
        hash = hash * 31 + uchar(c);
    Slot &slot = cache[hash % Slots];
    // (QByteArrayView's != is a call even when the sizes differ)
    if (size_t(slot.utf8.size()) != key.size()
        || std::memcmp(slot.utf8.constData(), key.data(), key.size()) != 0) {
        slot.utf8 = QByteArray(key.data(), qsizetype(key.size()));
        slot.text = toQString(key);
    }
    return slot.text;
}

// simdjson's tree -> the project's value model. False for what the value model
// wants otherwise than simdjson reads it (nesting deeper than MaxNestingDepth):
// the fallback reader then takes the text.
bool toVariant(simdjson::dom::element element, QVariant &out, int depth, MapForm form)
{
    using simdjson::dom::element_type;
    switch (element.type()) {
    case element_type::ARRAY: {
        if (depth >= JsonSerializer::MaxNestingDepth)
            return false;
        const simdjson::dom::array array = element.get_array().value_unsafe();
        QVariantList list;
        list.reserve(qsizetype(array.size()));
        for (const simdjson::dom::element item : array) {
            QVariant converted;
            if (!toVariant(item, converted, depth + 1, form))
                return false;
            list.append(std::move(converted));
        }
        out = std::move(list);
        return true;
    }
    case element_type::OBJECT: {
        if (depth >= JsonSerializer::MaxNestingDepth)
            return false;
        // (value_unsafe() returns into its temporary: the object is copied out first)
        const simdjson::dom::object object = element.get_object().value_unsafe();
        if (form == MapForm::VariantMap) {
            // JSON keys are strings: straight into the map, without the
            // entries the ordered form needs (a repeated key keeps its last
            // value, as packetFromMapEntries() gives it).
            VariantMapBuilder map;
            for (const simdjson::dom::key_value_pair field : object) {
                QVariant converted;
                if (!toVariant(field.value, converted, depth + 1, form))
                    return false;
                map.insert(keyString(field.key), std::move(converted));
            }
            out = map.take();
            return true;
        }
        QList<std::pair<QVariant, QVariant>> entries;
        entries.reserve(qsizetype(object.size()));
        for (const simdjson::dom::key_value_pair field : object) {
            QVariant converted;
            if (!toVariant(field.value, converted, depth + 1, form))
                return false;
            entries.append({keyString(field.key), std::move(converted)});
        }
        out = packetFromMapEntries(entries, form);
        return true;
    }
    case element_type::INT64:
        out = QVariant(qlonglong(element.get_int64().value_unsafe()));
        return true;
    case element_type::UINT64: // only above INT64_MAX: smaller ones are INT64
        out = QVariant(qulonglong(element.get_uint64().value_unsafe()));
        return true;
    case element_type::DOUBLE: // a fraction or an exponent: double even when integral
        out = element.get_double().value_unsafe();
        return true;
    case element_type::STRING: out = toQString(element.get_string().value_unsafe()); return true;
    case element_type::BOOL: out = element.get_bool().value_unsafe(); return true;
    case element_type::NULL_VALUE: out = QVariant::fromValue(nullptr); return true;
    }
    return false;
}

constexpr std::string_view Utf8ByteOrderMark = "\xEF\xBB\xBF";

// Sets field index of gadget from a scalar in place (GadgetBuilder::setInteger()
// and setInPlace()); false when it takes the QVariant path.
bool setScalarInPlace(GadgetBuilder &gadget, qsizetype index, simdjson::dom::element value)
{
    using simdjson::dom::element_type;
    switch (value.type()) {
    case element_type::INT64: return gadget.setInteger(index, value.get_int64().value_unsafe());
    case element_type::DOUBLE: return gadget.setInPlace(index, value.get_double().value_unsafe());
    case element_type::BOOL: return gadget.setInPlace(index, value.get_bool().value_unsafe());
    case element_type::STRING:
        return gadget.setInPlace(index, toQString(value.get_string().value_unsafe()));
    default: return false;
    }
}

// The fields of a top-level object into gadget (see readGadgetOr()): a scalar
// of the field's own type in place, the others as the map would hold them.
// Fields that are not properties are still read, for the nesting limit the map
// would meet.
bool toFields(simdjson::dom::object object, GadgetBuilder &gadget)
{
    for (const simdjson::dom::key_value_pair field : object) {
        std::string_view key = field.key;
        // The map's key is QString::fromUtf8()'s, which drops one leading
        // byte order mark: "\uFEFFx" is x there, and so here.
        if (key.starts_with(Utf8ByteOrderMark))
            key.remove_prefix(Utf8ByteOrderMark.size());
        const qsizetype index = gadget.indexOf(QByteArrayView(key.data(), qsizetype(key.size())));
        if (index >= 0 && setScalarInPlace(gadget, index, field.value))
            continue;
        QVariant value;
        if (!toVariant(field.value, value, 1, MapForm::VariantMap))
            return false;
        if (index >= 0)
            gadget.setField(index, std::move(value));
    }
    return true;
}

// The value of a top-level element: a gadget when gadget is given and the
// element makes one, else as toVariant().
bool toPacket(simdjson::dom::element root, QVariant &out, MapForm form, GadgetBuilder *gadget)
{
    return readGadgetOr(
        gadget, out,
        [&](GadgetBuilder &builder) {
            return root.is_object() && toFields(root.get_object().value_unsafe(), builder);
        },
        [&](QVariant &plain) { return toVariant(root, plain, 0, form); });
}

// The value through simdjson, or nothing when simdjson refuses the text (malformed,
// or outside the standard: NaN, Infinity, integers beyond 64 bits, 1e400...).
std::optional<QVariant> readStandard(QByteArrayView text, MapForm form, GadgetBuilder *gadget)
{
    if (text.isEmpty())
        return std::nullopt; // (simdjson would memcpy() from a null pointer)
    std::optional<simdjson::dom::parser> ownParser;
    simdjson::dom::parser *parser = &reusedParser();
    if (text.size() > ReusedParserCapacity)
        parser = &ownParser.emplace();
    simdjson::dom::element root;
    // realloc_if_needed: simdjson reads up to SIMDJSON_PADDING bytes past the end,
    // so it works on a padded copy (in the parser's reused buffer).
    if (parser->parse(text.data(), size_t(text.size()), true).get(root) != simdjson::SUCCESS)
        return std::nullopt;
    QVariant value;
    if (!toPacket(root, value, form, gadget))
        return std::nullopt;
    return value;
}

} // namespace

QVariant JsonReader::read(QByteArrayView text, ParseError &error, MapForm form,
                          GadgetBuilder *gadget)
{
    Q_ASSERT(!gadget || form == MapForm::VariantMap);
    if (std::optional<QVariant> value = readStandard(text, form, gadget))
        return *std::move(value);
    return JsonFallbackReader::read(text, error, form);
}

qsizetype JsonReader::readLines(QByteArrayView lines, qsizetype maxLineSize, MapForm form,
                                QVariantList &values, GadgetBuilder *gadget)
{
    Q_ASSERT(!lines.isEmpty() && lines.size() <= MaxLinesSize && lines.back() == '\n');
    // parse_many() reads up to SIMDJSON_PADDING bytes past the end: a padded copy.
    thread_local std::vector<char> padded(MaxLinesSize + simdjson::SIMDJSON_PADDING);
    std::memcpy(padded.data(), lines.data(), size_t(lines.size()));
    simdjson::dom::document_stream stream;
    // One batch for all: stage 1 runs once over every line.
    if (reusedParser()
            .parse_many(padded.data(), size_t(lines.size()), size_t(lines.size()))
            .get(stream)
        != simdjson::SUCCESS) {
        return 0;
    }
    // A document is taken only when it is exactly its line, less whitespace,
    // and every line before it was taken: then no quote of an earlier
    // malformed line can have changed how the parser split this one, and its
    // value is what read() returns for the line. source() is exact for
    // objects and arrays only: a scalar line goes to read().
    qsizetype taken = 0;
    for (auto it = stream.begin(); it != stream.end() && taken < lines.size(); ++it) {
        const auto *const newline = static_cast<const char *>(
            std::memchr(lines.data() + taken, '\n', size_t(lines.size() - taken)));
        const qsizetype lineEnd = newline - lines.data(); // (lines ends with one)
        if (lineEnd - taken > maxLineSize)
            break;
        qsizetype first = taken;
        while (first < lineEnd && isJsonSpace(lines[first]))
            ++first;
        qsizetype last = lineEnd;
        while (last > first && isJsonSpace(lines[last - 1]))
            --last;
        simdjson::dom::element root;
        if ((*it).get(root) != simdjson::SUCCESS || !(root.is_object() || root.is_array()))
            break;
        const std::string_view source = it.source();
        if (source.data() != padded.data() + first || qsizetype(source.size()) != last - first)
            break;
        // (read in place: a QVariant moved in is one more destroyed per packet)
        if (!toPacket(root, values.emplaceBack(), form, gadget)) {
            values.removeLast();
            break;
        }
        taken = lineEnd + 1;
    }
    return taken;
}

} // namespace EasyNet
