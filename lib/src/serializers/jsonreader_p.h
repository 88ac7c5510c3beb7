// JsonReader: the packet of one JSON text, with the value model and the
// strictness documented in jsonserializer.h. simdjson parses and validates the
// text (grammar, UTF-8) and it becomes the QVariant directly: a flat object (a
// gadget's, or one whose values are scalars and lists of scalars) read where
// it stands by simdjson's On-Demand API, anything else through its tree. A
// text simdjson refuses goes to JsonFallbackReader, which reads the
// reference's non-standard values and reports the errors.
#pragma once

#include <EasyNet/mapform.h>
#include <EasyNet/parseerror.h>

#include <QtCore/QByteArrayView>
#include <QtCore/QVariant>

#include <vector>

namespace EasyNet {

class GadgetBuilder;

class JsonReader
{
public:
    // The value of one JSON text (surrounding whitespace allowed). On failure
    // returns an invalid QVariant and fills error (offsets relative to text).
    // Objects become maps of the given form. With a gadget builder (and the
    // VariantMap form), a top-level object that makes a gadget becomes it.
    static QVariant read(QByteArrayView text, ParseError &error, MapForm form,
                         GadgetBuilder *gadget = nullptr);

    // The most bytes of lines readLines() takes at once.
    static constexpr qsizetype MaxLinesSize = 4 * 1024;

    // A line readLines() took: what read() returns for it, and its size
    // without the '\n'.
    struct Line
    {
        QVariant value;
        qsizetype size = 0;
    };

    // JSON lines (lines: whole lines, each ending in '\n', at most
    // MaxLinesSize bytes) in one pass of the parser: appends each line to
    // out, in order, and stops before the first line longer than maxLineSize
    // or that read() would not take from the parser as one object or array
    // (a scalar, a malformed or non-standard text, too deep a nesting): the
    // caller reads that one with read(). Returns how many bytes of lines were
    // taken.
    static qsizetype readLines(QByteArrayView lines, qsizetype maxLineSize, MapForm form,
                               std::vector<Line> &out, GadgetBuilder *gadget = nullptr);
};

} // namespace EasyNet
