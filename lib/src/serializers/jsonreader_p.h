// JsonReader: the packet of one JSON text, with the value model and the
// strictness documented in jsonserializer.h. simdjson parses and validates the
// text (grammar, UTF-8) and its tree becomes the QVariant directly; a text
// simdjson refuses goes to JsonFallbackReader, which reads the reference's
// non-standard values and reports the errors.
#pragma once

#include <EasyNet/mapform.h>
#include <EasyNet/parseerror.h>

#include <QtCore/QByteArrayView>
#include <QtCore/QVariant>

namespace EasyNet {

class JsonReader
{
public:
    // The value of one JSON text (surrounding whitespace allowed). On failure
    // returns an invalid QVariant and fills error (offsets relative to text).
    // Objects become maps of the given form.
    static QVariant read(QByteArrayView text, ParseError &error, MapForm form);
};

} // namespace EasyNet
