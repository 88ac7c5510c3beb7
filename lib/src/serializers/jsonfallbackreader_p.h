// JsonFallbackReader: the packet of one JSON text through Qt's parser, for the
// texts JsonReader's simdjson pass does not take: the reference's NaN / Infinity /
// -Infinity, integers beyond 64 bits, floats beyond the double range, deeper
// nesting than MaxNestingDepth, lone surrogate escapes, and every malformed text
// (Qt's parser gives the message and the offset of the error). A lexical pass
// rewrites the number tokens Qt cannot read right into marker strings first,
// and for MapForm::OrderedCborMap every object key into a marker holding its
// position (Qt's objects sort their keys and drop repeated ones).
#pragma once

#include <EasyNet/mapform.h>
#include <EasyNet/parseerror.h>

#include <QtCore/QByteArrayView>
#include <QtCore/QVariant>

namespace EasyNet {

class JsonFallbackReader
{
public:
    // The value of one JSON text (surrounding whitespace allowed). On failure
    // returns an invalid QVariant and fills error (offsets relative to text).
    // Objects become maps of the given form.
    static QVariant read(QByteArrayView text, ParseError &error, MapForm form);
};

} // namespace EasyNet
