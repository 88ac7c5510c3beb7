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
#include <charconv>
#include <cstdint>
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

// The On-Demand parser of the thread, for the gadget fast path (texts up to
// JsonReader::MaxLinesSize, for which its buffers are made once).
simdjson::ondemand::parser &onDemandParser()
{
    thread_local simdjson::ondemand::parser parser = [] {
        simdjson::ondemand::parser made(JsonReader::MaxLinesSize);
        // (a failure is met again, and reported, by iterate())
        [[maybe_unused]] const simdjson::error_code error = made.allocate(JsonReader::MaxLinesSize);
        return made;
    }();
    return parser;
}

// The thread's copy of text (at most JsonReader::MaxLinesSize bytes), with
// room for the SIMDJSON_PADDING bytes simdjson reads past the end of a text.
// Returns where it starts, followed by at least PaddedCapacity - text.size()
// bytes.
constexpr size_t PaddedCapacity = JsonReader::MaxLinesSize + simdjson::SIMDJSON_PADDING;
const char *paddedCopy(QByteArrayView text)
{
    Q_ASSERT(text.size() <= JsonReader::MaxLinesSize);
    thread_local std::vector<char> padded(PaddedCapacity);
    std::memcpy(padded.data(), text.data(), size_t(text.size()));
    return padded.data();
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

// What each JSON scalar becomes in the value model, read through simdjson's
// tree or its On-Demand API alike.
QVariant scalarValue(std::int64_t value)
{
    return QVariant(qlonglong(value));
}
QVariant scalarValue(std::uint64_t value) // only above INT64_MAX: smaller ones are signed
{
    return QVariant(qulonglong(value));
}
QVariant scalarValue(double value) // a fraction or an exponent: double even when integral
{
    return QVariant(value);
}
QVariant scalarValue(std::string_view text)
{
    return toQString(text);
}
QVariant scalarValue(bool value)
{
    return QVariant(value);
}
QVariant scalarValue(std::nullptr_t)
{
    return QVariant::fromValue(nullptr);
}

// Sets field index of gadget from a scalar in place (GadgetBuilder::setInteger()
// and setInPlace()); false when it takes the QVariant path.
bool setInPlace(GadgetBuilder &gadget, qsizetype index, std::int64_t value)
{
    return gadget.setInteger(index, value);
}
bool setInPlace(GadgetBuilder &gadget, qsizetype index, double value)
{
    return gadget.setInPlace(index, value);
}
bool setInPlace(GadgetBuilder &gadget, qsizetype index, bool value)
{
    return gadget.setInPlace(index, value);
}
bool setInPlace(GadgetBuilder &gadget, qsizetype index, std::string_view text)
{
    return gadget.setInPlace(index, toQString(text));
}
bool setInPlace(GadgetBuilder &, qsizetype, std::uint64_t)
{
    return false;
}
bool setInPlace(GadgetBuilder &, qsizetype, std::nullptr_t)
{
    return false;
}

// Returns use(scalar) for a scalar of simdjson's tree, as one of
// scalarValue()'s types; false for an array or an object.
template<typename Use>
bool withScalar(simdjson::dom::element element, Use &&use)
{
    using simdjson::dom::element_type;
    switch (element.type()) {
    case element_type::INT64: return use(element.get_int64().value_unsafe());
    case element_type::UINT64: return use(element.get_uint64().value_unsafe());
    case element_type::DOUBLE: return use(element.get_double().value_unsafe());
    case element_type::STRING: return use(element.get_string().value_unsafe());
    case element_type::BOOL: return use(element.get_bool().value_unsafe());
    case element_type::NULL_VALUE: return use(nullptr);
    default: return false;
    }
}

// Corrects number, a fraction simdjson's On-Demand API read from token (as
// raw_json_token() gives it), when the token is long enough to hold more than
// 19 digits: simdjson 3.0 (Debian 12) reads many of those wrongly there, as
// 0.40002460006700004602 -> 0.0310897... (its tree reads them right). False
// when strtod() cannot read it either (beyond a double): the tree decides.
bool exactDouble(std::string_view token, double &number)
{
    constexpr size_t MostDigitsReadRight = 19;
    if (token.size() <= MostDigitsReadRight)
        return true;
    while (!token.empty() && (isJsonSpace(token.back()) || token.back() == '\n'))
        token.remove_suffix(1);
    const std::from_chars_result read
        = std::from_chars(token.data(), token.data() + token.size(), number);
    return read.ec == std::errc() && read.ptr == token.data() + token.size();
}

// The same for a value of the On-Demand API whose type (value.type()) the
// caller has read, and which is read here: false also for a malformed one.
template<typename Use>
bool withScalar(simdjson::ondemand::value value, simdjson::ondemand::json_type type, Use &&use)
{
    using simdjson::ondemand::json_type;
    switch (type) {
    case json_type::number: {
        // Not get_number(): up to simdjson 3.6.3 it gives 0 for a fraction
        // of more than 19 digits (simdjson issue 2099).
        simdjson::ondemand::number_type numberType;
        if (value.get_number_type().get(numberType) != simdjson::SUCCESS)
            return false;
        switch (numberType) {
        case simdjson::ondemand::number_type::signed_integer: {
            std::int64_t integer = 0;
            return value.get_int64().get(integer) == simdjson::SUCCESS && use(integer);
        }
        case simdjson::ondemand::number_type::unsigned_integer: {
            std::uint64_t integer = 0;
            return value.get_uint64().get(integer) == simdjson::SUCCESS && use(integer);
        }
        case simdjson::ondemand::number_type::floating_point_number: {
            double number = 0;
            return value.get_double().get(number) == simdjson::SUCCESS
                && exactDouble(value.raw_json_token(), number) && use(number);
        }
        }
        return false;
    }
    case json_type::string: {
        std::string_view text;
        return value.get_string().get(text) == simdjson::SUCCESS && use(text);
    }
    case json_type::boolean: {
        bool flag = false;
        return value.get_bool().get(flag) == simdjson::SUCCESS && use(flag);
    }
    case json_type::null: {
        bool isNull = false;
        return value.is_null().get(isNull) == simdjson::SUCCESS && isNull && use(nullptr);
    }
    default: return false;
    }
}

// The same, with the value's type read first.
template<typename Use>
bool withScalar(simdjson::ondemand::value value, Use &&use)
{
    simdjson::ondemand::json_type type;
    return value.type().get(type) == simdjson::SUCCESS && withScalar(value, type, use);
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
    default:
        return withScalar(element, [&](auto scalar) {
            out = scalarValue(scalar);
            return true;
        });
    }
}

constexpr std::string_view Utf8ByteOrderMark = "\xEF\xBB\xBF";

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
        if (index >= 0 && withScalar(field.value, [&](auto scalar) {
                return setInPlace(gadget, index, scalar);
            })) {
            continue;
        }
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

// An On-Demand array of scalars into list, as toVariant() makes it from the
// tree. False for anything else (an object or a list in it) and for malformed
// text.
bool scalarListOnDemand(simdjson::ondemand::value value, QVariantList &list)
{
    static_assert(JsonSerializer::MaxNestingDepth > 1); // (toVariant() takes such a list)
    simdjson::ondemand::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS)
        return false;
    size_t count = 0;
    if (array.count_elements().get(count) != simdjson::SUCCESS)
        return false;
    list.reserve(qsizetype(count));
    for (auto item : array) {
        simdjson::ondemand::value element;
        if (std::move(item).get(element) != simdjson::SUCCESS
            || !withScalar(element, [&](auto scalar) {
                   list.append(scalarValue(scalar));
                   return true;
               })) {
            return false;
        }
    }
    return true;
}

// Field index of gadget from an On-Demand value as toFields() sets it from
// the tree: a scalar in place or as its QVariant, a list of scalars as a
// QVariantList. False for anything else (an object, a nested list) and for
// malformed text.
bool setFieldOnDemand(GadgetBuilder &gadget, qsizetype index, simdjson::ondemand::value value)
{
    const auto setScalar = [&](auto scalar) {
        if (!setInPlace(gadget, index, scalar))
            gadget.setField(index, scalarValue(scalar));
        return true;
    };
    // An integer field's value is read as an integer at once: asking for the
    // value's type, then for its number's type, would scan the number twice
    // more. get_int64() leaves anything else where it is, for the path below.
    std::int64_t integer = 0;
    if (gadget.takesIntegers(index) && value.get_int64().get(integer) == simdjson::SUCCESS)
        return setScalar(integer);
    simdjson::ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS)
        return false;
    if (type == simdjson::ondemand::json_type::array) {
        QVariantList list;
        if (!scalarListOnDemand(value, list))
            return false;
        gadget.setField(index, std::move(list));
        return true;
    }
    return withScalar(value, type, setScalar);
}

// A flat On-Demand object (every value a scalar or a list of scalars) as the
// QVariantMap toVariant() makes of it from the tree: the untyped packets of
// the fast path. False at the first value that takes another path (an
// object, a nested list) and for malformed text.
bool flatMapOnDemand(simdjson::ondemand::object object, QVariant &out)
{
    VariantMapBuilder map;
    for (auto result : object) {
        simdjson::ondemand::field field;
        std::string_view key;
        simdjson::ondemand::json_type type;
        if (std::move(result).get(field) != simdjson::SUCCESS
            || field.unescaped_key().get(key) != simdjson::SUCCESS
            || field.value().type().get(type) != simdjson::SUCCESS) {
            return false;
        }
        QVariant value;
        if (type == simdjson::ondemand::json_type::array) {
            QVariantList list;
            if (!scalarListOnDemand(field.value(), list))
                return false;
            value = std::move(list);
        } else if (!withScalar(field.value(), type, [&](auto scalar) {
                       value = scalarValue(scalar);
                       return true;
                   })) {
            return false;
        }
        map.insert(keyString(key), std::move(value));
    }
    out = map.take();
    return true;
}

// The fields of an On-Demand object into gadget, every key a field and every
// value a scalar or a list of scalars (setFieldOnDemand()). These are the
// packets of the gadget fast path, which simdjson's On-Demand API reads where
// they stand instead of building a tree of the text first (the tree costs a
// small packet more than the rest of its decoding). False, with the builder
// cleared, at the first key or value that takes another path, or malformed
// text: toPacket() then reads the text, and gives what it gives without this
// path.
bool setFieldsOnDemand(simdjson::ondemand::object object, GadgetBuilder &gadget)
{
    for (auto result : object) {
        simdjson::ondemand::field field;
        if (std::move(result).get(field) != simdjson::SUCCESS) {
            gadget.clear();
            return false;
        }
        // A key that is a field's name as it stands (no escape in either)
        // is found in place; another is unescaped first.
        const simdjson::ondemand::raw_json_string rawKey = field.key();
        qsizetype index = gadget.indexWhere([&](const GadgetField &candidate) {
            return candidate.plainName
                && rawKey.unsafe_is_equal(
                    std::string_view(candidate.name.constData(), size_t(candidate.name.size())));
        });
        std::string_view key;
        if (index < 0 && field.unescaped_key().get(key) == simdjson::SUCCESS)
            index = gadget.indexOf(QByteArrayView(key.data(), qsizetype(key.size())));
        if (index < 0 || !setFieldOnDemand(gadget, index, field.value())) {
            gadget.clear();
            return false;
        }
    }
    return true;
}

// The packet of an On-Demand object into out: the gadget when gadget is
// given (setFieldsOnDemand()), else the flat map (flatMapOnDemand()).
// (inline: a hint GCC needs to inline it in both callers, 6 instructions a
// packet)
inline bool readObjectOnDemand(simdjson::ondemand::object object, GadgetBuilder *gadget,
                               QVariant &out)
{
    if (gadget)
        return setFieldsOnDemand(object, *gadget) && gadget->take(out);
    return flatMapOnDemand(object, out);
}

// The packet of one JSON text (at most JsonReader::MaxLinesSize bytes) that
// is an object, with nothing after it, through readObjectOnDemand(); false
// when it does not take the text.
bool readOnDemand(QByteArrayView text, GadgetBuilder *gadget, QVariant &out)
{
    simdjson::ondemand::document document;
    simdjson::ondemand::object object;
    // (get_object() checks that the text ends in '}', not that it ends there)
    return onDemandParser()
               .iterate(paddedCopy(text), size_t(text.size()), PaddedCapacity)
               .get(document)
        == simdjson::SUCCESS
        && document.get_object().get(object) == simdjson::SUCCESS
        && readObjectOnDemand(object, gadget, out)
        && document.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

// The value through simdjson into out, or false when simdjson refuses the text
// (malformed, or outside the standard: NaN, Infinity, integers beyond 64 bits,
// 1e400...).
bool readStandard(QByteArrayView text, MapForm form, GadgetBuilder *gadget, QVariant &out)
{
    if (text.isEmpty())
        return false; // (simdjson would memcpy() from a null pointer)
    if (form == MapForm::VariantMap && text.size() <= JsonReader::MaxLinesSize
        && readOnDemand(text, gadget, out)) {
        return true;
    }
    std::optional<simdjson::dom::parser> ownParser;
    simdjson::dom::parser *parser = &reusedParser();
    if (text.size() > ReusedParserCapacity)
        parser = &ownParser.emplace();
    simdjson::dom::element root;
    // realloc_if_needed: simdjson reads up to SIMDJSON_PADDING bytes past the end,
    // so it works on a padded copy (in the parser's reused buffer).
    return parser->parse(text.data(), size_t(text.size()), true).get(root) == simdjson::SUCCESS
        && toPacket(root, out, form, gadget);
}

// Where the line that starts at from ends ('\n' ends lines).
qsizetype lineEnd(QByteArrayView lines, qsizetype from)
{
    const auto *const newline = static_cast<const char *>(
        std::memchr(lines.data() + from, '\n', size_t(lines.size() - from)));
    return newline - lines.data();
}

// The first non-whitespace byte of the line from..end and the end of its
// last (first == last for a blank line).
struct LineText
{
    qsizetype first;
    qsizetype last;
};
LineText trimmed(QByteArrayView lines, qsizetype from, qsizetype end)
{
    qsizetype first = from;
    while (first < end && isJsonSpace(lines[first]))
        ++first;
    qsizetype last = end;
    while (last > first && isJsonSpace(lines[last - 1]))
        --last;
    return {first, last};
}

// JsonReader::readLines() through readObjectOnDemand(), in one stage 1 over
// all lines (padded: paddedCopy(lines)), up to the first line it does not
// take.
qsizetype readOnDemandLines(QByteArrayView lines, const char *padded, qsizetype maxLineSize,
                            std::vector<JsonReader::Line> &out, GadgetBuilder *gadget)
{
    simdjson::ondemand::document_stream stream;
    if (onDemandParser()
            // (a batch of the capacity the parser has: any other size makes
            // it allocate its buffers again)
            .iterate_many(padded, size_t(lines.size()), size_t(JsonReader::MaxLinesSize))
            .get(stream)
        != simdjson::SUCCESS) {
        return 0;
    }
    // A document is taken when it is exactly its line less whitespace, as in
    // readTreeLines(). It starts where its line does, as the one before it
    // ended on its own line (no string spans lines: stage 1 refuses a raw
    // '\n' in one). It ends there too when the line ends in '}' and the next
    // document starts after the line: that '}' closes the object, which holds
    // no object (readObjectOnDemand() takes none), so no other '}' can.
    qsizetype taken = 0;
    for (auto it = stream.begin(); it != stream.end() && taken < lines.size(); ++it) {
        const qsizetype end = lineEnd(lines, taken);
        const LineText line = trimmed(lines, taken, end);
        if (end - taken > maxLineSize || line.first == line.last || lines[line.last - 1] != '}')
            break;
        simdjson::ondemand::document_reference document;
        simdjson::ondemand::object object;
        // (read in place: a QVariant moved in is one more destroyed per packet)
        JsonReader::Line &read = out.emplace_back();
        if ((*it).get(document) != simdjson::SUCCESS
            || document.get_object().get(object) != simdjson::SUCCESS
            || !readObjectOnDemand(object, gadget, read.value)) {
            out.pop_back();
            break;
        }
        const simdjson::simdjson_result<const char *> next = document.current_location();
        if (next.error() != simdjson::OUT_OF_BOUNDS
            && (next.error() != simdjson::SUCCESS || next.value_unsafe() <= padded + end)) {
            out.pop_back();
            break;
        }
        read.size = end - taken;
        taken = end + 1;
    }
    return taken;
}

// JsonReader::readLines() through simdjson's tree, in one pass of the parser
// over all lines (padded: where the padded copy of lines starts).
qsizetype readTreeLines(QByteArrayView lines, const char *padded, qsizetype maxLineSize,
                        MapForm form, std::vector<JsonReader::Line> &out, GadgetBuilder *gadget)
{
    simdjson::dom::document_stream stream;
    // One batch for all: stage 1 runs once over every line.
    if (reusedParser().parse_many(padded, size_t(lines.size()), size_t(lines.size())).get(stream)
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
        const qsizetype end = lineEnd(lines, taken);
        if (end - taken > maxLineSize)
            break;
        const LineText line = trimmed(lines, taken, end);
        simdjson::dom::element root;
        if ((*it).get(root) != simdjson::SUCCESS || !(root.is_object() || root.is_array()))
            break;
        const std::string_view source = it.source();
        if (source.data() != padded + line.first
            || qsizetype(source.size()) != line.last - line.first) {
            break;
        }
        // (read in place: a QVariant moved in is one more destroyed per packet)
        JsonReader::Line &read = out.emplace_back();
        if (!toPacket(root, read.value, form, gadget)) {
            out.pop_back();
            break;
        }
        read.size = end - taken;
        taken = end + 1;
    }
    return taken;
}

} // namespace

QVariant JsonReader::read(QByteArrayView text, ParseError &error, MapForm form,
                          GadgetBuilder *gadget)
{
    Q_ASSERT(!gadget || form == MapForm::VariantMap);
    QVariant value;
    if (readStandard(text, form, gadget, value))
        return value;
    return JsonFallbackReader::read(text, error, form);
}

qsizetype JsonReader::readLines(QByteArrayView lines, qsizetype maxLineSize, MapForm form,
                                std::vector<Line> &out, GadgetBuilder *gadget)
{
    Q_ASSERT(!lines.isEmpty() && lines.size() <= MaxLinesSize && lines.back() == '\n');
    Q_ASSERT(!gadget || form == MapForm::VariantMap);
    const char *const padded = paddedCopy(lines);
    qsizetype taken = 0;
    if (form == MapForm::VariantMap)
        taken = readOnDemandLines(lines, padded, maxLineSize, out, gadget);
    if (taken == lines.size())
        return taken;
    return taken
        + readTreeLines(lines.sliced(taken), padded + taken, maxLineSize, form, out, gadget);
}

} // namespace EasyNet
